"""Inline suppression directives, written in each format's own comment syntax:

    <!-- claimlint-disable-next-line absolute_safety -- audited, see LEG-12 -->
    {# claimlint-disable miracle-language -- brand name #} ... {# claimlint-enable #}
    # claimlint-disable-file testimonial -- reviews page approved by legal

Codes are rule ids or category ids (none: every rule); the reason follows ` -- `. A directive that
suppresses nothing is reported, so stale ones do not pile up.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from claimlint.findings import FileProblem, Finding, Suppressed

_OPENERS = {
    "html": r"<!--|\{#-?|\{\{!(?:--)?",
    "markdown": r"<!--|\{#-?|\{\{!(?:--)?",
    "mdx": r"<!--|\{/\*|\{#-?|\{\{!(?:--)?",
    "jsx": r"\{/\*|/\*|//",
    "yaml": r"#",
}
_BODY = (
    r"\s*claimlint-(?P<kind>disable-next-line|disable-line|disable-file|disable|enable)\b"
    r"(?P<body>.*?)(?=-?-->|-?#\}|--\}\}|\}\}|\*/|$)"
)
_PATTERNS = {reader: re.compile(f"(?:{opener}){_BODY}", re.M) for reader, opener in _OPENERS.items()}


@dataclass(frozen=True)
class Directive:
    """An inline claimlint-disable comment, and the lines it covers."""

    kind: str
    codes: frozenset[str]  # empty: every rule
    reason: str
    line: int  # where the directive's comment ends
    first_line: int  # the first line it covers
    last_line: int  # the last line it covers

    def covers(self, finding: Finding) -> bool:
        if not self.first_line <= finding.start.line <= self.last_line:
            return False
        return not self.codes or finding.rule_id in self.codes or finding.category in self.codes

    def describe(self) -> str:
        codes = " ".join(sorted(self.codes)) or "(all rules)"
        return f"claimlint-{self.kind} {codes}"


def parse_directives(source: str, reader: str) -> list[Directive]:
    pattern = _PATTERNS.get(reader)
    if pattern is None or "claimlint-" not in source:
        return []
    last_line = source.count("\n") + 1
    found: list[Directive] = []
    open_blocks: list[tuple[int, frozenset[str], str]] = []
    for match in pattern.finditer(source):
        body = match.group("body")
        codes_text, _, reason = body.partition(" -- ")
        codes = frozenset(code for code in re.split(r"[\s,]+", codes_text.strip()) if code)
        line = source.count("\n", 0, match.end()) + 1
        kind = match.group("kind")
        if kind == "disable-next-line":
            found.append(Directive(kind, codes, reason.strip(), line, line + 1, line + 1))
        elif kind == "disable-line":
            found.append(Directive(kind, codes, reason.strip(), line, line, line))
        elif kind == "disable-file":
            found.append(Directive(kind, codes, reason.strip(), line, 1, last_line))
        elif kind == "disable":
            open_blocks.append((line, codes, reason.strip()))
        else:  # enable: closes the matching open blocks (all of them when it names no codes)
            still_open = []
            for start, block_codes, block_reason in open_blocks:
                if not codes or block_codes & codes or not block_codes:
                    found.append(Directive("disable", block_codes, block_reason, start, start, line))
                else:
                    still_open.append((start, block_codes, block_reason))
            open_blocks = still_open
    found.extend(Directive("disable", codes, reason, start, start, last_line) for start, codes, reason in open_blocks)
    return sorted(found, key=lambda d: (d.line, d.kind))


def apply_directives(
    path: str, findings: list[Finding], directives: list[Directive], known_codes: frozenset[str]
) -> tuple[list[Finding], list[Suppressed], list[FileProblem]]:
    """(findings kept, findings suppressed, problems: unknown codes and directives that suppressed nothing)."""
    kept: list[Finding] = []
    suppressed: list[Suppressed] = []
    used: set[Directive] = set()
    for finding in findings:
        directive = next((d for d in directives if d.covers(finding)), None)
        if directive is None:
            kept.append(finding)
        else:
            used.add(directive)
            suppressed.append(Suppressed(finding, "inSource", directive.reason or directive.describe()))
    problems = []
    for directive in directives:
        unknown = sorted(directive.codes - known_codes)
        if unknown:
            problems.append(
                FileProblem(
                    path,
                    f"{directive.describe()}: unknown rule or category '{unknown[0]}'",
                    directive.line,
                    severity="warning",
                )
            )
        elif directive not in used:
            problems.append(
                FileProblem(
                    path, f"{directive.describe()} suppressed nothing; remove it", directive.line, severity="warning"
                )
            )
    return kept, suppressed, problems

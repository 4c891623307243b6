"""Findings and per-file results: plain data, in a stable order."""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass

from claimlint.documents import Position


@dataclass(frozen=True)
class Finding:
    """One claim a rule flagged: where it is in the source, and what to say about it."""

    path: str
    rule_id: str
    category: str
    severity: str
    message: str
    start: Position
    end: Position  # the column after the last character
    source_start: int
    source_end: int
    matched: str  # the source text of the match
    normalised: str  # the match as linted (entities decoded, white space folded)
    rewrite: str

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.source_start, self.source_end, self.rule_id)


@dataclass(frozen=True)
class Suppressed:
    """A finding silenced by an inline directive (`inSource`) or an approved claim (`external`)."""

    finding: Finding
    kind: str
    justification: str
    approved_text: str | None = None


@dataclass(frozen=True)
class FileProblem:
    """A file that could not be linted, a rule that failed on it, or a stale directive; the run goes on."""

    path: str
    message: str
    line: int | None = None
    rule_id: str | None = None
    severity: str = "error"


@dataclass(frozen=True)
class FileResult:
    """Everything one file gave: findings, problems, and findings suppressed or approved."""

    path: str
    findings: tuple[Finding, ...]
    problems: tuple[FileProblem, ...]
    suppressed: tuple[Suppressed, ...] = ()


def fingerprints(result: FileResult) -> dict[Finding, str]:
    """A line-independent fingerprint per finding (suppressed ones included): rule, path and the
    normalised matched text, numbered among identical claims in file order."""
    every = sorted([*result.findings, *(s.finding for s in result.suppressed)], key=Finding.sort_key)
    seen: Counter[tuple[str, str, str]] = Counter()
    prints = {}
    for finding in every:
        key = (finding.rule_id, finding.path, " ".join(finding.normalised.lower().split()))
        seen[key] += 1
        prints[finding] = hashlib.sha256("\0".join((*key, str(seen[key]))).encode()).hexdigest()[:32]
    return prints

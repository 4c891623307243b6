"""Adopting claimlint on an existing site: a baseline of today's findings, matched by fingerprint,
and reporting only findings on lines changed since a git merge base."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from claimlint import __version__
from claimlint.findings import fingerprints
from claimlint.lint import Report
from claimlint.yamlsource import ConfigError

BASELINE_VERSION = 1


def baseline_text(report: Report) -> str:
    """The baseline file for the findings reported now (findings no longer present are not kept)."""
    entries = [
        {"fingerprint": prints[f], "rule": f.rule_id, "path": f.path, "text": f.normalised}
        for result in report.results
        for prints in [fingerprints(result)]
        for f in result.findings
    ]
    entries.sort(key=lambda e: (e["path"], e["rule"], e["fingerprint"]))
    document = {"claimlint_baseline": BASELINE_VERSION, "version": __version__, "findings": entries}
    import json  # imported on use: most runs have no baseline, and json slows every start

    return json.dumps(document, indent=1, ensure_ascii=False) + "\n"


def load_baseline(path: Path) -> frozenset[str]:
    import json

    try:
        document = json.loads(path.read_text(encoding="utf-8"))
        if document.get("claimlint_baseline") != BASELINE_VERSION:
            raise ValueError("not a claimlint baseline (version 1)")
        return frozenset(entry["fingerprint"] for entry in document["findings"])
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as error:
        raise ConfigError(path, None, f"cannot read the baseline: {error}") from None


def without_baseline(report: Report, known: frozenset[str]) -> tuple[Report, int]:
    """The report without findings recorded in the baseline, and how many were left out."""
    results, left_out = [], 0
    for result in report.results:
        prints = fingerprints(result)
        kept = tuple(f for f in result.findings if prints[f] not in known)
        left_out += len(result.findings) - len(kept)
        results.append(replace(result, findings=kept))
    return replace(report, results=tuple(results)), left_out


_HUNK = re.compile(r"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@", re.M)


def changed_lines(ref: str, cwd: Path) -> tuple[dict[str, set[int]], set[str]]:
    """Lines added or changed since the merge base with `ref`, by path relative to `cwd`, and the
    paths git does not track yet (all their lines count as changed)."""

    import subprocess  # here: most runs never compare with git, and it slows every start

    def git(*args: str) -> str:
        try:
            return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=True).stdout
        except (OSError, subprocess.CalledProcessError) as error:
            detail = getattr(error, "stderr", "") or str(error)
            raise ConfigError(None, None, f"--diff-base {ref}: git failed: {detail.strip()}") from None

    base = git("merge-base", ref, "HEAD").strip()
    lines: dict[str, set[int]] = {}
    current = None
    for line in git("diff", "-U0", "--no-color", "--relative", base, "--").splitlines():
        if line.startswith("+++ "):
            current = None if line == "+++ /dev/null" else line[6:] if line.startswith("+++ b/") else line[4:]
            if current is not None:
                lines.setdefault(current, set())
        elif current is not None and (hunk := _HUNK.match(line)):
            start, count = int(hunk.group(1)), int(hunk.group(2) or 1)
            lines[current].update(range(start, start + count))
    untracked = set(git("ls-files", "--others", "--exclude-standard").splitlines())
    return lines, untracked


def only_changed(report: Report, changes: tuple[dict[str, set[int]], set[str]]) -> tuple[Report, int]:
    """The report restricted to findings that start on changed lines, and how many were left out."""
    lines, untracked = changes
    results, left_out = [], 0
    for result in report.results:
        if result.path in untracked:
            results.append(result)
            continue
        changed = lines.get(result.path, set())
        kept = tuple(f for f in result.findings if f.start.line in changed)
        left_out += len(result.findings) - len(kept)
        results.append(replace(result, findings=kept))
    return replace(report, results=tuple(results)), left_out

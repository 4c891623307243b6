"""JSON output; its schema is documented in docs/json-format.md and versioned by `schema_version`."""

from __future__ import annotations

import json

from claimlint import __version__
from claimlint.findings import Finding
from claimlint.format_text import summary_counts
from claimlint.lint import Report

SCHEMA_VERSION = 1


def _finding(f: Finding) -> dict[str, object]:
    return {
        "path": f.path,
        "rule": f.rule_id,
        "category": f.category,
        "severity": f.severity,
        "message": f.message,
        "start": {"line": f.start.line, "column": f.start.column, "offset": f.source_start},
        "end": {"line": f.end.line, "column": f.end.column, "offset": f.source_end},
        "matched": f.matched,
        "normalised": f.normalised,
        "rewrite": f.rewrite,
    }


def format_json(report: Report) -> str:
    total, by_severity, files_with, files = summary_counts(report)
    problems = [
        {"path": p.path, "line": p.line, "rule": p.rule_id, "severity": p.severity, "message": p.message}
        for r in report.results
        for p in r.problems
    ] + [
        {"path": m, "line": None, "rule": None, "severity": "error", "message": "no such file or directory"}
        for m in report.missing
    ]
    suppressed = [
        {
            **_finding(s.finding),
            "suppression": {"kind": s.kind, "justification": s.justification, "approved_text": s.approved_text},
        }
        for r in report.results
        for s in r.suppressed
    ]
    document = {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "claimlint", "version": __version__},
        "findings": [_finding(f) for r in report.results for f in r.findings],
        "problems": problems,
        "suppressed": suppressed,
        "summary": {
            "files": files,
            "files_with_findings": files_with,
            "findings": total,
            "by_severity": {s: by_severity[s] for s in ("error", "warning", "note")},
            "problems": len(problems),
            "suppressed": len(suppressed),
        },
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"

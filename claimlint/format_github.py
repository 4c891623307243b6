"""GitHub Actions workflow commands: annotations on the pull request without code scanning."""

from __future__ import annotations

from claimlint.lint import Report

_LEVELS = {"error": "error", "warning": "warning", "note": "notice"}


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def format_github(report: Report) -> str:
    lines = []
    for result in report.results:
        for f in result.findings:
            props = (
                f"file={_property(f.path)},line={f.start.line},col={f.start.column},"
                f"endLine={f.end.line},endColumn={f.end.column},title={_property(f'{f.rule_id} ({f.category})')}"
            )
            message = f'{f.message} Matched: "{f.normalised}". Rewrite: {f.rewrite}'
            lines.append(f"::{_LEVELS[f.severity]} {props}::{_data(message)}")
        for problem in result.problems:
            line = f",line={problem.line}" if problem.line else ""
            level = _LEVELS[problem.severity]
            lines.append(f"::{level} file={_property(problem.path)}{line},title=claimlint::{_data(problem.message)}")
    for missing in report.missing:
        lines.append(f"::error title=claimlint::{_data(missing + ': no such file or directory')}")
    return "\n".join(lines) + ("\n" if lines else "")

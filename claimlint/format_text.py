"""Human-readable output: one line per finding, problems, and a summary line."""

from __future__ import annotations

from collections import Counter

import click

from claimlint.lint import Report

_COLOURS = {"error": "red", "warning": "yellow", "note": "cyan"}


def summary_counts(report: Report) -> tuple[int, Counter[str], int, int]:
    """(findings, findings by severity, files with findings, files linted)."""
    by_severity: Counter[str] = Counter(f.severity for r in report.results for f in r.findings)
    files_with = sum(1 for r in report.results if r.findings)
    return sum(by_severity.values()), by_severity, files_with, len(report.results)


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def format_text(report: Report, color: bool = False, show_suppressed: bool = False) -> str:
    def style(text: str, **kwargs: object) -> str:
        return click.style(text, **kwargs) if color else text  # type: ignore[arg-type]

    lines = []
    for result in report.results:
        for f in result.findings:
            where = style(f"{f.path}:{f.start.line}:{f.start.column}:", bold=True)
            severity = style(f"[{f.severity}]", fg=_COLOURS[f.severity])
            lines.append(f'{where} {style(f.rule_id, bold=True)} {severity} {f.message} ("{f.normalised}")')
        if show_suppressed:
            for silenced in result.suppressed:
                f = silenced.finding
                where = style(f"{f.path}:{f.start.line}:{f.start.column}:", dim=True)
                lines.append(f"{where} {f.rule_id} [suppressed: {silenced.justification}] {f.message}")
        for problem in result.problems:
            where = f"{problem.path}:{problem.line}:" if problem.line else f"{problem.path}:"
            label = style(problem.severity, fg=_COLOURS[problem.severity])
            lines.append(f"{style(where, bold=True)} {label}: {problem.message}")
    for missing in report.missing:
        lines.append(f"{style(missing + ':', bold=True)} {style('error', fg='red')}: no such file or directory")
    total, by_severity, files_with, files = summary_counts(report)
    problems = sum(len(r.problems) for r in report.results) + len(report.missing)
    if total:
        detail = ", ".join(_plural(by_severity[s], s) for s in ("error", "warning", "note") if by_severity[s])
        summary = f"Found {_plural(total, 'finding')} ({detail}) in {files_with} of {_plural(files, 'file')}."
    else:
        summary = f"No findings in {_plural(files, 'file')}."
    if problems:
        summary += f" {_plural(problems, 'problem')}."
    silenced_count = sum(len(r.suppressed) for r in report.results)
    if silenced_count:
        summary += f" {silenced_count} suppressed."
    lines.append(style(summary, bold=True))
    return "\n".join(lines) + "\n"

"""The output formats, in one table, and the options they take."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from claimlint.lint import Report


@dataclass(frozen=True)
class OutputOptions:
    """How a report is shown, beyond its format."""

    color: bool = False
    show_suppressed: bool = False
    sarif_category: str | None = None
    sarif_root_uri: str | None = None


# Each formatter's module is imported when it is used: a run pays only for its own format.
def _text(report: Report, options: OutputOptions) -> str:
    from claimlint.format_text import format_text

    return format_text(report, options.color, options.show_suppressed)


def _json(report: Report, options: OutputOptions) -> str:
    from claimlint.format_json import format_json

    return format_json(report)


def _sarif(report: Report, options: OutputOptions) -> str:
    from claimlint.format_sarif import format_sarif

    return format_sarif(report, options.show_suppressed, options.sarif_category, options.sarif_root_uri)


def _github(report: Report, options: OutputOptions) -> str:
    from claimlint.format_github import format_github

    return format_github(report)


FORMATTERS: dict[str, Callable[[Report, OutputOptions], str]] = {
    "text": _text,
    "json": _json,
    "sarif": _sarif,
    "github": _github,
}

"""The output formats, in one table, and the options they take."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from claimlint.format_github import format_github
from claimlint.format_json import format_json
from claimlint.format_sarif import format_sarif
from claimlint.format_text import format_text
from claimlint.lint import Report


@dataclass(frozen=True)
class OutputOptions:
    color: bool = False
    show_suppressed: bool = False
    sarif_category: str | None = None
    sarif_root_uri: str | None = None


FORMATTERS: dict[str, Callable[[Report, OutputOptions], str]] = {
    "text": lambda report, options: format_text(report, options.color, options.show_suppressed),
    "json": lambda report, options: format_json(report),
    "sarif": lambda report, options: format_sarif(
        report, options.show_suppressed, options.sarif_category, options.sarif_root_uri
    ),
    "github": lambda report, options: format_github(report),
}

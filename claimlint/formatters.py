"""The output formats, in one table."""

from __future__ import annotations

from collections.abc import Callable

from claimlint.format_github import format_github
from claimlint.format_json import format_json
from claimlint.format_sarif import format_sarif
from claimlint.format_text import format_text
from claimlint.lint import Report

FORMATTERS: dict[str, Callable[[Report, bool], str]] = {
    "text": lambda report, color: format_text(report, color),
    "json": lambda report, color: format_json(report),
    "sarif": lambda report, color: format_sarif(report),
    "github": lambda report, color: format_github(report),
}

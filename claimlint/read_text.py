"""Plain text: blank lines separate blocks; a wrapped line joins its neighbour."""

from __future__ import annotations

import re

from claimlint.textmap import TextBuilder

_LINE = re.compile(r"[^\n]*\n?")
_LIST_MARKER = re.compile(r"\s*(?:[-*+\u2022\u25aa\u25cf\u2023\u2043]|\d{1,3}[.)]|[a-zA-Z][.)])\s+")
_ENDS_BLOCK = re.compile(r"[.!?:;\"')\]]\s*$")


def _continues(previous: str, line: str) -> bool:
    """Whether `line` carries on the sentence of `previous` (a wrapped line) or starts a new block."""
    if not previous.strip() or not line.strip():
        return False
    if _ENDS_BLOCK.search(previous) or _LIST_MARKER.match(line):
        return False
    first = line.lstrip()[:1]
    return first.islower() or first.isdigit()


def add_plain_lines(builder: TextBuilder, source: str, start: int = 0, end: int | None = None) -> None:
    """Add the lines of `source[start:end]` as plain-text blocks."""
    end = len(source) if end is None else end
    previous = ""
    for match in _LINE.finditer(source, start, end):
        line = match.group()
        if not line:
            break
        body = line.rstrip("\r\n")
        if not body.strip() or not _continues(previous, body):
            builder.end_block()
        marker = _LIST_MARKER.match(body)
        skip = marker.end() if marker else 0
        if marker:
            builder.start_item()
        builder.add(body[skip:], match.start() + skip)
        builder.space(match.start() + len(body))
        previous = body


def read_text(source: str) -> TextBuilder:
    builder = TextBuilder()
    add_plain_lines(builder, source)
    return builder

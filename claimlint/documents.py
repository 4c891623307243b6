"""Documents: decoded source, the linted text with its offset map, and source positions."""

from __future__ import annotations

import codecs
from bisect import bisect_right
from dataclasses import dataclass, field

from claimlint.textmap import OffsetMap


class DocumentError(Exception):
    """A file that cannot be linted (binary, undecodable, unreadable); carries a clear reason."""


@dataclass(frozen=True)
class Position:
    """1-based line and column; columns count code points, `column_utf16` counts UTF-16 units."""

    line: int
    column: int
    column_utf16: int


@dataclass(frozen=True)
class Document:
    path: str
    source: str
    text: str
    offsets: OffsetMap
    reader: str
    line_starts: tuple[int, ...] = field(repr=False, default=())

    def position(self, src_offset: int) -> Position:
        """Position of a source offset; an end offset gives the column after the last character."""
        line_index = bisect_right(self.line_starts, src_offset) - 1
        line_start = self.line_starts[line_index]
        prefix = self.source[line_start:src_offset]
        astral = sum(1 for ch in prefix if ord(ch) > 0xFFFF)
        return Position(line_index + 1, len(prefix) + 1, len(prefix) + astral + 1)


def line_starts_of(source: str) -> tuple[int, ...]:
    starts = [0]
    pos = source.find("\n")
    while pos != -1:
        starts.append(pos + 1)
        pos = source.find("\n", pos + 1)
    return tuple(starts)


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def decode(data: bytes) -> str:
    """Decode file bytes: a BOM decides the encoding, otherwise UTF-8. The BOM is not kept."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding)
            except UnicodeDecodeError as error:
                raise DocumentError(f"not valid {encoding} despite its byte-order mark") from error
    if b"\x00" in data[:8192]:
        raise DocumentError("binary file (contains NUL bytes)")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise DocumentError(f"not valid UTF-8 (line {line}, byte {error.start})") from error

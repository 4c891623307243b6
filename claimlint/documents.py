"""Documents: decoded source, the linted text with its offset map, and source positions."""

from __future__ import annotations

import codecs
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import cached_property

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
    """A file as read: its source, the linted text, and the map from one to the other."""

    path: str
    source: str
    text: str
    offsets: OffsetMap
    reader: str
    line_starts: tuple[int, ...] = field(repr=False, default=())
    notices: tuple[tuple[str, str], ...] = ()  # (severity, message): encodings guessed, parts not read
    list_items: frozenset[int] = frozenset()  # text offsets where list-item blocks start

    def position(self, src_offset: int) -> Position:
        """Position of a source offset; an end offset gives the column after the last character."""
        line_index = bisect_right(self.line_starts, src_offset) - 1
        line_start = self.line_starts[line_index]
        column = src_offset - line_start
        # Characters taking two UTF-16 units, counted by bisection: a line may be megabytes long.
        column_utf16 = column + bisect_left(self.astral, src_offset) - bisect_left(self.astral, line_start)
        return Position(line_index + 1, column + 1, column_utf16 + 1)

    @cached_property
    def astral(self) -> tuple[int, ...]:
        """Source offsets of the characters outside the Basic Multilingual Plane."""
        if self.source.isascii():
            return ()
        return tuple(match.start() for match in _ASTRAL.finditer(self.source))


_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


def line_starts_of(source: str) -> tuple[int, ...]:
    return (0, *[line_break.end() for line_break in _LINE_BREAK.finditer(source)])


_LINE_BREAK = re.compile("\n")


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


_DECLARED_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)


@dataclass(frozen=True)
class Decoded:
    """A file's bytes decoded, with a note when the encoding had to be guessed."""

    text: str
    notice: str | None = None  # how the encoding was guessed, when it was


def _declared_charset(data: bytes) -> str | None:
    match = _DECLARED_CHARSET.search(data[:4096])
    if match is None:
        return None
    try:
        return codecs.lookup(match.group(1).decode("ascii")).name
    except LookupError:
        return None


def _windows_1252(data: bytes) -> str:
    # Bytes Windows-1252 leaves undefined are read as Latin-1, so every byte maps to a character.
    return (
        data.decode("cp1252", errors="strict")
        if not any(b in data for b in (0x81, 0x8D, 0x8F, 0x90, 0x9D))
        else data.decode("latin-1")
    )


def decode(data: bytes, html: bool = False) -> Decoded:
    """Decode file bytes: a BOM decides, then a declared `<meta charset>` (HTML), then UTF-8; text that
    is not UTF-8 is read as Windows-1252 with a notice. The BOM is not kept. Binary files are errors."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data[len(bom) :].decode(encoding))
            except UnicodeDecodeError:
                raise DocumentError(f"not valid {encoding} despite its byte-order mark") from None
    if b"\x00" in data[:8192]:
        raise DocumentError("binary file (contains NUL bytes)")
    declared = _declared_charset(data) if html else None
    if declared and declared not in ("utf-8", "ascii"):
        try:
            return Decoded(data.decode(declared))
        except (UnicodeDecodeError, LookupError):
            pass
    try:
        return Decoded(data.decode("utf-8"))
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        return Decoded(_windows_1252(data), f"not valid UTF-8 (first at line {line}); read as Windows-1252")

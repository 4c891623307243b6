"""Markdown: markdown-it-py finds the blocks; an exact inline scanner keeps source offsets.

markdown-it's inline tokens carry no offsets, so each block's raw inline source is located line by
line in the file (a monotonic cursor, never a search for a match) and scanned here: link text and
image alt text are copy; code spans, URLs and HTML comments are not.
"""

from __future__ import annotations

import re
from functools import cache
from itertools import accumulate
from typing import Any

from claimlint.read_data import add_yaml_strings
from claimlint.read_html import add_html, decode_entity
from claimlint.readers import ContentKeys
from claimlint.textmap import TextBuilder


@cache
def _parser() -> Any:
    """The Markdown parser, built on first use (importing markdown-it-py costs start-up time)."""
    from markdown_it import MarkdownIt
    from mdit_py_plugins.front_matter import front_matter_plugin

    # Only the block structure is used (inline content is scanned here), so markdown-it's inline
    # parse, which fills tokens' children, is switched off: the block tokens are the same without it.
    return MarkdownIt("commonmark").use(front_matter_plugin).enable("table").disable(["inline", "text_join"])


# The lookahead holds how each alternative starts; checking it first spares trying all of them at
# every plain character (the `\b` of `url` defeats the re module's own scan for a first character).
_INLINE = re.compile(
    r"(?=[`!<\]\[*~_\\&]|https?://|www\.)"
    r"(?:(?P<code>(?P<ticks>`+)(?:.+?)(?P=ticks))"
    r"|(?P<image>!\[(?P<alt>[^\]\n]*)\]\([^)\n]*\))"
    r"|(?P<autolink><(?:https?|ftp|mailto):[^>\s]*>)"
    r"|(?P<url>\b(?:https?://|www\.)[^\s<>()\[\]]+)"
    r"|(?P<comment><!--.*?(?:-->|\Z))"
    r"|(?P<tag></?[A-Za-z][^<>]*>)"
    r"|(?P<linkdest>\]\((?:[^()\n]|\([^()\n]*\))*\)|\]\[[^\]\n]*\])"
    r"|(?P<footnote>\[\^[^\]\n]*\])"
    r"|(?P<bracket>\[(?=[^\]\n]*\][(\[]))"
    r"|(?P<emphasis>\*{1,3}|~~|(?<!\w)_{1,3}|_{1,3}(?!\w))"
    r"|(?P<escape>\\[!-/:-@\[-`{-~])"
    r"|(?P<entity>&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});))",
    re.S,
)


class _Segments:
    """Maps offsets in a block's inline content to source offsets, line by line."""

    def __init__(self, lines: list[str], bases: list[int]) -> None:
        self.line_starts = list(accumulate((len(line) + 1 for line in lines[:-1]), initial=0))
        self.bases = bases

    def pieces(self, start: int, end: int) -> list[tuple[int, int, int]]:
        """(content start, content end, source start) for each line piece of [start, end)."""
        if len(self.line_starts) == 1:  # most blocks are one line
            base = self.bases[0]
            return [(start, end, base + start)] if start < end and base >= 0 else []
        found = []
        for index, line_start in enumerate(self.line_starts):
            line_end = self.line_starts[index + 1] - 1 if index + 1 < len(self.line_starts) else 1 << 60
            lo, hi = max(start, line_start), min(end, line_end)
            if lo < hi and self.bases[index] >= 0:
                found.append((lo, hi, self.bases[index] + lo - line_start))
        return found


def _locate_lines(source: str, line_offsets: list[int], first_line: int, lines: list[str], cursor: int) -> list[int]:
    """Source offset of each content line of an inline token (-1 where it cannot be found)."""
    bases = []
    for index, line in enumerate(lines):
        line_no = first_line + index
        if line_no + 1 >= len(line_offsets):
            bases.append(-1)
            continue
        line_start = max(line_offsets[line_no], cursor)
        line_end = line_offsets[line_no + 1]
        found = source.find(line, line_start, line_end) if line else line_start
        bases.append(found)
        if found >= 0:
            cursor = found + len(line)
    return bases


def _add_inline(
    builder: TextBuilder, source: str, content: str, segments: _Segments, deferred: list[tuple[int, int]]
) -> None:
    def add_source(start: int, end: int) -> None:
        previous_end, source_end = start, 0
        for piece_start, piece_end, src in segments.pieces(start, end):
            if piece_start > previous_end:
                builder.space(src)  # a line break between the pieces
            builder.add(content[piece_start:piece_end], src)
            previous_end, source_end = piece_end, src + piece_end - piece_start
        if previous_end < end:
            builder.space(source_end)

    def source_span(start: int, end: int) -> tuple[int, int]:
        pieces = segments.pieces(start, end)
        if not pieces:
            return (0, 0)
        first, last = pieces[0], pieces[-1]
        return first[2], last[2] + last[1] - last[0]

    pos = 0
    for token in _INLINE.finditer(content):
        kind = token.lastgroup
        if kind in ("ticks", "alt"):
            kind = "code" if token.group("code") else "image"
        if token.start() > pos:
            add_source(pos, token.start())
        pos = token.end()
        if kind in ("code", "autolink", "url", "image", "footnote"):
            builder.opaque(*source_span(token.start(), token.end()))
            if kind == "image" and token.group("alt").strip():
                deferred.append(source_span(token.start("alt"), token.end("alt")))
        elif kind == "escape":
            builder.add_replacement(token.group()[1], *source_span(token.start(), token.end()))
        elif kind == "entity":
            decoded = decode_entity(token.group())
            span = source_span(token.start(), token.end())
            if decoded is None:
                builder.add(token.group(), span[0])
            else:
                builder.add_replacement(decoded, *span)
        # tags, comments, link destinations, brackets and emphasis markers add nothing
    if pos < len(content):
        add_source(pos, len(content))


def add_markdown(builder: TextBuilder, source: str, keys: ContentKeys) -> None:
    line_offsets = list(accumulate(map(len, source.splitlines(keepends=True)), initial=0))
    line_offsets.append(len(source))
    deferred: list[tuple[int, int]] = []
    row_cursor = (-1, 0)  # (line, offset): table cells on one row are located left to right
    in_item = False  # the next inline content opens a list item
    for token in _parser().parse(source):
        kind = token.type
        if kind == "list_item_open":
            in_item = True
        elif kind == "front_matter" and token.map:
            builder.end_block()
            if not add_yaml_strings(
                builder, source, line_offsets[token.map[0] + 1], line_offsets[token.map[1] - 1], keys
            ):
                builder.notes.append(
                    f"front matter (line {token.map[0] + 1}) is not valid YAML; its values were not linted"
                )
        elif kind == "html_block" and token.map:
            builder.end_block()
            add_html(builder, source, line_offsets[token.map[0]], line_offsets[token.map[1]])
        elif kind == "inline" and token.map:
            builder.end_block()
            if in_item:
                builder.start_item()
                in_item = False
            first_line, content = token.map[0], token.content
            lines = content.split("\n")
            cursor = row_cursor[1] if row_cursor[0] == first_line else 0
            bases = _locate_lines(source, line_offsets, first_line, lines, cursor)
            if bases and bases[-1] >= 0:
                row_cursor = (first_line, bases[-1] + len(lines[-1]))
            _add_inline(builder, source, content, _Segments(lines, bases), deferred)
            builder.end_block()
    for alt_start, alt_end in deferred:
        builder.end_block()
        builder.add(source[alt_start:alt_end], alt_start)
    builder.end_block()


def read_markdown(source: str, keys: ContentKeys | None = None) -> TextBuilder:
    builder = TextBuilder()
    add_markdown(builder, source, keys or ContentKeys())
    return builder

"""Linted text with an offset map back to the source, and the normalisation applied while building it.

Readers feed source pieces into a `TextBuilder`; it folds typography (quotes, dashes, odd spaces),
drops invisible characters, collapses white space and separates blocks with a newline, recording
for every run of output text the source span it came from. Matches found in the linted text map back
through `OffsetMap` without searching the source again.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

BLOCK_SEPARATOR = "\n"
OPAQUE = "\ufffc"  # stands for skipped inline content

# One-for-one folds keep lengths, so verbatim runs stay linear.
_FOLDS = {
    **{ord(c): "'" for c in "\u2018\u2019\u201a\u201b\u2032\u0060\u00b4"},
    **{ord(c): '"' for c in "\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb"},
    **{ord(c): "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"},
    **{
        ord(c): " "
        for c in "\t\n\r\f\v\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005"
        "\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\u0085"
    },
}
# Characters that vanish from the linted text (soft hyphen, zero-width and BOM).
_INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
_GAP_CHARS = " " + _INVISIBLE
# The characters that are gaps once folded: white space of every kind, and the invisible ones.
_UNFOLDED_GAP_CHARS = " " + "".join(chr(code) for code, folded in _FOLDS.items() if folded == " ") + _INVISIBLE
# A run of gap characters that is not a lone space: it folds to one space or to nothing.
_BREAKING_GAP = re.compile(f"[{_GAP_CHARS}]{{2,}}|[{_INVISIBLE}]")


# str.translate looks every character up in the dict, which is slow; ASCII text goes through a byte
# table instead, and other text has its (usually few) foldable characters replaced by a regex.
_ASCII_FOLDS = bytes.maketrans(
    bytes(code for code in _FOLDS if code < 128), "".join(_FOLDS[code] for code in _FOLDS if code < 128).encode()
)
_FOLDED = {chr(code): folded for code, folded in _FOLDS.items()}
_FOLDABLE = re.compile("[" + re.escape("".join(_FOLDED)) + "]")


def _folded_character(match: re.Match[str]) -> str:
    return _FOLDED[match.group()]


def fold(text: str) -> str:
    """Apply the one-for-one typographic folds (the same ones the builder applies)."""
    if text.isascii():
        return text.encode("ascii").translate(_ASCII_FOLDS).decode("ascii")
    return _FOLDABLE.sub(_folded_character, text)


@dataclass(frozen=True)
class OffsetMap:
    """Runs of linted text, each tied to a source span.

    A run whose text and source lengths agree maps character by character; any other run
    (a decoded entity, collapsed white space) maps as a whole.
    """

    text_starts: tuple[int, ...]
    src_starts: tuple[int, ...]
    src_ends: tuple[int, ...]
    text_length: int

    def _run(self, pos: int) -> int:
        return max(bisect_right(self.text_starts, pos) - 1, 0)

    def _run_length(self, run: int) -> int:
        nxt = self.text_starts[run + 1] if run + 1 < len(self.text_starts) else self.text_length
        return nxt - self.text_starts[run]

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """Source offsets [start, end) of the linted text [start, end) (end > start)."""
        return self.source_start(start), self.source_end(end - 1)

    def source_start(self, pos: int) -> int:
        run = self._run(pos)
        src_start, src_end = self.src_starts[run], self.src_ends[run]
        if self._run_length(run) == src_end - src_start:
            return src_start + pos - self.text_starts[run]
        return src_start

    def source_end(self, pos: int) -> int:
        """Source offset just after the linted character at `pos`."""
        run = self._run(pos)
        src_start, src_end = self.src_starts[run], self.src_ends[run]
        if self._run_length(run) == src_end - src_start:
            return src_start + pos - self.text_starts[run] + 1
        return src_end


class TextBuilder:
    """Accumulates normalised linted text and its offset map. Mutable while a reader works."""

    def __init__(self) -> None:
        self._chunks: list[str] = []
        self._text_starts: list[int] = []
        self._src_starts: list[int] = []
        self._src_ends: list[int] = []
        self._length = 0
        self._verbatim_end = -1  # source end of the last run when it maps character by character
        self._block_open = False
        self._pending_space: tuple[int, int] | None = None
        self.notes: list[str] = []  # what a reader could not read, reported with the file
        self.list_items: list[int] = []  # where blocks that are list items start in the text

    def _emit(self, text: str, src_start: int, src_end: int) -> None:
        if self._pending_space is not None:
            space_start, space_end = self._pending_space
            self._pending_space = None
            self._emit_raw(" ", space_start, space_end)
        self._emit_raw(text, src_start, src_end)
        self._block_open = True

    def _emit_raw(self, text: str, src_start: int, src_end: int) -> None:
        verbatim = len(text) == src_end - src_start
        # Merge with the previous run when both are verbatim and contiguous in text and source.
        if verbatim and src_start == self._verbatim_end:
            self._src_ends[-1] = src_end
        else:
            self._text_starts.append(self._length)
            self._src_starts.append(src_start)
            self._src_ends.append(src_end)
        self._verbatim_end = src_end if verbatim else -1
        self._chunks.append(text)
        self._length += len(text)

    def add(self, source_text: str, src_start: int) -> None:
        """Add a verbatim slice of the source that starts at `src_start`."""
        # Folding keeps lengths and turns white space into spaces, so the gaps at either end are found
        # before folding (often the whole slice is indentation) and only the words between are folded.
        core = source_text.strip(_UNFOLDED_GAP_CHARS)
        if not core:  # white space or nothing: at most a word break
            if self._block_open and self._pending_space is None and source_text.strip(_INVISIBLE):
                self._pending_space = (src_start, src_start + len(source_text))
            return
        lead = len(source_text) - len(source_text.lstrip(_UNFOLDED_GAP_CHARS))
        end = lead + len(core)
        if lead and self._block_open and self._pending_space is None and source_text[:lead].strip(_INVISIBLE):
            self._pending_space = (src_start, src_start + lead)
        # Words joined by one space are already normal text: they go out as one piece, and only the
        # gaps that change the text (longer runs, invisible characters) split it. ASCII text has no
        # invisible characters, so there a double space is the only such gap.
        folded = fold(core)
        breaking_gaps = () if folded.isascii() and "  " not in folded else _BREAKING_GAP.finditer(folded)
        core_start = src_start + lead
        pos = 0
        for gap in breaking_gaps:
            gap_start, gap_end = gap.span()
            self._emit(folded[pos:gap_start], core_start + pos, core_start + gap_start)
            if " " in gap.group():
                self._pending_space = (core_start + gap_start, core_start + gap_end)
            pos = gap_end
        self._emit(folded[pos:], core_start + pos, src_start + end)
        if end < len(source_text) and source_text[end:].strip(_INVISIBLE):
            self._pending_space = (src_start + end, src_start + len(source_text))

    def add_replacement(self, text: str, src_start: int, src_end: int) -> None:
        """Add text that stands for the whole source span (a decoded entity, say)."""
        folded = fold(text)
        if not folded.strip(_GAP_CHARS):
            if self._block_open and " " in folded and self._pending_space is None:
                self._pending_space = (src_start, src_end)
            return
        self._emit(folded, src_start, src_end)

    def opaque(self, src_start: int, src_end: int) -> None:
        """Something skipped inside a sentence (inline code, a URL): it stays a word of its own,
        so the words around it never join into a phrase, but it matches no claim."""
        if self._block_open and self._pending_space is None:
            self._pending_space = (src_start, src_start)
        self._emit(OPAQUE, src_start, src_end)
        self._pending_space = (src_end, src_end)

    def space(self, src_pos: int) -> None:
        """A word break with no text of its own (a <br>, a line break between wrapped lines)."""
        if self._block_open and self._pending_space is None:
            self._pending_space = (src_pos, src_pos)

    def start_item(self) -> None:
        """The block that starts next is a list item (a bullet or numbered line, `<li>`)."""
        self.end_block()
        if not self.list_items or self.list_items[-1] != self._length:
            self.list_items.append(self._length)

    def end_block(self) -> None:
        """Close the current block: no phrase may run across this point."""
        self._pending_space = None
        if self._block_open:
            self._emit_raw(BLOCK_SEPARATOR, self._src_ends[-1], self._src_ends[-1])
            self._block_open = False

    def build(self) -> tuple[str, OffsetMap]:
        self.end_block()
        text = "".join(self._chunks)
        offsets = OffsetMap(tuple(self._text_starts), tuple(self._src_starts), tuple(self._src_ends), len(text))
        return text, offsets

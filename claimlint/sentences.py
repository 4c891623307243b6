"""Sentences of the linted text, with offsets. Rules reason about negation, hedges and questions
within one sentence; a sentence never crosses a block."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

_BOUNDARY = re.compile(r"[.!?\u2026]+[\"')\]]*(?= +[^ a-z])|\n")
_LAST_WORD = re.compile(r"([A-Za-z][A-Za-z.]*)\.$")
ABBREVIATIONS = frozenset(
    [
        "dr",
        "mr",
        "mrs",
        "ms",
        "mx",
        "prof",
        "st",
        "vs",
        "etc",
        "e.g",
        "eg",
        "i.e",
        "ie",
        "a.m",
        "p.m",
        "am",
        "pm",
        "no",
        "nos",
        "approx",
        "inc",
        "ltd",
        "co",
        "jr",
        "sr",
        "fig",
        "ref",
        "dept",
        "est",
        "mt",
        "rd",
        "ave",
        "blvd",
        "hon",
        "rev",
        "cf",
        "al",
        "viz",
        "ca",
        "ph.d",
        "md",
        "m.d",
        "b.sc",
        "msc",
        "bsc",
        "dip",
        "hons",
    ]
)


@dataclass(frozen=True)
class Sentences:
    """Sentence spans of one text, in order."""

    starts: tuple[int, ...]
    ends: tuple[int, ...]

    def index_of(self, pos: int) -> int:
        return max(bisect_right(self.starts, pos) - 1, 0)


def _is_abbreviation(text: str, boundary_start: int) -> bool:
    if text[boundary_start] != ".":
        return False
    word = _LAST_WORD.search(text, max(0, boundary_start - 12), boundary_start + 1)
    if word is None:
        return False
    token = word.group(1).lower().rstrip(".")
    return token in ABBREVIATIONS or (len(token) == 1 and word.group(1)[0].isupper())


MAX_SENTENCE = 2000  # longer runs (minified or machine text) are cut at a space to bound the work


def _add(starts: list[int], ends: list[int], text: str, start: int, end: int) -> None:
    while end - start > MAX_SENTENCE:
        cut = text.rfind(" ", start + MAX_SENTENCE // 2, start + MAX_SENTENCE)
        cut = cut if cut > start else start + MAX_SENTENCE
        starts.append(start)
        ends.append(cut)
        start = cut + 1 if text[cut : cut + 1] == " " else cut
    if end > start:
        starts.append(start)
        ends.append(end)


def split_sentences(text: str) -> Sentences:
    starts: list[int] = []
    ends: list[int] = []
    start = 0
    for boundary in _BOUNDARY.finditer(text):
        if boundary.group() != "\n" and _is_abbreviation(text, boundary.start()):
            continue
        end = boundary.end() if boundary.group() != "\n" else boundary.start()
        _add(starts, ends, text, start, end)
        start = boundary.end()
        while start < len(text) and text[start] == " ":
            start += 1
    if start < len(text):
        _add(starts, ends, text, start, len(text))
    if not starts:
        starts, ends = [0], [len(text)]
    return Sentences(tuple(starts), tuple(ends))

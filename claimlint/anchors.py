"""Anchors: the literal word prefixes a pattern's matches must start with.

The engine never scans a document with every pattern. It reads the document's words once, looks each
distinct word up in an index of anchors, and tries a pattern only where one of its anchors starts a
word. Anchors are derived from the compiled expression itself, so they are right for phrases, term
lists and hand-written patterns alike; a pattern whose start cannot be pinned down is unanchored and
searched in full.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

if sys.version_info >= (3, 11):
    import re._constants as sre_constants
    import re._parser as sre_parse
else:  # pragma: no cover - Python 3.10
    import sre_constants
    import sre_parse

DIGIT = "#"  # the anchor for "a word that starts with a digit"
_MAX_PREFIX = 10  # literal characters followed into a pattern
_MAX_ANCHORS = 400  # more alternatives than this and the pattern counts as unanchored
_WORD = re.compile(r"[^\W_]+")

_ZERO_WIDTH = {sre_constants.AT, sre_constants.ASSERT, sre_constants.ASSERT_NOT}
_REPEATS = {sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT, getattr(sre_constants, "POSSESSIVE_REPEAT", None)}


class _Unanchorable(Exception):
    pass


def _class_prefixes(items: list[tuple[Any, Any]]) -> set[str]:
    """A character class: its letters (when few), the digit anchor, or a stop."""
    letters: set[str] = set()
    for op, av in items:
        if op is sre_constants.LITERAL:
            letters.add(chr(av).lower())
        elif (op is sre_constants.CATEGORY and av is sre_constants.CATEGORY_DIGIT) or (
            op is sre_constants.RANGE and av == (ord("0"), ord("9"))
        ):
            return {DIGIT}
        else:
            return {""}
    return letters if 0 < len(letters) <= 6 else {""}


def _prefixes(items: list[tuple[Any, Any]], limit: int) -> set[str]:
    """Literal prefixes every match of `items` starts with ("" where the literal run stops)."""
    if limit == 0 or not items:
        return {""}
    op, av = items[0]
    rest = items[1:]
    if op in _ZERO_WIDTH:
        return _prefixes(rest, limit)
    if op is sre_constants.LITERAL:
        char = chr(av).lower()
        if not char.isalnum():  # the word ends here: later characters cannot narrow its anchor
            return {char}
        return {char + tail for tail in _prefixes(rest, limit - 1)}
    if op is sre_constants.IN:
        found = set()
        for start in _class_prefixes(list(av)):
            if start in ("", DIGIT) or not start.isalnum():
                found.add(start)
            else:
                found |= {start + tail for tail in _prefixes(rest, limit - 1)}
        return _bounded(found)
    if op is sre_constants.CATEGORY:
        return {DIGIT} if av is sre_constants.CATEGORY_DIGIT else {""}
    if op is sre_constants.SUBPATTERN:
        return _prefixes(list(av[-1]) + rest, limit)
    if op is sre_constants.BRANCH:
        found = set()
        for alternative in av[1]:
            found |= _prefixes(list(alternative) + rest, limit)
        return _bounded(found)
    if op in _REPEATS:
        low, high, sub = av
        sub_items = list(sub)
        # After one repetition the text may repeat again, so a longer repeat stops the prefix there.
        once = _prefixes(sub_items + rest, limit) if high == 1 else _prefixes(sub_items, limit)
        return _bounded(once | (_prefixes(rest, limit) if low == 0 else set()))
    return {""}


def _bounded(found: set[str]) -> set[str]:
    if len(found) > _MAX_ANCHORS:
        raise _Unanchorable
    return found


def _word_start(prefix: str) -> str:
    """What the first word of a match must be: `word` when the literal shows the word ending there,
    `word*` when the word may go on (a stem, or where the literal run stops), "" when unknown."""
    if prefix == DIGIT or prefix[:1].isdigit():
        return DIGIT
    match = _WORD.match(prefix)
    if match is None:
        return ""
    return match.group() if match.end() < len(prefix) else match.group() + "*"


def _starts_at_word(items: list[tuple[Any, Any]]) -> bool:
    """Whether every match starts with a word-boundary check (`\\b`, `(?<!\\w)`), so at a word's start."""
    if not items:
        return False
    op, av = items[0]
    if op is sre_constants.AT:
        return av in (sre_constants.AT_BOUNDARY, sre_constants.AT_BEGINNING, sre_constants.AT_BEGINNING_STRING)
    if op is sre_constants.ASSERT_NOT:  # a negative lookbehind on word characters, as phrases use
        direction, pattern = av
        return direction == -1 and any(
            op2 is sre_constants.IN and (sre_constants.CATEGORY, sre_constants.CATEGORY_WORD) in list(av2)
            for op2, av2 in list(pattern)
        )
    if op is sre_constants.SUBPATTERN:
        return _starts_at_word(list(av[-1]))
    if op is sre_constants.BRANCH:
        return all(_starts_at_word(list(alternative)) for alternative in av[1])
    return False


def anchors_of(expression: str) -> frozenset[str] | None:
    """Anchors of a regular expression, or None when its matches may start anywhere (including
    inside a word, when the expression does not begin with a word-boundary check)."""
    try:
        parsed: list[tuple[Any, Any]] = list(sre_parse.parse(expression))  # type: ignore[call-overload]
        if not _starts_at_word(parsed):
            return None
        prefixes = _prefixes(parsed, _MAX_PREFIX)
    except (re.error, _Unanchorable, RecursionError, OverflowError, TypeError, ValueError, IndexError):
        return None
    anchors = {_word_start(p) for p in prefixes}
    if "" in anchors:
        return None
    # An anchor adds nothing when a prefix anchor already covers it.
    stems = [b[:-1] for b in anchors if b.endswith("*")]
    return frozenset(a for a in anchors if not any(a != s + "*" and a.startswith(s) for s in stems))


@dataclass
class AnchorIndex:
    """Which units may start at a word: whole-word anchors, prefix anchors (`word*`) and the digit
    anchor, to unit numbers, with a cache per distinct word."""

    words: dict[str, list[int]]
    prefixes: dict[str, list[int]]
    lengths: tuple[int, ...]
    digits: tuple[int, ...]
    _cache: dict[str, tuple[int, ...]] = field(default_factory=dict)

    @classmethod
    def build(cls, anchored: Iterable[tuple[int, frozenset[str]]]) -> AnchorIndex:
        words: dict[str, list[int]] = {}
        prefixes: dict[str, list[int]] = {}
        digits: list[int] = []
        for unit, anchors in anchored:
            for anchor in anchors:
                if anchor == DIGIT:
                    digits.append(unit)
                elif anchor.endswith("*"):
                    prefixes.setdefault(anchor[:-1], []).append(unit)
                else:
                    words.setdefault(anchor, []).append(unit)
        lengths = tuple(sorted({len(p) for p in prefixes}))
        return cls(words, prefixes, lengths, tuple(digits))

    def units_for(self, word: str) -> tuple[int, ...]:
        """Units with an anchor that matches `word` (lower-case), in unit order."""
        cached = self._cache.get(word)
        if cached is not None:
            return cached
        found: set[int] = set(self.words.get(word, ()))
        for length in self.lengths:
            if length > len(word):
                break
            found.update(self.prefixes.get(word[:length], ()))
        if word[:1].isdigit():
            found.update(self.digits)
        result = tuple(sorted(found))
        if len(self._cache) < 200_000:
            self._cache[word] = result
        return result

    def hits(self, text: str) -> list[tuple[int, tuple[int, ...]]]:
        """(position, units) for every word of `text` that an anchor matches."""
        found = []
        units_for = self.units_for
        for word in _WORD.finditer(text):
            units = units_for(word.group().lower())
            if units:
                found.append((word.start(), units))
        return found


def _flatten(items: list[tuple[Any, Any]]) -> list[tuple[Any, Any]]:
    """A sequence with plain groups opened up, so their items count as the sequence's own."""
    flat: list[tuple[Any, Any]] = []
    for op, av in items:
        if op is sre_constants.SUBPATTERN and not any(o is sre_constants.BRANCH for o, _ in av[-1]):
            flat += _flatten(list(av[-1]))
        else:
            flat.append((op, av))
    return flat


def _required(items: list[tuple[Any, Any]]) -> frozenset[str] | None:
    items = _flatten(items)
    if len(items) == 1 and items[0][0] in (sre_constants.SUBPATTERN, sre_constants.BRANCH):
        op, av = items[0]
        branch = list(av[-1]) if op is sre_constants.SUBPATTERN else [(op, av)]
        if len(branch) == 1 and branch[0][0] is sre_constants.BRANCH:
            alternatives = [_required(list(alternative)) for alternative in branch[0][1][1]]
            if any(a is None for a in alternatives):
                return None
            return frozenset().union(*[a for a in alternatives if a is not None])
    best: frozenset[str] | None = None
    for start in range(len(items)):
        op, av = items[start]
        if op in _ZERO_WIDTH or (op in _REPEATS and av[0] == 0):
            continue
        try:
            prefixes = _prefixes(items[start:], 12)
        except _Unanchorable:
            continue
        words = set()
        for prefix in prefixes:
            match = _WORD.match(prefix)
            words.add(match.group() if match else "")
        if not words or min(len(w) for w in words) < 4:
            continue
        candidate = frozenset(words)
        if best is None or min(len(w) for w in candidate) > min(len(w) for w in best):
            best = candidate
    return best


def required_of(expression: str) -> frozenset[str] | None:
    """Words (lower-case) one of which every match of a hand-written pattern contains, or None."""
    try:
        return _required(list(sre_parse.parse(expression)))  # type: ignore[call-overload]
    except (re.error, RecursionError, OverflowError, TypeError, ValueError, IndexError):
        return None

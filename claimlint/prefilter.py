"""Prefilter: the literal strings a pattern's matches must contain, so most patterns never run.

From a regular expression's parse tree this module derives *factors*: sets of lower-case strings
such that every match contains at least one string of each set ("no side effects" gives
{"no side effects", "no side-effects", "no sideeffects"}, say, or {"side"} and {"effects"} when
the spellings multiply). The engine finds every factor string of every rule in each sentence with one
Aho-Corasick automaton and runs a pattern only in sentences that hold one string of each of its factors.
A pattern with no usable factor (a bare number, a wildcard) is simply searched in full. When every
match starts with one of a few strings (its *leading* strings), the pattern is tried only where they
are found, rather than at every position of the sentence.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from typing import Any

if sys.version_info >= (3, 11):
    import re._constants as sre_constants
    import re._parser as sre_parse
else:  # pragma: no cover - Python 3.10
    import sre_constants
    import sre_parse

Factor = frozenset[str]

_MAX_STRINGS = 64  # a run of literals spelt more ways than this is split into shorter factors
_MAX_ALTERNATIVES = 400  # an alternation with more strings than this gives no factor
_MIN_LENGTH = 2  # single characters are in nearly every sentence: no use as a filter
_MAX_LENGTH = 24  # longer strings are cut (a prefix of a needed string is needed too)
_SMALL_CLASS = 6  # character classes with more letters than this are treated as "anything"

# Words so common in clinic copy that a factor made of them filters almost nothing; a pattern is
# indexed under a rarer factor when it has one. (Order of preference only: never a correctness matter.)
COMMON = frozenset(
    {
        "the",
        "and",
        "for",
        "you",
        "your",
        "our",
        "are",
        "can",
        "will",
        "with",
        "not",
        "from",
        "that",
        "this",
        "have",
        "has",
        "its",
        "all",
        "any",
        "more",
        "most",
        "treatment",
        "treatments",
        "skin",
        "results",
        "result",
        "clinic",
        "session",
        "sessions",
        "patient",
        "patients",
        "before",
        "after",
        "what",
        "when",
        "who",
        "how",
        "may",
        "also",
        "into",
        "only",
        "other",
        "help",
        "helps",
        "care",
        "face",
        "body",
        "hair",
    }
)


@dataclass(frozen=True)
class _Info:
    """What a parse-tree node can match, as far as the prefilter needs to know."""

    exact: frozenset[str] | None  # every string the node can match, when few; None: too many
    factors: tuple[Factor, ...] = ()  # needed strings when `exact` is None


# Repetition nodes of the parse tree (possessive ones exist from Python 3.11).
REPEATS = frozenset(
    {sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT, getattr(sre_constants, "POSSESSIVE_REPEAT", None)}
) - {None}
_NOTHING = _Info(frozenset({""}))
_UNKNOWN = _Info(None)
# Spaces, hyphens and apostrophes end a run of literals: phrases allow several spellings there
# ("side effects", "side-effects", "sideeffects"), and spelling each out would multiply the strings.
_BREAK = _Info(None)
_SEPARATORS = frozenset(" -'\u2019\t\n")


def _sequence(items: list[tuple[Any, Any]]) -> _Info:
    factors: list[Factor] = []
    run: frozenset[str] = frozenset({""})
    exact = True
    for item in items:
        info = _node(*item)
        if info is _BREAK:
            factors.append(run)
            run, exact = frozenset({""}), False
            continue
        if info.exact is not None:
            product = frozenset(a + b for a in run for b in info.exact)
            if len(product) <= _MAX_STRINGS:
                run = product
                continue
            factors.append(run)
            run, exact = info.exact, False
            continue
        factors.append(run)
        factors.extend(info.factors)
        run, exact = frozenset({""}), False
    if exact:
        return _Info(run)
    factors.append(run)
    return _Info(None, tuple(f for f in factors if "" not in f))


def _letters(items: list[tuple[Any, Any]]) -> frozenset[str] | None:
    letters: set[str] = set()
    for op, av in items:
        if op is sre_constants.LITERAL:
            letters.add(chr(av).lower())
        elif op is sre_constants.RANGE and av[1] - av[0] < _SMALL_CLASS:
            letters.update(chr(c).lower() for c in range(av[0], av[1] + 1))
        else:
            return None
    return frozenset(letters) if len(letters) <= _SMALL_CLASS else None


def _best(info: _Info) -> Factor | None:
    if info.exact is not None:
        return None if "" in info.exact else info.exact
    usable = [f for f in info.factors if min(len(s) for s in f) >= _MIN_LENGTH]
    return max(usable, key=selectivity) if usable else None


def _node(op: Any, av: Any) -> _Info:
    if op is sre_constants.LITERAL:
        return _BREAK if chr(av) in _SEPARATORS else _Info(frozenset({chr(av).lower()}))
    if op is sre_constants.ASSERT and av[0] == 1:
        # A lookahead reads on from the match; the engine searches a sentence with its end as the
        # search's end, so what the lookahead needs is in the sentence too.
        ahead = _sequence(list(av[1]))
        factor = _best(ahead)
        return _Info(None, (factor,)) if factor else _NOTHING
    if op in (sre_constants.AT, sre_constants.ASSERT, sre_constants.ASSERT_NOT):
        return _NOTHING
    if op is sre_constants.IN:
        letters = _letters(list(av))
        if letters is not None and letters <= _SEPARATORS:
            return _BREAK
        return _UNKNOWN if letters is None else _Info(letters)
    if op is sre_constants.SUBPATTERN:
        return _sequence(list(av[-1]))
    if op is getattr(sre_constants, "ATOMIC_GROUP", None):
        return _sequence(list(av))
    if op is sre_constants.BRANCH:
        alternatives = [_sequence(list(a)) for a in av[1]]
        if all(a.exact is not None for a in alternatives):
            union = frozenset().union(*[a.exact for a in alternatives if a.exact is not None])
            if len(union) <= _MAX_ALTERNATIVES:
                return _Info(union)
        picked = [_best(a) for a in alternatives]
        if any(p is None for p in picked):
            return _UNKNOWN
        union = frozenset().union(*[p for p in picked if p is not None])
        return _Info(None, (union,)) if len(union) <= _MAX_ALTERNATIVES else _UNKNOWN
    if op in REPEATS:
        low, high, sub = av
        info = _sequence(list(sub))
        if info is _BREAK or (len(sub) == 1 and _node(*sub[0]) is _BREAK):
            return _BREAK
        if low == 0:
            if high == 1 and info.exact is not None:
                return _Info(info.exact | {""})
            return _NOTHING if info.exact == frozenset({""}) else _UNKNOWN
        if low == high == 1:
            return info
        if info.exact is not None and high <= 3:  # l{1,2}: spelt out
            spelt: set[str] = set()
            power = frozenset({""})
            for count in range(1, high + 1):
                power = frozenset(a + b for a in power for b in info.exact)
                if count >= low:
                    spelt |= power
            if len(spelt) <= _MAX_STRINGS:
                return _Info(frozenset(spelt))
        if info.exact is not None:  # repeated: `low` copies in a row are needed, but the run stops here
            needed = info.exact
            for _ in range(1, low):  # "(?:★|⭐){4,5}": two stars are a usable factor, one is too short
                longer = frozenset(a + b for a in needed for b in info.exact)
                if len(longer) > _MAX_STRINGS or max(map(len, longer)) > _MAX_LENGTH:
                    break
                needed = longer
            return _Info(None, (needed,) if "" not in needed else ())
        return _Info(None, info.factors)
    return _UNKNOWN


# Rough share of words a string of this length is found in: short strings are inside many words.
_SHARE_BY_LENGTH = {1: 0.5, 2: 0.05, 3: 0.01, 4: 0.002, 5: 0.001}
_USELESS = 0.3  # factors found in more than about this share of words are found nearly everywhere


def frequency(factor: Factor) -> float:
    """A rough estimate of how often one of the factor's strings is in a word of clinic copy."""
    total = 0.0
    for string in factor:
        share = _SHARE_BY_LENGTH.get(len(string), 0.0005)
        total += share * 20 if string.strip(" -'") in COMMON else share
    return total


def selectivity(factor: Factor) -> float:
    """Sort key: higher is rarer."""
    return -frequency(factor)


def factors_of(expression: str) -> tuple[Factor, ...]:
    """Sets of lower-case strings, one string of each set being in every match of `expression`
    (matched without regard to case); () when nothing useful can be said."""
    try:
        info = _sequence(list(sre_parse.parse(expression)))  # type: ignore[call-overload]
    except (re.error, RecursionError, OverflowError, TypeError, ValueError, IndexError):
        return ()
    found = info.factors if info.exact is None else (info.exact,)
    usable = []
    for factor in found:
        if "" in factor or min(len(s) for s in factor) < _MIN_LENGTH:
            continue
        cut = frozenset(s[:_MAX_LENGTH] for s in factor)
        # A string holding another string of the factor adds nothing ("tumours" beside "tumour").
        cut = frozenset(s for s in cut if not any(o != s and o in s for o in cut))
        if cut not in usable:
            usable.append(cut)
    ranked = sorted(usable, key=lambda f: (selectivity(f), sorted(f)), reverse=True)
    # Factors found nearly everywhere (short or common strings) filter nothing and cost a check in
    # every sentence, so one is kept only when a unit has nothing better to be indexed under.
    useful = [f for f in ranked if frequency(f) < _USELESS]
    return tuple(useful or ranked[:1])


_WORD = 3  # a leading string shorter than this goes on into the next word
_LEADING_MAX = 400  # strings: a unit that may start more ways than this is searched as usual
_ZERO_WIDTH = (sre_constants.AT, sre_constants.ASSERT_NOT)


def leading_of(expression: str) -> Factor | None:
    """Lower-case strings one of which every match of `expression` starts with (matched without
    regard to case), or None when there is no such set worth looking for. The engine then tries
    the pattern only where one of them is in the text, instead of at every position."""
    try:
        found = _leading(list(sre_parse.parse(expression)))  # type: ignore[call-overload]
    except (re.error, RecursionError, OverflowError, TypeError, ValueError, IndexError):
        return None
    # A single letter is in nearly every word: the engine would try the pattern almost everywhere.
    if not found or "" in found or any(len(s) == 1 and s.isalpha() for s in found):
        return None
    cut = frozenset(s[:_MAX_LENGTH] for s in found)
    # A string that starts with another string of the set adds no position of its own.
    return frozenset(s for s in cut if not any(s[:length] in cut for length in range(1, len(s))))


def _leading(items: list[tuple[Any, Any]]) -> frozenset[str] | None:
    """Strings one of which the text matched by `items` starts with; None when unknown."""
    for at, (op, av) in enumerate(items):
        rest = items[at + 1 :]
        if op in _ZERO_WIDTH or (op is sre_constants.ASSERT and av[0] == -1):
            continue  # look-behinds and anchors consume nothing
        if op is sre_constants.ASSERT:  # a lookahead: what it needs starts here too
            ahead = _leading(list(av[1]))
            if ahead and "" not in ahead:
                return ahead
            continue
        if op is sre_constants.SUBPATTERN:
            return _leading(list(av[-1]) + rest)
        if op is getattr(sre_constants, "ATOMIC_GROUP", None):
            return _leading(list(av) + rest)
        if op is sre_constants.BRANCH:
            return _union([_leading(list(alternative) + rest) for alternative in av[1]])
        if op in REPEATS:
            low, high, sub = av
            # Repeated, the item is followed by itself: only its own start is known.
            once = _leading(list(sub) + rest) if high == 1 else _leading(list(sub))
            return once if low > 0 else _union([once, _leading(rest)])
        return _run(items[at:])
    return None


def _union(found: list[frozenset[str] | None]) -> frozenset[str] | None:
    if any(f is None for f in found):
        return None
    union = frozenset().union(*[f for f in found if f is not None])
    return union if len(union) <= _LEADING_MAX else None


def _run(items: list[tuple[Any, Any]]) -> frozenset[str] | None:
    """The strings the items at the start of `items` may spell, while they stay few (separators
    included: a key may hold a space)."""
    run: frozenset[str] = frozenset({""})
    for at, (op, av) in enumerate(items):
        spelt = _spellings(op, av)
        if spelt is None and at and min(len(s) for s in run) < _WORD:
            # Too short to look for ("b" of "btx|bo[- ]?tox", a prefix the parser took out of the
            # alternatives): what follows it starts with one of a few strings, which are added.
            rest = _leading(items[at:])
            if rest is not None and "" not in rest and len(run) * len(rest) <= _LEADING_MAX:
                return frozenset(a + b for a in run for b in rest)
        if spelt is None or (spelt <= _SEPARATORS | {""} and min(len(s) for s in run) >= _WORD):
            break  # a first word is enough: the words after it would only multiply the strings
        product = frozenset(a + b for a in run for b in spelt)
        if len(product) > _MAX_STRINGS or min(len(s) for s in product) > _MAX_LENGTH:
            break
        run = product
    return None if "" in run else run


def _spellings(op: Any, av: Any) -> frozenset[str] | None:
    """Every string one item can match, when few (separators and optional separators too)."""
    if op is sre_constants.LITERAL:
        return frozenset({chr(av).lower()})
    if op is sre_constants.IN:
        return _letters(list(av))
    if op is sre_constants.MAX_REPEAT and av[0] == 0 and av[1] == 1 and len(av[2]) == 1:
        once = _spellings(*av[2][0])
        return None if once is None else once | {""}
    info = _node(op, av)
    return None if info is _BREAK else info.exact

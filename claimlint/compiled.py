"""Compiled regular expressions kept across runs, so a cold run does not recompile the rules.

Compiling the rules' patterns with the standard library is slow (its parser and compiler are Python
code: seconds for the built-in rules), while turning compiled byte code into a pattern is a single C
call. The byte code of every pattern compiled is stored in the disk cache, keyed by the Python build
and its regular-expression engine, and reused by later runs. A store that cannot be read, or an
entry the running interpreter does not accept, means compiling as usual.
"""

from __future__ import annotations

import _sre
import array
import contextlib
import hashlib
import pickle
import re
import sys
from typing import Any

from claimlint import cache
from claimlint.prefilter import REPEATS

if sys.version_info >= (3, 11):
    from re import _compiler as sre_compile
    from re import _constants as sre_constants
    from re import _parser as sre_parse
else:  # pragma: no cover - Python 3.10
    import sre_compile
    import sre_constants
    import sre_parse

FLAGS = re.IGNORECASE

# Entries by (library, expression): ("re", expression) -> (flags, byte code, groups, group names), or
# NEEDS_REGEX when `re` does not accept the expression; ("regex", expression) -> (version, pickle).
_Entry = tuple[Any, ...]
NEEDS_REGEX: _Entry = ("needs regex",)

# The store is a cache.IndexedEntry: a digest of library and expression -> that entry, pickled with
# its key. A run reads the index and only the entries it uses: a page needs a few hundred.
_MAGIC = b"claimlint pattern store 2\n"


def _digest(key: tuple[str, str]) -> bytes:
    return hashlib.blake2b(f"{key[0]}\0{key[1]}".encode("utf-8", "surrogatepass"), digest_size=16).digest()


class PatternStore:
    def __init__(self) -> None:
        self.key = cache.key_for("patterns", sys.version.encode(), str(_sre.MAGIC).encode())
        self.entries: dict[tuple[str, str], _Entry] = {}  # read from the store or compiled in this process
        self.added = False
        self._stored: cache.IndexedEntry | None = None  # opened on first use

    def _store(self) -> cache.IndexedEntry:
        if self._stored is None:
            self._stored = cache.IndexedEntry(self.key, _MAGIC)
        return self._stored

    def _get(self, key: tuple[str, str]) -> _Entry | None:
        entry = self.entries.get(key)
        if entry is None:
            store = self._store()
            place = store.index.get(_digest(key))
            if place is not None:
                with contextlib.suppress(Exception):  # damaged: compiled afresh
                    library, expression, stored = pickle.loads(store.read(place[0], place[1]))
                    if (library, expression) == key:
                        entry = self.entries[key] = stored
        return entry

    def _put(self, key: tuple[str, str], entry: _Entry) -> _Entry:
        self.entries[key] = entry
        self._store().put(_digest(key), pickle.dumps((*key, entry), protocol=pickle.HIGHEST_PROTOCOL))
        self.added = True
        return entry

    def compile(self, expression: str, standard: bool = True) -> Any:
        """The expression compiled case-insensitively: with the standard library's `re` when
        `standard` and it accepts the expression, else with `regex` (raises the library's error)."""
        if standard:
            entry = self._get(("re", expression))
            if entry != NEEDS_REGEX:
                if entry is not None:
                    with contextlib.suppress(Exception):  # written by another build: compile afresh
                        return _from_standard_entry(expression, entry)
                entry = self._put(("re", expression), _standard_entry(expression))
                if entry != NEEDS_REGEX:
                    return _from_standard_entry(expression, entry)
        import regex  # imported here: most runs never need it

        entry = self._get(("regex", expression))
        if entry is not None and entry[0] == regex.__version__:
            with contextlib.suppress(Exception):  # damaged: compile afresh
                return pickle.loads(entry[1])
        pattern = regex.compile(expression, regex.IGNORECASE | regex.V0)
        self._put(("regex", expression), (regex.__version__, pickle.dumps(pattern)))
        return pattern

    def save(self) -> None:
        """Write the stored entries, and those compiled since, back when there are new ones."""
        if self.added and self._stored is not None:
            self._stored.save()
            self._stored.close()
            self._stored = None  # the new file is read if more is needed
            self.added = False


def _standard_entry(expression: str) -> _Entry:
    try:
        parsed = sre_parse.parse(expression, FLAGS)
        try:
            code = sre_compile._code(parsed, FLAGS)  # type: ignore[attr-defined]
        except re.error:
            # `re` needs look-behinds of one width; one of a few widths is spelt out as several.
            if not _fix_lookbehinds(parsed):
                raise
            code = sre_compile._code(parsed, FLAGS)  # type: ignore[attr-defined]
    except (re.error, OverflowError, RecursionError):
        return NEEDS_REGEX  # `regex` accepts more (look-behinds of unbounded width)
    return (parsed.state.flags | FLAGS, array.array("I", code), parsed.state.groups - 1, parsed.state.groupdict)


_MAX_SPELLINGS = 256  # a look-behind spelt out as more fixed-width alternatives than this is left to `regex`
_Items = list[tuple[Any, Any]]
# Left to `regex` inside a look-behind: groups (their numbers would repeat), unbounded repetition
# (what a bounded one becomes when not spelt out above), back-references.
_NOT_SPELT = frozenset(
    getattr(sre_constants, name, None)
    for name in (
        "SUBPATTERN",
        "BRANCH",
        "GROUPREF",
        "GROUPREF_EXISTS",
        "MAX_REPEAT",
        "MIN_REPEAT",
        "POSSESSIVE_REPEAT",
        "ATOMIC_GROUP",
    )
) - {None}


def _fix_lookbehinds(pattern: Any) -> bool:
    """Rewrite, in place, each look-behind whose width varies into fixed-width ones with the same
    meaning: (?<=a|bc) as (?:(?<=a)|(?<=bc)), and (?<!a|bc) as (?<!a)(?<!bc). False when one
    cannot be (unbounded repetition, groups inside, too many spellings)."""
    items = pattern.data
    for at, (op, av) in enumerate(items):
        if op in (sre_constants.ASSERT, sre_constants.ASSERT_NOT) and av[0] == -1:
            low, high = av[1].getwidth()
            if low == high:
                continue
            spelt = _fixed_width(list(av[1].data))
            if spelt is None:
                return False
            state = pattern.state
            behinds: list[Any] = [(op, (-1, sre_parse.SubPattern(state, spelling))) for spelling in spelt]
            if op is sre_constants.ASSERT_NOT:  # none of them may match: one after another
                items[at : at + 1] = behinds
                return _fix_lookbehinds(pattern)
            branch = (sre_constants.BRANCH, (None, [sre_parse.SubPattern(state, [b]) for b in behinds]))
            items[at] = (sre_constants.SUBPATTERN, (None, 0, 0, sre_parse.SubPattern(state, [branch])))
            continue
        for sub in _children(op, av):
            if not _fix_lookbehinds(sub):
                return False
    return True


def _children(op: Any, av: Any) -> list[Any]:
    if op is sre_constants.SUBPATTERN:
        return [av[-1]]
    if op is sre_constants.BRANCH:
        return list(av[1])
    if op in REPEATS:
        return [av[2]]
    if op in (sre_constants.ASSERT, sre_constants.ASSERT_NOT):
        return [av[1]]
    if op is getattr(sre_constants, "ATOMIC_GROUP", None):
        return [av]
    return []


def _fixed_width(items: _Items) -> list[_Items] | None:
    """Every way to spell the sequence as a sequence without alternation or repetition, or None."""
    spelt: list[_Items] = [[]]
    for op, av in items:
        if op is sre_constants.BRANCH:
            choices: list[_Items] = []
            for alternative in av[1]:
                found = _fixed_width(list(alternative.data))
                if found is None:
                    return None
                choices += found
        elif op is sre_constants.SUBPATTERN and av[0] is None and not av[1] and not av[2]:
            found = _fixed_width(list(av[-1].data))
            if found is None:
                return None
            choices = found
        elif op in (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT) and av[1] != sre_constants.MAXREPEAT:
            low, high, sub = av
            once = _fixed_width(list(sub.data))
            if once is None or high > _MAX_SPELLINGS:
                return None
            choices = []
            repeated: list[_Items] = [[]]
            for count in range(high + 1):
                if count >= low:
                    choices += repeated
                repeated = [a + b for a in repeated for b in once]
                if len(choices) + len(repeated) > _MAX_SPELLINGS:
                    return None
        elif op in _NOT_SPELT:
            return None
        else:
            choices = [[(op, av)]]
        spelt = [a + b for a in spelt for b in choices]
        if len(spelt) > _MAX_SPELLINGS:
            return None
    return spelt


def _from_standard_entry(expression: str, entry: _Entry) -> Any:
    flags, code, groups, names = entry
    index: list[Any] = [None] * (groups + 1)
    for name, number in names.items():
        index[number] = name
    return _sre.compile(expression, flags, code.tolist(), groups, dict(names), tuple(index))


STORE = PatternStore()


class Lazy:
    """A case-insensitive pattern compiled through the store on first use, so importing a module
    that defines patterns costs nothing."""

    def __init__(self, expression: str) -> None:
        self.expression = expression
        self._pattern: Any = None

    def compiled(self) -> Any:
        if self._pattern is None:
            self._pattern = STORE.compile(self.expression)
        return self._pattern

    def search(self, text: str, *bounds: int) -> Any:
        return self.compiled().search(text, *bounds)

    def match(self, text: str, *bounds: int) -> Any:
        return self.compiled().match(text, *bounds)

    def finditer(self, text: str, *bounds: int) -> Any:
        return self.compiled().finditer(text, *bounds)

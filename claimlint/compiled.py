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
import pickle
import re
import sys
from typing import Any

from claimlint import cache

if sys.version_info >= (3, 11):
    from re import _compiler as sre_compile
    from re import _parser as sre_parse
else:  # pragma: no cover - Python 3.10
    import sre_compile
    import sre_parse

FLAGS = re.IGNORECASE

# Entries by (library, expression): ("re", expression) -> (flags, byte code, groups, group names), or
# NEEDS_REGEX when `re` does not accept the expression; ("regex", expression) -> (version, pickle).
_Entry = tuple[Any, ...]
NEEDS_REGEX: _Entry = ("needs regex",)


class PatternStore:
    def __init__(self) -> None:
        self.key = cache.key_for("patterns", sys.version.encode(), str(_sre.MAGIC).encode())
        self.entries: dict[tuple[str, str], _Entry] | None = None  # loaded on first use
        self.added = False

    def _loaded(self) -> dict[tuple[str, str], _Entry]:
        if self.entries is None:
            stored = cache.load(self.key)
            self.entries = stored if isinstance(stored, dict) else {}
        return self.entries

    def _put(self, key: tuple[str, str], entry: _Entry) -> _Entry:
        self._loaded()[key] = entry
        self.added = True
        return entry

    def compile(self, expression: str, standard: bool = True) -> Any:
        """The expression compiled case-insensitively: with the standard library's `re` when
        `standard` and it accepts the expression, else with `regex` (raises the library's error)."""
        entries = self._loaded()
        if standard:
            entry = entries.get(("re", expression))
            if entry != NEEDS_REGEX:
                if entry is not None:
                    with contextlib.suppress(Exception):  # written by another build: compile afresh
                        return _from_standard_entry(expression, entry)
                entry = self._put(("re", expression), _standard_entry(expression))
                if entry != NEEDS_REGEX:
                    return _from_standard_entry(expression, entry)
        import regex  # imported here: most runs never need it

        entry = entries.get(("regex", expression))
        if entry is not None and entry[0] == regex.__version__:
            with contextlib.suppress(Exception):  # damaged: compile afresh
                return pickle.loads(entry[1])
        pattern = regex.compile(expression, regex.IGNORECASE | regex.V0)
        self._put(("regex", expression), (regex.__version__, pickle.dumps(pattern)))
        return pattern

    def save(self) -> None:
        if self.added and self.entries is not None:
            cache.store(self.key, self.entries)
            self.added = False


def _standard_entry(expression: str) -> _Entry:
    try:
        parsed = sre_parse.parse(expression, FLAGS)
        code = sre_compile._code(parsed, FLAGS)  # type: ignore[attr-defined]
    except (re.error, OverflowError, RecursionError):
        return NEEDS_REGEX  # `regex` accepts more (variable-width look-behind)
    return (parsed.state.flags | FLAGS, array.array("I", code), parsed.state.groups - 1, parsed.state.groupdict)


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

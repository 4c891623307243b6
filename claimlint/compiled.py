"""Compiled regular expressions kept across runs, so a cold run does not recompile the rules.

Compiling the rules' patterns with the standard library is slow (its parser and compiler are Python
code: seconds for the built-in rules), while turning compiled byte code into a pattern is a single C
call. The byte code of every pattern compiled is stored in the disk cache, keyed by the Python build
and its regular-expression engine, and reused by later runs. A store that cannot be read, or byte
code the running interpreter does not accept, falls back to compiling as usual.
"""

from __future__ import annotations

import array
import re
import sys
from typing import Any

from claimlint import cache

try:  # the standard library's compiler internals; their absence only means no reuse
    import _sre

    if sys.version_info >= (3, 11):
        from re import _compiler as sre_compile
        from re import _parser as sre_parse
    else:  # pragma: no cover - Python 3.10
        import sre_compile
        import sre_parse
    _AVAILABLE = True
except ImportError:  # pragma: no cover - other Python implementations
    _AVAILABLE = False

FLAGS = re.IGNORECASE

# expression -> ("re", flags, byte code, groups, group names) or ("regex", its version, pickled pattern)
_Entry = tuple[Any, ...]


class PatternStore:
    def __init__(self) -> None:
        self.key = cache.key_for("patterns", sys.version.encode(), str(getattr(_sre, "MAGIC", "")).encode())
        self.entries: dict[str, _Entry] | None = None  # loaded on first use
        self.added = False

    def _loaded(self) -> dict[str, _Entry]:
        if self.entries is None:
            stored = cache.load(self.key)
            self.entries = stored if isinstance(stored, dict) else {}
        return self.entries

    def compile(self, expression: str, standard: bool = True) -> Any:
        """The expression compiled case-insensitively: with the standard library's `re` when
        `standard` and it accepts the expression, else with `regex` (raises the library's error)."""
        entries = self._loaded()
        entry = entries.get(expression)
        if entry is not None and (standard or entry[0] == "regex"):
            try:
                return _from_entry(expression, entry)
            except Exception:  # written by another version: compile afresh
                pass
        if standard and _AVAILABLE:
            try:
                entry = _standard_entry(expression)
                pattern = _from_entry(expression, entry)
            except (re.error, OverflowError, RecursionError):
                entry = None  # `regex` accepts more (variable-width look-behind)
            else:
                return self._add(expression, entry, pattern)
        import pickle

        import regex  # imported here: most runs never need it

        pattern = regex.compile(expression, regex.IGNORECASE | regex.V0)
        return self._add(expression, ("regex", regex.__version__, pickle.dumps(pattern)), pattern)

    def _add(self, expression: str, entry: _Entry, pattern: Any) -> Any:
        self._loaded()[expression] = entry
        self.added = True
        return pattern

    def save(self) -> None:
        if self.added and self.entries is not None:
            cache.store(self.key, self.entries)
            self.added = False


def _standard_entry(expression: str) -> _Entry:
    parsed = sre_parse.parse(expression, FLAGS)
    code = sre_compile._code(parsed, FLAGS)  # type: ignore[attr-defined]
    return ("re", parsed.state.flags | FLAGS, array.array("I", code), parsed.state.groups - 1, parsed.state.groupdict)


def _from_entry(expression: str, entry: _Entry) -> Any:
    if entry[0] == "regex":
        import pickle

        import regex

        if entry[1] != regex.__version__:
            raise ValueError("compiled by another version of regex")
        return pickle.loads(entry[2])
    _, flags, code, groups, names = entry
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

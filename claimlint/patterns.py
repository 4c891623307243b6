"""The phrase language rules are written in, compiled to regular expressions.

A phrase is words as a reader writes them. Between words any of space, hyphen or nothing matches
("side effects", "side-effects", "sideeffects"); British and American spellings of a word both match;
apostrophes are optional. On top of that:

- `{name}`      a named term list (the ruleset's `terms`, then the built-in lexicon)
- `(a|b c)`     alternatives
- `[words]`     optional words (`[a|b]`: optionally one of them); `(a|b)?` is the same
- `...`         up to four other words
- `word*`       any word starting with `word`
- `#`           a number, in digits or words
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass

SEPARATOR = "[- ]?"
GAP = r"[,;:]? (?:[^ \n]+ ){0,4}"
NUMBER = (
    r"(?:\d+(?:[.,]\d+)*(?:\s?(?:-|to)\s?\d+(?:[.,]\d+)*)?"
    r"|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty"
    r"|fifty|sixty|seventy|eighty|ninety|hundred|thousand|dozens?|half)"
)
WORD_BOUNDARY_BEFORE = r"(?<![\w])"
WORD_BOUNDARY_AFTER = r"(?![\w])"

# The patterns below are compiled on first use (`_TOKEN` through `re`'s own cache): a run whose
# rulesets are cached never parses a phrase, and compiling them at import would slow every start.
_TOKEN = r"\{[A-Za-z_][\w-]*\}|\.\.\.|[()\[\]|#?]|[^\s()\[\]|{}#?]+|\s+"

# Spelling variants, applied to literal words: (pattern on the word, replacement regex).
_SPELLINGS: tuple[tuple[str, str], ...] = (
    (r"(?<=\w\w\w)our(?=s?$|ed$|ing$|ise|ize|ite)", "ou?r"),  # tumour/tumor, colour
    (r"(?<=\w\w)i[sz](e|ed|es|ing|ation|ations|er|ers)$", r"i[sz]\1"),  # revitalise
    (r"(?<=\w\w)y[sz](e|ed|es|ing|is)$", r"y[sz]\1"),  # analyse/analyze
    (r"^(h|an|pal|gyn|orthop|leuk|di|septic|ischa|hydrocephal)?ae", r"\1a?e"),  # haem, anaemia
    (r"^oe", "o?e"),  # oedema, oestrogen
    (r"rrhoea", "rrho?ea"),  # diarrhoea
    (r"ageing", "ag(?:e)?ing"),
    (r"(?<=\w\w\w)tre(s?)$", r"t(?:re|er)\1"),  # centre/center, litre
    (r"(?<=\w)ll(ed|ing|er)$", r"l{1,2}\1"),  # travelled/traveled
    (r"ogue$", "og(?:ue)?"),  # catalogue
)


@functools.cache
def _compiled_spellings() -> tuple[tuple[re.Pattern[str], str], ...]:
    return tuple((re.compile(pattern), replacement) for pattern, replacement in _SPELLINGS)


class PhraseError(ValueError):
    pass


def _literal(word: str) -> str:
    stem = word.endswith("*") and len(word) > 1
    if stem:
        word = word[:-1]
    pieces = []
    for part in re.split(r"(')", word):
        if part == "'":
            pieces.append("'?")
            continue
        if not part:
            continue
        escaped = re.escape(part)
        if part.isalpha():
            lowered = part.lower()
            for pattern, replacement in _compiled_spellings():
                if pattern.search(lowered):
                    escaped = pattern.sub(replacement, lowered)
                    break
        pieces.append(escaped)
    return "".join(pieces) + (r"\w*" if stem else "")


@dataclass(frozen=True)
class Compiled:
    """A compiled phrase or part: its expression and whether it can match nothing (optional parts)."""

    regex: str
    nullable: bool = False


Resolver = Callable[[str], Compiled]


class _Parser:
    def __init__(self, phrase: str, resolve: Resolver) -> None:
        self.tokens = [t for t in re.findall(_TOKEN, phrase) if not t.isspace()]
        self.pos = 0
        self.phrase = phrase
        self.resolve = resolve

    def parse(self) -> Compiled:
        body = self._sequence(closing=None)
        if self.pos != len(self.tokens):
            raise PhraseError(f"unexpected '{self.tokens[self.pos]}' in phrase {self.phrase!r}")
        if not body.regex:
            raise PhraseError(f"empty phrase {self.phrase!r}")
        return body

    def _sequence(self, closing: str | None) -> Compiled:
        alternatives: list[Compiled] = []
        parts: list[tuple[Compiled, str]] = []  # (part, kind): kind is word, gap or optional
        while self.pos < len(self.tokens):
            token = self.tokens[self.pos]
            if token == closing or (token == "|" and closing in (")", "]")):
                if token == "|":
                    alternatives.append(_join(parts))
                    parts = []
                    self.pos += 1
                    continue
                break
            if token in (")", "]", "|"):
                raise PhraseError(f"unbalanced '{token}' in phrase {self.phrase!r}")
            self.pos += 1
            if token == "(":
                group = self._sequence(")")
                self._expect(")")
                if self.pos < len(self.tokens) and self.tokens[self.pos] == "?":
                    self.pos += 1
                    parts.append((group, "optional"))
                else:
                    parts.append((Compiled("(?:" + group.regex + ")", group.nullable), "word"))
            elif token == "?":
                raise PhraseError(f"'?' may only follow a (group) in phrase {self.phrase!r}; write word* or (a|b)")
            elif token == "[":
                parts.append((self._sequence("]"), "optional"))
                self._expect("]")
            elif token == "...":
                parts.append((Compiled(GAP, nullable=True), "gap"))
            elif token == "#":
                parts.append((_NUMBER, "word"))
            elif token.startswith("{"):
                term = self.resolve(token[1:-1])
                parts.append((Compiled("(?:" + term.regex + ")", term.nullable), "word"))
            else:
                parts.append((_literal_part(token), "word"))
        if closing is None and alternatives:
            raise PhraseError(f"'|' outside brackets in phrase {self.phrase!r}")
        alternatives.append(_join(parts))
        return Compiled("|".join(a.regex for a in alternatives), any(a.nullable for a in alternatives))

    def _expect(self, token: str) -> None:
        if self.pos >= len(self.tokens) or self.tokens[self.pos] != token:
            raise PhraseError(f"missing '{token}' in phrase {self.phrase!r}")
        self.pos += 1


def _join(parts: list[tuple[Compiled, str]]) -> Compiled:
    out = ""
    for index, (piece, kind) in enumerate(parts):
        last = index == len(parts) - 1
        following_gap = not last and parts[index + 1][1] == "gap"
        if kind == "gap":
            out += piece.regex
        elif kind == "optional":
            out += f"(?:(?:{piece.regex}){'' if last or following_gap else SEPARATOR})?"
        else:
            out += piece.regex + ("" if last or following_gap else SEPARATOR)
    nullable = all(p.nullable or kind in ("optional", "gap") for p, kind in parts)
    return Compiled(out, nullable)


def _literal_part(word: str) -> Compiled:
    return Compiled(_literal(word))


_NUMBER = Compiled(NUMBER)


def compile_phrase(phrase: str, resolve: Resolver) -> Compiled:
    """The regular expression (no word boundaries) for one phrase."""
    return _Parser(phrase, resolve).parse()


def bounded(alternatives: list[str]) -> str:
    """One expression matching any of the alternatives as whole words."""
    body = "|".join(f"(?:{a})" for a in alternatives)
    return f"{WORD_BOUNDARY_BEFORE}(?:{body}){WORD_BOUNDARY_AFTER}"

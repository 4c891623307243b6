"""Rulesets: the YAML format, strict validation, and where the built-in rulesets live.

A rule is one of a closed set of kinds:
- `phrase`: any of `phrases` (the phrase language in `patterns.py`);
- `pattern`: any of `patterns` (regular expressions, `regex` syntax, `{term}` allowed);
- `cooccurrence`: every entry of `all` (each a term or a list of phrases) in one sentence,
  optionally within `within` words;
- `listed`: any of `items` in a list item whose list is introduced by a block ending with a colon
  or question mark that matches one of `lead_ins` ("Who can benefit:" then "- Kidney disease").
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from claimlint import cache
from claimlint.patterns import Compiled, PhraseError, bounded, compile_phrase
from claimlint.prefilter import Factor, factors_of, leading_of
from claimlint.taxonomy import CATEGORIES, SEVERITIES
from claimlint.yamlsource import ConfigError, check_keys, line_of, load_yaml_file

KINDS = ("phrase", "pattern", "cooccurrence", "listed")
JURISDICTIONS = ("us", "uk", "eu", "au")
NEGATION_MODES = ("skip", "ignore")
HEDGE_MODES = ("skip", "ignore")
QUESTION_MODES = ("skip", "flag")
_RULESET_KEYS = frozenset({"ruleset", "description", "terms", "rules"})
_RULE_KEYS = frozenset(
    {
        "id",
        "category",
        "severity",
        "kind",
        "phrases",
        "patterns",
        "all",
        "within",
        "items",
        "lead_ins",
        "unless",
        "negation",
        "hedge",
        "questions",
        "message",
        "rationale",
        "references",
        "rewrite",
        "examples",
        "jurisdictions",
    }
)
_KIND_KEYS = {
    "phrase": {"phrases"},
    "pattern": {"patterns"},
    "cooccurrence": {"all", "within"},
    "listed": {"items", "lead_ins"},
}
_EXAMPLE_KEYS = frozenset({"flag", "pass"})
_RULE_ID = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
_MARK = re.compile(r"\[\[(.+?)\]\]")
LEXICON_FILE = "_lexicon.yaml"
JURISDICTIONS_FILE = "_jurisdictions.yaml"
_PROFILE_KEYS = frozenset({"title", "severity", "disable"})


@dataclass(frozen=True)
class Example:
    """A rule's flag or pass example, as written in its ruleset."""

    text: str  # with the [[marks]] removed
    expected: tuple[int, int] | None  # the marked span in `text`, for flag examples
    line: int


@dataclass(frozen=True)
class Unit:
    """One small pattern: its regular expression, its prefilter factors and the strings its
    matches start with, when known (see `prefilter.py`)."""

    regex: str
    factors: tuple[Factor, ...]
    leading: Factor | None = None


@dataclass(frozen=True)
class Rule:
    """One rule as loaded from its ruleset, with its patterns compiled into units."""

    id: str
    category: str
    severity: str
    kind: str
    message: str
    rationale: str
    references: tuple[str, ...]
    rewrite: str
    # Each pattern is a tuple of "units": small regular expressions the engine prefilters and compiles
    # one by one. Phrase units match from a word's start; pattern units are searched in a sentence.
    triggers: tuple[Unit, ...]  # the phrases, the patterns, or the units of the first co-occurring entry
    companions: tuple[tuple[Unit, ...], ...]  # co-occurrence: the units of each other entry
    within: int | None
    unless: tuple[Unit, ...]  # phrase units: the sentence is not a claim when one of them matches
    negation: str
    hedge: str
    questions: str
    jurisdictions: tuple[str, ...]
    flag_examples: tuple[Example, ...]
    pass_examples: tuple[Example, ...]
    ruleset: str
    path: str
    line: int
    lead_ins: tuple[Unit, ...] = ()  # listed: phrase units, one of which the list's lead-in holds


@dataclass(frozen=True)
class Ruleset:
    """One ruleset file: its rules, in file order."""

    name: str
    description: str
    path: str
    rules: tuple[Rule, ...]


@dataclass(frozen=True)
class Profile:
    """A jurisdiction profile: severities it sets and rules or categories that do not apply there."""

    id: str
    title: str
    severity: tuple[tuple[str, str], ...]
    disable: tuple[str, ...]


def builtin_dir() -> Path:
    """Built-in rulesets: inside the installed package, or beside it in a source checkout."""
    packaged = Path(__file__).resolve().parent / "rulesets"
    return packaged if packaged.is_dir() else Path(__file__).resolve().parent.parent / "rulesets"


def builtin_paths() -> dict[str, Path]:
    """Built-in rulesets by name (the file's stem), from every folder under the rulesets directory."""
    return dict(_builtin_paths())


@functools.cache
def _builtin_paths() -> tuple[tuple[str, Path], ...]:
    # Walked once per process: every ruleset name a run resolves looks here.
    found = {p.stem: p for p in builtin_dir().rglob("*.yaml") if not p.name.startswith("_")}
    return tuple(sorted(found.items()))


def builtin_names() -> list[str]:
    return list(builtin_paths())


def resolve_ruleset_path(name_or_path: str, base: Path | None = None) -> Path:
    """A built-in name (`safety`) or a path to a YAML file, relative to `base` when given."""
    builtin = builtin_paths()
    if name_or_path in builtin:
        return builtin[name_or_path]
    path = Path(name_or_path)
    if base is not None and not path.is_absolute():
        path = base / path
    if not path.is_file():
        known = ", ".join(builtin_names())
        raise ConfigError(None, None, f"no ruleset '{name_or_path}' (built-in: {known}; or a path to a YAML file)")
    return path


class _Terms:
    """Named term lists: the ruleset's own, then the built-in lexicon; resolved on demand."""

    def __init__(self, own: dict[str, Any], shared: dict[str, Any], path: Path, shared_path: Path) -> None:
        self.sources = {**{k: (v, shared_path) for k, v in shared.items()}, **{k: (v, path) for k, v in own.items()}}
        self.resolved: dict[str, Compiled] = {"number": compile_phrase("#", self.resolve)}
        self.active: set[str] = set()
        # Rules of a ruleset repeat phrases (variants of one claim, shared `unless` lists): each
        # distinct phrase is compiled, and each distinct expression analysed, once.
        self.phrases: dict[str, Compiled] = {}
        self.units: dict[str, Unit] = {}

    def compile(self, phrase: str) -> Compiled:
        found = self.phrases.get(phrase)
        if found is None:
            found = self.phrases[phrase] = compile_phrase(phrase, self.resolve)
        return found

    def unit(self, expression: str) -> Unit:
        found = self.units.get(expression)
        if found is None:
            found = self.units[expression] = Unit(expression, factors_of(expression), leading_of(expression))
        return found

    def expand(self, phrases: list[str]) -> list[str]:
        """Phrases with every phrase that is just `{term}` replaced by the term's own phrases, so each
        becomes a unit of its own (small to compile, prefiltered by its own literal factors)."""
        expanded: list[str] = []
        for phrase in phrases:
            name = phrase.strip()
            if (
                name.startswith("{")
                and name.endswith("}")
                and name[1:-1] in self.sources
                and name[1:-1] not in self.active
            ):
                self.active.add(name[1:-1])
                try:
                    expanded += self.expand(list(self.sources[name[1:-1]][0]))
                finally:
                    self.active.discard(name[1:-1])
            else:
                expanded.append(phrase)
        return list(dict.fromkeys(expanded))

    def resolve(self, name: str) -> Compiled:
        if name in self.resolved:
            return self.resolved[name]
        if name not in self.sources:
            raise PhraseError(f"unknown term list '{{{name}}}'")
        if name in self.active:
            raise PhraseError(f"term list '{{{name}}}' refers to itself")
        self.active.add(name)
        values, _ = self.sources[name]
        try:
            phrases = [compile_phrase(v, self.resolve) for v in values]
        finally:
            self.active.discard(name)
        self.resolved[name] = Compiled("|".join(f"(?:{p.regex})" for p in phrases), any(p.nullable for p in phrases))
        return self.resolved[name]


def _strings(value: Any, path: Path, line: int | None, what: str) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not value or not all(isinstance(v, str) and v.strip() for v in value):
        raise ConfigError(path, line, f"{what} must be a non-empty string or list of non-empty strings")
    return list(value)


def _text(rule: dict[str, Any], key: str, path: Path, required: bool = True) -> str:
    value = rule.get(key, "")
    if not isinstance(value, str) or (required and not value.strip()):
        raise ConfigError(path, line_of(rule, key), f"rule '{rule.get('id')}': '{key}' must be a non-empty string")
    return value.strip()


def _choice(rule: dict[str, Any], key: str, options: Iterable[str], default: str, path: Path) -> str:
    value = rule.get(key, default)
    if value not in options:
        raise ConfigError(
            path, line_of(rule, key), f"rule '{rule.get('id')}': {key} '{value}' is not one of {', '.join(options)}"
        )
    return str(value)


def _examples(rule: dict[str, Any], path: Path) -> tuple[tuple[Example, ...], tuple[Example, ...]]:
    examples = rule.get("examples")
    if examples is None:
        raise ConfigError(path, getattr(rule, "line", None), f"rule '{rule['id']}' has no examples (flag and pass)")
    check_keys(examples, _EXAMPLE_KEYS, path, f"examples of rule '{rule['id']}'")
    parsed: dict[str, tuple[Example, ...]] = {}
    for key in ("flag", "pass"):
        texts = _strings(examples.get(key), path, line_of(examples, key), f"examples.{key} of rule '{rule['id']}'")
        lines = getattr(examples.get(key), "item_lines", [line_of(examples, key) or 0] * len(texts))
        found = []
        for text, line in zip(texts, lines, strict=True):
            marks = list(_MARK.finditer(text))
            if key == "flag" and len(marks) != 1:
                raise ConfigError(
                    path, line, f"flag example of rule '{rule['id']}' must mark its match once with [[...]]"
                )
            if key == "pass" and marks:
                raise ConfigError(path, line, f"pass example of rule '{rule['id']}' must not mark a match")
            if marks:
                mark = marks[0]
                plain = text[: mark.start()] + mark.group(1) + text[mark.end() :]
                found.append(Example(plain, (mark.start(), mark.start() + len(mark.group(1))), line))
            else:
                found.append(Example(text, None, line))
        parsed[key] = tuple(found)
    return parsed["flag"], parsed["pass"]


def _rule(raw: Any, ruleset: str, terms: _Terms, path: Path) -> Rule:
    check_keys(raw, _RULE_KEYS, path, "a rule")
    rule_id = raw.get("id")
    if not isinstance(rule_id, str) or not _RULE_ID.match(rule_id):
        raise ConfigError(path, line_of(raw, "id"), f"rule id {rule_id!r} must be lower-case words joined by '-'")
    category = raw.get("category")
    if category not in CATEGORIES:
        raise ConfigError(
            path,
            line_of(raw, "category"),
            f"rule '{rule_id}': unknown category {category!r} (see claimlint rules --categories)",
        )
    kind = _choice(raw, "kind", KINDS, "", path)
    for other_kind, keys in _KIND_KEYS.items():
        for key in keys:
            if key in raw and other_kind != kind:
                raise ConfigError(
                    path, line_of(raw, key), f"rule '{rule_id}': '{key}' belongs to kind {other_kind}, not {kind}"
                )

    def phrase_units(key: str, values: list[str]) -> tuple[Unit, ...]:
        try:
            compiled = [terms.compile(phrase) for phrase in terms.expand(values)]
        except PhraseError as error:
            raise ConfigError(path, line_of(raw, key), f"rule '{rule_id}': {error}") from None
        return tuple(terms.unit(bounded([c.regex])) for c in compiled)

    def pattern_units(values: list[str]) -> tuple[Unit, ...]:
        try:
            expressions = [
                re.sub(r"\{([A-Za-z_][\w-]*)\}", lambda m: f"(?:{terms.resolve(m.group(1)).regex})", value)
                for value in values
            ]
        except PhraseError as error:
            raise ConfigError(path, line_of(raw, "patterns"), f"rule '{rule_id}': {error}") from None
        return tuple(terms.unit(e) for e in expressions)

    companions: tuple[tuple[Unit, ...], ...] = ()
    lead_ins: tuple[Unit, ...] = ()
    within = None
    if kind == "phrase":
        triggers = phrase_units("phrases", _strings(raw.get("phrases"), path, line_of(raw, "phrases"), "phrases"))
    elif kind == "pattern":
        triggers = pattern_units(_strings(raw.get("patterns"), path, line_of(raw, "patterns"), "patterns"))
    elif kind == "listed":
        triggers = phrase_units("items", _strings(raw.get("items"), path, line_of(raw, "items"), "items"))
        lead_ins = phrase_units("lead_ins", _strings(raw.get("lead_ins"), path, line_of(raw, "lead_ins"), "lead_ins"))
    else:
        groups = raw.get("all")
        if not isinstance(groups, list) or len(groups) < 2:
            raise ConfigError(path, line_of(raw, "all"), f"rule '{rule_id}': 'all' needs at least two entries")
        entries = [
            phrase_units("all", _strings(group, path, line_of(raw, "all"), "each entry of 'all'")) for group in groups
        ]
        triggers, companions = entries[0], tuple(entries[1:])
        within = raw.get("within")
        if within is not None and (not isinstance(within, int) or isinstance(within, bool) or within < 1):
            raise ConfigError(
                path, line_of(raw, "within"), f"rule '{rule_id}': within must be a positive whole number of words"
            )
    unless: tuple[Unit, ...] = ()
    if "unless" in raw:
        unless = phrase_units("unless", _strings(raw["unless"], path, line_of(raw, "unless"), "unless"))
    references = _strings(raw.get("references"), path, line_of(raw, "references"), f"references of rule '{rule_id}'")
    jurisdictions = raw.get("jurisdictions", list(JURISDICTIONS))
    if not isinstance(jurisdictions, list) or not jurisdictions or any(j not in JURISDICTIONS for j in jurisdictions):
        raise ConfigError(
            path,
            line_of(raw, "jurisdictions"),
            f"rule '{rule_id}': jurisdictions must be a list of {', '.join(JURISDICTIONS)}",
        )
    flag_examples, pass_examples = _examples(raw, path)
    return Rule(
        id=rule_id,
        category=category,
        severity=_choice(raw, "severity", SEVERITIES, CATEGORIES[category].default_severity, path),
        kind=kind,
        message=_text(raw, "message", path),
        rationale=_text(raw, "rationale", path),
        references=tuple(references),
        rewrite=_text(raw, "rewrite", path),
        triggers=triggers,
        companions=companions,
        within=within,
        unless=unless,
        negation=_choice(raw, "negation", NEGATION_MODES, "skip", path),
        hedge=_choice(raw, "hedge", HEDGE_MODES, "ignore", path),
        questions=_choice(raw, "questions", QUESTION_MODES, "skip", path),
        jurisdictions=tuple(jurisdictions),
        flag_examples=flag_examples,
        pass_examples=pass_examples,
        ruleset=ruleset,
        path=str(path),
        line=raw.line if hasattr(raw, "line") else 0,
        lead_ins=lead_ins,
    )


def _term_lists(raw: Any, path: Path) -> dict[str, list[str]]:
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise ConfigError(path, getattr(raw, "line", None), "terms must be a mapping of names to lists of phrases")
    return {name: _strings(values, path, line_of(raw, name), f"term list '{name}'") for name, values in raw.items()}


def _lexicon() -> tuple[dict[str, list[str]], Path]:
    path = builtin_dir() / LEXICON_FILE
    if not path.is_file():
        return {}, path
    raw = load_yaml_file(path)
    check_keys(raw, {"terms", "description"}, path, "the lexicon")
    return _term_lists(raw.get("terms"), path), path


_LOADED: dict[tuple[str, str, float], Ruleset] = {}


def load_ruleset(path: Path) -> Ruleset:
    """Load and validate a ruleset; each file is read once per process while it is unchanged."""
    try:
        key = (str(path), str(path.resolve()), path.stat().st_mtime)
    except OSError as error:
        raise ConfigError(path, None, f"cannot read: {error.strerror or error}") from None
    if key not in _LOADED:
        _LOADED[key] = _cached_ruleset(path)
    return _LOADED[key]


def _cached_ruleset(path: Path) -> Ruleset:
    """Parsing and compiling a ruleset takes long; the result is kept on disk by content."""
    try:
        lexicon = (builtin_dir() / LEXICON_FILE).read_bytes()
        # The path as given is part of the key: rules remember it, and messages name it.
        key = cache.key_for("ruleset", path.read_bytes(), lexicon, str(path.resolve()).encode(), str(path).encode())
    except OSError:
        return _load_ruleset(path)
    ruleset = cache.load(key)
    if not isinstance(ruleset, Ruleset):
        ruleset = _load_ruleset(path)
        cache.store(key, ruleset)
    return ruleset


def _load_ruleset(path: Path) -> Ruleset:
    raw = load_yaml_file(path)
    if raw is None:
        raise ConfigError(path, None, "empty ruleset")
    check_keys(raw, _RULESET_KEYS, path, "a ruleset")
    name = raw.get("ruleset")
    if not isinstance(name, str) or not _RULE_ID.match(name):
        raise ConfigError(
            path, line_of(raw, "ruleset"), "'ruleset' must name the ruleset in lower-case words joined by '-'"
        )
    shared, shared_path = _lexicon()
    terms = _Terms(_term_lists(raw.get("terms"), path), shared, path, shared_path)
    rules_raw = raw.get("rules")
    if not isinstance(rules_raw, list) or not rules_raw:
        raise ConfigError(path, line_of(raw, "rules"), "'rules' must be a non-empty list")
    rules = [_rule(item, name, terms, path) for item in rules_raw]
    seen: dict[str, int] = {}
    for rule in rules:
        if rule.id in seen:
            raise ConfigError(path, rule.line, f"duplicate rule id '{rule.id}' (first at line {seen[rule.id]})")
        seen[rule.id] = rule.line
    description = raw.get("description", "")
    return Ruleset(name, description if isinstance(description, str) else "", str(path), tuple(rules))


def load_rulesets(paths: list[Path]) -> list[Ruleset]:
    """Load rulesets; a rule id may appear in only one of them."""
    rulesets = [load_ruleset(path) for path in paths]
    owner: dict[str, str] = {}
    for ruleset in rulesets:
        for rule in ruleset.rules:
            if rule.id in owner and owner[rule.id] != ruleset.path:
                raise ConfigError(ruleset.path, rule.line, f"duplicate rule id '{rule.id}' (also in {owner[rule.id]})")
            owner[rule.id] = ruleset.path
    return rulesets


def load_profiles() -> dict[str, Profile]:
    """The built-in jurisdiction profiles (rulesets/_jurisdictions.yaml)."""
    path = builtin_dir() / JURISDICTIONS_FILE
    raw = load_yaml_file(path)
    check_keys(raw, {"description", "profiles"}, path, "the jurisdiction profiles")
    profiles = {}
    for key, value in (raw.get("profiles") or {}).items():
        if key not in JURISDICTIONS:
            raise ConfigError(path, line_of(raw["profiles"], key), f"unknown jurisdiction '{key}'")
        check_keys(value, _PROFILE_KEYS, path, f"profile '{key}'")
        severity = value.get("severity") or {}
        if any(level not in SEVERITIES for level in severity.values()):
            raise ConfigError(
                path, line_of(value, "severity"), f"profile '{key}': severities are {', '.join(SEVERITIES)}"
            )
        profiles[key] = Profile(
            key, str(value.get("title", key)), tuple(sorted(severity.items())), tuple(value.get("disable") or ())
        )
    return profiles

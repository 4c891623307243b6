"""The engine: rules, compiled once per run, find findings in a document's linted text.

Patterns never scan a whole document. Each rule's patterns are small units, and each unit has
prefilter factors: sets of strings one of which every match contains (see `prefilter.py`). An
Aho-Corasick automaton finds the factor strings of every rule in each sentence at once; a unit is
tried only in a sentence that holds one string of each of its factors (and, when all its matches
start with one of a few strings, only where those are), and a rule only in sentences where one of
its triggers may match. There the sentence context (questions, negation, hedges, `unless`) is
judged. Units compile on first use and are kept for the rest of the run; every match of another
ruleset's hand-written pattern runs under a time limit so no pattern can hang a run.
"""

from __future__ import annotations

import hashlib
import os
import re
from bisect import bisect_left
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from itertools import chain, repeat
from operator import itemgetter
from typing import Any

import ahocorasick

from claimlint import compiled, context
from claimlint.documents import Document
from claimlint.findings import FileProblem, Finding
from claimlint.rulesets import Rule, Unit, builtin_dir
from claimlint.sentences import Sentences, split_sentences
from claimlint.yamlsource import ConfigError

DEFAULT_TIMEOUT = 2.0  # seconds one rule may spend on one document before it is stopped
LOOKBEHIND = 1000  # characters before a sentence its patterns may look back at (never past a block start)
JUDGED_LIMIT = 8_000_000  # characters of sentence windows whose findings are kept for reuse
STRETCH = 100_000  # characters of text prefiltered at a time
_KEY = itemgetter(1)  # of what the automaton finds: (end, key)

Judged = tuple[tuple[int, int, int], ...]  # a sentence's findings: (rule number, start, end) from its window's start
# What a sentence's findings depend on: its window, and for a list item its list's lead-in (where the
# lead-in sentence starts in its own window, and that window), or None outside list items.
WindowKey = tuple[str, "tuple[int, str] | None"]


@dataclass
class WindowMemory:
    """A file's findings by sentence, kept across runs: `earlier` holds those of the file's last
    run, by digest of what decides them (an edited page re-judges only the sentences that changed),
    and a scan fills `now` for the next run."""

    earlier: dict[bytes, Judged] = field(default_factory=dict)
    now: dict[bytes, Judged] = field(default_factory=dict)


def window_digest(key: WindowKey) -> bytes:
    window, lead_in = key
    # Lengths first, so that no two keys are spelt the same.
    spelt = f"{len(window)}:{window}" if lead_in is None else f"{len(window)}:{window}{lead_in[0]}:{lead_in[1]}"
    return hashlib.blake2b(spelt.encode("utf-8", "surrogatepass"), digest_size=16).digest()


@dataclass(frozen=True)
class CompiledRule:
    """A rule with its patterns as unit numbers of the engine."""

    rule: Rule
    triggers: tuple[int, ...]  # unit numbers
    companions: tuple[tuple[int, ...], ...]
    unless: tuple[int, ...]
    lead_ins: tuple[int, ...] = ()
    order: dict[int, int] = field(default_factory=dict)  # trigger unit -> its first place in `triggers`


@dataclass(frozen=True)
class _Group:
    """Units of one rule entry, indexed by their first factor."""

    order: dict[int, int]  # unit -> its first place in the group
    by_key: dict[int, tuple[int, ...]]  # key -> units indexed under it (their most selective factor)
    open: tuple[int, ...]  # units without factors


@dataclass
class Engine:
    """Every active rule's units, their prefilter, and what a run has compiled and judged so far."""

    rules: tuple[CompiledRule, ...]
    units: tuple[str, ...]  # each unit's regular expression
    factors: tuple[tuple[tuple[int, ...], ...], ...]  # per unit: its factors, as key numbers (one of each is needed)
    leading: tuple[tuple[int, ...] | None, ...]  # per unit: the keys its matches start with, when known
    keys: Any  # an Aho-Corasick automaton: factor string -> key number
    triggers_by_key: dict[int, tuple[int, ...]]  # key -> trigger units indexed under it
    unfiltered: tuple[int, ...]  # trigger units without factors: searched through the whole text
    trigger_of: dict[int, tuple[int, ...]]  # unit -> rules it triggers
    limited: frozenset[int]  # units of other people's hand-written patterns: run under the time limit
    timeout: float = DEFAULT_TIMEOUT
    _compiled: dict[int, Any] = field(default_factory=dict)
    # Units with more than one factor -> the factors after the one they are indexed under.
    more_factors: dict[int, tuple[tuple[int, ...], ...]] = field(default_factory=dict)
    key_lengths: tuple[int, ...] = ()  # key number -> the length of its string
    _groups: dict[tuple[int, ...], _Group] = field(default_factory=dict)
    # Findings by what decides them (see `_Sentence`): boilerplate repeated across a site is judged once.
    _judged: dict[WindowKey, Judged] = field(default_factory=dict)
    _judged_size: int = 0

    def remember(self, key: WindowKey, found: Judged) -> None:
        if self._judged_size > JUDGED_LIMIT:  # bounded memory: start afresh
            self._judged.clear()
            self._judged_size = 0
        self._judged[key] = found
        self._judged_size += len(key[0]) + (len(key[1][1]) if key[1] else 0)

    def group(self, units: tuple[int, ...]) -> _Group:
        """A rule's `unless` or co-occurring entry indexed by factor (some hold hundreds of units)."""
        found = self._groups.get(units)
        if found is None:
            by_key, unfiltered = _by_first_factor(units, self.factors)
            order = {unit: place for place, unit in reversed(list(enumerate(units)))}
            found = self._groups[units] = _Group(order, by_key, unfiltered)
        return found

    def pattern(self, unit: int) -> Any:
        """The unit compiled, on first use. Phrase units are generated with bounded repetition only
        and built-in patterns are tested on hostile input, so they use the standard library's faster
        `re` where it accepts them; patterns from other rulesets use `regex`, whose time limit stops
        catastrophic backtracking."""
        ready = self._compiled.get(unit)
        if ready is None:
            key = (self.units[unit], unit in self.limited, self.timeout)
            ready = _PROCESS_CACHE.get(key)
            if ready is None:
                ready = compiled.STORE.compile(self.units[unit], standard=unit not in self.limited)
                if not isinstance(ready, re.Pattern):
                    ready = _Limited(ready, self.timeout)
                _PROCESS_CACHE[key] = ready
            self._compiled[unit] = ready
        return ready


# Units compiled in this process, shared by every engine (each configuration builds its own engine).
_PROCESS_CACHE: dict[tuple[str, bool, float], Any] = {}


class _Limited:
    """A `regex` pattern whose searches stop (TimeoutError) after the engine's time limit."""

    def __init__(self, pattern: Any, timeout: float) -> None:
        self.pattern, self.timeout = pattern, timeout

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> Any:
        return self.pattern.finditer(text, pos, len(text) if endpos is None else endpos, timeout=self.timeout)

    def match(self, text: str, pos: int = 0, endpos: int | None = None) -> Any:
        return self.pattern.match(text, pos, len(text) if endpos is None else endpos, timeout=self.timeout)


def compile_rules(rules: list[Rule], timeout: float = DEFAULT_TIMEOUT) -> Engine:
    """Number the rules' units and index them by factor; every unit's expression is checked here
    (errors name the rule)."""
    numbers: dict[str, int] = {}
    units: list[Unit] = []
    builtin_prefix = os.path.join(builtin_dir(), "")

    def number(unit: Unit, rule: Rule, hand_written: bool = False) -> int:
        if unit.regex not in numbers:
            numbers[unit.regex] = len(units)
            units.append(unit)
        if hand_written and unit.regex not in checked_patterns:
            # A hand-written pattern from another ruleset is checked now, so a broken one is an error
            # naming its file and line before any file is linted. (Built-in patterns are compiled by
            # the test suite; units made from phrases are valid by construction.)
            try:
                compiled.STORE.compile(unit.regex, standard=False)
            except Exception as error:  # regex.error, OverflowError, RecursionError
                raise ConfigError(
                    rule.path, rule.line, f"rule '{rule.id}': pattern does not compile: {error}"
                ) from None
            checked_patterns.add(unit.regex)
        return numbers[unit.regex]

    checked_patterns: set[str] = set()
    compiled_rules = []
    trigger_of: dict[int, list[int]] = {}
    limited: set[int] = set()
    for index, rule in enumerate(rules):
        hand_written = rule.kind == "pattern" and not _is_builtin(rule, builtin_prefix)
        triggers = tuple(number(u, rule, hand_written) for u in rule.triggers)
        if hand_written:
            limited.update(triggers)
        companions = tuple(tuple(number(u, rule) for u in entry) for entry in rule.companions)
        unless = tuple(number(u, rule) for u in rule.unless)
        lead_ins = tuple(number(u, rule) for u in rule.lead_ins)
        order = {unit: place for place, unit in reversed(list(enumerate(triggers)))}
        compiled_rules.append(CompiledRule(rule, triggers, companions, unless, lead_ins, order))
        for unit in dict.fromkeys(triggers):
            trigger_of.setdefault(unit, []).append(index)

    key_numbers: dict[str, int] = {}
    # Equal sets of keys are one object, and factors are tuples (only ever iterated): every run
    # loads the engine, and building and hashing thousands of sets was a third of that.
    shared: dict[Any, Any] = {}

    def numbered(strings: frozenset[str]) -> tuple[int, ...]:
        found = tuple(sorted(key_numbers.setdefault(s, len(key_numbers)) for s in sorted(strings)))
        return shared.setdefault(found, found)  # type: ignore[no-any-return]

    factors = tuple(tuple(numbered(factor) for factor in unit.factors) for unit in units)
    leading = tuple(None if unit.leading is None else numbered(unit.leading) for unit in units)
    # Keys are plain ints (loaded by every run: half the time of tuples), their lengths kept apart.
    automaton = ahocorasick.Automaton(ahocorasick.STORE_INTS)
    for string, key in key_numbers.items():
        automaton.add_word(string, key)
    if key_numbers:
        automaton.make_automaton()
    triggers_by_key, unfiltered = _by_first_factor(tuple(sorted(trigger_of)), factors)
    return Engine(
        tuple(compiled_rules),
        tuple(u.regex for u in units),
        factors,
        leading,
        automaton,
        triggers_by_key,
        unfiltered,
        {unit: tuple(rule_numbers) for unit, rule_numbers in trigger_of.items()},
        frozenset(limited),
        timeout,
        more_factors={unit: found[1:] for unit, found in enumerate(factors) if len(found) > 1},
        key_lengths=tuple(len(string) for string in key_numbers),  # in key order: numbered as added
    )


def _by_first_factor(
    units: tuple[int, ...], factors: tuple[tuple[tuple[int, ...], ...], ...]
) -> tuple[dict[int, tuple[int, ...]], tuple[int, ...]]:
    """The units indexed under each key of their most selective factor (listed first), and the
    units without factors, which no key finds."""
    by_key: dict[int, list[int]] = {}
    unfiltered = []
    for unit in units:
        if not factors[unit]:
            unfiltered.append(unit)
        for key in factors[unit][0] if factors[unit] else ():
            by_key.setdefault(key, []).append(unit)
    return {key: tuple(found) for key, found in by_key.items()}, tuple(unfiltered)


def _is_builtin(rule: Rule, builtin: str) -> bool:
    return rule.path.startswith(builtin)


def _lower(text: str) -> str:
    """The text in lower case, character for character (a few characters lower to two)."""
    lower = text.lower()
    if len(lower) == len(text):
        return lower
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


@dataclass
class _Sentence:
    """A sentence and its window: the text its patterns see, from its block's start (or LOOKBEHIND
    characters back) to its end. What a sentence yields depends on its window alone (and, in a list
    item, on its list's lead-in), so equal windows share their findings."""

    start: int
    end: int
    keys: set[int]  # factor strings found in the sentence
    # Where each was found, worked out when first needed (most sentences are never searched).
    positions: dict[int, list[int]] | None = None
    found: dict[int, list[tuple[int, int]]] = field(default_factory=dict)  # unit -> its matches here
    triggers: set[int] = field(default_factory=set)  # trigger units that may match here
    window: tuple[int, str] | None = None  # where the window starts in the text, and its text
    key: WindowKey | None = None  # what decides its findings (set with `judged`, see `scan`)
    digest: bytes = b""  # of `key`, when a WindowMemory is kept
    judged: Judged | None = None  # its findings, when they were judged before


def _unfiltered_triggers(engine: Engine, text: str, sentences: Sentences) -> tuple[dict[int, set[int]], set[int]]:
    """Units without factors, searched through the whole text: the sentences (by index) where each
    matches, and the units that ran out of time."""
    found: dict[int, set[int]] = {}
    timed_out = set()
    for unit in engine.unfiltered:
        try:
            for match in engine.pattern(unit).finditer(text):
                found.setdefault(sentences.index_of(match.start()), set()).add(unit)
        except TimeoutError:
            timed_out.add(unit)
    return found, timed_out


def _candidate_sentences(
    engine: Engine, text: str, sentences: Sentences, unfiltered: dict[int, set[int]], known: Callable[[_Sentence], None]
) -> Iterator[_Sentence]:
    """Sentences where some rule may match, in order, with their findings when `known` (which sets
    `judged` for sentences judged before). The text is lowered a stretch at a time, so what is held
    at once stays small however long the document is."""
    starts, ends = sentences.starts, sentences.ends
    automaton, triggers_by_key, more = engine.keys, engine.triggers_by_key, engine.more_factors
    first = 0
    while first < len(starts):
        last = max(bisect_left(starts, starts[first] + STRETCH, first + 1), first + 1)
        stretch_start = starts[first]
        stretch_end = starts[last] if last < len(starts) else len(text)
        lowered = _lower(text[stretch_start:stretch_end]) if triggers_by_key else ""
        for index in range(first, last):
            keys: set[int] = set()
            indexed: set[int] = set()
            if triggers_by_key:
                # Iterated in C (no Python code per string found): a sentence holds dozens.
                found = automaton.iter(lowered[starts[index] - stretch_start : ends[index] - stretch_start])
                keys = set(map(_KEY, found))
                indexed = set(chain.from_iterable(map(triggers_by_key.get, keys, repeat(()))))
            if unfiltered and index in unfiltered:
                indexed |= unfiltered[index]
            if not indexed:
                continue
            sentence = _Sentence(starts[index], ends[index], keys)
            known(sentence)  # a sentence judged before needs no triggers worked out
            if sentence.judged is None:
                triggers = indexed.difference(more)  # (a dict, not its keys: looked up, not walked)
                if len(triggers) < len(indexed):
                    for unit in indexed:  # the others need one string of each further factor too
                        for factor in more.get(unit, ()):
                            if keys.isdisjoint(factor):
                                break
                        else:
                            triggers.add(unit)
                sentence.triggers = triggers
            if sentence.triggers or sentence.judged is not None:
                yield sentence
        first = last


def _positions(engine: Engine, text: str, sentence: _Sentence) -> dict[int, list[int]]:
    """Where each factor string is in the sentence: key -> positions in the text, in order."""
    if sentence.positions is None:
        sentence.positions = {}
        start = sentence.start
        lengths = engine.key_lengths
        for end, key in engine.keys.iter(_lower(text[start : sentence.end])):
            sentence.positions.setdefault(key, []).append(start + end - lengths[key] + 1)
    return sentence.positions


def _block_start(text: str, position: int) -> int:
    """Where the block holding `position` starts, looking back at most LOOKBEHIND characters."""
    low = max(0, position - LOOKBEHIND)
    return text.rfind("\n", low, position) + 1 or low


def _window(text: str, sentence: _Sentence) -> tuple[int, str]:
    start = _block_start(text, sentence.start)
    return start, text[start : sentence.end]


def _matches(engine: Engine, unit: int, text: str, sentence: _Sentence) -> list[tuple[int, int]]:
    """The unit's matches in the sentence (none without searching when a factor is missing)."""
    found = sentence.found.get(unit)
    if found is None:
        if all(not sentence.keys.isdisjoint(factor) for factor in engine.factors[unit]):
            return _search(engine, unit, text, sentence)
        found = sentence.found[unit] = []
    return found


def _search(engine: Engine, unit: int, text: str, sentence: _Sentence) -> list[tuple[int, int]]:
    """The unit's matches in the sentence, searched once (for a unit whose factors are all there)."""
    found = sentence.found.get(unit)
    if found is None:
        found = []
        if sentence.window is None:
            sentence.window = _window(text, sentence)
        base, window = sentence.window
        leading = engine.leading[unit]
        pattern = engine.pattern(unit)
        if leading is None or not engine.triggers_by_key:
            matches = pattern.finditer(window, sentence.start - base)
        else:
            positions = _positions(engine, text, sentence)
            at = sorted({p for key in leading if key in positions for p in positions[key]})
            matches = _matches_at(pattern, window, base, at)
        for match in matches:
            if match.end() > match.start() and "\n" not in match.group():
                found.append((match.start() + base, match.end() + base))
        sentence.found[unit] = found
    return found


def _leftmost(engine: Engine, units: tuple[int, ...], text: str, sentence: _Sentence) -> tuple[int, int] | None:
    """The leftmost match of any of the units (at one position, the first unit in order wins)."""
    group = engine.group(units)
    candidates = set(group.open)
    for key in sentence.keys:
        candidates.update(group.by_key.get(key, ()))
    found = [
        (span[0], group.order[unit], span) for unit in candidates for span in _matches(engine, unit, text, sentence)[:1]
    ]
    return min(found)[2] if found else None


def _matches_at(pattern: Any, window: str, base: int, positions: list[int]) -> Iterator[Any]:
    """What `finditer` from the sentence's start gives, for a pattern whose every match starts at
    one of `positions` (where its leading strings are): tried there alone, left to right, each
    next try after the last match's end."""
    last_end = -1
    for position in positions:
        if position >= last_end:
            match = pattern.match(window, position - base)
            if match is not None:
                last_end = match.end() + base
                yield match


def _trigger_spans(
    engine: Engine, prepared: CompiledRule, text: str, sentence: _Sentence, candidates: list[int]
) -> list[tuple[int, int]]:
    """Non-overlapping matches of the rule's candidate triggers in the sentence, left to right (at
    one position, the first trigger in the rule's order wins)."""
    order = prepared.order
    spans = sorted(
        (start, order[unit], end) for unit in candidates for start, end in _search(engine, unit, text, sentence)
    )
    kept = []
    last_end = -1
    for start, _, end in spans:
        if start >= last_end:
            last_end = end
            kept.append((start, end))
    return kept


LeadIns = Callable[[int], "_Sentence | None"]  # a list item's position -> its list's lead-in sentence


def _rule_spans(
    engine: Engine,
    prepared: CompiledRule,
    text: str,
    sentence: _Sentence,
    candidates: list[int],
    lead_in_of: LeadIns,
) -> list[tuple[int, int, int]]:
    """(start, end, trigger start) of each match of the rule in the sentence, given the rule's
    trigger units that match there."""
    triggers = _trigger_spans(engine, prepared, text, sentence, candidates)
    if prepared.lead_ins:
        lead_in = lead_in_of(sentence.start)
        if lead_in is None:
            return []
        span = _leftmost(engine, prepared.lead_ins, text, lead_in)
        if span is None or context.is_negated(text, lead_in.start, lead_in.end, span[0]):
            return []
    if not prepared.companions:
        # A list item is one claim, however many condition names it holds.
        return [(start, end, start) for start, end in triggers[: 1 if prepared.lead_ins else None]]
    companion_spans = []
    for entry in prepared.companions:
        span = _leftmost(engine, entry, text, sentence)
        if span is None:
            return []
        companion_spans.append(span)
    within = prepared.rule.within
    for trigger in triggers:
        spans = [trigger, *companion_spans]
        low, high = min(s for s, _ in spans), max(e for _, e in spans)
        if within is None or text.count(" ", low, high) < within:
            return [(low, high, trigger[0])]  # one finding per sentence for a co-occurrence
    return []


def _unless(engine: Engine, prepared: CompiledRule, text: str, sentence: _Sentence) -> bool:
    """Whether one of the rule's `unless` phrases is in the sentence."""
    return bool(prepared.unless) and _leftmost(engine, prepared.unless, text, sentence) is not None


def _accept(engine: Engine, prepared: CompiledRule, text: str, sentence: _Sentence, span: tuple[int, int, int]) -> bool:
    """Whether a match (start, end, where its trigger starts) is a claim in its sentence."""
    rule = prepared.rule
    start, _, trigger = span
    sentence_text = text[sentence.start : sentence.end]
    if rule.questions == "skip" and context.is_question(sentence_text):
        return False
    if _unless(engine, prepared, text, sentence):
        return False
    if rule.negation == "skip" and any(
        context.is_negated(text, sentence.start, sentence.end, at) for at in {start, trigger}
    ):
        return False
    return not (rule.hedge == "skip" and context.is_hedged(sentence_text))


def scan(
    engine: Engine, document: Document, memory: WindowMemory | None = None
) -> tuple[list[Finding], list[FileProblem]]:
    """All findings of the engine's rules in one document, and rules stopped by the time limit.
    With a `memory`, sentences judged in its `earlier` run are not judged again, and `now` is filled."""
    text = document.text
    findings: list[Finding] = []
    problems: list[FileProblem] = []
    if not text.strip() or not engine.rules:
        return findings, problems
    sentences = split_sentences(text)
    unfiltered, timed_out = _unfiltered_triggers(engine, text, sentences)
    stopped: set[str] = set()

    def stop(prepared: CompiledRule, line: int | None) -> None:
        stopped.add(prepared.rule.id)
        message = f"rule '{prepared.rule.id}' stopped after {engine.timeout:g}s (pattern too slow); the other rules ran"
        problems.append(FileProblem(document.path, message, line, prepared.rule.id))

    for rule in engine.rules if timed_out else ():
        if timed_out & {*rule.triggers, *(u for entry in rule.companions for u in entry), *rule.unless}:
            stop(rule, None)
    lead_in_of = _lead_in_finder(engine, document, sentences)
    listed = any(r.lead_ins for r in engine.rules)

    def known(sentence: _Sentence) -> None:
        sentence.window = _window(text, sentence)
        lead_in = None
        if listed and _item_start(document, sentence.start) is not None:
            # A list item's findings may depend on its list's lead-in, outside the window.
            found = lead_in_of(sentence.start)
            lead_in = (0, "") if found is None else _lead_in_key(text, found)
        sentence.key = (sentence.window[1], lead_in)
        sentence.judged = engine._judged.get(sentence.key)
        if memory is not None:
            sentence.digest = window_digest(sentence.key)
            if sentence.judged is None:
                sentence.judged = memory.earlier.get(sentence.digest)

    for sentence in _candidate_sentences(engine, text, sentences, unfiltered, known):
        assert sentence.window is not None and sentence.key is not None  # set by `known`
        base, key = sentence.window[0], sentence.key
        judged = sentence.judged
        complete = True
        if judged is None:
            judged, complete = _judge(engine, text, sentence, stopped, stop, document, lead_in_of)
        if complete:
            if key not in engine._judged:
                engine.remember(key, judged)
            if memory is not None:
                memory.now[sentence.digest] = judged
        for number, start, end in judged:
            if engine.rules[number].rule.id not in stopped:
                findings.append(_finding(document, engine.rules[number].rule, start + base, end + base))
    return _drop_overlaps(findings), problems


def _lead_in_key(text: str, lead_in: _Sentence) -> tuple[int, str]:
    """What of a lead-in decides its list items' findings: its window, and where the lead-in starts
    in it (counted from 1: a list without a lead-in is (0, ""))."""
    if lead_in.window is None:
        lead_in.window = _window(text, lead_in)
    return lead_in.start - lead_in.window[0] + 1, lead_in.window[1]


def _item_start(document: Document, position: int) -> int | None:
    """Where the list item holding `position` starts, or None outside list items (looking back at
    most LOOKBEHIND characters: a block that long is no list item, and a long line stays linear)."""
    if not document.list_items:
        return None
    start = _block_start(document.text, position)
    return start if start in document.list_items else None


def _lead_in_finder(engine: Engine, document: Document, sentences: Sentences) -> LeadIns:
    """For a list item, the last sentence of the block that introduces its list (looked up once per item)."""
    text = document.text
    found: dict[int, _Sentence | None] = {}

    def lead_in_of(position: int) -> _Sentence | None:
        block_start = _item_start(document, position)
        if block_start is None:
            return None
        if block_start not in found:
            span = context.lead_in(text, document.list_items, block_start)
            sentence = None
            if span is not None:
                index = sentences.index_of(span[1] - 1)
                sentence = _Sentence(sentences.starts[index], sentences.ends[index], set())
                if engine.triggers_by_key:
                    sentence.keys = set(_positions(engine, text, sentence))
            found[block_start] = sentence
        return found[block_start]

    return lead_in_of


def _judge(
    engine: Engine,
    text: str,
    sentence: _Sentence,
    stopped: set[str],
    stop: Callable[[CompiledRule, int | None], None],
    document: Document,
    lead_in_of: LeadIns,
) -> tuple[tuple[tuple[int, int, int], ...], bool]:
    """Each rule's accepted matches in the sentence, as (rule number, start, end) from the window's
    start, and whether every rule ran to the end (a rule stopped by the time limit leaves it partial)."""
    base = sentence.window[0] if sentence.window else 0
    found: list[tuple[int, int, int]] = []
    complete = True
    rules, trigger_of = engine.rules, engine.trigger_of
    # Each candidate trigger is searched once, and only rules with a matching trigger go further:
    # most triggers' factors are in the sentence, not the triggers.
    candidates: dict[int, list[int]] = {}  # rule -> its trigger units that match here
    timed_out = set()
    for unit in sentence.triggers:
        if stopped and any(rules[number].rule.id in stopped for number in trigger_of[unit]):
            complete = False  # a stopped rule may match here: the findings are partial
            if all(rules[number].rule.id in stopped for number in trigger_of[unit]):
                continue  # never run a slow pattern again for rules it already stopped
        try:
            if not _search(engine, unit, text, sentence):
                continue
        except TimeoutError:
            timed_out.add(unit)
        for number in trigger_of[unit]:
            candidates.setdefault(number, []).append(unit)
    for number in sorted(candidates):
        prepared = rules[number]
        if prepared.rule.id in stopped:
            continue
        try:
            if not timed_out.isdisjoint(candidates[number]):
                raise TimeoutError
            spans = _rule_spans(engine, prepared, text, sentence, candidates[number], lead_in_of)
            accepted = [(s, e) for s, e, t in spans if _accept(engine, prepared, text, sentence, (s, e, t))]
        except TimeoutError:
            stop(prepared, document.position(document.offsets.source_start(sentence.start)).line)
            complete = False
            continue
        found += [(number, start - base, end - base) for start, end in accepted]
    return tuple(found), complete


def _finding(document: Document, rule: Rule, start: int, end: int) -> Finding:
    source_start, source_end = document.offsets.source_span(start, end)
    return Finding(
        path=document.path,
        rule_id=rule.id,
        category=rule.category,
        severity=rule.severity,
        message=rule.message,
        start=document.position(source_start),
        end=document.position(source_end),
        source_start=source_start,
        source_end=source_end,
        matched=document.source[source_start:source_end],
        normalised=document.text[start:end],
        rewrite=rule.rewrite,
    )


def _drop_overlaps(findings: list[Finding]) -> list[Finding]:
    """One finding per claim and category: overlapping matches of one category keep the longest."""
    kept: list[Finding] = []
    spans: dict[str, list[tuple[int, int]]] = {}  # per category, the kept spans: disjoint, in order
    ranked = sorted(findings, key=lambda f: (f.category, f.source_start - f.source_end, f.source_start, f.rule_id))
    for finding in ranked:
        start, end = finding.source_start, finding.source_end
        taken = spans.setdefault(finding.category, [])
        at = bisect_left(taken, (start, end))
        if (at and taken[at - 1][1] > start) or (at < len(taken) and taken[at][0] < end):
            continue
        taken.insert(at, (start, end))
        kept.append(finding)
    return sorted(kept, key=Finding.sort_key)

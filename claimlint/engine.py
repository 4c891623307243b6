"""The engine: rules, compiled once per run, find findings in a document's linted text.

A document is read once, word by word, against one index of anchors for every rule (see
`anchors.py`). Only where an anchor starts a word is a rule's pattern tried, and only in that
sentence, where the sentence context (questions, negation, hedges, `unless`) is judged. Patterns are
small units compiled on first use and kept for the rest of the run; every match runs under a time
limit so no pattern can hang a run.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import regex

from claimlint import context
from claimlint.anchors import AnchorIndex
from claimlint.documents import Document
from claimlint.findings import FileProblem, Finding
from claimlint.patterns import FLAGS
from claimlint.rulesets import Rule, Unit, builtin_dir
from claimlint.sentences import split_sentences
from claimlint.yamlsource import ConfigError

DEFAULT_TIMEOUT = 2.0  # seconds one rule may spend on one document before it is stopped


@dataclass(frozen=True)
class CompiledRule:
    rule: Rule
    triggers: tuple[int, ...]  # unit numbers
    companions: tuple[tuple[int, ...], ...]
    unless: tuple[int, ...]
    searched: bool  # pattern rules: units are searched in the sentence, not matched at a word


@dataclass
class Engine:
    rules: tuple[CompiledRule, ...]
    units: tuple[str, ...]  # each unit's regular expression
    index: AnchorIndex
    unanchored: tuple[int, ...]  # units with no anchors: searched through the whole text
    trigger_of: dict[int, tuple[int, ...]]  # unit -> rules it triggers
    written: frozenset[int]  # units written as regular expressions by hand (pattern rules)
    required: tuple[frozenset[str] | None, ...]  # per unit: words one of which a matching sentence has
    timeout: float = DEFAULT_TIMEOUT
    _compiled: dict[int, Any] = field(default_factory=dict)

    def pattern(self, unit: int) -> Any:
        """The unit compiled, on first use. Phrase units are generated with bounded repetition only,
        so they use the standard library's faster-compiling `re` where it accepts them; hand-written
        patterns use `regex`, whose time limit stops catastrophic backtracking."""
        compiled = self._compiled.get(unit)
        if compiled is None:
            key = (self.units[unit], unit in self.written, self.timeout)
            compiled = _PROCESS_CACHE.get(key)
            if compiled is None:
                compiled = None if unit in self.written else _standard(self.units[unit])
                if compiled is None:
                    compiled = _Limited(regex.compile(self.units[unit], FLAGS), self.timeout)
                _PROCESS_CACHE[key] = compiled
            self._compiled[unit] = compiled
        return compiled


# Units compiled in this process, shared by every engine (each configuration builds its own engine).
_PROCESS_CACHE: dict[tuple[str, bool, float], Any] = {}


def _standard(expression: str) -> re.Pattern[str] | None:
    try:
        return re.compile(expression, re.IGNORECASE)
    except (re.error, OverflowError, RecursionError):
        return None


class _Limited:
    """A `regex` pattern whose searches stop (TimeoutError) after the engine's time limit."""

    def __init__(self, pattern: regex.Pattern[str], timeout: float) -> None:
        self.pattern, self.timeout = pattern, timeout

    def match(self, text: str, pos: int, endpos: int) -> Any:
        return self.pattern.match(text, pos, endpos, timeout=self.timeout)

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> Any:
        return self.pattern.finditer(text, pos, len(text) if endpos is None else endpos, timeout=self.timeout)


def compile_rules(rules: list[Rule], timeout: float = DEFAULT_TIMEOUT) -> Engine:
    """Index the rules' units by anchor; every unit's expression is checked here (errors name the rule)."""
    numbers: dict[str, int] = {}
    units: list[str] = []

    anchors: list[frozenset[str] | None] = []
    required: list[frozenset[str] | None] = []
    checked = builtin_dir()

    def number(unit: Unit, rule: Rule, what: str) -> int:
        if unit.regex not in numbers:
            # Built-in rules are compiled by the test suite; others are checked now, so a broken
            # pattern is an error naming its file and line before any file is linted.
            if not Path(rule.path).is_absolute() or not Path(rule.path).is_relative_to(checked):
                try:
                    regex.compile(unit.regex, FLAGS)
                except (regex.error, OverflowError, RecursionError) as error:
                    raise ConfigError(
                        rule.path, rule.line, f"rule '{rule.id}': {what} does not compile: {error}"
                    ) from None
            numbers[unit.regex] = len(units)
            units.append(unit.regex)
            anchors.append(unit.anchors)
            required.append(unit.required)
        return numbers[unit.regex]

    compiled = []
    trigger_of: dict[int, list[int]] = {}
    written: set[int] = set()
    for index, rule in enumerate(rules):
        triggers = tuple(number(u, rule, "pattern") for u in rule.triggers)
        if rule.kind == "pattern":
            written.update(triggers)
        companions = tuple(tuple(number(u, rule, "co-occurring term") for u in entry) for entry in rule.companions)
        unless = tuple(number(u, rule, "'unless'") for u in rule.unless)
        compiled.append(CompiledRule(rule, triggers, companions, unless, rule.kind == "pattern"))
        for unit in triggers:
            trigger_of.setdefault(unit, []).append(index)
    anchored: list[tuple[int, frozenset[str]]] = []
    unanchored = []
    for unit, unit_anchors in enumerate(anchors):
        if unit_anchors is None:
            unanchored.append(unit)
        else:
            anchored.append((unit, unit_anchors))
    return Engine(
        tuple(compiled),
        tuple(units),
        AnchorIndex.build(anchored),
        tuple(unanchored),
        {unit: tuple(rule_numbers) for unit, rule_numbers in trigger_of.items()},
        frozenset(written),
        tuple(required),
        timeout,
    )


@dataclass
class _Sentence:
    """Where units may match in one sentence: unit -> word positions (or match starts, when searched)."""

    start: int
    end: int
    positions: dict[int, list[int]] = field(default_factory=dict)
    unless_cache: dict[int, bool] = field(default_factory=dict)


def _sentences_with_hits(engine: Engine, text: str) -> tuple[list[_Sentence], set[int]]:
    """Sentences where some unit may match, and the unanchored units that ran out of time."""
    sentences = split_sentences(text)
    hits_by_sentence: dict[int, list[tuple[int, tuple[int, ...]]]] = {}
    for position, units in engine.index.hits(text):
        hits_by_sentence.setdefault(sentences.index_of(position), []).append((position, units))
    timed_out = set()
    for unit in engine.unanchored:
        try:
            for match in engine.pattern(unit).finditer(text):
                hits_by_sentence.setdefault(sentences.index_of(match.start()), []).append((match.start(), (unit,)))
        except TimeoutError:
            timed_out.add(unit)
    found = []
    required = engine.required
    for index in sorted(hits_by_sentence):
        sentence = _Sentence(sentences.starts[index], sentences.ends[index])
        lower = text[sentence.start : sentence.end].lower()
        possible: dict[int, bool] = {}  # a unit is possible when the sentence has one of its required words
        positions = sentence.positions
        for position, units in sorted(hits_by_sentence[index], key=lambda hit: hit[0]):
            for unit in units:
                ok = possible.get(unit)
                if ok is None:
                    words = required[unit]
                    ok = possible[unit] = words is None or any(word in lower for word in words)
                if ok:
                    positions.setdefault(unit, []).append(position)
        if positions:
            found.append(sentence)
    return found, timed_out


def _match_at(
    engine: Engine, units: tuple[int, ...], text: str, sentence: _Sentence, position: int
) -> tuple[int, int] | None:
    """The first of `units` (in order) that matches at `position`, as a span."""
    for unit in units:
        if position in sentence.positions.get(unit, ()):
            match = engine.pattern(unit).match(text, position, sentence.end)
            if match and match.end() > match.start() and "\n" not in match.group():
                span: tuple[int, int] = match.span()
                return span
    return None


def _leftmost(engine: Engine, units: tuple[int, ...], text: str, sentence: _Sentence) -> tuple[int, int] | None:
    positions = sorted({p for unit in units for p in sentence.positions.get(unit, ())})
    for position in positions:
        span = _match_at(engine, units, text, sentence, position)
        if span:
            return span
    return None


def _trigger_spans(engine: Engine, compiled: CompiledRule, text: str, sentence: _Sentence) -> Iterator[tuple[int, int]]:
    """Non-overlapping matches of the rule's triggers in the sentence, left to right."""
    if compiled.searched:
        spans = []
        for order, unit in enumerate(compiled.triggers):
            if unit in sentence.positions:
                for match in engine.pattern(unit).finditer(text, sentence.start, sentence.end):
                    if match.end() > match.start() and "\n" not in match.group():
                        spans.append((match.start(), order, match.end()))
        last_end = -1
        for start, _, end in sorted(spans):
            if start >= last_end:
                last_end = end
                yield start, end
        return
    positions = sorted({p for unit in compiled.triggers for p in sentence.positions.get(unit, ())})
    last_end = -1
    for position in positions:
        if position < last_end:
            continue
        span = _match_at(engine, compiled.triggers, text, sentence, position)
        if span:
            last_end = span[1]
            yield span


def _rule_spans(
    engine: Engine, compiled: CompiledRule, text: str, sentence: _Sentence
) -> Iterator[tuple[int, int, int]]:
    """(start, end, trigger start) of each match of the rule in the sentence."""
    if not compiled.companions:
        yield from ((start, end, start) for start, end in _trigger_spans(engine, compiled, text, sentence))
        return
    if not all(any(unit in sentence.positions for unit in entry) for entry in compiled.companions):
        return
    companion_spans = []
    for entry in compiled.companions:
        span = _leftmost(engine, entry, text, sentence)
        if span is None:
            return
        companion_spans.append(span)
    within = compiled.rule.within
    for trigger in _trigger_spans(engine, compiled, text, sentence):
        spans = [trigger, *companion_spans]
        low, high = min(s for s, _ in spans), max(e for _, e in spans)
        if within is None or text.count(" ", low, high) < within:
            yield low, high, trigger[0]
            return  # one finding per sentence for a co-occurrence


def _unless(engine: Engine, compiled: CompiledRule, text: str, sentence: _Sentence) -> bool:
    """Whether one of the rule's `unless` phrases is in the sentence."""
    if not compiled.unless:
        return False
    key = id(compiled)
    if key not in sentence.unless_cache:
        sentence.unless_cache[key] = _leftmost(engine, compiled.unless, text, sentence) is not None
    return sentence.unless_cache[key]


def _accept(engine: Engine, compiled: CompiledRule, text: str, sentence: _Sentence, span: tuple[int, int, int]) -> bool:
    """Whether a match (start, end, where its trigger starts) is a claim in its sentence."""
    rule = compiled.rule
    start, _, trigger = span
    sentence_text = text[sentence.start : sentence.end]
    if rule.questions == "skip" and context.is_question(sentence_text):
        return False
    if _unless(engine, compiled, text, sentence):
        return False
    if rule.negation == "skip" and any(
        context.is_negated(text, sentence.start, sentence.end, at) for at in {start, trigger}
    ):
        return False
    return not (rule.hedge == "skip" and context.is_hedged(sentence_text))


def scan(engine: Engine, document: Document) -> tuple[list[Finding], list[FileProblem]]:
    """All findings of the engine's rules in one document, and rules stopped by the time limit."""
    text = document.text
    findings: list[Finding] = []
    problems: list[FileProblem] = []
    if not text.strip() or not engine.rules:
        return findings, problems
    sentences, timed_out = _sentences_with_hits(engine, text)
    stopped: set[str] = set()

    def stop(compiled: CompiledRule, line: int | None) -> None:
        stopped.add(compiled.rule.id)
        message = f"rule '{compiled.rule.id}' stopped after {engine.timeout:g}s (pattern too slow); the other rules ran"
        problems.append(FileProblem(document.path, message, line, compiled.rule.id))

    for compiled in engine.rules if timed_out else ():
        if timed_out & {*compiled.triggers, *(u for entry in compiled.companions for u in entry), *compiled.unless}:
            stop(compiled, None)
    for sentence in sentences:
        candidates = sorted({r for unit in sentence.positions for r in engine.trigger_of.get(unit, ())})
        for number in candidates:
            compiled = engine.rules[number]
            if compiled.rule.id in stopped:
                continue
            try:
                spans = list(_rule_spans(engine, compiled, text, sentence))
                accepted = [(s, e) for s, e, t in spans if _accept(engine, compiled, text, sentence, (s, e, t))]
            except TimeoutError:
                stop(compiled, document.position(document.offsets.source_start(sentence.start)).line)
                continue
            findings += [_finding(document, compiled.rule, start, end) for start, end in accepted]
    return _drop_overlaps(findings), problems


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
    ranked = sorted(findings, key=lambda f: (f.category, f.source_start - f.source_end, f.source_start, f.rule_id))
    for finding in ranked:
        if not any(
            k.category == finding.category
            and k.source_start < finding.source_end
            and finding.source_start < k.source_end
            for k in kept
        ):
            kept.append(finding)
    return sorted(kept, key=Finding.sort_key)

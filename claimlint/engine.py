"""The engine: compiled rulesets scan a document's linted text and yield findings.

Each ruleset is compiled once per run. A document is scanned once per ruleset by one combined
expression that finds the sentences holding any candidate; only those sentences are then read
rule by rule, where the sentence context (questions, negation, hedges, `unless`) is judged.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import regex

from claimlint import context
from claimlint.documents import Document
from claimlint.findings import FileProblem, Finding
from claimlint.patterns import FLAGS
from claimlint.rulesets import Rule
from claimlint.sentences import Sentences, split_sentences
from claimlint.yamlsource import ConfigError

DEFAULT_TIMEOUT = 2.0  # seconds one rule may spend on one document before it is stopped


@dataclass(frozen=True)
class CompiledRule:
    rule: Rule
    trigger: regex.Pattern[str]
    companions: tuple[regex.Pattern[str], ...]
    unless: regex.Pattern[str] | None


@dataclass(frozen=True)
class Engine:
    rules: tuple[CompiledRule, ...]
    prefilter: regex.Pattern[str] | None
    timeout: float = DEFAULT_TIMEOUT


def _compile(rule: Rule, expression: str, what: str) -> regex.Pattern[str]:
    try:
        return regex.compile(expression, FLAGS)
    except (regex.error, OverflowError, RecursionError) as error:
        raise ConfigError(rule.path, rule.line, f"rule '{rule.id}': {what} does not compile: {error}") from None


def compile_rules(rules: list[Rule], timeout: float = DEFAULT_TIMEOUT) -> Engine:
    compiled = tuple(
        CompiledRule(
            rule,
            _compile(rule, rule.trigger, "pattern"),
            tuple(_compile(rule, c, "co-occurring term") for c in rule.companions),
            _compile(rule, rule.unless, "'unless'") if rule.unless else None,
        )
        for rule in rules
    )
    prefilter = None
    if compiled:
        combined = "|".join(f"(?:{c.rule.trigger})" for c in compiled)
        try:
            prefilter = regex.compile(combined, FLAGS)
        except regex.error:
            prefilter = None  # e.g. clashing group numbers between user patterns: scan rule by rule
    return Engine(compiled, prefilter, timeout)


def _candidate_sentences(engine: Engine, text: str, sentences: Sentences) -> list[tuple[int, int]]:
    """Sentences that hold at least one rule's trigger (one pass over the text)."""
    found: list[tuple[int, int]] = []
    patterns = [engine.prefilter] if engine.prefilter is not None else [c.trigger for c in engine.rules]
    for pattern in patterns:
        pos = 0
        while True:
            match = pattern.search(text, pos, timeout=engine.timeout)
            if match is None:
                break
            sentence = sentences.containing(match.start())
            found.append(sentence)
            pos = max(sentence[1], match.start() + 1)
    return sorted(set(found))


def _accept(compiled: CompiledRule, text: str, sentence: tuple[int, int], start: int) -> bool:
    rule = compiled.rule
    sentence_start, sentence_end = sentence
    sentence_text = text[sentence_start:sentence_end]
    if rule.questions == "skip" and context.is_question(sentence_text):
        return False
    if compiled.unless is not None and compiled.unless.search(text, sentence_start, sentence_end):
        return False
    if rule.negation == "skip" and context.is_negated(text, sentence_start, sentence_end, start):
        return False
    return not (rule.hedge == "skip" and context.is_hedged(sentence_text))


def _matches(compiled: CompiledRule, text: str, sentence: tuple[int, int], timeout: float) -> Iterator[tuple[int, int]]:
    start, end = sentence
    for match in compiled.trigger.finditer(text, start, end, timeout=timeout):
        if match.end() == match.start() or "\n" in match.group():
            continue
        if not compiled.companions:
            yield match.span()
            continue
        spans = [match.span()]
        for companion in compiled.companions:
            other = companion.search(text, start, end, timeout=timeout)
            if other is None:
                break
            spans.append(other.span())
        else:
            low, high = min(s for s, _ in spans), max(e for _, e in spans)
            within = compiled.rule.within
            if within is None or text.count(" ", low, high) < within:
                yield low, high
                return  # one finding per sentence for a co-occurrence


def scan(engine: Engine, document: Document) -> tuple[list[Finding], list[FileProblem]]:
    """All findings of the engine's rules in one document, and rules stopped by the timeout."""
    text = document.text
    findings: list[Finding] = []
    problems: list[FileProblem] = []
    if not text.strip() or not engine.rules:
        return findings, problems
    sentences = split_sentences(text)
    try:
        candidates = _candidate_sentences(engine, text, sentences)
    except TimeoutError:
        candidates = sorted(set(zip(sentences.starts, sentences.ends, strict=True)))
    stopped: set[str] = set()
    for sentence in candidates:
        for compiled in engine.rules:
            if compiled.rule.id in stopped:
                continue
            try:
                spans = list(_matches(compiled, text, sentence, engine.timeout))
            except TimeoutError:
                stopped.add(compiled.rule.id)
                line = document.position(document.offsets.source_start(sentence[0])).line
                problems.append(
                    FileProblem(
                        document.path,
                        f"rule '{compiled.rule.id}' stopped after {engine.timeout:g}s (pattern too slow); "
                        "the other rules ran",
                        line,
                        compiled.rule.id,
                    )
                )
                continue
            for start, end in spans:
                if _accept(compiled, text, sentence, start):
                    findings.append(_finding(document, compiled.rule, start, end))
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

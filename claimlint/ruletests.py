"""Running the `flag` and `pass` examples every rule carries (`claimlint test-rules`)."""

from __future__ import annotations

from dataclasses import dataclass

from claimlint.engine import compile_rules, scan
from claimlint.readers import build_document
from claimlint.rulesets import Example, Rule


@dataclass(frozen=True)
class ExampleFailure:
    """A rule example that did not do what it says."""

    rule: Rule
    example: Example
    kind: str  # flag or pass
    reason: str


def check_example(rule: Rule, example: Example, kind: str) -> ExampleFailure | None:
    engine = compile_rules([rule])
    document = build_document(example.text.encode("utf-8"), f"{rule.path}:{example.line}", "text")
    findings, problems = scan(engine, document)
    if problems:
        return ExampleFailure(rule, example, kind, problems[0].message)
    spans = [(f.source_start, f.source_end) for f in findings]
    if kind == "pass":
        if spans:
            found = ", ".join(repr(example.text[s:e]) for s, e in spans)
            return ExampleFailure(rule, example, kind, f"flagged {found} but should pass")
        return None
    if example.expected in spans and len(spans) == 1:
        return None
    assert example.expected is not None
    want = example.text[example.expected[0] : example.expected[1]]
    if not spans:
        return ExampleFailure(rule, example, kind, f"not flagged; expected {want!r}")
    found = ", ".join(repr(example.text[s:e]) for s, e in spans)
    return ExampleFailure(rule, example, kind, f"flagged {found}; expected exactly {want!r}")


def check_rules(rules: list[Rule]) -> tuple[int, list[ExampleFailure]]:
    """(examples run, failures) over every example of every rule."""
    failures = []
    count = 0
    for rule in rules:
        for kind, examples in (("flag", rule.flag_examples), ("pass", rule.pass_examples)):
            for example in examples:
                count += 1
                failure = check_example(rule, example, kind)
                if failure:
                    failures.append(failure)
    return count, failures

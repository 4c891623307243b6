"""Every built-in rule's own flag and pass examples, one test each (as `claimlint test-rules` runs them)."""

import pytest

from claimlint.config import Settings
from claimlint.lint import load_rules
from claimlint.ruletests import check_example
from tests.conftest import ROOT

RULES = load_rules(Settings(base_dir=ROOT))
CASES = [
    pytest.param(rule, example, kind, id=f"{rule.id}-{kind}-{index}")
    for rule in RULES
    for kind, examples in (("flag", rule.flag_examples), ("pass", rule.pass_examples))
    for index, example in enumerate(examples)
]


@pytest.mark.parametrize(("rule", "example", "kind"), CASES)
def test_rule_example(rule, example, kind):
    failure = check_example(rule, example, kind)
    assert failure is None, failure.reason


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_every_rule_has_three_flag_and_three_pass_examples(rule):
    assert len(rule.flag_examples) >= 3 and len(rule.pass_examples) >= 3

import pytest
import regex

from claimlint.anchors import DIGIT, AnchorIndex, anchors_of
from claimlint.config import Settings
from claimlint.lint import load_rules
from claimlint.patterns import FLAGS
from tests.conftest import ROOT


@pytest.mark.parametrize(
    ("expression", "anchors"),
    [
        (r"\b(?:reduc\w*|increas\w*) by", {"reduc*", "increas*"}),
        (r"(?<![\w])tumou?rs?", {"tumor*", "tumour*"}),
        (r"(?<![\w])no[- ]?side", {"no", "noside*"}),
        (r"\b\d+\s?%", {DIGIT}),
        (r"\b(?:a|the) miracle", {"a", "the"}),
    ],
)
def test_anchors_are_the_words_a_match_starts_with(expression, anchors):
    assert anchors_of(expression) == anchors


@pytest.mark.parametrize("expression", [r"side effects", r"\b.*cure", r"(?<!x)cure", r"\b(?:\w+ )?cure"])
def test_patterns_that_may_start_anywhere_have_no_anchors(expression):
    assert anchors_of(expression) is None


def test_index_finds_whole_words_prefixes_and_digits():
    index = AnchorIndex.build([(0, frozenset({"side*"})), (1, frozenset({DIGIT})), (2, frozenset({"sid*", "no"}))])
    assert index.units_for("sideeffects") == (0, 2)
    assert index.units_for("73") == (1,)
    assert index.units_for("no") == (2,) and index.units_for("not") == ()
    assert [(p, u) for p, u in index.hits("No side-effects in 73 cases")] == [(0, (2,)), (3, (0, 2)), (19, (1,))]


def test_every_builtin_unit_compiles_and_its_anchors_hold():
    """Built-in patterns are not compiled eagerly at start-up, so the suite compiles every one, and
    checks on each example that a match starts with one of the unit's anchors."""
    for rule in load_rules(Settings(base_dir=ROOT)):
        units = [*rule.triggers, *(u for entry in rule.companions for u in entry), *rule.unless]
        for unit in units:
            pattern = regex.compile(unit.regex, FLAGS)
            if unit.anchors is None:
                continue
            for example in (*rule.flag_examples, *rule.pass_examples):
                for match in pattern.finditer(example.text):
                    word = regex.match(r"[^\W_]*", example.text[match.start() :]).group().lower()
                    assert any(_anchor_matches(a, word) for a in unit.anchors), (rule.id, unit.regex[:60], word)


def _anchor_matches(anchor, word):
    if anchor == DIGIT:
        return word[:1].isdigit()
    return word.startswith(anchor[:-1]) if anchor.endswith("*") else word == anchor

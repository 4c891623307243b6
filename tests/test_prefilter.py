from itertools import product

import pytest
import regex

from claimlint.config import Settings
from claimlint.lint import load_rules
from claimlint.prefilter import factors_of, frequency, leading_of
from tests.conftest import ROOT

FLAGS = regex.IGNORECASE | regex.V0


@pytest.mark.parametrize(
    ("expression", "factors"),
    [
        (r"(?<![\w])no[- ]?side[- ]?effects(?![\w])", [{"effects"}, {"side"}, {"no"}]),
        (r"\btumou?rs?\b", [{"tumour", "tumor"}]),
        (r"(?:cure|cures|cured) (?:acne|eczema)", [{"eczema", "acne"}, {"cure"}]),
        (r"100% safe", [{"100%"}, {"safe"}]),
        (r"fil{1,2}ers?", [{"filer", "filler"}]),
        (r"\b(?=\w+ cure)\w+", [{"cure"}]),  # a lookahead reads on within the sentence
        # Four stars in a row are needed (one star alone would be too short to filter with).
        ("(?:\u2605|\u2b50){4,5}", [{"".join(stars) for stars in product("\u2605\u2b50", repeat=4)}]),
    ],
)
def test_factors_are_strings_every_match_contains(expression, factors):
    assert sorted(map(set, factors_of(expression)), key=sorted) == sorted(factors, key=sorted)


@pytest.mark.parametrize("expression", [r"\d+\s?%", r"\b\w+\b", r"(?:a|b)+", r"(?<=cure )x", "(unclosed"])
def test_patterns_without_a_usable_literal_have_no_factors(expression):
    assert factors_of(expression) == ()


def test_the_rarest_factor_comes_first():
    factors = factors_of(r"(?:your|the) (?:dermatologist|oncologist)")
    assert factors[0] == {"dermatologist", "oncologist"}
    assert frequency(frozenset({"the"})) > frequency(frozenset({"oncologist"}))


@pytest.mark.parametrize(
    ("expression", "leading"),
    [
        (r"(?<![\w])no[- ]?side[- ]?effects(?![\w])", {"no side", "no-side", "noside"}),  # a short word goes on
        (r"\btumou?rs?\b", {"tumor", "tumour"}),
        (r"(?:cure|cures|cured) (?:acne|eczema)", {"cure"}),  # "cures" starts with "cure"
        (r"(?<![\w])(?:(?:pre)?heal|soothe)", {"preheal", "heal", "soothe"}),  # optional start
        (r"(?:ab)+cd", {"ab"}),  # repeated: what follows the first copy is unknown
        (r"(?:ab)*cd", {"ab", "cd"}),
        (r"\b(?=remov\w*)\w+", {"remov"}),  # a lookahead tells where the match starts
        # The parser takes the common "b" out of the alternatives; what follows it is added back.
        (r"(?:btx|btx[- ]?a|bo[- ]?tox|b0tox)", {"btx", "botox", "bo tox", "bo-tox", "b0tox"}),
    ],
)
def test_leading_strings_start_every_match(expression, leading):
    assert leading_of(expression) == leading


@pytest.mark.parametrize("expression", [r"\w+ cure", r"(?:x)*yz", r"\d+%", r"(?<=\?)\s*(?:none|zero)", "(unclosed"])
def test_patterns_that_may_start_anywhere_have_no_leading_strings(expression):
    assert leading_of(expression) is None


def test_every_builtin_unit_compiles_and_its_factors_hold():
    """Built-in patterns are not compiled eagerly at start-up, so the suite compiles every one, and
    checks on every example that each match has a string of each of the unit's factors in its
    sentence, and starts with one of its leading strings: a factor or leading string that did not
    hold would hide a real match from the engine."""
    checked = 0
    for rule in load_rules(Settings(base_dir=ROOT)):
        units = [*rule.triggers, *(u for entry in rule.companions for u in entry), *rule.unless]
        for unit in units:
            pattern = regex.compile(unit.regex, FLAGS)
            for example in (*rule.flag_examples, *rule.pass_examples):
                for match in pattern.finditer(example.text):
                    rest = example.text[match.start() :].lower()
                    for factor in unit.factors:
                        assert any(s in rest for s in factor), (rule.id, unit.regex[:80], example.text, sorted(factor))
                    if unit.leading is not None:
                        assert rest.startswith(tuple(unit.leading)), (rule.id, unit.regex[:80], example.text)
                    checked += 1
    assert checked > 1000

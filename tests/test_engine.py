from dataclasses import replace

import pytest

from claimlint.engine import _drop_overlaps, compile_rules
from claimlint.rulesets import Unit, load_ruleset
from tests.conftest import builtin_engine, lint

RULESET = """\
ruleset: engine-test
rules:
  - id: cure-claim
    category: medicinal_claim
    kind: cooccurrence
    all: ["(cure|cures|treats)", "(acne|eczema)"]
    within: 6
    unless: ["history of"]
    message: Cure claim.
    rationale: Because.
    references: [x]
    rewrite: y
    examples: {flag: ["It [[cures acne]]."], pass: ["Calm skin."]}
  - id: look-younger
    category: cellular_rejuvenation_claim
    kind: phrase
    phrases: [reverses ageing]
    hedge: skip
    message: Biology claim.
    rationale: Because.
    references: [x]
    rewrite: y
    examples: {flag: ["It [[reverses ageing]]."], pass: ["It may help."]}
  - id: no-side
    category: absolute_safety
    kind: phrase
    phrases: [no side effects]
    message: Safety claim.
    rationale: Because.
    references: [x]
    rewrite: y
    examples: {flag: ["It has [[no side effects]]."], pass: ["Side effects are rare."]}
  - id: side-effects-word
    category: false_science
    kind: phrase
    phrases: [no side]
    message: Overlapping demo rule starting at the same place.
    rationale: Because.
    references: [x]
    rewrite: y
    examples: {flag: ["[[no side]]"], pass: ["x"]}
"""


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    path = tmp_path_factory.mktemp("rules") / "engine.yaml"
    path.write_text(RULESET)
    return compile_rules(list(load_ruleset(path).rules))


def ids(text, engine):
    return sorted(f.rule_id for f in lint(text, engine=engine))


def test_co_occurrence_in_one_sentence_within_the_word_limit(engine):
    assert ids("Our peel cures stubborn acne.", engine) == ["cure-claim"]
    assert ids("Our peel cures. Acne is common.", engine) == []
    assert ids("It treats the look of dull and tired skin prone to acne.", engine) == []


def test_questions_are_not_claims(engine):
    assert ids("Does it cure acne?", engine) == []


def test_negation_and_refusal_end_the_claim(engine):
    assert ids("It does not cure acne.", engine) == []
    assert ids("We never claim it cures acne.", engine) == []
    assert ids("Be wary of clinics that say it has no side effects.", engine) == []
    assert ids("It won't cure acne, but it has no side effects.", engine) == ["no-side", "side-effects-word"]


def test_a_claim_that_is_itself_a_negative_is_still_a_claim(engine):
    assert ids("There are no side effects.", engine) == ["no-side", "side-effects-word"]


def test_hedges_save_only_rules_that_allow_it(engine):
    assert ids("It may help as it reverses ageing.", engine) == []
    assert ids("It may cure acne.", engine) == ["cure-claim"]


def test_unless_context(engine):
    assert ids("If you have a history of eczema, treats are off.", engine) == []


def test_rules_matching_at_the_same_position_are_all_reported(engine):
    assert sorted(ids("This has no side effects.", engine)) == ["no-side", "side-effects-word"]


def test_a_catastrophic_pattern_is_stopped_and_reported(engine, tmp_path):
    slow = replace(engine.rules[0].rule, id="slow", kind="pattern", triggers=(Unit(r"(a|aa)+b", ()),), companions=())
    slow_engine = compile_rules([slow, engine.rules[2].rule], timeout=0.05)
    from claimlint.engine import scan
    from claimlint.readers import build_document

    document = build_document(("a" * 60 + "! no side effects").encode(), "x.txt", "text")
    findings, problems = scan(slow_engine, document)
    assert [f.rule_id for f in findings] == ["no-side"]
    assert problems and problems[0].rule_id == "slow" and "stopped" in problems[0].message


def test_builtin_rules_catch_the_design_card_cases():
    cases = {
        "There is no skin issue that cannot benefit from exosomes.": "universal_efficacy",
        "Our facial has no side effects.": "absolute_safety",
        "Exosome infusions help fight cancer.": "serious_disease_claim",
        "The drip will improve your memory.": "serious_disease_claim",
        "It is FDA-approved.": "regulatory_status_misrepresentation",
        "Results are better than Botox.": "superlative_comparison",
    }
    for text, category in cases.items():
        assert category in {f.category for f in lint(text, engine=builtin_engine())}, text


def test_overlapping_findings_of_one_category_keep_the_longest(engine):
    (found,) = lint("It cures acne.", engine=engine)
    shorter = replace(found, rule_id="a-short", source_start=found.source_start + 1)
    other_category = replace(shorter, category="absolute_safety")
    later = replace(found, rule_id="a-later", source_start=found.source_end, source_end=found.source_end + 3)
    kept = _drop_overlaps([shorter, later, other_category, found])
    assert {(f.rule_id, f.category) for f in kept} == {
        ("cure-claim", "medicinal_claim"),
        ("a-later", "medicinal_claim"),
        ("a-short", "absolute_safety"),
    }


def test_a_repeated_sentence_is_reported_at_every_place(engine):
    text = "It cures acne.\nA calm note.\nIt cures acne. It cures acne."
    findings = lint(text, engine=engine)
    starts = [i for i in range(len(text)) if text.startswith("cures acne", i)]
    assert [(f.rule_id, f.source_start) for f in findings] == [("cure-claim", at) for at in starts]


def test_patterns_look_back_within_their_block_only(tmp_path):
    path = tmp_path / "lookbehind.yaml"
    path.write_text(
        RULESET.split("  - id: cure-claim")[0]
        + """  - id: after-promise
    category: guarantee_certainty
    kind: pattern
    patterns: ['(?<=promise\\s)results']
    message: Promise.
    rationale: Because.
    references: [x]
    rewrite: y
    examples: {flag: ["We promise [[results]]."], pass: ["Results vary."]}
"""
    )
    rules_engine = compile_rules(list(load_ruleset(path).rules))
    assert [f.normalised for f in lint("We promise results.", engine=rules_engine)] == ["results"]
    assert lint("We promise\n\nresults vary.", engine=rules_engine) == []


@pytest.mark.parametrize(
    ("expression", "text"),
    [
        (r"ana|an", "banana and an anagram"),  # a match hides the tries inside it
        (r"(?<![\w])an\w*", "an ant ran an errand"),  # look-behinds see the text before a try
        (r"an(?=a)", "ananas"),
    ],
)
def test_matches_at_leading_positions_are_what_finditer_finds(expression, text):
    import re

    from claimlint.engine import _matches_at
    from claimlint.prefilter import leading_of

    pattern = re.compile(expression, re.IGNORECASE)
    leading = leading_of(expression)
    assert leading is not None
    window = "prefix: " + text
    base = 100  # where the window starts in the document
    positions = sorted(base + 8 + at for at in range(len(text)) if text.lower().startswith(tuple(leading), at))
    tried = [(m.start(), m.end()) for m in _matches_at(pattern, window, base, positions)]
    assert tried == [(m.start(), m.end()) for m in pattern.finditer(window, 8)]
    assert tried  # the texts hold matches


def _scan_with(engine, text, earlier=None):
    from claimlint.engine import WindowMemory, scan
    from claimlint.readers import build_document

    memory = WindowMemory(dict(earlier or {}))
    findings, _ = scan(engine, build_document(text.encode(), "page.md", "markdown"), memory)
    return [(f.rule_id, f.normalised) for f in findings], memory.now


def test_a_file_s_earlier_findings_by_sentence_are_used_and_renewed():
    from claimlint.engine import compile_rules
    from tests.conftest import STARTER_RULES

    def fresh():  # an engine of its own: nothing remembered within the process
        return compile_rules(list(load_ruleset(STARTER_RULES).rules))

    text = "Our facial cures acne. Opening hours are nine to five."
    found, now = _scan_with(fresh(), text)
    assert found and now  # every judged sentence is remembered
    assert _scan_with(fresh(), text, now) == (found, now)
    # What is remembered is used, not judged again: forget the finding and it is gone.
    assert _scan_with(fresh(), text, dict.fromkeys(now, ()))[0] == []
    # An edited sentence is judged afresh; only this run's sentences are kept.
    edited, renewed = _scan_with(fresh(), "Our facial soothes skin. Opening hours are nine to five.", now)
    assert edited == [] and set(renewed) != set(now)


def test_list_items_share_findings_only_under_the_same_lead_in():
    text = (
        "Who can benefit from our stem cell drips:\n\n- Tired skin\n- Parkinson's disease\n\n"
        "Please tell us before booking if you have:\n\n- Tired skin\n- Parkinson's disease\n"
    )
    found, now = _scan_with(builtin_engine(), text)
    assert [f for f in found if f[0] == "serious-disease-in-benefit-list"] == [
        ("serious-disease-in-benefit-list", "Parkinson's")
    ]
    assert _scan_with(builtin_engine(), text, now)[0] == found

import pytest

from claimlint.context import is_hedged, is_negated, is_question, lead_in


def negated(sentence, claim):
    return is_negated(sentence, 0, len(sentence), sentence.index(claim))


@pytest.mark.parametrize(
    ("sentence", "claim"),
    [
        ("It does not cure acne.", "cure"),
        ("We never claim it has no side effects.", "no side"),
        ("Be wary of clinics that promise no downtime.", "no downtime"),
        ("MYTH: Fillers last forever.", "last forever"),
        ("I was told there would be no downtime, and I was bruised for a week.", "no downtime"),
        ("Our nurses may decline to treat you if your blood pressure is high.", "treat"),
        ("We get asked a lot whether PRP helps with alopecia.", "helps"),
        ("Nothing we offer is FDA approved.", "FDA"),
    ],
)
def test_negated_refused_and_reported_claims(sentence, claim):
    assert negated(sentence, claim)


@pytest.mark.parametrize(
    ("sentence", "claim"),
    [
        ("It has no side effects.", "no side"),
        ("We can't promise miracles, but your results are guaranteed.", "guaranteed"),
        ("You won't need creams once it has calmed your eczema for good.", "for good"),
        ("There is nothing it cannot improve.", "nothing"),
    ],
)
def test_claims_that_are_not_negated(sentence, claim):
    assert not negated(sentence, claim)


def test_questions_and_hedges():
    assert is_question("Is it safe?") and is_question('Does it "work?"') and not is_question("It is safe.")
    assert is_hedged("It may help improve the look of lines.") and not is_hedged("It removes lines.")


def _items(text, *starts):
    return frozenset(text.index(s) for s in starts)


def test_a_list_item_finds_the_block_that_leads_in_to_its_list():
    text = "Intro text.\nWho can benefit:\nTired skin\nKidney disease\nThanks.\n"
    items = _items(text, "Tired", "Kidney")
    span = lead_in(text, items, text.index("Kidney"))
    assert span is not None and text[span[0] : span[1]] == "Who can benefit:"
    assert lead_in(text, items, text.index("Thanks")) is None  # not a list item


def test_one_heading_may_stand_between_the_lead_in_and_its_list():
    text = "Conditions that can benefit:\nSkin\nAcne\nHair loss\nGeneral wellness\nFatigue\n"
    items = _items(text, "Acne", "Hair", "Fatigue")
    span = lead_in(text, items, text.index("Hair"))
    assert span is not None and text[span[0] : span[1]].startswith("Conditions")
    assert lead_in(text, items, text.index("Fatigue")) is None  # a heading after items starts a new list


def test_a_paragraph_before_the_list_is_not_a_lead_in():
    text = "We offer many facials and peels for every season.\nKidney disease\n"
    assert lead_in(text, _items(text, "Kidney"), text.index("Kidney")) is None

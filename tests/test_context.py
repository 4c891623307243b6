import pytest

from claimlint.context import is_hedged, is_negated, is_question


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

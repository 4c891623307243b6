import pytest
import regex

from claimlint.patterns import Compiled, PhraseError, bounded, compile_phrase

FLAGS = regex.IGNORECASE | regex.V0


def matcher(phrase, terms=None):
    terms = terms or {}

    def resolve(name):
        return Compiled(terms[name])

    return regex.compile(bounded([compile_phrase(phrase, resolve).regex]), FLAGS)


@pytest.mark.parametrize("text", ["no side effects", "No side-effects", "no sideeffects", "NO SIDE EFFECTS"])
def test_hyphen_space_and_joined_variants_and_case(text):
    assert matcher("no side effects").fullmatch(text)


@pytest.mark.parametrize(
    ("phrase", "text"),
    [
        ("tumour", "tumor"),
        ("revitalise", "revitalize"),
        ("anaemia", "anemia"),
        ("oedema", "edema"),
        ("ageing", "aging"),
        ("centre", "center"),
        ("Alzheimer's", "Alzheimers"),
    ],
)
def test_british_and_american_spellings(phrase, text):
    assert matcher(phrase).fullmatch(text)


def test_whole_words_only():
    assert not matcher("safe").search("unsafe")
    assert not matcher("miracle").search("miracles")
    assert matcher("miracle*").search("miracles")


def test_alternatives_optional_words_gaps_terms_and_numbers():
    assert matcher("(cure|cures) {disease}", {"disease": "acne|eczema"}).fullmatch("cures eczema")
    pattern = matcher("[totally|completely] safe")
    assert pattern.fullmatch("totally safe") and pattern.fullmatch("safe")
    assert matcher("(your )?memory").fullmatch("your memory")
    assert matcher("better than ... botox").fullmatch("better than traditional anti-wrinkle botox")
    assert not matcher("better than ... botox").fullmatch("better than one two three four five six botox")
    assert matcher("in just # days").fullmatch("in just three days")
    assert matcher("in just # days").fullmatch("in just 3 days")


@pytest.mark.parametrize("phrase", ["(a|b", "a)", "a | b", "works?", "[a", ""])
def test_malformed_phrases_are_errors(phrase):
    with pytest.raises(PhraseError):
        compile_phrase(phrase, lambda name: Compiled(name))


@pytest.mark.parametrize(("phrase", "nullable"), [("[very] safe", False), ("[very]", True), ("(a|[b])", True)])
def test_phrases_know_whether_they_can_match_nothing(phrase, nullable):
    assert compile_phrase(phrase, lambda name: Compiled(name)).nullable is nullable

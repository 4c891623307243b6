from claimlint.sentences import split_sentences


def sentences(text):
    found = split_sentences(text)
    return [text[s:e] for s, e in zip(found.starts, found.ends, strict=True)]


def test_abbreviations_do_not_end_sentences():
    text = "Dr. Lee treats you at 9 a.m. on Mondays. Ask e.g. about peels."
    assert sentences(text) == ["Dr. Lee treats you at 9 a.m. on Mondays.", "Ask e.g. about peels."]


def test_questions_and_exclamations_end_sentences():
    assert sentences("Is it safe? Yes! Read on.") == ["Is it safe?", "Yes!", "Read on."]


def test_block_separators_always_end_sentences():
    assert sentences("Heading without stop\nBody text.") == ["Heading without stop", "Body text."]


def test_initials_do_not_end_sentences():
    assert sentences("J. Smith agrees. So do we.") == ["J. Smith agrees.", "So do we."]


def test_lower_case_after_a_full_stop_continues_the_sentence():
    assert sentences("Prices from 2.5 ml. per vial apply.") == ["Prices from 2.5 ml. per vial apply."]


def test_very_long_runs_are_cut_at_spaces():
    text = "word " * 2000 + "end."
    found = split_sentences(text)
    assert max(e - s for s, e in zip(found.starts, found.ends, strict=True)) <= 2000
    assert all(text[e - 1] != " " for e in found.ends)

from claimlint.textmap import OPAQUE, TextBuilder


def build(*steps):
    builder = TextBuilder()
    for step in steps:
        getattr(builder, step[0])(*step[1:])
    return builder.build()


def test_verbatim_text_maps_character_by_character():
    text, offsets = build(("add", "no side effects", 10))
    assert text == "no side effects\n"
    assert offsets.source_span(3, 7) == (13, 17)


def test_whitespace_collapses_and_maps_back_to_the_source():
    source = "no   side\n\teffects"
    text, offsets = build(("add", source, 0))
    assert text == "no side effects\n"
    start, end = offsets.source_span(0, 15)
    assert source[start:end] == source


def test_typography_is_folded_without_changing_lengths():
    source = "it\u2019s \u201csafe\u201d \u2014 no\u00a0pain"
    text, offsets = build(("add", source, 0))
    assert text == 'it\'s "safe" - no pain\n'
    assert offsets.source_span(17, 21) == (17, 21)


def test_invisible_characters_vanish_but_positions_stay_exact():
    source = "side\u00adef\u200bfects"
    text, offsets = build(("add", source, 0))
    assert text == "sideeffects\n"
    assert offsets.source_span(0, 11) == (0, len(source))
    assert offsets.source_span(4, 6) == (5, 7)


def test_replacement_runs_map_as_a_whole():
    text, offsets = build(("add", "fish ", 0), ("add_replacement", "&", 5, 10), ("add", " chips", 10))
    assert text == "fish & chips\n"
    assert offsets.source_span(5, 6) == (5, 10)
    assert offsets.source_span(0, 12) == (0, 16)


def test_blocks_are_separated_and_leading_space_dropped():
    text, _ = build(("add", "  Heading  ", 0), ("end_block",), ("add", " Body", 20))
    assert text == "Heading\nBody\n"


def test_opaque_content_keeps_neighbouring_words_apart():
    text, offsets = build(("add", "no ", 0), ("opaque", 3, 9), ("add", " effects", 9))
    assert text == f"no {OPAQUE} effects\n"
    assert offsets.source_span(3, 4) == (3, 9)


def test_fold_matches_the_fold_table_for_every_character():
    from claimlint.textmap import _FOLDS, fold

    every_character = "".join(map(chr, range(0x110000)))
    assert fold(every_character) == every_character.translate(_FOLDS)
    assert fold("it`s\tfine") == "it's fine"


def test_only_gaps_that_change_the_text_split_a_run():
    source = "a b  c\u200bd"
    text, offsets = build(("add", source, 0))
    assert text == "a b cd\n"
    assert offsets.text_starts[:4] == (0, 3, 4, 5)
    assert [offsets.source_span(pos, pos + 1) for pos in range(6)] == [(0, 1), (1, 2), (2, 3), (3, 5), (5, 6), (7, 8)]

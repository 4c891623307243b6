from claimlint.readers import build_document


def _where(document, offset):
    position = document.position(offset)
    return position.line, position.column, position.column_utf16


def test_positions_count_code_points_and_utf16_units_on_each_line():
    source = "a\U0001f600b \U0001f600 claim\nsecond \U0001f600 line claim\n"
    document = build_document(source.encode(), "page.txt", "text")
    first = source.index("claim")
    assert _where(document, first) == (1, 7, 9)
    assert _where(document, source.index("claim", first + 1)) == (2, 15, 16)


def test_positions_on_a_long_line_count_only_the_astral_characters_before_them():
    line = ("word \U0001f600 " * 20_000) + "claim"
    document = build_document(line.encode(), "page.txt", "text")
    at = line.index("claim")
    assert _where(document, at) == (1, at + 1, at + 20_000 + 1)
    assert _where(document, 0) == (1, 1, 1)


def test_ascii_sources_have_no_astral_offsets():
    assert build_document(b"plain words\n", "page.txt", "text").astral == ()

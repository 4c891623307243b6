from claimlint.readers import build_document


def text_of(source):
    return build_document(source.encode(), "draft.txt", "text").text


def test_wrapped_lines_join_and_headings_stay_separate():
    assert (
        text_of("Heading\nOur facial has no side\neffects at all.\n")
        == "Heading\nOur facial has no side effects at all.\n"
    )


def test_blank_lines_and_list_markers_start_blocks():
    assert text_of("One.\n\n- first item\n- second item\n") == "One.\nfirst item\nsecond item\n"


def test_byte_order_mark_is_not_part_of_the_text():
    document = build_document("\ufeffno side effects".encode(), "d.txt", "text")
    assert document.source.startswith("no")


def test_list_items_are_marked():
    document = build_document("Who:\n  \u2022 Acne\n  2. Hair loss\nEnd.\n".encode(), "p.txt", "text")
    assert sorted(document.text[i : i + 4] for i in document.list_items) == ["Acne", "Hair"]

from claimlint.readers import build_document
from tests.conftest import lint


def text_of(html):
    return build_document(html.encode(), "page.html", "html").text


def find(html, rule_id):
    return [f for f in lint(html, "html") if f.rule_id == rule_id]


def test_entities_are_decoded_and_the_span_covers_the_source():
    html = "<p>It has no&nbsp;side&#45;effects &amp; more.</p>"
    (finding,) = find(html, "no-side-effects")
    assert finding.matched == "no&nbsp;side&#45;effects"
    assert finding.normalised == "no side-effects"
    assert (finding.start.line, finding.start.column) == (1, 11)


def test_inline_tags_inside_a_phrase_do_not_break_it():
    html = "<p>This has no <b>side</b> <em>effects</em>.</p>"
    (finding,) = find(html, "no-side-effects")
    assert finding.matched == "no <b>side</b> <em>effects"
    assert finding.start.column == 13
    assert finding.end.column == html.index("</em>") + 1


def test_a_phrase_wrapped_across_lines_is_found_with_exact_positions():
    html = "<p>Our facial has no side\n   effects for anyone.</p>"
    (finding,) = find(html, "no-side-effects")
    assert (finding.start.line, finding.start.column) == (1, 19)
    assert (finding.end.line, finding.end.column) == (2, 11)


def test_a_phrase_never_runs_from_a_heading_into_the_next_block():
    assert not find("<h2>No side</h2><p>effects of note here.</p>", "no-side-effects")


def test_alt_title_aria_label_and_meta_descriptions_are_read():
    html = (
        '<head><title>Clinic</title><meta name="description" content="A miracle facial">'
        '<meta property="og:title" content="Zero downtime"></head>'
        '<body><img src="a.png" alt="Guaranteed results"><a title="100% safe" href="#">x</a>'
        '<button aria-label="Painless peel">go</button></body>'
    )
    found = {(f.rule_id, f.matched) for f in lint(html, "html")}
    assert ("miracle-language", "miracle") in found
    assert ("no-downtime-no-pain", "Zero downtime") in found
    assert ("guaranteed-results", "Guaranteed results") in found
    assert ("risk-free", "100% safe") in found
    assert ("no-downtime-no-pain", "Painless") in found


def test_attribute_text_does_not_split_the_sentence_around_it():
    html = '<p>It has no <a href="#" title="link">side</a> effects.</p>'
    assert text_of(html).startswith("It has no side effects.\n")


def test_scripts_styles_templates_code_and_comments_are_skipped():
    html = (
        "<script>var s = '<p>no side effects</p>';</script><style>.miracle{}</style>"
        "<noscript>miracle</noscript><template><p>miracle</p></template><pre>miracle</pre>"
        "<!-- miracle --><p>Use the code <code>MIRACLE</code> today.</p>"
    )
    assert lint(html, "html") == []
    assert "Use the code \ufffc today." in text_of(html)


def test_an_emoji_before_the_match_counts_two_utf16_units():
    html = "<p>\U0001f31f Our treatment is 100% safe</p>"
    (finding,) = find(html, "risk-free")
    assert finding.start.column == 23
    assert finding.start.column_utf16 == 24
    assert finding.end.column_utf16 - finding.start.column_utf16 == len("100% safe")


def test_unterminated_comment_and_stray_brackets_do_not_crash():
    assert "a < b" in text_of("<p>a < b</p><!-- never closed <p>miracle</p>")


def test_list_items_are_marked():
    document = build_document(b"<p>Who:</p><ul><li>Acne</li><li><b>Hair</b> loss</li></ul><p>End</p>", "p.html", "html")
    assert sorted(document.text[i : i + 4] for i in document.list_items) == ["Acne", "Hair"]

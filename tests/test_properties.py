"""Property-based tests: readers and the engine never fail on any input, findings always point inside
the file, and a finding's source text normalises to the matched text."""

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimlint.documents import DocumentError
from claimlint.engine import scan
from claimlint.readers import READERS, build_document
from claimlint.textmap import fold
from tests.conftest import starter_engine

PIECES = st.sampled_from(
    [
        "no side effects",
        "No <b>side</b> effects",
        "100% safe",
        "miracle",
        "&amp;",
        "&nbsp;",
        "&#x1F31F;",
        "<p>",
        "</p>",
        "<!--",
        "-->",
        "<script>",
        "</script>",
        "{{ x }}",
        "{% if %}",
        "---\n",
        "\n\n",
        "\n",
        "`code`",
        "[link](http://x)",
        "![alt](i.png)",
        "| a | b |",
        "> ",
        "- ",
        "# ",
        "\u00ad",
        "\u200b",
        "\u2019",
        "\u201c",
        "\U0001f31f",
        '"',
        "'",
        "{",
        "}",
        "<",
        ">",
        "\\",
        "é",
        "\r\n",
        ": ",
        "cures acne",
    ]
)
TEXT = st.lists(st.one_of(PIECES, st.text(max_size=12)), max_size=40).map("".join)
FAST = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(TEXT, st.sampled_from(sorted(READERS)))
def test_readers_and_engine_never_fail_and_stay_inside_the_file(source, reader):
    if reader == "docx":
        return  # the .docx reader takes a Word file, not text: tested in test_read_docx.py
    try:
        document = build_document(source.encode("utf-8", "surrogatepass"), "x", reader)
    except DocumentError as error:  # the one refusal: a NUL byte means a binary file
        assert "\x00" in source and "binary" in str(error)
        return
    offsets = document.offsets
    for position in range(len(document.text)):
        assert 0 <= offsets.source_start(position) <= offsets.source_end(position) <= len(document.source)
    findings, _ = scan(starter_engine(), document)
    for finding in findings:
        assert 0 <= finding.source_start < finding.source_end <= len(document.source)
        assert 1 <= finding.start.line <= finding.end.line <= document.source.count("\n") + 1


def _normalise(source_text):
    folded = fold(source_text)
    folded = re.sub(r"[\u00ad\u200b-\u200d\u2060\ufeff]", "", folded)
    return re.sub(r"\s+", " ", folded).strip()


@FAST
@given(TEXT)
def test_plain_text_findings_map_back_to_their_matched_text(source):
    if "\x00" in source:
        return
    document = build_document(source.encode("utf-8", "surrogatepass"), "x.txt", "text")
    for finding in scan(starter_engine(), document)[0]:
        assert _normalise(finding.matched) == finding.normalised

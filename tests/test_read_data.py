import pytest

from claimlint.engine import scan
from claimlint.readers import ContentKeys, ReaderOptions, build_document
from tests.conftest import starter_engine

JSON = """{
  "id": "miracle-facial",
  "image": "/img/miracle.png",
  "title": "The miracle facial",
  "blocks": [{"type": "text", "body": "It has no side effects.\\nBook now \\u2014 100% safe."}],
  "cta": {"label": "<b>Guaranteed</b> results"}
}
"""
YAML = """title: A miracle facial
slug: miracle-facial
faq:
  - question: Is it safe?
    answer: "It is 100% safe."
  - answer: >
      Guaranteed
      results.
"""


def findings(source, reader, keys=None):
    options = ReaderOptions(keys) if keys else ReaderOptions()
    document = build_document(source.encode(), "content", reader, options)
    return [(f.rule_id, f.start.line, f.start.column, f.matched) for f in scan(starter_engine(), document)[0]]


def test_json_string_values_at_their_positions_with_escapes_decoded():
    found = findings(JSON, "json")
    assert ("miracle-language", 4, 17, "miracle") in found
    assert ("no-side-effects", 5, 47, "no side effects") in found
    assert ("risk-free", 5, 81, "100% safe") in found
    assert ("guaranteed-results", 6, 24, "Guaranteed</b> results") in found
    assert not [f for f in found if f[1] in (2, 3)]


def test_yaml_string_values_and_skipped_keys():
    found = findings(YAML, "yaml")
    assert ("miracle-language", 1, 10, "miracle") in found
    assert ("risk-free", 5, 20, "100% safe") in found
    assert ("guaranteed-results", 7, 7, "Guaranteed\n      results") in found
    assert not [f for f in found if f[1] == 2]


def test_content_keys_can_be_included_or_skipped():
    only_titles = ContentKeys(include=frozenset({"title"}))
    assert {f[1] for f in findings(JSON, "json", only_titles)} == {4}
    skip_more = ContentKeys(skip=frozenset({"title", "body", "label", "id", "image"}))
    assert findings(JSON, "json", skip_more) == []


def test_broken_json_does_not_crash():
    assert findings('{"title": "miracle", "x": [1, 2', "json") == [("miracle-language", 1, 12, "miracle")]


FLAT_FRONT_MATTER = [
    'title: "Looking after your skin"\ndescription: "No downtime: back to work the same day."\n',
    "author: Nurse Hannah Cole\ndate: 2024-04-27\ndraft: false\nrating: 4.5\nweeks: 12\n",
    "tags: [news, injectables, skin care, 2024-01-01, yes]\n\nsummary: 'Results vary, so ask us'\n",
    'image: img/a.png\nurl: "https://example.com"\ncaption: Before and after (week 6), by Dr. Lee\n',
]
PYYAML_FRONT_MATTER = [
    'title: "Escaped \\u2014 dash"\n',
    "title: A long title\n  that wraps\n",
    "title: Safe # a comment\n",
    "faq:\n  - answer: It is 100% safe.\n",
    "title:\tTabbed\n",
]


@pytest.mark.parametrize("front_matter", FLAT_FRONT_MATTER + PYYAML_FRONT_MATTER)
def test_flat_front_matter_is_read_as_pyyaml_reads_it(front_matter, monkeypatch):
    from claimlint import read_data

    assert (read_data._flat_yaml_strings(front_matter) is not None) == (front_matter in FLAT_FRONT_MATTER)
    source = f"---\n{front_matter}---\nBody.\n"
    read_directly = build_document(source.encode(), "page.md", "markdown")
    monkeypatch.setattr(read_data, "_flat_yaml_strings", lambda text: None)
    read_by_pyyaml = build_document(source.encode(), "page.md", "markdown")
    assert (read_directly.text, read_directly.offsets) == (read_by_pyyaml.text, read_by_pyyaml.offsets)
    assert read_directly.notices == read_by_pyyaml.notices

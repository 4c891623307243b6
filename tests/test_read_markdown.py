from claimlint.readers import build_document
from tests.conftest import lint

PAGE = """---
title: "A miracle facial"
layout: post
image: /img/miracle.png
tags: [skin, guaranteed results]
---
# Zero *downtime* facials

Our facial has no side
effects, see [our clinically proven method](https://example.com/miracle "miracle").

![A painless peel](/img/x.png)

- Results are permanent results for most.

> Leading dermatologists agree.

| Treatment | Claim |
|-----------|-------|
| Peel | 100% safe |

```
no side effects in code
```

Inline `no side effects` code and https://example.com/no-side-effects links.
<!-- miracle -->
"""


def found():
    return {(f.rule_id, f.matched, f.start.line) for f in lint(PAGE, "markdown")}


def test_front_matter_string_values_are_linted_at_their_source_positions():
    findings = {(r, m, line) for r, m, line in found() if line <= 5}
    assert findings == {("miracle-language", "miracle", 2), ("guaranteed-results", "guaranteed results", 5)}


def test_heading_with_emphasis_inside_the_phrase():
    assert ("no-downtime-no-pain", "Zero *downtime", 7) in found()


def test_paragraph_wrapped_across_lines():
    (finding,) = [f for f in lint(PAGE, "markdown") if f.rule_id == "no-side-effects"]
    assert (finding.start.line, finding.start.column, finding.end.line, finding.end.column) == (9, 16, 10, 8)


def test_link_text_image_alt_list_items_blockquotes_and_tables():
    result = found()
    assert ("clinically-proven", "clinically proven", 10) in result
    assert ("no-downtime-no-pain", "painless", 12) in result
    assert ("permanent-results", "permanent results", 14) in result
    assert ("vague-authority", "Leading dermatologists", 16) in result
    assert ("risk-free", "100% safe", 20) in result


def test_code_urls_link_destinations_and_comments_are_not_linted():
    result = found()
    assert not [item for item in result if item[2] >= 22]
    text = build_document(PAGE.encode(), "p.md", "markdown").text
    assert "example.com" not in text and "in code" not in text


def test_table_cells_are_separate_blocks():
    text = build_document(b"| no side | effects |\n|---|---|\n| a | b |\n", "t.md", "markdown").text
    assert "no side\neffects" in text


def test_list_items_are_marked():
    document = build_document(b"Who can benefit:\n\n- Acne\n- Hair loss\n\nThanks.\n", "page.md", "markdown")
    assert sorted(document.text[i : i + 4] for i in document.list_items) == ["Acne", "Hair"]

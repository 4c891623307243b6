from claimlint.masking import mask_jsx, mask_mdx, mask_templates
from tests.conftest import lint


def test_masking_keeps_lengths_and_line_breaks():
    for mask, source in (
        (mask_templates, "<p>{{ x }}\n{% if y %}z{% endif %}</p>"),
        (mask_mdx, "import A from './a'\n\n# {title}\n"),
        (mask_jsx, "const a = 1;\nreturn (<p>{b}</p>);\n"),
    ):
        masked = mask(source)
        assert len(masked) == len(source) and masked.count("\n") == source.count("\n")


def test_template_tags_produce_nothing_and_do_not_break_a_phrase():
    html = "<p>{{ clinic.name }} has no {% if promo %}side{% endif %} effects {# miracle #}</p>"
    findings = lint(html, "html")
    assert [(f.rule_id, f.matched) for f in findings] == [
        ("no-side-effects", "no {% if promo %}side{% endif %} effects")
    ]


def test_each_template_language_is_masked():
    source = (
        "{% comment %}miracle{% endcomment %} {{! miracle }} {{!-- miracle --}} {{{ miracle }}} "
        "{{< shortcode miracle >}} {{% miracle %}} <% miracle %> {# miracle #} {{ miracle }} {% miracle %}"
    )
    assert "miracle" not in mask_templates(source)


def test_mdx_code_is_masked_and_copy_is_linted():
    source = (
        'import Hero from "./hero"\nexport const meta = {title: "miracle"}\n\nOur peel has no {/* x */} side effects.\n'
    )
    findings = lint(source, "mdx")
    assert [(f.rule_id, f.start.line) for f in findings] == [("no-side-effects", 4)]


def test_jsx_text_children_and_readable_props_only():
    source = (
        'const label = "miracle cream";\n'
        "export default function Page() {\n"
        "  return (\n"
        '    <section className="miracle">\n'
        "      <h1>No side {effects} effects</h1>\n"
        '      <input placeholder="100% safe" />\n'
        "      {ok && <p>Guaranteed results</p>}\n"
        "    </section>\n"
        "  );\n"
        "}\n"
    )
    found = {(f.rule_id, f.start.line) for f in lint(source, "jsx")}
    assert ("no-side-effects", 5) in found
    assert ("risk-free", 6) in found
    assert ("guaranteed-results", 7) in found
    assert not [item for item in found if item[1] in (1, 4)]


def test_typescript_generics_and_comparisons_are_not_jsx():
    source = "const a = Array<string>(3);\nfor (let i = 0; i<n; i++) { miracle(); }\n"
    assert lint(source, "jsx") == []

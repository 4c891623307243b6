import json

from click.testing import CliRunner

from claimlint.cli import main
from claimlint.suppressions import parse_directives


def check(tmp_path, name, content, *args):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--format", "json", *args, str(path)], catch_exceptions=False)
    return result.exit_code, json.loads(result.output)


def rules(report, key="findings"):
    return [(f["rule"], f["start"]["line"]) for f in report[key]]


def test_next_line_directive_with_rule_or_category_and_reason(tmp_path):
    html = (
        "<!-- claimlint-disable-next-line absolute_safety -- audited, see LEG-12 -->\n"
        "<p>It has no side effects.</p>\n"
        "<p>It has no side effects.</p>\n"
    )
    code, report = check(tmp_path, "page.html", html)
    assert rules(report) == [("no-side-effects", 3)]
    (silenced,) = report["suppressed"]
    assert silenced["rule"] == "no-side-effects" and silenced["start"]["line"] == 2
    assert silenced["suppression"] == {
        "kind": "inSource",
        "justification": "audited, see LEG-12",
        "approved_text": None,
    }
    assert code == 1


def test_block_and_file_directives_in_template_jsx_and_yaml_comments(tmp_path):
    njk = (
        "{# claimlint-disable miracle-language -- product name #}\n<p>Miracle Glow serum</p>\n"
        "{# claimlint-enable #}\n<p>A miracle.</p>\n"
    )
    assert rules(check(tmp_path, "page.njk", njk)[1]) == [("miracle-language", 4)]
    jsx = (
        "export default () => (\n  <div>\n    {/* claimlint-disable-next-line */}\n"
        "    <p>Miracle cream</p>\n  </div>\n);\n"
    )
    assert rules(check(tmp_path, "page.jsx", jsx)[1]) == []
    yaml_text = "# claimlint-disable-file miracle_hype -- brand names\ntitle: A miracle facial\n"
    code, report = check(tmp_path, "content.yaml", yaml_text)
    assert rules(report) == [] and code == 0


def test_a_directive_that_suppresses_nothing_is_reported(tmp_path):
    html = "<!-- claimlint-disable-next-line testimonial -- old review -->\n<p>Opening hours: nine to five.</p>\n"
    code, report = check(tmp_path, "page.html", html)
    (problem,) = report["problems"]
    assert problem["line"] == 1 and problem["severity"] == "warning" and "suppressed nothing" in problem["message"]
    assert code == 1
    assert check(tmp_path, "page.html", html, "--fail-on", "error")[0] == 0


def test_unknown_codes_in_a_directive_are_reported(tmp_path):
    html = "<!-- claimlint-disable-next-line no-such-rule -->\n<p>No side effects.</p>\n"
    report = check(tmp_path, "page.html", html)[1]
    assert "unknown rule or category 'no-such-rule'" in report["problems"][0]["message"]


def test_directives_are_only_read_from_comments():
    assert parse_directives("claimlint-disable-file\n", "html") == []
    assert parse_directives("# claimlint-disable-file\n", "markdown") == []
    assert len(parse_directives("<!-- claimlint-disable-file -->\n", "markdown")) == 1


def test_suppressed_findings_listed_on_request_in_text_and_sarif(tmp_path):
    html = "<!-- claimlint-disable-next-line -- legal ok -->\n<p>No side effects.</p>\n"
    path = tmp_path / "page.html"
    path.write_text(html)
    text = CliRunner().invoke(main, ["check", "--show-suppressed", str(path)]).output
    assert "[suppressed: legal ok]" in text
    hidden = json.loads(CliRunner().invoke(main, ["check", "--format", "sarif", str(path)]).output)
    assert hidden["runs"][0]["results"] == []
    shown = json.loads(CliRunner().invoke(main, ["check", "--format", "sarif", "--show-suppressed", str(path)]).output)
    (result,) = shown["runs"][0]["results"]
    assert result["suppressions"] == [{"kind": "inSource", "justification": "legal ok"}]

"""Golden files for each output format; set CLAIMLINT_UPDATE_GOLDEN=1 to rewrite them after a reviewed change."""

import json
import os

import jsonschema
import pytest

from claimlint.format_github import format_github
from claimlint.format_json import format_json
from claimlint.format_sarif import FINGERPRINT_KEY, format_sarif
from claimlint.format_text import format_text
from claimlint.lint import lint_paths
from tests.conftest import ROOT, resolver, shared_path

GOLDEN = ROOT / "tests" / "golden"
FORMATS = {
    "text": lambda report: format_text(report),
    "json": format_json,
    "sarif": format_sarif,
    "github": format_github,
}


GOLDEN_RULES = resolver(rulesets=(str(ROOT / "tests" / "fixtures" / "golden-rules.yaml"),))


@pytest.fixture(scope="module")
def report():
    return lint_paths(["tests/fixtures/page.html"], GOLDEN_RULES)


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_golden_output(report, name):
    rendered = FORMATS[name](report)
    golden = GOLDEN / f"page.{name}"
    if os.environ.get("CLAIMLINT_UPDATE_GOLDEN"):
        golden.write_text(rendered, encoding="utf-8")
    assert rendered == golden.read_text(encoding="utf-8")


def test_text_colour_only_when_asked(report):
    assert "\x1b[" not in format_text(report, color=False)
    assert "\x1b[" in format_text(report, color=True)


def test_json_carries_positions_rule_category_and_rewrite(report):
    findings = json.loads(format_json(report))["findings"]
    safe = next(f for f in findings if f["rule"] == "golden-totally-safe")
    assert safe["start"] == {"line": 6, "column": 26, "offset": safe["start"]["offset"]}
    assert safe["matched"] == "100%</strong> safe" and safe["normalised"] == "100% safe"
    assert safe["category"] == "absolute_safety" and safe["rewrite"]


def test_sarif_meets_the_requirements(report):
    sarif = json.loads(format_sarif(report))
    assert sarif["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json" and sarif["version"] == "2.1.0"
    (run,) = sarif["runs"]
    assert run["columnKind"] == "utf16CodeUnits"
    rules = run["tool"]["driver"]["rules"]
    for rule in rules:
        assert rule["name"] != rule["id"] and rule["properties"]["category"]
        assert "security-severity" not in rule["properties"] and "security" not in rule["properties"]["tags"]
        assert rule["help"]["markdown"] and rule["defaultConfiguration"]["level"] in ("note", "warning", "error")
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["level"] in ("note", "warning", "error")
        assert result["message"]["text"].split(". ")[0]
        assert FINGERPRINT_KEY in result["partialFingerprints"]
        location = result["locations"][0]["physicalLocation"]
        assert location["artifactLocation"] == {"uri": "tests/fixtures/page.html", "uriBaseId": "%SRCROOT%"}
    warning = next(r for r in run["results"] if r["level"] == "warning")
    assert warning["level"] == "warning"  # not dropped as the schema default
    emoji_line = [r for r in run["results"] if r["locations"][0]["physicalLocation"]["region"]["startLine"] == 5]
    assert not emoji_line  # the heading has no claim; columns on line 6 are checked below
    safe = next(r for r in run["results"] if r["ruleId"] == "golden-totally-safe")
    region = safe["locations"][0]["physicalLocation"]["region"]
    assert (region["startColumn"], region["endColumn"], region["snippet"]["text"]) == (26, 44, "100%</strong> safe")


def test_sarif_columns_count_utf16_units():
    from claimlint.lint import lint_stdin

    report = lint_stdin("\U0001f31f\U0001f31f no side effects".encode(), "x.txt", "text", GOLDEN_RULES)
    region = json.loads(format_sarif(report))["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]
    assert (region["startColumn"], region["endColumn"]) == (6, 21)


def test_fingerprints_survive_a_claim_moving_to_another_line(tmp_path):
    from claimlint.lint import lint_stdin

    settings = GOLDEN_RULES
    before = json.loads(format_sarif(lint_stdin(b"It has no side effects.", "a.txt", "text", settings)))
    after = json.loads(format_sarif(lint_stdin(b"New intro.\n\nIt has no  side effects.", "a.txt", "text", settings)))

    def prints(sarif):
        return [r["partialFingerprints"][FINGERPRINT_KEY] for r in sarif["runs"][0]["results"]]

    assert prints(before) == prints(after)


def test_clean_sarif_still_has_results(tmp_path):
    from claimlint.lint import lint_stdin

    sarif = json.loads(format_sarif(lint_stdin(b"Opening hours: nine to five.", "a.txt", "text", GOLDEN_RULES)))
    assert sarif["runs"][0]["results"] == []


def test_sarif_validates_against_the_oasis_schema(report):
    schema = json.loads(shared_path("sarif", "sarif-schema-2.1.0.json").read_text())
    jsonschema.Draft4Validator(schema).validate(json.loads(format_sarif(report)))


def test_sarif_validates_against_githubs_upload_schema(report):
    schema = json.loads(shared_path("sarif", "sarif-schema-2.1.0.codeql-action.json").read_text())
    jsonschema.Draft202012Validator(schema).validate(json.loads(format_sarif(report)))


def test_sarif_passes_the_shared_validator(report, tmp_path):
    import importlib.util

    script = shared_path("sarif", "validate_sarif.py")
    spec = importlib.util.spec_from_file_location("validate_sarif", script)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    out = tmp_path / "out.sarif"
    out.write_text(format_sarif(report), encoding="utf-8")
    assert module.check(out) == []


def test_github_annotations_escape_and_map_levels(report):
    lines = format_github(report).splitlines()
    assert any(line.startswith("::notice file=tests/fixtures/page.html,line=3,") for line in lines)
    assert any(line.startswith("::error ") for line in lines)
    assert all("\n" not in line for line in lines)


def test_sarif_category_and_absolute_root_are_opt_in(report):
    plain = json.loads(format_sarif(report))["runs"][0]
    assert "automationDetails" not in plain and "uri" not in plain["originalUriBaseIds"]["%SRCROOT%"]
    tuned = json.loads(format_sarif(report, category="copy/site", root_uri="file:///srv/site/"))["runs"][0]
    assert tuned["automationDetails"] == {"id": "copy/site/"}
    assert tuned["originalUriBaseIds"]["%SRCROOT%"]["uri"] == "file:///srv/site/"


def test_sarif_is_cut_to_githubs_gzip_limit(report, monkeypatch):
    import claimlint.format_sarif as sarif_module

    monkeypatch.setattr(sarif_module, "MAX_GZIP_BYTES", 1600)
    cut = json.loads(format_sarif(report))
    run = cut["runs"][0]
    assert len(run["results"]) < 4
    assert any(
        "fit GitHub's 10 MB limit" in n["message"]["text"] for n in run["invocations"][0]["toolExecutionNotifications"]
    )

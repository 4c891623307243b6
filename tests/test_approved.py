import json

from click.testing import CliRunner

from claimlint.cli import main


def test_approved_claims_suppress_and_record_their_reference(tmp_path, monkeypatch):
    (tmp_path / "approved.yaml").write_text(
        "approved:\n"
        "  - text: clinically proven to improve skin hydration\n"
        "    reference: LEG-12 (2024 study, 42 people)\n"
        "    rules: [establishment_claim]\n"
    )
    (tmp_path / ".claimlint.yaml").write_text("approved_claims: approved.yaml\n")
    (tmp_path / "page.md").write_text(
        "Our serum is clinically   proven to improve skin hydration.\n\nOur peel is clinically proven to lift.\n"
    )
    monkeypatch.chdir(tmp_path)
    report = json.loads(CliRunner().invoke(main, ["check", "--format", "json", "page.md"]).output)
    assert [(f["rule"], f["start"]["line"]) for f in report["findings"] if f["category"] == "establishment_claim"] == [
        ("clinically-proven", 3)
    ]
    (approved,) = report["suppressed"]
    assert approved["suppression"]["kind"] == "external"
    assert approved["suppression"]["justification"] == "approved claim: LEG-12 (2024 study, 42 people)"
    sarif = json.loads(CliRunner().invoke(main, ["check", "--format", "sarif", "page.md"]).output)
    (recorded,) = sarif["runs"][0]["properties"]["approvedClaims"]
    assert recorded["suppressedFindings"] == 1 and "LEG-12" in recorded["justification"]


def test_a_bad_approved_claims_file_is_a_configuration_error(tmp_path, monkeypatch):
    (tmp_path / "approved.yaml").write_text("approved:\n  - text: clinically proven\n")
    (tmp_path / ".claimlint.yaml").write_text("approved_claims: approved.yaml\n")
    (tmp_path / "page.md").write_text("Clinically proven.\n")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["check", "page.md"])
    assert result.exit_code == 2 and "approved.yaml:2: an approved claim needs 'text' and 'reference'" in result.output

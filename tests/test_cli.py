import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from claimlint.cli import main
from tests.conftest import ROOT

CLEAN = ROOT / "samples" / "drafts" / "clean-note.txt"
CLAIMS = ROOT / "samples" / "drafts" / "newsletter-draft.txt"


def run(*args, input=None):
    return CliRunner().invoke(main, [str(a) for a in args], input=input, catch_exceptions=False)


def test_findings_exit_1_and_clean_files_exit_0():
    assert run("check", CLAIMS).exit_code == 1
    result = run("check", CLEAN)
    assert result.exit_code == 0
    assert result.output.endswith("No findings in 1 file.\n")


def test_exit_zero_and_fail_on():
    assert run("check", "--exit-zero", CLAIMS).exit_code == 0
    notes_only = run("check", "--select", "miracle_hype", "--fail-on", "warning", CLAIMS)
    assert notes_only.exit_code == 0 and "[note]" in notes_only.output
    assert run("check", "--select", "miracle_hype", "--fail-on", "note", CLAIMS).exit_code == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--select", "cure-claim", "--ignore", "cure-claim"], "--select and --ignore both name 'cure-claim'"),
        (["--exit-zero", "--fail-on", "note"], "--exit-zero and --fail-on contradict each other"),
        (["--write-baseline", "b.json", "--baseline", "b.json"], "--write-baseline and --baseline cannot be used"),
        (["--stdin-filename", "page.html"], "--stdin-filename names standard input"),
        (["--sarif-category", "copy"], "--sarif-category applies to --format sarif only"),
        (["--format", "json", "--sarif-absolute-root"], "--sarif-absolute-root applies to --format sarif only"),
    ],
)
def test_conflicting_options_are_usage_errors(args, message, tmp_path):
    result = run("check", *args, CLAIMS)
    assert result.exit_code == 2 and message in result.output
    assert not (tmp_path / "b.json").exists()


def test_diff_base_with_standard_input_is_a_usage_error():
    result = run("check", "--diff-base", "main", "-", input="A miracle cure.")
    assert result.exit_code == 2 and "--diff-base needs files" in result.output


def test_text_output_lines_and_summary():
    lines = run("check", "--select", "miracle-language", CLAIMS).output.splitlines()
    assert lines[0].startswith(f"{CLAIMS.relative_to(ROOT).as_posix()}:") or ":23:" in lines[0]
    assert "miracle-language [note]" in lines[0]
    assert lines[-1].startswith("Found 1 finding (1 note) in 1 of 1 file.")


def test_select_and_ignore_take_rules_and_categories():
    selected = json.loads(
        run("check", "--format", "json", "--select", "absolute_safety,miracle-language", CLAIMS).output
    )
    assert {f["category"] for f in selected["findings"]} <= {"absolute_safety", "miracle_hype"}
    ignored = json.loads(
        run("check", "--format", "json", "--ignore", "prescription_only_medicine_promotion", CLAIMS).output
    )
    assert "prescription_only_medicine_promotion" not in {f["category"] for f in ignored["findings"]}


def test_unknown_select_code_is_a_usage_error():
    result = CliRunner().invoke(main, ["check", "--select", "nonsense", str(CLEAN)])
    assert result.exit_code == 2 and "unknown rule or category 'nonsense'" in result.output


def test_bad_ruleset_exits_2_naming_the_file(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("ruleset: bad\nrules:\n  - id: x\n    category: nope\n")
    result = CliRunner().invoke(main, ["check", "--ruleset", str(bad), str(CLEAN)])
    assert result.exit_code == 2
    assert "bad.yaml:4: rule 'x': unknown category 'nope'" in result.output


def test_missing_path_exits_2_but_other_files_are_linted(tmp_path):
    result = CliRunner().invoke(main, ["check", str(tmp_path / "nope.html"), str(CLAIMS)])
    assert result.exit_code == 2
    assert "no such file or directory" in result.output and "[error]" in result.output


def test_stdin_with_a_filename_picks_the_reader():
    result = run("check", "--stdin-filename", "page.html", "-", input="<p>It is <b>100%</b> safe</p>")
    assert result.exit_code == 1
    assert result.output.startswith("page.html:1:13: risk-free [error]")


def test_output_file_is_written_and_nothing_else_printed(tmp_path):
    out = tmp_path / "report.json"
    result = run("check", "--format", "json", "-o", out, CLAIMS)
    assert result.output == ""
    assert json.loads(out.read_text())["summary"]["findings"] > 0
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]


def test_rules_explain_and_categories():
    listing = run("rules")
    assert "no-side-effects" in listing.output and listing.output.rstrip().endswith("rules")
    rules_json = json.loads(run("rules", "--format", "json").output)
    assert {"id", "category", "severity", "kind"} <= set(rules_json[0])
    explained = run("explain", "no-side-effects")
    assert "CAP Code 12.9" in explained.output and "Compliant rewrite:" in explained.output
    assert run("rules", "--categories").output.count("\n") == 20
    assert CliRunner().invoke(main, ["explain", "no-such-rule"]).exit_code == 2


def test_test_rules_passes_on_builtin_and_fails_on_a_broken_example(tmp_path):
    assert run("test-rules").exit_code == 0
    custom = tmp_path / "custom.yaml"
    custom.write_text(
        "ruleset: custom\nrules:\n  - id: wonder\n    category: miracle_hype\n    kind: phrase\n"
        "    phrases: [wonder cream]\n    message: m\n    rationale: r\n    references: [x]\n    rewrite: w\n"
        "    examples:\n      flag: ['A [[wonder serum]].']\n      pass: ['plain']\n"
    )
    result = run("test-rules", custom)
    assert result.exit_code == 1 and "not flagged" in result.output and "1 failed" in result.output


def test_config_file_sets_rules_and_failing_level(tmp_path, monkeypatch):
    (tmp_path / ".claimlint.yaml").write_text("select: [miracle_hype]\nfail_on: error\n")
    monkeypatch.chdir(tmp_path)
    result = run("check", CLAIMS)
    assert result.exit_code == 0 and "miracle-language" in result.output and "risk-free" not in result.output


def test_unknown_config_key_is_an_error_naming_the_file(tmp_path, monkeypatch):
    (tmp_path / ".claimlint.yaml").write_text("selekt: [x]\n")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["check", str(CLEAN)])
    assert result.exit_code == 2 and ".claimlint.yaml:1: unknown key 'selekt'" in result.output


def test_python_dash_m_works():
    completed = subprocess.run([sys.executable, "-m", "claimlint", "--version"], capture_output=True, text=True)
    assert completed.returncode == 0 and "claimlint" in completed.stdout


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github"])
def test_output_is_deterministic(fmt):
    first = run("check", "--format", fmt, ROOT / "samples").output
    assert first == run("check", "--format", fmt, ROOT / "samples").output


def test_paths_without_a_command_mean_check():
    assert run(CLAIMS).exit_code == 1
    assert run("--format", "json", CLEAN).exit_code == 0


def test_jurisdiction_option_and_config(tmp_path, monkeypatch):
    medicine = "Book your Botox top-up today."
    assert run("check", "--stdin-filename", "a.txt", "--jurisdiction", "us", "-", input=medicine).exit_code == 0
    assert run("check", "--stdin-filename", "a.txt", "--jurisdiction", "uk", "-", input=medicine).exit_code == 1
    bad = CliRunner().invoke(main, ["check", "--jurisdiction", "mars", str(CLEAN)])
    assert bad.exit_code == 2 and "unknown jurisdiction 'mars'" in bad.output
    (tmp_path / ".claimlint.yaml").write_text("jurisdictions: [us]\n")
    monkeypatch.chdir(tmp_path)
    assert run("check", "--stdin-filename", "a.txt", "-", input=medicine).exit_code == 0

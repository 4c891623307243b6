import json
import subprocess

from click.testing import CliRunner

from claimlint.cli import main


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def rules_lines(result):
    return [(f["rule"], f["start"]["line"]) for f in json.loads(result.output)["findings"]]


def test_baseline_hides_known_findings_even_when_they_move(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    page = tmp_path / "page.txt"
    page.write_text("It has no side effects.\n\nA miracle.\n")
    written = run("check", "--write-baseline", "baseline.json", ".")
    assert written.exit_code == 0 and "Wrote 2 findings" in written.output
    assert json.loads((tmp_path / "baseline.json").read_text())["claimlint_baseline"] == 1
    page.write_text("New intro paragraph.\n\nIt has no side effects.\n\nA miracle.\n\nIt is 100% safe.\n")
    result = run("check", "--format", "json", "--baseline", "baseline.json", ".")
    assert rules_lines(result) == [("risk-free", 7)] and result.exit_code == 1


def test_rewriting_the_baseline_prunes_fixed_findings(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    page = tmp_path / "page.txt"
    page.write_text("It has no side effects.\n\nA miracle.\n")
    run("check", "--write-baseline", "baseline.json", ".")
    page.write_text("A miracle.\n")
    run("check", "--write-baseline", "baseline.json", ".")
    entries = json.loads((tmp_path / "baseline.json").read_text())["findings"]
    assert [e["rule"] for e in entries] == ["miracle-language"]


def test_a_broken_baseline_is_an_error(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "baseline.json").write_text("{not json")
    (tmp_path / "a.txt").write_text("A miracle.\n")
    result = CliRunner().invoke(main, ["check", "--baseline", "baseline.json", "a.txt"])
    assert result.exit_code == 2 and "cannot read the baseline" in result.output


def test_diff_base_reports_only_changed_lines_and_new_files(tmp_path, monkeypatch):
    def git(*args):
        subprocess.run(["git", *args], cwd=tmp_path, check=True, capture_output=True)

    git("init", "-q", "-b", "main")
    git("config", "user.email", "t@example.invalid")
    git("config", "user.name", "t")
    (tmp_path / "page.txt").write_text("A miracle.\n\nIt has no side effects.\n")
    git("add", ".")
    git("commit", "-q", "-m", "first")
    git("checkout", "-q", "-b", "feature")
    (tmp_path / "page.txt").write_text("A miracle.\n\nIt has no side effects.\n\nIt is 100% safe.\n")
    (tmp_path / "new.txt").write_text("Guaranteed results.\n")
    monkeypatch.chdir(tmp_path)
    result = run("check", "--format", "json", "--diff-base", "main", ".")
    assert sorted((f["path"], f["category"]) for f in json.loads(result.output)["findings"]) == [
        ("new.txt", "guarantee_certainty"),
        ("page.txt", "absolute_safety"),
    ]
    bad = CliRunner().invoke(main, ["check", "--diff-base", "no-such-ref", "."])
    assert bad.exit_code == 2 and "--diff-base no-such-ref: git failed" in bad.output

"""Bad input of every kind: a clear message naming the file, the right exit code, the other files
still linted, and nothing written to the files claimlint reads."""

import codecs
import json
import os
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from claimlint.cli import main

CLAIM = "Our facial has no side effects."


def lint(*args, cwd=None):
    result = CliRunner().invoke(main, ["check", "--format", "json", *map(str, args)], catch_exceptions=False)
    return result.exit_code, json.loads(result.output)


def by_path(report):
    found = {}
    for finding in report["findings"]:
        found.setdefault(finding["path"], []).append(finding["rule"])
    problems = {p["path"]: (p["severity"], p["message"]) for p in report["problems"]}
    return found, problems


@pytest.fixture
def site(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "good.txt").write_text(CLAIM)
    return tmp_path


def test_binary_file_is_reported_and_others_are_linted(site):
    (site / "logo.html").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    code, report = lint("logo.html", "good.txt")
    found, problems = by_path(report)
    assert problems["logo.html"] == ("error", "binary file (contains NUL bytes)")
    assert found["good.txt"] == ["no-side-effects"] and code == 1


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("utf16.html", codecs.BOM_UTF16_LE + f"<p>{CLAIM}</p>".encode("utf-16-le")),
        ("utf16be.md", codecs.BOM_UTF16_BE + CLAIM.encode("utf-16-be")),
        ("utf32.txt", codecs.BOM_UTF32_LE + CLAIM.encode("utf-32-le")),
        ("utf8bom.txt", codecs.BOM_UTF8 + CLAIM.encode()),
    ],
)
def test_unicode_with_byte_order_marks(site, name, data):
    (site / name).write_bytes(data)
    code, report = lint(name)
    (finding,) = report["findings"]
    assert finding["rule"] == "no-side-effects" and finding["start"] == {
        "line": 1,
        "column": 16 + 3 * name.endswith(".html"),
        "offset": finding["start"]["offset"],
    }
    assert report["problems"] == [] and code == 1


def test_declared_latin1_and_undeclared_windows_1252(site):
    (site / "latin1.html").write_bytes(
        '<meta charset="iso-8859-1"><p>Caf\xe9 facial: no side effects.</p>'.encode("latin-1")
    )
    (site / "cp1252.txt").write_bytes("\u201cPure\u201d glow \u2013 no side effects.".encode("cp1252"))
    code, report = lint("latin1.html", "cp1252.txt")
    found, problems = by_path(report)
    assert found == {"latin1.html": ["no-side-effects"], "cp1252.txt": ["no-side-effects"]}
    assert "latin1.html" not in problems
    assert problems["cp1252.txt"] == ("note", "not valid UTF-8 (first at line 1); read as Windows-1252")
    assert code == 1


def test_invalid_utf8_in_the_middle_keeps_positions_of_later_lines(site):
    (site / "mixed.txt").write_bytes(b"Caf\xe9 opening hours.\n\n" + CLAIM.encode())
    _, report = lint("mixed.txt")
    assert [(f["rule"], f["start"]["line"]) for f in report["findings"]] == [("no-side-effects", 3)]


def test_empty_and_whitespace_files(site):
    (site / "empty.md").write_bytes(b"")
    (site / "blank.html").write_text("   \n\n  ")
    code, report = lint("empty.md", "blank.html")
    assert report["findings"] == [] and report["problems"] == [] and code == 0


def test_oversized_file_is_skipped_with_a_notice(site):
    with open(site / "huge.txt", "wb") as handle:
        handle.truncate(100 * 1024 * 1024)  # sparse: 100 MB on paper, nothing on disk
    _, report = lint("huge.txt", "good.txt")
    found, problems = by_path(report)
    assert problems["huge.txt"][0] == "note" and "over the 20,971,520-byte limit" in problems["huge.txt"][1]
    assert found["good.txt"] == ["no-side-effects"]
    (site / "small.txt").write_text(CLAIM * 10)
    assert "small.txt" in by_path(lint("--max-bytes", "100", "small.txt")[1])[1]


def test_html_nested_100000_deep(site):
    (site / "deep.html").write_text("<div>" * 100_000 + CLAIM + "</div>" * 100_000)
    _, report = lint("deep.html")
    assert [f["rule"] for f in report["findings"]] == ["no-side-effects"]


def test_unterminated_comment_script_and_front_matter(site):
    (site / "comment.html").write_text(f"<p>{CLAIM}</p><!-- never closed <p>{CLAIM}</p>")
    (site / "script.html").write_text(f"<p>{CLAIM}</p><script>var a = '{CLAIM}';")
    (site / "front.md").write_text(f"---\ntitle: [unclosed\n---\n\n{CLAIM}\n")
    _, report = lint("comment.html", "script.html", "front.md")
    found, problems = by_path(report)
    assert found == {
        "comment.html": ["no-side-effects"],
        "script.html": ["no-side-effects"],
        "front.md": ["no-side-effects"],
    }
    assert problems["front.md"][0] == "warning" and "front matter (line 1) is not valid YAML" in problems["front.md"][1]


def test_malformed_markdown_table(site):
    (site / "table.md").write_text(f"| a | b\n|--|\n| {CLAIM} | x | y | z\n|\n")
    assert [f["rule"] for f in lint("table.md")[1]["findings"]] == ["no-side-effects"]


def test_symlink_loop_is_not_followed(site):
    (site / "pages").mkdir()
    (site / "pages" / "a.txt").write_text(CLAIM)
    os.symlink(site, site / "pages" / "loop")
    _, report = lint(".")
    assert sorted(f["path"] for f in report["findings"]) == ["good.txt", "pages/a.txt"]


def test_unreadable_file_is_reported(site, monkeypatch):
    (site / "locked.txt").write_text(CLAIM)
    real_read = Path.read_bytes

    def read_bytes(self):
        if self.name == "locked.txt":
            raise PermissionError(13, "Permission denied")
        return real_read(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    code, report = lint("locked.txt", "good.txt")
    found, problems = by_path(report)
    assert problems["locked.txt"] == ("error", "cannot read: Permission denied")
    assert found["good.txt"] == ["no-side-effects"] and code == 1


def test_file_deleted_during_the_run(site, monkeypatch):
    import claimlint.lint as lint_module

    (site / "gone.txt").write_text(CLAIM)
    real_discover = lint_module.discover

    def discover_then_delete(*args, **kwargs):
        targets = real_discover(*args, **kwargs)
        (site / "gone.txt").unlink()
        return targets

    monkeypatch.setattr(lint_module, "discover", discover_then_delete)
    _, report = lint("gone.txt", "good.txt")
    found, problems = by_path(report)
    assert problems["gone.txt"] == ("error", "cannot read: No such file or directory")
    assert found["good.txt"] == ["no-side-effects"]


def test_missing_path_exits_2_and_the_rest_is_linted(site):
    code, report = lint("nowhere.html", "good.txt")
    assert code == 2 and by_path(report)[0]["good.txt"] == ["no-side-effects"]
    assert {
        "path": "nowhere.html",
        "line": None,
        "rule": None,
        "severity": "error",
        "message": "no such file or directory",
    } in report["problems"]


def test_read_only_files_are_never_written(site):
    import hashlib

    files = {name: site / name for name in ("good.txt", "page.html")}
    files["page.html"].write_text(f"<p>{CLAIM}</p>")
    for path in files.values():
        path.chmod(0o444)
    before = {name: hashlib.sha256(path.read_bytes()).hexdigest() for name, path in files.items()}
    stats = {name: path.stat().st_mtime_ns for name, path in files.items()}
    lint(".")
    CliRunner().invoke(main, ["check", "--format", "sarif", "-o", "out.sarif", "."])
    assert before == {name: hashlib.sha256(path.read_bytes()).hexdigest() for name, path in files.items()}
    assert stats == {name: path.stat().st_mtime_ns for name, path in files.items()}


def test_unreadable_files_are_sarif_notifications_not_results(site):
    (site / "logo.html").write_bytes(b"\x00\x01binary")
    result = CliRunner().invoke(main, ["check", "--format", "sarif", "logo.html", "good.txt"])
    sarif = json.loads(result.output)
    run = sarif["runs"][0]
    (notification,) = run["invocations"][0]["toolExecutionNotifications"]
    assert notification["level"] == "error" and "binary file" in notification["message"]["text"]
    assert notification["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "logo.html"
    assert run["invocations"][0]["executionSuccessful"] is True
    assert [r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run["results"]] == ["good.txt"]


def test_an_interrupted_write_leaves_no_partial_output(site, monkeypatch):
    import claimlint.cli as cli_module

    def interrupted(*args):
        raise KeyboardInterrupt

    monkeypatch.setattr(cli_module.os, "replace", interrupted)
    result = CliRunner().invoke(main, ["check", "--format", "json", "-o", "report.json", "good.txt"])
    assert result.exit_code != 0
    assert sorted(p.name for p in site.iterdir()) == ["good.txt"]


def test_output_to_a_device_is_written_not_replaced(site):
    result = CliRunner().invoke(main, ["check", "-o", "/dev/null", "good.txt"])
    assert result.exit_code == 1
    assert Path("/dev/null").is_char_device()


def test_a_folder_of_50000_files_is_linted_in_full(site):
    """Every file of a very large folder is reported on; the few with claims are found and the rest
    are clean. (The built-in rules, two worker processes; about half a minute.)"""
    for index in range(50_000):
        folder = site / f"pages{index // 1000:02d}"
        folder.mkdir(exist_ok=True)
        text = "No side effects, guaranteed.\n" if index % 5000 == 0 else f"Opening hours for room {index}.\n"
        (folder / f"page{index}.txt").write_text(text)
    code, report = lint("--no-cache", "--jobs", "2", ".")
    assert code == 1
    assert report["summary"]["files"] >= 50_000
    flagged = {f["path"] for f in report["findings"] if f["rule"] == "no-side-effects"}
    assert flagged == {"good.txt", *(f"pages{i // 1000:02d}/page{i}.txt" for i in range(0, 50_000, 5000))}


def test_a_10_mb_single_line_is_linted_in_full(site):
    """A 10 MB file without a line break (an export or minified copy): every claim in it is reported on
    line 1 with its own column, and the other files are linted. The line repeats the dev corpus (600
    items of clinic copy, about a third of them claims), so it is dense with findings."""
    corpus = yaml.safe_load((Path(__file__).parent / "corpus" / "dev.yaml").read_text())
    copy = " ".join(item["text"].strip() for item in corpus) + " "
    (site / "one-copy.txt").write_text(copy)
    repeats = 10_000_000 // len(copy.encode()) + 1
    (site / "long-line.txt").write_text(copy * repeats)
    assert (site / "long-line.txt").stat().st_size >= 10_000_000
    code, report = lint("--no-cache", "--jobs", "1", ".")
    assert code == 1
    found, problems = by_path(report)
    assert problems == {}
    assert found["good.txt"] == ["no-side-effects"]
    assert len(found["long-line.txt"]) == repeats * len(found["one-copy.txt"])
    long_findings = [f for f in report["findings"] if f["path"] == "long-line.txt"]
    assert {f["start"]["line"] for f in long_findings} == {1}
    columns = [f["start"]["column"] for f in long_findings if f["rule"] == long_findings[0]["rule"]]
    assert columns == sorted(set(columns))  # each finding at its own place, in order

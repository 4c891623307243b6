import json
import re
import subprocess

import pytest
from click.testing import CliRunner

from claimlint.cli import main
from claimlint.config import ConfigResolver, load_config
from claimlint.yamlsource import ConfigError


def lint_json(*args):
    result = CliRunner().invoke(main, ["check", "--format", "json", *args], catch_exceptions=False)
    return result.exit_code, json.loads(result.output)


def test_pyproject_table_is_found_by_walking_up(tmp_path, monkeypatch):
    (tmp_path / "pyproject.toml").write_text('[tool.claimlint]\nselect = ["miracle_hype"]\n')
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "a.txt").write_text("A miracle with no side effects.\n")
    monkeypatch.chdir(tmp_path / "site")
    assert [f["rule"] for f in lint_json("a.txt")[1]["findings"]] == ["miracle-language"]


def test_nearest_config_to_each_file_wins_and_extends_its_parent(tmp_path, monkeypatch):
    (tmp_path / ".claimlint.yaml").write_text("ignore: [miracle_hype]\nexclude: ['drafts']\n")
    (tmp_path / "blog").mkdir()
    blog_config = "extends: ../.claimlint.yaml\nseverity: {absolute_safety: note}\n"
    (tmp_path / "blog" / ".claimlint.yaml").write_text(blog_config)
    for folder in ("", "blog/"):
        (tmp_path / f"{folder}a.txt").write_text("A miracle with no side effects.\n")
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "a.txt").write_text("A miracle.\n")
    monkeypatch.chdir(tmp_path)
    findings = lint_json(".")[1]["findings"]
    assert {(f["path"], f["rule"], f["severity"]) for f in findings} == {
        ("a.txt", "no-side-effects", "error"),
        ("blog/a.txt", "no-side-effects", "note"),
    }


def test_per_path_overrides_and_paths_relative_to_the_config(tmp_path, monkeypatch):
    (tmp_path / "rules.yaml").write_text(
        "ruleset: house\nrules:\n  - id: house-glow\n    category: miracle_hype\n    kind: phrase\n"
        "    phrases: [glow bomb]\n    message: m.\n    rationale: r\n    references: [x]\n    rewrite: w\n"
        "    examples: {flag: ['A [[glow bomb]].'], pass: ['glow']}\n"
    )
    (tmp_path / ".claimlint.yaml").write_text(
        "rulesets: [safety, rules.yaml]\n"
        "overrides:\n  - paths: ['legal/**']\n    ignore: [absolute_safety]\n"
        "  - paths: ['uk/*']\n    jurisdictions: [uk]\n"
    )
    for folder in ("legal", "other"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "a.txt").write_text("A glow bomb with no side effects.\n")
    monkeypatch.chdir(tmp_path / "other")
    findings = lint_json("..")[1]["findings"]
    assert {(f["path"], f["rule"]) for f in findings} == {
        ("../legal/a.txt", "house-glow"),
        ("a.txt", "house-glow"),
        ("a.txt", "no-side-effects"),
    }


def test_show_config_prints_the_settings_in_force(tmp_path, monkeypatch):
    (tmp_path / ".claimlint.yaml").write_text("overrides:\n  - paths: ['blog/*']\n    select: [miracle_hype]\n")
    (tmp_path / "blog").mkdir()
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["check", "--show-config", "blog/post.md"])
    assert result.exit_code == 0
    assert "select:\n- miracle_hype" in result.output and "reader: markdown" in result.output
    assert "overrides_applied:\n- - blog/*" in result.output


def test_gitignored_files_are_skipped_unless_named(tmp_path, monkeypatch):
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    (tmp_path / ".gitignore").write_text("build/\n")
    (tmp_path / "build").mkdir()
    (tmp_path / "build" / "a.txt").write_text("A miracle.\n")
    (tmp_path / "b.txt").write_text("A miracle.\n")
    monkeypatch.chdir(tmp_path)
    assert [f["path"] for f in lint_json(".")[1]["findings"]] == ["b.txt"]
    assert [f["path"] for f in lint_json("build/a.txt")[1]["findings"]] == ["build/a.txt"]
    (tmp_path / ".claimlint.yaml").write_text("respect_gitignore: false\n")
    assert sorted(f["path"] for f in lint_json(".")[1]["findings"]) == ["b.txt", "build/a.txt"]


def test_content_files_in_folders_only_when_included(tmp_path, monkeypatch):
    (tmp_path / "locales").mkdir()
    (tmp_path / "locales" / "en.json").write_text('{"hero": "A miracle facial"}\n')
    monkeypatch.chdir(tmp_path)
    assert lint_json(".")[1]["findings"] == []
    (tmp_path / ".claimlint.yaml").write_text("include: ['locales/*.json']\ncontent_keys: {skip: [footer]}\n")
    assert [f["path"] for f in lint_json(".")[1]["findings"]] == ["locales/en.json"]


def test_configured_excludes_apply_to_named_files(tmp_path, monkeypatch):
    (tmp_path / ".claimlint.yaml").write_text("exclude: ['vendor/*']\n")
    (tmp_path / "vendor").mkdir()
    (tmp_path / "vendor" / "a.txt").write_text("A miracle.\n")
    monkeypatch.chdir(tmp_path)
    assert lint_json("vendor/a.txt") == (0, lint_json("vendor/a.txt")[1])
    assert lint_json("vendor/a.txt")[1]["summary"]["files"] == 0


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("selekt: [x]\n", "unknown key 'selekt'"),
        ("extends: nowhere.yaml\n", "'extends' must name a configuration file"),
        ("fail_on: never\n", "'fail_on' must be one of"),
        ("overrides:\n  - select: [x]\n", "an override needs 'paths'"),
        ("jurisdictions: [mars]\n", "unknown jurisdiction 'mars'"),
        ("respect_gitignore: maybe\n", "'respect_gitignore' must be true or false"),
    ],
)
def test_configuration_errors_name_the_file(tmp_path, content, message):
    path = tmp_path / ".claimlint.yaml"
    path.write_text(content)
    with pytest.raises(ConfigError, match=message) as caught:
        load_config(path)
    assert str(path) in str(caught.value)


@pytest.mark.parametrize(
    ("content", "line", "message"),
    [
        ("select: [cure-claim]\nignore:\n  - cure-claim\n", 2, "'ignore' names 'cure-claim', which 'select' names too"),
        ("include: ['*.json']\nexclude: ['*.json']\n", 2, "'exclude' names '*.json', which 'include' names too"),
        ("content_keys:\n  include: [body]\n  skip: [body]\n", 3, "'skip' names 'body', which 'include' names too"),
        (
            "overrides:\n  - paths: ['*.md']\n    select: [x]\n    ignore: [x]\n",
            4,
            "'ignore' names 'x', which 'select' names too",
        ),
    ],
)
def test_conflicting_settings_are_errors_at_the_later_key(tmp_path, content, line, message):
    path = tmp_path / ".claimlint.yaml"
    path.write_text(content)
    with pytest.raises(ConfigError, match=re.escape(message)) as caught:
        load_config(path)
    assert f"{path}:{line}:" in str(caught.value)
    result = CliRunner().invoke(main, ["check", "--config", str(path), str(path)])
    assert result.exit_code == 2 and f"{path}:{line}:" in result.output


def test_extends_cycles_are_errors(tmp_path):
    (tmp_path / "a.yaml").write_text("extends: b.yaml\n")
    (tmp_path / "b.yaml").write_text("extends: a.yaml\n")
    with pytest.raises(ConfigError, match="circle"):
        load_config(tmp_path / "a.yaml")


def test_missing_explicit_config_is_an_error(tmp_path):
    with pytest.raises(ConfigError, match="configuration file not found"):
        ConfigResolver(tmp_path, tmp_path / "nope.yaml")

"""Same input, same bytes: across runs, numbers of worker processes, input order and the cache."""

import pytest
from click.testing import CliRunner

import claimlint.lint as lint_module
from claimlint.cli import main
from tests.conftest import ROOT

SAMPLES = ROOT / "samples"
FILES = sorted(str(p) for p in SAMPLES.rglob("*") if p.is_file() and p.suffix in (".html", ".md", ".txt"))


def output(*args):
    result = CliRunner().invoke(main, ["check", "--exit-zero", *map(str, args)], catch_exceptions=False)
    return result.output


@pytest.mark.parametrize("fmt", ["text", "json", "sarif"])
def test_workers_do_not_change_the_output(fmt, monkeypatch, tmp_path):
    monkeypatch.setenv("CLAIMLINT_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(lint_module, "PARALLEL_MIN_BYTES", 0)  # use workers even for the small samples
    single = output("--format", fmt, "--no-cache", "-j", "1", SAMPLES)
    assert single == output("--format", fmt, "--no-cache", "-j", "2", SAMPLES)
    assert single == output("--format", fmt, "--no-cache", "-j", "3", SAMPLES)


def test_input_order_does_not_change_the_output(monkeypatch, tmp_path):
    monkeypatch.setenv("CLAIMLINT_CACHE_DIR", str(tmp_path))
    forward = output("--format", "json", "--no-cache", *FILES)
    assert forward == output("--format", "json", "--no-cache", *reversed(FILES))


def test_the_result_cache_replays_the_same_output(monkeypatch, tmp_path):
    monkeypatch.setenv("CLAIMLINT_CACHE_DIR", str(tmp_path))
    cold = output("--format", "sarif", SAMPLES)
    assert any(p.name.startswith("results-") for p in tmp_path.iterdir())
    assert output("--format", "sarif", SAMPLES) == cold
    assert output("--format", "sarif", "--no-cache", SAMPLES) == cold


def test_a_changed_file_is_linted_again(monkeypatch, tmp_path):
    monkeypatch.setenv("CLAIMLINT_CACHE_DIR", str(tmp_path / "cache"))
    page = tmp_path / "page.txt"
    page.write_text("Opening hours: nine to five.\n")
    assert "No findings" in output(page)
    page.write_text("Our facial has no side effects.\n")
    assert "no side effects" in output(page)


def test_an_edited_file_reports_what_a_fresh_run_reports(monkeypatch, tmp_path):
    monkeypatch.setenv("CLAIMLINT_CACHE_DIR", str(tmp_path / "cache"))
    page = tmp_path / "page.md"
    page.write_text("# Drips\n\nWho can benefit:\n\n- Dull skin\n- Lupus\n\nOur drip has no side effects. Call us.\n")
    output("--format", "json", page)  # remembers the page's sentences
    page.write_text("# Drips\n\nPlease tell us if you have:\n\n- Dull skin\n- Lupus\n\nOur drip is gentle. Call us.\n")
    assert output("--format", "json", page) == output("--format", "json", "--no-cache", page)

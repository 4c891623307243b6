"""The sample clinic site: findings must match samples/expected.json exactly (rule, line, column).

After a reviewed change to the rules, rewrite it with CLAIMLINT_UPDATE_GOLDEN=1 and read the diff."""

import json
import os

from claimlint.lint import lint_paths
from tests.conftest import ROOT, resolver

EXPECTED = ROOT / "samples" / "expected.json"
CLEAN = (
    "samples/site/about.html",
    "samples/content/blog/2024-04-02-microneedling-aftercare.md",
    "samples/drafts/clean-note.txt",
)


def current():
    report = lint_paths(["samples"], resolver())
    assert not any(r.problems for r in report.results)
    found: dict[str, list[list[object]]] = {r.path: [] for r in report.results}
    for result in report.results:
        for f in result.findings:
            found[result.path].append([f.start.line, f.start.column, f.rule_id, f.category, f.normalised])
    return found


def _one_finding_per_line(found):
    files = []
    for path, findings in found.items():
        rows = ",\n".join(f"    {json.dumps(f, ensure_ascii=False)}" for f in findings)
        files.append(f"  {json.dumps(path)}: [\n{rows}\n  ]" if rows else f"  {json.dumps(path)}: []")
    return "{\n" + ",\n".join(files) + "\n}\n"


def test_samples_match_the_recorded_findings(monkeypatch):
    monkeypatch.chdir(ROOT)
    found = current()
    if os.environ.get("CLAIMLINT_UPDATE_GOLDEN"):
        EXPECTED.write_text(_one_finding_per_line(found), encoding="utf-8")
    assert found == json.loads(EXPECTED.read_text(encoding="utf-8"))


def test_clean_samples_have_no_findings(monkeypatch):
    monkeypatch.chdir(ROOT)
    found = current()
    for path in CLEAN:
        assert found[path] == [], path
    assert sum(1 for findings in found.values() if findings) >= 6

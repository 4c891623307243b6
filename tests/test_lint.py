from claimlint import cache
from claimlint.config import Settings
from claimlint.engine import scan
from claimlint.lint import load_rules, prepare
from claimlint.readers import build_document
from tests.conftest import ROOT


def rules_for(**settings):
    return {rule.id: rule for rule in load_rules(Settings(base_dir=ROOT, **settings))}


def test_all_jurisdictions_are_on_by_default():
    everything = rules_for()
    assert any("uk" in r.jurisdictions and "us" not in r.jurisdictions for r in everything.values())


def test_prescription_medicine_rules_do_not_apply_in_the_us():
    us = rules_for(jurisdictions=("us",))
    assert not [r for r in us.values() if r.category == "prescription_only_medicine_promotion"]
    uk = rules_for(jurisdictions=("uk",))
    assert [r for r in uk.values() if r.category == "prescription_only_medicine_promotion"]


def test_profiles_raise_severities_and_the_strictest_wins():
    au = rules_for(jurisdictions=("au",))
    us = rules_for(jurisdictions=("us",))
    testimonial_au = [r for r in au.values() if r.category == "testimonial"]
    testimonial_us = [r for r in us.values() if r.category == "testimonial"]
    assert {r.severity for r in testimonial_au} == {"error"}
    assert {r.severity for r in testimonial_us} == {"warning"}
    both = rules_for(jurisdictions=("us", "au"))
    assert {both[r.id].severity for r in testimonial_us} == {"error"}


def test_configured_severity_overrides_come_last():
    rules = rules_for(severity=(("testimonial", "note"),))
    assert {r.severity for r in rules.values() if r.category == "testimonial"} == {"note"}


USER_RULESET = """\
ruleset: user-rules
rules:
  - id: cures-acne
    category: medicinal_claim
    kind: phrase
    phrases: [cures acne]
    message: Cure claim.
    rationale: Because.
    references: [x]
    rewrite: y
    examples: {flag: ["It [[cures acne]]."], pass: ["Calm skin."]}
"""


def test_prepared_rules_are_reused_until_a_ruleset_changes(tmp_path, monkeypatch):
    monkeypatch.setenv("CLAIMLINT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(cache, "_enabled", True)
    ruleset = tmp_path / "rules.yaml"
    ruleset.write_text(USER_RULESET)
    settings = Settings(base_dir=tmp_path, rulesets=(str(ruleset),))
    first = prepare(settings)
    stored = sorted(p.name for p in (tmp_path / "cache").iterdir() if p.name.startswith("prepared-"))
    assert len(stored) == 1
    again = prepare(settings)
    assert again is not first  # read back from the disk cache
    assert (again.rules, again.digest, again.engine.units) == (first.rules, first.digest, first.engine.units)
    assert [r.id for r in again.rules] == ["cures-acne"]
    assert again.rules[0].triggers == () and again.rules[0].flag_examples == ()  # kept lean
    ruleset.write_text(USER_RULESET.replace("[cures acne]", "[clears acne]"))
    changed = prepare(settings)
    assert changed.digest != first.digest
    document = build_document(b"It clears acne.", "page.txt", "text")
    assert [f.normalised for f in scan(changed.engine, document)[0]] == ["clears acne"]


def test_the_engine_is_read_only_when_a_file_must_be_linted(tmp_path, monkeypatch):
    from claimlint.lint import lint_paths
    from tests.conftest import starter_resolver

    monkeypatch.setenv("CLAIMLINT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(cache, "_enabled", True)
    page = tmp_path / "page.txt"
    page.write_text("Our facial cures acne.\n")
    read: list[str] = []
    load = cache.load
    monkeypatch.setattr(cache, "load", lambda key: read.append(key.split("-")[0]) or load(key))

    def run():
        read.clear()
        results = cache.ResultCache(str(tmp_path))
        report = lint_paths([str(page)], starter_resolver(), cache=results)
        results.save()
        results.close()
        return [f.rule_id for r in report.results for f in r.findings]

    first = run()
    assert first and "engine" not in read  # compiled in this run: nothing to read
    assert run() == first and "engine" not in read  # replayed: the engine is not needed
    page.write_text("Our facial cures acne. Book now.\n")
    assert run() == first and "engine" in read  # changed: read from the cache, not compiled again
    (engine_entry,) = (tmp_path / "cache").glob("engine-*")
    engine_entry.unlink()  # gone (pruned, say): compiled again
    page.write_text("Our facial cures acne. Call us.\n")
    assert run() == first

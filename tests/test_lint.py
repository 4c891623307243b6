from claimlint.config import Settings
from claimlint.lint import load_rules
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

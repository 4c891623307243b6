import importlib.util
import re

from tests.conftest import ROOT


def test_rules_doc_is_current():
    spec = importlib.util.spec_from_file_location("gen_rules_doc", ROOT / "scripts" / "gen_rules_doc.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert (ROOT / "docs" / "rules.md").read_text(encoding="utf-8") == module.render(), (
        "run python scripts/gen_rules_doc.py"
    )


def test_readme_never_installs_the_unrelated_pypi_project():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert not re.search(r"pip install +claimlint([^-]|$)", readme, re.M)
    assert "claimlint-health" in readme

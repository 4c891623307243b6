"""The pre-commit hook manifest, and the hook run by pre-commit itself from a scratch repository."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

PRE_COMMIT = [sys.executable, "-m", "pre_commit"]


def test_manifest_is_valid():
    completed = subprocess.run(
        [*PRE_COMMIT, "validate-manifest", str(ROOT / ".pre-commit-hooks.yaml")], capture_output=True
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr


@pytest.mark.network
def test_try_repo_fails_on_a_claim_and_passes_clean_copy(tmp_path):
    if not (ROOT / ".git").exists():
        pytest.skip("pre-commit try-repo needs the project as a git repository (this is not a checkout)")
    hook_repo = tmp_path / "hook"
    subprocess.run(["git", "clone", "-q", str(ROOT), str(hook_repo)], check=True)
    site = tmp_path / "site"
    site.mkdir()
    subprocess.run(["git", "init", "-q"], cwd=site, check=True)
    (site / "claim.html").write_text("<p>Our facial has no side effects.</p>\n")
    (site / "clean.md").write_text("# Opening hours\n\nWe open at nine.\n")
    subprocess.run(["git", "add", "."], cwd=site, check=True)
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home")}

    def try_repo(*files: str) -> subprocess.CompletedProcess[str]:
        command = [*PRE_COMMIT, "try-repo", str(hook_repo), "claimlint", "--files", *files]
        return subprocess.run(command, cwd=site, env=env, capture_output=True, text=True, timeout=600)

    with_claim = try_repo("claim.html", "clean.md")
    assert with_claim.returncode == 1, with_claim.stdout + with_claim.stderr
    assert "claim.html:1:" in with_claim.stdout and "no-side-effects" in with_claim.stdout
    clean = try_repo("clean.md")
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert Path(site / "claim.html").read_text() == "<p>Our facial has no side effects.</p>\n"

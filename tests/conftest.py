"""Shared helpers: lint a string with the built-in rules, and find the shared sources."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pytest

from claimlint.config import ConfigResolver, Settings
from claimlint.engine import Engine, compile_rules, scan
from claimlint.findings import Finding
from claimlint.lint import load_rules
from claimlint.readers import build_document

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


STARTER_RULES = ROOT / "tests" / "fixtures" / "starter-rules.yaml"


@lru_cache(maxsize=1)
def builtin_engine() -> Engine:
    """The built-in rules, as shipped."""
    return compile_rules(load_rules(Settings(base_dir=ROOT)))


@lru_cache(maxsize=1)
def starter_engine() -> Engine:
    """The frozen starter rules: reader and engine tests use them, so they do not change when the
    built-in rules are tuned."""
    return compile_rules(load_rules(Settings(base_dir=ROOT, rulesets=(str(STARTER_RULES),))))


def starter_resolver(**command_line: object) -> ConfigResolver:
    return resolver(rulesets=(str(STARTER_RULES),), **command_line)


def resolver(**command_line: object) -> ConfigResolver:
    """Settings as the CLI builds them, from the project root, with these command-line values."""
    return ConfigResolver(ROOT, ROOT / "tests" / "fixtures" / "empty-config.yaml", dict(command_line))


def lint(text: str, reader: str = "text", engine: Engine | None = None) -> list[Finding]:
    document = build_document(text.encode("utf-8"), "example", reader)
    findings, problems = scan(engine or starter_engine(), document)
    assert not problems
    return findings


def shared_path(*parts: str) -> Path:
    """A file under ../shared, or a skip saying why the check cannot run without it."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent: the shared sources sit beside the project only in a full checkout")
    return path

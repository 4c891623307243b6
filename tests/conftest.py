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


@lru_cache(maxsize=1)
def builtin_engine() -> Engine:
    return compile_rules(load_rules(Settings(base_dir=ROOT)))


def resolver(**command_line: object) -> ConfigResolver:
    """Settings as the CLI builds them, from the project root, with these command-line values."""
    return ConfigResolver(ROOT, ROOT / "tests" / "fixtures" / "empty-config.yaml", dict(command_line))


def lint(text: str, reader: str = "text", engine: Engine | None = None) -> list[Finding]:
    document = build_document(text.encode("utf-8"), "example", reader)
    findings, problems = scan(engine or builtin_engine(), document)
    assert not problems
    return findings


def shared_path(*parts: str) -> Path:
    """A file under ../shared, or a skip saying why the check cannot run without it."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent: the shared sources sit beside the project only in a full checkout")
    return path

"""Configuration: `.claimlint.yaml` or `[tool.claimlint]` in `pyproject.toml`, found by walking up
from the working directory, then command-line options on top."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from claimlint.rulesets import JURISDICTIONS
from claimlint.taxonomy import SEVERITIES
from claimlint.yamlsource import ConfigError, check_keys, line_of, load_yaml_file

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

CONFIG_FILE = ".claimlint.yaml"
KEYS = frozenset({"rulesets", "select", "ignore", "exclude", "severity", "fail_on", "jurisdictions"})
DEFAULT_EXCLUDES = (
    ".git",
    ".hg",
    ".svn",
    "node_modules",
    ".venv",
    "venv",
    "__pycache__",
    ".tox",
    ".mypy_cache",
    ".ruff_cache",
    ".pytest_cache",
    ".cache",
    "bower_components",
    ".claimlint_cache",
)


@dataclass(frozen=True)
class Settings:
    rulesets: tuple[str, ...] = ()  # empty: every built-in ruleset
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    severity: tuple[tuple[str, str], ...] = ()  # rule or category id -> severity
    fail_on: str = "warning"
    jurisdictions: tuple[str, ...] = ()  # empty: all of them
    config_path: str | None = None
    base_dir: Path = field(default_factory=Path.cwd)


def find_config(start: Path) -> Path | None:
    """The nearest `.claimlint.yaml`, or `pyproject.toml` with a [tool.claimlint] table."""
    for folder in (start, *start.parents):
        candidate = folder / CONFIG_FILE
        if candidate.is_file():
            return candidate
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and "tool" in (table := _read_toml(pyproject)) and "claimlint" in table["tool"]:
            return pyproject
    return None


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            table: dict[str, Any] = tomllib.load(handle)
            return table
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise ConfigError(path, None, f"cannot read TOML: {error}") from None


def _string_list(raw: dict[str, Any], key: str, path: Path) -> tuple[str, ...]:
    value = raw.get(key, [])
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(path, line_of(raw, key), f"'{key}' must be a list of strings")
    return tuple(value)


def _jurisdictions(raw: dict[str, Any], path: Path) -> tuple[str, ...]:
    values = _string_list(raw, "jurisdictions", path)
    unknown = [v for v in values if v.lower() not in JURISDICTIONS]
    if unknown:
        raise ConfigError(
            path,
            line_of(raw, "jurisdictions"),
            f"unknown jurisdiction '{unknown[0]}' (known: {', '.join(JURISDICTIONS)})",
        )
    return tuple(v.lower() for v in values)


def load_config(path: Path) -> Settings:
    if path.name == "pyproject.toml":
        raw = _read_toml(path).get("tool", {}).get("claimlint", {})
        where = "[tool.claimlint]"
    else:
        raw = load_yaml_file(path) or {}
        where = "the configuration"
    check_keys(raw, KEYS, path, where)
    severity = raw.get("severity", {})
    if not isinstance(severity, dict) or any(v not in SEVERITIES for v in severity.values()):
        raise ConfigError(
            path, line_of(raw, "severity"), f"'severity' maps rule or category ids to one of {', '.join(SEVERITIES)}"
        )
    fail_on = raw.get("fail_on", "warning")
    if fail_on not in SEVERITIES:
        raise ConfigError(path, line_of(raw, "fail_on"), f"'fail_on' must be one of {', '.join(SEVERITIES)}")
    return Settings(
        rulesets=_string_list(raw, "rulesets", path),
        select=_string_list(raw, "select", path),
        ignore=_string_list(raw, "ignore", path),
        exclude=_string_list(raw, "exclude", path),
        severity=tuple(sorted(severity.items())),
        fail_on=fail_on,
        jurisdictions=_jurisdictions(raw, path),
        config_path=str(path),
        base_dir=path.parent.resolve(),
    )


def resolve_settings(config: str | None, cwd: Path, **overrides: Any) -> Settings:
    """Settings from the given or nearest config file, with command-line values on top."""
    if config is not None:
        path = Path(config)
        if not path.is_file():
            raise ConfigError(path, None, "configuration file not found")
        settings = load_config(path)
    else:
        found = find_config(cwd.resolve())
        settings = load_config(found) if found else Settings(base_dir=cwd.resolve())
    given = {k: v for k, v in overrides.items() if v not in (None, ())}
    if "severity" in given:
        given["severity"] = tuple(sorted({**dict(settings.severity), **dict(given["severity"])}.items()))
    if "exclude" in given:
        given["exclude"] = settings.exclude + tuple(given["exclude"])
    return replace(settings, **given)

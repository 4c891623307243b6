"""Configuration: `.claimlint.yaml` or `[tool.claimlint]` in `pyproject.toml`.

Each file gets the settings of the nearest configuration above it (or the one named with `--config`),
which may `extends` another; paths in a configuration are relative to its own folder; `overrides`
change rules for some paths; command-line options come last.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field, replace
from fnmatch import fnmatchcase
from pathlib import Path
from typing import Any

from claimlint.readers import DEFAULT_SKIPPED_KEYS
from claimlint.rulesets import JURISDICTIONS, builtin_names
from claimlint.taxonomy import SEVERITIES
from claimlint.yamlsource import ConfigError, check_keys, line_of, load_yaml_file

CONFIG_FILE = ".claimlint.yaml"
KEYS = frozenset(
    {
        "extends",
        "rulesets",
        "select",
        "ignore",
        "exclude",
        "include",
        "severity",
        "fail_on",
        "jurisdictions",
        "content_keys",
        "respect_gitignore",
        "approved_claims",
        "overrides",
        "max_bytes",
    }
)
OVERRIDE_KEYS = frozenset({"paths", "select", "ignore", "severity", "jurisdictions"})
CONTENT_KEY_KEYS = frozenset({"skip", "include"})
DEFAULT_MAX_BYTES = 20 * 1024 * 1024
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
class Override:
    """Rule settings for the files matching `paths` (globs relative to `base_dir`)."""

    paths: tuple[str, ...]
    base_dir: Path
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] | None = None
    severity: tuple[tuple[str, str], ...] = ()
    jurisdictions: tuple[str, ...] | None = None

    def matches(self, path: Path) -> bool:
        try:
            relative = path.resolve().relative_to(self.base_dir).as_posix()
        except ValueError:
            return False
        return any(fnmatchcase(relative, glob) or fnmatchcase(relative, f"{glob.rstrip('/')}/*") for glob in self.paths)


@dataclass(frozen=True)
class Settings:
    """What decides how files are linted: the command line over configuration over defaults."""

    rulesets: tuple[str, ...] = ()  # built-in names or absolute paths; empty: every built-in ruleset
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()  # globs; matched against paths relative to base_dir and their parts
    include: tuple[str, ...] = ()  # globs of extra files (JSON, YAML content) to lint in folders
    severity: tuple[tuple[str, str], ...] = ()  # rule or category id -> severity
    fail_on: str = "warning"
    jurisdictions: tuple[str, ...] = ()  # empty: all of them
    content_skip: frozenset[str] = DEFAULT_SKIPPED_KEYS
    content_include: frozenset[str] = frozenset()
    respect_gitignore: bool = True
    approved_claims: str | None = None  # absolute path
    max_bytes: int = DEFAULT_MAX_BYTES  # larger files are skipped with a notice
    overrides: tuple[Override, ...] = ()
    config_path: str | None = None
    sources: tuple[str, ...] = ()  # the configuration files that made these settings, base first
    base_dir: Path = field(default_factory=Path.cwd)

    def rule_key(self) -> tuple[object, ...]:
        """What decides the active rules: files with equal keys share one compiled engine."""
        return (self.rulesets, self.select, self.ignore, self.severity, self.jurisdictions)


def find_config(start: Path) -> Path | None:
    """The nearest `.claimlint.yaml`, or `pyproject.toml` with a [tool.claimlint] table."""
    for folder in (start, *start.parents):
        candidate = folder / CONFIG_FILE
        if candidate.is_file():
            return candidate
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and "claimlint" in _read_toml(pyproject).get("tool", {}):
            return pyproject
    return None


def _read_toml(path: Path) -> dict[str, Any]:
    # Imported here: most projects have no pyproject.toml, and the parser slows every start.
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - exercised on Python 3.10 only
        import tomli as tomllib
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


def _severity(raw: dict[str, Any], path: Path) -> tuple[tuple[str, str], ...]:
    severity = raw.get("severity", {})
    if not isinstance(severity, dict) or any(v not in SEVERITIES for v in severity.values()):
        raise ConfigError(
            path, line_of(raw, "severity"), f"'severity' maps rule or category ids to one of {', '.join(SEVERITIES)}"
        )
    return tuple(sorted(severity.items()))


def _ruleset_reference(name: str, base: Path) -> str:
    return name if name in builtin_names() else str((base / name).resolve())


def _overrides(raw: dict[str, Any], path: Path) -> tuple[Override, ...]:
    items = raw.get("overrides", [])
    if not isinstance(items, list):
        raise ConfigError(path, line_of(raw, "overrides"), "'overrides' must be a list of mappings with 'paths'")
    found = []
    for item in items:
        check_keys(item, OVERRIDE_KEYS, path, "an override")
        if "paths" not in item:
            raise ConfigError(path, line_of(item, "paths"), "an override needs 'paths' (globs)")
        found.append(
            Override(
                paths=_string_list(item, "paths", path),
                base_dir=path.parent.resolve(),
                select=_string_list(item, "select", path) if "select" in item else None,
                ignore=_string_list(item, "ignore", path) if "ignore" in item else None,
                severity=_severity(item, path),
                jurisdictions=_jurisdictions(item, path) if "jurisdictions" in item else None,
            )
        )
    return tuple(found)


def _check_conflicts(raw: dict[str, Any], path: Path) -> None:
    """Keys of one configuration (or override) that contradict each other are errors at the later key."""
    pairs = [(raw, "select", "ignore"), (raw, "include", "exclude")]
    pairs += [(item, "select", "ignore") for item in raw.get("overrides", []) if isinstance(item, dict)]
    if isinstance(raw.get("content_keys"), dict):
        pairs.append((raw["content_keys"], "include", "skip"))
    for mapping, first, second in pairs:
        both = sorted(set(_string_list(mapping, first, path)) & set(_string_list(mapping, second, path)))
        if both:
            raise ConfigError(
                path, line_of(mapping, second), f"'{second}' names '{both[0]}', which '{first}' names too: use one"
            )


def _raw_config(path: Path) -> tuple[dict[str, Any], str]:
    if path.name == "pyproject.toml":
        return _read_toml(path).get("tool", {}).get("claimlint", {}), "[tool.claimlint]"
    return load_yaml_file(path) or {}, "the configuration"


def load_config(path: Path, _chain: tuple[Path, ...] = ()) -> Settings:
    """Settings from one configuration file, on top of the one it `extends`."""
    path = path.resolve()
    if path in _chain:
        raise ConfigError(path, None, "'extends' goes round in a circle")
    raw, where = _raw_config(path)
    check_keys(raw, KEYS, path, where)
    base = path.parent
    parent = Settings(base_dir=base)
    if "extends" in raw:
        target = raw["extends"]
        if not isinstance(target, str) or not (base / target).is_file():
            raise ConfigError(
                path, line_of(raw, "extends"), f"'extends' must name a configuration file, got {target!r}"
            )
        parent = load_config(base / target, (*_chain, path))
    given: dict[str, Any] = {}
    if "rulesets" in raw:
        given["rulesets"] = tuple(_ruleset_reference(n, base) for n in _string_list(raw, "rulesets", path))
    for key in ("select", "ignore", "include"):
        if key in raw:
            given[key] = _string_list(raw, key, path)
    if "exclude" in raw:
        given["exclude"] = parent.exclude + _string_list(raw, "exclude", path)
    if "severity" in raw:
        given["severity"] = tuple(sorted({**dict(parent.severity), **dict(_severity(raw, path))}.items()))
    if "fail_on" in raw:
        if raw["fail_on"] not in SEVERITIES:
            raise ConfigError(path, line_of(raw, "fail_on"), f"'fail_on' must be one of {', '.join(SEVERITIES)}")
        given["fail_on"] = raw["fail_on"]
    if "jurisdictions" in raw:
        given["jurisdictions"] = _jurisdictions(raw, path)
    if "content_keys" in raw:
        keys = raw["content_keys"]
        check_keys(keys, CONTENT_KEY_KEYS, path, "content_keys")
        given["content_skip"] = parent.content_skip | frozenset(_string_list(keys, "skip", path))
        given["content_include"] = frozenset(_string_list(keys, "include", path))
    if "respect_gitignore" in raw:
        if not isinstance(raw["respect_gitignore"], bool):
            raise ConfigError(path, line_of(raw, "respect_gitignore"), "'respect_gitignore' must be true or false")
        given["respect_gitignore"] = raw["respect_gitignore"]
    if "approved_claims" in raw:
        approved = raw["approved_claims"]
        if not isinstance(approved, str):
            raise ConfigError(path, line_of(raw, "approved_claims"), "'approved_claims' must be a file path")
        given["approved_claims"] = str((base / approved).resolve())
    if "max_bytes" in raw:
        limit = raw["max_bytes"]
        if not isinstance(limit, int) or isinstance(limit, bool) or limit < 1:
            raise ConfigError(path, line_of(raw, "max_bytes"), "'max_bytes' must be a positive whole number of bytes")
        given["max_bytes"] = limit
    given["overrides"] = parent.overrides + _overrides(raw, path)
    _check_conflicts(raw, path)
    return replace(parent, **given, config_path=str(path), sources=(*parent.sources, str(path)), base_dir=base)


def with_command_line(settings: Settings, **options: Any) -> Settings:
    """Command-line options on top of file settings (empty values leave the settings alone)."""
    given = {k: v for k, v in options.items() if v not in (None, ())}
    if "severity" in given:
        given["severity"] = tuple(sorted({**dict(settings.severity), **dict(given["severity"])}.items()))
    if "exclude" in given:
        given["exclude"] = settings.exclude + tuple(given["exclude"])
    return replace(settings, **given)


@dataclass
class ConfigResolver:
    """Settings per file: the nearest configuration to the file (or the explicit one), cached per folder."""

    cwd: Path
    explicit: Path | None = None
    command_line: dict[str, Any] = field(default_factory=dict)
    _by_config: dict[str | None, Settings] = field(default_factory=dict)
    _by_folder: dict[Path, str | None] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.explicit is not None and not self.explicit.is_file():
            raise ConfigError(self.explicit, None, "configuration file not found")

    def _settings(self, config: Path | None) -> Settings:
        key = str(config) if config else None
        if key not in self._by_config:
            self._by_config[key] = load_config(config) if config else Settings(base_dir=self.cwd.resolve())
        return self._by_config[key]

    def top(self) -> Settings:
        """The settings of the working directory: the failing level and defaults come from here."""
        return with_command_line(self._settings(self.explicit or find_config(self.cwd.resolve())), **self.command_line)

    def for_folder(self, folder: Path) -> Settings:
        """The file settings of a folder, before path overrides and the command line."""
        if self.explicit is not None:
            return self._settings(self.explicit)
        folder = folder.resolve()
        if folder not in self._by_folder:
            found = find_config(folder)
            self._by_folder[folder] = str(found) if found else None
        config = self._by_folder[folder]
        return self._settings(Path(config)) if config else self._settings(find_config(self.cwd.resolve()))

    def for_file(self, path: Path) -> Settings:
        """The settings in force for one file: its configuration, path overrides, then the command line."""
        settings = self.for_folder(path.parent)
        for override in settings.overrides:
            if override.matches(path):
                settings = replace(
                    settings,
                    select=override.select if override.select is not None else settings.select,
                    ignore=settings.ignore + (override.ignore or ()),
                    severity=tuple(sorted({**dict(settings.severity), **dict(override.severity)}.items())),
                    jurisdictions=override.jurisdictions
                    if override.jurisdictions is not None
                    else settings.jurisdictions,
                )
        return with_command_line(settings, **self.command_line)

"""The pipeline: settings -> rules -> engine -> files -> findings. No printing here."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from claimlint.config import DEFAULT_EXCLUDES, Settings
from claimlint.discovery import Missing, Target, discover
from claimlint.documents import DocumentError
from claimlint.engine import Engine, compile_rules, scan
from claimlint.findings import FileProblem, FileResult
from claimlint.readers import build_document
from claimlint.rulesets import JURISDICTIONS, Rule, builtin_names, load_profiles, load_rulesets, resolve_ruleset_path
from claimlint.taxonomy import CATEGORIES, severity_rank
from claimlint.yamlsource import ConfigError


@dataclass(frozen=True)
class Report:
    rules: tuple[Rule, ...]  # the rules that were active, in a stable order
    results: tuple[FileResult, ...]
    missing: tuple[str, ...]  # paths given on the command line that do not exist


def load_rules(settings: Settings) -> list[Rule]:
    """Active rules: the configured rulesets, filtered by select/ignore, severities overridden."""
    names = settings.rulesets or tuple(builtin_names())
    paths = [resolve_ruleset_path(name, settings.base_dir) for name in names]
    rules = [rule for ruleset in load_rulesets(paths) for rule in ruleset.rules]
    known = {r.id for r in rules} | set(CATEGORIES)
    for option in ("select", "ignore"):
        for code in getattr(settings, option):
            if code not in known:
                raise ConfigError(settings.config_path, None, f"{option}: unknown rule or category '{code}'")
    for code, _ in settings.severity:
        if code not in known:
            raise ConfigError(settings.config_path, None, f"severity: unknown rule or category '{code}'")
    if settings.select:
        rules = [r for r in rules if r.id in settings.select or r.category in settings.select]
    rules = [r for r in rules if r.id not in settings.ignore and r.category not in settings.ignore]
    rules = apply_jurisdictions(rules, settings.jurisdictions or JURISDICTIONS)
    overrides = dict(settings.severity)
    return [replace(r, severity=overrides.get(r.id, overrides.get(r.category, r.severity))) for r in rules]


def apply_jurisdictions(rules: list[Rule], active: tuple[str, ...]) -> list[Rule]:
    """Rules that apply in at least one active jurisdiction, at the strictest severity those set."""
    profiles = load_profiles()
    kept = []
    for rule in rules:
        applying = [
            profiles[j]
            for j in active
            if j in rule.jurisdictions and j in profiles and not {rule.id, rule.category} & set(profiles[j].disable)
        ]
        if not applying:
            continue
        severities = [rule.severity]
        for profile in applying:
            levels = dict(profile.severity)
            severities.append(levels.get(rule.id, levels.get(rule.category, rule.severity)))
        kept.append(replace(rule, severity=max(severities, key=severity_rank)))
    return kept


def lint_bytes(engine: Engine, data: bytes, path: str, reader: str) -> FileResult:
    try:
        document = build_document(data, path, reader)
    except DocumentError as error:
        return FileResult(path, (), (FileProblem(path, str(error)),))
    findings, problems = scan(engine, document)
    return FileResult(path, tuple(findings), tuple(problems))


def lint_target(engine: Engine, target: Target) -> FileResult:
    try:
        data = target.path.read_bytes()
    except OSError as error:
        return FileResult(target.display, (), (FileProblem(target.display, f"cannot read: {error.strerror or error}"),))
    return lint_bytes(engine, data, target.display, target.reader)


def lint_paths(paths: list[str], settings: Settings, cwd: Path, forced_reader: str | None = None) -> Report:
    rules = load_rules(settings)
    engine = compile_rules(rules)
    targets = discover(paths, cwd, DEFAULT_EXCLUDES + settings.exclude, forced_reader)
    results = tuple(lint_target(engine, t) for t in targets if isinstance(t, Target))
    missing = tuple(t.display for t in targets if isinstance(t, Missing))
    return Report(tuple(rules), results, missing)


def lint_stdin(data: bytes, display: str, reader: str, settings: Settings) -> Report:
    rules = load_rules(settings)
    return Report(tuple(rules), (lint_bytes(compile_rules(rules), data, display, reader),), ())

"""The pipeline: settings -> rules -> engine -> files -> findings -> suppressions. No printing here."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from claimlint.approved import ApprovedClaim, apply_approved, load_approved
from claimlint.config import ConfigResolver, Settings
from claimlint.discovery import Missing, Target, discover
from claimlint.documents import DocumentError
from claimlint.engine import Engine, compile_rules, scan
from claimlint.findings import FileProblem, FileResult
from claimlint.read_data import ContentKeys
from claimlint.readers import ReaderOptions, build_document
from claimlint.rulesets import JURISDICTIONS, Rule, builtin_names, load_profiles, load_rulesets, resolve_ruleset_path
from claimlint.suppressions import apply_directives, parse_directives
from claimlint.taxonomy import CATEGORIES, severity_rank
from claimlint.yamlsource import ConfigError


@dataclass(frozen=True)
class Report:
    rules: tuple[Rule, ...]  # the rules that were active, in a stable order
    results: tuple[FileResult, ...]
    missing: tuple[str, ...]  # paths given on the command line that do not exist
    fail_on: str = "warning"


def configured_rules(settings: Settings) -> list[Rule]:
    """Every rule of the configured rulesets, before any filtering."""
    names = settings.rulesets or tuple(builtin_names())
    paths = [resolve_ruleset_path(name, settings.base_dir) for name in names]
    return [rule for ruleset in load_rulesets(paths) for rule in ruleset.rules]


def load_rules(settings: Settings) -> list[Rule]:
    """Active rules: the configured rulesets, filtered by select/ignore and jurisdiction, severities set."""
    rules = configured_rules(settings)
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


@dataclass(frozen=True)
class FileContext:
    """Everything one file is linted with; files with the same settings share it."""

    engine: Engine
    options: ReaderOptions
    known_codes: frozenset[str]
    approved: tuple[ApprovedClaim, ...] = ()
    max_bytes: int | None = None


def lint_bytes(context: FileContext, data: bytes, path: str, reader: str) -> FileResult:
    try:
        document = build_document(data, path, reader, context.options)
    except DocumentError as error:
        return FileResult(path, (), (FileProblem(path, str(error)),))
    findings, problems = scan(context.engine, document)
    problems[:0] = [FileProblem(path, message, severity=severity) for severity, message in document.notices]
    findings, approved = apply_approved(document, findings, context.approved)
    directives = parse_directives(document.source, reader)
    findings, suppressed, stale = apply_directives(path, findings, directives, context.known_codes)
    return FileResult(
        path,
        tuple(findings),
        tuple(problems + stale),
        tuple(sorted(approved + suppressed, key=lambda s: s.finding.sort_key())),
    )


def lint_target(context: FileContext, target: Target) -> FileResult:
    try:
        size = target.path.stat().st_size
        if context.max_bytes is not None and size > context.max_bytes:
            message = f"skipped: {size:,} bytes is over the {context.max_bytes:,}-byte limit (max_bytes, --max-bytes)"
            return FileResult(target.display, (), (FileProblem(target.display, message, severity="note"),))
        data = target.path.read_bytes()
    except OSError as error:
        message = f"cannot read: {error.strerror or error}"
        return FileResult(target.display, (), (FileProblem(target.display, message),))
    return lint_bytes(context, data, target.display, target.reader)


@dataclass
class Contexts:
    """File contexts built on demand, one per distinct rule settings, approved file and content keys."""

    _engines: dict[tuple[object, ...], tuple[list[Rule], Engine]] = field(default_factory=dict)
    _approved: dict[str, tuple[ApprovedClaim, ...]] = field(default_factory=dict)
    all_codes: frozenset[str] = frozenset(CATEGORIES)

    def rules_and_engine(self, settings: Settings) -> tuple[list[Rule], Engine]:
        key = settings.rule_key()
        if key not in self._engines:
            rules = load_rules(settings)
            self._engines[key] = (rules, compile_rules(rules))
            self.all_codes = self.all_codes | {r.id for r in configured_rules(settings)}
        return self._engines[key]

    def context(self, settings: Settings) -> FileContext:
        _, engine = self.rules_and_engine(settings)
        approved: tuple[ApprovedClaim, ...] = ()
        if settings.approved_claims:
            if settings.approved_claims not in self._approved:
                self._approved[settings.approved_claims] = load_approved(Path(settings.approved_claims))
            approved = self._approved[settings.approved_claims]
        keys = ContentKeys(settings.content_skip, settings.content_include)
        return FileContext(engine, ReaderOptions(keys), self.all_codes, approved, settings.max_bytes)

    def active_rules(self) -> tuple[Rule, ...]:
        """Every rule active for some file, once, in the order of the rulesets."""
        by_id: dict[str, Rule] = {}
        for rules, _ in self._engines.values():
            for rule in rules:
                by_id.setdefault(rule.id, rule)
        return tuple(sorted(by_id.values(), key=lambda r: (r.path, r.line)))


def lint_paths(paths: list[str], resolver: ConfigResolver, forced_reader: str | None = None) -> Report:
    contexts = Contexts()
    top = resolver.top()
    contexts.rules_and_engine(top)
    targets = discover(paths, resolver.cwd, resolver, forced_reader)
    results = tuple(
        lint_target(contexts.context(resolver.for_file(t.path)), t) for t in targets if isinstance(t, Target)
    )
    missing = tuple(t.display for t in targets if isinstance(t, Missing))
    return Report(contexts.active_rules(), results, missing, top.fail_on)


def lint_stdin(data: bytes, display: str, reader: str, resolver: ConfigResolver) -> Report:
    contexts = Contexts()
    settings = resolver.for_file(resolver.cwd / display)
    result = lint_bytes(contexts.context(settings), data, display, reader)
    return Report(contexts.active_rules(), (result,), (), resolver.top().fail_on)

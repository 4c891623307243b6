"""The pipeline: settings -> rules -> engine -> files -> findings -> suppressions. No printing here."""

from __future__ import annotations

import gc
import hashlib
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path

from claimlint import cache as disk_cache
from claimlint import compiled
from claimlint.approved import ApprovedClaim, apply_approved, load_approved
from claimlint.cache import ResultCache
from claimlint.config import ConfigResolver, Settings
from claimlint.discovery import Missing, Target, discover
from claimlint.documents import DocumentError
from claimlint.engine import Engine, WindowMemory, compile_rules, scan
from claimlint.findings import FileProblem, FileResult
from claimlint.readers import ContentKeys, ReaderOptions, build_document
from claimlint.rulesets import (
    JURISDICTIONS,
    JURISDICTIONS_FILE,
    LEXICON_FILE,
    Rule,
    builtin_dir,
    builtin_names,
    load_profiles,
    load_rulesets,
    resolve_ruleset_path,
)
from claimlint.suppressions import apply_directives, parse_directives
from claimlint.taxonomy import CATEGORIES, severity_rank
from claimlint.yamlsource import ConfigError


@dataclass(frozen=True)
class Report:
    """What a run found, for the formatters."""

    rules: tuple[Rule, ...]  # the rules that were active, in a stable order
    results: tuple[FileResult, ...]
    missing: tuple[str, ...]  # paths given on the command line that do not exist
    fail_on: str = "warning"


def ruleset_paths(settings: Settings) -> list[Path]:
    """The configured rulesets' files (all the built-in ones by default)."""
    names = settings.rulesets or tuple(builtin_names())
    return [resolve_ruleset_path(name, settings.base_dir) for name in names]


def configured_rules(settings: Settings) -> list[Rule]:
    """Every rule of the configured rulesets, before any filtering."""
    return [rule for ruleset in load_rulesets(ruleset_paths(settings)) for rule in ruleset.rules]


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

    prepared: Prepared
    options: ReaderOptions
    known_codes: frozenset[str]
    approved: tuple[ApprovedClaim, ...] = ()
    max_bytes: int | None = None
    fingerprint: str = ""  # everything that decides this context's results, for the result cache

    @property
    def engine(self) -> Engine:
        return self.prepared.engine


def lint_bytes(
    context: FileContext, data: bytes, path: str, reader: str, memory: WindowMemory | None = None
) -> FileResult:
    try:
        document = build_document(data, path, reader, context.options)
    except DocumentError as error:
        return FileResult(path, (), (FileProblem(path, str(error)),))
    findings, problems = scan(context.engine, document, memory)
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


def read_target(context: FileContext, target: Target) -> bytes | FileResult:
    """The file's bytes, or a result that says why it was not read."""
    try:
        size = target.path.stat().st_size
        if context.max_bytes is not None and size > context.max_bytes:
            message = f"skipped: {size:,} bytes is over the {context.max_bytes:,}-byte limit (max_bytes, --max-bytes)"
            return FileResult(target.display, (), (FileProblem(target.display, message, severity="note"),))
        return target.path.read_bytes()
    except OSError as error:
        message = f"cannot read: {error.strerror or error}"
        return FileResult(target.display, (), (FileProblem(target.display, message),))


@dataclass(frozen=True)
class Prepared:
    """Active rules compiled for one set of rule settings: what a run needs, kept on disk between runs
    (one load instead of parsing rulesets, applying profiles and building the prefilter). The engine
    is a separate, larger entry, loaded when a file is to be linted: a run whose files are all
    replayed from the result cache never reads it."""

    rules: tuple[Rule, ...]  # without their units and examples, which only compiling and testing need
    configured_ids: frozenset[str]  # every rule id in the configured rulesets, active or not
    digest: str  # what decides the rules' findings, for the result cache's key
    settings: Settings  # to compile the rules again should the engine's entry be gone
    engine_key: str | None = None

    @cached_property
    def engine(self) -> Engine:
        found = disk_cache.load(self.engine_key) if self.engine_key else None
        engine = found if isinstance(found, Engine) else _compile(self.settings)[1]
        # A large graph of long-lived objects: kept out of the collector's generations, it is not
        # walked again at every full collection while files are linted.
        gc.freeze()
        return engine


def prepare(settings: Settings) -> Prepared:
    """The active rules (and their engine, see Prepared), from the disk cache when the rulesets are
    unchanged."""
    try:
        parts = [repr(settings.rule_key()).encode()]
        for path in (*ruleset_paths(settings), builtin_dir() / LEXICON_FILE, builtin_dir() / JURISDICTIONS_FILE):
            parts += [str(path.resolve()).encode(), str(path).encode(), path.read_bytes() if path.is_file() else b""]
        key: str | None = disk_cache.key_for("prepared", *parts)
    except OSError:
        key = None  # an unreadable ruleset: loading it below reports the error
    found = disk_cache.load(key) if key else None
    if isinstance(found, Prepared):
        return found
    lean, engine, configured, digest = _compile(settings)
    engine_key = key.replace("prepared-", "engine-", 1) if key else None
    prepared = Prepared(lean, configured, digest, settings, engine_key)
    if key and engine_key:
        disk_cache.store(engine_key, engine)
        disk_cache.store(key, prepared)
    prepared.__dict__["engine"] = engine  # compiled already: where cached_property keeps its value
    return prepared


def _compile(settings: Settings) -> tuple[tuple[Rule, ...], Engine, frozenset[str], str]:
    """The active rules (lean), their engine, every configured rule id, and the rules' digest."""
    rules = load_rules(settings)
    engine = compile_rules(rules)
    lean = tuple(
        replace(r, triggers=(), companions=(), unless=(), lead_ins=(), flag_examples=(), pass_examples=())
        for r in rules
    )
    configured = frozenset(r.id for r in configured_rules(settings))
    engine = replace(engine, rules=tuple(replace(c, rule=rule) for c, rule in zip(engine.rules, lean, strict=True)))
    return lean, engine, configured, _rules_digest(rules)


@dataclass
class Contexts:
    """File contexts built on demand, one per distinct rule settings, approved file and content keys."""

    _prepared: dict[tuple[object, ...], Prepared] = field(default_factory=dict)
    _approved: dict[str, tuple[ApprovedClaim, ...]] = field(default_factory=dict)
    _contexts: dict[tuple[object, ...], FileContext] = field(default_factory=dict)
    all_codes: frozenset[str] = frozenset(CATEGORIES)

    def prepared(self, settings: Settings) -> Prepared:
        key = settings.rule_key()
        if key not in self._prepared:
            self._prepared[key] = prepare(settings)
            self.all_codes = self.all_codes | self._prepared[key].configured_ids
        return self._prepared[key]

    def context(self, settings: Settings) -> FileContext:
        """The context for files with these settings (built once per distinct settings)."""
        key = (
            settings.rule_key(),
            settings.approved_claims,
            settings.content_skip,
            settings.content_include,
            settings.max_bytes,
        )
        if key not in self._contexts:
            self._contexts[key] = self._build_context(settings)
        return self._contexts[key]

    def _build_context(self, settings: Settings) -> FileContext:
        prepared = self.prepared(settings)
        approved: tuple[ApprovedClaim, ...] = ()
        if settings.approved_claims:
            if settings.approved_claims not in self._approved:
                self._approved[settings.approved_claims] = load_approved(Path(settings.approved_claims))
            approved = self._approved[settings.approved_claims]
        keys = ContentKeys(settings.content_skip, settings.content_include)
        fingerprint = context_fingerprint(prepared.digest, approved, keys, settings.max_bytes, self.all_codes)
        return FileContext(prepared, ReaderOptions(keys), self.all_codes, approved, settings.max_bytes, fingerprint)

    def active_rules(self) -> tuple[Rule, ...]:
        """Every rule active for some file, once, in the order of the rulesets."""
        by_id: dict[str, Rule] = {}
        for prepared in self._prepared.values():
            for rule in prepared.rules:
                by_id.setdefault(rule.id, rule)
        return tuple(sorted(by_id.values(), key=lambda r: (r.path, r.line)))


def _rules_digest(rules: list[Rule]) -> str:
    described = [
        [
            r.id,
            r.category,
            r.severity,
            r.kind,
            r.message,
            r.rewrite,
            r.negation,
            r.hedge,
            r.questions,
            r.within,
            [u.regex for u in r.triggers],
            [[u.regex for u in e] for e in r.companions],
            [u.regex for u in r.unless],
            [u.regex for u in r.lead_ins],
        ]
        for r in rules
    ]
    return hashlib.sha256(repr(described).encode()).hexdigest()  # plain values: repr is canonical


def context_fingerprint(
    rules_digest: str,
    approved: tuple[ApprovedClaim, ...],
    keys: ContentKeys,
    max_bytes: int | None,
    known: frozenset[str],
) -> str:
    described = {
        "rules": rules_digest,
        "approved": [[a.text, a.reference, sorted(a.codes)] for a in approved],
        "keys": [sorted(keys.skip), sorted(keys.include)],
        "max_bytes": max_bytes,
        "known": sorted(known),
    }
    return hashlib.sha256(repr(described).encode()).hexdigest()


# The worker processes' state: contexts by fingerprint, built on first use in each process.
_WORKER: dict[str, object] = {}


def _worker_start(settings_by_fingerprint: dict[str, Settings]) -> None:
    _WORKER["settings"] = settings_by_fingerprint
    _WORKER["contexts"] = Contexts()
    _WORKER["built"] = {}


# One file's work: context fingerprint, content, path as shown, reader, and its packed findings by
# sentence from the last run (None: the result cache is off, so none are kept).
_Work = tuple[str, bytes, str, str, "bytes | None"]


def _lint_remembering(context: FileContext, work: _Work) -> tuple[FileResult, bytes]:
    """The file linted, and its findings by sentence packed for the result cache."""
    _, data, display, reader, earlier = work
    if earlier is None:
        return lint_bytes(context, data, display, reader), b""
    memory = WindowMemory(disk_cache.unpack_windows(earlier))
    return lint_bytes(context, data, display, reader, memory), disk_cache.pack_windows(memory.now)


def _lint_chunk(chunk: list[_Work]) -> list[tuple[FileResult, bytes]]:
    built: dict[str, FileContext] = _WORKER["built"]  # type: ignore[assignment]
    contexts: Contexts = _WORKER["contexts"]  # type: ignore[assignment]
    settings: dict[str, Settings] = _WORKER["settings"]  # type: ignore[assignment]
    results = []
    for work in chunk:
        fingerprint = work[0]
        if fingerprint not in built:
            built[fingerprint] = contexts.context(settings[fingerprint])
        results.append(_lint_remembering(built[fingerprint], work))
    compiled.STORE.save()
    return results


def _in_parallel(work: list[_Work], settings: dict[str, Settings], jobs: int) -> list[tuple[FileResult, bytes]]:
    """Lint in worker processes; results come back in the order of `work`."""
    # Imported here: a one-file run (a pre-commit hook's usual case) never starts workers.
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    size = max(1, min(32, len(work) // (jobs * 4) or 1))
    chunks = [work[i : i + size] for i in range(0, len(work), size)]
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    with ProcessPoolExecutor(
        jobs, mp_context=multiprocessing.get_context(method), initializer=_worker_start, initargs=(settings,)
    ) as pool:
        return [result for results in pool.map(_lint_chunk, chunks) for result in results]


PARALLEL_MIN_BYTES = 1_000_000  # below this, starting workers costs more than it saves


def lint_paths(
    paths: list[str],
    resolver: ConfigResolver,
    forced_reader: str | None = None,
    jobs: int = 1,
    cache: ResultCache | None = None,
) -> Report:
    """Lint files and folders. The report is the same, byte for byte, whatever `jobs` is."""
    contexts = Contexts()
    top = resolver.top()
    contexts.prepared(top)
    targets = discover(paths, resolver.cwd, resolver, forced_reader)
    files = [t for t in targets if isinstance(t, Target)]
    file_settings = [resolver.for_file(t.path) for t in files]
    file_contexts = [contexts.context(settings) for settings in file_settings]
    results: list[FileResult | None] = [None] * len(files)
    work: list[tuple[int, str, bytes, FileContext, Target]] = []  # the files not replayed from the cache
    for index, (target, context) in enumerate(zip(files, file_contexts, strict=True)):
        data = read_target(context, target)
        if isinstance(data, FileResult):
            results[index] = data
            continue
        digest = hashlib.sha256(data).hexdigest()
        cached = cache.get(target.display, digest, context.fingerprint) if cache else None
        if cached is not None:
            results[index] = cached
        else:
            work.append((index, digest, data, context, target))
    to_lint: list[_Work] = [
        (c.fingerprint, data, t.display, t.reader, cache.windows(t.display, c.fingerprint) if cache else None)
        for _, _, data, c, t in work
    ]
    if jobs > 1 and len(work) > 1 and sum(len(item[2]) for item in work) >= PARALLEL_MIN_BYTES:
        settings = {c.fingerprint: file_settings[index] for index, _, _, c, _ in work}
        linted = _in_parallel(to_lint, settings, jobs)
    else:
        linted = [_lint_remembering(c, item) for (_, _, _, c, _), item in zip(work, to_lint, strict=True)]
    for (index, digest, _, context, target), (result, windows) in zip(work, linted, strict=True):
        results[index] = result
        if cache:
            cache.put(target.display, digest, context.fingerprint, result, windows)
    compiled.STORE.save()
    missing = tuple(t.display for t in targets if isinstance(t, Missing))
    done = tuple(r for r in results if r is not None)
    return Report(contexts.active_rules(), done, missing, top.fail_on)


def lint_stdin(data: bytes, display: str, reader: str, resolver: ConfigResolver) -> Report:
    contexts = Contexts()
    settings = resolver.for_file(resolver.cwd / display)
    result = lint_bytes(contexts.context(settings), data, display, reader)
    compiled.STORE.save()
    return Report(contexts.active_rules(), (result,), (), resolver.top().fail_on)

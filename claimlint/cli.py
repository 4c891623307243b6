"""The command line. The only module that prints or exits."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import click

from claimlint import __version__, cache
from claimlint.config import ConfigResolver
from claimlint.formatters import FORMATTERS, OutputOptions
from claimlint.lint import Report, lint_paths, lint_stdin, load_rules
from claimlint.readers import reader_for
from claimlint.rulesets import JURISDICTIONS, Rule, builtin_names, load_rulesets, resolve_ruleset_path
from claimlint.taxonomy import CATEGORIES, SEVERITIES, severity_rank
from claimlint.yamlsource import ConfigError

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def _split(values: tuple[str, ...]) -> tuple[str, ...]:
    """Repeatable options that also take comma-separated lists."""
    return tuple(v.strip() for value in values for v in value.split(",") if v.strip())


def _fail(error: Exception) -> None:
    click.echo(f"claimlint: error: {error}", err=True)
    sys.exit(EXIT_ERROR)


def _check_conflicts(given: dict[str, Any]) -> None:
    """Options that contradict each other are usage errors (exit 2), never silently resolved."""
    both = sorted(set(given["select"]) & set(given["ignore"]))
    if both:
        raise click.UsageError(f"--select and --ignore both name '{both[0]}'")
    if given["exit_zero"] and given["fail_on"]:
        raise click.UsageError("--exit-zero and --fail-on contradict each other: use one")
    if given["write_baseline"] and given["baseline"]:
        raise click.UsageError(
            "--write-baseline and --baseline cannot be used together: a baseline records every finding"
        )
    reads_stdin = "-" in given["paths"]
    if given["stdin_filename"] and not reads_stdin:
        raise click.UsageError("--stdin-filename names standard input: give '-' as the path")
    if given["diff_base"] and reads_stdin:
        raise click.UsageError("--diff-base needs files in a git repository, not standard input")
    if given["output_format"] != "sarif":
        for name, value in (
            ("--sarif-category", given["sarif_category"]),
            ("--sarif-absolute-root", given["sarif_absolute_root"]),
        ):
            if value:
                raise click.UsageError(f"{name} applies to --format sarif only")


def write_output(text: str, output: str | None) -> None:
    """Print, or write the file atomically so an interrupted run leaves no partial file."""
    if output is None or output == "-":
        click.echo(text, nl=False)
        return
    target = Path(output)
    if target.exists() and not target.is_file():  # /dev/null, a pipe: never replace it with a file
        with target.open("w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
        return
    handle, temp = cache.new_temporary(target.parent if str(target.parent) else Path("."), f".{target.name}.")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def exit_code(report: Report) -> int:
    """2 for missing paths; 1 for findings or problems at or above the failing level; else 0."""
    threshold = severity_rank(report.fail_on)
    if report.missing:
        return EXIT_ERROR
    findings = (f.severity for r in report.results for f in r.findings)
    problems = (p.severity for r in report.results for p in r.problems)
    if any(severity_rank(level) >= threshold for level in (*findings, *problems)):
        return EXIT_FINDINGS
    return EXIT_CLEAN


class _CheckByDefault(click.Group):
    """`claimlint FILES...` means `claimlint check FILES...` (the pre-commit hook's entry)."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ("-h", "--help", "--version"):
            args = ["check", *args]
        return super().parse_args(ctx, args)


@click.group(cls=_CheckByDefault, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="claimlint")
def main() -> None:
    """Lint health and beauty marketing copy for claims regulators act on.

    `claimlint PATHS...` is short for `claimlint check PATHS...`."""


@main.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--format", "output_format", type=click.Choice(sorted(FORMATTERS)), default="text", show_default=True)
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False), help="Write the report to FILE instead of standard output."
)
@click.option(
    "--ruleset", "rulesets", multiple=True, help="Built-in ruleset name or path to a YAML ruleset (repeatable)."
)
@click.option("--select", multiple=True, help="Only these rule ids or categories (repeatable, or comma-separated).")
@click.option("--ignore", multiple=True, help="Skip these rule ids or categories (repeatable, or comma-separated).")
@click.option("--exclude", multiple=True, help="Glob of paths to skip, added to the configured ones (repeatable).")
@click.option(
    "--fail-on", type=click.Choice(SEVERITIES), help="Lowest severity that makes the exit code 1 [default: warning]."
)
@click.option(
    "--jurisdiction",
    "jurisdictions",
    multiple=True,
    help="Jurisdiction profiles to apply: us, uk, eu, au (repeatable or comma-separated) [default: all].",
)
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings.")
@click.option(
    "--config",
    type=click.Path(dir_okay=False),
    help="Configuration file (default: nearest .claimlint.yaml or pyproject.toml).",
)
@click.option(
    "--stdin-filename", help="File name for standard input ('-'), which picks the reader and names the results."
)
@click.option("--color/--no-color", default=None, help="Colour the text output [default: on a terminal].")
@click.option("-j", "--jobs", type=click.IntRange(min=1), help="Worker processes [default: the number of CPU cores].")
@click.option(
    "--no-cache",
    is_flag=True,
    help="Lint every file afresh: neither read nor write the cache of per-file results "
    "(compiled rules stay cached; CLAIMLINT_NO_CACHE=1 turns every cache off).",
)
@click.option(
    "--max-bytes", type=click.IntRange(min=1), help="Skip files larger than this, with a notice [default: 20 MB]."
)
@click.option("--show-suppressed", is_flag=True, help="Also list findings silenced by directives or approved claims.")
@click.option("--sarif-category", metavar="NAME", help="SARIF automationDetails id (NAME/), to upload several runs.")
@click.option(
    "--sarif-absolute-root", is_flag=True, help="Give %SRCROOT% the working directory's file:// URI in SARIF."
)
@click.option(
    "--write-baseline",
    type=click.Path(dir_okay=False),
    metavar="FILE",
    help="Record today's findings in FILE (rewriting it prunes fixed ones).",
)
@click.option("--baseline", type=click.Path(dir_okay=False), metavar="FILE", help="Report only findings not in FILE.")
@click.option("--diff-base", metavar="REF", help="Report only findings on lines changed since the merge base with REF.")
@click.option(
    "--show-config",
    type=click.Path(dir_okay=False),
    metavar="PATH",
    help="Print the settings in force for PATH and exit.",
)
def check(
    paths: tuple[str, ...],
    output_format: str,
    output: str | None,
    rulesets: tuple[str, ...],
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    exclude: tuple[str, ...],
    fail_on: str | None,
    jurisdictions: tuple[str, ...],
    exit_zero: bool,
    config: str | None,
    stdin_filename: str | None,
    color: bool | None,
    jobs: int | None,
    no_cache: bool,
    max_bytes: int | None,
    show_suppressed: bool,
    show_config: str | None,
    sarif_category: str | None,
    sarif_absolute_root: bool,
    write_baseline: str | None,
    baseline: str | None,
    diff_base: str | None,
) -> None:
    """Lint files and folders (default: the current folder); '-' reads standard input."""
    _check_conflicts(click.get_current_context().params)
    cwd = Path.cwd()
    try:
        resolver = ConfigResolver(
            cwd,
            Path(config) if config else None,
            {
                **command_line_settings(rulesets, select, ignore, exclude, fail_on, jurisdictions),
                "max_bytes": max_bytes,
            },
        )
        if show_config is not None:
            click.echo(describe_settings(resolver, Path(show_config)), nl=False)
            sys.exit(EXIT_CLEAN)
        if paths == ("-",):
            name = stdin_filename or "stdin"
            report = lint_stdin(sys.stdin.buffer.read(), name, reader_for(name) or "text", resolver)
        elif "-" in paths:
            raise click.UsageError("'-' (standard input) cannot be mixed with other paths")
        else:
            results = None if no_cache else cache.ResultCache(str(cwd.resolve()))
            try:
                report = lint_paths(list(paths) or ["."], resolver, jobs=jobs or os.cpu_count() or 1, cache=results)
                if results is not None:
                    results.save()
            finally:
                if results is not None:
                    results.close()
        if write_baseline is not None or baseline is not None or diff_base is not None:
            # Imported here, like the other commands' modules: every start pays for what it imports.
            from claimlint.baseline import baseline_text, changed_lines, load_baseline, only_changed, without_baseline
        if write_baseline is not None:
            write_output(baseline_text(report), write_baseline)
            click.echo(f"Wrote {sum(len(r.findings) for r in report.results)} findings to {write_baseline}.", err=True)
            sys.exit(EXIT_CLEAN)
        if baseline is not None:
            report, _ = without_baseline(report, load_baseline(Path(baseline)))
        if diff_base is not None:
            report, _ = only_changed(report, changed_lines(diff_base, cwd))
    except ConfigError as error:
        _fail(error)
    if color is None:
        color = output is None and sys.stdout.isatty() and "NO_COLOR" not in os.environ
    options = OutputOptions(
        color=color,
        show_suppressed=show_suppressed,
        sarif_category=sarif_category,
        sarif_root_uri=cwd.resolve().as_uri() + "/" if sarif_absolute_root else None,
    )
    write_output(FORMATTERS[output_format](report, options), output)
    code = exit_code(report)
    sys.exit(EXIT_CLEAN if exit_zero and code == EXIT_FINDINGS else code)


def command_line_settings(
    rulesets: tuple[str, ...],
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    exclude: tuple[str, ...],
    fail_on: str | None,
    jurisdictions: tuple[str, ...],
) -> dict[str, Any]:
    """Settings given on the command line; ruleset paths are relative to the working directory."""
    return {
        "rulesets": tuple(r if r in builtin_names() else str(Path(r).resolve()) for r in _split(rulesets)),
        "select": _split(select),
        "ignore": _split(ignore),
        "exclude": _split(exclude),
        "fail_on": fail_on,
        "jurisdictions": _jurisdiction_codes(jurisdictions),
    }


def describe_settings(resolver: ConfigResolver, path: Path) -> str:
    """The settings in force for one file, as YAML (`--show-config`)."""
    settings = resolver.for_file(path)
    rules = load_rules(settings)
    described = {
        "file": str(path),
        "configuration": list(settings.sources) or None,
        "rulesets": list(settings.rulesets) or ["(all built-in)"],
        "select": list(settings.select),
        "ignore": list(settings.ignore),
        "severity": dict(settings.severity),
        "jurisdictions": list(settings.jurisdictions) or list(JURISDICTIONS),
        "fail_on": resolver.top().fail_on,
        "exclude": list(settings.exclude),
        "include": list(settings.include),
        "respect_gitignore": settings.respect_gitignore,
        "approved_claims": settings.approved_claims,
        "content_keys": {"skip": sorted(settings.content_skip), "include": sorted(settings.content_include)},
        "reader": reader_for(path.name) or "text",
        "active_rules": len(rules),
        "overrides_applied": [list(o.paths) for o in settings.overrides if o.matches(path)],
    }
    import yaml

    return yaml.safe_dump(described, sort_keys=False, allow_unicode=True)


def _jurisdiction_codes(values: tuple[str, ...]) -> tuple[str, ...]:
    codes = tuple(v.lower() for v in _split(values))
    unknown = [c for c in codes if c not in JURISDICTIONS]
    if unknown:
        raise click.BadParameter(f"unknown jurisdiction '{unknown[0]}' (known: {', '.join(JURISDICTIONS)})")
    return codes


def _active_rules(rulesets: tuple[str, ...], config: str | None, jurisdictions: tuple[str, ...] = ()) -> list[Rule]:
    command_line = command_line_settings(rulesets, (), (), (), None, jurisdictions)
    return load_rules(ConfigResolver(Path.cwd(), Path(config) if config else None, command_line).top())


@main.command()
@click.option("--format", "output_format", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.option("--ruleset", "rulesets", multiple=True, help="Built-in ruleset name or path (repeatable).")
@click.option("--config", type=click.Path(dir_okay=False))
@click.option("--categories", is_flag=True, help="List the claim categories instead of the rules.")
@click.option(
    "--jurisdiction", "jurisdictions", multiple=True, help="Only rules of these jurisdictions (us, uk, eu, au)."
)
def rules(
    output_format: str, rulesets: tuple[str, ...], config: str | None, categories: bool, jurisdictions: tuple[str, ...]
) -> None:
    """List the active rules (or the claim categories)."""
    import json  # imported on use: `check` never needs it, and it slows every start

    if categories:
        rows = [
            {"category": c.id, "title": c.title, "default_severity": c.default_severity} for c in CATEGORIES.values()
        ]
        if output_format == "json":
            click.echo(json.dumps(rows, indent=2))
        else:
            for row in rows:
                click.echo(f"{row['category']:<38} {row['default_severity']:<8} {row['title']}")
        return
    try:
        active = _active_rules(rulesets, config, jurisdictions)
    except ConfigError as error:
        _fail(error)
    if output_format == "json":
        click.echo(
            json.dumps(
                [
                    {
                        "id": r.id,
                        "category": r.category,
                        "severity": r.severity,
                        "kind": r.kind,
                        "ruleset": r.ruleset,
                        "message": r.message,
                        "jurisdictions": list(r.jurisdictions),
                    }
                    for r in active
                ],
                indent=2,
            )
        )
        return
    width = max((len(r.id) for r in active), default=10)
    click.echo(f"{'RULE':<{width}}  {'CATEGORY':<36}  {'SEVERITY':<8}  MESSAGE")
    for r in active:
        click.echo(f"{r.id:<{width}}  {r.category:<36}  {r.severity:<8}  {r.message}")
    click.echo(f"{len(active)} rules")


@main.command()
@click.argument("rule_id")
@click.option("--ruleset", "rulesets", multiple=True, help="Built-in ruleset name or path (repeatable).")
@click.option("--config", type=click.Path(dir_okay=False))
def explain(rule_id: str, rulesets: tuple[str, ...], config: str | None) -> None:
    """Explain a rule: why it matters, the regulation behind it, a compliant rewrite, examples."""
    try:
        active = _active_rules(rulesets, config)
    except ConfigError as error:
        _fail(error)
    found = [r for r in active if r.id == rule_id]
    if not found:
        close = [r.id for r in active if rule_id in r.id or r.category == rule_id]
        hint = f" Did you mean: {', '.join(close[:8])}?" if close else " See 'claimlint rules'."
        _fail(ConfigError(None, None, f"no rule '{rule_id}'.{hint}"))
    rule = found[0]
    lines: list[Any] = [
        f"{rule.id}  [{rule.severity}]  {rule.category}: {CATEGORIES[rule.category].title}",
        "",
        rule.message,
        "",
        "Why:",
        f"  {rule.rationale}",
        "",
        "Compliant rewrite:",
        f"  {rule.rewrite}",
        "",
        "References:",
        *(f"  - {ref}" for ref in rule.references),
        "",
        "Flagged:",
        *(f"  - {e.text}" for e in rule.flag_examples),
        "",
        "Not flagged:",
        *(f"  - {e.text}" for e in rule.pass_examples),
        "",
        f"Defined in {rule.path}:{rule.line} (ruleset {rule.ruleset}).",
    ]
    click.echo("\n".join(lines))


@main.command("test-rules")
@click.argument("ruleset_paths", nargs=-1)
def test_rules(ruleset_paths: tuple[str, ...]) -> None:
    """Run the flag and pass examples of rulesets (default: the built-in ones)."""
    try:
        paths = [resolve_ruleset_path(p) for p in ruleset_paths] or [resolve_ruleset_path(n) for n in builtin_names()]
        loaded = load_rulesets(paths)
    except ConfigError as error:
        _fail(error)
    from claimlint.ruletests import check_rules  # imported here: only this command needs it

    all_rules = [rule for ruleset in loaded for rule in ruleset.rules]
    count, failures = check_rules(all_rules)
    for failure in failures:
        click.echo(
            f"{failure.rule.path}:{failure.example.line}: {failure.rule.id} {failure.kind} example {failure.reason}"
        )
    click.echo(f"{len(all_rules)} rules, {count} examples: {count - len(failures)} passed, {len(failures)} failed")
    sys.exit(EXIT_FINDINGS if failures else EXIT_CLEAN)

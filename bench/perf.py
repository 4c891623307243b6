"""Performance figures for claimlint with the full built-in rulesets. Prints figures; never asserts.

    python bench/perf.py --quick                       # 4 MB corpus only, fewer repeats
    python bench/perf.py                               # 4 MB and 40 MB corpora
    python bench/perf.py --sizes 1,10                  # other corpus sizes (MB) for a slow build
    python bench/perf.py --textlint-dir /tmp/textlint  # also compare with textlint + textlint-rule-prh

What is measured (every claimlint run is a fresh `python -m claimlint` process, run from the work
folder so no project configuration is picked up):
- throughput: `claimlint check --format json -o FILE --exit-zero DIR` on ~4 MB and ~40 MB generated
  corpora (bench/generate_site.py, cached in the work folder): wall time, the child's CPU time,
  MB/s, files/s, the child's peak RSS (os.wait4), and the time ratio 40 MB / 4 MB (10 is linear);
- one ~40 KB HTML page, cold process (`claimlint check page.html`), median of 10: with one new
  sentence before each run (as a pre-commit hook sees an edit: no cached result for the page, its
  other sentences, the rules and the compiled patterns remembered by earlier runs), never linted
  before (a new file name each run), and unchanged; next to the bare interpreter start
  (`python -c pass`) and the command's start-up alone (`python -m claimlint --version`);
- rule scaling: the 4 MB corpus with every built-in rule copied ten times under new ids (stopped
  at 20x the time of the built-in rules, 5x with --quick); rulesets are compiled on first use and
  cached by content, so that one-off cost is timed apart, on the single page with an empty cache;
- repeat run: the 40 MB corpus again, unchanged (a cold run with `--no-cache` when that option
  exists, then a priming run and the measured repeat run);
- `--jobs 1` against the default, when `claimlint check` has `--jobs`;
- floors and competitors: ripgrep (`rg -c -i -F -f PHRASES`) with the rules' literal phrases, and
  textlint with textlint-rule-prh given the same phrases, when installed.

Targets are judged on wall time; CPU times are printed beside them because wall time on a busy
machine is inflated (the run says so when the load average exceeds the cores), and the run also
says when claimlint's sources or rulesets changed while it ran.

The report is written to a file in the work folder rather than to /dev/null: claimlint writes its
output file atomically (a temporary file renamed over the target), which would replace the
/dev/null device node with a regular file when run as root.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(BENCH))

import generate_site  # noqa: E402

MB = generate_site.MB
LINTED_SUFFIXES = (".html", ".md", ".txt")
SPECIAL = set("()[]{}*#?.|")
TIMEOUT = 1800  # seconds for any one command


@dataclass
class Run:
    """One timed child process."""

    seconds: float  # wall time
    cpu_seconds: float  # user + system time of the child (steadier than wall time on a busy machine)
    max_rss_mb: float
    returncode: int
    stderr: str
    timed_out: bool = False

    @property
    def ok(self) -> bool:
        return self.returncode in (0, 1) and not self.timed_out


@dataclass
class Corpus:
    name: str
    path: Path
    files: int
    bytes: int

    @property
    def mb(self) -> float:
        return self.bytes / MB


@dataclass
class Row:
    measure: str
    figure: str
    target: str = ""
    verdict: str = ""  # "ok", "MISS" or "" when there is no target or no figure


@dataclass
class Results:
    rows: list[Row] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def add(self, measure: str, figure: str, target: str = "", met: bool | None = None) -> None:
        verdict = "" if met is None else ("ok" if met else "MISS")
        self.rows.append(Row(measure, figure, target, verdict))
        print(f"  {measure}: {figure}" + (f"   (target {target}: {verdict})" if target and verdict else ""))

    def note(self, text: str) -> None:
        self.notes.append(text)
        print(f"  note: {text}")


# --------------------------------------------------------------------------------------------
# Running things
# --------------------------------------------------------------------------------------------


def timed(
    cmd: Sequence[str],
    cwd: Path,
    stdout: Path | None = None,
    timeout: float = TIMEOUT,
    env: dict[str, str] | None = None,
) -> Run:
    """Run `cmd`, returning its wall time and its own peak RSS (from os.wait4, not shared with other children)."""
    with tempfile.TemporaryFile() as err, open(stdout or os.devnull, "wb") as out:
        start = time.perf_counter()
        proc = subprocess.Popen(list(cmd), cwd=cwd, stdout=out, stderr=err, stdin=subprocess.DEVNULL, env=env)
        deadline = start + timeout
        timed_out = False
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                proc.kill()
                pid, status, usage = os.wait4(proc.pid, 0)
                timed_out = True
                break
            time.sleep(0.002)
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        text = err.read().decode("utf-8", "replace")
    cpu = usage.ru_utime + usage.ru_stime
    return Run(seconds, cpu, usage.ru_maxrss / 1024, proc.returncode, text, timed_out)


def timed_blocking(cmd: Sequence[str], cwd: Path) -> float:
    """Wall time of a short command (for start-up timings, where polling would add noise)."""
    start = time.perf_counter()
    subprocess.run(list(cmd), cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start


def source_fingerprint(python: str) -> str:
    """A digest of the claimlint package and the built-in rulesets that `python` would use."""
    found = subprocess.run(
        [python, "-c", "import claimlint, os; print(os.path.dirname(claimlint.__file__))"],
        capture_output=True,
        text=True,
        check=False,
    )
    digest = hashlib.sha256()
    package = Path(found.stdout.strip()) if found.returncode == 0 else None
    for folder in (package, ROOT / "rulesets"):
        if folder is None or not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*")):
            if path.suffix in (".py", ".yaml") and path.is_file():
                digest.update(str(path).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def describe_failure(label: str, run: Run, results: Results) -> None:
    if run.timed_out:
        results.note(f"{label} was stopped after {fmt_s(run.seconds)}")
        return
    tail = run.stderr.strip().splitlines()[-3:]
    results.note(f"{label} failed (exit {run.returncode}): " + " | ".join(tail))


class Claimlint:
    def __init__(self, python: str, work: Path) -> None:
        self.python = python
        self.work = work
        help_run = subprocess.run(
            [python, "-m", "claimlint", "check", "--help"], cwd=work, capture_output=True, text=True, check=False
        )
        self.help = help_run.stdout
        self.help_ok = help_run.returncode == 0
        self.help_error = help_run.stderr.strip().splitlines()[-1:] if not self.help_ok else []

    def has_option(self, option: str) -> bool:
        return re.search(rf"(^|[\s,]){re.escape(option)}\b", self.help) is not None

    def check(
        self,
        target: Path,
        *extra: str,
        report: str = "report.json",
        timeout: float = TIMEOUT,
        cache_dir: Path | None = None,
    ) -> Run:
        """One `claimlint check` run; with `cache_dir`, on that cache folder instead of the user's."""
        cmd = [self.python, "-m", "claimlint", "check", "--format", "json", "-o", str(self.work / report)]
        env = None if cache_dir is None else {**os.environ, "CLAIMLINT_CACHE_DIR": str(cache_dir)}
        return timed([*cmd, "--exit-zero", *extra, str(target)], self.work, timeout=timeout, env=env)


# --------------------------------------------------------------------------------------------
# Inputs: corpora, rulesets, phrase lists
# --------------------------------------------------------------------------------------------


def corpus(work: Path, size_mb: int, seed: int) -> Corpus:
    """Generate the corpus, or reuse it when its manifest matches."""
    path = work / f"corpus-{size_mb}mb-seed{seed}"
    manifest_path = path / generate_site.MANIFEST
    manifest: generate_site.Manifest | None = None
    if manifest_path.is_file():
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        if (
            manifest.get("generator_hash") != generate_site.source_hash()
            or manifest.get("seed") != seed
            or manifest.get("size_mb") != size_mb
        ):
            manifest = None
    if manifest is None:
        start = time.perf_counter()
        manifest = generate_site.generate(path, size_mb, seed)
        print(f"  generated {path} in {time.perf_counter() - start:.1f} s")
    else:
        print(f"  reusing {path}")
    return Corpus(f"{size_mb} MB", path, manifest["total_files"], manifest["total_bytes"])


def builtin_ruleset_files() -> list[Path]:
    return sorted(p for p in (ROOT / "rulesets").rglob("*.yaml") if not p.name.startswith("_"))


def multiplied_rulesets(dest: Path, copies: int) -> tuple[list[Path], int, int]:
    """Each built-in ruleset file rewritten with every rule repeated `copies` times under new ids."""
    dest.mkdir(parents=True, exist_ok=True)
    for old in dest.glob("*.yaml"):
        old.unlink()
    paths, originals, total = [], 0, 0
    for source in builtin_ruleset_files():
        data = yaml.safe_load(source.read_text(encoding="utf-8"))
        rules = data.get("rules") or []
        originals += len(rules)
        copied = []
        for n in range(1, copies + 1):
            for rule in rules:
                copy = dict(rule)
                copy["id"] = f"{rule['id']}-x{n}"
                copied.append(copy)
        data["rules"] = copied
        data["ruleset"] = f"{data.get('ruleset', source.stem)}-x{copies}"
        total += len(copied)
        target = dest / f"{source.parent.name}-{source.stem}.yaml"
        target.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=1000), encoding="utf-8")
        paths.append(target)
    return paths, originals, total


def phrase_entries() -> list[tuple[str, dict[str, list[str]]]]:
    """Every `phrases` entry of the built-in phrase rules, with the term lists it may use."""
    lexicon_file = ROOT / "rulesets" / "_lexicon.yaml"
    lexicon = (yaml.safe_load(lexicon_file.read_text(encoding="utf-8")) or {}) if lexicon_file.is_file() else {}
    entries = []
    for source in builtin_ruleset_files():
        data = yaml.safe_load(source.read_text(encoding="utf-8")) or {}
        terms = {**(lexicon.get("terms") or {}), **(data.get("terms") or {})}
        for rule in data.get("rules") or []:
            if rule.get("kind") == "phrase":
                entries += [(p, terms) for p in rule.get("phrases") or [] if isinstance(p, str) and p.strip()]
    return entries


class Unexpandable(ValueError):
    pass


_PHRASE_TOKEN = re.compile(r"\{[A-Za-z_][\w-]*\}|\.\.\.|[()\[\]|#?]|[^\s()\[\]|{}#?]+")
EXPANSION_CAP = 64


def expand_phrase(phrase: str, terms: dict[str, list[str]], depth: int = 0) -> list[str]:
    """The literal word sequences a phrase stands for: alternatives and optional words spelt out, `word*`
    cut to its stem, `{terms}` replaced by their entries. Gaps (`...`), numbers (`#`) and phrases with
    more than EXPANSION_CAP spellings raise Unexpandable."""
    tokens = _PHRASE_TOKEN.findall(phrase)
    pos = 0

    def product(left: list[tuple[str, ...]], right: list[tuple[str, ...]]) -> list[tuple[str, ...]]:
        combined = [a + b for a in left for b in right]
        if len(combined) > EXPANSION_CAP:
            raise Unexpandable(phrase)
        return combined

    def sequence(closing: str | None) -> list[tuple[str, ...]]:
        nonlocal pos
        alternatives: list[tuple[str, ...]] = []
        current: list[tuple[str, ...]] = [()]
        while pos < len(tokens):
            token = tokens[pos]
            if token == closing:
                break
            pos += 1
            if token == "|":
                alternatives += current
                current = [()]
            elif token in ("(", "["):
                group = sequence(")" if token == "(" else "]")
                pos += 1  # the closing bracket
                optional = token == "[" or (pos < len(tokens) and tokens[pos] == "?")
                if token == "(" and optional:
                    pos += 1
                current = product(current, [*group, ()] if optional else group)
            elif token in ("...", "#", "?", ")", "]"):
                raise Unexpandable(phrase)
            elif token.startswith("{"):
                if depth > 2 or token[1:-1] not in terms:
                    raise Unexpandable(phrase)
                words = [tuple(e.split()) for t in terms[token[1:-1]] for e in expand_phrase(t, terms, depth + 1)]
                current = product(current, words)
            else:
                current = product(current, [(token.rstrip("*"),)])
        return alternatives + current

    return sorted({" ".join(words) for words in sequence(None) if words})


def literal_phrases(expand: bool = False) -> list[str]:
    """Plain-text phrases from the phrase rules: by default only entries without any of the phrase
    language's special characters; with `expand`, every entry that expand_phrase can spell out."""
    found: set[str] = set()
    for phrase, terms in phrase_entries():
        if not SPECIAL & set(phrase):
            found.add(" ".join(phrase.split()))
        elif expand:
            with contextlib.suppress(Unexpandable):
                found.update(p for p in expand_phrase(phrase, terms) if len(p) >= 4)
    return sorted(found)


def write_prh(phrases: list[str], dest: Path) -> Path:
    """A prh dictionary: each phrase a case-insensitive pattern with a distinct `expected`."""
    rules = []
    for phrase in phrases:
        escaped = re.sub(r"([\\^$.*+?()\[\]{}|/])", r"\\\1", phrase)
        rules.append({"expected": f"[check claim: {phrase}]", "pattern": f"/{escaped}/i"})
    path = dest / "claims.prh.yml"
    path.write_text(yaml.safe_dump({"version": 1, "rules": rules}, sort_keys=False, allow_unicode=True), "utf-8")
    return path


# --------------------------------------------------------------------------------------------
# Formatting
# --------------------------------------------------------------------------------------------


def fmt_s(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms" if seconds < 1 else f"{seconds:.2f} s"


def throughput(run: Run, c: Corpus) -> str:
    return f"{wall_cpu(run)}, {num(c.mb / run.seconds)} MB/s, {num(c.files / run.seconds)} files/s"


def num(value: float) -> str:
    """Three significant figures, without exponents."""
    return f"{value:.0f}" if abs(value) >= 100 else f"{value:.3g}"


def wall_cpu(run: Run) -> str:
    return f"{fmt_s(run.seconds)} (cpu {fmt_s(run.cpu_seconds)})"


def ratio_text(a: Run, b: Run) -> str:
    """a/b in wall time, with the CPU-time ratio beside it."""
    return f"x{num(a.seconds / b.seconds)} (cpu x{num(a.cpu_seconds / max(b.cpu_seconds, 1e-9))})"


def print_table(results: Results) -> None:
    headers = ("measure", "figure", "target", "met")
    rows = [(r.measure, r.figure, r.target, r.verdict) for r in results.rows]
    widths = [max(len(h), *(len(row[i]) for row in rows)) if rows else len(h) for i, h in enumerate(headers)]
    line = "+".join("-" * (w + 2) for w in widths)
    print("\n" + "=" * len(line))
    print(" | ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)))
    print(line)
    for row in rows:
        print(" | ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)))
    print("=" * len(line))
    for note in results.notes:
        print(f"note: {note}")


# --------------------------------------------------------------------------------------------
# The measurements
# --------------------------------------------------------------------------------------------


def measure_startup(cl: Claimlint, work: Path, results: Results, repeats: int) -> None:
    print("\nsingle file, cold process")
    page = work / "single" / "page.html"
    page.parent.mkdir(parents=True, exist_ok=True)
    base = generate_site.single_page(seed=1, size_bytes=40_000)
    page.write_text(base, encoding="utf-8")
    size_kb = page.stat().st_size / 1000
    py = cl.python
    check = [py, "-m", "claimlint", "check", str(page)]

    def median(cmd: list[str], count: int = repeats) -> float:
        timed_blocking(cmd, work)  # warm the file cache
        return statistics.median(timed_blocking(cmd, work) for _ in range(count))

    def edited_page_run(number: int) -> float:
        # A pre-commit run lints a page whose copy just changed: one new sentence (a claim, so rules
        # are judged and their patterns loaded) each time misses the result cache; the page's other
        # sentences, the rules and the compiled patterns are remembered from earlier runs.
        edit = f"<p>Update {number}: our new peel has no side effects at all.</p>\n</body>"
        page.write_text(base.replace("</body>", edit, 1), encoding="utf-8")
        return timed_blocking(check, work)

    def new_page_run(number: int) -> float:
        # A page claimlint has never seen: nothing remembered for it but the rules and patterns.
        fresh = page.with_name(f"new-{time.time_ns()}-{number}.html")  # a name no earlier run used
        fresh.write_text(base, encoding="utf-8")
        try:
            return timed_blocking([py, "-m", "claimlint", "check", str(fresh)], work)
        finally:
            fresh.unlink()

    bare = median([py, "-c", "pass"])
    startup = median([py, "-m", "claimlint", "--version"])
    probe = timed(check, work)
    if not probe.ok:
        describe_failure("single-file check", probe, results)
        results.add(f"one {size_kb:.0f} KB HTML page, cold", "failed", "<= 150 ms", False)
    else:
        count = repeats if probe.seconds < 3 else 3  # a slow build gets fewer runs
        edited_page_run(0)  # warm the file cache
        single = statistics.median(edited_page_run(number) for number in range(1, count + 1))
        unseen = statistics.median(new_page_run(number) for number in range(1, count + 1))
        page.write_text(base, encoding="utf-8")
        unchanged = median(check, count)
        results.add(
            f"one {size_kb:.0f} KB HTML page, one sentence just edited, cold process (median of {count})",
            fmt_s(single),
            "<= 150 ms",
            single <= 0.150,
        )
        results.add("the same page never linted before (nothing remembered for it)", fmt_s(unseen))
        results.add("the same page unchanged (its findings replayed from the result cache)", fmt_s(unchanged))
    results.add("bare interpreter start (python -c pass)", fmt_s(bare))
    results.add("start-up alone (python -m claimlint --version)", fmt_s(startup))


def measure_throughput(cl: Claimlint, corpora: list[Corpus], results: Results, repeats: int) -> dict[str, Run]:
    cold_flag = ["--no-cache"] if cl.has_option("--no-cache") else []
    best: dict[str, Run] = {}
    for index, c in enumerate(corpora):
        is_large = index == 1  # the throughput target is for the large corpus; it gets one run
        print(f"\nthroughput, {c.name} corpus ({c.files} files, {c.mb:.1f} MB)")
        runs = []
        for _ in range(1 if is_large else repeats):
            run = cl.check(c.path, *cold_flag)
            if not run.ok:
                describe_failure(f"check of the {c.name} corpus", run, results)
                break
            runs.append(run)
        if not runs:
            results.add(f"throughput, {c.name}", "failed", ">= 10 MB/s (large corpus)", False if is_large else None)
            continue
        run = min(runs, key=lambda r: r.seconds)
        best[c.name] = run
        label = f"throughput, {c.name} ({c.files} files)" + (f", best of {len(runs)}" if len(runs) > 1 else "")
        target_met = c.mb / run.seconds >= 10 if is_large else None
        results.add(label, throughput(run, c), ">= 10 MB/s (large corpus)", target_met)
        peak = max(r.max_rss_mb for r in runs)
        results.add(f"peak memory, {c.name}", f"{peak:.0f} MiB", "< 300 MB", peak < 300)
    if len(corpora) == 2 and all(c.name in best for c in corpora):
        small, large = corpora
        ratio = best[large.name].seconds / best[small.name].seconds
        size_ratio = large.bytes / small.bytes
        results.add(
            f"time {large.name} / time {small.name} (sizes x{size_ratio:.1f})",
            ratio_text(best[large.name], best[small.name]),
            f"~{num(size_ratio)} (linear; <= {num(1.2 * size_ratio)})",
            ratio <= 1.2 * size_ratio,
        )
    return best


def measure_rule_scaling(cl: Claimlint, c: Corpus, base: Run, work: Path, results: Results, cap: float) -> None:
    """Built-in rules vs ten copies of each, on the corpus (the run is stopped at `cap` times the base
    time). Rulesets are parsed and compiled on first use and cached by content, so that one-off cost
    is measured apart: on one page with an empty cache, for the built-in rules and for the copies."""
    print(f"\nrule scaling, {c.name} corpus")
    try:
        paths, originals, total = multiplied_rulesets(work / "rules-x10", 10)
    except (OSError, yaml.YAMLError) as error:
        results.note(f"rule scaling skipped: the rulesets could not be read ({error})")
        return
    flags = [arg for p in paths for arg in ("--ruleset", str(p))]
    page = work / "single" / "page.html"
    if page.is_file():
        first_use = {}
        for label, rule_flags in (("built-in", []), ("10x", flags)):
            with tempfile.TemporaryDirectory(dir=work) as empty_cache:
                run = cl.check(page, *rule_flags, report="report-first.json", cache_dir=Path(empty_cache))
            first_use[label] = run
            if not run.ok:
                describe_failure(f"first use of the {label} rules", run, results)
        if all(run.ok for run in first_use.values()):
            results.add(
                "first use of new rules, one page, empty cache (one-off: then cached)",
                f"built-in {fmt_s(first_use['built-in'].seconds)}, 10x copies {fmt_s(first_use['10x'].seconds)}",
                "",
                None,
            )
        cl.check(page, *flags, report="report-x10.json")  # the copies compiled into the usual cache
    cold_flag = ["--no-cache"] if cl.has_option("--no-cache") else []
    limit = max(30.0, cap * base.seconds)
    run = cl.check(c.path, *cold_flag, *flags, report="report-x10.json", timeout=limit)
    label = f"10x rules, {c.name} ({total} rules vs {originals})"
    if run.timed_out:
        figure = f"stopped after {fmt_s(run.seconds)}: more than x{run.seconds / base.seconds:.0f} time"
        results.add(label, figure, "<= 2x time", False)
        return
    if not run.ok:
        describe_failure("check with 10x rules", run, results)
        results.add(label, "failed", "<= 2x time", False)
        return
    ratio = run.seconds / base.seconds
    results.add(label, f"{wall_cpu(run)}, {ratio_text(run, base)} time", "<= 2x time", ratio <= 2)


def measure_repeat(cl: Claimlint, c: Corpus, cold: Run, results: Results) -> None:
    print(f"\nrepeat run, {c.name} corpus")
    if cl.has_option("--no-cache"):
        prime = cl.check(c.path)
        if not prime.ok:
            describe_failure("priming run", prime, results)
            return
        results.note("repeat run: cold = --no-cache run; one priming run without it; then the measured repeat")
    again = cl.check(c.path)
    if not again.ok:
        describe_failure("repeat run", again, results)
        return
    ratio = cold.seconds / again.seconds
    results.add(
        f"repeat run, {c.name} unchanged",
        f"{wall_cpu(again)}, first/second {ratio_text(cold, again)}",
        ">= 5x faster",
        ratio >= 5,
    )


def measure_jobs(cl: Claimlint, c: Corpus, default: Run, results: Results) -> None:
    if not cl.has_option("--jobs"):
        results.add("--jobs 1 vs default", "skipped: claimlint check has no --jobs")
        return
    print(f"\n--jobs 1, {c.name} corpus")
    run = cl.check(c.path, "--jobs", "1", *(["--no-cache"] if cl.has_option("--no-cache") else []))
    if not run.ok:
        describe_failure("--jobs 1", run, results)
        return
    results.add(
        f"--jobs 1 vs default, {c.name}",
        f"{wall_cpu(run)} vs {wall_cpu(default)}: {ratio_text(run, default)}",
    )


def measure_ripgrep(
    corpora: list[Corpus], best: dict[str, Run], phrases: list[str], work: Path, results: Results
) -> None:
    rg = shutil.which("rg")
    if not rg:
        results.add("ripgrep floor", "skipped: rg not on PATH (apt-get install ripgrep)")
        return
    phrase_file = work / "phrases.txt"
    phrase_file.write_text("\n".join(phrases) + "\n", encoding="utf-8")
    for c in corpora:
        if c.name not in best:
            continue
        print(f"\nripgrep, {c.name} corpus ({len(phrases)} literal phrases)")
        timed([rg, "-c", "-i", "-F", "-f", str(phrase_file), str(c.path)], work)  # warm-up
        run = min(
            (timed([rg, "-c", "-i", "-F", "-f", str(phrase_file), str(c.path)], work) for _ in range(3)),
            key=lambda r: r.seconds,
        )
        if run.returncode not in (0, 1):
            describe_failure("rg", run, results)
            continue
        ratio = best[c.name].seconds / run.seconds
        results.add(
            f"ripgrep floor, {c.name} ({len(phrases)} phrases)",
            f"{fmt_s(run.seconds)}, {num(c.mb / run.seconds)} MB/s; claimlint/rg time x{num(ratio)}",
        )


def textlint_command(textlint_dir: Path | None) -> list[str] | None:
    if textlint_dir is None:
        return None
    modules = textlint_dir / "node_modules"
    binary = modules / ".bin" / "textlint"
    if binary.exists() and (modules / "textlint-rule-prh").is_dir():
        return [str(binary)]
    return None


def measure_textlint(
    textlint_dir: Path | None, c: Corpus, base: Run, phrases: list[str], work: Path, results: Results
) -> None:
    command = textlint_command(textlint_dir)
    if command is None or textlint_dir is None:
        where = f" in {textlint_dir}" if textlint_dir else " (no --textlint-dir given)"
        results.add(
            "textlint + prh", f"skipped: textlint and textlint-rule-prh not installed{where}; see bench/README.md"
        )
        return
    modules = textlint_dir / "node_modules"
    has_html = (modules / "textlint-plugin-html").is_dir()
    config_dir = work / "textlint"
    config_dir.mkdir(parents=True, exist_ok=True)
    prh = write_prh(phrases, config_dir)
    config = {"plugins": {"html": True} if has_html else {}, "rules": {"prh": {"rulePaths": [str(prh)]}}}
    rc = config_dir / ".textlintrc.json"
    rc.write_text(json.dumps(config, indent=2) + "\n", encoding="utf-8")
    suffixes = LINTED_SUFFIXES if has_html else (".md", ".txt")
    files = [p for p in sorted(c.path.rglob("*")) if p.suffix in suffixes]
    size = sum(p.stat().st_size for p in files)
    print(f"\ntextlint + prh, {c.name} corpus ({len(files)} files)")
    cmd = [*command, "--rules-base-directory", str(modules), "-c", str(rc), "--format", "json"]
    cmd += ["-o", str(config_dir / "report.json"), *[str(p) for p in files]]
    run = timed(cmd, textlint_dir)
    if run.returncode not in (0, 1):
        describe_failure("textlint", run, results)
        results.add("textlint + prh", "failed", ">= 20x textlint throughput", None)
        return
    textlint_rate = size / MB / run.seconds
    claimlint_rate = c.mb / base.seconds
    ratio = claimlint_rate / textlint_rate
    if not has_html:
        results.note("textlint-plugin-html is not installed, so textlint read only the Markdown and text files")
    results.add(
        f"textlint + prh, {c.name} ({size / MB:.1f} MB)",
        f"{wall_cpu(run)}, {num(textlint_rate)} MB/s; claimlint/textlint throughput x{num(ratio)}",
        ">= 20x textlint",
        ratio >= 20,
    )


def sizes_arg(text: str) -> tuple[int, int]:
    try:
        small, large = (int(part) for part in text.split(","))
    except ValueError:
        raise argparse.ArgumentTypeError("expected two whole numbers of MB, e.g. 4,40") from None
    if not 0 < small < large:
        raise argparse.ArgumentTypeError("expected 0 < SMALL < LARGE")
    return small, large


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--work", type=Path, default=Path(tempfile.gettempdir()) / "claimlint-bench", help="cache and scratch folder"
    )
    parser.add_argument("--quick", action="store_true", help="only the small corpus, fewer repeats")
    parser.add_argument("--seed", type=int, default=1, help="corpus seed (default 1)")
    parser.add_argument(
        "--sizes",
        type=sizes_arg,
        default=(4, 40),
        metavar="SMALL,LARGE",
        help="corpus sizes in MB (default 4,40; --quick uses SMALL only)",
    )
    parser.add_argument(
        "--textlint-dir", type=Path, help="folder where textlint and textlint-rule-prh are npm-installed"
    )
    parser.add_argument(
        "--phrases",
        choices=("literal", "expanded"),
        default="literal",
        help="phrases for ripgrep and prh: only the plain entries (default), or alternatives spelt out too",
    )
    parser.add_argument("--python", default=sys.executable, help="interpreter that has claimlint (default: this one)")
    args = parser.parse_args(argv)
    work: Path = args.work.resolve()
    work.mkdir(parents=True, exist_ok=True)
    results = Results()
    cl = Claimlint(args.python, work)
    print(f"claimlint perf: python {args.python}, work folder {work}, {'quick' if args.quick else 'full'} run")
    fingerprint = source_fingerprint(args.python)
    load_before = os.getloadavg()[0]
    if not cl.help_ok:
        print(f"claimlint check --help failed: {' '.join(cl.help_error)}")
    print("\ncorpora")
    small_mb, large_mb = args.sizes
    corpora = [corpus(work, small_mb, args.seed)] + ([] if args.quick else [corpus(work, large_mb, args.seed)])

    measure_startup(cl, work, results, 10 if not args.quick else 5)
    best = measure_throughput(cl, corpora, results, 1 if args.quick else 3)
    small, large = corpora[0], corpora[-1]
    if small.name in best:
        measure_rule_scaling(cl, small, best[small.name], work, results, cap=5 if args.quick else 20)
    if large.name in best:
        measure_repeat(cl, large, best[large.name], results)
        measure_jobs(cl, large, best[large.name], results)
    try:
        phrases = literal_phrases(expand=args.phrases == "expanded")
    except (OSError, yaml.YAMLError) as error:
        results.note(f"ripgrep and textlint skipped: the rulesets could not be read ({error})")
    else:
        results.note(f"{len(phrases)} {args.phrases} phrases for ripgrep and prh (--phrases literal|expanded)")
        measure_ripgrep(corpora, best, phrases, work, results)
        if small.name in best:
            measure_textlint(args.textlint_dir, small, best[small.name], phrases, work, results)
    load_after = os.getloadavg()[0]
    cores = os.cpu_count() or 1
    if max(load_before, load_after) > cores - 0.5:
        results.note(
            f"the machine was busy (1-minute load {load_before:.1f} at the start, {load_after:.1f} at the end, "
            f"{cores} cores): wall times are inflated; compare the cpu figures"
        )
    if source_fingerprint(args.python) != fingerprint:
        results.note("claimlint's sources or rulesets changed during the run: the figures do not describe one version")
    if args.quick:
        results.note(
            f"--quick: the large-corpus figures (>= 10 MB/s, linear growth) were not measured; "
            f"the repeat run used the {small_mb} MB corpus"
        )
    print_table(results)
    return 0


if __name__ == "__main__":
    sys.exit(main())

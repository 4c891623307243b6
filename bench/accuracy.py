"""Precision and recall of the built-in rules on the labelled corpora in tests/corpus/.

    python bench/accuracy.py                 # both corpora, per-category table
    python bench/accuracy.py --corpus dev --errors   # list misses and false alarms

Recall and precision count (item, category) pairs: an item labelled with a category is caught when
claimlint reports a finding of that category anywhere in it. The false-alarm rate is the share of
negative items (no labels) with any finding at all.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from claimlint.config import Settings  # noqa: E402
from claimlint.engine import Engine, compile_rules, scan  # noqa: E402
from claimlint.lint import load_rules  # noqa: E402
from claimlint.readers import build_document  # noqa: E402
from claimlint.taxonomy import CATEGORIES  # noqa: E402

CORPORA = {
    "dev": ROOT / "tests" / "corpus" / "dev.yaml",
    "holdout": ROOT / "tests" / "corpus" / "holdout.yaml",
    "holdout2": ROOT / "tests" / "corpus" / "holdout2.yaml",
}


@dataclass(frozen=True)
class Item:
    id: str
    text: str
    labels: frozenset[str]
    negative_kind: str | None
    modality: str


@dataclass(frozen=True)
class Scores:
    true_positives: Counter[str]
    false_negatives: Counter[str]
    false_positives: Counter[str]
    negatives: int
    negatives_flagged: int
    misses: tuple[tuple[Item, str, frozenset[str]], ...]
    false_alarms: tuple[tuple[Item, str, str], ...]

    def recall(self, category: str | None = None) -> float:
        tp = self.true_positives[category] if category else sum(self.true_positives.values())
        fn = self.false_negatives[category] if category else sum(self.false_negatives.values())
        return tp / (tp + fn) if tp + fn else 1.0

    def precision(self, category: str | None = None) -> float:
        tp = self.true_positives[category] if category else sum(self.true_positives.values())
        fp = self.false_positives[category] if category else sum(self.false_positives.values())
        return tp / (tp + fp) if tp + fp else 1.0

    def false_alarm_rate(self) -> float:
        return self.negatives_flagged / self.negatives if self.negatives else 0.0


def load_corpus(names: list[str]) -> list[Item]:
    items = []
    for name in names:
        for raw in yaml.safe_load(CORPORA[name].read_text(encoding="utf-8")):
            items.append(
                Item(
                    raw["id"],
                    raw["text"],
                    frozenset(raw.get("labels") or ()),
                    raw.get("negative_kind"),
                    raw.get("modality", ""),
                )
            )
    return items


def evaluate(items: list[Item], engine: Engine) -> Scores:
    tp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    misses, alarms = [], []
    negatives = flagged = 0
    for item in items:
        findings, _ = scan(engine, build_document(item.text.encode("utf-8"), item.id, "text"))
        found = {f.category for f in findings}
        for category in item.labels:
            if category in found:
                tp[category] += 1
            else:
                fn[category] += 1
                misses.append((item, category, frozenset(found)))
        for finding in findings:
            if finding.category not in item.labels:
                fp[finding.category] += 1
                alarms.append((item, finding.rule_id, finding.normalised))
        if not item.labels:
            negatives += 1
            flagged += bool(findings)
    return Scores(tp, fn, fp, negatives, flagged, tuple(misses), tuple(alarms))


def report(scores: Scores, title: str) -> str:
    lines = [f"## {title}", "", "| category | positives | recall | precision |", "|---|---:|---:|---:|"]
    for category in CATEGORIES:
        positives = scores.true_positives[category] + scores.false_negatives[category]
        lines.append(f"| {category} | {positives} | {scores.recall(category):.3f} | {scores.precision(category):.3f} |")
    positives = sum(scores.true_positives.values()) + sum(scores.false_negatives.values())
    lines.append(f"| **overall** | {positives} | **{scores.recall():.3f}** | **{scores.precision():.3f}** |")
    lines.append("")
    lines.append(
        f"False alarms on negatives: {scores.negatives_flagged} of {scores.negatives} "
        f"({scores.false_alarm_rate():.1%})."
    )
    return "\n".join(lines)


SEEDS = ROOT.parent / "shared" / "seeds"
SEEDS_EXPECTED = ROOT / "tests" / "seeds_expected.yaml"


def seed_claims(engine: Engine) -> tuple[int, int] | None:
    """(expected seed claims reported on their line with their category, expected claims), or None
    when the seed articles are not beside the project."""
    if not SEEDS.is_dir():
        return None
    expected = yaml.safe_load(SEEDS_EXPECTED.read_text(encoding="utf-8"))["seeds"]
    caught = total = 0
    for name, seed in expected.items():
        document = build_document((SEEDS / name).read_bytes(), name, "text")
        found = {(f.start.line, f.category) for f in scan(engine, document)[0]}
        for claim in seed["claims"]:
            for category in claim["categories"]:
                total += 1
                caught += (claim["line"], category) in found
    return caught, total


def targets(scores: Scores, seeds: tuple[int, int] | None) -> str:
    """The issue's targets, each with its figure and whether it is met."""
    lowest = min(CATEGORIES, key=scores.recall)
    rows = [
        ("recall", f"{scores.recall():.3f}", ">= 0.97", scores.recall() >= 0.97),
        ("false alarms on negatives", f"{scores.false_alarm_rate():.1%}", "<= 2%", scores.false_alarm_rate() <= 0.02),
        (f"lowest category recall ({lowest})", f"{scores.recall(lowest):.3f}", ">= 0.90", scores.recall(lowest) >= 0.9),
    ]
    if seeds is None:
        rows.append(("seed claims caught", f"not measured: {SEEDS} is absent", "all", False))
    else:
        rows.append(("seed claims caught", f"{seeds[0]} of {seeds[1]}", "all", seeds[0] == seeds[1]))
    lines = ["## targets", "", "| target | figure | wanted | |", "|---|---:|---|---|"]
    lines += [f"| {name} | {figure} | {wanted} | {'met' if met else 'MISS'} |" for name, figure, wanted, met in rows]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", choices=[*CORPORA, "all"], default="all")
    parser.add_argument("--errors", action="store_true", help="list misses and false alarms")
    args = parser.parse_args()
    names = list(CORPORA) if args.corpus == "all" else [args.corpus]
    engine = compile_rules(load_rules(Settings(base_dir=ROOT)))
    scores = evaluate(load_corpus(names), engine)
    print(report(scores, f"corpus: {', '.join(names)}"))
    print()
    print(targets(scores, seed_claims(engine)))
    if args.errors:
        print("\n### misses")
        for item, category, found in scores.misses:
            print(f"- {item.id} [{category}] (found: {', '.join(sorted(found)) or '-'}) {item.text}")
        print("\n### false alarms")
        for item, rule_id, matched in scores.false_alarms:
            kind = item.negative_kind or ",".join(sorted(item.labels))
            print(f'- {item.id} ({kind}) {rule_id}: "{matched}" in: {item.text}')
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Auto-suggest benchmark: dimension precision / recall / F1, polarity accuracy and words/s.

Usage: python benchmarks/bench_suggest.py [--gold benchmarks/gold/suggest_gold.yaml] [--errors]

Builds the demo project in a temporary copy (transcripts/, codebooks/, qualcode.yaml), checks
that every gold sentence's text equals the store's sentence at its index, and runs the
suggester on the gold sources. Reports, for the suggester and for a plain exact-keyword
baseline measured in the same run:

- precision, recall and F1 of the suggested DIMENSION per sentence, micro-averaged over
  (sentence, dimension) pairs, with the top-1 and with the top-2 suggested dimensions;
- polarity accuracy on the sentences where the gold has a dimension and the top-1 suggestion
  got one of them;
- words/s once spaCy is loaded (the load is timed separately), on a cold token cache and warm;
- top-1 F1 and polarity accuracy per gold source, so a change that helps one informant's voice
  and hurts the others shows (a guard against fitting the codebook to the gold).

Goals (issue 3): dimension F1 >= 0.6, polarity accuracy >= 0.75, >= 20,000 words/s.
Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

GOLD = ROOT / "benchmarks" / "gold" / "suggest_gold.yaml"


@dataclass
class GoldSentence:
    source_id: int
    idx: int
    text: str
    dimensions: frozenset[str]
    polarity: str | None
    path: str = ""


@dataclass
class Prediction:
    dimensions: list[str] = field(default_factory=list)  # ranked, distinct
    polarity: str | None = None


def build_project(tmp: Path):
    """Copy the demo project's inputs and open it (the first open builds the store)."""
    from qualcode.core.project import Project

    root = tmp / "demo"
    root.mkdir()
    for name in ("transcripts", "codebooks"):
        shutil.copytree(ROOT / name, root / name)
    shutil.copy(ROOT / "qualcode.yaml", root / "qualcode.yaml")
    return Project.open(root)


def load_gold(project, path: Path) -> tuple[list[GoldSentence], list[str]]:
    """Read the gold file; return its sentences and the problems found checking it."""
    import yaml

    from qualcode.core.store import sources as repo
    from qualcode.core.store import suggest_sql

    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    problems: list[str] = []
    if data.get("format") != "qualcode-gold" or data.get("version") != 1:
        problems.append(f"{path}: not a qualcode-gold version 1 file")
    if data.get("codebook") != project.codebook.id:
        problems.append(
            f"{path}: gold codebook {data.get('codebook')} != project {project.codebook.id}"
        )
    known = {d.id for d in project.codebook.dimensions}
    out: list[GoldSentence] = []
    moved = 0
    for entry in data.get("sources") or []:
        source = repo.source_by_path(project.store, entry["path"])
        if source is None:
            problems.append(f"{entry['path']}: not in the store")
            continue
        by_text: dict[str, list[int]] = {}
        for r in suggest_sql.codable_sentences(project.store, source.id):
            by_text.setdefault(r.text, []).append(r.idx)
        for s in entry.get("sentences") or []:
            idx = int(s["idx"])
            row = suggest_sql.sentence_row(project.store, source.id, idx)
            if row is None or row.text != s["text"]:
                # The parser's segmentation changed since the gold was made: follow the text.
                if len(by_text.get(s["text"], ())) != 1:
                    problems.append(f"{entry['path']} idx {idx}: text is no sentence of the store")
                    continue
                idx = by_text[s["text"]][0]
                moved += 1
            dims = frozenset(s.get("dimensions") or [])
            if dims - known:
                problems.append(
                    f"{entry['path']} idx {idx}: unknown dimension {sorted(dims - known)}"
                )
                continue
            out.append(
                GoldSentence(source.id, idx, s["text"], dims, s.get("polarity"), entry["path"])
            )
    if moved:
        problems.append(f"{moved} sentences found by their text at another index (re-segmented)")
    return out, problems


# -- the suggester ---------------------------------------------------------------------------
def run_suggester(project, source_ids: list[int]) -> tuple[dict, float, int]:
    from qualcode.core.store import suggest_sql
    from qualcode.core.suggest import suggest_for_source

    words = sum(
        len(r.text.split())
        for sid in source_ids
        for r in suggest_sql.codable_sentences(project.store, sid)
    )
    started = time.process_time()
    predictions: dict[tuple[int, int], Prediction] = {}
    for sid in source_ids:
        for s in suggest_for_source(project, sid, top_k=2):
            p = predictions.setdefault((sid, s.sentence_idx), Prediction())
            if p.polarity is None:
                p.polarity = s.polarity
            if s.dimension_id and s.dimension_id not in p.dimensions:
                p.dimensions.append(s.dimension_id)
    return predictions, time.process_time() - started, words


def timed_runs(project, source_ids: list[int], repeats: int, fresh: bool) -> float:
    """Best CPU time of several runs; ``fresh`` rebuilds the matcher (an empty word cache) first."""
    from qualcode.core.suggest import matcher as matcher_module

    best = float("inf")
    for _ in range(repeats):
        if fresh:
            matcher_module._matchers.clear()
            matcher_module.matcher_for(project.codebook)
        best = min(best, run_suggester(project, source_ids)[1])
    return best


# -- the baseline ----------------------------------------------------------------------------
class Baseline:
    """Lower-cased whole-word keyword match; polarity from cue words without negation."""

    def __init__(self, codebook) -> None:
        from qualcode.core.suggest.lexicon import NEGATIVE, POSITIVE

        self.order = [d.id for d in codebook.dimensions]
        patterns: dict[str, list[str]] = {d: [] for d in self.order}
        for code in codebook.all_codes():
            if code.kind == "dimension":
                patterns[code.id] += list(code.keywords)
            elif code.kind == "indicator":
                patterns[code.parent] += list(code.keywords)
        self.dimension_res = {
            d: [re.compile(r"(?<!\w)" + re.escape(k.lower()) + r"(?!\w)") for k in set(ks)]
            for d, ks in patterns.items()
        }
        self.positive = [
            re.compile(r"(?<!\w)" + re.escape(k) + r"(?!\w)")
            for k in POSITIVE
            if POSITIVE[k].value > 0
        ]
        self.negative = [
            re.compile(r"(?<!\w)" + re.escape(k) + r"(?!\w)")
            for k in NEGATIVE
            if NEGATIVE[k].value < 0
        ]

    def predict(self, text: str) -> Prediction:
        low = text.lower()
        counts = {d: sum(1 for r in res if r.search(low)) for d, res in self.dimension_res.items()}
        ranked = sorted(
            (d for d in self.order if counts[d]), key=lambda d: (-counts[d], self.order.index(d))
        )
        score = sum(1 for r in self.positive if r.search(low)) - sum(
            1 for r in self.negative if r.search(low)
        )
        polarity = "pendukung" if score > 0 else "penghambat" if score < 0 else "netral"
        return Prediction(ranked[:2], polarity)


def run_baseline(project, gold: list[GoldSentence]) -> tuple[dict, float]:
    baseline = Baseline(project.codebook)
    best = float("inf")
    for _ in range(3):
        started = time.process_time()
        out = {(g.source_id, g.idx): baseline.predict(g.text) for g in gold}
        best = min(best, time.process_time() - started)
    return out, best


# -- metrics ---------------------------------------------------------------------------------
@dataclass
class Scores:
    precision: float
    recall: float
    f1: float
    tp: int
    fp: int
    fn: int


def dimension_scores(
    gold: list[GoldSentence], predictions: dict, k: int, only: str | None = None
) -> Scores:
    tp = fp = fn = 0
    for g in gold:
        p = predictions.get((g.source_id, g.idx)) or Prediction()
        predicted = set(p.dimensions[:k])
        truth = set(g.dimensions)
        if only is not None:
            predicted &= {only}
            truth &= {only}
        tp += len(predicted & truth)
        fp += len(predicted - truth)
        fn += len(truth - predicted)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Scores(precision, recall, f1, tp, fp, fn)


def polarity_accuracy(gold: list[GoldSentence], predictions: dict) -> tuple[float, int, Counter]:
    right = total = 0
    confusion: Counter = Counter()
    for g in gold:
        p = predictions.get((g.source_id, g.idx))
        if not g.dimensions or p is None or not p.dimensions or p.dimensions[0] not in g.dimensions:
            continue
        total += 1
        right += p.polarity == g.polarity
        confusion[(g.polarity, p.polarity)] += 1
    return (right / total if total else 0.0), total, confusion


def report(name: str, gold, predictions) -> tuple[Scores, float]:
    top1 = dimension_scores(gold, predictions, 1)
    top2 = dimension_scores(gold, predictions, 2)
    accuracy, n, _ = polarity_accuracy(gold, predictions)
    print(f"{name}")
    for label, s in (("top-1", top1), ("top-2", top2)):
        print(
            f"  dimension {label}: P {s.precision:.3f}  R {s.recall:.3f}  F1 {s.f1:.3f}"
            f"   (tp {s.tp}, fp {s.fp}, fn {s.fn})"
        )
    print(f"  polarity accuracy: {accuracy:.3f} on {n} sentences with a right top-1 dimension")
    return top1, accuracy


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=GOLD)
    parser.add_argument("--errors", action="store_true", help="print every wrong sentence")
    args = parser.parse_args()
    if not args.gold.exists():
        print(f"gold file {args.gold} not found", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        project = build_project(Path(tmp))
        build_time = time.perf_counter() - started
        try:
            gold, problems = load_gold(project, args.gold)
            for p in problems:
                print(f"gold problem: {p}", file=sys.stderr)
            source_ids = sorted({g.source_id for g in gold})
            print(f"demo store built in {build_time:.2f} s")
            print(
                f"gold: {len(gold)} sentences in {len(source_ids)} sources, "
                f"{sum(1 for g in gold if g.dimensions)} with a dimension, {len(problems)} problems"
            )
            from qualcode.core.nlp import get_nlp
            from qualcode.core.suggest.matcher import matcher_for

            started = time.perf_counter()
            get_nlp()
            load_time = time.perf_counter() - started
            started = time.perf_counter()
            matcher_for(project.codebook)
            matcher_time = time.perf_counter() - started
            print(
                f"spaCy load {load_time:.2f} s; "
                f"codebook matcher built in {matcher_time * 1000:.0f} ms"
            )

            predictions, first, words = run_suggester(project, source_ids)
            cold = min(first, timed_runs(project, source_ids, 3, fresh=True))
            warm = timed_runs(project, source_ids, 3, fresh=False)
            base_predictions, base_time = run_baseline(project, gold)
            print()
            ours, accuracy = report(
                "suggester (lemmas + affixes + fuzzy + negation)", gold, predictions
            )
            print(
                f"  speed (CPU time, best of 3): {words / cold:,.0f} words/s with an empty "
                f"word cache, {words / warm:,.0f} words/s warm; "
                f"first run {words / first:,.0f} words/s ({words} words)"
            )
            base, base_accuracy = report(
                "baseline (exact keywords, cue words without negation)", gold, base_predictions
            )
            print(f"  speed (CPU time, best of 3): {words / base_time:,.0f} words/s")
            print()
            print("per dimension (suggester top-1 F1 / baseline top-1 F1):")
            for d in project.codebook.dimensions:
                a = dimension_scores(gold, predictions, 1, only=d.id)
                b = dimension_scores(gold, base_predictions, 1, only=d.id)
                print(f"  {d.id:<12} {a.f1:.3f} / {b.f1:.3f}   (gold {a.tp + a.fn})")
            print("per source (suggester top-1 F1 / polarity; baseline top-1 F1):")
            for sid in source_ids:
                part = [g for g in gold if g.source_id == sid]
                a = dimension_scores(part, predictions, 1)
                b = dimension_scores(part, base_predictions, 1)
                accuracy_here, n, _ = polarity_accuracy(part, predictions)
                label = Path(part[0].path).name
                print(f"  {label:<28} {a.f1:.3f} / {accuracy_here:.3f} on {n};  {b.f1:.3f}")
            _, _, confusion = polarity_accuracy(gold, predictions)
            print("polarity confusion (gold → suggested):")
            for (g, p), n in sorted(confusion.items(), key=lambda x: -x[1]):
                print(f"  {g:<10} → {p:<10} {n}")
            print()
            print(
                f"ratios: F1 {ours.f1 / base.f1 if base.f1 else float('inf'):.2f}x baseline; "
                "polarity "
                f"{accuracy / base_accuracy if base_accuracy else float('inf'):.2f}x baseline"
            )
            met = {True: "met", False: "MISSED"}
            goals = (
                f"goals: dimension F1 {ours.f1:.3f} (>= 0.6: {met[ours.f1 >= 0.6]}), "
                f"polarity {accuracy:.3f} (>= 0.75: {met[accuracy >= 0.75]}), "
                f"{words / first:,.0f} words/s on the first run (>= 20,000: "
                f"{met[words / first >= 20_000]})"
            )
            print(goals)
            if args.errors:
                print_errors(gold, predictions)
        finally:
            project.close()
    return 0


def print_errors(gold: list[GoldSentence], predictions: dict) -> None:
    print("\nerrors (gold dims/polarity | suggested top-2/polarity | text):")
    for g in gold:
        p = predictions.get((g.source_id, g.idx)) or Prediction()
        top1 = set(p.dimensions[:1])
        wrong_dim = top1 != (top1 & g.dimensions) or (g.dimensions and not top1)
        wrong_pol = (
            bool(g.dimensions) and top1 and top1 <= g.dimensions and p.polarity != g.polarity
        )
        if wrong_dim or wrong_pol:
            print(
                f"  {g.source_id}:{g.idx} {sorted(g.dimensions)}/{g.polarity} | "
                f"{p.dimensions}/{p.polarity} | {g.text}"
            )


if __name__ == "__main__":
    raise SystemExit(main())

"""Benchmark: compare two coders over 200 sources / 20,000 codings each (goal: under 2 s).

Run as ``python benchmarks/bench_agreement.py [--sources N] [--codings N] [--runs N]``. It builds
a throw-away project (coder A) whose sources have interviewer and informant turns, codes
20,000 spans (most one sentence, some two or three), and writes coder B's codings file: the
same spans, with about one in six changed (another code of the dimension, the other polarity,
left out, or a sentence A left uncoded). It prints the median of several runs of each step —
reading B's file, freezing both codings on the project's units, computing the report (sentence
and character level, with its disagreements) — and of the whole ``agreement compare`` path,
against the goal.
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench_displays import new_project  # noqa: E402

from qualcode.core.agreement.compare import OVERALL, codebook_order, compare  # noqa: E402
from qualcode.core.agreement.session import (  # noqa: E402
    build_material,
    compared_sources,
    read_other,
    record_comparison,
)
from qualcode.core.codings_file.format import Snapshot, SnapSource, dump  # noqa: E402
from qualcode.core.project import Project  # noqa: E402
from qualcode.core.records import Coding  # noqa: E402
from qualcode.core.store.sources import insert_source, insert_structure, sources  # noqa: E402

GOAL_S = 2.0
POLARITIES = ("pendukung", "penghambat", "netral")


def make(root: Path, n_sources: int, n_codings: int, seed: int = 7) -> tuple[Project, Path]:
    """Build coder A's project, and coder B's as a codings file and as a project folder beside
    it (``<root>-b``); return A's open project and B's file."""
    rng = random.Random(seed)
    project, indicators = new_project(root)
    per_source = n_codings // n_sources
    # One coding per informant sentence on average, and as many sentences again uncoded.
    answers = per_source
    theirs: list[SnapSource] = []
    with project.store.transaction("bench.fill", "fill", kind="barrier") as tx:
        for s in range(n_sources):
            parts, turns, sentences, at = [], [], [], 0
            for q in range(answers // 4):
                question = f"Pertanyaan nomor {q} tentang pelayanan?"
                turns.append(("P", "interviewer", at, at + len(question), None))
                sentences.append((len(turns) - 1, at, at + len(question)))
                parts.append(question)
                at += len(question) + 2
                start = at
                for i in range(8):
                    sentence = f"Jawaban {q}.{i} dari informan {s} tentang loket."
                    sentences.append((len(turns), at, at + len(sentence)))
                    parts.append(sentence)
                    at += len(sentence) + 1
                turns.append(("I", "informant", start, at - 1, None))
                at += 1
            text = ""
            for (_turn, start, _end), part in zip(sentences, parts, strict=True):
                text += " " * (start - len(text)) + part
            source_id = insert_source(
                tx,
                {
                    "path": f"transcripts/s{s:03}.txt",
                    "name": f"s{s:03}",
                    "sha256": f"{s:064}",
                    "technique": "wawancara",
                    "informant_id": None,
                    "text": text,
                },
            )
            insert_structure(tx, source_id, turns, sentences)
            informant = [(a, b) for turn, a, b in sentences if turns[turn][1] == "informant"]
            mine, other = [], []
            for n in range(per_source):
                first = rng.randrange(len(informant))
                last = min(len(informant) - 1, first + (0 if rng.random() < 0.8 else 2))
                start, end = informant[first][0], informant[last][1]
                dim = rng.choice(list(indicators))
                code, polarity = rng.choice(indicators[dim]), rng.choice(POLARITIES)
                mine.append((f"a{s}-{n}", source_id, start, end, code, polarity, text[start:end]))
                roll = rng.random()
                if roll < 0.05:
                    continue  # B left it out
                if roll < 0.10:
                    code = rng.choice(indicators[dim])
                elif roll < 0.15:
                    polarity = rng.choice(POLARITIES)
                elif roll < 0.17:
                    start, end = informant[rng.randrange(len(informant))]
                other.append(
                    Coding(
                        0,
                        f"b{s}-{n}",
                        0,
                        start,
                        end,
                        text[start:end],
                        code,
                        polarity,
                        "",
                        "",
                        "b",
                        "",
                        "",
                    )
                )
            tx.executemany(
                "INSERT INTO codings (uid, source_id, start, end, code_id, polarity, quote,"
                " coder, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'a', 'x', 'x')",
                mine,
            )
            theirs.append(SnapSource(f"transcripts/s{s:03}.txt", f"{s:064}", None, tuple(other)))
    file = root / "koder-b.yaml"
    file.write_text(
        dump(Snapshot(1, "B", project.codebook.id, tuple(theirs), (), ())), encoding="utf-8"
    )
    _second_project(project, root.with_name(f"{root.name}-b"), theirs)
    return project, file


def _second_project(project: Project, root: Path, theirs: list[SnapSource]) -> None:
    """Coder B's project folder: A's store (same sources) with B's codings instead of A's."""
    shutil.copytree(project.root / "codebooks", root / "codebooks")
    shutil.copyfile(project.paths.project_file, root / "qualcode.yaml")
    project.store.backup_to(root / ".qualcode" / "project.db")
    ids = {s.path: s.id for s in sources(project.store, with_text=False)}
    rows = [
        (c.uid, ids[src.path], c.start, c.end, c.code_id, c.polarity, c.quote)
        for src in theirs
        for c in src.codings
    ]
    with Project.open(root) as other, other.store.transaction("bench.b", "b", "barrier") as tx:
        tx.execute("DELETE FROM codings")
        tx.executemany(
            "INSERT INTO codings (uid, source_id, start, end, code_id, polarity, quote,"
            " coder, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'b', 'x', 'x')",
            rows,
        )


def timed(fn, runs: int) -> tuple[float, float, object]:
    """Median wall-clock and CPU seconds of ``runs`` calls, and the last result.

    CPU time is what the work costs whatever else the machine runs; wall time is the wait.
    """
    wall, cpu, result = [], [], None
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        result = fn()
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return statistics.median(wall), statistics.median(cpu), result


SIZES = {"sources": 200, "codings": 20_000, "runs": 3}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    for name, default in SIZES.items():
        parser.add_argument(f"--{name}", type=int, default=default)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="qualcode-bench-agreement-"))
    try:
        clock = time.perf_counter()
        project, file = make(tmp / "a", args.sources, args.codings)
        clock = time.perf_counter() - clock
        print(f"built {args.sources} sources, {args.codings} codings per coder in {clock:.1f} s")
        group_of, order = codebook_order(project.codebook)
        folder = tmp / "a-b"
        steps = {}
        steps["read B's project folder"] = timed(lambda: read_other(folder), args.runs)
        other = steps["read B's project folder"][2]
        chosen = compared_sources(project, other, [])
        steps["freeze both codings on the units"] = timed(
            lambda: build_material(project, other, chosen), args.runs
        )
        materials = steps["freeze both codings on the units"][2][0]
        steps["compute the report (both levels, disagreements)"] = timed(
            lambda: compare(materials, group_of, order), args.runs
        )
        report = steps["compute the report (both levels, disagreements)"][2]
        steps["whole 'agreement compare FOLDER' (+ record, before & after)"] = timed(
            lambda: record_comparison(project, folder), args.runs
        )
        comparison = steps["whole 'agreement compare FOLDER' (+ record, before & after)"][2]
        steps["whole 'agreement compare FILE.yaml' (YAML read dominates)"] = timed(
            lambda: record_comparison(project, file), 1
        )
        units = sum(len(m.units) for m in materials)
        overall = report.row(OVERALL).sentences
        print(f"units: {units} sentences, {report.characters} characters")
        print(
            f"codings: A {sum(len(m.first) for m in materials)},"
            f" B {sum(len(m.second) for m in materials)};"
            f" disagreements: {len(report.disagreements)};"
            f" overall kappa {overall.kappa:.3f}, alpha {overall.alpha:.3f}"
        )
        print(f"  {'step':<62} {'wall':>7} {'cpu':>7}  cpu/goal")
        for label, (wall, cpu, _) in steps.items():
            print(f"  {label:<62} {wall:6.2f}s {cpu:6.2f}s  {cpu / GOAL_S:5.0%}")
        assert comparison.before.units == units
        project.close()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()

"""Latency of coding operations and undo/redo at 200 sources / 20,000 codings (goal: < 20 ms).

Run: python benchmarks/bench_coding.py [--sources 200] [--codings 20000] [--repeat 300]
Prints median and p95 per operation and their ratio to the goal; asserts nothing about time.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from qualcode.core.coding import operations as coding  # noqa: E402
from qualcode.core.project import Project, init_project  # noqa: E402
from qualcode.core.store import codings as codings_repo  # noqa: E402
from qualcode.core.store import sources as source_repo  # noqa: E402
from qualcode.core.store.db import utc_now  # noqa: E402

GOAL_MS = 20.0
WORDS = (
    "pelayanan kantor kecamatan cepat lambat petugas ramah komputer rusak antre lama syarat "
    "berkas fotokopi surat pengantar desa biaya gratis pungutan jadwal loket ruang tunggu kursi "
    "kipas panas sistem jaringan online aplikasi warga pemohon kartu keluarga KTP akta tanda "
    "tangan camat sekretaris kasi pelayanan informasi papan pengumuman prosedur alur SOP jelas"
).split()
QUESTIONS = (
    "Bagaimana menurut Bapak pelayanan di kantor ini?",
    "Apa saja kendala yang Ibu alami ketika mengurus berkas?",
    "Berapa lama waktu yang dibutuhkan sampai dokumen selesai?",
)


def sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(6, 16))]
    return " ".join(words).capitalize() + rng.choice(".!?")


def make_source(rng: random.Random, turns: int) -> tuple[str, list, list]:
    """Return text, turn rows and sentence rows of one synthetic interview."""
    parts: list[str] = []
    turn_rows, sentence_rows = [], []
    pos = 0
    for idx in range(turns):
        interviewer = idx % 2 == 0
        sentences = (
            [rng.choice(QUESTIONS)]
            if interviewer
            else [sentence(rng) for _ in range(rng.randint(2, 6))]
        )
        start = pos
        for s in sentences:
            sentence_rows.append((idx, pos, pos + len(s)))
            pos += len(s) + 1
        body = " ".join(sentences)
        turn_rows.append(
            (
                "P" if interviewer else "I",
                "interviewer" if interviewer else "informant",
                start,
                start + len(body),
                None,
            )
        )
        parts.append(body)
        pos = start + len(body) + 2
    return "\n\n".join(parts) + "\n", turn_rows, sentence_rows


def build(root: Path, n_sources: int, n_codings: int, rng: random.Random) -> Project:
    init_project(root, title="Bench")
    project = Project.open(root)
    codes = [c.id for c in project.codebook.all_codes() if c.kind != "effort_category"]
    informant_sentences: list[tuple[int, int, int]] = []
    texts: dict[int, str] = {}
    with project.store.transaction("bench.sources", "bench", kind="info") as tx:
        for n in range(n_sources):
            text, turn_rows, sentence_rows = make_source(rng, turns=40)
            person = source_repo.ensure_informant(
                tx, f"I{n + 1}", {"grp": rng.choice(["aparatur", "masyarakat"])}, {}
            )
            sid = source_repo.insert_source(
                tx,
                {
                    "path": f"transcripts/I{n + 1}.txt",
                    "name": f"I{n + 1}",
                    "sha256": f"{n:064x}",
                    "technique": "wawancara",
                    "informant_id": person,
                    "encoding": "utf-8",
                    "text": text,
                },
            )
            source_repo.insert_structure(tx, sid, turn_rows, sentence_rows)
            texts[sid] = text
            informant_sentences += [(sid, s, e) for (turn, s, e) in sentence_rows if turn % 2 == 1]
    now = utc_now()
    rows = []
    used = set()
    while len(rows) < n_codings:
        sid, s, e = rng.choice(informant_sentences)
        code = rng.choice(codes)
        if (sid, s, e, code) in used:
            continue
        used.add((sid, s, e, code))
        rows.append(
            (
                f"{len(rows):012x}",
                sid,
                s,
                e,
                code,
                rng.choice(["pendukung", "penghambat", "netral"]),
                "ringkasan",
                "",
                texts[sid][s:e],
                "bench",
                now,
                now,
            )
        )
    with project.store.transaction("bench.codings", "bench", kind="info") as tx:
        tx.executemany(
            "INSERT INTO codings (uid, source_id, start, end, code_id, polarity, summary, memo, "
            "quote, coder, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
    project.store.conn.execute("ANALYZE")
    project._bench = (codes, informant_sentences, used)  # type: ignore[attr-defined]
    return project


def timed(fn, repeat: int) -> list[float]:
    samples = []
    for i in range(repeat):
        t0 = time.perf_counter()
        fn(i)
        samples.append((time.perf_counter() - t0) * 1000)
    return samples


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sources", type=int, default=200)
    parser.add_argument("--codings", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=300)
    args = parser.parse_args()
    rng = random.Random(63)
    os.environ.setdefault("QUALCODE_CODER", "bench")
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["QUALCODE_CONFIG_DIR"] = str(Path(tmp) / "config")
        t0 = time.perf_counter()
        project = build(Path(tmp) / "p", args.sources, args.codings, rng)
        setup = time.perf_counter() - t0
        codes, sentences, used = project._bench  # type: ignore[attr-defined]
        store = project.store
        total = store.scalar("SELECT count(*) FROM codings")
        chars = store.scalar("SELECT sum(length(text)) FROM sources")
        print(
            f"project: {args.sources} sources, {chars:,} characters, {total:,} codings "
            f"(built in {setup:.1f} s)"
        )

        fresh = []
        while len(fresh) < args.repeat:
            sid, s, e = rng.choice(sentences)
            code = rng.choice(codes)
            if (sid, s, e, code) not in used:
                used.add((sid, s, e, code))
                fresh.append((sid, s, e, code))
        made: list[int] = []
        results: dict[str, list[float]] = {}
        results["add_coding"] = timed(
            lambda i: made.append(
                coding.add_coding(project, *fresh[i], polarity="penghambat", summary="x").id
            ),
            args.repeat,
        )
        results["update_coding"] = timed(
            lambda i: coding.update_coding(project, made[i], summary=f"ringkasan {i}"), args.repeat
        )
        results["cycle_polarity"] = timed(
            lambda i: coding.cycle_polarity(project, made[i]), args.repeat
        )
        results["remove_coding"] = timed(
            lambda i: coding.remove_coding(project, made[i]), args.repeat
        )
        results["undo"] = timed(lambda i: coding.undo(project), args.repeat)
        results["redo"] = timed(lambda i: coding.redo(project), args.repeat)
        lengths = {sid: n for sid, n in store.query("SELECT id, length(text) FROM sources")}
        windows = []
        for _ in range(args.repeat):
            sid = rng.randrange(1, args.sources + 1)
            start = rng.randrange(0, max(1, lengths[sid] - 3000))
            windows.append((sid, start, start + 3000))
        found_in_range: list[int] = []
        results["codings_in_range (3,000 chars)"] = timed(
            lambda i: found_in_range.append(len(codings_repo.codings_in_range(store, *windows[i]))),
            args.repeat,
        )
        dimension = project.codebook.dimensions[0].id
        family = [dimension, *(c.id for c in project.codebook.indicators(dimension))]
        found_listed: list[int] = []
        results[f"list_codings(code_ids={len(family)} codes)"] = timed(
            lambda i: found_listed.append(len(codings_repo.list_codings(store, code_ids=family))),
            max(20, args.repeat // 10),
        )
        one = [family[1]]
        found_one: list[int] = []
        results["list_codings(code_ids=1 indicator)"] = timed(
            lambda i: found_one.append(len(codings_repo.list_codings(store, code_ids=one))),
            max(20, args.repeat // 10),
        )
        once = whole_project(project, Path(tmp))
        project.close()

    print(f"\n{'operation':<34} {'median ms':>10} {'p95 ms':>10} {'p95/goal':>9}")
    for name, samples in results.items():
        median = statistics.median(samples)
        p95 = statistics.quantiles(samples, n=20)[18] if len(samples) > 1 else samples[0]
        print(f"{name:<34} {median:>10.2f} {p95:>10.2f} {p95 / GOAL_MS:>8.2f}x")
    print(f"\ngoal: < {GOAL_MS:.0f} ms per operation in the core; ratios below 1.00x meet it")
    print(
        f"codings_in_range returned {statistics.mean(found_in_range):.1f} codings per window; "
        f"list_codings returned {found_listed[0]:,} and {found_one[0]:,} codings"
    )
    print(f"\n{'whole-project operation (once)':<44} {'seconds':>8}")
    for name, seconds in once.items():
        print(f"{name:<44} {seconds:>8.2f}")


def whole_project(project: Project, tmp: Path) -> dict[str, float]:
    """Time export of every coding and a first load of that file into an emptied store."""
    from qualcode.core.codings_file import io as codings_io

    target = tmp / "codings.yaml"
    t0 = time.perf_counter()
    n = codings_io.export_codings(project, target)
    t1 = time.perf_counter()
    with project.store.transaction("bench.wipe", "wipe", kind="info") as tx:
        tx.execute("DELETE FROM codings")
    t2 = time.perf_counter()
    report = codings_io.load_snapshot(project, target)
    t3 = time.perf_counter()
    assert report.added == n and not report.flagged
    size = target.stat().st_size / 1e6
    return {
        f"export {n:,} codings ({size:.1f} MB YAML)": t1 - t0,
        f"load them into an empty store ({report.added:,})": t3 - t2,
    }


if __name__ == "__main__":
    main()

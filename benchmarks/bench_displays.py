"""Benchmark: every display at 200 sources / 20,000 codings (goal: under 200 ms each).

Run as ``python benchmarks/bench_displays.py [--codings N] [--sources N] [--runs N]``. It builds a
throw-away project with the shipped Kepmenpan codebook, 200 sources (180 interviews of 60
informants, 10 observations, 10 documents) and 20,000 codings whose summaries vary the way
students' do (fillers, suffixes, synonyms, extra details, numbers, one-off statements), so the
search for near-duplicates has real work. It prints the median of several runs of each display,
the share of the goal, and the search for merge proposals alone.

``--scaling 200 2000`` instead builds projects of those sizes whose summaries are all distinct
and prints the per-source cost of the factor matrix and of the DOCX of factors + indicators
(the displays group statements in linear time; before issue 11 they clustered near-duplicates
and grew super-linearly).
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from qualcode.core.analysis.facts import load, read, statement  # noqa: E402
from qualcode.core.displays import DISPLAYS, build_display  # noqa: E402
from qualcode.core.project import Project, init_project  # noqa: E402
from qualcode.core.store.analysis import coding_facts  # noqa: E402
from qualcode.core.store.sources import insert_source, insert_structure  # noqa: E402

GOAL_MS = 200.0
CODEBOOK = "kepmenpan-63-2003.yaml"

# Base statements per (dimension, polarity): what informants of a PATEN study say.
BASE = {
    ("prosedur", "pendukung"): [
        "Alur pelayanan sudah jelas dan dipasang di banner",
        "SOP pelayanan sudah ada dan dijelaskan di loket",
        "Persyaratan ditempel di papan informasi",
        "Petugas menjelaskan persyaratan dengan sabar",
    ],
    ("prosedur", "penghambat"): [
        "Persyaratan berbeda antara desa dan kecamatan",
        "Warga disuruh pulang karena fotokopi KK kurang",
        "Surat pengantar desa sering tidak dibawa pemohon",
        "Warga belum paham alur pelayanan",
        "Informasi persyaratan tidak jelas",
    ],
    ("waktu", "pendukung"): [
        "Surat sederhana selesai di hari yang sama",
        "Pelayanan cepat kalau berkas lengkap",
        "Rekomendasi selesai 3 hari kerja sesuai SOP",
    ],
    ("waktu", "penghambat"): [
        "Menunggu tanda tangan camat sampai 5 hari",
        "Camat sering dinas luar sehingga surat tertunda",
        "Warga harus datang 3 kali untuk satu surat",
        "Antrean lama pada jam sibuk",
    ],
    ("biaya", "pendukung"): [
        "Pelayanan tidak dipungut biaya",
        "Ada banner tidak dipungut biaya di loket",
        "Warga tidak membayar apa pun",
    ],
    ("biaya", "penghambat"): [
        "Ada uang rokok untuk petugas honorer",
        "Ada biaya map Rp 10.000 untuk layanan cepat",
        "Warga memberi uang terima kasih secara sukarela",
    ],
    ("produk", "pendukung"): [
        "Dokumen yang diterima benar dan bisa dipakai",
        "Surat keterangan sesuai kebutuhan warga",
    ],
    ("produk", "penghambat"): [
        "Ada salah ketik nama di surat",
        "NIK salah ketik sehingga harus revisi",
        "Blanko formulir sering habis",
    ],
    ("sarana", "pendukung"): [
        "Ruang tunggu bersih",
        "Ada kotak saran di ruang tunggu",
        "Tersedia nomor pengaduan WhatsApp",
    ],
    ("sarana", "penghambat"): [
        "Komputer hanya 3 unit berfungsi",
        "Ruang tunggu sempit dan panas",
        "Kipas angin rusak dua dari tiga",
        "Printer sering macet",
        "Jaringan internet sering putus",
        "Listrik padam tanpa genset",
        "Tidak ada ramp untuk kursi roda",
        "Parkir sempit",
        "Toilet sering dikunci",
        "Mesin antrean belum dipasang",
    ],
    ("kompetensi", "pendukung"): [
        "Petugas ramah dan sopan",
        "Petugas loket menguasai aplikasi SIAK",
        "Petugas membantu warga yang kesulitan",
    ],
    ("kompetensi", "penghambat"): [
        "Petugas honorer belum pernah ikut bimtek",
        "Loket buka jam 08.30 bukan 08.00",
        "Petugas tidak di loket saat siang",
        "Ada petugas judes saat ramai",
        "Hanya dua petugas yang mahir aplikasi",
    ],
}
NEUTRAL = ["Informan menjelaskan tugasnya", "Pelayanan seperti biasa", "Tidak tahu soal ini"]
EFFORTS = [
    "Mengusulkan tiga komputer baru di APBD perubahan",
    "Mengusulkan genset tahun 2026",
    "Meminta bimtek untuk honorer ke kabupaten",
    "Sosialisasi persyaratan lewat kepala desa",
    "Membuat grup WhatsApp informasi pelayanan",
    "Menyusun jadwal piket loket",
    "Menyusun draf SK pelimpahan wewenang ke sekcam",
    "Mencetak checklist persyaratan per layanan",
]
FILLERS = ["sudah", "masih", "sangat", "cukup", "agak", "memang", "sering", "katanya"]
DETAILS = [
    "saat jam sibuk",
    "pada hari Senin",
    "menurut warga",
    "di loket 2",
    "sejak tahun lalu",
    "kata petugas",
    "waktu saya datang",
    "terutama pagi hari",
    "untuk surat domisili",
    "bagi lansia",
    "di musim hujan",
    "setelah pandemi",
]
SYNONYMS = {"petugas": "pegawai", "komputer": "PC", "warga": "masyarakat", "surat": "dokumen"}
WORDS = (
    "pelayanan loket warga petugas berkas antrean ruang kursi meja jaringan aplikasi data surat "
    "desa kecamatan camat sekcam kasi honorer informasi papan banner jadwal hari jam minggu"
).split()


def vary(text: str, rng: random.Random) -> str:
    """A student's rewording of a base statement."""
    words = text.split()
    roll = rng.random()
    if roll < 0.15:
        words.insert(rng.randrange(1, len(words) + 1), rng.choice(FILLERS))
    elif roll < 0.25:
        i = rng.randrange(len(words))
        words[i] = words[i] + "nya"
    elif roll < 0.35:
        words = [SYNONYMS.get(w.lower(), w) for w in words]
    elif roll < 0.55:
        words += rng.choice(DETAILS).split()
    elif roll < 0.65:
        words = [*words[1:], words[0].lower()]
    out = " ".join(words)
    if rng.random() < 0.3:
        out += "."
    return out[0].upper() + out[1:]


def one_off(rng: random.Random) -> str:
    """A statement nobody else makes (about a fifth of all summaries)."""
    n = rng.randint(4, 9)
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + f" {rng.randint(1, 99)}"


def _tag(n: int) -> str:
    """A unique lower-case word for a number: 1 → 'b', 27 → 'bb'... (base 26, letters only)."""
    letters = ""
    while True:
        n, digit = divmod(n, 26)
        letters = "abcdefghijklmnopqrstuvwxyz"[digit] + letters
        if not n:
            return "kt" + letters


def new_project(root: Path) -> tuple[Project, dict[str, list[str]]]:
    """Make an empty benchmark project with the Kepmenpan codebook; return it open, with the
    indicator ids of each dimension."""
    (root / "codebooks").mkdir(parents=True)
    shutil.copyfile(ROOT / "codebooks" / CODEBOOK, root / "codebooks" / CODEBOOK)
    init_project(root, title="bench", codebook=CODEBOOK)
    project = Project.open(root)
    codebook = project.codebook
    indicators = {d.id: [i.id for i in codebook.indicators(d.id)] for d in codebook.dimensions}
    return project, indicators


def make(
    root: Path, n_sources: int, n_codings: int, seed: int = 7, distinct: bool = False
) -> Project:
    """Build the benchmark project (``distinct``: every summary differs from every other)."""
    rng = random.Random(seed)
    project, indicators = new_project(root)
    dims = list(indicators)
    n_obs = n_doc = max(1, n_sources // 20)
    n_int = n_sources - n_obs - n_doc
    n_informants = max(2, n_int // 3)
    per_source = n_codings // n_sources
    with project.store.transaction("bench.fill", "fill", kind="barrier") as tx:
        informants = []
        for k in range(1, n_informants + 1):
            group = "aparatur" if k % 3 == 0 else "masyarakat"
            category = ("kunci", "utama", "pendukung")[k % 3]
            informants.append(
                tx.insert(
                    "informants",
                    {
                        "code": f"I{k}",
                        "role": "Petugas" if group == "aparatur" else "Warga",
                        "grp": group,
                        "category": category,
                    },
                )
            )
        uid = 0
        for s in range(n_sources):
            if s < n_int:
                technique, informant = "wawancara", informants[s % n_informants]
            else:
                technique = "observasi" if s < n_int + n_obs else "dokumentasi"
                informant = None
            sentences = [
                f"Kalimat nomor {i} dari sumber {s} tentang pelayanan." for i in range(per_source)
            ]
            text = " ".join(sentences)
            source_id = insert_source(
                tx,
                {
                    "path": f"transcripts/s{s:03}.txt",
                    "name": f"s{s:03}.txt",
                    "sha256": str(s),
                    "technique": technique,
                    "informant_id": informant,
                    "text": text,
                },
            )
            spans, at = [], 0
            for sentence in sentences:
                spans.append((0, at, at + len(sentence)))
                at += len(sentence) + 1
            insert_structure(tx, source_id, [("I", "informant", 0, len(text), None)], spans)
            rows = []
            for i, (_t, start, end) in enumerate(spans):
                roll = rng.random()
                dim = rng.choice(dims)
                if roll < 0.06:
                    code, polarity, summary = (
                        f"upaya.{dim}",
                        "pendukung",
                        vary(rng.choice(EFFORTS), rng),
                    )
                elif roll < 0.16:
                    code, polarity, summary = dim, "netral", vary(rng.choice(NEUTRAL), rng)
                else:
                    polarity = "pendukung" if rng.random() < 0.4 else "penghambat"
                    code = rng.choice(indicators[dim]) if rng.random() < 0.85 else dim
                    summary = (
                        one_off(rng)
                        if rng.random() < 0.2
                        else vary(rng.choice(BASE[(dim, polarity)]), rng)
                    )
                if i % 10 == 9:  # some double-coded passages for co-occurrence
                    start = spans[i - 1][1]
                uid += 1
                if distinct:  # a unique word, not a number: near-duplicates stay comparable
                    summary = f"{summary.rstrip('.')} ({_tag(uid)})"
                rows.append(
                    (f"b{uid}", source_id, start, end, code, polarity, summary, text[start:end])
                )
            tx.executemany(
                "INSERT INTO codings (uid, source_id, start, end, code_id, polarity, summary, "
                "quote, coder, created_at, updated_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'bench', 'x', 'x')",
                rows,
            )
    return project


def timed(fn, runs: int, setup=None) -> tuple[float, float]:
    """Median wall-clock and median CPU milliseconds of ``runs`` calls.

    CPU time (this process, all threads) is the cost that does not depend on what else the
    machine runs; wall time is what the user waits. ``setup`` runs before each call, untimed;
    the result is released after the clock stops (freeing 10^5 objects is not building them).
    """
    wall, cpu = [], []
    for _ in range(runs):
        if setup is not None:
            setup()
        w, c = time.perf_counter(), time.process_time()
        result = fn()
        cpu.append((time.process_time() - c) * 1000)
        wall.append((time.perf_counter() - w) * 1000)
        del result
    return statistics.median(wall), statistics.median(cpu)


VARIANTS = [(kind, {}) for kind in DISPLAYS] + [
    ("informant-dimension", {"cells": "count"}),
    ("triangulation", {"by": "group"}),
    ("cooccurrence", {"level": "indicator"}),
    ("quotes", {"code": "sarana"}),
]


def bench_displays(project: Project, runs: int) -> None:
    """Print cold and warm figures of every display."""
    store, codebook, settings = project.store, project.codebook, project.settings
    print(f"\n{'step':<36}{'wall ms':>9}{'cpu ms':>9}")
    for label, fn in (
        ("query (codings, sources, informants)", lambda: coding_facts(store)),
        ("read (query + classify)", lambda: read(store, codebook, settings)),
    ):
        wall, cpu = timed(fn, runs)
        print(f"{label:<36}{wall:>9.1f}{cpu:>9.1f}")
    print(
        f"\n{'display':<36}{'cold wall':>10}{'cold cpu':>10}{'of goal':>9}"
        f"{'warm wall':>11}{'warm cpu':>10}"
    )
    worst = {"cold": 0.0, "cpu": 0.0, "warm": 0.0}
    for kind, options in VARIANTS:
        build = partial(build_display, project, kind, **options)
        cold_wall, cold_cpu = timed(build, runs, setup=store.cache.clear)
        build()
        warm_wall, warm_cpu = timed(build, runs)
        worst = {
            "cold": max(worst["cold"], cold_wall),
            "cpu": max(worst["cpu"], cold_cpu),
            "warm": max(worst["warm"], warm_wall),
        }
        label = kind + "".join(f" {k}={v}" for k, v in options.items())
        over = "  OVER" if cold_wall > GOAL_MS else ""
        print(
            f"{label:<36}{cold_wall:>10.1f}{cold_cpu:>10.1f}{cold_wall / GOAL_MS:>9.0%}"
            f"{warm_wall:>11.1f}{warm_cpu:>10.1f}{over}"
        )
    print(
        f"\nslowest display: cold {worst['cold']:.1f} ms wall / {worst['cpu']:.1f} ms cpu "
        f"(ratio {worst['cold'] / GOAL_MS:.2f} of the {GOAL_MS:.0f} ms goal); "
        f"warm {worst['warm']:.1f} ms (ratio {worst['warm'] / GOAL_MS:.2f})"
    )
    print(
        "cold: the codings are read from the store for the display; warm: read once and reused\n"
        "while the store is unchanged (the TUI switching displays, an export of every table)."
    )


def bench_proposals(project: Project, runs: int) -> None:
    """Print the cost of finding merge proposals (the near-duplicate search) per statement."""
    from qualcode.core.analysis.merges import scopes
    from qualcode.core.analysis.statements import propose

    analysis = load(project.store, project.codebook, project.settings)
    cells = scopes(analysis)
    total = sum(len(facts) for facts in cells.values())
    wall, cpu = timed(lambda: [propose(facts, statement) for facts in cells.values()], runs)
    found = sum(len(propose(facts, statement)) for facts in cells.values())
    print(
        f"\nproposals: {total} codings in {len(cells)} cells -> {found} proposals in "
        f"{wall:.1f} ms wall / {cpu:.1f} ms cpu ({1000 * cpu / max(total, 1):.1f} us per coding)"
    )


def _cold(project: Project):
    """What drops the loaded analysis (so that ``--scaling`` also runs on older checkouts,
    whose displays cached it in a module instead of the store: the before figures)."""
    cache = getattr(project.store, "cache", None)
    if cache is not None:
        return cache.clear
    from qualcode.core.analysis import facts

    return facts.forget


def _proposals(project: Project) -> list:
    """The merge proposals of every cell (0 when this qualcode has none: before issue 11)."""
    try:
        from qualcode.core.analysis.merges import scopes
        from qualcode.core.analysis.statements import propose
    except ImportError:
        return []
    analysis = load(project.store, project.codebook, project.settings)
    return [propose(facts, statement) for facts in scopes(analysis).values()]


def bench_scaling(sizes: list[int], per_source: int, runs: int) -> None:
    """Print per-source cost of the factor matrix and of the DOCX of factors + indicators, at
    each size, with every summary distinct (the worst case for grouping statements)."""
    from qualcode.export.docx import docx_bytes

    print(f"\nscaling ({per_source} codings per source, every summary distinct)")
    print(
        f"{'sources':>8}{'codings':>9}{'factors ms':>12}{'per source':>12}{'docx ms':>10}"
        f"{'per source':>12}{'proposals ms':>14}{'per source':>12}"
    )
    for n in sizes:
        tmp = Path(tempfile.mkdtemp(prefix="qualcode-bench-scale-"))
        try:
            project = make(tmp / "p", n, n * per_source, distinct=True)
            codings = project.store.scalar("SELECT count(*) FROM codings")
            cold = _cold(project)
            factors, _ = timed(partial(build_display, project, "factors"), runs, setup=cold)

            def docx(project=project) -> bytes:
                tables = [build_display(project, kind) for kind in ("factors", "indicators")]
                return docx_bytes(tables)

            written, _ = timed(docx, runs, setup=cold)
            found, _ = timed(partial(_proposals, project), runs)
            print(
                f"{n:>8}{codings:>9}{factors:>12.1f}{1000 * factors / n:>9.0f} us"
                f"{written:>10.1f}{1000 * written / n:>9.0f} us"
                f"{found:>14.1f}{1000 * found / n:>9.0f} us"
            )
            project.close()
        finally:
            shutil.rmtree(tmp, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sources", type=int, default=200)
    parser.add_argument("--codings", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--scaling",
        type=int,
        nargs="*",
        metavar="SOURCES",
        help="only time factors and the DOCX at these sizes (e.g. 200 2000), summaries distinct",
    )
    parser.add_argument("--per-source", type=int, default=10, help="codings per source (scaling)")
    args = parser.parse_args()
    if args.scaling:
        bench_scaling(args.scaling, args.per_source, args.runs)
        return
    tmp = Path(tempfile.mkdtemp(prefix="qualcode-bench-"))
    try:
        started = time.perf_counter()
        project = make(tmp / "p", args.sources, args.codings)
        total = project.store.scalar("SELECT count(*) FROM codings")
        print(
            f"store: {args.sources} sources, {total} codings "
            f"(built in {time.perf_counter() - started:.1f} s); median of {args.runs} runs; "
            f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs"
        )
        bench_displays(project, args.runs)
        bench_proposals(project, args.runs)
        project.close()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()

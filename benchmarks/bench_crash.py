"""Crash safety: kill -9 a real ``qualcode`` at random moments, then check the project.

Each run copies a small coded project, starts one command (import of a folder, coding, codebook
add/rename/merge, undo, codings import, codings export), sends SIGKILL after a random delay in
the later part of the command's usual duration, opens the project again and checks it: SQLite
integrity, no codings on codes the codebook lacks, no change left pending, codings.yaml
readable, and every coding that existed before still there (by id). Goal: 0 inconsistent, 0 lost.

Run: python benchmarks/bench_crash.py [--runs 200] [--seed 1]
Prints runs, kills (and how many fell inside a write: after the command's first commit point),
inconsistent projects and lost codings; asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from qualcode.core.codebook.edit import rename_code  # noqa: E402
from qualcode.core.coding.operations import code_sentence  # noqa: E402
from qualcode.core.codings_file.io import export_codings, read_snapshot  # noqa: E402
from qualcode.core.project import Project, init_project  # noqa: E402
from qualcode.core.sources.importing import import_paths  # noqa: E402
from qualcode.core.store import consistency  # noqa: E402
from qualcode.errors import QualcodeError  # noqa: E402

ANSWERS = (
    "Pelayanannya cepat dan petugasnya ramah.",
    "Syaratnya fotokopi KK dan surat pengantar desa.",
    "Antrinya lama sekali kalau pagi hari.",
    "Tidak ada biaya, semuanya gratis.",
    "Komputernya sering rusak jadi kami menunggu.",
)


def interview(rng: random.Random, turns: int = 12) -> str:
    parts = []
    for n in range(turns):
        if n % 2 == 0:
            parts.append("P: Bagaimana pengalaman Bapak/Ibu di kantor kecamatan?")
        else:
            parts.append("I: " + " ".join(rng.choice(ANSWERS) for _ in range(3)))
    return "\n\n".join(parts) + "\n"


def answers(project: Project, source: int) -> list[int]:
    """Numbers of the informant's sentences in a source."""
    rows = project.store.query(
        "SELECT s.idx FROM sentences s JOIN turns t ON t.id = s.turn_id"
        " WHERE s.source_id = ? AND t.kind = 'informant' ORDER BY s.idx",
        (source,),
    )
    return [row[0] for row in rows]


def build_base(base: Path, rng: random.Random) -> tuple[Path, Path, Path, int]:
    """A coded project, a folder of new transcripts, and a codings file with extra codings."""
    root = init_project(base / "proyek", title="Uji crash")
    for n in range(1, 4):
        (root / "transcripts" / f"I{n}.txt").write_text(interview(rng), encoding="utf-8")
    folder = base / "baru"
    folder.mkdir()
    for n in range(4, 8):
        (folder / f"I{n}.txt").write_text(interview(rng), encoding="utf-8")
    with Project.open(root) as project:
        import_paths(project, [root / "transcripts"])
        for source in (1, 2, 3):
            for sentence in answers(project, source)[:8:2]:
                code_sentence(project, source, sentence, "waktu-kecepatan")
        free = answers(project, 1)[3]  # left uncoded for the "code" command
        export_codings(project, root / "codings.yaml")
        rename_code(project, "waktu-standar", label="Standar waktu")  # what undo reverts
    extra = base / "extra"
    shutil.copytree(root, extra)
    with Project.open(extra) as project:
        for source in (1, 2, 3):
            code_sentence(project, source, answers(project, source)[1], "prosedur-persyaratan")
        export_codings(project, base / "tambahan.yaml")
    shutil.rmtree(extra)
    return root, folder, base / "tambahan.yaml", free


def operations(folder: Path, extra: Path, free: int, n: int) -> dict[str, list[str]]:
    return {
        "import": ["import", str(folder)],
        "code": ["code", "I1", "biaya-kewajaran", "--sentence", str(free)],
        "codebook add": [
            "codebook", "add", f"waktu-uji{n}", "--label", "Uji", "--parent", "waktu",
            "--definition", "Uji crash.",
        ],
        "codebook rename": ["codebook", "rename", "waktu-kecepatan", "--id", f"waktu-cepat{n}"],
        "codebook merge": ["codebook", "merge", "waktu-kecepatan", "waktu-standar"],
        "undo": ["undo"],
        "codings import": ["codings", "import", str(extra)],
        "codings export": ["codings", "export", "--force"],
    }  # fmt: skip


def environment(base: Path, trace: Path) -> dict[str, str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QUALCODE_CONFIG_DIR": str(base / "config")}
    env.update(QUALCODE_CODER="bench", QUALCODE_FAULT_TRACE=str(trace))
    env.pop("QUALCODE_FAULT", None)
    return env


def run_once(root: Path, args: list[str], env: dict[str, str], delay: float | None) -> int:
    """Run the command, killing it after ``delay`` seconds; return its exit status (-9: killed)."""
    process = subprocess.Popen(
        [sys.executable, "-m", "qualcode", "--project", str(root), *args],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        return process.wait(timeout=delay)
    except subprocess.TimeoutExpired:
        process.send_signal(signal.SIGKILL)
        return process.wait()


def uids(root: Path) -> set[str]:
    with Project.open(root, readonly=True) as project:
        return {row[0] for row in project.store.query("SELECT uid FROM codings")}


def check(root: Path, before: set[str]) -> tuple[list[str], int]:
    """Problems of the project after the kill, and how many earlier codings are gone."""
    try:
        with Project.open(root) as project:
            problems = consistency.problems(project)
            after = {row[0] for row in project.store.query("SELECT uid FROM codings")}
    except QualcodeError as exc:
        return [f"cannot open: {exc.message}"], 0
    snapshot = root / "codings.yaml"
    try:
        read_snapshot(snapshot)
    except QualcodeError as exc:
        problems.append(f"codings.yaml: {exc.message}")
    return problems, len(before - after)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    opts = parser.parse_args()
    rng = random.Random(opts.seed)
    with tempfile.TemporaryDirectory(prefix="qualcode-crash-") as tmp:
        base = Path(tmp)
        os.environ["QUALCODE_CONFIG_DIR"] = str(base / "config")
        os.environ["QUALCODE_CODER"] = "bench"
        template, folder, extra, free = build_base(base, rng)
        before = uids(template)
        trace = base / "trace"
        env = environment(base, trace)
        durations: dict[str, float] = {}
        for name, args in operations(folder, extra, free, 0).items():  # calibrate, unkilled
            work = Path(shutil.copytree(template, base / "calibrate"))
            started = time.perf_counter()
            status = run_once(work, args, env, None)
            durations[name] = time.perf_counter() - started
            if status != 0:
                print(f"warning: '{name}' exits {status} without a kill")
            shutil.rmtree(work)
        print("command durations (s): " + ", ".join(f"{k} {v:.2f}" for k, v in durations.items()))
        kills = in_write = inconsistent = lost = 0
        bad: list[str] = []
        for run in range(opts.runs):
            name = rng.choice(sorted(durations))
            args = operations(folder, extra, free, run + 1)[name]
            work = Path(shutil.copytree(template, base / f"run{run}"))
            trace.unlink(missing_ok=True)
            # Most of a command's time is Python starting up: aim at its second half.
            delay = rng.uniform(0.4, 1.02) * durations[name]
            killed = run_once(work, args, env, delay) == -signal.SIGKILL
            reached = trace.read_text(encoding="utf-8").split() if trace.exists() else []
            kills += killed
            in_write += killed and bool(reached)
            problems, gone = check(work, before)
            inconsistent += bool(problems)
            lost += gone
            if problems or gone:
                bad.append(f"  run {run} {name} (points {reached}): {problems} lost {gone}")
            shutil.rmtree(work)
        print(f"runs: {opts.runs}")
        print(f"kills: {kills} (inside a write: {in_write})")
        print(f"inconsistent projects: {inconsistent}")
        print(f"lost codings: {lost}")
        print("\n".join(bad[:20]))


if __name__ == "__main__":
    main()

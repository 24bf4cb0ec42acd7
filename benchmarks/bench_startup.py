"""Benchmark the command line's start-up, whole process: what a student waits for at a prompt.

Prints the median of several runs of each command in a fresh interpreter:

* ``python -c "import qualcode.cli"`` and ``qualcode --help`` (start-up alone),
* ``qualcode status`` on the demo project (start-up + opening the store),
* ``qualcode import transcripts`` of 13 transcripts of ~5,000 words each (issue 16's figure, goal
  < 0.8 s) into a fresh project: the first run (the store is built) and a second run (nothing
  changed). Each is built from one demo interview's own turns and speaker labels, repeated with
  its sentences rotated and a sentence borrowed from a later turn until it reaches 5,000 words
  (deterministic, every turn text distinct, so no cache answers for a repeat);
* the same for the 13 demo interviews as they are (~1,000 words each).

Run: ``python benchmarks/bench_startup.py [--repeat 5]``. Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _run(args: list[str], cwd: Path, env: dict[str, str]) -> float:
    t0 = time.perf_counter()
    subprocess.run(
        args, cwd=cwd, env=env, check=True, capture_output=True, stdin=subprocess.DEVNULL
    )
    return time.perf_counter() - t0


def _median(samples: list[float]) -> str:
    return f"median {statistics.median(samples) * 1000:7.1f} ms   (n={len(samples)})"


WORDS = 5_000
"""Words per transcript in issue 16's import figure."""


def _interviews() -> list[Path]:
    """The 13 demo interviews (not the observation and documentation notes)."""
    return [
        path
        for path in sorted((ROOT / "transcripts").iterdir())
        if not path.name.startswith(("observasi", "dokumentasi"))
    ]


def _long_transcript(path: Path, words: int = WORDS) -> str:
    """A ~``words``-word plain-text transcript made of one demo interview's turns and labels."""
    from qualcode.core.ingest.parse import parse_file

    source = parse_file(path)
    turns = [
        (turn.speaker, source.text[turn.start : turn.end].strip())
        for turn in source.turns
        if source.text[turn.start : turn.end].strip()
    ]
    pieces = [re.split(r"(?<=[.?!])\s+", text) for _, text in turns]
    lines: list[str] = []
    count, round_ = 0, 0
    while count < words:
        for i, (speaker, text) in enumerate(turns):
            if round_:
                own = pieces[i]
                shift = round_ % len(own)
                other = pieces[(i + round_) % len(turns)]
                borrowed = other[round_ % len(other)]
                text = " ".join([*own[shift:], *own[:shift], borrowed])
            lines.append(f"{speaker}: {text}")
            count += len(text.split())
            if count >= words:
                break
        round_ += 1
    return "\n\n".join(lines) + "\n"


def _import_runs(
    py: str, tmp: Path, env: dict[str, str], name: str, fill: Callable[[Path], None], repeat: int
) -> tuple[list[float], list[float], Path]:
    """Time a first and a second ``qualcode import transcripts`` in ``repeat`` fresh projects."""
    first, again = [], []
    project = tmp
    for i in range(repeat):
        project = tmp / f"{name}{i}"
        _run([py, "-m", "qualcode", "init", str(project)], tmp, env)
        fill(project / "transcripts")
        first.append(_run([py, "-m", "qualcode", "import", "transcripts"], project, env))
        again.append(_run([py, "-m", "qualcode", "import", "transcripts"], project, env))
    return first, again, project


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    py = sys.executable
    results: dict[str, str] = {}
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "PYTHONPATH": str(ROOT), "QUALCODE_CONFIG_DIR": f"{tmp}/config"}
        # A student's Python caches bytecode; without the cache every run compiles every module.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        demo = Path(tmp) / "demo"
        demo.mkdir()
        for name in ("qualcode.yaml", "codings.yaml", "codebooks", "transcripts"):
            src = ROOT / name
            (shutil.copytree if src.is_dir() else shutil.copy)(src, demo / name)
        results["import qualcode.cli"] = _median(
            [_run([py, "-c", "import qualcode.cli"], demo, env) for _ in range(args.repeat)]
        )
        results["qualcode --help"] = _median(
            [_run([py, "-m", "qualcode", "--help"], demo, env) for _ in range(args.repeat)]
        )
        long_texts = {path.stem + ".txt": _long_transcript(path) for path in _interviews()}
        total = sum(len(text.split()) for text in long_texts.values())

        def fill_long(target: Path) -> None:
            for name, text in long_texts.items():
                (target / name).write_text(text, encoding="utf-8")

        def fill_demo(target: Path) -> None:
            for path in _interviews():
                shutil.copy(path, target / path.name)

        first, again, _ = _import_runs(py, Path(tmp), env, "long", fill_long, args.repeat)
        label = f"13 x {total // len(long_texts):,} words"
        results[f"qualcode import ({label}, fresh project)"] = _median(first)
        results[f"qualcode import again ({label}, nothing changed)"] = _median(again)
        first, again, project = _import_runs(py, Path(tmp), env, "demo", fill_demo, args.repeat)
        results["qualcode import (13 demo interviews, fresh project)"] = _median(first)
        results["qualcode import again (13 demo interviews, nothing changed)"] = _median(again)
        results["qualcode status (demo project)"] = _median(
            [_run([py, "-m", "qualcode", "status"], project, env) for _ in range(args.repeat)]
        )
    width = max(len(k) for k in results)
    for name, figure in results.items():
        print(f"{name:<{width}}  {figure}")


if __name__ == "__main__":
    main()

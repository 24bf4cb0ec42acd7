"""Benchmark the command line's start-up, whole process: what a student waits for at a prompt.

Prints the median of several runs of each command in a fresh interpreter:

* ``python -c "import qualcode.cli"`` and ``qualcode --help`` (start-up alone),
* ``qualcode status`` on the demo project (start-up + opening the store),
* ``qualcode import transcripts`` of the 13 demo interviews into a fresh project: the first run
  (the store is built) and a second run (nothing changed).

Run: ``python benchmarks/bench_startup.py [--repeat 5]``. Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
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
        first, again = [], []
        for i in range(args.repeat):
            project = Path(tmp) / f"p{i}"
            _run([py, "-m", "qualcode", "init", str(project)], Path(tmp), env)
            target = project / "transcripts"
            for path in sorted((ROOT / "transcripts").iterdir()):
                if not path.name.startswith(("observasi", "dokumentasi")):  # the 13 interviews
                    shutil.copy(path, target / path.name)
            first.append(_run([py, "-m", "qualcode", "import", "transcripts"], project, env))
            again.append(_run([py, "-m", "qualcode", "import", "transcripts"], project, env))
        results["qualcode import (13 interviews, fresh project)"] = _median(first)
        results["qualcode import again (nothing changed)"] = _median(again)
        results["qualcode status (demo project)"] = _median(
            [_run([py, "-m", "qualcode", "status"], project, env) for _ in range(args.repeat)]
        )
    width = max(len(k) for k in results)
    for name, figure in results.items():
        print(f"{name:<{width}}  {figure}")


if __name__ == "__main__":
    main()

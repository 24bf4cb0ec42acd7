"""Every benchmark still runs: each script, at a tiny size, in a fresh interpreter.

The performance goals are measured by ``benchmarks/`` and reported in closing notes; a
benchmark that crashes (one did, after a record type changed) silently stops measuring. These
runs assert that each script finishes and prints its figures, never how fast anything is. Where
a benchmark checks a behaviour — the crash benchmark's consistency after kills, the suggestion
benchmark's gold found by text — that outcome is asserted too.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BENCHMARKS = ROOT / "benchmarks"

# script → (tiny arguments, patterns the output must contain)
SMOKE: dict[str, tuple[list[str], list[str]]] = {
    "bench_agreement.py": (
        ["--sources", "5", "--codings", "100", "--runs", "1"],
        [r"overall kappa \d\.\d{3}, alpha \d\.\d{3}", r"compute the report .* \d+\.\d\ds"],
    ),
    "bench_coding.py": (
        ["--sources", "5", "--codings", "100", "--repeat", "3"],
        [r"add_coding +\d+\.\d\d", r"undo +\d+\.\d\d"],
    ),
    "bench_crash.py": (
        ["--runs", "3"],
        [r"kills: [1-9]", r"inconsistent projects: 0\b", r"lost codings: 0\b"],
    ),
    "bench_displays.py": (
        ["--sources", "5", "--codings", "100", "--runs", "1"],
        [r"informant-dimension +\d+\.\d"],
    ),
    "bench_export.py": (
        ["--sources", "5", "--codings", "100", "--runs", "1"],
        [r"tables: \d+ \(0 skipped\)"],
    ),
    "bench_ingest.py": (
        ["--sizes", "2", "--words", "300"],
        [r"^ +2 +\d+ +\d+\.\d\d", r"demo: .* \d+\.\d\d s"],
    ),
    "bench_inputs.py": (["--only", "laughs"], [r"front matter laughs .* IngestError"]),
    "bench_reanchor.py": ([], [r"plan_reanchor \(500\): +\d+\.\d ms"]),
    "bench_review.py": (
        ["--comments", "3", "--sources", "5", "--codings", "100"],
        [r"placed: 3/3", r"HTML build \+ write: \d+\.\d\d s"],
    ),
    "bench_search.py": (
        ["--sources", "5", "--words", "200", "--codings", "100", "--repeats", "1"],
        [r"word index built in \d+ ms", r"phrase +\d+\.\d\d"],
    ),
    "bench_startup.py": (["--repeat", "1"], [r"qualcode import .* median +\d+\.\d ms"]),
    "bench_suggest.py": (
        ["--no-speed"],
        [r"all found by text", r"test suggester +P \d\.\d{3} +R \d\.\d{3} +F1 \d\.\d{3}"],
    ),
    "bench_tui.py": (
        ["--sources", "5", "--codings", "100", "--big", "3000", "--repeat", "2", "--many", "20"],
        [
            r"startup .* \d+\.\d ms",
            r"first visit: coding stage .* \d+\.\d ms",
            r"very first open \(no store\): first frame +\d+\.\d ms",
            r"startup at 20 sources .* \d+\.\d ms",
        ],
    ),
}


def test_every_benchmark_has_a_smoke_run() -> None:
    """A new benchmark gets its tiny run here, or it could rot unnoticed."""
    scripts = {path.name for path in BENCHMARKS.glob("bench_*.py")}
    assert scripts == set(SMOKE)


@pytest.mark.parametrize("script", sorted(SMOKE))
def test_benchmark_runs_and_prints_its_figures(script: str, tmp_path: Path) -> None:
    """The script exits 0 at a tiny size, without a traceback, and prints its figures."""
    arguments, patterns = SMOKE[script]
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QUALCODE_CONFIG_DIR": str(tmp_path / "cfg")}
    done = subprocess.run(
        [sys.executable, str(BENCHMARKS / script), *arguments],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=240,
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-3000:]
    assert "Traceback" not in done.stderr, done.stderr[-3000:]
    for pattern in patterns:
        assert re.search(pattern, done.stdout, re.MULTILINE), (pattern, done.stdout[-3000:])

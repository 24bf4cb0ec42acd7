"""Bounded readers: the largest legal inputs and hostile ones, each in a fresh process.

Goal: every input finishes or is refused in under 10 s and 500 MB (peak resident memory of the
process, Python and libraries included: VmHWM; ru_maxrss would count the parent's memory).
Cases: a codebook, a codings file and a transcript
(.txt and a one-paragraph .docx) just under their limits; YAML aliases ("billion laughs") in
front matter, a codebook nested 100,000 deep, a .docx whose side part inflates to gigabytes,
files over the limits.

Run: python benchmarks/bench_inputs.py [--only NAME]
Prints seconds, peak MB, the outcome (ok or the error class) and the ratio to both goals.
"""

from __future__ import annotations

import argparse
import io
import json
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from qualcode.core import limits  # noqa: E402
from qualcode.core.ingest.model import MAX_BYTES  # noqa: E402

GOAL_S, GOAL_MB = 10.0, 500.0
SENTENCE = "Pelayanannya cepat tetapi antrinya lama sekali kalau pagi hari. "
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def codebook(size: int) -> str:
    head = "id: besar\ntitle: Besar\nreference: Uji\ndimensions:\n"
    parts, n = [head], 0
    while sum(map(len, parts)) < size:
        n += 1
        parts.append(
            f"  - id: d{n}\n    label: Dimensi {n}\n    definition: {SENTENCE * 20}\n"
            f"    keywords: [antre, lama, cepat]\n    indicators:\n"
            f"      - id: d{n}-a\n        label: A {n}\n        definition: {SENTENCE * 10}\n"
        )
    return "".join(parts)[:size].rsplit("\n  - id:", 1)[0] + "\n"


def codings(size: int) -> str:
    parts = ["format: qualcode-codings\nversion: 1\ntitle: Uji\ncodebook: kepmenpan\nsources:\n"]
    total, uid, src = len(parts[0]), 0, 0
    while total < size:
        src += 1
        block = [f"- path: transcripts/S{src}.txt\n  sha256: {'a' * 64}\n  codings:\n"]
        for k in range(200):
            uid += 1
            block.append(
                f"  - id: c{uid:08d}\n    start: {k * 100}\n    end: {k * 100 + 60}\n"
                f"    quote: {SENTENCE.strip()}\n    code: waktu-kecepatan\n"
                f"    polarity: penghambat\n    summary: antre lama\n    coder: nadia\n"
            )
        text = "".join(block)
        if total + len(text) > size:
            break
        parts.append(text)
        total += len(text)
    parts.append("# " + "x" * max(0, size - total - 3) + "\n")  # pad to the exact size
    return "".join(parts)


def transcript(chars: int) -> str:
    turns, total = [], 0
    while total < chars:
        turn = "P: Bagaimana pelayanannya?\n\nI: " + SENTENCE * 30 + "\n\n"
        turns.append(turn)
        total += len(turn)
    return "".join(turns)[:chars]


def docx(paragraph: str, extra: dict[str, bytes] | None = None) -> bytes:
    style = '<w:rPr><w:rStyle w:val="Strong"/></w:rPr>' if extra else ""
    body = f'<w:document xmlns:w="{W}"><w:body><w:p><w:r>{style}<w:t>'
    document = body.encode() + paragraph.encode() + b"</w:t></w:r></w:p></w:body></w:document>"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("word/document.xml", document)
        for name, data in (extra or {}).items():
            package.writestr(name, data)
    return buffer.getvalue()


def laughs() -> str:
    lines = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for n in range(1, 10):
        prev = chr(96 + n)
        lines.append(f"{chr(97 + n)}: &{chr(97 + n)} [{', '.join(['*' + prev] * 9)}]")
    return "---\n" + "\n".join(lines) + "\n---\nP: Halo?\n\nI: Ya.\n"


def cases(folder: Path) -> dict[str, tuple[str, Path]]:
    """Name → (reader, file) for every case; the files are written into ``folder``."""
    made: dict[str, tuple[str, Path]] = {}

    def put(name: str, reader: str, filename: str, data: str | bytes) -> None:
        path = folder / filename
        path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
        made[name] = (reader, path)

    put("codebook at limit", "codebook", "cb.yaml", codebook(limits.MAX_CODEBOOK_BYTES - 1024))
    put("codebook nested 100k", "codebook", "deep.yaml", "x: " + "[" * 100_000)
    put("codings at limit", "codings", "codings.yaml", codings(limits.MAX_CODINGS_BYTES - 4096))
    put("codings over limit", "codings", "over.yaml", codings(limits.MAX_CODINGS_BYTES + 4096))
    put("transcript at limit", "transcript", "I1.txt", transcript(limits.MAX_TEXT_CHARS - 100))
    put("transcript 20 MB", "transcript", "I2.txt", transcript(MAX_BYTES - 1024))
    put("front matter laughs", "transcript", "I3.txt", laughs())
    brackets = "P: Halo?\n\nI: Ya. " + "(" * 200_000 + " Selesai.\n"  # quadratic for spaCy
    put("200k brackets, no space", "transcript", "I6.txt", brackets)
    put("docx one paragraph", "transcript", "I4.docx", docx(SENTENCE * 60_000))
    bomb = docx("I: Halo.", {"word/styles.xml": b" " * (2 * 1024 * 1024 * 1024 // 8)})
    put("docx styles bomb", "transcript", "I5.docx", bomb)
    return made


CHILD = """
import json, sys, time
from pathlib import Path
started = time.perf_counter()
reader, path = sys.argv[1], Path(sys.argv[2])
outcome = "ok"
try:
    if reader == "codebook":
        from qualcode.core.codebook.model import load_codebook
        load_codebook(path)
    elif reader == "codings":
        from qualcode.core.codings_file.io import read_snapshot
        read_snapshot(path)
    else:
        from qualcode.core.ingest.parse import parse_file
        parse_file(path)
except Exception as exc:
    outcome = type(exc).__name__
status = Path("/proc/self/status").read_text()
peak = int(status.split("VmHWM:")[1].split()[0]) / 1024  # this process's own peak
print(json.dumps([time.perf_counter() - started, peak, outcome]))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", default=None, help="run only cases whose name contains this")
    opts = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="qualcode-inputs-") as tmp:
        head = f"{'case':<24} {'size MB':>8} {'s':>6} {'peak MB':>8}  {'x10s':>5} {'x500MB':>6}"
        print(head + "  outcome")
        for name, (reader, path) in cases(Path(tmp)).items():
            if opts.only and opts.only not in name:
                continue
            result = subprocess.run(
                [sys.executable, "-c", CHILD, reader, str(path)],
                capture_output=True,
                text=True,
                env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
                timeout=600,
            )
            seconds, peak, outcome = json.loads(result.stdout.strip().splitlines()[-1])
            size = path.stat().st_size / (1024 * 1024)
            print(
                f"{name:<24} {size:8.1f} {seconds:6.2f} {peak:8.0f}  "
                f"{seconds / GOAL_S:5.2f} {peak / GOAL_MB:6.2f}  {outcome}"
            )


if __name__ == "__main__":
    main()

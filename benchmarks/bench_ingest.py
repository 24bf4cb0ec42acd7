"""Ingest benchmark: words/s, peak memory and the ratio to spaCy's bare tokenizer.

Usage: python benchmarks/bench_ingest.py [--sizes 13,200,1000] [--words 5000]

For each size N it generates N synthetic transcripts (P:/I: turns, Indonesian vocabulary),
imports them into a fresh project in a child process (so peak memory is per run), and runs
spaCy's ``blank("id")`` tokenizer alone over the same texts in the same child. It also times
``qualcode import transcripts`` on a copy of the bundled demo, start-up included.
Prints figures; asserts nothing about time.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _demo_sentences() -> list[str]:
    """Sentences of the bundled demo's text transcripts: a realistic Indonesian vocabulary."""
    import re

    found: list[str] = []
    for path in sorted((ROOT / "transcripts").glob("*")):
        if path.suffix not in (".txt", ".md"):
            continue
        raw = path.read_bytes()
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = raw.decode("cp1252")
        for line in text.splitlines():
            line = re.sub(r"^(\[[\d:]+\]\s*)?[\w .]{1,20}:\s*", "", line.strip())
            found.extend(s for s in re.split(r"(?<=[.!?])\s+", line) if len(s.split()) >= 4)
    return found


SENTENCES = _demo_sentences()


def _typo(rng: random.Random, sentence: str) -> str:
    """Misspell one word now and then, as real transcripts do (and so the vocabulary grows)."""
    words = sentence.split()
    i = rng.randrange(len(words))
    w = words[i]
    if len(w) > 4:
        j = rng.randrange(1, len(w) - 1)
        words[i] = w[:j] + w[j + 1 :] if rng.random() < 0.5 else w[:j] + w[j] + w[j:]
    return " ".join(words)


def make_transcript(rng: random.Random, words: int) -> str:
    """Return one synthetic interview of about ``words`` words (P:/I: turns of demo sentences)."""
    parts, count, turn = ["Transkrip Wawancara"], 0, 0
    while count < words:
        speaker = "P" if turn % 2 == 0 else "I"
        sentences = []
        for _ in range(1 if speaker == "P" else rng.randint(2, 7)):
            sentence = rng.choice(SENTENCES)
            if rng.random() < 0.3:
                sentence = _typo(rng, sentence)
            sentences.append(sentence)
            count += len(sentence.split())
        parts.append(f"{speaker}: {' '.join(sentences)}")
        turn += 1
    return "\n\n".join(parts) + "\n"


def child(folder: str) -> None:
    """Run in a child process: import the folder into a new project, then tokenize alone."""
    import spacy

    from qualcode.core.ingest.sentences import SentenceSegmenter
    from qualcode.core.project import Project, init_project
    from qualcode.core.sources.importing import import_paths
    from qualcode.core.store.sources import SegmentCache

    root = Path(folder)
    files = sorted((root / "data").glob("*.txt"))
    texts = [f.read_text(encoding="utf-8") for f in files]
    words = sum(len(t.split()) for t in texts)
    init_project(root / "proj")
    project = Project.open(root / "proj")
    segmenter = SentenceSegmenter(cache=SegmentCache(project.store))
    segmenter.segment_many(["Memuat aturan dulu. Supaya adil."])  # both sides start warm
    nlp = spacy.blank("id")
    nlp.tokenizer("Memuat spaCy dulu.")
    start = time.perf_counter()
    report = import_paths(project, [root / "data"], segmenter=segmenter)
    ingest = time.perf_counter() - start
    assert not report.failed, report.failed
    sentences = project.store.scalar("SELECT count(*) FROM sentences")
    project.close()
    start = time.perf_counter()
    tokens = sum(len(doc) for doc in nlp.tokenizer.pipe(texts, batch_size=64))
    tokenize = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        json.dumps(
            {
                "words": words,
                "ingest_s": ingest,
                "tokenize_s": tokenize,
                "tokens": tokens,
                "sentences": sentences,
                "peak_mb": peak_mb,
            }
        )
    )


def run_size(n: int, words: int) -> dict:
    """Generate ``n`` transcripts and measure them in a child process."""
    rng = random.Random(n)
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        data.mkdir()
        for i in range(n):
            (data / f"I{i + 1:04d}_synthetic.txt").write_text(
                make_transcript(rng, words), encoding="utf-8"
            )
        out = subprocess.run(
            [sys.executable, __file__, "--child", tmp], capture_output=True, text=True, check=True
        )
        return json.loads(out.stdout.strip().splitlines()[-1])


def demo_import_seconds() -> float:
    """Time `qualcode import transcripts` on a fresh copy of the demo project (whole process)."""
    with tempfile.TemporaryDirectory() as tmp:
        proj = Path(tmp) / "demo"
        proj.mkdir()
        shutil.copytree(ROOT / "transcripts", proj / "transcripts")
        shutil.copytree(ROOT / "codebooks", proj / "codebooks")
        shutil.copy(ROOT / "qualcode.yaml", proj / "qualcode.yaml")
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "qualcode", "--project", str(proj), "status"],
            check=True,
            capture_output=True,
        )
        return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="13,200,1000")
    parser.add_argument("--words", type=int, default=5000)
    parser.add_argument("--child")
    args = parser.parse_args()
    if args.child:
        child(args.child)
        return
    print(
        f"{'N':>6} {'words':>10} {'ingest s':>9} {'words/s':>10} {'tokenizer w/s':>14} "
        f"{'ratio':>6} {'peak MB':>8} {'µs/word':>8}"
    )
    for n in (int(s) for s in args.sizes.split(",")):
        r = run_size(n, args.words)
        wps = r["words"] / r["ingest_s"]
        tps = r["words"] / r["tokenize_s"]
        print(
            f"{n:>6} {r['words']:>10,} {r['ingest_s']:>9.2f} {wps:>10,.0f} {tps:>14,.0f} "
            f"{wps / tps:>6.2f} "
            f"{r['peak_mb']:>8.0f} {1e6 * r['ingest_s'] / r['words']:>8.2f}"
        )
    print("goal: ratio >= 0.70 and flat µs/word (linear growth)")
    print(
        "demo: `qualcode status` on a fresh copy (builds the store: start-up + import): "
        f"{demo_import_seconds():.2f} s (goal < 3 s)"
    )


if __name__ == "__main__":
    main()

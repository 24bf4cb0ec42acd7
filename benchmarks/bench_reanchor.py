"""Re-anchoring speed and accuracy: 500 codings on a 300,000-character transcript, 50 edits.

Run: python benchmarks/bench_reanchor.py   (prints figures; asserts nothing about time)
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from qualcode.core.coding.alignment import OffsetMap  # noqa: E402
from qualcode.core.coding.reanchor import Span, apply_reanchor, plan_reanchor  # noqa: E402

WORDS = (
    "pelayanan warga kantor camat berkas persyaratan komputer antri lama petugas loket "
    "tidak sudah belum kurang cukup baik ramah cepat biaya gratis pungutan surat izin "
    "prosedur waktu hari minggu jaringan internet printer rusak kami saya bapak ibu "
    "memang kadang sering jarang pagi siang sore datang pulang lagi harus bisa mau"
).split()
TYPOS = {
    "pelayanan": "pelayann",
    "persyaratan": "persyratan",
    "komputer": "komputr",
    "antri": "antre",
}


def transcript(rng: random.Random, size: int) -> tuple[str, list[tuple[int, int]]]:
    """A synthetic interview of about ``size`` characters and its informant sentences."""
    parts: list[str] = []
    sentences: list[tuple[int, int]] = []
    length = 0
    turn = 0
    while length < size:
        turn += 1
        question = "P: " + " ".join(rng.choices(WORDS, k=rng.randint(4, 9))).capitalize() + "?\n"
        parts.append(question)
        length += len(question)
        answer = "I: "
        for _ in range(rng.randint(1, 4)):
            sentence = " ".join(rng.choices(WORDS, k=rng.randint(6, 18))).capitalize() + "."
            start = length + len(answer)
            sentences.append((start, start + len(sentence)))
            answer += sentence + " "
        answer = answer.rstrip() + "\n"
        parts.append(answer)
        length += len(answer)
    return "".join(parts), sentences


def edit(rng: random.Random, text: str, spans: list[Span], n: int) -> str:
    """Apply ``n`` scattered edits, back to front so the coded spans stay valid while editing.

    Per five edits: a typo inside a coded sentence, a coded sentence deleted, a word deleted
    from a question, a timestamp inserted, a new sentence inserted.
    """
    targets = sorted(rng.sample(range(len(spans)), n), reverse=True)
    for i, target in enumerate(targets):
        span = spans[target]
        kind = i % 5
        if kind == 0:  # a typo inside the coding
            word = span.start + span.quote.find(" ", len(span.quote) // 2) + 1
            text = text[:word] + text[word + 1 :]
        elif kind == 1:  # the coded sentence deleted
            text = text[: span.start] + text[span.end + 1 :]
        elif kind == 2:  # words deleted from the question before (questions are never coded)
            question = text.rfind("\nP: ", 0, span.start) + 4
            text = text[:question] + text[text.find(" ", question) + 1 :] if question > 3 else text
        elif kind == 3:  # a timestamp before the turn
            line = text.rfind("\n", 0, span.start) + 1
            text = text[:line] + "[00:12:34] " + text[line:]
        else:  # a sentence added after the turn
            line = text.find("\n", span.end) + 1
            text = (
                text[:line]
                + "I: Tambahan keterangan dari informan sesudah dicek ulang.\n"
                + text[line:]
            )
    return text


def timed(func, *args, repeat: int = 3):
    best = float("inf")
    result = None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = func(*args)
        best = min(best, time.perf_counter() - t0)
    return best, result


def main() -> None:
    rng = random.Random(63)
    old, sentences = transcript(rng, 300_000)
    chosen = sorted(rng.sample(sentences, 500))
    spans = [Span(i, s, e, old[s:e]) for i, (s, e) in enumerate(chosen)]
    new = edit(rng, old, spans, 50)
    print(
        f"transcript: {len(old):,} characters, {len(sentences):,} sentences; 500 codings, 50 edits"
    )

    t_align, offsets = timed(OffsetMap, old, new)
    t_plan, anchors = timed(plan_reanchor, old, new, spans)
    statuses = {
        s: sum(1 for a in anchors if a.status == s) for s in ("unchanged", "moved", "flagged")
    }
    exact = sum(1 for a, s in zip(anchors, spans, strict=True) if new[a.start : a.end] == s.quote)
    print(f"alignment alone:        {t_align * 1000:8.1f} ms ({offsets.changed} changed regions)")
    print(
        f"plan_reanchor (500):    {t_plan * 1000:8.1f} ms  = {t_plan / 500 * 1e6:.0f} µs per coding"
    )
    print(
        f"  unchanged {statuses['unchanged']}, moved {statuses['moved']}, "
        f"flagged {statuses['flagged']} "
        f"(10 coded sentences were deleted); {exact} on their exact old text, "
        f"{statuses['moved'] + statuses['unchanged'] - exact} on a typo-fixed text"
    )

    t_same, _ = timed(plan_reanchor, old, old, spans)
    print(f"unchanged text (500):   {t_same * 1000:8.1f} ms")

    unrelated, _ = transcript(random.Random(7), 300_000)
    t_worst, worst = timed(plan_reanchor, old, unrelated, spans, repeat=1)
    flagged = sum(1 for a in worst if a.status == "flagged")
    print(f"whole text replaced:    {t_worst * 1000:8.1f} ms ({flagged} of 500 flagged)")

    print(f"ratio replaced/edited:  {t_worst / t_plan:8.1f}x")
    t_store = store_round_trip(old, new, chosen)
    print(
        f"apply_reanchor in store: {t_store * 1000:7.1f} ms (read 500 codings, plan, write changes)"
    )


def store_round_trip(old: str, new: str, chosen) -> float:
    from qualcode.core.store import sources as repo
    from qualcode.core.store.db import Store

    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "b.db") as store:
        row = {
            "path": "t/I1.txt",
            "name": "I1",
            "sha256": "x",
            "technique": "wawancara",
            "text": old,
        }
        with store.transaction("source.import", "import", kind="info") as tx:
            sid = repo.insert_source(tx, row)
            for i, (s, e) in enumerate(chosen):
                tx.insert(
                    "codings",
                    {
                        "uid": f"u{i}",
                        "source_id": sid,
                        "start": s,
                        "end": e,
                        "code_id": "prosedur",
                        "polarity": "netral",
                        "quote": old[s:e],
                        "coder": "b",
                        "created_at": "x",
                        "updated_at": "x",
                    },
                )
        t0 = time.perf_counter()
        with store.transaction("source.reimport", "re-import", kind="barrier") as tx:
            apply_reanchor(tx, sid, old, new)
        return time.perf_counter() - t0


if __name__ == "__main__":
    main()

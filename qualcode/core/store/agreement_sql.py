"""Store queries and writes for inter-coder agreement: comparisons, decisions, sentence units."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from qualcode.core.store.db import Store, Tx, utc_now


@dataclass(frozen=True, slots=True)
class ComparisonRow:
    """A recorded comparison: who was compared with whom, and its frozen data (JSON)."""

    id: int
    label: str
    coder_a: str
    coder_b: str
    data: str
    author: str
    created_at: str


def codable_units(store: Store, source_ids: Sequence[int]) -> dict[int, list[tuple[int, int, int]]]:
    """Return per source the (index, start, end) of every sentence outside interviewer turns."""
    found: dict[int, list[tuple[int, int, int]]] = {int(i): [] for i in source_ids}
    if not found:
        return found
    marks = ", ".join("?" for _ in found)
    rows = store.conn.execute(
        "SELECT s.source_id, s.idx, s.start, s.end FROM sentences s"
        " JOIN turns t ON t.id = s.turn_id"
        f" WHERE t.kind != 'interviewer' AND s.source_id IN ({marks})"
        " ORDER BY s.source_id, s.start",
        tuple(found),
    ).fetchall()
    for source_id, idx, start, end in rows:
        found[source_id].append((idx, start, end))
    return found


def insert_comparison(tx: Tx, label: str, coders: tuple[str, str], data: str, author: str) -> int:
    """Record a comparison (untracked: a record of the past, not a change to undo)."""
    cur = tx.execute(
        "INSERT INTO agreement_comparisons (label, coder_a, coder_b, data, author, created_at)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        (label, coders[0], coders[1], data, author, utc_now()),
    )
    return int(cur.lastrowid)


def _comparison(row) -> ComparisonRow:
    return ComparisonRow(
        row["id"],
        row["label"],
        row["coder_a"],
        row["coder_b"],
        row["data"],
        row["author"],
        row["created_at"],
    )


def comparison(store: Store, comparison_id: int | None = None) -> ComparisonRow | None:
    """Return one comparison, or the newest one when no id is given (None when there is none)."""
    if comparison_id is None:
        row = store.conn.execute(
            "SELECT * FROM agreement_comparisons ORDER BY id DESC LIMIT 1"
        ).fetchone()
    else:
        row = store.conn.execute(
            "SELECT * FROM agreement_comparisons WHERE id = ?", (comparison_id,)
        ).fetchone()
    return _comparison(row) if row is not None else None


def decisions(store: Store, comparison_id: int) -> dict[tuple[str, int, int], str]:
    """Return the consensus decisions of a comparison, by (source path, start, end)."""
    rows = store.conn.execute(
        "SELECT source, start, end, choice FROM agreement_decisions WHERE comparison_id = ?",
        (comparison_id,),
    ).fetchall()
    return {(r["source"], r["start"], r["end"]): r["choice"] for r in rows}


def set_decision(
    tx: Tx, comparison_id: int, unit: tuple[str, int, int], choice: str, author: str
) -> None:
    """Record (or change) the consensus decision on one unit (tracked for undo)."""
    source, start, end = unit
    row = tx.conn.execute(
        "SELECT id FROM agreement_decisions"
        " WHERE comparison_id = ? AND source = ? AND start = ? AND end = ?",
        (comparison_id, source, start, end),
    ).fetchone()
    values = {"choice": choice, "author": author, "decided_at": utc_now()}
    if row is None:
        tx.insert(
            "agreement_decisions",
            {"comparison_id": comparison_id, "source": source, "start": start, "end": end} | values,
        )
    else:
        tx.update("agreement_decisions", int(row["id"]), values)

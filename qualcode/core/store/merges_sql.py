"""Store queries and writes for the student's decisions on near-duplicate statements."""

from __future__ import annotations

from qualcode.core.records import StatementMerge, from_row, row_of
from qualcode.core.store.db import Store, Tx


def list_merges(store: Store, state: str | None = None) -> list[StatementMerge]:
    """Return the stored merges (optionally of one state), oldest first."""
    if state is None:
        rows = store.query("SELECT * FROM statement_merges ORDER BY created_at, id")
    else:
        rows = store.query(
            "SELECT * FROM statement_merges WHERE state = ? ORDER BY created_at, id", (state,)
        )
    return [from_row(StatementMerge, row) for row in rows]


def merge_by_uid(store: Store, uid: str) -> StatementMerge | None:
    """Return one stored merge by its uid, or None."""
    rows = store.query("SELECT * FROM statement_merges WHERE uid = ?", (uid,))
    return from_row(StatementMerge, rows[0]) if rows else None


def insert_merge(tx: Tx, merge: StatementMerge) -> int:
    """Store one merge decision (tracked for undo); return its row id."""
    return tx.insert("statement_merges", row_of(merge))


def delete_merge(tx: Tx, merge_id: int) -> None:
    """Remove one stored merge (tracked for undo)."""
    tx.delete("statement_merges", merge_id)

"""Store queries and writes for the student's decisions on near-duplicate statements."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass

from qualcode.core.store.db import Store, Tx


@dataclass(frozen=True, slots=True)
class StatementMerge:
    """An accepted merge (its wording and member codings) or a rejected proposal."""

    id: int
    uid: str
    state: str
    text: str
    members: tuple[str, ...]
    author: str
    created_at: str


def _merge(row: sqlite3.Row) -> StatementMerge:
    members = tuple(json.loads(row["members"]))
    return StatementMerge(*row[:4], members, row["author"], row["created_at"])


def list_merges(store: Store, state: str | None = None) -> list[StatementMerge]:
    """Return the stored merges (optionally of one state), oldest first."""
    if state is None:
        rows = store.query("SELECT * FROM statement_merges ORDER BY created_at, id")
    else:
        rows = store.query(
            "SELECT * FROM statement_merges WHERE state = ? ORDER BY created_at, id", (state,)
        )
    return [_merge(row) for row in rows]


def merge_by_uid(store: Store, uid: str) -> StatementMerge | None:
    """Return one stored merge by its uid, or None."""
    rows = store.query("SELECT * FROM statement_merges WHERE uid = ?", (uid,))
    return _merge(rows[0]) if rows else None


def insert_merge(
    tx: Tx, uid: str, state: str, text: str, members: list[str], author: str, at: str
) -> int:
    """Store one merge decision (tracked for undo); return its row id."""
    return tx.insert(
        "statement_merges",
        {
            "uid": uid,
            "state": state,
            "text": text,
            "members": json.dumps(members, ensure_ascii=False),
            "author": author,
            "created_at": at,
        },
    )


def delete_merge(tx: Tx, merge_id: int) -> None:
    """Remove one stored merge (tracked for undo)."""
    tx.delete("statement_merges", merge_id)

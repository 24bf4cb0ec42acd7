"""Store queries and writes for analytic memos."""

from __future__ import annotations

import sqlite3
from typing import Any

from qualcode.core.records import Memo, columns
from qualcode.core.store.db import Store, Tx

MEMO_KINDS = ("code", "source", "informant", "coding", "project")


def _memo(row: sqlite3.Row) -> Memo:
    return Memo(**{name: row[name] for name in columns(Memo)})


def memo_by_id(store: Store, memo_id: int) -> Memo | None:
    """Return one memo by row id, or None."""
    row = store.conn.execute("SELECT * FROM memos WHERE id = ?", (memo_id,)).fetchone()
    return _memo(row) if row else None


def memo_by_uid(store: Store, uid: str) -> Memo | None:
    """Return one memo by its stable uid, or None."""
    row = store.conn.execute("SELECT * FROM memos WHERE uid = ?", (uid,)).fetchone()
    return _memo(row) if row else None


def list_memos(
    store: Store, target_kind: str | None = None, target: str | None = None
) -> list[Memo]:
    """Return memos (optionally of one kind, and one target), oldest first."""
    where: list[str] = []
    params: list[Any] = []
    if target_kind is not None:
        where.append("target_kind = ?")
        params.append(target_kind)
    if target is not None:
        where.append("target = ?")
        params.append(target)
    sql = "SELECT * FROM memos"
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += " ORDER BY created_at, id"
    return [_memo(r) for r in store.query(sql, params)]


def insert_memo(tx: Tx, row: dict[str, Any]) -> int:
    """Insert one memo (tracked for undo); return its row id."""
    return tx.insert("memos", row)


def update_memo(tx: Tx, memo_id: int, changes: dict[str, Any]) -> None:
    """Change columns of one memo (tracked for undo)."""
    tx.update("memos", memo_id, changes)


def delete_memo(tx: Tx, memo_id: int) -> None:
    """Delete one memo (tracked for undo)."""
    tx.delete("memos", memo_id)


def rows_by_uid(store: Store) -> dict[str, dict[str, Any]]:
    """Return every memo as a plain row, keyed by uid (for bulk comparison on import)."""
    return {r["uid"]: dict(r) for r in store.query("SELECT * FROM memos")}

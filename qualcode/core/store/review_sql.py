"""Store queries and writes for review threads and their messages (the supervisor's review)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from typing import Any

from qualcode.core.records import ReviewMessage, ReviewThread
from qualcode.core.store.db import Store, Tx

TARGET_KINDS = ("coding", "cell", "conclusion", "verdict", "memo", "source", "code", "project")
STATES = ("open", "answered", "resolved")
MARKS = ("approved", "needs_revision")


def _threads(store: Store, rows: list[sqlite3.Row]) -> list[ReviewThread]:
    if not rows:
        return []
    uids = [r["uid"] for r in rows]
    by_thread: dict[str, list[ReviewMessage]] = {}
    for start in range(0, len(uids), 500):
        chunk = uids[start : start + 500]
        marks = ", ".join("?" for _ in chunk)
        for row in store.query(
            f"SELECT * FROM review_messages WHERE thread_uid IN ({marks}) ORDER BY created_at, id",
            chunk,
        ):
            by_thread.setdefault(row["thread_uid"], []).append(ReviewMessage(**dict(row)))
    return [ReviewThread(**dict(r), messages=tuple(by_thread.get(r["uid"], ()))) for r in rows]


def thread_by_id(store: Store, thread_id: int) -> ReviewThread | None:
    """Return one thread by row id, or None."""
    rows = store.query("SELECT * FROM review_threads WHERE id = ?", (thread_id,))
    found = _threads(store, rows)
    return found[0] if found else None


def thread_by_uid(store: Store, uid: str) -> ReviewThread | None:
    """Return one thread by its stable uid, or None."""
    rows = store.query("SELECT * FROM review_threads WHERE uid = ?", (uid,))
    found = _threads(store, rows)
    return found[0] if found else None


def list_threads(
    store: Store,
    *,
    states: Iterable[str] | None = None,
    target_kind: str | None = None,
    target: str | None = None,
    person: str | None = None,
    newest_first: bool = False,
) -> list[ReviewThread]:
    """Return threads, optionally of some states, one kind of target (and target), or one
    person (who started it or wrote in it)."""
    where: list[str] = []
    params: list[Any] = []
    if states is not None:
        chosen = list(states)
        where.append(f"state IN ({', '.join('?' for _ in chosen)})")
        params += chosen
    if target_kind is not None:
        where.append("target_kind = ?")
        params.append(target_kind)
    if target is not None:
        where.append("target = ?")
        params.append(target)
    if person is not None:
        where.append(
            "(author = ? OR uid IN (SELECT thread_uid FROM review_messages WHERE author = ?))"
        )
        params += [person, person]
    sql = "SELECT * FROM review_threads"
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += " ORDER BY updated_at DESC, id DESC" if newest_first else " ORDER BY created_at, id"
    return _threads(store, store.query(sql, params))


def current_marks(store: Store) -> dict[tuple[str, str], ReviewThread]:
    """Return, per (target kind, target), the newest thread carrying a mark."""
    rows = store.query("SELECT * FROM review_threads WHERE mark != '' ORDER BY created_at, id")
    return {(t.target_kind, t.target): t for t in _threads(store, rows)}


def counts_by_target(store: Store, target_kind: str) -> dict[str, int]:
    """Return how many unresolved threads each target of one kind has."""
    rows = store.query(
        "SELECT target, count(*) AS n FROM review_threads"
        " WHERE target_kind = ? AND state != 'resolved' GROUP BY target",
        (target_kind,),
    )
    return {r["target"]: r["n"] for r in rows}


def origins(store: Store) -> set[str]:
    """Return the origins (e.g. a Word comment's fingerprint) already imported."""
    rows = store.query(
        "SELECT origin FROM review_threads WHERE origin != ''"
        " UNION SELECT origin FROM review_messages WHERE origin != ''"
    )
    return {r["origin"] for r in rows}


def thread_rows(store: Store) -> dict[str, dict[str, Any]]:
    """Return every thread as a plain row keyed by uid (for merging a codings file)."""
    return {r["uid"]: dict(r) for r in store.query("SELECT * FROM review_threads")}


def message_uids(store: Store) -> set[str]:
    """Return the uids of every message (for merging a codings file)."""
    return {r["uid"] for r in store.query("SELECT uid FROM review_messages")}


def insert_thread(tx: Tx, row: dict[str, Any]) -> int:
    """Insert one thread (tracked for undo); return its row id."""
    return tx.insert("review_threads", row)


def update_thread(tx: Tx, thread_id: int, changes: dict[str, Any]) -> None:
    """Change columns of one thread (tracked for undo)."""
    tx.update("review_threads", thread_id, changes)


def insert_message(tx: Tx, row: dict[str, Any]) -> int:
    """Insert one message (tracked for undo); return its row id."""
    return tx.insert("review_messages", row)


def delete_thread(tx: Tx, thread_id: int, uid: str) -> None:
    """Delete a thread and its messages (tracked for undo)."""
    for (pk,) in tx.conn.execute(
        "SELECT id FROM review_messages WHERE thread_uid = ?", (uid,)
    ).fetchall():
        tx.delete("review_messages", pk)
    tx.delete("review_threads", thread_id)


def threads_by_origin(store: Store) -> dict[str, tuple[str, str]]:
    """Return, per imported origin, the (uid, author) of the thread it opened."""
    rows = store.query("SELECT origin, uid, author FROM review_threads WHERE origin != ''")
    return {r["origin"]: (r["uid"], r["author"]) for r in rows}


def coding_uids(store: Store) -> dict[int, str]:
    """Return every coding's uid by its row id (to name a table cell's coding by its stable key)."""
    return {r[0]: r[1] for r in store.conn.execute("SELECT id, uid FROM codings")}


def turn_starts(store: Store) -> dict[int, list[int]]:
    """Return, per source, the start offsets of its turns in order (to cite a quote's turn)."""
    out: dict[int, list[int]] = {}
    for source_id, start in store.conn.execute(
        "SELECT source_id, start FROM turns ORDER BY source_id, idx"
    ):
        out.setdefault(source_id, []).append(start)
    return out

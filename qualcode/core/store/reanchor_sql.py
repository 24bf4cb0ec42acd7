"""Store queries for re-anchoring: the codings of one source with their anchors."""

from __future__ import annotations

import sqlite3


def coding_anchors(conn: sqlite3.Connection, source_id: int) -> list[sqlite3.Row]:
    """Return the id, offsets, quote and status of every coding of a source, in text order."""
    return conn.execute(
        "SELECT id, start, end, quote, status, flag_reason FROM codings "
        "WHERE source_id = ? ORDER BY start, end, id",
        (source_id,),
    ).fetchall()


def rejection_anchors(conn: sqlite3.Connection, source_id: int) -> list[sqlite3.Row]:
    """Return the rejected suggestions of a source (their spans point into its old text)."""
    return conn.execute(
        "SELECT * FROM rejected_suggestions WHERE source_id = ? ORDER BY start, end, id",
        (source_id,),
    ).fetchall()

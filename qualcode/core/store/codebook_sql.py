"""Store queries and writes for codebook edits: what refers to a code id, and re-pointing it.

A code id is referred to by codings, memos and review threads on a code (or its conclusion or
verdict), a dimension's conclusion, an
indicator's verdict and remembered rejected suggestions. Re-pointing goes through the tracked
``Tx`` methods, so one codebook edit is one undoable event.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from qualcode.core.store.db import Store, Tx


@dataclass(frozen=True, slots=True)
class Usage:
    """How much of the student's work refers to a set of code ids."""

    codings: int = 0
    memos: int = 0
    comments: int = 0
    conclusions: int = 0
    verdicts: int = 0

    @property
    def total(self) -> int:
        return self.codings + self.memos + self.comments + self.conclusions + self.verdicts


def coding_counts(store: Store) -> dict[str, int]:
    """Return how many codings each code id has (ids not in any codebook included)."""
    rows = store.query("SELECT code_id, count(*) AS n FROM codings GROUP BY code_id")
    return {row["code_id"]: row["n"] for row in rows}


def flagged_counts(store: Store) -> dict[str, int]:
    """Return how many flagged codings each code id has."""
    rows = store.query(
        "SELECT code_id, count(*) AS n FROM codings WHERE status = 'flagged' GROUP BY code_id"
    )
    return {row["code_id"]: row["n"] for row in rows}


def _marks(ids: list[str]) -> str:
    return ", ".join("?" for _ in ids)


def usage(conn: sqlite3.Connection, code_ids: Iterable[str]) -> Usage:
    """Count what refers to any of ``code_ids``."""
    ids = list(dict.fromkeys(code_ids))
    if not ids:
        return Usage()
    marks = _marks(ids)

    def count(sql: str) -> int:
        return int(conn.execute(sql.format(marks=marks), ids).fetchone()[0])

    return Usage(
        codings=count("SELECT count(*) FROM codings WHERE code_id IN ({marks})"),
        memos=count(
            "SELECT count(*) FROM memos WHERE target_kind = 'code' AND target IN ({marks})"
        ),
        comments=count(
            "SELECT count(*) FROM review_threads"
            " WHERE target_kind IN ('code', 'conclusion', 'verdict') AND target IN ({marks})"
        ),
        conclusions=count("SELECT count(*) FROM conclusions WHERE dimension_id IN ({marks})"),
        verdicts=count("SELECT count(*) FROM indicator_verdicts WHERE indicator_id IN ({marks})"),
    )


def same_place(conn: sqlite3.Connection, old: str, new: str) -> int:
    """Count codings of ``old`` that a coding of ``new`` already covers at the very same span."""
    sql = (
        "SELECT count(*) FROM codings a WHERE a.code_id = ? AND EXISTS (SELECT 1 FROM codings b "
        "WHERE b.code_id = ? AND b.source_id = a.source_id AND b.start = a.start AND b.end = a.end)"
    )
    return int(conn.execute(sql, (old, new)).fetchone()[0])


def has_conclusion(conn: sqlite3.Connection, dimension_id: str) -> bool:
    """Tell whether a dimension has a conclusion row."""
    sql = "SELECT 1 FROM conclusions WHERE dimension_id = ?"
    return conn.execute(sql, (dimension_id,)).fetchone() is not None


def has_verdict(conn: sqlite3.Connection, indicator_id: str) -> bool:
    """Tell whether an indicator has a verdict row."""
    sql = "SELECT 1 FROM indicator_verdicts WHERE indicator_id = ?"
    return conn.execute(sql, (indicator_id,)).fetchone() is not None


def repoint(tx: Tx, mapping: Mapping[str, str]) -> int:
    """Re-point everything that refers to each old id to its new id; return the codings moved.

    The caller has checked that no conclusion or verdict would collide. A rejected suggestion
    that the target code already has at the same place is dropped (it says the same thing).
    """
    moved = 0
    conn = tx.conn
    for old, new in mapping.items():
        if old == new:
            continue
        for (pk,) in conn.execute("SELECT id FROM codings WHERE code_id = ?", (old,)).fetchall():
            tx.update("codings", pk, {"code_id": new})
            moved += 1
        for table, kinds in (
            ("memos", "'code'"),
            ("review_threads", "'code', 'conclusion', 'verdict'"),
        ):
            rows = conn.execute(
                f"SELECT id FROM {table} WHERE target_kind IN ({kinds}) AND target = ?", (old,)
            ).fetchall()
            for (pk,) in rows:
                tx.update(table, pk, {"target": new})
        row = conn.execute("SELECT id FROM conclusions WHERE dimension_id = ?", (old,)).fetchone()
        if row is not None:
            tx.update("conclusions", row[0], {"dimension_id": new})
        row = conn.execute(
            "SELECT id FROM indicator_verdicts WHERE indicator_id = ?", (old,)
        ).fetchone()
        if row is not None:
            tx.update("indicator_verdicts", row[0], {"indicator_id": new})
        _repoint_rejections(tx, old, new)
    return moved


def _repoint_rejections(tx: Tx, old: str, new: str) -> None:
    rows = tx.conn.execute(
        "SELECT r.id, EXISTS (SELECT 1 FROM rejected_suggestions o WHERE o.source_id = r.source_id "
        "AND o.start = r.start AND o.end = r.end AND o.code_id = ?) AS taken "
        "FROM rejected_suggestions r WHERE r.code_id = ?",
        (new, old),
    ).fetchall()
    for pk, taken in rows:
        if taken:
            tx.delete("rejected_suggestions", pk)
        else:
            tx.update("rejected_suggestions", pk, {"code_id": new})

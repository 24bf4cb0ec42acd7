"""Store queries and writes for codings and rejected suggestions."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from qualcode.core.records import Coding, columns
from qualcode.core.store.db import Store, Tx
from qualcode.core.store.schema import FILE_TABLE

_COLUMNS = columns(Coding)
STATUSES = ("ok", "flagged", "reviewed")
_SAME_SPAN = "WHERE source_id = ? AND start = ? AND end = ? AND code_id = ?"


# Columns in the order of Coding's fields, so a plain tuple row builds a Coding positionally
# (several times faster than named access when a display lists thousands of codings).
_FIELDS = ", ".join(f"c.{name}" for name in _COLUMNS)
_SELECT = f"SELECT {_FIELDS} FROM codings c"


def _fetch(store: Store, sql: str, params: Sequence[Any] = ()) -> list[Coding]:
    cursor = store.conn.cursor()
    cursor.row_factory = None
    try:
        return [Coding(*row) for row in cursor.execute(sql, params)]
    finally:
        cursor.close()


def _many(values: str | Sequence[Any] | None) -> list[Any] | None:
    if values is None:
        return None
    if isinstance(values, (str, int)):
        return [values]
    return list(values)


def _in(column: str, values: list[Any], where: list[str], params: list[Any]) -> None:
    where.append(f"{column} IN ({', '.join('?' for _ in values)})")
    params.extend(values)


# -- codings: reading -------------------------------------------------------------------------
def coding_by_id(store: Store, coding_id: int) -> Coding | None:
    """Return one coding by row id, or None."""
    found = _fetch(store, f"{_SELECT} WHERE c.id = ?", (coding_id,))
    return found[0] if found else None


def coding_by_uid(store: Store, uid: str) -> Coding | None:
    """Return one coding by its stable uid, or None."""
    found = _fetch(store, f"{_SELECT} WHERE c.uid = ?", (uid,))
    return found[0] if found else None


def find_duplicate(
    store: Store, source_id: int, start: int, end: int, code_id: str, exclude_id: int | None = None
) -> Coding | None:
    """Return a coding with exactly this source, span and code (other than ``exclude_id``)."""
    found = _fetch(
        store,
        f"{_SELECT} WHERE c.source_id = ? AND c.start = ? AND c.end = ? AND c.code_id = ? "
        "AND c.id != ? LIMIT 1",
        (source_id, start, end, code_id, exclude_id if exclude_id is not None else -1),
    )
    return found[0] if found else None


def list_codings(
    store: Store,
    *,
    source_id: int | Sequence[int] | None = None,
    code_ids: Sequence[str] | None = None,
    informant: str | Sequence[str] | None = None,
    polarity: str | Sequence[str] | None = None,
    status: str | Sequence[str] | None = None,
    group: str | Sequence[str] | None = None,
    technique: str | Sequence[str] | None = None,
) -> list[Coding]:
    """Return codings matching every given filter, ordered by source, then position."""
    where: list[str] = []
    params: list[Any] = []
    joins = ""
    if (values := _many(source_id)) is not None:
        _in("c.source_id", values, where, params)
    if code_ids is not None:
        _in("c.code_id", list(code_ids), where, params)
    if (values := _many(polarity)) is not None:
        _in("c.polarity", values, where, params)
    if (values := _many(status)) is not None:
        _in("c.status", values, where, params)
    if (values := _many(technique)) is not None:
        joins = " JOIN sources s ON s.id = c.source_id"
        _in("s.technique", values, where, params)
    if informant is not None or group is not None:
        joins = " JOIN sources s ON s.id = c.source_id JOIN informants i ON i.id = s.informant_id"
        if (values := _many(informant)) is not None:
            _in("upper(i.code)", [str(v).upper() for v in values], where, params)
        if (values := _many(group)) is not None:
            _in("i.grp", values, where, params)
    sql = _SELECT + joins
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += " ORDER BY c.source_id, c.start, c.end, c.id"
    return _fetch(store, sql, params)


def codings_in_range(store: Store, source_id: int, start: int, end: int) -> list[Coding]:
    """Return the codings of a source that overlap [start, end), by position."""
    return _fetch(
        store,
        f"{_SELECT} WHERE c.source_id = ? AND c.start < ? AND c.end > ? "
        "ORDER BY c.start, c.end, c.id",
        (source_id, end, start),
    )


def coding_counts_per_source(store: Store) -> dict[int, int]:
    """Return how many codings each source has (sources without codings are left out)."""
    rows = store.query("SELECT source_id, count(*) AS n FROM codings GROUP BY source_id")
    return {row["source_id"]: row["n"] for row in rows}


def count_codings(store: Store) -> int:
    """Return how many codings the project holds."""
    return int(store.scalar("SELECT count(*) FROM codings"))


# -- codings: spans and places ------------------------------------------------------------
def interviewer_turn_overlapping(store: Store, source_id: int, start: int, end: int) -> int | None:
    """Return the index of an interviewer turn overlapping [start, end), or None."""
    return store.scalar(
        "SELECT idx FROM turns WHERE source_id = ? AND kind = 'interviewer' "
        "AND start < ? AND end > ? "
        "ORDER BY idx LIMIT 1",
        (source_id, end, start),
    )


def sentence_span(store: Store, source_id: int, idx: int) -> tuple[int, int] | None:
    """Return (start, end) of sentence ``idx`` of a source, or None."""
    row = store.conn.execute(
        "SELECT start, end FROM sentences WHERE source_id = ? AND idx = ?", (source_id, idx)
    ).fetchone()
    return (row["start"], row["end"]) if row else None


def turn_span(store: Store, source_id: int, idx: int) -> tuple[int, int, str] | None:
    """Return (start, end, kind) of turn ``idx`` of a source, or None."""
    row = store.conn.execute(
        "SELECT start, end, kind FROM turns WHERE source_id = ? AND idx = ?", (source_id, idx)
    ).fetchone()
    return (row["start"], row["end"], row["kind"]) if row else None


def count_units(store: Store, source_id: int) -> tuple[int, int]:
    """Return how many sentences and turns a source has."""
    row = store.conn.execute(
        "SELECT (SELECT count(*) FROM sentences WHERE source_id = ?), "
        "(SELECT count(*) FROM turns WHERE source_id = ?)",
        (source_id, source_id),
    ).fetchone()
    return int(row[0]), int(row[1])


def units_per_source(store: Store) -> dict[int, tuple[int, int]]:
    """Return how many sentences and turns each source has (``count_units`` of every source at
    once; a source with neither is left out)."""
    sentences = dict(store.query("SELECT source_id, count(*) FROM sentences GROUP BY source_id"))
    turns = dict(store.query("SELECT source_id, count(*) FROM turns GROUP BY source_id"))
    return {
        source: (sentences.get(source, 0), turns.get(source, 0))
        for source in sentences.keys() | turns.keys()
    }


def unit_of_span(store: Store, source_id: int, start: int, end: int) -> tuple[str, int] | None:
    """Return ("sentence" | "turn", idx) when the span is exactly one sentence or turn."""
    for table, kind in (("sentences", "sentence"), ("turns", "turn")):
        idx = store.scalar(
            f"SELECT idx FROM {table} WHERE source_id = ? AND start = ? AND end = ? LIMIT 1",
            (source_id, start, end),
        )
        if idx is not None:
            return kind, int(idx)
    return None


def unit_spans(store: Store, source_id: int) -> dict[tuple[int, int], tuple[str, int]]:
    """Map each (start, end) of a source's turns and sentences to ("turn" | "sentence", idx)."""
    spans: dict[tuple[int, int], tuple[str, int]] = {}
    for table, kind in (("turns", "turn"), ("sentences", "sentence")):
        for r in store.query(
            f"SELECT idx, start, end FROM {table} WHERE source_id = ?", (source_id,)
        ):
            spans[(r["start"], r["end"])] = (kind, r["idx"])
    return spans


def source_label(store: Store, source_id: int) -> str | None:
    """Return the informant code of a source, else its name; None if the source is unknown."""
    row = store.conn.execute(
        "SELECT s.name, i.code FROM sources s LEFT JOIN informants i ON i.id = s.informant_id "
        "WHERE s.id = ?",
        (source_id,),
    ).fetchone()
    if row is None:
        return None
    return row["code"] or row["name"]


def source_text(store: Store, source_id: int) -> str | None:
    """Return the text of one source, or None when it does not exist."""
    return store.scalar("SELECT text FROM sources WHERE id = ?", (source_id,))


# -- codings: writing -------------------------------------------------------------------------
def insert_coding(tx: Tx, row: dict[str, Any]) -> int:
    """Insert one coding (tracked for undo); return its row id."""
    return tx.insert("codings", {k: row[k] for k in _COLUMNS if k in row and k != "id"})


def update_coding(tx: Tx, coding_id: int, changes: dict[str, Any]) -> None:
    """Change columns of one coding (tracked for undo)."""
    tx.update("codings", coding_id, changes)


def delete_coding(tx: Tx, coding_id: int) -> None:
    """Delete one coding (tracked for undo)."""
    tx.delete("codings", coding_id)


def event_touches_files(store: Store, event_id: int) -> bool:
    """Tell whether an event changed files (a codebook edit), so cached copies must be reloaded."""
    return (
        store.scalar(
            "SELECT 1 FROM event_changes WHERE event_id = ? AND tbl = ? LIMIT 1",
            (event_id, FILE_TABLE),
        )
        is not None
    )


# -- rejected suggestions ---------------------------------------------------------------------
def reject_suggestion(
    tx: Tx, source_id: int, start: int, end: int, code_id: str, author: str, at: str
) -> int | None:
    """Remember that a suggestion was rejected (tracked for undo); None if already remembered."""
    found = tx.conn.execute(
        "SELECT id FROM rejected_suggestions " + _SAME_SPAN,
        (source_id, start, end, code_id),
    ).fetchone()
    if found is not None:
        return None
    return tx.insert(
        "rejected_suggestions",
        {
            "source_id": source_id,
            "start": start,
            "end": end,
            "code_id": code_id,
            "author": author,
            "created_at": at,
        },
    )


def unreject_suggestion(tx: Tx, source_id: int, start: int, end: int, code_id: str) -> bool:
    """Forget a rejection (tracked for undo); tell whether there was one."""
    found = tx.conn.execute(
        "SELECT id FROM rejected_suggestions " + _SAME_SPAN,
        (source_id, start, end, code_id),
    ).fetchone()
    if found is None:
        return False
    tx.delete("rejected_suggestions", int(found["id"]))
    return True


def rejected_keys(store: Store, source_id: int | None = None) -> set[tuple[int, int, int, str]]:
    """Return every rejected (source, start, end, code), optionally for one source."""
    if source_id is None:
        rows = store.query("SELECT source_id, start, end, code_id FROM rejected_suggestions")
    else:
        rows = store.query(
            "SELECT source_id, start, end, code_id FROM rejected_suggestions WHERE source_id = ?",
            (source_id,),
        )
    return {(r["source_id"], r["start"], r["end"], r["code_id"]) for r in rows}


def rejected_ids(store: Store) -> dict[tuple[int, int, int, str], int]:
    """Map every rejected (source, start, end, code) to its row id."""
    rows = store.query("SELECT id, source_id, start, end, code_id FROM rejected_suggestions")
    return {(r["source_id"], r["start"], r["end"], r["code_id"]): r["id"] for r in rows}


def delete_rejection(tx: Tx, rejection_id: int) -> None:
    """Forget one rejected suggestion by row id (tracked for undo)."""
    tx.delete("rejected_suggestions", rejection_id)


def is_rejected(store: Store, source_id: int, start: int, end: int, code_id: str) -> bool:
    """Tell whether this suggestion was rejected before."""
    return (
        store.scalar(
            "SELECT 1 FROM rejected_suggestions " + _SAME_SPAN,
            (source_id, start, end, code_id),
        )
        is not None
    )


def rows_by_uid(store: Store) -> dict[str, dict[str, Any]]:
    """Return every coding as a plain row, keyed by uid (for bulk comparison on import)."""
    return {r["uid"]: dict(r) for r in store.query("SELECT * FROM codings")}

"""Store queries for displays and conclusions: codings joined with sources and informants,
indicator verdicts and conclusions (reads in one query each; writes through ``Tx``)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from operator import itemgetter
from typing import Any, NamedTuple

from qualcode.core.records import Conclusion, IndicatorVerdict, columns
from qualcode.core.store.db import Store, Tx, utc_now


class CodingFact(NamedTuple):
    """One coding with what displays group it by: its source's technique and its informant.

    An immutable NamedTuple rather than a frozen dataclass: displays load 20,000 of these per
    call and a NamedTuple builds ~5x faster (8 ms vs 40 ms). ``bare_quote`` holds the quote
    only when the coding has no summary (a statement falls back to it); the quote table reads
    quotes with :func:`coding_quotes`.
    """

    id: int
    uid: str
    source_id: int
    start: int
    end: int
    code_id: str
    polarity: str
    summary: str
    bare_quote: str
    technique: str
    source_name: str
    informant_id: int | None
    informant: str
    role: str
    group: str
    category: str


_SOURCES_SQL = """
SELECT s.id, s.technique, s.name, s.informant_id, coalesce(i.code, ''), coalesce(i.role, ''),
       coalesce(i.grp, ''), coalesce(i.category, '')
FROM sources AS s LEFT JOIN informants AS i ON i.id = s.informant_id
"""
_CODINGS_SQL = """
SELECT id, uid, source_id, start, end, code_id, polarity, summary,
       CASE WHEN trim(summary) = '' THEN quote ELSE '' END
FROM codings
"""


def coding_facts(store: Store) -> list[CodingFact]:
    """Return every coding with its source and informant attributes, by source and position.

    Sources joined with informants are one small query; codings are joined to them in Python,
    which shares each source's strings instead of SQLite materialising them 20,000 times
    (~40 ms instead of ~65 ms for one ordered three-table join at 20,000 codings).
    """
    by_source = {row[0]: tuple(row[1:]) for row in _plain(store, _SOURCES_SQL)}
    rows = _plain(store, _CODINGS_SQL)
    rows.sort(key=itemgetter(2, 3, 4, 0))  # a table scan sorted here beats ORDER BY's b-tree
    make = CodingFact._make
    return [make(row + by_source[row[2]]) for row in rows]


def _plain(store: Store, sql: str, params: Sequence[Any] = ()) -> list[tuple]:
    cursor = store.conn.execute(sql, params)
    cursor.row_factory = None  # plain tuples: several times faster than sqlite3.Row
    return cursor.fetchall()


def coding_quotes(store: Store) -> dict[int, str]:
    """Map every coding id to its quote."""
    return dict(_plain(store, "SELECT id, quote FROM codings"))


def coding_count(store: Store) -> int:
    """Return how many codings the project has."""
    return int(store.scalar("SELECT count(*) FROM codings"))


def uninformed_techniques(store: Store) -> set[str]:
    """Return the techniques of sources that have no informant (observation, documentation)."""
    rows = store.query("SELECT DISTINCT technique FROM sources WHERE informant_id IS NULL")
    return {row[0] for row in rows}


def coding_uids(store: Store, ids: Iterable[int]) -> dict[int, str]:
    """Map coding row ids to their uids (ids that do not exist are left out)."""
    wanted = sorted(set(ids))
    if not wanted:
        return {}
    marks = ", ".join("?" for _ in wanted)
    rows = store.query(f"SELECT id, uid FROM codings WHERE id IN ({marks})", wanted)
    return {row[0]: row[1] for row in rows}


def coding_codes_by_uid(store: Store, uids: Iterable[str]) -> dict[str, str]:
    """Map coding uids to their code ids (uids that do not exist are left out)."""
    wanted = sorted(set(uids))
    if not wanted:
        return {}
    marks = ", ".join("?" for _ in wanted)
    rows = store.query(f"SELECT uid, code_id FROM codings WHERE uid IN ({marks})", wanted)
    return {row[0]: row[1] for row in rows}


# -- indicator verdicts ----------------------------------------------------------------------
def indicator_verdicts(store: Store) -> dict[str, IndicatorVerdict]:
    """Return the researcher's indicator verdicts keyed by indicator id."""
    rows = store.query(f"SELECT {', '.join(columns(IndicatorVerdict))} FROM indicator_verdicts")
    return {row[0]: IndicatorVerdict(*row) for row in rows}


def put_indicator_verdict(tx: Tx, indicator_id: str, verdict: str, note: str, author: str) -> None:
    """Insert or update the verdict of one indicator (tracked, so undoable)."""
    row = tx.conn.execute(
        "SELECT id FROM indicator_verdicts WHERE indicator_id = ?", (indicator_id,)
    ).fetchone()
    values = {"verdict": verdict, "note": note, "author": author, "updated_at": utc_now()}
    if row is None:
        tx.insert("indicator_verdicts", {"indicator_id": indicator_id, **values})
    else:
        tx.update("indicator_verdicts", int(row[0]), values)


def delete_indicator_verdict(tx: Tx, indicator_id: str) -> bool:
    """Remove the verdict of one indicator; return whether there was one."""
    row = tx.conn.execute(
        "SELECT id FROM indicator_verdicts WHERE indicator_id = ?", (indicator_id,)
    ).fetchone()
    if row is None:
        return False
    tx.delete("indicator_verdicts", int(row[0]))
    return True


# -- conclusions -----------------------------------------------------------------------------
def conclusion_rows(store: Store) -> dict[str, Conclusion]:
    """Return the stored conclusions keyed by dimension id (evidence is kept as JSON)."""
    rows = store.query(f"SELECT {', '.join(columns(Conclusion))} FROM conclusions")
    return {
        row["dimension_id"]: Conclusion(
            **{**dict(row), "evidence": tuple(json.loads(row["evidence"]))}
        )
        for row in rows
    }


def put_conclusion(tx: Tx, dimension_id: str, changes: dict[str, object], author: str) -> None:
    """Insert or update the conclusion of one dimension (tracked, so undoable)."""
    values = dict(changes)
    if "evidence" in values:
        values["evidence"] = json.dumps(list(values["evidence"]), ensure_ascii=False)  # type: ignore[arg-type]
    values.update(author=author, updated_at=utc_now())
    row = tx.conn.execute(
        "SELECT id FROM conclusions WHERE dimension_id = ?", (dimension_id,)
    ).fetchone()
    if row is None:
        tx.insert("conclusions", {"dimension_id": dimension_id, **values})
    else:
        tx.update("conclusions", int(row[0]), values)


def delete_conclusion(tx: Tx, dimension_id: str) -> bool:
    """Remove the conclusion of one dimension; return whether there was one."""
    row = tx.conn.execute(
        "SELECT id FROM conclusions WHERE dimension_id = ?", (dimension_id,)
    ).fetchone()
    if row is None:
        return False
    tx.delete("conclusions", int(row[0]))
    return True

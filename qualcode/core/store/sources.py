"""Store queries and writes for informants, sources, turns and sentences."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from typing import Any

from qualcode.core.records import Informant, Sentence, Source, Turn, from_row
from qualcode.core.store.db import Store, Tx, utc_now
from qualcode.errors import QualcodeError
from qualcode.i18n import t

INFORMANT_FIELDS = ("pseudonym", "role", "grp", "category")


def _informant(row: sqlite3.Row) -> Informant:
    return from_row(Informant, row)


# Every column but the transcript (``SELECT *, '' AS text`` still read it: a row looks a name up
# at its first column).
_WITHOUT_TEXT = (
    "id, path, name, sha256, technique, informant_id, date, title, encoding, '' AS text, "
    "warnings, version, imported_at"
)


def _source(row: sqlite3.Row) -> Source:
    return Source(
        id=row["id"],
        path=row["path"],
        name=row["name"],
        sha256=row["sha256"],
        technique=row["technique"],
        informant_id=row["informant_id"],
        date=row["date"],
        title=row["title"],
        encoding=row["encoding"],
        text=row["text"],
        warnings=tuple(json.loads(row["warnings"])),
        version=row["version"],
        imported_at=row["imported_at"],
    )


# -- informants ------------------------------------------------------------------------------
def informants(store: Store) -> list[Informant]:
    """Return every informant, ordered by code number (I1, I2, … I13)."""
    rows = store.query("SELECT * FROM informants")
    return sorted((_informant(r) for r in rows), key=lambda i: i.sort_key)


def informant_by_code(store: Store, code: str) -> Informant | None:
    """Return the informant with ``code`` (case-insensitive), or None."""
    row = store.conn.execute(
        "SELECT * FROM informants WHERE upper(code) = upper(?)", (code,)
    ).fetchone()
    return _informant(row) if row else None


def informant_by_id(store: Store, informant_id: int) -> Informant | None:
    """Return the informant with that row id, or None."""
    row = store.conn.execute("SELECT * FROM informants WHERE id = ?", (informant_id,)).fetchone()
    return _informant(row) if row else None


def ensure_informant(tx: Tx, code: str, fill: dict[str, str], extra: dict[str, str]) -> int:
    """Create the informant or fill its empty attributes; never overwrite what a user set."""
    row = tx.conn.execute(
        "SELECT * FROM informants WHERE upper(code) = upper(?)", (code,)
    ).fetchone()
    if row is None:
        values = {k: fill.get(k, "") or "" for k in INFORMANT_FIELDS}
        return tx.insert(
            "informants",
            {
                "code": code,
                **values,
                "attributes": json.dumps(extra, ensure_ascii=False, sort_keys=True),
            },
        )
    changes: dict[str, Any] = {k: v for k, v in fill.items() if v and not row[k]}
    attributes = json.loads(row["attributes"])
    merged = {**extra, **attributes}
    if merged != attributes:
        changes["attributes"] = json.dumps(merged, ensure_ascii=False, sort_keys=True)
    if changes:
        tx.update("informants", row["id"], changes)
    return int(row["id"])


def update_informant(tx: Tx, informant_id: int, changes: dict[str, Any]) -> None:
    """Set informant columns (pseudonym, role, grp, category, code, attributes)."""
    if "attributes" in changes and isinstance(changes["attributes"], dict):
        changes = {
            **changes,
            "attributes": json.dumps(changes["attributes"], ensure_ascii=False, sort_keys=True),
        }
    tx.update("informants", informant_id, changes)


# -- sources ---------------------------------------------------------------------------------
def sources(store: Store, with_text: bool = True) -> list[Source]:
    """Return every source ordered by informant code, then name."""
    rows = store.query(f"SELECT {'*' if with_text else _WITHOUT_TEXT} FROM sources")
    by_informant = {i.id: i.sort_key for i in informants(store)}
    order = {"wawancara": 0, "observasi": 1, "dokumentasi": 2}
    return sorted(
        (_source(r) for r in rows),
        key=lambda s: (
            order.get(s.technique, 9),
            by_informant.get(s.informant_id, (10_000, "")),
            s.name,
        ),
    )


def sources_of(store: Store, informant_id: int) -> list[Source]:
    """Return the sources an informant speaks in (without their text), in source order."""
    return [s for s in sources(store, with_text=False) if s.informant_id == informant_id]


def source_by_id(store: Store, source_id: int) -> Source | None:
    """Return one source by row id."""
    row = store.conn.execute("SELECT * FROM sources WHERE id = ?", (source_id,)).fetchone()
    return _source(row) if row else None


def source_by_path(store: Store, path: str) -> Source | None:
    """Return the source imported from ``path`` (project-relative), or None."""
    row = store.conn.execute("SELECT * FROM sources WHERE path = ?", (path,)).fetchone()
    return _source(row) if row else None


def find_sources(store: Store, ref: str) -> list[Source]:
    """Resolve a user's reference (id, path, file name, stem or informant code) to sources."""
    ref = ref.strip()
    if ref.isdigit():
        found = source_by_id(store, int(ref))
        return [found] if found else []
    matches = []
    lowered = ref.lower()
    informant = informant_by_code(store, ref)
    for src in sources(store):
        name = src.path.rsplit("/", 1)[-1]
        stem = name.rsplit(".", 1)[0]
        if lowered in (src.path.lower(), name.lower(), stem.lower(), src.name.lower()) or (
            informant is not None and src.informant_id == informant.id
        ):
            matches.append(src)
    return matches


def one_source(store: Store, ref: str, error: type[QualcodeError] = QualcodeError) -> Source:
    """The one source a user's reference names, or ``error`` saying none or which several."""
    found = find_sources(store, ref)
    if not found:
        raise error(t("store.no_source", ref=ref), t("store.no_source_hint"))
    if len(found) > 1:
        names = ", ".join(s.path for s in found)
        raise error(t("store.ambiguous_source", ref=ref, names=names), t("store.ambiguous_hint"))
    return found[0]


def insert_source(tx: Tx, row: dict[str, Any]) -> int:
    """Insert a source row (untracked: an import is logged, not undone row by row)."""
    row = {**row, "imported_at": utc_now()}
    cols = ", ".join(row)
    marks = ", ".join("?" for _ in row)
    cur = tx.execute(f"INSERT INTO sources ({cols}) VALUES ({marks})", tuple(row.values()))
    return int(cur.lastrowid)


def update_source(tx: Tx, source_id: int, row: dict[str, Any]) -> None:
    """Replace a source's text and attributes (re-import) and bump its version."""
    sets = ", ".join(f"{c} = ?" for c in row)
    tx.execute(
        f"UPDATE sources SET {sets}, version = version + 1, imported_at = ? WHERE id = ?",
        (*row.values(), utc_now(), source_id),
    )


def delete_informant(tx: Tx, informant_id: int) -> None:
    """Remove an informant row (tracked); its sources must have been moved first."""
    tx.delete("informants", informant_id)


def set_source_informant(tx: Tx, source_id: int, informant_id: int | None) -> None:
    """Attach a source to an informant."""
    tx.execute("UPDATE sources SET informant_id = ? WHERE id = ?", (informant_id, source_id))


def delete_structure(tx: Tx, source_id: int) -> None:
    """Remove a source's turns and sentences (before writing new ones)."""
    tx.execute("DELETE FROM sentences WHERE source_id = ?", (source_id,))
    tx.execute("DELETE FROM turns WHERE source_id = ?", (source_id,))


def insert_structure(
    tx: Tx,
    source_id: int,
    turns_rows: Sequence[tuple[str, str, int, int, str | None]],
    sentence_rows: Iterable[tuple[int, int, int]],
) -> None:
    """Write turns (speaker, kind, start, end, timestamp) and sentences (turn index, start, end)."""
    first = tx.execute("SELECT coalesce(max(id), 0) FROM turns").fetchone()[0] + 1
    tx.executemany(
        "INSERT INTO turns (id, source_id, idx, speaker, kind, start, end, timestamp)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [(first + i, source_id, i, *row) for i, row in enumerate(turns_rows)],
    )
    tx.executemany(
        "INSERT INTO sentences (source_id, turn_id, idx, start, end) VALUES (?, ?, ?, ?, ?)",
        [
            (source_id, first + turn, i, start, end)
            for i, (turn, start, end) in enumerate(sentence_rows)
        ],
    )


def turns(store: Store, source_id: int) -> list[Turn]:
    """Return the turns of a source in order."""
    rows = store.query("SELECT * FROM turns WHERE source_id = ? ORDER BY idx", (source_id,))
    return [
        Turn(
            r["id"],
            r["source_id"],
            r["idx"],
            r["speaker"],
            r["kind"],
            r["start"],
            r["end"],
            r["timestamp"],
        )
        for r in rows
    ]


def sentences(store: Store, source_id: int) -> list[Sentence]:
    """Return the sentences of a source in order."""
    rows = store.query("SELECT * FROM sentences WHERE source_id = ? ORDER BY idx", (source_id,))
    return [
        Sentence(r["id"], r["source_id"], r["turn_id"], r["idx"], r["start"], r["end"])
        for r in rows
    ]


def turn_at(store: Store, source_id: int, offset: int) -> Turn | None:
    """Return the turn that contains ``offset``, or None."""
    r = store.conn.execute(
        "SELECT * FROM turns WHERE source_id = ? AND start <= ? AND end > ? LIMIT 1",
        (source_id, offset, offset),
    ).fetchone()
    return (
        Turn(
            r["id"],
            r["source_id"],
            r["idx"],
            r["speaker"],
            r["kind"],
            r["start"],
            r["end"],
            r["timestamp"],
        )
        if r
        else None
    )


def counts(store: Store) -> dict[str, int]:
    """Return how many sources, informants, turns, sentences, codings, memos there are."""
    return {
        "sources": store.scalar("SELECT count(*) FROM sources"),
        "informants": store.scalar("SELECT count(*) FROM informants"),
        "turns": store.scalar("SELECT count(*) FROM turns"),
        "sentences": store.scalar("SELECT count(*) FROM sentences"),
        "codings": store.scalar("SELECT count(*) FROM codings"),
        "flagged": store.scalar("SELECT count(*) FROM codings WHERE status = 'flagged'"),
        "memos": store.scalar("SELECT count(*) FROM memos"),
    }


# -- sentence cache --------------------------------------------------------------------------
class SegmentCache:
    """A mapping of turn-text hash → sentence spans, backed by the store and written on commit."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self._new: dict[str, list[tuple[int, int]]] = {}

    def __getitem__(self, key: str) -> list[tuple[int, int]]:
        if key in self._new:
            return self._new[key]
        value = self._store.scalar("SELECT spans FROM segment_cache WHERE hash = ?", (key,))
        if value is None:
            raise KeyError(key)
        return [tuple(p) for p in json.loads(value)]  # type: ignore[misc]

    def get(self, key: str, default: Any = None) -> Any:
        try:
            return self[key]
        except KeyError:
            return default

    def get_many(self, keys: Sequence[str]) -> dict[str, list[tuple[int, int]]]:
        """The cached spans of every key that has some, in a few queries rather than one each."""
        found = {key: self._new[key] for key in keys if key in self._new}
        missing = [key for key in dict.fromkeys(keys) if key not in found]
        for i in range(0, len(missing), 500):
            chunk = missing[i : i + 500]
            marks = ",".join("?" * len(chunk))
            rows = self._store.conn.execute(
                f"SELECT hash, spans FROM segment_cache WHERE hash IN ({marks})", chunk
            )
            for key, spans in rows:
                found[key] = [tuple(p) for p in json.loads(spans)]
        return found

    def __contains__(self, key: object) -> bool:
        return self.get(key) is not None  # type: ignore[arg-type]

    def __setitem__(self, key: str, value: list[tuple[int, int]]) -> None:
        self._new[key] = list(value)

    def __delitem__(self, key: str) -> None:
        self._new.pop(key, None)

    def __iter__(self):
        return iter(self._new)

    def __len__(self) -> int:
        return len(self._new)

    def flush(self, tx: Tx) -> None:
        """Write the new entries inside ``tx``."""
        tx.executemany(
            "INSERT OR IGNORE INTO segment_cache (hash, spans) VALUES (?, ?)",
            [(k, json.dumps(v)) for k, v in self._new.items()],
        )
        self._new.clear()

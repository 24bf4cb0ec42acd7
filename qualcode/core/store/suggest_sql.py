"""Store queries for auto-suggest: codable sentences with their text, and spans already decided."""

from __future__ import annotations

from dataclasses import dataclass

from qualcode.core.store.db import Store


@dataclass(frozen=True, slots=True)
class SentenceRow:
    """A codable (informant or note) sentence with its text and where it comes from."""

    source_id: int
    idx: int
    start: int
    end: int
    text: str
    kind: str
    turn_idx: int = -1


def codable_sentences(store: Store, source_id: int | None = None) -> list[SentenceRow]:
    """Return the sentences of informant and note turns (never the interviewer's), in order."""
    where = "t.kind != 'interviewer'"
    params: tuple = ()
    if source_id is not None:
        where += " AND s.source_id = ?"
        params = (int(source_id),)
    rows = store.query(
        "SELECT s.source_id, s.idx, s.start, s.end, t.kind, t.idx AS turn_idx FROM sentences s "
        f"JOIN turns t ON t.id = s.turn_id WHERE {where} ORDER BY s.source_id, s.idx",
        params,
    )
    texts: dict[int, str] = {}
    out: list[SentenceRow] = []
    for r in rows:
        sid = r["source_id"]
        if sid not in texts:
            texts[sid] = store.scalar("SELECT text FROM sources WHERE id = ?", (sid,)) or ""
        text = texts[sid][r["start"] : r["end"]]
        out.append(SentenceRow(sid, r["idx"], r["start"], r["end"], text, r["kind"], r["turn_idx"]))
    return out


def sentence_row(store: Store, source_id: int, idx: int) -> SentenceRow | None:
    """Return one sentence (whatever its speaker) with its text, or None."""
    row = store.conn.execute(
        "SELECT s.source_id, s.idx, s.start, s.end, t.kind, t.idx AS turn_idx, "
        "substr(src.text, s.start + 1, s.end - s.start) AS text "
        "FROM sentences s JOIN turns t ON t.id = s.turn_id "
        "JOIN sources src ON src.id = s.source_id "
        "WHERE s.source_id = ? AND s.idx = ?",
        (int(source_id), int(idx)),
    ).fetchone()
    if row is None:
        return None
    return SentenceRow(
        row["source_id"],
        row["idx"],
        row["start"],
        row["end"],
        row["text"],
        row["kind"],
        row["turn_idx"],
    )


def interviewer_turns(store: Store, source_id: int) -> dict[int, str]:
    """Return the interviewer turns of a source as turn index → text (the questions)."""
    rows = store.query(
        "SELECT t.idx, substr(src.text, t.start + 1, t.end - t.start) AS text FROM turns t "
        "JOIN sources src ON src.id = t.source_id WHERE t.source_id = ? AND t.kind = 'interviewer' "
        "ORDER BY t.idx",
        (int(source_id),),
    )
    return {r["idx"]: r["text"] for r in rows}


def coded_keys(store: Store, source_id: int | None = None) -> set[tuple[int, int, int, str]]:
    """Return (source, start, end, code) of every coding, optionally of one source."""
    if source_id is None:
        rows = store.query("SELECT source_id, start, end, code_id FROM codings")
    else:
        rows = store.query(
            "SELECT source_id, start, end, code_id FROM codings WHERE source_id = ?",
            (int(source_id),),
        )
    return {(r["source_id"], r["start"], r["end"], r["code_id"]) for r in rows}


def source_ids(store: Store) -> list[int]:
    """Return every source id that has codable sentences, in id order."""
    rows = store.query(
        "SELECT DISTINCT s.source_id FROM sentences s JOIN turns t ON t.id = s.turn_id "
        "WHERE t.kind != 'interviewer' ORDER BY s.source_id"
    )
    return [r[0] for r in rows]


def source_exists(store: Store, source_id: int) -> bool:
    """Tell whether a source with this id exists."""
    return store.scalar("SELECT 1 FROM sources WHERE id = ?", (int(source_id),)) is not None


@dataclass(frozen=True, slots=True)
class Decision:
    """What the student decided about a span: coded with a code (and polarity) or rejected it."""

    start: int
    end: int
    code_id: str
    polarity: str | None


def coding_count(store: Store) -> int:
    """Return the number of codings in the project."""
    return int(store.scalar("SELECT count(*) FROM codings") or 0)


def decisions(store: Store) -> dict[int, list[Decision]]:
    """Return, per source, its codings and its rejected suggestions (polarity None), in order."""
    out: dict[int, list[Decision]] = {}
    for r in store.query(
        "SELECT source_id, start, end, code_id, polarity FROM codings "
        "UNION ALL SELECT source_id, start, end, code_id, NULL FROM rejected_suggestions "
        "ORDER BY 1, 2, 3"
    ):
        out.setdefault(r[0], []).append(Decision(r[1], r[2], r[3], r[4]))
    return out


def informant_labels(store: Store) -> dict[int, str]:
    """Return each source's informant code, else its name."""
    rows = store.query(
        "SELECT s.id, coalesce(i.code, s.name) FROM sources s "
        "LEFT JOIN informants i ON i.id = s.informant_id"
    )
    return {r[0]: r[1] for r in rows}


def decisions_revision(store: Store) -> str:
    """A fingerprint of every coding and rejection and of the coded sources' texts."""
    import hashlib

    digest = hashlib.sha256()
    for sql in (
        "SELECT uid, source_id, start, end, code_id, polarity FROM codings ORDER BY uid",
        "SELECT source_id, start, end, code_id FROM rejected_suggestions "
        "ORDER BY source_id, start, end, code_id",
        "SELECT id, sha256, version FROM sources WHERE id IN "
        "(SELECT source_id FROM codings UNION SELECT source_id FROM rejected_suggestions) "
        "ORDER BY id",
    ):
        for row in store.conn.execute(sql):
            digest.update(repr(tuple(row)).encode())
        digest.update(b"|")
    return digest.hexdigest()[:24]

"""Store queries for search: source texts with their informant, sentence spans, codings."""

from __future__ import annotations

from dataclasses import dataclass

from qualcode.core.store.db import Store


@dataclass(frozen=True, slots=True)
class SourceRow:
    """A source's text and the attributes search filters on."""

    id: int
    name: str
    text: str
    technique: str
    informant_code: str
    group: str


def sources_signature(store: Store) -> str:
    """A cheap fingerprint of every source's identity and version (changes when a text does)."""
    return store.scalar(
        "SELECT coalesce(group_concat(id || ':' || sha256 || ':' || version, ','), '') "
        "FROM (SELECT id, sha256, version FROM sources ORDER BY id)"
    )


def source_rows(store: Store) -> list[SourceRow]:
    """Return every source with its text, technique and informant code/group, by id."""
    rows = store.query(
        "SELECT s.id, s.name, s.text, s.technique, coalesce(i.code, '') AS code, "
        "coalesce(i.grp, '') AS grp FROM sources s LEFT JOIN informants i ON i.id = s.informant_id "
        "ORDER BY s.id"
    )
    return [
        SourceRow(r["id"], r["name"], r["text"], r["technique"], r["code"], r["grp"]) for r in rows
    ]


def source_attributes(store: Store) -> dict[int, tuple[str, str, str]]:
    """Map source id → (technique, informant code, informant group), read fresh each time."""
    rows = store.query(
        "SELECT s.id, s.technique, coalesce(i.code, '') AS code, coalesce(i.grp, '') AS grp "
        "FROM sources s LEFT JOIN informants i ON i.id = s.informant_id"
    )
    return {r["id"]: (r["technique"], r["code"], r["grp"]) for r in rows}


def sentence_spans(store: Store) -> dict[int, list[tuple[int, int, int, str, int, int]]]:
    """Map source id → its sentences as (start, end, idx, speaker kind, turn start, turn end)."""
    rows = store.query(
        "SELECT s.source_id, s.start, s.end, s.idx, t.kind, t.start AS ts, t.end AS te "
        "FROM sentences s JOIN turns t ON t.id = s.turn_id ORDER BY s.source_id, s.start"
    )
    out: dict[int, list[tuple[int, int, int, str, int, int]]] = {}
    for r in rows:
        out.setdefault(r["source_id"], []).append(
            (r["start"], r["end"], r["idx"], r["kind"], r["ts"], r["te"])
        )
    return out


def coding_spans(store: Store) -> dict[int, list[tuple[int, int, str, str]]]:
    """Map source id → its codings as (start, end, code, polarity), by start."""
    rows = store.query(
        "SELECT source_id, start, end, code_id, polarity FROM codings ORDER BY source_id, start"
    )
    out: dict[int, list[tuple[int, int, str, str]]] = {}
    for r in rows:
        out.setdefault(r["source_id"], []).append(
            (r["start"], r["end"], r["code_id"], r["polarity"])
        )
    return out


def informant_codes(store: Store) -> list[str]:
    """Return every informant code."""
    return [r["code"] for r in store.query("SELECT code FROM informants ORDER BY id")]


def informant_groups(store: Store) -> list[str]:
    """Return every non-empty informant group in use."""
    return [
        r["grp"]
        for r in store.query("SELECT DISTINCT grp FROM informants WHERE grp != '' ORDER BY grp")
    ]

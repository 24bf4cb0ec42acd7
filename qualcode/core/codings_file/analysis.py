"""Importing the analysis sections of the codings file: conclusions and indicator verdicts.

The two optional top-level keys of ``codings.yaml`` (their values, YAML and checks:
``format``; the rest of an import: ``merge``), from the checks against the project to the
rows an import writes:

    conclusions?: [{dimension, verdict, statement, evidence?: [coding id], author, updated}]
    indicator_verdicts?: [{indicator, verdict, note?, author, updated}]

Conclusions follow the codebook's dimension order, indicator verdicts its indicator order; each
list holds one entry per dimension or indicator.

Evidence names codings by their ``id`` (the coding uid the store keeps): the same id is written
on the coding in ``sources`` and is kept when the file is loaded, so the reference survives a
rebuild, re-anchoring on a changed transcript, and reordering; positions or offsets would not.
An evidence list names only codings in the file (in a merge, also codings already in the
project); a coding deleted after it was chosen is left out on export. No evidence list means
every coding of the dimension counts — also when every chosen coding has been deleted.

Both keys are optional (files written before them still load): a missing key leaves the
project's own untouched, an empty list means none.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from qualcode.core.codings_file.format import Snapshot
from qualcode.core.records import Conclusion, IndicatorVerdict, compared, row_of
from qualcode.core.store import analysis as analysis_repo
from qualcode.core.store.db import utc_now
from qualcode.i18n import t


# -- checking against the project ------------------------------------------------------------
def _is(codebook, code_id: str, kind: str) -> bool:
    return codebook.has(code_id) and codebook.code(code_id).kind == kind


def analysis_problems(project, snapshot: Snapshot, mode: str) -> list[str]:
    """Refuse conclusions and verdicts the codebook cannot hold, and evidence naming codings
    that will not exist after the import (the file's, and in a merge also the project's)."""
    codebook = project.codebook
    problems: list[str] = []
    in_file = {c.uid for entry in snapshot.sources for c in entry.codings if c.uid}
    named = {uid for c in snapshot.conclusions or () for uid in c.evidence} - in_file
    known = in_file | set(
        analysis_repo.coding_codes_by_uid(project.store, named) if mode == "merge" else ()
    )
    for n, c in enumerate(snapshot.conclusions or ()):
        where = f"conclusions[{n}] ({c.dimension_id})"
        if not _is(codebook, c.dimension_id, "dimension"):
            ids = ", ".join(d.id for d in codebook.dimensions)
            problems.append("  " + t("codings_io.unknown_dimension", where=where, ids=ids))
        elif c.verdict and c.verdict not in codebook.verdict_scale:
            scale = ", ".join(codebook.verdict_scale)
            problems.append(
                "  " + t("codings_io.bad_verdict", where=where, value=c.verdict, choices=scale)
            )
        missing = [uid for uid in c.evidence if uid not in known]
        if missing:
            problems.append(
                "  " + t("codings_io.evidence_missing", where=where, ids=", ".join(missing))
            )
    for n, v in enumerate(snapshot.indicator_verdicts or ()):
        where = f"indicator_verdicts[{n}] ({v.indicator_id})"
        if not _is(codebook, v.indicator_id, "indicator"):
            close = [
                c for c in codebook.close_matches(v.indicator_id) if _is(codebook, c, "indicator")
            ]
            hint = t("codings_io.close", ids=", ".join(close)) if close else ""
            problems.append("  " + t("codings_io.unknown_indicator", where=where) + hint)
        elif v.verdict not in codebook.indicator_verdicts:
            scale = ", ".join(codebook.indicator_verdicts)
            problems.append(
                "  "
                + t("codings_io.bad_indicator_verdict", where=where, value=v.verdict, choices=scale)
            )
    return problems


# -- planning and writing an import ----------------------------------------------------------
# Tables holding one row per code id: (table, key column, compared columns, delete function).
_KEYED = {
    "conclusions": ("dimension_id", compared(Conclusion), analysis_repo.delete_conclusion),
    "indicator_verdicts": (
        "indicator_id",
        compared(IndicatorVerdict),
        analysis_repo.delete_indicator_verdict,
    ),
}


@dataclass(slots=True)
class KeyedPlan:
    """What to write to a keyed table: ids whose row goes (replaced ones too), rows to insert,
    and how many rows that adds, updates and removes."""

    table: str
    removes: list[str] = field(default_factory=list)
    rows: list[dict[str, Any]] = field(default_factory=list)
    added: int = 0
    updated: int = 0
    removed: int = 0


def _plan_keyed(
    table: str, current: dict[str, dict[str, Any]], wanted: list[dict[str, Any]], mode: str
) -> KeyedPlan:
    """Plan one keyed table like memos: add, update (a newer project row wins a merge), and in
    ``replace`` remove the rows the file lacks."""
    key, compared, _ = _KEYED[table]
    keyed = KeyedPlan(table)
    updated = 0
    for row in wanted:
        have = current.get(row[key])
        if have is None:
            keyed.rows.append(row)
        elif any(row[c] != have[c] for c in compared) and not (
            mode == "merge" and have["updated_at"] > row["updated_at"]
        ):
            keyed.removes.append(row[key])
            keyed.rows.append(row)
            updated += 1
    removed = 0
    if mode == "replace":
        keep = {row[key] for row in wanted}
        gone = [k for k in current if k not in keep]
        keyed.removes += gone
        removed = len(gone)
    keyed.added, keyed.updated, keyed.removed = len(keyed.rows) - updated, updated, removed
    return keyed


def _evidence_json(uids: Iterable[str]) -> str:
    """Evidence as the store keeps it: a JSON list of coding uids, each once, in order."""
    return json.dumps(list(dict.fromkeys(uids)), ensure_ascii=False)


def plan_analysis(
    project, snapshot: Snapshot, mode: str, aliases: dict[str, str]
) -> list[KeyedPlan]:
    """Plan the conclusions and indicator verdicts (a key the file lacks changes nothing);
    evidence naming a skipped duplicate coding points at the coding that holds its place."""
    now, coder = utc_now(), project.user.coder
    store = project.store
    plans: list[KeyedPlan] = []

    def _row(record: Any, **changes: Any) -> dict[str, Any]:
        """A record as its table's row: evidence as JSON, a file's missing author and time
        filled in (a stored record has both)."""
        row = row_of(replace(record, **changes), without=())
        row.update(author=row["author"] or coder, updated_at=row["updated_at"] or now)
        if "evidence" in row:
            row["evidence"] = _evidence_json(row["evidence"])
        return row

    if snapshot.conclusions is not None:
        current = {k: _row(r) for k, r in analysis_repo.conclusion_rows(store).items()}
        wanted = [
            _row(c, evidence=tuple(aliases.get(uid, uid) for uid in c.evidence))
            for c in snapshot.conclusions
        ]
        plans.append(_plan_keyed("conclusions", current, wanted, mode))
    if snapshot.indicator_verdicts is not None:
        current = {k: _row(v) for k, v in analysis_repo.indicator_verdicts(store).items()}
        wanted = [_row(v) for v in snapshot.indicator_verdicts]
        plans.append(_plan_keyed("indicator_verdicts", current, wanted, mode))
    return plans


def write_analysis(tx, plans: list[KeyedPlan]) -> None:
    """Write planned conclusions and indicator verdicts inside the import's transaction."""
    for keyed in plans:
        remove = _KEYED[keyed.table][2]
        for key in keyed.removes:
            remove(tx, key)
        for row in keyed.rows:
            tx.insert(keyed.table, row)

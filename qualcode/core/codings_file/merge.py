"""Apply a checked codings snapshot to a project: refuse what does not fit, re-anchor, merge.

Everything is checked and planned before the one transaction opens, so a refusal changes
nothing; the plan — codings, memos, informants, rejected suggestions, conclusions and indicator
verdicts — is then written as one event (undoable, or a barrier for a first load).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from typing import Any

from qualcode.core.coding.anchor import clamp, find_quote
from qualcode.core.coding.rules import new_uid
from qualcode.core.codings_file.analysis import (
    KeyedPlan,
    analysis_problems,
    plan_analysis,
    write_analysis,
)
from qualcode.core.codings_file.format import Snapshot, problems_error
from qualcode.core.codings_file.reviews import merge_reviews
from qualcode.core.codings_file.statement_merges import plan_merges, write_merges
from qualcode.core.records import POLARITIES, Coding, compared, row_of
from qualcode.core.store import codings as repo
from qualcode.core.store import memos as memo_repo
from qualcode.core.store import sources as source_repo
from qualcode.core.store.codings import STATUSES
from qualcode.core.store.db import utc_now
from qualcode.core.store.memos import MEMO_KINDS
from qualcode.i18n import t

MODES = ("merge", "replace")
_COMPARED = compared(Coding)


@dataclass(frozen=True, slots=True)
class Moved:
    """A coding whose quote was found elsewhere (``how``: moved, fuzzy) or not at all (gone)."""

    path: str
    uid: str
    code: str
    old: tuple[int, int]
    new: tuple[int, int]
    how: str
    quote: str


@dataclass(slots=True)
class ImportReport:
    """What an import did: counts, re-anchored and flagged codings, and warnings."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0
    kept_newer: int = 0
    skipped: int = 0
    memos_added: int = 0
    memos_updated: int = 0
    memos_removed: int = 0
    informants_changed: int = 0
    conclusions_added: int = 0
    conclusions_updated: int = 0
    conclusions_removed: int = 0
    verdicts_added: int = 0
    verdicts_updated: int = 0
    verdicts_removed: int = 0
    moved: list[Moved] = field(default_factory=list)
    flagged: list[Moved] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


# -- checking and planning ------------------------------------------------------------------------
@dataclass(slots=True)
class _Plan:
    inserts: list[dict[str, Any]] = field(default_factory=list)
    updates: list[tuple[int, dict[str, Any]]] = field(default_factory=list)
    deletes: list[int] = field(default_factory=list)
    memo_inserts: list[dict[str, Any]] = field(default_factory=list)
    memo_updates: list[tuple[int, dict[str, Any]]] = field(default_factory=list)
    memo_deletes: list[int] = field(default_factory=list)
    links: list[tuple[int, str]] = field(default_factory=list)
    rejects: list[tuple[int, int, int, str]] = field(default_factory=list)
    unrejects: list[int] = field(default_factory=list)
    aliases: dict[str, str] = field(default_factory=dict)  # skipped coding uid -> its holder
    keyed: list[KeyedPlan] = field(default_factory=list)


def _resolve_sources(
    project, snapshot: Snapshot, report: ImportReport
) -> tuple[dict[str, Any], list[str]]:
    known = {s.path: s for s in source_repo.sources(project.store)}
    by_hash: dict[str, list[Any]] = {}
    for src in known.values():
        by_hash.setdefault(src.sha256, []).append(src)
    matched: dict[str, Any] = {}
    missing: list[str] = []
    for entry in snapshot.sources:
        src = known.get(entry.path)
        if src is None and len(by_hash.get(entry.sha256, [])) == 1:
            src = by_hash[entry.sha256][0]
            report.warnings.append(t("codings_io.found_by_content", path=entry.path, now=src.path))
        if src is None:
            missing.append(entry.path)
            continue
        if entry.sha256 and entry.sha256 != src.sha256:
            report.warnings.append(t("codings_io.changed_text", path=src.path))
        matched[entry.path] = src
    return matched, missing


def _check(
    project, snapshot: Snapshot, label: str, mode: str, report: ImportReport
) -> dict[str, Any]:
    """Refuse a file whose codes, sources or values the project cannot take; list them all."""
    codebook = project.codebook
    matched, missing = _resolve_sources(project, snapshot, report)
    unknown: dict[str, int] = {}
    problems: list[str] = []
    for entry in snapshot.sources:
        for c in entry.codings:
            where = f"{entry.path} {c.uid or ''}".rstrip()
            if not codebook.has(c.code_id):
                unknown[c.code_id] = unknown.get(c.code_id, 0) + 1
            elif codebook.code(c.code_id).kind == "effort_category":
                problems.append("  " + t("codings_io.effort_category", where=where, code=c.code_id))
            if c.polarity not in POLARITIES:
                problems.append(
                    "  "
                    + t(
                        "codings_io.bad_polarity",
                        where=where,
                        value=c.polarity,
                        choices=", ".join(POLARITIES),
                    )
                )
            if c.status not in STATUSES:
                problems.append(
                    "  "
                    + t(
                        "codings_io.bad_status",
                        where=where,
                        value=c.status,
                        choices=", ".join(STATUSES),
                    )
                )
    paths = {s.path for s in source_repo.sources(project.store, with_text=False)}
    for m in snapshot.memos:
        if m.target_kind not in MEMO_KINDS:
            problems.append(
                "  "
                + t(
                    "codings_io.bad_memo_kind",
                    id=m.uid,
                    value=m.target_kind,
                    choices=", ".join(MEMO_KINDS),
                )
            )
        elif m.target_kind == "code" and not codebook.has(m.target):
            unknown[m.target] = unknown.get(m.target, 0) + 1
        elif m.target_kind == "source" and m.target not in paths and m.target not in matched:
            missing.append(m.target)
    for code, n in sorted(unknown.items()):
        close = codebook.close_matches(code) if code else ()
        hint = t("codings_io.close", ids=", ".join(close)) if close else ""
        problems.append("  " + t("codings_io.unknown_code", code=code, n=n) + hint)
    for path in dict.fromkeys(missing):
        problems.append("  " + t("codings_io.unknown_source", path=path))
    problems += analysis_problems(project, snapshot, mode)
    if problems:
        raise problems_error(
            t("codings_io.refused", file=label, n=len(problems), codebook=codebook.id),
            problems,
            t("codings_io.refused_hint"),
        )
    if snapshot.codebook and snapshot.codebook != codebook.id:
        report.warnings.append(
            t("codings_io.other_codebook", file=snapshot.codebook, project=codebook.id)
        )
    return matched


def _anchored_rows(
    project, snapshot: Snapshot, matched: dict[str, Any], report: ImportReport
) -> list[dict[str, Any]]:
    now = utc_now()
    rows = []
    for entry in snapshot.sources:
        src = matched[entry.path]
        for c in entry.codings:
            uid = c.uid or new_uid()
            found = find_quote(src.text, c.start, c.end, c.quote)
            status, reason, quote = c.status, c.flag_reason, c.quote
            start, end = found.start, found.end
            if found.how in ("moved", "fuzzy"):
                quote = src.text[start:end]
                report.moved.append(
                    Moved(
                        src.path, uid, c.code_id, (c.start, c.end), (start, end), found.how, quote
                    )
                )
            elif found.how == "gone":
                start, end = clamp(len(src.text), c.start, c.end)
                status, reason = "flagged", t("codings_io.flag_gone")
                report.flagged.append(
                    Moved(src.path, uid, c.code_id, (c.start, c.end), (start, end), "gone", c.quote)
                )
            placed = replace(
                c,
                uid=uid,
                source_id=src.id,
                start=start,
                end=end,
                quote=quote,
                coder=c.coder or project.user.coder,
                created_at=c.created_at or now,
                updated_at=c.updated_at or c.created_at or now,
                status=status,
                flag_reason=reason,
            )
            rows.append(row_of(placed))
    return rows


def _plan_codings(
    project, rows: list[dict[str, Any]], mode: str, plan: _Plan, report: ImportReport
) -> None:
    current = repo.rows_by_uid(project.store)
    wanted = {row["uid"] for row in rows}
    keys = {
        (r["source_id"], r["start"], r["end"], r["code_id"]): uid
        for uid, r in current.items()
        if mode == "merge" or uid in wanted
    }
    if mode == "replace":
        for uid, r in current.items():
            if uid not in wanted:
                plan.deletes.append(r["id"])
    for row in rows:
        key = (row["source_id"], row["start"], row["end"], row["code_id"])
        holder = keys.get(key)
        if holder is not None and holder != row["uid"]:
            plan.aliases[row["uid"]] = holder
            report.skipped += 1
            report.warnings.append(
                t("codings_io.duplicate", uid=row["uid"], other=holder, code=row["code_id"])
            )
            continue
        have = current.get(row["uid"])
        if have is None:
            plan.inserts.append(row)
            keys[key] = row["uid"]
            continue
        changes = {k: row[k] for k in _COMPARED if row[k] != have[k]}
        if not changes:
            report.unchanged += 1
        elif mode == "merge" and have["updated_at"] > row["updated_at"]:
            report.kept_newer += 1
        else:
            changes["updated_at"] = row["updated_at"]
            plan.updates.append((have["id"], changes))
            keys.pop((have["source_id"], have["start"], have["end"], have["code_id"]), None)
            keys[key] = row["uid"]
    report.added, report.updated, report.removed = (
        len(plan.inserts),
        len(plan.updates),
        len(plan.deletes),
    )


def _plan_memos(
    project,
    snapshot: Snapshot,
    matched: dict[str, Any],
    mode: str,
    plan: _Plan,
    report: ImportReport,
) -> None:
    current = memo_repo.rows_by_uid(project.store)
    now = utc_now()
    wanted = set()
    for m in snapshot.memos:
        placed = replace(
            m,
            uid=m.uid or new_uid(),
            target=matched[m.target].path
            if m.target_kind == "source" and m.target in matched
            else m.target,
            author=m.author or project.user.coder,
            created_at=m.created_at or now,
            updated_at=m.updated_at or m.created_at or now,
        )
        row = row_of(placed)
        wanted.add(row["uid"])
        have = current.get(row["uid"])
        if have is None:
            plan.memo_inserts.append(row)
            continue
        changes = {k: v for k, v in row.items() if k != "uid" and v != have[k]}
        if changes and not (mode == "merge" and have["updated_at"] > row["updated_at"]):
            plan.memo_updates.append((have["id"], changes))
    if mode == "replace":
        plan.memo_deletes = [r["id"] for uid, r in current.items() if uid not in wanted]
    report.memos_added, report.memos_updated = len(plan.memo_inserts), len(plan.memo_updates)
    report.memos_removed = len(plan.memo_deletes)


def _apply_informants(tx, snapshot: Snapshot, mode: str) -> int:
    changed = 0
    for person in snapshot.informants:
        if not person.code:
            continue
        row = tx.conn.execute(
            "SELECT * FROM informants WHERE upper(code) = upper(?)", (person.code,)
        ).fetchone()
        values = row_of(person, without=("id", "code", "attributes"))
        if row is None:
            tx.insert("informants", row_of(person))
            changed += 1
            continue
        have_attrs = json.loads(row["attributes"])
        if mode == "merge":
            changes: dict[str, Any] = {k: v for k, v in values.items() if v and not row[k]}
            attrs = {**person.attributes, **have_attrs}
        else:
            changes = {k: v for k, v in values.items() if v != row[k]}
            attrs = dict(person.attributes)
        if attrs != have_attrs:
            changes["attributes"] = attrs
        if changes:
            source_repo.update_informant(tx, int(row["id"]), changes)
            changed += 1
    return changed


def _plan_rejections(
    project, snapshot: Snapshot, matched: dict[str, Any], mode: str, plan: _Plan
) -> None:
    """Remember the suggestions the file says were turned down (those still meaningful)."""
    have = repo.rejected_ids(project.store)
    codebook = project.codebook
    wanted = set()
    for entry in snapshot.sources:
        src = matched[entry.path]
        for start, end, code in entry.rejected:
            if codebook.has(code) and 0 <= start < end <= len(src.text):
                wanted.add((src.id, start, end, code))
    plan.rejects = sorted(wanted - have.keys())
    if mode == "replace":
        plan.unrejects = [pk for key, pk in have.items() if key not in wanted]


def apply_snapshot(
    project, snapshot: Snapshot, label: str, mode: str, action: str, kind: str
) -> ImportReport:
    """Check, re-anchor and plan a snapshot, then write it as one event (``kind``) or refuse."""
    report = ImportReport()
    matched = _check(project, snapshot, label, mode, report)
    rows = _anchored_rows(project, snapshot, matched, report)
    plan = _Plan()
    _plan_codings(project, rows, mode, plan, report)
    _plan_memos(project, snapshot, matched, mode, plan, report)
    _plan_rejections(project, snapshot, matched, mode, plan)
    plan.keyed = plan_analysis(project, snapshot, mode, plan.aliases)
    for keyed in plan.keyed:
        counts = (keyed.added, keyed.updated, keyed.removed)
        if keyed.table == "conclusions":
            report.conclusions_added, report.conclusions_updated, report.conclusions_removed = (
                counts
            )
        else:
            report.verdicts_added, report.verdicts_updated, report.verdicts_removed = counts
    merges = plan_merges(project, snapshot, mode, plan.aliases)
    for entry in snapshot.sources:
        src = matched[entry.path]
        if entry.informant and src.informant_id is None:
            plan.links.append((src.id, entry.informant))
    description = t(
        "codings_io.event_import" if action == "codings.import" else "codings_io.event_load",
        file=label,
        added=report.added,
        updated=report.updated,
        removed=report.removed,
    )
    with project.store.transaction(action, description, kind=kind) as tx:
        report.informants_changed = _apply_informants(tx, snapshot, mode)
        for pk in plan.deletes:
            repo.delete_coding(tx, pk)
        for pk, changes in plan.updates:
            repo.update_coding(tx, pk, changes)
        for row in plan.inserts:
            repo.insert_coding(tx, row)
        for pk in plan.memo_deletes:
            memo_repo.delete_memo(tx, pk)
        for pk, changes in plan.memo_updates:
            memo_repo.update_memo(tx, pk, changes)
        for row in plan.memo_inserts:
            memo_repo.insert_memo(tx, row)
        for pk in plan.unrejects:
            repo.delete_rejection(tx, pk)
        now = utc_now()
        for source_id, start, end, code in plan.rejects:
            repo.reject_suggestion(tx, source_id, start, end, code, project.user.coder, now)
        for source_id, code in plan.links:
            person = source_repo.informant_by_code(project.store, code)
            if person is not None:
                source_repo.set_source_informant(tx, source_id, person.id)
        write_analysis(tx, plan.keyed)
        if snapshot.reviews is not None:
            merge_reviews(tx, project.store, snapshot.reviews, mode)
        write_merges(tx, merges, now)
    return report

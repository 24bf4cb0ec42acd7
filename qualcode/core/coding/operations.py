"""Coding operations: code a sentence, a turn or any span; edit, cycle polarity, remove; undo.

Every operation validates first (source, span, code, polarity, interviewer text, duplicates) and
then writes one event, so undo and redo walk the student's work step by step. Reads take a
``Store``; writes take the open ``Project`` (they need its codebook and coder name).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import NoReturn

from qualcode.core.coding.rules import (
    check_code,
    check_duplicate,
    check_interviewer,
    new_uid,
    normalise_polarity,
    place,
    source_text,
    trim_span,
)
from qualcode.core.records import Coding, row_of
from qualcode.core.store import codings as repo
from qualcode.core.store.codings import STATUSES
from qualcode.core.store.db import Event, Store, utc_now
from qualcode.errors import CodingError
from qualcode.i18n import has, t

POLARITY_CYCLE = {"pendukung": "penghambat", "penghambat": "netral", "netral": "pendukung"}


@dataclass(frozen=True, slots=True)
class NewCoding:
    """A coding to be made: where, with which code, and what the student wrote about it."""

    source_id: int
    start: int
    end: int
    code_id: str
    polarity: str = "netral"
    summary: str = ""
    memo: str = ""


def _prepare(project, item: NewCoding, force: bool, texts: dict[int, str]) -> dict:
    store = project.store
    text = source_text(store, item.source_id, texts)
    start, end = trim_span(store, item.source_id, text, item.start, item.end)
    code_id = check_code(project, item.code_id)
    polarity = normalise_polarity(item.polarity)
    check_interviewer(store, item.source_id, start, end, force)
    check_duplicate(store, item.source_id, start, end, code_id)
    now = utc_now()
    made = Coding(
        id=0,
        uid=new_uid(),
        source_id=int(item.source_id),
        start=start,
        end=end,
        quote=text[start:end],
        code_id=code_id,
        polarity=polarity,
        summary=(item.summary or "").strip(),
        memo=(item.memo or "").strip(),
        coder=project.user.coder,
        created_at=now,
        updated_at=now,
    )
    return row_of(made)


# -- reading ----------------------------------------------------------------------------------
def get_coding(store: Store, coding_id: int | str) -> Coding:
    """Return a coding by row id (or uid), or raise a CodingError naming it."""
    found = None
    if isinstance(coding_id, int) or str(coding_id).strip().isdigit():
        found = repo.coding_by_id(store, int(coding_id))
    if found is None and isinstance(coding_id, str):
        found = repo.coding_by_uid(store, coding_id.strip())
    if found is None:
        raise CodingError(t("coding.no_coding", id=coding_id), t("coding.no_coding_hint"))
    return found


# -- adding -----------------------------------------------------------------------------------
def add_coding(
    project,
    source_id: int,
    start: int,
    end: int,
    code_id: str,
    polarity: str = "netral",
    summary: str = "",
    memo: str = "",
    *,
    force: bool = False,
) -> Coding:
    """Code the span [start, end) of a source with a code, a polarity and a summary (one event)."""
    item = NewCoding(source_id, start, end, code_id, polarity, summary, memo)
    row = _prepare(project, item, force, {})
    store = project.store
    where = place(store, row["source_id"], row["start"], row["end"])
    with store.transaction(
        "coding.add", t("coding.event_add", code=row["code_id"], where=where)
    ) as tx:
        pk = repo.insert_coding(tx, row)
    return get_coding(store, pk)


def add_codings(
    project,
    items: Sequence[NewCoding],
    *,
    force: bool = False,
    action: str = "coding.add_many",
    description: str | None = None,
) -> list[Coding]:
    """Make many codings as one event; if any is invalid, none is made and all are listed."""
    store = project.store
    texts: dict[int, str] = {}
    rows: list[dict] = []
    problems: list[str] = []
    seen: dict[tuple[int, int, int, str], int] = {}
    for n, item in enumerate(items, start=1):
        try:
            row = _prepare(project, item, force, texts)
        except CodingError as exc:
            problems.append(t("coding.batch_item", n=n, message=exc.message))
            continue
        key = (row["source_id"], row["start"], row["end"], row["code_id"])
        if key in seen:
            where = place(store, row["source_id"], row["start"], row["end"])
            problems.append(
                t(
                    "coding.batch_item",
                    n=n,
                    message=t(
                        "coding.batch_twice", code=row["code_id"], where=where, other=seen[key]
                    ),
                )
            )
            continue
        seen[key] = n
        rows.append(row)
    if problems:
        raise CodingError(
            t("coding.batch_refused", bad=len(problems), total=len(items))
            + "\n"
            + "\n".join(problems),
            t("coding.batch_hint"),
        )
    if not rows:
        return []
    description = description or t("coding.event_add_many", n=len(rows))
    with store.transaction(action, description) as tx:
        ids = [repo.insert_coding(tx, row) for row in rows]
    return [get_coding(store, pk) for pk in ids]


def code_sentence(project, source_id: int, sentence_idx: int, code_id: str, **kw) -> Coding:
    """Code one sentence of a source (by its index, as ``qualcode show`` prints it)."""
    span = repo.sentence_span(project.store, int(source_id), int(sentence_idx))
    if span is None:
        _no_unit(project.store, source_id, "coding.no_sentence", sentence_idx, 0)
    return add_coding(project, source_id, span[0], span[1], code_id, **kw)


def code_turn(project, source_id: int, turn_idx: int, code_id: str, **kw) -> Coding:
    """Code a whole speaker turn of a source (by its index, as ``qualcode show`` prints it)."""
    span = repo.turn_span(project.store, int(source_id), int(turn_idx))
    if span is None:
        _no_unit(project.store, source_id, "coding.no_turn", turn_idx, 1)
    return add_coding(project, source_id, span[0], span[1], code_id, **kw)


def _no_unit(store, source_id: int, key: str, n: int, which: int) -> NoReturn:
    """Refuse an index past the source's sentences (which=0) or turns (which=1)."""
    source_text(store, source_id)  # an unknown source is refused first, by name
    count = repo.count_units(store, int(source_id))[which]
    source = repo.source_label(store, source_id)
    raise CodingError(t(key, n=n, source=source, count=count), t("coding.show_hint"))


# -- editing ----------------------------------------------------------------------------------
def update_coding(
    project,
    coding_id: int | str,
    *,
    code_id: str | None = None,
    polarity: str | None = None,
    summary: str | None = None,
    memo: str | None = None,
    start: int | None = None,
    end: int | None = None,
    status: str | None = None,
    force: bool = False,
) -> Coding:
    """Change a coding's code, polarity, summary, memo, span or status (one event)."""
    store = project.store
    current = get_coding(store, coding_id)
    changes: dict[str, object] = {}
    if code_id is not None and code_id.strip() != current.code_id:
        changes["code_id"] = check_code(project, code_id)
    if polarity is not None and (value := normalise_polarity(polarity)) != current.polarity:
        changes["polarity"] = value
    if summary is not None and summary.strip() != current.summary:
        changes["summary"] = summary.strip()
    if memo is not None and memo.strip() != current.memo:
        changes["memo"] = memo.strip()
    if start is not None or end is not None:
        text = source_text(store, current.source_id)
        new_start, new_end = trim_span(
            store,
            current.source_id,
            text,
            current.start if start is None else start,
            current.end if end is None else end,
        )
        if (new_start, new_end) != (current.start, current.end) or current.status == "flagged":
            check_interviewer(store, current.source_id, new_start, new_end, force)
            changes.update(start=new_start, end=new_end, quote=text[new_start:new_end])
            if current.status == "flagged" and status is None:
                changes.update(status="ok", flag_reason="")
    if status is not None and status != current.status:
        if status not in STATUSES:
            raise CodingError(t("coding.bad_status", value=status, choices=", ".join(STATUSES)))
        changes["status"] = status
        if status != "flagged":
            changes["flag_reason"] = ""
    if not changes:
        return current
    if {"code_id", "start", "end"} & changes.keys():
        key_start = int(changes.get("start", current.start))  # type: ignore[arg-type]
        key_end = int(changes.get("end", current.end))  # type: ignore[arg-type]
        key_code = str(changes.get("code_id", current.code_id))
        check_duplicate(store, current.source_id, key_start, key_end, key_code, current.id)
    changes["updated_at"] = utc_now()
    # keys: coding.field_{code_id,polarity,summary,memo,start,end,status}?
    # keys: coding.field_{quote,flag_reason,updated_at}?
    fields = ", ".join(t(f"coding.field_{name}") for name in changes if has(f"coding.field_{name}"))
    description = t(
        "coding.event_edit",
        id=current.id,
        code=changes.get("code_id", current.code_id),
        where=place(store, current.source_id, current.start, current.end),
        fields=fields,
    )
    with store.transaction("coding.edit", description) as tx:
        repo.update_coding(tx, current.id, changes)
    return get_coding(store, current.id)


def cycle_polarity(project, coding_id: int | str) -> Coding:
    """Move a coding's polarity on: pendukung → penghambat → netral → pendukung (one event)."""
    store = project.store
    current = get_coding(store, coding_id)
    polarity = POLARITY_CYCLE[current.polarity]
    description = t(
        "coding.event_polarity",
        code=current.code_id,
        where=place(store, current.source_id, current.start, current.end),
        old=current.polarity,
        new=polarity,
    )
    with store.transaction("coding.polarity", description) as tx:
        repo.update_coding(tx, current.id, {"polarity": polarity, "updated_at": utc_now()})
    return get_coding(store, current.id)


# -- removing ---------------------------------------------------------------------------------
def remove_coding(project, coding_id: int | str) -> None:
    """Delete one coding (one event; undo brings it back unchanged)."""
    store = project.store
    current = get_coding(store, coding_id)
    description = t(
        "coding.event_remove",
        code=current.code_id,
        where=place(store, current.source_id, current.start, current.end),
    )
    with store.transaction("coding.remove", description) as tx:
        repo.delete_coding(tx, current.id)


def remove_codings(project, ids: Sequence[int | str]) -> int:
    """Delete many codings as one event; refuse (deleting none) if any id is unknown."""
    store = project.store
    resolved: dict[int, None] = {}
    missing: list[str] = []
    for ref in ids:
        try:
            resolved.setdefault(get_coding(store, ref).id, None)
        except CodingError:
            missing.append(str(ref))
    if missing:
        raise CodingError(
            t("coding.no_codings", ids=", ".join(missing)), t("coding.no_coding_hint")
        )
    if not resolved:
        return 0
    with store.transaction(
        "coding.remove_many", t("coding.event_remove_many", n=len(resolved))
    ) as tx:
        for pk in resolved:
            repo.delete_coding(tx, pk)
    return len(resolved)


# -- undo / redo ------------------------------------------------------------------------------
def undo(project) -> Event:
    """Revert the newest change (a coding, a memo, an import…) and return its event."""
    return _after_replay(project, project.store.undo())


def redo(project) -> Event:
    """Re-apply the oldest undone change and return its event."""
    return _after_replay(project, project.store.redo())


def _after_replay(project, event: Event) -> Event:
    """Forget the cached codebook when the replayed event rewrote files (a codebook edit)."""
    if repo.event_touches_files(project.store, event.id):
        project.forget_codebook()  # loaded again, and checked, on next use
    return event

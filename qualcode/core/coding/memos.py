"""Analytic memos on a code, a source, an informant, a coding or the project (undoable)."""

from __future__ import annotations

from qualcode.core.coding.operations import get_coding
from qualcode.core.coding.rules import check_code, new_uid
from qualcode.core.records import Memo
from qualcode.core.store import memos as repo
from qualcode.core.store import sources as source_repo
from qualcode.core.store.db import Store, utc_now
from qualcode.core.store.memos import MEMO_KINDS
from qualcode.errors import QualcodeError
from qualcode.i18n import t


def resolve_target(project, kind: str, ref: str | int | None) -> str:
    """Turn a reference into the stored target: code id, source path, informant, coding uid."""
    if kind not in MEMO_KINDS:
        raise QualcodeError(
            t("memos.bad_kind", kind=kind), t("memos.kinds", kinds=", ".join(MEMO_KINDS))
        )
    store = project.store
    if kind == "project":
        return ""
    ref = "" if ref is None else str(ref).strip()
    if not ref:
        # keys: memos.kind_{code,source,informant,coding}
        raise QualcodeError(t("memos.no_target", kind=t(f"memos.kind_{kind}")))
    if kind == "code":
        if project.codebook.has(ref):
            return ref
        check_code(project, ref)  # raises with close matches
    if kind == "source":
        return source_repo.one_source(store, ref).path
    if kind == "informant":
        informant = source_repo.informant_by_code(store, ref)
        if informant is None:
            known = ", ".join(i.code for i in source_repo.informants(store)) or "—"
            raise QualcodeError(
                t("memos.unknown_informant", code=ref), t("memos.known_informants", codes=known)
            )
        return informant.code
    return get_coding(store, ref).uid


def get_memo(store: Store, memo_id: int | str) -> Memo:
    """Return a memo by row id (or uid), or raise naming it."""
    found = None
    if isinstance(memo_id, int) or str(memo_id).strip().isdigit():
        found = repo.memo_by_id(store, int(memo_id))
    if found is None and isinstance(memo_id, str):
        found = repo.memo_by_uid(store, memo_id.strip())
    if found is None:
        raise QualcodeError(t("memos.no_memo", id=memo_id), t("memos.no_memo_hint"))
    return found


def list_memos(
    store: Store, target_kind: str | None = None, target: str | None = None
) -> list[Memo]:
    """Return memos, optionally those of one kind of target (and one resolved target)."""
    if target_kind is not None and target_kind not in MEMO_KINDS:
        raise QualcodeError(
            t("memos.bad_kind", kind=target_kind), t("memos.kinds", kinds=", ".join(MEMO_KINDS))
        )
    return repo.list_memos(store, target_kind, target)


def _label(kind: str, target: str) -> str:
    # keys: memos.kind_{code,source,informant,coding}
    return t("memos.on_project") if kind == "project" else f"{t(f'memos.kind_{kind}')} {target}"


def add_memo(project, kind: str, ref: str | int | None, body: str, title: str = "") -> Memo:
    """Write a new memo on a target (one undoable event)."""
    target = resolve_target(project, kind, ref)
    body = (body or "").strip()
    if not body:
        raise QualcodeError(t("memos.empty_body"))
    now = utc_now()
    row = {
        "uid": new_uid(),
        "target_kind": kind,
        "target": target,
        "title": (title or "").strip(),
        "body": body,
        "author": project.user.coder,
        "created_at": now,
        "updated_at": now,
    }
    store = project.store
    with store.transaction("memo.add", t("memos.event_add", target=_label(kind, target))) as tx:
        pk = repo.insert_memo(tx, row)
    return get_memo(store, pk)


def edit_memo(
    project, memo_id: int | str, *, body: str | None = None, title: str | None = None
) -> Memo:
    """Change a memo's body or title (one undoable event; nothing happens when unchanged)."""
    store = project.store
    memo = get_memo(store, memo_id)
    changes: dict[str, str] = {}
    if body is not None:
        body = body.strip()
        if not body:
            raise QualcodeError(t("memos.empty_body"), t("memos.remove_hint", id=memo.id))
        if body != memo.body:
            changes["body"] = body
    if title is not None and title.strip() != memo.title:
        changes["title"] = title.strip()
    if not changes:
        return memo
    changes["updated_at"] = utc_now()
    label = _label(memo.target_kind, memo.target)
    with store.transaction("memo.edit", t("memos.event_edit", id=memo.id, target=label)) as tx:
        repo.update_memo(tx, memo.id, changes)
    return get_memo(store, memo.id)


def remove_memo(project, memo_id: int | str) -> None:
    """Delete a memo (one undoable event)."""
    store = project.store
    memo = get_memo(store, memo_id)
    label = _label(memo.target_kind, memo.target)
    with store.transaction("memo.remove", t("memos.event_remove", id=memo.id, target=label)) as tx:
        repo.delete_memo(tx, memo.id)

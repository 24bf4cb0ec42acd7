"""Review threads: comment, reply, resolve, approve, ask for a revision — each one undoable event.

A thread starts ``open``. A reply by anyone but the thread's author answers it (``answered``);
the author's own follow-up opens it again; ``resolve`` closes it. ``approve`` and ``revise`` put
a mark on a coding, a conclusion or an indicator verdict: an approval is a resolved thread, a
request for revision an open one the student answers. The newest mark on a target is its mark.
"""

from __future__ import annotations

from dataclasses import dataclass

from qualcode.core.coding.rules import new_uid
from qualcode.core.records import ReviewThread
from qualcode.core.review.targets import (
    MARKABLE,
    check_kind,
    kind_label,
    resolve_target,
    target_label,
)
from qualcode.core.store import review_sql as repo
from qualcode.core.store.db import REVIEW_PREFIX, Store, utc_now
from qualcode.core.store.review_sql import STATES
from qualcode.errors import QualcodeError
from qualcode.i18n import t

__all__ = [
    "NewThread",
    "approve",
    "comment",
    "get_thread",
    "list_threads",
    "open_thread",
    "reply",
    "resolve",
    "revise",
    "threads_on_cell",
]


@dataclass(frozen=True, slots=True)
class NewThread:
    """A thread to open on a resolved target (what ``comment`` and an import write)."""

    target_kind: str
    target: str
    body: str
    anchor: str = ""
    mark: str = ""
    origin: str = ""
    author: str = ""
    author_role: str = ""
    created_at: str = ""


def get_thread(store: Store, ref: int | str) -> ReviewThread:
    """Return a thread by row id (or uid), or raise naming it."""
    found = None
    text = str(ref).strip()
    if text.isdigit():
        found = repo.thread_by_id(store, int(text))
    if found is None:
        found = repo.thread_by_uid(store, text)
    if found is None:
        raise QualcodeError(t("review.no_thread", id=ref), t("review.no_thread_hint"))
    return found


def list_threads(
    store: Store,
    *,
    state: str | None = None,
    target_kind: str | None = None,
    person: str | None = None,
    newest_first: bool = True,
) -> list[ReviewThread]:
    """Return threads: ``state`` is open, answered, resolved or ``unresolved``; newest first."""
    if target_kind is not None:
        check_kind(target_kind)
    states: tuple[str, ...] | None = None
    if state == "unresolved":
        states = ("open", "answered")
    elif state is not None:
        if state not in STATES:
            raise QualcodeError(
                t("review.bad_state", state=state),
                t("review.states", states=", ".join((*STATES, "unresolved"))),
            )
        states = (state,)
    return repo.list_threads(
        store, states=states, target_kind=target_kind, person=person, newest_first=newest_first
    )


def threads_on_cell(
    store: Store, table, row_key: str, column_key: str, codings: tuple[int, ...]
) -> list[ReviewThread]:
    """Return the threads on what a display cell stands for (its coding, conclusion, verdict
    or the cell itself), oldest first."""
    from qualcode.core.review.anchors import cell_target
    from qualcode.core.store.codings import coding_by_id

    uid_of: dict[int, str] = {}
    distinct = set(codings)
    if len(distinct) == 1:
        found = coding_by_id(store, next(iter(distinct)))
        uid_of = {found.id: found.uid} if found else {}
    target = cell_target(table, row_key, column_key, codings, uid_of)
    return repo.list_threads(store, target_kind=target.kind, target=target.target)


def _body(text: str | None, default_key: str | None = None) -> str:
    body = (text or "").strip()
    if not body and default_key:
        body = t(default_key)
    if not body:
        raise QualcodeError(t("review.empty_body"))
    return body


def open_thread(tx, project, new: NewThread) -> str:
    """Write a new thread and its first message inside an open transaction; return its uid."""
    user = project.user
    now = new.created_at or utc_now()
    uid = new_uid()
    state = "resolved" if new.mark == "approved" else "open"
    author = new.author or user.coder
    role = new.author_role or (user.role if not new.author else "")
    repo.insert_thread(
        tx,
        {
            "uid": uid,
            "target_kind": new.target_kind,
            "target": new.target,
            "anchor": new.anchor,
            "mark": new.mark,
            "state": state,
            "origin": new.origin,
            "author": author,
            "author_role": role,
            "created_at": now,
            "updated_at": now,
        },
    )
    repo.insert_message(
        tx,
        {
            "uid": new_uid(),
            "thread_uid": uid,
            "body": new.body,
            "author": author,
            "author_role": role,
            "origin": new.origin,
            "created_at": now,
        },
    )
    return uid


def _message_row(thread_uid: str, body: str, user, now: str, origin: str = "") -> dict:
    return {
        "uid": new_uid(),
        "thread_uid": thread_uid,
        "body": body,
        "author": user.coder,
        "author_role": user.role,
        "origin": origin,
        "created_at": now,
    }


def _start(
    project, kind: str, ref: str | None, body: str, mark: str, event: str, anchor: str = ""
) -> ReviewThread:
    target = resolve_target(project, kind, ref)
    if mark and kind not in MARKABLE:
        raise QualcodeError(
            t("review.not_markable", kind=kind_label(kind)),
            t("review.markable", kinds=", ".join(MARKABLE)),
        )
    label = target_label(kind, target)
    # keys: review.event_{comment,approve,revise}
    description = t(f"review.event_{event}", target=label)
    with project.store.transaction(REVIEW_PREFIX + event, description) as tx:
        uid = open_thread(tx, project, NewThread(kind, target, body, anchor=anchor, mark=mark))
    return get_thread(project.store, uid)


def comment(project, kind: str, ref: str | None, body: str, anchor: str = "") -> ReviewThread:
    """Open a comment thread on a target (one undoable event)."""
    return _start(project, kind, ref, _body(body), "", "comment", anchor)


def approve(project, kind: str, ref: str | None, note: str = "") -> ReviewThread:
    """Mark a coding, conclusion or indicator verdict approved (a resolved thread)."""
    return _start(project, kind, ref, _body(note, "review.approved_text"), "approved", "approve")


def revise(project, kind: str, ref: str | None, note: str) -> ReviewThread:
    """Ask for a revision of a coding, conclusion or indicator verdict (an open thread)."""
    return _start(project, kind, ref, _body(note), "needs_revision", "revise")


def reply(project, ref: int | str, body: str, *, origin: str = "") -> ReviewThread:
    """Reply in a thread: anyone but its author answers it, the author re-opens it."""
    store = project.store
    thread = get_thread(store, ref)
    text = _body(body)
    now = utc_now()
    user = project.user
    state = "open" if user.coder == thread.author else "answered"
    label = target_label(thread.target_kind, thread.target)
    with store.transaction(
        "review.reply", t("review.event_reply", id=thread.id, target=label)
    ) as tx:
        repo.insert_message(tx, _message_row(thread.uid, text, user, now, origin))
        repo.update_thread(tx, thread.id, {"state": state, "updated_at": now})
    return get_thread(store, thread.id)


def resolve(project, ref: int | str, note: str = "") -> ReviewThread:
    """Resolve a thread, with an optional last message (one undoable event)."""
    store = project.store
    thread = get_thread(store, ref)
    if thread.state == "resolved" and not note.strip():
        return thread
    now = utc_now()
    user = project.user
    label = target_label(thread.target_kind, thread.target)
    with store.transaction(
        "review.resolve", t("review.event_resolve", id=thread.id, target=label)
    ) as tx:
        if note.strip():
            repo.insert_message(tx, _message_row(thread.uid, note.strip(), user, now))
        repo.update_thread(tx, thread.id, {"state": "resolved", "updated_at": now})
    return get_thread(store, thread.id)

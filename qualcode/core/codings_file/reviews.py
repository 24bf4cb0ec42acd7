"""The ``reviews`` section of the codings file: the supervisor's threads travel with the project.

    reviews?: [{id, kind, target?, anchor?, mark?, state, origin?, author, role?, created,
                updated, messages: [{id, author, role?, body, created, origin?}]}]

Threads name their target by its stable key (a coding's uid, a cell's ``kind|row|column``, a
dimension or indicator id, a memo's uid, a source's path), so they survive a rebuild of the store
and re-ordering. The key is optional: files written before it still load, and a file without it
leaves the project's reviews untouched. Merging adds threads and messages the project lacks (by
id) and takes a thread's state and mark from whichever side changed it last; a review import
(``qualcode review import``) merges this section only and never touches codings.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from qualcode.core.codings_file.format import Problems, get_str, mappings
from qualcode.core.store import review_sql as repo
from qualcode.core.store.review_sql import MARKS, STATES, TARGET_KINDS

if TYPE_CHECKING:
    from qualcode.core.codings_file.format import Snapshot
    from qualcode.core.store.db import Store, Tx


@dataclass(frozen=True, slots=True)
class SnapMessage:
    """One message of a thread as the file holds it."""

    uid: str
    body: str
    author: str = ""
    role: str = ""
    created: str = ""
    origin: str = ""


@dataclass(frozen=True, slots=True)
class SnapThread:
    """One review thread as the file holds it."""

    uid: str
    kind: str
    target: str = ""
    anchor: str = ""
    mark: str = ""
    state: str = "open"
    origin: str = ""
    author: str = ""
    role: str = ""
    created: str = ""
    updated: str = ""
    messages: tuple[SnapMessage, ...] = ()


@dataclass(slots=True)
class ReviewMerge:
    """What merging a reviews section did."""

    threads_added: int = 0
    threads_updated: int = 0
    threads_removed: int = 0
    messages_added: int = 0
    added_uids: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.threads_added or self.threads_updated or self.messages_added)


# -- writing ----------------------------------------------------------------------------------
def reviews_of(store: Store) -> tuple[SnapThread, ...]:
    """Return the store's threads in the order they were opened."""
    return tuple(
        SnapThread(
            uid=th.uid,
            kind=th.target_kind,
            target=th.target,
            anchor=th.anchor,
            mark=th.mark,
            state=th.state,
            origin=th.origin,
            author=th.author,
            role=th.author_role,
            created=th.created_at,
            updated=th.updated_at,
            messages=tuple(
                SnapMessage(m.uid, m.body, m.author, m.author_role, m.created_at, m.origin)
                for m in th.messages
            ),
        )
        for th in repo.list_threads(store)
    )


def reviews_data(snapshot: Snapshot) -> dict[str, Any]:
    """Return the plain data of the reviews key (left out when the snapshot has none)."""
    if snapshot.reviews is None or not snapshot.reviews:
        return {}
    return {"reviews": [_thread_data(th) for th in snapshot.reviews]}


def _optional(data: dict[str, Any], **values: str) -> None:
    data.update({key: value for key, value in values.items() if value})


def _thread_data(th: SnapThread) -> dict[str, Any]:
    data: dict[str, Any] = {"id": th.uid, "kind": th.kind}
    _optional(data, target=th.target, anchor=th.anchor, mark=th.mark)
    data["state"] = th.state
    _optional(data, origin=th.origin)
    data["author"] = th.author
    _optional(data, role=th.role)
    data.update(created=th.created, updated=th.updated)
    data["messages"] = [_message_data(m) for m in th.messages]
    return data


def _message_data(m: SnapMessage) -> dict[str, Any]:
    data: dict[str, Any] = {"id": m.uid, "author": m.author}
    _optional(data, role=m.role)
    data.update(body=m.body, created=m.created)
    _optional(data, origin=m.origin)
    return data


# -- reading ----------------------------------------------------------------------------------
def read_reviews(data: dict, problems: Problems) -> tuple[SnapThread, ...] | None:
    """Read the reviews key (None when the file has none), noting what is wrong."""
    if "reviews" not in data:
        return None
    seen: set[str] = set()
    out = []
    for where, entry in mappings(data, "reviews", problems):
        th = _thread(entry, where, problems)
        if th.uid in seen:
            problems.add(where, "entry_twice", id=th.uid, other="reviews")
            continue
        seen.add(th.uid)
        out.append(th)
    return tuple(out)


def _choice(entry: dict, key: str, where: str, problems: Problems, choices, default: str) -> str:
    value = get_str(entry, key, where, problems) or default
    if value not in choices:
        problems.add(where, "bad_choice", field=key, value=value, choices=", ".join(choices))
        return default
    return value


def _thread(entry: dict, where: str, problems: Problems) -> SnapThread:
    uid = get_str(entry, "id", where, problems, required=True)
    where = f"{where} ({uid})" if uid else where
    messages = [
        SnapMessage(
            uid=get_str(m, "id", spot, problems, required=True),
            body=get_str(m, "body", spot, problems, required=True),
            author=get_str(m, "author", spot, problems),
            role=get_str(m, "role", spot, problems),
            created=get_str(m, "created", spot, problems),
            origin=get_str(m, "origin", spot, problems),
        )
        for spot, m in mappings(entry, "messages", problems, where)
    ]
    return SnapThread(
        uid=uid,
        kind=_choice(entry, "kind", where, problems, TARGET_KINDS, "project"),
        target=get_str(entry, "target", where, problems),
        anchor=get_str(entry, "anchor", where, problems),
        mark=_choice(entry, "mark", where, problems, ("", *MARKS), ""),
        state=_choice(entry, "state", where, problems, STATES, "open"),
        origin=get_str(entry, "origin", where, problems),
        author=get_str(entry, "author", where, problems),
        role=get_str(entry, "role", where, problems),
        created=get_str(entry, "created", where, problems),
        updated=get_str(entry, "updated", where, problems),
        messages=tuple(messages),
    )


# -- merging ----------------------------------------------------------------------------------
def merge_reviews(tx: Tx, store: Store, threads: tuple[SnapThread, ...], mode: str) -> ReviewMerge:
    """Write a file's threads inside an open transaction: add what is new, take the newer state
    and mark, and in ``replace`` remove threads the file lacks."""
    report = ReviewMerge()
    current = repo.thread_rows(store)
    known_messages = repo.message_uids(store)
    for th in threads:
        have = current.get(th.uid)
        if have is None:
            repo.insert_thread(
                tx,
                {
                    "uid": th.uid,
                    "target_kind": th.kind,
                    "target": th.target,
                    "anchor": th.anchor,
                    "mark": th.mark,
                    "state": th.state,
                    "origin": th.origin,
                    "author": th.author,
                    "author_role": th.role,
                    "created_at": th.created,
                    "updated_at": th.updated or th.created,
                },
            )
            report.threads_added += 1
            report.added_uids.append(th.uid)
        elif th.updated > have["updated_at"] and (th.state, th.mark) != (
            have["state"],
            have["mark"],
        ):
            repo.update_thread(
                tx, have["id"], {"state": th.state, "mark": th.mark, "updated_at": th.updated}
            )
            report.threads_updated += 1
        for m in th.messages:
            if m.uid in known_messages:
                continue
            repo.insert_message(
                tx,
                {
                    "uid": m.uid,
                    "thread_uid": th.uid,
                    "body": m.body,
                    "author": m.author,
                    "author_role": m.role,
                    "origin": m.origin,
                    "created_at": m.created,
                },
            )
            known_messages.add(m.uid)
            report.messages_added += 1
    if mode == "replace":
        keep = {th.uid for th in threads}
        for uid, row in current.items():
            if uid not in keep:
                repo.delete_thread(tx, row["id"], uid)
                report.threads_removed += 1
    return report

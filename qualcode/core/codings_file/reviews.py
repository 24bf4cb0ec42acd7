"""The ``reviews`` section of the codings file: the supervisor's threads travel with the project.
(Its values, YAML and checks live in ``format``; this module reads them from the store and merges
them into it.)

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
from typing import TYPE_CHECKING

from qualcode.core.codings_file.format import SnapMessage, SnapThread
from qualcode.core.store import review_sql as repo

if TYPE_CHECKING:
    from qualcode.core.store.db import Store, Tx


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

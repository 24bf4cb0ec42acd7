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

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from qualcode.core.records import ReviewThread, row_of
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


def reviews_of(store: Store) -> tuple[ReviewThread, ...]:
    """Return the store's threads in the order they were opened, as the file holds them."""
    return tuple(
        replace(th, id=0, messages=tuple(replace(m, id=0) for m in th.messages))
        for th in repo.list_threads(store)
    )


# -- merging ----------------------------------------------------------------------------------
def merge_reviews(
    tx: Tx, store: Store, threads: tuple[ReviewThread, ...], mode: str
) -> ReviewMerge:
    """Write a file's threads inside an open transaction: add what is new, take the newer state
    and mark, and in ``replace`` remove threads the file lacks."""
    report = ReviewMerge()
    current = repo.thread_rows(store)
    known_messages = repo.message_uids(store)
    for th in threads:
        have = current.get(th.uid)
        if have is None:
            row = row_of(th, without=("id", "messages"))
            repo.insert_thread(tx, {**row, "updated_at": th.updated_at or th.created_at})
            report.threads_added += 1
            report.added_uids.append(th.uid)
        elif th.updated_at > have["updated_at"] and (th.state, th.mark) != (
            have["state"],
            have["mark"],
        ):
            repo.update_thread(
                tx, have["id"], {"state": th.state, "mark": th.mark, "updated_at": th.updated_at}
            )
            report.threads_updated += 1
        for m in th.messages:
            if m.uid in known_messages:
                continue
            repo.insert_message(tx, row_of(replace(m, thread_uid=th.uid)))
            known_messages.add(m.uid)
            report.messages_added += 1
    if mode == "replace":
        keep = {th.uid for th in threads}
        for uid, row in current.items():
            if uid not in keep:
                repo.delete_thread(tx, row["id"], uid)
                report.threads_removed += 1
    return report

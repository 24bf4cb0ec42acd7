"""The ``statement_merges`` section of the codings file, against the store: what an export
writes and what an import plans (the section's values and YAML live in ``format``).

A file without the key leaves the project's merges untouched; in ``replace`` mode the file's
list is the whole list.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from qualcode.core.records import StatementMerge
from qualcode.core.store import merges_sql

if TYPE_CHECKING:
    from qualcode.core.codings_file.format import Snapshot


def snap_merges(store, written: set[str]) -> tuple[StatementMerge, ...]:
    """The store's merge decisions for the file, members limited to the codings it holds."""
    return tuple(
        replace(m, id=0, members=tuple(u for u in m.members if u in written))
        for m in merges_sql.list_merges(store)
    )


@dataclass(slots=True)
class MergesPlan:
    """Stored merges to remove (by row id) and merges to insert."""

    removes: list[int] = field(default_factory=list)
    rows: list[StatementMerge] = field(default_factory=list)


def plan_merges(project, snapshot: Snapshot, mode: str, aliases: dict[str, str]) -> MergesPlan:
    """Plan the section: add the file's new merges, replace changed ones, and in ``replace``
    mode remove those the file lacks; members naming a skipped duplicate point at its holder."""
    plan = MergesPlan()
    if snapshot.statement_merges is None:
        return plan
    current = {m.uid: m for m in merges_sql.list_merges(project.store)}
    coder = project.user.coder
    for m in snapshot.statement_merges:
        members = tuple(dict.fromkeys(aliases.get(u, u) for u in m.members))
        wanted = replace(m, members=members, author=m.author or coder)
        have = current.get(m.uid)
        if have is not None:
            if (have.state, have.text, have.members) == (m.state, m.text, members):
                continue
            plan.removes.append(have.id)
        plan.rows.append(wanted)
    if mode == "replace":
        keep = {m.uid for m in snapshot.statement_merges}
        plan.removes += [m.id for uid, m in current.items() if uid not in keep]
    return plan


def write_merges(tx, plan: MergesPlan, now: str) -> None:
    """Write the planned merges inside the import's transaction."""
    for row_id in plan.removes:
        merges_sql.delete_merge(tx, row_id)
    for m in plan.rows:
        merges_sql.insert_merge(tx, replace(m, created_at=m.created_at or now))

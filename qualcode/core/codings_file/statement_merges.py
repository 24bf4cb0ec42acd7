"""The ``statement_merges`` section of the codings file: the student's merge decisions.

    statement_merges?: [{id, state: accepted | rejected, text?, members: [coding id], author,
                         created}]

An accepted merge shows its members (codings named by uid, like a conclusion's evidence) as one
line of the factor or efforts table in the wording ``text``; a rejected one is a proposal never
made again. Members name only codings in the file (on export, deleted codings are left out).
The key is optional and written only when there are decisions: a file without it leaves the
project's merges untouched; in ``replace`` mode the file's list is the whole list.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from qualcode.core.codings_file.format import Problems, get_list, get_str, mappings, plain_text
from qualcode.core.store import merges_sql

if TYPE_CHECKING:
    from qualcode.core.codings_file.format import Snapshot

KEY = "statement_merges"


@dataclass(frozen=True, slots=True)
class SnapMerge:
    """One merge decision as the file holds it; ``members`` names coding ids."""

    uid: str
    state: str
    text: str
    members: tuple[str, ...]
    author: str = ""
    created: str = ""


def snap_merges(store, written: set[str]) -> tuple[SnapMerge, ...]:
    """The store's merge decisions for the file, members limited to the codings it holds."""
    return tuple(
        SnapMerge(
            m.uid,
            m.state,
            m.text,
            tuple(u for u in m.members if u in written),
            m.author,
            m.created_at,
        )
        for m in merges_sql.list_merges(store)
    )


def merges_data(snapshot: Snapshot) -> dict[str, Any]:
    """The plain data of the section (nothing when there are no merge decisions)."""
    if not snapshot.statement_merges:
        return {}
    return {
        KEY: [
            {
                "id": m.uid,
                "state": m.state,
                **({"text": m.text} if m.text else {}),
                "members": list(m.members),
                "author": m.author,
                "created": m.created,
            }
            for m in snapshot.statement_merges
        ]
    }


def read_merges(data: dict, problems: Problems) -> tuple[SnapMerge, ...] | None:
    """Read the section (None when the file has no such key)."""
    if KEY not in data:
        return None
    found: dict[str, SnapMerge] = {}
    places: dict[str, str] = {}
    for where, entry in mappings(data, KEY, problems):
        uid = get_str(entry, "id", where, problems, required=True)
        state = get_str(entry, "state", where, problems, required=True)
        if state and state not in merges_sql.STATES:
            problems.add(where, "bad_merge_state", value=state)
        members = [
            plain_text(item)
            for item in get_list(entry, "members", where, problems)
            if item is not None and not isinstance(item, (dict, list))
        ]
        if uid in found:
            problems.add(where, "entry_twice", id=uid, other=places[uid])
        elif uid:
            places[uid] = where
            found[uid] = SnapMerge(
                uid,
                state,
                " ".join(get_str(entry, "text", where, problems).split()),
                tuple(dict.fromkeys(members)),
                get_str(entry, "author", where, problems),
                get_str(entry, "created", where, problems),
            )
    return tuple(found.values())


@dataclass(slots=True)
class MergesPlan:
    """Stored merges to remove (by row id) and merges to insert."""

    removes: list[int] = field(default_factory=list)
    rows: list[SnapMerge] = field(default_factory=list)


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
        wanted = SnapMerge(m.uid, m.state, m.text, members, m.author or coder, m.created)
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
        merges_sql.insert_merge(
            tx, m.uid, m.state, m.text, list(m.members), m.author, m.created or now
        )

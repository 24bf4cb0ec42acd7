"""Merge proposals for near-duplicate statements, and the student's decisions on them.

Displays show one line per statement that is the same after ignoring case, punctuation and
whitespace. Statements that only look alike are proposed here ("these 3 statements look alike —
merge as: …?"), per display cell: one (dimension, polarity) of the factor matrix, or the efforts
table. The student accepts a proposal (with the suggested wording or their own), rejects it, or
later takes an accepted merge apart; each decision is one undoable event.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from typing import Any

from qualcode.core.analysis.facts import (
    DIRECTIONAL,
    Analysis,
    load,
    path_label,
    polarity_label,
    speaker,
    speaker_key,
    statement,
)
from qualcode.core.analysis.statements import clean, propose, representative
from qualcode.core.coding.rules import new_uid
from qualcode.core.records import StatementMerge
from qualcode.core.store import merges_sql
from qualcode.core.store.analysis import CodingFact, coding_quotes
from qualcode.core.store.db import utc_now
from qualcode.errors import CodingError
from qualcode.i18n import t

EFFORTS_SCOPE = "upaya"


@dataclass(frozen=True, slots=True)
class Member:
    """One coding inside a proposal or a merge: who said it, its statement and its quote."""

    uid: str
    coding_id: int
    speaker: str
    statement: str
    quote: str


@dataclass(frozen=True, slots=True)
class Proposal:
    """Statements that look alike in one display cell, and the wording proposed for them."""

    id: str
    scope: str
    scope_label: str
    text: str
    members: tuple[Member, ...]


@dataclass(frozen=True, slots=True)
class MergeView:
    """An accepted merge as the student reviews it: its wording and every member statement."""

    uid: str
    text: str
    author: str
    created_at: str
    members: tuple[Member, ...]


def scopes(analysis: Analysis) -> dict[str, list[CodingFact]]:
    """The codings of each display cell where statements may be merged, keyed by scope id."""
    out: dict[str, list[CodingFact]] = {}
    for fact in analysis.findings:
        if fact.polarity in DIRECTIONAL:
            scope = f"{analysis.dimension_of[fact.code_id]}/{fact.polarity}"
            out.setdefault(scope, []).append(fact)
    if analysis.efforts:
        out[EFFORTS_SCOPE] = list(analysis.efforts)
    return out


def scope_label(analysis: Analysis, scope: str) -> str:
    """The shown name of a scope: 'Sarana › Penghambat' or 'Upaya'."""
    if scope == EFFORTS_SCOPE:
        return t("merges.scope_efforts")
    dimension, polarity = scope.split("/")
    return f"{path_label(analysis.codebook, dimension)} › {polarity_label(polarity)}"


def proposal_id(uids: Iterable[str]) -> str:
    """A proposal's id: stable while its member codings stay the same."""
    digest = hashlib.sha1("\n".join(sorted(uids)).encode()).hexdigest()
    return "p" + digest[:8]


def proposals(project) -> list[Proposal]:
    """Every open merge proposal: codings already merged and rejected proposals left out."""
    store = project.store
    analysis = load(store, project.codebook, project.settings)
    decided = merges_sql.list_merges(store)
    merged = {uid for m in decided if m.state == "accepted" for uid in m.members}
    rejected = [frozenset(m.members) for m in decided if m.state == "rejected"]
    found: list[tuple[str, tuple[CodingFact, ...]]] = []
    for scope, facts in scopes(analysis).items():
        free = [f for f in facts if f.uid not in merged]
        for group in propose(free, statement):
            uids = frozenset(f.uid for f in group)
            if not any(uids <= no for no in rejected):
                found.append((scope, group))
    quotes = coding_quotes(store) if found else {}
    out = []
    for scope, group in found:
        counts: dict[str, int] = {}
        for fact in group:
            shown = clean(statement(fact))
            counts[shown] = counts.get(shown, 0) + 1
        out.append(
            Proposal(
                proposal_id(f.uid for f in group),
                scope,
                scope_label(analysis, scope),
                representative(counts),
                _members(group, quotes),
            )
        )
    return out


def _members(facts: Iterable[CodingFact], quotes: dict[int, str]) -> tuple[Member, ...]:
    ordered = sorted(facts, key=lambda f: (speaker_key(f), f.source_id, f.start))
    return tuple(
        Member(f.uid, f.id, speaker(f), clean(statement(f)), quotes.get(f.id, "")) for f in ordered
    )


def merges(project) -> list[MergeView]:
    """Every accepted merge with its member statements (codings deleted since left out)."""
    store = project.store
    stored = merges_sql.list_merges(store, "accepted")
    if not stored:
        return []
    analysis = load(store, project.codebook, project.settings)
    by_uid = {f.uid: f for f in analysis.facts}
    quotes = coding_quotes(store)
    return [
        MergeView(
            m.uid,
            m.text,
            m.author,
            m.created_at,
            _members((by_uid[u] for u in m.members if u in by_uid), quotes),
        )
        for m in stored
    ]


def _pick(items: list, ident: str, uid_of: Callable[[Any], str]):
    """The item with this uid, or at this 1-based place in the listing, or None."""
    ident = ident.strip()
    for item in items:
        if uid_of(item) == ident:
            return item
    if ident.isdigit() and len(ident) < 6 and 1 <= int(ident) <= len(items):
        return items[int(ident) - 1]
    return None


def find_proposal(project, ident: str) -> Proposal:
    """Return the open proposal with this id (or number in the listing), or raise."""
    found = proposals(project)
    proposal = _pick(found, ident, lambda p: p.id)
    if proposal is not None:
        return proposal
    ids = ", ".join(p.id for p in found[:10]) or "—"
    raise CodingError(t("merges.no_proposal", id=ident, ids=ids), t("merges.no_proposal_hint"))


def accept(project, members: Iterable[str], text: str | None = None) -> StatementMerge:
    """Merge the statements of these codings (uids) under one wording (one undoable event).

    The wording defaults to the members' most common statement; every member must be a coding
    on a dimension, indicator or effort, and none may already be in another merge.
    """
    store = project.store
    uids = list(dict.fromkeys(u.strip() for u in members if u.strip()))
    if len(uids) < 2:
        raise CodingError(t("merges.too_few"), t("merges.too_few_hint"))
    analysis = load(store, project.codebook, project.settings)
    scope_of = {f.uid: scope for scope, facts in scopes(analysis).items() for f in facts}
    by_uid = {f.uid: f for f in analysis.facts}
    missing = [u for u in uids if u not in scope_of]
    if missing:
        raise CodingError(t("merges.unknown_codings", ids=", ".join(missing)))
    if len({scope_of[u] for u in uids}) > 1:
        raise CodingError(t("merges.mixed_scopes"), t("merges.mixed_scopes_hint"))
    taken = {
        u: m.uid for m in merges_sql.list_merges(store, "accepted") for u in m.members if u in uids
    }
    if taken:
        first = next(iter(taken))
        raise CodingError(
            t("merges.already_merged", coding=first, merge=taken[first]),
            t("merges.already_merged_hint", merge=taken[first]),
        )
    if text is None:
        counts: dict[str, int] = {}
        for u in uids:
            shown = clean(statement(by_uid[u]))
            counts[shown] = counts.get(shown, 0) + 1
        text = representative(counts)
    text = clean(text)
    if not text:
        raise CodingError(t("merges.empty_text"))
    return _store(project, "accepted", text, uids, t("merges.event_accept", n=len(uids), text=text))


def reject(project, proposal: Proposal) -> StatementMerge:
    """Remember that these statements are not one point: never propose them again (undoable)."""
    uids = [m.uid for m in proposal.members]
    return _store(project, "rejected", "", uids, t("merges.event_reject", n=len(uids)))


def _store(project, state: str, text: str, uids: list[str], description: str) -> StatementMerge:
    uid, author, at = new_uid(), project.user.coder, utc_now()
    with project.store.transaction(f"merges.{state}", description) as tx:
        merge = StatementMerge(0, uid, state, text, tuple(uids), author, at)
        row_id = merges_sql.insert_merge(tx, merge)
    return replace(merge, id=row_id)


def unmerge(project, ident: str) -> StatementMerge:
    """Take an accepted merge (uid or number in the listing) apart: its statements are shown
    separately again (undoable)."""
    store = project.store
    stored = merges_sql.list_merges(store, "accepted")
    found = _pick(stored, ident, lambda m: m.uid)
    if found is None:
        known = ", ".join(m.uid for m in stored) or "—"
        raise CodingError(t("merges.no_merge", id=ident, ids=known), t("merges.no_merge_hint"))
    with store.transaction("merges.unmerge", t("merges.event_unmerge", text=found.text)) as tx:
        merges_sql.delete_merge(tx, found.id)
    return found

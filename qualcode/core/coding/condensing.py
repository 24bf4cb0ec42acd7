"""Codings still to condense: those without a summary, in reading order.

A coding made from a suggestion or a search hit starts without a summary (its sentence is a
quote, not a condensed statement); displays show it as its quote in quotation marks until the
student writes one. These functions list them and find the next one to work on.
"""

from __future__ import annotations

from collections.abc import Sequence

from qualcode.core.records import Coding
from qualcode.core.store import codings as repo
from qualcode.core.store.db import Store


def uncondensed(store: Store, source_id: int | None = None) -> list[Coding]:
    """Return the codings without a summary (of one source, or all), by source and position."""
    return [c for c in repo.list_codings(store, source_id=source_id) if not c.summary.strip()]


def next_uncondensed(
    store: Store, source_order: Sequence[int], source_id: int | None, position: int
) -> Coding | None:
    """The first coding to condense after ``position`` in ``source_id``, following the sources
    in ``source_order`` and wrapping round to the first; None when every coding has a summary."""
    rank = {sid: n for n, sid in enumerate(source_order)}
    waiting = [c for c in uncondensed(store) if c.source_id in rank]
    if not waiting:
        return None
    waiting.sort(key=lambda c: (rank[c.source_id], c.start, c.end, c.id))
    here = (rank.get(source_id, -1) if source_id is not None else -1, position)
    return next((c for c in waiting if (rank[c.source_id], c.start) > here), waiting[0])

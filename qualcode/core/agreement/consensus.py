"""Make the project's codings on one sentence follow a consensus decision.

Codings the decision drops lose that sentence (a coding wholly inside it is deleted; one that
runs past it is trimmed, or split in two when the sentence sits in its middle); codes the
decision adds are coded on the sentence with the second coder's summary and name.
"""

from __future__ import annotations

from qualcode.core.agreement.compare import Disagreement
from qualcode.core.agreement.units import Mark, SourceMaterial, Unit, consensus, marks_unit
from qualcode.core.coding.rules import new_uid
from qualcode.core.records import Coding, Source
from qualcode.core.store import codings as repo
from qualcode.core.store.db import Tx, utc_now


def _strip(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None


def _cut(tx: Tx, text: str, coding: Coding, unit: Unit) -> None:
    """Remove the sentence's span from a coding: delete, trim, or split it."""
    pieces = [
        piece
        for piece in (
            _strip(text, coding.start, min(coding.end, unit.start)),
            _strip(text, max(coding.start, unit.end), coding.end),
        )
        if piece is not None
    ]
    if not pieces:
        repo.delete_coding(tx, coding.id)
        return
    now = utc_now()
    (start, end), rest = pieces[0], pieces[1:]
    repo.update_coding(
        tx, coding.id, {"start": start, "end": end, "quote": text[start:end], "updated_at": now}
    )
    for start, end in rest:
        repo.insert_coding(
            tx,
            {
                "uid": new_uid(),
                "source_id": coding.source_id,
                "start": start,
                "end": end,
                "code_id": coding.code_id,
                "polarity": coding.polarity,
                "summary": coding.summary,
                "memo": coding.memo,
                "quote": text[start:end],
                "coder": coding.coder,
                "created_at": now,
                "updated_at": now,
                "status": coding.status,
                "flag_reason": coding.flag_reason,
            },
        )


def apply_choice(
    tx: Tx,
    project,
    src: Source,
    material: SourceMaterial,
    disagreement: Disagreement,
    choice: str,
) -> None:
    """Change the project's codings on the disagreement's sentence to the decided codes."""
    unit = Unit(disagreement.index, disagreement.start, disagreement.end)
    target = consensus(frozenset(disagreement.first), frozenset(disagreement.second), choice)
    text = src.text
    present: set[tuple[str, str]] = set()
    for coding in repo.codings_in_range(project.store, src.id, unit.start, unit.end):
        mark = Mark(coding.start, coding.end, coding.code_id, coding.polarity)
        if not marks_unit(mark, unit):
            continue
        if (coding.code_id, coding.polarity) in target:
            present.add((coding.code_id, coding.polarity))
        else:
            _cut(tx, text, coding, unit)
    span = _strip(text, unit.start, unit.end)
    if span is None:
        return
    now = utc_now()
    for code, polarity in sorted(target - present):
        origin = _origin(material, unit, code, polarity)
        repo.insert_coding(
            tx,
            {
                "uid": new_uid(),
                "source_id": src.id,
                "start": span[0],
                "end": span[1],
                "code_id": code,
                "polarity": polarity,
                "summary": origin.summary if origin else "",
                "memo": "",
                "quote": text[span[0] : span[1]],
                "coder": (origin.coder if origin else "") or project.user.coder,
                "created_at": now,
                "updated_at": now,
            },
        )


def _origin(material: SourceMaterial, unit: Unit, code: str, polarity: str) -> Mark | None:
    """The frozen coding (the second coder's first, then the project's) that gave a code."""
    for marks in (material.second, material.first):
        for mark in marks:
            if mark.code == code and mark.polarity == polarity and marks_unit(mark, unit):
                return mark
    return None

"""Code frequency: per code, how many codings, informants and sources, and in which direction."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from qualcode.core.analysis.facts import code_label, load, orphan_notes
from qualcode.core.codebook.model import EFFORT_CATEGORY_ID, Codebook
from qualcode.core.store.analysis import CodingFact
from qualcode.core.store.db import Store
from qualcode.core.table import Cell, Column, Row, Table
from qualcode.i18n import t
from qualcode.settings import ProjectSettings

INDENT = "  – "


def build(store: Store, codebook: Codebook, settings: ProjectSettings) -> Table:
    """Every code in codebook order; a dimension (and Upaya) row adds up its children."""
    analysis = load(store, codebook, settings)
    analysis.require_codings()
    direct: dict[str, list[CodingFact]] = defaultdict(list)
    for fact in analysis.findings + analysis.efforts:
        direct[fact.code_id].append(fact)
    rows = []
    for code in codebook.all_codes():
        if code.kind in ("dimension", "effort_category"):
            facts = direct.get(code.id, []) + [
                f for child in codebook.children(code.id) for f in direct.get(child.id, [])
            ]
            label, style = code_label(codebook, code.id), "strong"
        elif code.kind == "effort":
            facts = direct.get(code.id, [])
            label, style = INDENT + code_label(codebook, code.addresses or ""), ""
        else:
            facts = direct.get(code.id, [])
            label, style = INDENT + code_label(codebook, code.id), ""
        rows.append(Row(code.id, _cells(label, facts, style)))
    every = list(analysis.findings + analysis.efforts)
    rows.append(Row("@total", _cells(t("displays.row_total"), every, "strong")))
    notes = [t("displays.note_frequency", efforts=EFFORT_CATEGORY_ID)] + orphan_notes(analysis)
    return Table(
        kind="frequency",
        title=t("displays.title_frequency"),
        columns=(
            Column("code", t("displays.col_code")),
            Column("codings", t("displays.col_codings"), numeric=True),
            Column("informants", t("displays.col_informants"), numeric=True),
            Column("sources", t("displays.col_sources"), numeric=True),
            Column("pendukung", t("displays.polarity_pendukung"), numeric=True),
            Column("penghambat", t("displays.polarity_penghambat"), numeric=True),
            Column("netral", t("displays.polarity_netral"), numeric=True),
        ),
        rows=tuple(rows),
        notes=tuple(notes),
    )


def _cells(label: str, facts: Sequence[CodingFact], style: str) -> tuple[Cell, ...]:
    ids = tuple(sorted(f.id for f in facts))
    by_polarity: dict[str, list[int]] = {"pendukung": [], "penghambat": [], "netral": []}
    for fact in facts:
        by_polarity[fact.polarity].append(fact.id)
    informants = len({f.informant for f in facts if f.informant})
    sources = len({f.source_id for f in facts})
    muted = "" if facts else "muted"
    return (
        Cell(label, style=style),
        _number(len(facts), ids, style or muted),
        _number(informants, ids, muted),
        _number(sources, ids, muted),
        *(_number(len(v), tuple(sorted(v)), p if v else "muted") for p, v in by_polarity.items()),
    )


def _number(value: int, ids: tuple[int, ...], style: str) -> Cell:
    return Cell(str(value), ids, float(value), style)

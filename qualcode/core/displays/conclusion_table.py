"""The conclusions table: per dimension the verdict, statement, evidence, informants,
triangulation status and verification flags."""

from __future__ import annotations

from qualcode.core.analysis.conclusions import (
    evidence_of,
    flags_for,
    proposal_for,
    verdict_direction,
)
from qualcode.core.analysis.facts import NO_VALUE, code_label, load, orphan_notes, speakers
from qualcode.core.codebook.model import Codebook
from qualcode.core.displays.matrix import table_ref
from qualcode.core.displays.triangulation import STATUS_STYLE, status_label, technique_status
from qualcode.core.records import Conclusion
from qualcode.core.store.analysis import conclusion_rows
from qualcode.core.store.db import Store
from qualcode.core.table import Cell, Column, Row, Table
from qualcode.i18n import t
from qualcode.settings import ProjectSettings

_VERDICT_STYLE = {"pendukung": "verdict-good", "penghambat": "verdict-bad", "mixed": ""}


def build(store: Store, codebook: Codebook, settings: ProjectSettings) -> Table:
    """One row per dimension; an empty project shows every dimension flagged 'no evidence'."""
    analysis = load(store, codebook, settings)
    stored = conclusion_rows(store)
    rows = []
    for dimension in codebook.dimensions:
        conclusion = stored.get(dimension.id) or Conclusion(dimension.id)
        facts = evidence_of(analysis, conclusion)
        ids = tuple(sorted(f.id for f in facts))
        if conclusion.verdict:
            way = verdict_direction(conclusion.verdict, codebook.verdict_scale)
            verdict = Cell(conclusion.verdict, ids, style=_VERDICT_STYLE.get(way, ""))
        else:
            proposal = proposal_for(analysis, facts)
            text = t("displays.verdict_proposed", verdict=proposal) if proposal else NO_VALUE
            verdict = Cell(text, ids, style="muted")
        cited = speakers(facts)
        status = technique_status(facts)
        flags = flags_for(analysis, conclusion)
        cells = (
            Cell(code_label(codebook, dimension.id), style="strong"),
            verdict,
            Cell(
                conclusion.statement or NO_VALUE, ids, style="" if conclusion.statement else "muted"
            ),
            Cell(str(len(facts)), ids, float(len(facts))),
            Cell(", ".join(cited) or NO_VALUE, ids, float(len(cited))),
            Cell(status_label(status, "technique"), ids, style=STATUS_STYLE[status]),
            Cell(
                "\n".join(f.message for f in flags) or NO_VALUE,
                ids,
                float(len(flags)),
                "conflict" if flags else "agree",
            ),
        )
        rows.append(Row(dimension.id, cells))
    triangulation = table_ref("triangulation_technique")
    notes = (
        t("displays.note_conclusions", percent=round(100 * settings.contrary_share)),
        t("displays.note_conclusions_triangulation", triangulation=triangulation),
        *orphan_notes(analysis),
    )
    return Table(
        kind="conclusions",
        title=t("displays.title_conclusions"),
        columns=(
            Column("dimension", t("displays.col_dimension")),
            Column("verdict", t("displays.col_verdict")),
            Column("statement", t("displays.col_statement")),
            Column("evidence", t("displays.col_evidence"), numeric=True),
            Column("informants", t("displays.col_informant")),
            Column("triangulation", t("displays.col_triangulation")),
            Column("flags", t("displays.col_flags"), draft=True),
        ),
        rows=tuple(rows),
        notes=notes,
        refs=(("triangulation", triangulation),),
        landscape=True,
    )

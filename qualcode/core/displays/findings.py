"""Findings per dimension: the informant × dimension matrix condensed for a chapter's page.

Each dimension is a group of rows; under it, one row per informant (then observation and
documents) who said something about it, with their own condensed statements. No empty cell is
printed, and the statements read in one wide column instead of seven narrow ones.
"""

from __future__ import annotations

from collections import defaultdict

from qualcode.core.analysis.facts import code_label, load, orphan_notes
from qualcode.core.codebook.model import Codebook
from qualcode.core.displays.matrix import row_heads, row_key, summary_cell, table_ref
from qualcode.core.store.analysis import CodingFact
from qualcode.core.store.db import Store
from qualcode.core.table import Cell, Column, Row, Table
from qualcode.i18n import t
from qualcode.settings import ProjectSettings


def build(store: Store, codebook: Codebook, settings: ProjectSettings) -> Table:
    """Rows grouped by dimension; in each, who said something about it and what."""
    analysis = load(store, codebook, settings)
    analysis.require_codings()
    buckets: dict[str, dict[str, list[CodingFact]]] = defaultdict(lambda: defaultdict(list))
    for fact in analysis.findings:
        buckets[row_key(fact)][analysis.dimension_of[fact.code_id]].append(fact)
    heads = row_heads(analysis, buckets)
    rows = []
    for dimension in codebook.dimensions:
        group = code_label(codebook, dimension.id)
        for key, label, _group in heads:
            facts = buckets.get(key, {}).get(dimension.id)
            if facts:
                rows.append(
                    Row(
                        f"{dimension.id}:{key}",
                        (Cell(label, style="strong"), summary_cell(facts)),
                        group,
                    )
                )
    efforts = table_ref("efforts")
    notes = [
        t("displays.note_legend"),
        t("displays.note_findings_rows"),
        t("displays.note_efforts_elsewhere", efforts=efforts),
    ]
    notes += orphan_notes(analysis)
    return Table(
        kind="findings",
        title=t("displays.title_findings"),
        columns=(
            Column("informant", t("displays.col_informant")),
            Column("findings", t("displays.col_findings")),
        ),
        rows=tuple(rows),
        notes=tuple(notes),
        group_label=t("displays.col_dimension"),
        refs=(("efforts", efforts),),
    )

"""Contrast view: aparatur vs masyarakat, per dimension, and where their majorities differ."""

from __future__ import annotations

from collections import defaultdict

from qualcode.core.analysis.facts import (
    DIRECTIONAL,
    NO_VALUE,
    code_label,
    direction,
    direction_label,
    group_label,
    load,
    orphan_notes,
    polarity_label,
)
from qualcode.core.codebook.model import Codebook
from qualcode.core.records import GROUPS
from qualcode.core.store.analysis import CodingFact
from qualcode.core.store.db import Store
from qualcode.core.table import Cell, Column, Row, Table
from qualcode.i18n import t
from qualcode.settings import ProjectSettings


def build(store: Store, codebook: Codebook, settings: ProjectSettings) -> Table:
    """Rows are dimensions; pendukung / penghambat counts per group; a column of differences."""
    analysis = load(store, codebook, settings)
    analysis.require_codings()
    buckets: dict[tuple[str, str, str], list[CodingFact]] = defaultdict(list)
    for fact in analysis.findings:
        if fact.group in GROUPS and fact.polarity in DIRECTIONAL:
            buckets[(analysis.dimension_of[fact.code_id], fact.group, fact.polarity)].append(fact)
    rows = []
    for dimension in codebook.dimensions:
        cells = [Cell(code_label(codebook, dimension.id), style="strong")]
        ways = []
        for group in GROUPS:
            counts = []
            for polarity in DIRECTIONAL:
                facts = buckets.get((dimension.id, group, polarity), [])
                counts.append(len(facts))
                ids = tuple(f.id for f in facts)
                cells.append(
                    Cell(str(len(facts)), ids, float(len(facts)), polarity if facts else "muted")
                )
            ways.append(direction(*counts))
        cells.append(_difference(*ways))
        rows.append(Row(dimension.id, tuple(cells)))
    columns = [Column("dimension", t("displays.col_dimension"))]
    for group in GROUPS:
        for polarity in DIRECTIONAL:
            columns.append(
                Column(f"{group}-{polarity}", polarity_label(polarity), group_label(group), True)
            )
    columns.append(Column("difference", t("displays.col_difference")))
    return Table(
        kind="contrast",
        title=t("displays.title_contrast"),
        columns=tuple(columns),
        rows=tuple(rows),
        notes=(t("displays.note_contrast"), *orphan_notes(analysis)),
        landscape=False,
    )


def _difference(aparatur: str, masyarakat: str) -> Cell:
    if not aparatur or not masyarakat:
        if not (aparatur or masyarakat):
            return Cell(NO_VALUE, style="muted")
        return Cell(t("displays.contrast_one_group"), style="muted")
    if aparatur == masyarakat:
        return Cell(t("displays.contrast_same", direction=direction_label(aparatur)), style="agree")
    return Cell(
        t(
            "displays.contrast_differs",
            aparatur=direction_label(aparatur),
            masyarakat=direction_label(masyarakat),
        ),
        style="conflict",
    )

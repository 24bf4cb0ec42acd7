"""The informant × dimension matrix: what each informant said about each dimension."""

from __future__ import annotations

from collections import defaultdict

from qualcode.core.analysis.facts import (
    MARKS,
    Analysis,
    category_rank,
    cell_style,
    code_label,
    code_number,
    count_text,
    group_label,
    group_rank,
    load,
    orphan_notes,
    statement,
    tally,
)
from qualcode.core.analysis.statements import clean
from qualcode.core.codebook.model import Codebook
from qualcode.core.records import TECHNIQUES
from qualcode.core.store.analysis import CodingFact
from qualcode.core.store.db import Store
from qualcode.core.table import Cell, Column, Row, Table
from qualcode.i18n import t
from qualcode.settings import ProjectSettings


def build(
    store: Store, codebook: Codebook, settings: ProjectSettings, *, cells: str = "summary"
) -> Table:
    """One row per informant (aparatur first), one column per dimension; efforts left out."""
    analysis = load(store, codebook, settings)
    analysis.require_codings()
    dimensions = codebook.dimensions
    buckets: dict[str, dict[str, list[CodingFact]]] = defaultdict(lambda: defaultdict(list))
    for fact in analysis.findings:
        buckets[row_key(fact)][analysis.dimension_of[fact.code_id]].append(fact)
    columns = (
        Column("informant", t("displays.col_informant")),
        *(Column(d.id, code_label(codebook, d.id)) for d in dimensions),
    )
    rows = []
    for key, label, group in row_heads(analysis, buckets):
        row_cells = [Cell(label, style="strong")]
        for dimension in dimensions:
            facts = buckets.get(key, {}).get(dimension.id, [])
            row_cells.append(summary_cell(facts) if cells == "summary" else _count_cell(facts))
        rows.append(Row(key, tuple(row_cells), group))
    notes = [t("displays.note_legend")] if cells == "summary" else [t("displays.note_count_legend")]
    efforts = table_ref("efforts")
    notes.append(t("displays.note_efforts_elsewhere", efforts=efforts))
    notes += orphan_notes(analysis)
    return Table(
        kind="informant-dimension",
        title=t("displays.title_informant_dimension"),
        columns=columns,
        rows=tuple(rows),
        notes=tuple(notes),
        landscape=len(dimensions) > (3 if cells == "summary" else 6),
        options={"cells": cells},
        group_label=t("displays.col_group"),
        refs=(("efforts", efforts),),
    )


def table_ref(kind: str) -> str:
    """How a note names another display: 'tabel "Upaya Mengatasi Faktor Penghambat"'."""
    # keys: displays.title_{efforts,triangulation_technique}
    return t("displays.ref_table", title=t(f"displays.title_{kind}"))


def row_key(fact: CodingFact) -> str:
    return fact.informant or f"@{fact.technique}"


def row_heads(
    analysis: Analysis, buckets: dict[str, dict[str, list[CodingFact]]]
) -> list[tuple[str, str, str]]:
    """(key, label, group) of every row: all informants in display order, then techniques."""
    informants = sorted(
        analysis.informant_codes,
        key=lambda i: (group_rank(i[2]), category_rank(i[3]), code_number(i[0])),
    )
    heads = [
        (code, f"{code} ({role})" if role else code, group_label(group))
        for code, role, group, _category in informants
    ]
    other = t("displays.group_other_techniques")
    for technique in TECHNIQUES:
        key = f"@{technique}"
        if key in buckets or (technique != "wawancara" and technique in analysis.uninformed):
            # keys: displays.row_{TECHNIQUES}
            heads.append((key, t(f"displays.row_{technique}"), other))
    return heads


def summary_cell(facts: list[CodingFact]) -> Cell:
    """Each distinct statement once, prefixed with its polarity mark, in reading order."""
    lines: dict[str, None] = {}
    for fact in facts:
        lines.setdefault(f"{MARKS[fact.polarity]} {clean(statement(fact))}", None)
    counts = tally(facts)
    return Cell(
        "\n".join(lines),
        tuple(fact.id for fact in facts),
        value=float(len(facts)),
        style=cell_style(counts),
    )


def _count_cell(facts: list[CodingFact]) -> Cell:
    counts = tally(facts)
    return Cell(
        count_text(counts["pendukung"], counts["penghambat"], counts["netral"]),
        tuple(fact.id for fact in facts),
        value=float(len(facts)),
        style=cell_style(counts),
    )

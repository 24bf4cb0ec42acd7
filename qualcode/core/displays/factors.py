"""The factor matrix: per dimension, the supporting and inhibiting statements and who made them."""

from __future__ import annotations

from collections import defaultdict

from qualcode.core.analysis.facts import (
    DIRECTIONAL,
    cite,
    code_label,
    load,
    orphan_notes,
    statement,
)
from qualcode.core.analysis.statements import Accepted, Merged, merge
from qualcode.core.codebook.model import Codebook
from qualcode.core.store.analysis import CodingFact
from qualcode.core.store.db import Store
from qualcode.core.table import Cell, Column, Row, Table
from qualcode.i18n import t
from qualcode.settings import ProjectSettings


def build(store: Store, codebook: Codebook, settings: ProjectSettings) -> Table:
    """One row per dimension; Pendukung and Penghambat cells list merged statements (I2, I5)."""
    analysis = load(store, codebook, settings)
    analysis.require_codings()
    groups: dict[tuple[str, str], list[CodingFact]] = defaultdict(list)
    neutral = 0
    for fact in analysis.findings:
        if fact.polarity in DIRECTIONAL:
            groups[(analysis.dimension_of[fact.code_id], fact.polarity)].append(fact)
        else:
            neutral += 1
    columns = (
        Column("dimension", t("displays.col_dimension")),
        Column("pendukung", t("displays.polarity_pendukung")),
        Column("penghambat", t("displays.polarity_penghambat")),
    )
    rows = []
    for dimension in codebook.dimensions:
        cells = [Cell(code_label(codebook, dimension.id), style="strong")]
        for polarity in DIRECTIONAL:
            facts = groups.get((dimension.id, polarity), [])
            cells.append(statements_cell(facts, analysis.merges, polarity))
        rows.append(Row(dimension.id, tuple(cells)))
    notes = [t("displays.note_factors_merged"), t("displays.note_cite_legend")]
    if neutral:
        notes.append(t("displays.note_neutral_excluded", count=neutral))
    notes += orphan_notes(analysis)
    return Table(
        kind="factors",
        title=t("displays.title_factors"),
        columns=columns,
        rows=tuple(rows),
        notes=tuple(notes),
    )


def ranked(
    facts: list[CodingFact], accepted: tuple[Accepted, ...] = ()
) -> list[tuple[Merged, list[str]]]:
    """Display lines with their speakers: most widely shared first, then informants' before
    observation's and documents', then by wording. A line holds the same statement, or the
    members of a merge the student accepted."""
    merged = []
    for m in merge(facts, statement, _uid, accepted):
        cited, first = cite(m.items)
        merged.append((-len(cited), -len(m.items), first, m.text, m, cited))
    merged.sort(key=lambda entry: entry[:4])
    return [(entry[4], entry[5]) for entry in merged]


def _uid(fact: CodingFact) -> str:
    return fact.uid


def entry(merged: Merged, cited: list[str]) -> str:
    """One statement as a cell shows it: 'Komputer hanya 3 unit berfungsi (I2, I5, I9)'."""
    return f"{merged.text} ({', '.join(cited)})"


def statements_cell(
    facts: list[CodingFact], accepted: tuple[Accepted, ...] = (), style: str = ""
) -> Cell:
    """A cell listing statements, one a line; its codings are all of them."""
    if not facts:
        return Cell()
    lines = [entry(merged, cited) for merged, cited in ranked(facts, accepted)]
    return Cell(
        "\n".join(lines),
        tuple(sorted(fact.id for fact in facts)),
        value=float(len(lines)),
        style=style,
    )

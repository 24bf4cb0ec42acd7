"""The efforts (upaya) table: each effort statement, the dimensions it addresses, who said it."""

from __future__ import annotations

from qualcode.core.analysis.facts import NO_VALUE, code_label, load, orphan_notes
from qualcode.core.codebook.model import Codebook
from qualcode.core.displays.factors import ranked
from qualcode.core.store.db import Store
from qualcode.core.table import Cell, Column, Row, Table
from qualcode.i18n import t
from qualcode.settings import ProjectSettings


def build(store: Store, codebook: Codebook, settings: ProjectSettings) -> Table:
    """One row per merged effort statement, ordered by the first dimension it addresses."""
    analysis = load(store, codebook, settings)
    analysis.require_codings()
    order = {d.id: i for i, d in enumerate(codebook.dimensions)}
    entries = []
    for merged, cited in ranked(list(analysis.efforts), analysis.merges):
        addressed = sorted(
            {analysis.dimension_of.get(f.code_id, "") for f in merged.items} - {""},
            key=order.__getitem__,
        )
        first = order[addressed[0]] if addressed else len(order)
        entries.append((first, merged, cited, addressed))
    entries.sort(key=lambda e: (e[0], -len(e[2]), -len(e[1].items), e[1].text))
    rows = []
    for number, (_first, merged, cited, addressed) in enumerate(entries, start=1):
        dims = ", ".join(code_label(codebook, d) for d in addressed) or NO_VALUE
        codings = tuple(sorted(f.id for f in merged.items))
        rows.append(
            Row(
                str(number),
                (
                    Cell(merged.text, codings, value=float(len(merged.items))),
                    Cell(dims, codings),
                    Cell(", ".join(cited), codings, value=float(len(cited))),
                ),
            )
        )
    notes = [t("displays.note_efforts_merged")]
    if not rows:
        notes.append(t("displays.note_no_efforts"))
    notes += orphan_notes(analysis)
    return Table(
        kind="efforts",
        title=t("displays.title_efforts"),
        columns=(
            Column("effort", t("displays.col_effort")),
            Column("dimensions", t("displays.col_addresses")),
            Column("informants", t("displays.col_informant")),
        ),
        rows=tuple(rows),
        notes=tuple(notes),
    )

"""The tables of a thesis chapter IV, and displays made ready to be printed in one.

The default export is the chapter's tables in the order a chapter presents them; every other
display is an option. A display becomes a thesis table here: the workbench's draft columns (the
tool's proposals, its verification flags) are left out, headers use the thesis's words, an empty
cell reads "—", and a note naming another table names it by its number.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from qualcode.core.analysis.facts import NO_VALUE
from qualcode.core.table import Cell, Column, Row, Table
from qualcode.i18n import has, t

if TYPE_CHECKING:
    from qualcode.export.common import ExportOptions

# (kind, options) of the chapter's tables, in the order chapter IV presents them: informants;
# findings per dimension; supporting and inhibiting factors; efforts; the indicator recap;
# triangulation of techniques and of sources; conclusions per dimension.
CHAPTER: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (
    ("informants", ()),
    ("findings", ()),
    ("factors", ()),
    ("efforts", ()),
    ("indicators", ()),
    ("triangulation", (("by", "technique"),)),
    ("triangulation", (("by", "group"),)),
    ("conclusions", ()),
)


def thesis_tables(tables: list[Table], options: ExportOptions) -> list[Table]:
    """Make every table ready for the thesis, resolving references between them by number."""
    numbers: dict[str, str] = {}
    for index, table in enumerate(tables):
        numbers.setdefault(table.kind, options.number(index))
    return [thesis_table(table, numbers, options) for table in tables]


def thesis_table(table: Table, numbers: dict[str, str], options: ExportOptions) -> Table:
    """One display as a thesis prints it: no draft column, thesis headers, "—" in empty cells,
    references by table number (``numbers``: kind → "4.n" of the tables exported with it)."""
    lang = options.language
    keep = [j for j, column in enumerate(table.columns) if not column.draft]
    columns = tuple(_header(table.kind, table.columns[j], lang) for j in keep)
    rows = tuple(
        replace(
            row,
            cells=tuple(
                _filled(row.cells[j] if j < len(row.cells) else Cell(), table.columns[j])
                for j in keep
            ),
        )
        for row in table.rows
    )
    label = t("export.table_label", lang=lang)
    notes = []
    for note in table.notes:
        for kind, text in table.refs:
            if kind in numbers:
                note = note.replace(text, f"{label} {numbers[kind]}")
        notes.append(note)
    # keys: export.title_{cooccurrence,conclusions}?
    title_key = f"export.title_{table.kind.replace('-', '_')}"
    title = t(title_key, lang=lang) if has(title_key) else table.title
    return replace(table, title=title, columns=columns, rows=rows, notes=tuple(notes))


def _header(kind: str, column: Column, lang: str) -> Column:
    """A column under the thesis's name for it, where the workbench uses another."""
    # keys: export.col_conclusions_{verdict,statement,evidence,informants}?
    # keys: export.col_frequency_{codings,informants,sources}?
    # keys: export.col_efforts_informants?
    # keys: export.col_factors_{pendukung,penghambat}?
    key = f"export.col_{kind.replace('-', '_')}_{column.key}"
    return replace(column, label=t(key, lang=lang)) if has(key) else column


def _filled(cell: Cell, column: Column) -> Cell:
    """An empty cell (or the workbench's "— (usulan: …)" placeholder) as "—"."""
    if column.numeric and cell.value is not None:
        return cell
    text = cell.text.strip()
    if not text or (cell.style == "muted" and text.startswith(NO_VALUE)):
        return cell._replace(text=NO_VALUE, style="muted")
    return cell


def group_column(table: Table, lang: str) -> Table:
    """Return ``table`` with its row groups as a first column (a spreadsheet sorts and filters
    by it; merged group rows would block both); a table whose groups already are a column, or
    that has none, is returned as it is."""
    if not any(row.group for row in table.rows):
        return table
    for j in range(len(table.columns)):
        if all(j < len(row.cells) and row.cells[j].text == row.group for row in table.rows):
            return table
    label = table.group_label or t("export.group_column", lang=lang)
    taken = {column.label for column in table.columns}
    if label in taken:
        label = f"{label} ({t('export.group_column', lang=lang).lower()})"
    rows = tuple(Row(row.key, (Cell(row.group or NO_VALUE), *row.cells), "") for row in table.rows)
    return replace(table, columns=(Column("group", label), *table.columns), rows=rows)


VERDICT_STYLES = ("verdict-good", "verdict-bad")


def spreadsheet_table(table: Table, lang: str) -> Table:
    """A thesis table as a spreadsheet sorts and filters it: row groups as a first column, and
    a researcher's verdict apart from the reason written under it ("berkualitas\n(…)")."""
    table = group_column(table, lang)
    split = [
        j
        for j, column in enumerate(table.columns)
        if any(j < len(row.cells) and _reasoned(row.cells[j]) is not None for row in table.rows)
    ]
    if not split:
        return table
    j = split[0]
    reason = Column(f"{table.columns[j].key}_reason", t("export.col_reason", lang=lang))
    columns = (*table.columns[: j + 1], reason, *table.columns[j + 1 :])
    rows = []
    for row in table.rows:
        cells = list(row.cells)
        found = _reasoned(cells[j]) if j < len(cells) else None
        verdict, why = found if found else (cells[j].text if j < len(cells) else "", NO_VALUE)
        if j < len(cells):
            cells[j] = cells[j]._replace(text=verdict)
        cells.insert(j + 1, Cell(why))
        rows.append(replace(row, cells=tuple(cells)))
    return replace(table, columns=columns, rows=tuple(rows))


def _reasoned(cell: Cell) -> tuple[str, str] | None:
    """(verdict, reason) of a verdict cell with its reason in brackets under it, else None."""
    if cell.style not in VERDICT_STYLES or "\n(" not in cell.text:
        return None
    verdict, _, rest = cell.text.partition("\n(")
    return verdict, rest[:-1] if rest.endswith(")") else rest

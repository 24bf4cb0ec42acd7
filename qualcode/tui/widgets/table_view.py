"""A display (``Table``) in a DataTable: group rows as bold separators, cells styled by meaning.

Small tables get rows as tall as their longest cell (statements wrap, up to ``CELL_LINES``
lines — a factor cell at 20,000 codings holds thousands of statements, and measuring them all
made the screen wait seconds); big ones (the quote table at 20,000 codings) get one line a row
so they load at once. The quote list beside the table shows everything behind a cell.
"""

from __future__ import annotations

import textwrap

from rich.text import Text
from textual.widgets import DataTable

from qualcode.core.table import Cell, Row, Table
from qualcode.i18n import t

TALL_ROWS_LIMIT = 400
TEXT_WIDTH = 38
CELL_LINES = 12
# Semantic cell styles (core/table.py) as terminal styles.
CELL_STYLES = {
    "pendukung": "green",
    "penghambat": "red",
    "conflict": "yellow",
    "agree": "green",
    "muted": "dim",
    "strong": "bold",
    "verdict-good": "bold green",
    "verdict-bad": "bold red",
}
GROUP_PREFIX = "group:"


class TableView(DataTable):
    """Renders one Table; knows which Cell sits under the cursor."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="cell", zebra_stripes=True)
        self.table: Table | None = None
        self._rows: dict[str, Row] = {}

    def load(self, table: Table) -> None:
        """Show a display, keeping the cursor where it was when the shape allows."""
        keep = self.cursor_coordinate
        self.table = table
        self.clear(columns=True)
        self._rows = {row.key: row for row in table.rows}
        tall = len(table.rows) <= TALL_ROWS_LIMIT
        widths: list[int | None] = []
        for col in table.columns:
            label = f"{col.group} › {col.label}" if col.group else col.label
            width = None if col.numeric else _width(table, col, tall)
            widths.append(width)
            self.add_column(Text(label, style="bold"), width=width, key=col.key)
        for n, (group, rows) in enumerate(table.groups()):
            if group:
                cells = [Text(group, style="bold reverse")] + [Text("")] * (len(table.columns) - 1)
                self.add_row(*cells, key=f"{GROUP_PREFIX}{n}")
            for row in rows:
                if tall:
                    cells = [
                        wrap_cell(cell.text, width) if width else [cell.text]
                        for cell, width in zip(row.cells, widths, strict=False)
                    ]
                    height = max((len(lines) for lines in cells), default=1)
                    texts = ["\n".join(lines) for lines in cells]
                else:
                    height, texts = 1, [cell.text for cell in row.cells]
                self.add_row(
                    *[
                        _text(text, cell, col.numeric)
                        for text, cell, col in zip(texts, row.cells, table.columns, strict=False)
                    ],
                    key=row.key,
                    height=height,
                )
        if self.row_count:
            row = min(keep.row, self.row_count - 1)
            if self._is_group(row) and row + 1 < self.row_count:
                row += 1
            self.move_cursor(
                row=row, column=min(keep.column, len(table.columns) - 1), animate=False
            )

    def _is_group(self, row: int) -> bool:
        row_key, _ = self.coordinate_to_cell_key((row, 0))
        return str(row_key.value).startswith(GROUP_PREFIX)

    def cell_under_cursor(self) -> tuple[Row, Cell] | None:
        """Return the row and cell at the cursor (None on a group line or when empty)."""
        if self.table is None or self.row_count == 0:
            return None
        row_key, _col = self.coordinate_to_cell_key(self.cursor_coordinate)
        row = self._rows.get(str(row_key.value))
        if row is None:
            return None
        column = self.cursor_coordinate.column
        return (row, row.cells[column]) if column < len(row.cells) else None


def _text(text: str, cell: Cell, numeric: bool) -> Text:
    return Text(text, style=CELL_STYLES.get(cell.style, ""), justify="right" if numeric else "left")


def wrap_cell(text: str, width: int, limit: int = CELL_LINES) -> list[str]:
    """Wrap ``text`` at ``width`` into at most ``limit`` lines, the last saying how many more.

    Wrapping here rather than in the DataTable gives every row an explicit height, so the
    table never renders all its cells just to measure them (2 s at 1,400 cells).
    """
    lines: list[str] = []
    for paragraph in text.split("\n"):
        if len(paragraph) <= width:
            lines.append(paragraph)
        else:
            lines.extend(textwrap.wrap(paragraph, width) or [""])
    if len(lines) <= limit:
        return lines
    return lines[: limit - 1] + [t("tui_display.cell_more", n=len(lines) - limit + 1)]


def _width(table: Table, column, tall: bool) -> int | None:
    index = table.columns.index(column)
    longest = max((len(row.cells[index].text) for row in table.rows[:200]), default=0)
    longest = max(longest, len(column.label))
    return min(longest, TEXT_WIDTH) if longest > 12 or tall else None

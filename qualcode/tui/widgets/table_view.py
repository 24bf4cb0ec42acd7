"""A display (``Table``) in a DataTable: group rows as bold separators, cells styled by meaning.

Small tables get rows as tall as their longest cell (statements wrap, up to ``CELL_LINES``
lines — a factor cell at 20,000 codings holds thousands of statements, and measuring them all
made the screen wait seconds); big ones (the quote table at 20,000 codings) get one line a row
so they load at once. The quote list beside the table shows everything behind a cell.
"""

from __future__ import annotations

import re
import textwrap

from rich.text import Text
from textual.widgets import DataTable

from qualcode.core.table import Cell, Row, Table
from qualcode.i18n import t
from qualcode.tui.fit import fit_words

TALL_ROWS_LIMIT = 400
TEXT_WIDTH = 38
CELL_LINES = 12
MIN_TEXT_WIDTH = 12
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
        self._fitted_width = -1

    def load(self, table: Table) -> None:
        """Show a display, keeping the cursor where it was when the shape allows."""
        keep = self.cursor_coordinate
        self.table = table
        self.clear(columns=True)
        self._rows = {row.key: row for row in table.rows}
        tall = len(table.rows) <= TALL_ROWS_LIMIT
        widths = [None if col.numeric else _width(table, col, tall) for col in table.columns]
        self._fitted_width = self.size.width
        if tall:
            room = self.size.width - 2  # the vertical scrollbar
            amounts = _text_amounts(table)
            widths = fit_widths(widths, _fixed_widths(table), room, self.cell_padding, amounts)
        for col, width in zip(table.columns, widths, strict=False):
            label = f"{col.group} › {col.label}" if col.group else col.label
            label = fit_words(label, width) if width else label
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
                    height = 1
                    texts = [
                        fit_words(cell.text, width) if width else cell.text
                        for cell, width in zip(row.cells, widths, strict=False)
                    ]
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

    def on_resize(self) -> None:
        if (
            self.table is not None
            and len(self.table.rows) <= TALL_ROWS_LIMIT
            and self.size.width != self._fitted_width
        ):
            self.load(self.table)  # re-fit the columns to the new width

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
    hidden = 0  # lines past ``limit``: only counted (a factor cell holds thousands)
    for paragraph in text.split("\n"):
        if len(lines) > limit:
            hidden += wrapped_line_count(paragraph, width)
        else:
            lines.extend(wrap_paragraph(paragraph, width))
    if len(lines) <= limit:
        return lines
    more = len(lines) - limit + 1 + hidden
    return lines[: limit - 1] + [t("tui_display.cell_more", n=more)]


_PLAIN_PARAGRAPH = re.compile(r"[^\s-]+(?: [^\s-]+)*")


def wrap_paragraph(paragraph: str, width: int) -> list[str]:
    """One paragraph's lines in a cell: as is when it fits, else as ``textwrap.wrap`` gives.

    Words joined by single spaces (no hyphens, none longer than ``width``) are filled greedily
    here, exactly as ``textwrap`` does but several times faster; any other paragraph goes
    through ``textwrap`` itself.
    """
    if len(paragraph) <= width:
        return [paragraph]
    if _PLAIN_PARAGRAPH.fullmatch(paragraph):
        lines: list[str] = []
        line: list[str] = []
        used = -1
        for word in paragraph.split(" "):
            size = len(word)
            if size > width:
                break
            if used + 1 + size <= width:
                used += 1 + size
            else:
                lines.append(" ".join(line))
                line, used = [], size
            line.append(word)
        else:
            lines.append(" ".join(line))
            return lines
    return textwrap.wrap(paragraph, width) or [""]


def wrapped_line_count(paragraph: str, width: int) -> int:
    """How many lines ``wrap_paragraph`` gives, without building them."""
    if len(paragraph) <= width:
        return 1
    if not _PLAIN_PARAGRAPH.fullmatch(paragraph):
        return len(textwrap.wrap(paragraph, width)) or 1
    count, used = 1, -1
    for word in paragraph.split(" "):
        size = len(word)
        if size > width:
            return len(textwrap.wrap(paragraph, width)) or 1
        if used + 1 + size <= width:
            used += 1 + size
        else:
            count, used = count + 1, size
    return count


def fit_widths(
    widths: list[int | None],
    fixed: list[int],
    available: int,
    padding: int = 1,
    weights: list[int] | None = None,
) -> list[int | None]:
    """Narrow the text columns (not below ``MIN_TEXT_WIDTH``) so the table fits ``available``
    cells. The room is shared in proportion to ``weights`` (how much text each column holds;
    equal without them), and a column narrower than its share keeps its width.

    ``widths`` holds None for numeric columns, whose rendered width ``fixed`` gives. A table
    that cannot fit even at the minimum keeps the minimum and scrolls sideways.
    """
    if available <= 0:
        return widths  # not laid out yet: the resize that follows fits it
    text = [i for i, w in enumerate(widths) if w is not None]
    room = available - 2 * padding * len(widths)
    room -= sum(fixed[i] for i, w in enumerate(widths) if w is None)
    if not text or sum(widths[i] for i in text) <= room:  # type: ignore[misc]
        return widths
    # Every text column first gets the minimum (or less, if its text is shorter); the room
    # left is then shared by weight, no column growing past its own text.
    natural = {i: widths[i] for i in text}
    fitted = list(widths)
    for i in text:
        fitted[i] = min(natural[i], MIN_TEXT_WIDTH)  # type: ignore[type-var]
    extra = room - sum(fitted[i] for i in text)  # type: ignore[misc]
    weight = {i: max(weights[i], 1) if weights else 1 for i in text}
    pending = [i for i in text if natural[i] > fitted[i]]  # type: ignore[operator]
    while pending and extra > 0:
        total = sum(weight[i] for i in pending)
        share = {i: extra * weight[i] // total for i in pending}
        capped = [i for i in pending if natural[i] - fitted[i] <= share[i]]  # type: ignore[operator]
        if not capped:
            for i in pending:
                fitted[i] += share[i]  # type: ignore[operator]
            break
        for i in capped:
            extra -= natural[i] - fitted[i]  # type: ignore[operator]
            fitted[i] = natural[i]
            pending.remove(i)
    return fitted


def _text_amounts(table: Table) -> list[int]:
    """How much text each column holds (first 200 rows): the weight of its share of the width."""
    return [
        sum(len(row.cells[index].text) for row in table.rows[:200])
        for index in range(len(table.columns))
    ]


def _fixed_widths(table: Table) -> list[int]:
    """Rendered width of each numeric column (label or longest value)."""
    fixed = []
    for index, column in enumerate(table.columns):
        longest = max((len(row.cells[index].text) for row in table.rows[:200]), default=0)
        fixed.append(max(longest, len(column.label)))
    return fixed


def _width(table: Table, column, tall: bool) -> int | None:
    index = table.columns.index(column)
    longest = max((len(row.cells[index].text) for row in table.rows[:200]), default=0)
    longest = max(longest, len(column.label))
    return min(longest, TEXT_WIDTH) if longest > 12 or tall else None

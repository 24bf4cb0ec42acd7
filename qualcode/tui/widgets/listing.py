"""A table of plain-text rows that stays quick with thousands of them. Textual's DataTable
parses a str cell as markup and measures every cell before it draws: 2,000 sources kept the
first screen waiting about half a second for that. Here each column gets its width from the
rows' text up front (what auto width would give), and a cell is only made into Rich text when
it is drawn."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions
from rich.text import Text
from textual.widgets import DataTable

Row = tuple[str, Sequence[str]]  # (key, one text per column)


class PlainCell:
    """The text of one cell, as typed (never markup); drawn as one line of Rich text."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[Text]:
        yield Text(self.text, no_wrap=True, end="")

    def __str__(self) -> str:
        return self.text

    def __repr__(self) -> str:
        return repr(self.text)

    def __eq__(self, other: object) -> bool:
        return self.text == (other.text if isinstance(other, PlainCell) else other)

    def __hash__(self) -> int:
        return hash(self.text)


def text_width(text: str) -> int:
    """The cells the widest line of ``text`` takes on screen."""
    return max(map(cell_len, text.split("\n")))


class ListingTable(DataTable):
    """A DataTable filled by ``show_rows``: plain-text cells, widths as auto width gives them."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)

    def show_rows(self, labels: Sequence[str], rows: Sequence[Row], cursor_row: int = 0) -> None:
        """Replace the columns and rows; put the cursor on ``cursor_row`` (kept in range)."""
        self.clear(columns=True)
        for index, label in enumerate(labels):
            widths = (text_width(cells[index]) for _key, cells in rows)
            self.add_column(label, width=max(Text.from_markup(label).cell_len, *widths, 0))
        for key, cells in rows:
            self.add_row(*map(PlainCell, cells), key=key)
        if rows:
            self.move_cursor(row=min(max(cursor_row, 0), len(rows) - 1))

"""The one value every display returns and every renderer (TUI, DOCX, CSV, XLSX, Markdown) takes."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple


class Cell(NamedTuple):
    """One cell: the text shown, the codings behind it, and an optional number and style.

    ``style`` is semantic, never a colour: "", "pendukung", "penghambat", "netral", "conflict",
    "agree", "muted", "strong", "verdict-good", "verdict-bad". A NamedTuple rather than a frozen
    dataclass because displays make ~160,000 of them at 20,000 codings: it is immutable all the
    same and measured ~50 ms faster there (benchmarks/bench_displays.py).
    """

    text: str = ""
    codings: tuple[int, ...] = ()
    value: float | None = None
    style: str = ""


@dataclass(frozen=True, slots=True)
class Column:
    """A column: a stable key and a header label; ``group`` spans a header over columns.

    A ``draft`` column is the workbench's (the tool's proposal beside the researcher's verdict):
    shown on screen, left out of the tables exported for the thesis.
    """

    key: str
    label: str
    group: str = ""
    numeric: bool = False
    draft: bool = False


CONTINUED = "~"
"""Appended to a row's key for the part of it a page break carries to the next page (once per
break), so both parts keep a stable key of their own."""


@dataclass(frozen=True, slots=True)
class Row:
    """A row: a stable key, its cells (one per column, first column included) and its group."""

    key: str
    cells: tuple[Cell, ...]
    group: str = ""


@dataclass(frozen=True, slots=True)
class Table:
    """A display: title, columns, rows (optionally grouped), and notes shown under it."""

    kind: str
    title: str
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    notes: tuple[str, ...] = ()
    landscape: bool = False
    options: dict[str, str] = field(default_factory=dict)
    # What the row groups are (a spreadsheet gives them a column of this name): "Dimensi"…
    group_label: str = ""
    # (kind, text): ``text`` in a note names another display; a numbered export says "Tabel 4.n".
    refs: tuple[tuple[str, str], ...] = ()

    def column_index(self, key: str) -> int:
        """Return the position of the column with ``key``."""
        for i, col in enumerate(self.columns):
            if col.key == key:
                return i
        raise KeyError(key)

    def cell(self, row_key: str, column_key: str) -> Cell:
        """Return the cell at a row key and column key."""
        index = self.column_index(column_key)
        for row in self.rows:
            if row.key == row_key:
                return row.cells[index]
        raise KeyError(row_key)

    def groups(self) -> list[tuple[str, list[Row]]]:
        """Return the rows split by consecutive group label, in order."""
        out: list[tuple[str, list[Row]]] = []
        for row in self.rows:
            if not out or out[-1][0] != row.group:
                out.append((row.group, []))
            out[-1][1].append(row)
        return out

    @property
    def is_empty(self) -> bool:
        return not self.rows

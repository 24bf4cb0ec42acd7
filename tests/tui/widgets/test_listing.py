"""The listing table: plain-text cells shown as typed, columns as wide as auto width makes them."""

from __future__ import annotations

import pytest
from rich.text import Text
from textual.app import App, ComposeResult
from textual.widgets import DataTable

from qualcode.tui.widgets.listing import ListingTable

pytestmark = pytest.mark.anyio

LABELS = ["Sumber", "Informan", "Kalimat"]
ROWS = [
    ("1", ("I4_petugas_loket_rina", "I4", "94")),
    ("2", ("[b]catatan[/b] lapangan", "—", "7")),
    ("3", ("Wawancara Pak Suparman (lanjutan)", "I13", "120")),
]


class TablesApp(App[None]):
    def compose(self) -> ComposeResult:
        yield ListingTable(id="listing")
        yield DataTable(id="auto")


async def test_a_cell_shows_its_text_as_typed_not_as_markup():
    app = TablesApp()
    async with app.run_test(size=(100, 10)) as pilot:
        table = app.query_one(ListingTable)
        table.show_rows(LABELS, ROWS)
        await pilot.pause()
        lines = [table.render_line(y).text for y in range(4)]
        assert any("[b]catatan[/b] lapangan" in line for line in lines)
        assert str(table.get_row("2")[0]) == "[b]catatan[/b] lapangan"


async def test_columns_are_as_wide_as_auto_width_makes_them():
    app = TablesApp()
    async with app.run_test(size=(100, 10)) as pilot:
        listing = app.query_one(ListingTable)
        listing.show_rows(LABELS, ROWS)
        auto = app.query_one("#auto", DataTable)
        auto.add_columns(*LABELS)
        for key, cells in ROWS:
            auto.add_row(*(Text(cell) for cell in cells), key=key)
        await pilot.pause()
        assert [c.get_render_width(listing) for c in listing.ordered_columns] == [
            c.get_render_width(auto) for c in auto.ordered_columns
        ]


async def test_the_cursor_stays_on_its_row_or_the_last_one():
    app = TablesApp()
    async with app.run_test(size=(100, 10)) as pilot:
        table = app.query_one(ListingTable)
        table.show_rows(LABELS, ROWS, cursor_row=1)
        await pilot.pause()
        assert table.cursor_row == 1
        table.show_rows(LABELS, ROWS[:2], cursor_row=5)
        await pilot.pause()
        assert table.cursor_row == 1 and table.row_count == 2
        table.show_rows(LABELS, [], cursor_row=1)
        await pilot.pause()
        assert table.row_count == 0 and len(table.columns) == 3

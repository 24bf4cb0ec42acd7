"""Lists whose state shows: the cursor stops at the ends, a chosen item carries a ✓."""

from __future__ import annotations

import pytest
from textual.app import App, ComposeResult
from textual.widgets.selection_list import Selection

from qualcode.tui.widgets.lists import CHECKED, CheckList, MarkedCheckbox, PlainList

pytestmark = pytest.mark.anyio


class ListsApp(App[None]):
    def compose(self) -> ComposeResult:
        yield PlainList("satu", "dua", "tiga", id="plain")
        yield CheckList(Selection("docx", "docx", True), Selection("xlsx", "xlsx"), id="check")
        yield MarkedCheckbox("lampiran", id="box")


async def test_up_and_down_stop_at_the_ends_of_a_short_list():
    app = ListsApp()
    async with app.run_test() as pilot:
        plain = app.query_one("#plain", PlainList)
        plain.focus()
        plain.highlighted = 0
        await pilot.press("up")
        assert plain.highlighted == 0, "no wrap from the first item to the last"
        await pilot.press("down", "down", "down", "down")
        assert plain.highlighted == 2, "no wrap from the last item to the first"


async def test_a_checked_item_shows_a_mark_and_an_unchecked_one_none():
    app = ListsApp()
    async with app.run_test() as pilot:
        check = app.query_one("#check", CheckList)
        lines = [check.render_line(y).text for y in range(2)]
        assert CHECKED in lines[0] and "docx" in lines[0]
        assert CHECKED not in lines[1] and "xlsx" in lines[1]
        check.focus()
        check.highlighted = 1
        await pilot.press("space")
        assert CHECKED in check.render_line(1).text
        box = app.query_one("#box", MarkedCheckbox)
        assert CHECKED not in box.render().plain
        box.value = True
        assert CHECKED in box.render().plain

"""The workbench on small terminals: every stage usable at 80x24, side panes that collapse (z),
a clear message below the minimum size; actions act on what the cursor shows."""

from __future__ import annotations

import re

import pytest
from rich.cells import cell_len
from textual.widgets import DataTable, Static

from qualcode.i18n import t
from qualcode.tui.commands import collect_commands
from qualcode.tui.screens.base import MIN_HEIGHT, MIN_WIDTH
from qualcode.tui.screens.coding_actions import CodingHost
from qualcode.tui.screens.dialogs.informant import InformantDialog

from .conftest import code_some, make_app, settle

pytestmark = pytest.mark.anyio

SMALL = (80, 24)


async def test_stage_bar_shows_all_five_stages_at_80_columns(project):
    app = make_app(project)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        for number in "12345":
            await pilot.press(number)
            await settle(pilot)
            tabs = app.screen.query_one("#nav-tabs", Static)
            text = str(tabs.render())
            for n, stage in enumerate(app.stages, start=1):
                assert f"{n} {t(f'tui.stage_{stage}')}" in text
            assert tabs.region.right <= SMALL[0]


async def test_side_panes_collapse_at_80_columns_and_z_toggles_them(project):
    app = make_app(project)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("2")
        await settle(pilot)
        screen = app.screen
        assert not screen.query_one("#coding-sources").display
        transcript = screen.query_one("#transcript")
        side = screen.query_one("#coding-side")
        assert side.display and transcript.size.width >= 40, "the transcript gets the room"
        await pilot.press("z")
        await pilot.pause()
        assert not side.display and transcript.size.width >= 70
        await pilot.press("3")
        await settle(pilot)
        assert not app.screen.query_one("#display-side").display, "z holds in every stage"
        await pilot.press("z")
        await pilot.pause()
        assert app.screen.query_one("#display-side").display


async def test_below_the_minimum_size_a_message_replaces_the_stage(project):
    app = make_app(project)
    async with app.run_test(size=(MIN_WIDTH - 4, MIN_HEIGHT + 2)) as pilot:
        await settle(pilot)
        message = app.screen.query_one("#too-small", Static)
        assert message.display
        assert not app.screen.query_one(".stage-body").display
        assert f"{MIN_WIDTH}×{MIN_HEIGHT}" in str(message.render())
        await pilot.resize_terminal(*SMALL)
        await settle(pilot)
        assert not message.display and app.screen.query_one(".stage-body").display


async def test_e_in_sumber_edits_the_informant_of_the_focused_row(project):
    app = make_app(project)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        sources = app.screen.query_one("#sources-table", DataTable)
        informants = app.screen.query_one("#informants-table", DataTable)
        sources.focus()
        sources.move_cursor(row=1)  # I07's interview; the informants table's cursor is on I4
        assert informants.cursor_row == 0
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, InformantDialog)
        assert app.screen.informant.code == "I7"
        await pilot.press("escape")
        await pilot.pause()
        informants.focus()
        await pilot.press("e")
        await pilot.pause()
        assert app.screen.informant.code == "I4"


async def test_key_names_are_shown_as_keys_never_raw(project):
    app = make_app(project)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        helps = {c.title: c.help for c in collect_commands(app)}
        for help_text in helps.values():
            assert "question_mark" not in help_text and "," not in help_text.split(": ", 1)[-1]
        assert all(not title.startswith("tui_keys.") for title in helps)


async def test_coding_screen_gives_its_actions_all_they_need(project):
    app = make_app(project)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("2")
        await settle(pilot)
        assert isinstance(app.screen, CodingHost)


def _cut_at_a_word(shown: str, full: str) -> bool:
    """``shown`` is ``full`` itself or a prefix of it ending where a word ends, then "…"."""
    if shown == full:
        return True
    head = shown.removesuffix("…")
    return shown.endswith("…") and full.startswith(head) and full[len(head)] in " -_/,"


async def test_at_80_columns_code_names_and_column_headers_are_cut_at_words(project):
    from rich.style import Style

    from qualcode.tui.widgets.codebook_tree import CodebookTree

    code_some(project)
    app = make_app(project)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("2")
        await settle(pilot)
        tree = app.screen.query_one(CodebookTree)
        room = tree.scrollable_content_region.width
        cut = 0
        for node in tree._code_nodes.values():
            full = node.label.plain  # key, colour mark, name, then the count if any
            shown = tree.render_label(node, Style(), Style()).plain
            assert cell_len(shown) <= room - tree._indent(node)
            if node.allow_expand:
                shown = shown.removeprefix(tree.ICON_NODE_EXPANDED)
            count = re.search(r"  \d+$", full)
            tail = count.group() if count else ""
            assert shown.endswith(tail)  # the count always stays
            label, name = shown.removesuffix(tail), full.removesuffix(tail)
            assert _cut_at_a_word(label, name), (label, name)
            cut += label != name
        assert cut  # the demo codebook has names longer than the pane at 80 columns

        await pilot.press("3")
        await settle(pilot)
        table = app.screen.table_view
        assert table.table is not None
        headers = [column.label.plain for column in table.columns.values()]
        names = [f"{c.group} › {c.label}" if c.group else c.label for c in table.table.columns]
        assert any(h != n for h, n in zip(headers, names, strict=True))
        for shown, full in zip(headers, names, strict=True):
            assert _cut_at_a_word(shown, full), (shown, full)


async def test_at_80_columns_export_formats_are_cut_at_words(project):
    from textual.content import Content

    app = make_app(project)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("5")
        await settle(pilot)
        formats = app.screen.query_one("#export-formats")
        cut = 0
        for option in formats.options:
            full = option.prompt.plain if isinstance(option.prompt, Content) else option.prompt
            shown = formats._get_visual(option).plain
            assert _cut_at_a_word(shown, full), (shown, full)
            cut += shown != full
        assert cut  # "HTML (.html) — laporan…" does not fit a side pane at 80 columns

"""Pilot tests of the display stage: every display renders, options switch, drill-down."""

from __future__ import annotations

import pytest
from textual.widgets import OptionList

from qualcode.core.displays import available_displays

from .conftest import SIZE, code_some, make_app, settle

pytestmark = pytest.mark.anyio


async def open_display(pilot):
    await pilot.press("3")
    await settle(pilot)
    return pilot.app.screen


async def test_empty_project_says_what_to_do_in_place(project):
    app = make_app(project)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_display(pilot)
        assert screen.table_view.row_count == 0
        assert "Kondensasi" in str(screen.query_one("#display-notes").content)
        assert app.screen is screen  # no error modal for an expected state


async def test_every_display_renders(project):
    code_some(project)
    app = make_app(project)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_display(pilot)
        for kind, _title in available_displays():
            screen.action_show(kind)
            await settle(pilot)
            assert screen.kind == kind
            if screen.table_view.table is not None:
                assert screen.table_view.table.kind == kind
                assert (
                    str(screen.query_one("#display-title").content) == screen.table_view.table.title
                )
            else:  # a display that cannot be made shows why, in place
                assert str(screen.query_one("#display-notes").content)


async def test_matrix_groups_rows_and_switches_to_counts(project):
    code_some(project)
    app = make_app(project)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_display(pilot)
        table = screen.table_view.table
        assert table.kind == "informant-dimension"
        groups = [g for g, _rows in table.groups() if g]
        assert screen.table_view.row_count == len(table.rows) + len(groups)
        assert "ringkasan" in str(screen.query_one("#display-options").content)
        await pilot.press("v")
        await settle(pilot)
        assert screen.table_view.table.options.get("cells") == "count"
        assert "jumlah" in str(screen.query_one("#display-options").content)
        texts = [c.text for r in screen.table_view.table.rows for c in r.cells[1:] if c.text]
        assert texts and all(text[0].isdigit() for text in texts)


async def test_selecting_a_cell_shows_its_quotes_and_o_jumps_to_the_passage(project):
    made = code_some(project)
    app = make_app(project)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_display(pilot)
        screen.action_show("factors")
        await settle(pilot)
        view = screen.table_view
        target = None
        for row in view.table.rows:
            for c, cell in enumerate(row.cells):
                if cell.codings:
                    target = (row.key, c, cell)
                    break
            if target:
                break
        row_index = view.get_row_index(target[0])
        view.move_cursor(row=row_index, column=target[1])
        await pilot.pause()
        quotes = screen.query_one("#quote-list", OptionList)
        assert quotes.option_count == len(target[2].codings)
        coding_id = int(quotes.get_option_at_index(0).id)
        coding = next(c for c in made if c.id == coding_id)
        assert coding.quote[:20] in str(quotes.get_option_at_index(0).prompt)
        await pilot.press("o")
        await settle(pilot)
        assert app.current_mode == "coding"
        coding_screen = app.screen
        assert coding_screen.source_id == coding.source_id
        assert coding_screen.view.span == (coding.start, coding.end)


async def test_triangulation_switches_between_technique_and_group(project):
    code_some(project)
    app = make_app(project)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_display(pilot)
        screen.action_show("triangulation")
        await settle(pilot)
        first = screen.table_view.table.title
        await pilot.press("g")
        await settle(pilot)
        assert screen.current_options()["by"] == "group"
        assert screen.table_view.table.title != first or screen.table_view.table.columns


def test_a_huge_cell_is_clipped_to_a_few_lines_saying_how_many_more():
    from qualcode.tui.widgets.table_view import CELL_LINES, wrap_cell

    statements = "\n".join(
        f"Komputer loket nomor {n} sering mati (I{n % 13 + 1})" for n in range(400)
    )
    lines = wrap_cell(statements, 38)
    assert len(lines) == CELL_LINES
    assert all(len(line) <= 38 for line in lines[:-1])
    assert lines[-1] == f"… {400 * 2 - CELL_LINES + 1} baris lagi"
    assert wrap_cell("Antrean panjang (I4, I7)", 38) == ["Antrean panjang (I4, I7)"]


def test_text_columns_share_the_width_the_pane_has():
    from qualcode.tui.widgets.table_view import MIN_TEXT_WIDTH, fit_widths

    # Dimensi (36) + Pendukung (38) + Penghambat (38) in a 74-cell pane, padding 1 each side.
    fitted = fit_widths([36, 38, 38], [0, 0, 0], 74)
    assert sum(fitted) + 2 * 3 <= 74
    assert fitted == [22, 22, 22]
    # A narrow column keeps its width; the others share what is left.
    assert fit_widths([8, 38, 38], [0, 0, 0], 74) == [8, 30, 30]
    # A numeric column (None) keeps its rendered width.
    assert fit_widths([38, None, 38], [0, 5, 0], 60) == [24, None, 24]
    # Too many columns to fit: the minimum, and the table scrolls sideways.
    assert fit_widths([38] * 7, [0] * 7, 74) == [MIN_TEXT_WIDTH] * 7
    # Weighted by the text each column holds: the statements keep their width, thin columns give.
    assert fit_widths([20, 38, 38], [0, 0, 0], 80, weights=[100, 1000, 100]) == [18, 38, 18]
    # A column is never widened past its own text, even to the minimum.
    assert fit_widths([10, 38], [0, 0], 20) == [10, MIN_TEXT_WIDTH]
    # Room enough, or not laid out yet: unchanged.
    assert fit_widths([20, 30], [0, 0], 120) == [20, 30]
    assert fit_widths([38, 38], [0, 0], -2) == [38, 38]


async def test_m_reviews_merge_proposals_and_the_factors_show_the_merge(project):
    from textual.widgets import Input

    from qualcode.core.analysis.merges import merges, proposals
    from qualcode.core.coding.operations import add_coding
    from qualcode.core.store import sources as repo
    from qualcode.tui.screens.dialogs.merge_proposals import MergeProposalsDialog

    made = code_some(project)
    src = repo.sources(project.store, with_text=False)[-1]
    taken = {(c.source_id, c.start) for c in made}
    sentence = next(
        s for s in repo.sentences(project.store, src.id)[3:] if (src.id, s.start) not in taken
    )
    add_coding(
        project,
        src.id,
        sentence.start,
        sentence.end,
        "sarana-peralatan",
        "penghambat",
        "Komputernya sering rusak",
    )
    [proposal] = proposals(project)
    app = make_app(project)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_display(pilot)
        screen.action_show("factors")
        await settle(pilot)
        await pilot.press("m")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, MergeProposalsDialog)
        shown = str(dialog.query_one("#merge-list").content)
        assert all(m.statement in shown for m in proposal.members)
        dialog.query_one(Input).value = "Komputer loket sering rusak"
        await pilot.press("enter")
        await pilot.pause()
        assert [(m.text, len(m.members)) for m in merges(project)] == [
            ("Komputer loket sering rusak", len(proposal.members))
        ]
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is screen
        text = screen.table_view.table.cell("sarana", "penghambat").text
        assert text.startswith("Komputer loket sering rusak (")

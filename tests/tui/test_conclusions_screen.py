"""Pilot tests of the conclusions stage: verdicts, statements, flags, indicator verdicts."""

from __future__ import annotations

import pytest
from textual.widgets import Select, TextArea

from qualcode.core.analysis.conclusions import get_conclusion, verification_flags
from qualcode.core.store.analysis import indicator_verdicts
from qualcode.tui.screens.dialogs.conclusion import ConclusionDialog

from .conftest import SIZE, code_some, make_app, settle

pytestmark = pytest.mark.anyio


async def open_conclusions(pilot):
    await pilot.press("4")
    await settle(pilot)
    return pilot.app.screen


async def test_v_cycles_the_verdict_of_a_dimension(project):
    code_some(project)
    app = make_app(project)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_conclusions(pilot)
        dim = project.codebook.dimensions[0].id
        assert screen.selected_key() == dim
        scale = project.codebook.verdict_scale
        await pilot.press("v")
        await pilot.pause()
        assert get_conclusion(project, dim).verdict == scale[0]
        await pilot.press("v")
        await pilot.pause()
        assert get_conclusion(project, dim).verdict == scale[1]
        row = screen.active_table.table.rows[0]
        assert row.cells[1].text == scale[1]
        await pilot.press("u")
        await pilot.pause()
        assert get_conclusion(project, dim).verdict == scale[0]


async def test_statement_dialog_saves_verdict_and_statement(project):
    code_some(project)
    app = make_app(project)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_conclusions(pilot)
        dim = screen.selected_key()
        await pilot.press("s")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ConclusionDialog)
        dialog.query_one(Select).value = project.codebook.verdict_scale[-1]
        dialog.query_one(TextArea).text = "Prosedur belum dipahami warga."
        await pilot.press("ctrl+s")
        await pilot.pause()
        conclusion = get_conclusion(project, dim)
        assert conclusion.statement == "Prosedur belum dipahami warga."
        assert conclusion.verdict == project.codebook.verdict_scale[-1]
        assert "Prosedur belum dipahami warga." in screen.active_table.table.rows[0].cells[2].text


async def test_flags_and_evidence_show_for_the_highlighted_dimension(project):
    made = code_some(project)
    app = make_app(project)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_conclusions(pilot)
        flags = str(screen.query_one("#flags").content)
        assert flags.startswith("⚠") or flags.startswith("✓")
        evidence = screen.query_one("#evidence-list")
        prosedur_ids = {c.id for c in made if c.code_id.startswith("prosedur")}
        shown = {int(evidence.get_option_at_index(i).id) for i in range(evidence.option_count)}
        assert shown == prosedur_ids


async def test_the_flags_shown_follow_a_verdict_given_on_the_screen(project):
    code_some(project)
    dim = project.codebook.dimensions[0].id

    def expected() -> list[str]:
        return [f"⚠ {f.message}" for f in verification_flags(project, dim)]

    def shown(screen) -> list[str]:
        lines = str(screen.query_one("#flags").content).split("\n")
        return [line for line in lines if line.startswith("⚠")]

    async with make_app(project).run_test(size=SIZE) as pilot:
        screen = await open_conclusions(pilot)
        assert screen.selected_key() == dim
        before = expected()
        assert any(f.id == "verdict_missing" for f in verification_flags(project, dim))
        assert shown(screen) == before
        await pilot.press("v")
        await settle(pilot)
        assert expected() != before
        assert shown(screen) == expected()


async def test_indicator_verdicts_for_the_checklist(project):
    code_some(project)
    app = make_app(project)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_conclusions(pilot)
        await pilot.press("i")
        await pilot.pause()
        assert screen.active_tab == "indicators"
        indicator = screen.selected_key()
        await pilot.press("v")
        await pilot.pause()
        assert (
            indicator_verdicts(project.store)[indicator].verdict
            == project.codebook.indicator_verdicts[0]
        )
        assert "Kepmenpan" in str(screen.query_one("#indicator-notes").content) or str(
            screen.query_one("#indicator-notes").content
        )


async def test_a_long_statement_gets_more_width_than_shorter_columns(project):
    from qualcode.core.analysis.conclusions import set_conclusion

    code_some(project)
    statement = "Prosedur pelayanan kurang baik karena persyaratan belum jelas bagi warga. " * 10
    set_conclusion(project, "prosedur", verdict="kurang baik", statement=statement)
    app = make_app(project)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_conclusions(pilot)
        await settle(pilot)
        view = screen.query_one("#conclusion-table")
        widths = {str(key.value): column.width for key, column in view.columns.items()}
        # Shared by how much text a column holds: the statements outweigh the flags.
        assert widths["statement"] > widths["flags"] >= widths["dimension"]
        assert sum(c.width + 2 for c in view.columns.values()) <= view.size.width

"""Pilot tests of the export stage: formats, progress in a worker, where the files went."""

from __future__ import annotations

import pytest
from textual.widgets import SelectionList

from .conftest import SIZE, code_some, make_app, settle

pytestmark = pytest.mark.anyio


async def test_export_all_tables_to_docx(project):
    code_some(project)
    app = make_app(project)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("5")
        await settle(pilot)
        screen = app.screen
        await pilot.press("e")
        await settle(pilot)
        files = sorted(p.name for p in project.paths.exports.glob("*.docx"))
        assert files == ["tabel-analisis.docx"]
        result = str(screen.query_one("#export-result").content)
        assert "exports/tabel-analisis.docx" in result
        assert not screen.running


async def test_export_chosen_tables_as_csv_and_xlsx(project):
    code_some(project)
    app = make_app(project)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("5")
        await settle(pilot)
        screen = app.screen
        await pilot.press("n")  # no tables
        tables = screen.query_one("#export-tables", SelectionList)
        tables.select(1)  # the factor matrix
        formats = screen.query_one("#export-formats", SelectionList)
        formats.deselect("docx")
        formats.select("csv")
        formats.select("xlsx")
        await pilot.press("e")
        await settle(pilot)
        names = sorted(p.name for p in project.paths.exports.iterdir())
        assert (
            len(names) == 2
            and any(n.endswith(".csv") for n in names)
            and any(n.endswith(".xlsx") for n in names)
        )
        result = str(screen.query_one("#export-result").content)
        assert all(name in result for name in names)


async def test_nothing_chosen_is_refused(project):
    app = make_app(project)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("5")
        await settle(pilot)
        await pilot.press("n", "e")
        await settle(pilot)
        assert not project.paths.exports.exists() or not any(project.paths.exports.iterdir())
        assert any("Pilih paling sedikit" in n.message for n in app._notifications)


async def test_export_from_the_display_stage(project):
    code_some(project)
    app = make_app(project)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3")
        await settle(pilot)
        app.screen.action_show("factors")
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        assert app.current_mode == "export"
        docx = list(project.paths.exports.glob("*.docx"))
        assert len(docx) == 1 and "faktor" in docx[0].name

"""Snapshots of every stage at a laptop's default terminal (80x24) and a large one (160x48),
deterministic data, each taken after the behaviour it shows has been asserted. Update with
``pytest --snapshot-update`` after a deliberate change of the look."""

from __future__ import annotations

import pytest

from qualcode.core.store.codings import list_codings

from .conftest import code_some, make_app, settle

SIZES = pytest.mark.parametrize("size", [(80, 24), (160, 48)], ids=["80x24", "160x48"])


def _quiet(app) -> None:
    app.clear_notifications()


async def press(pilot, *keys: str) -> None:
    """Press KEYS, then let the app settle (workers and their messages included)."""
    await pilot.press(*keys)
    await settle(pilot)


@SIZES
def test_sources_screen(project, snap_compare, size):
    app = make_app(project)

    async def run_before(pilot):
        await settle(pilot)
        assert app.screen.query_one("#sources-table").row_count == 3
        _quiet(app)

    assert snap_compare(app, terminal_size=size, run_before=run_before)


@SIZES
def test_coding_screen(project, snap_compare, size):
    code_some(project)
    app = make_app(project)

    async def run_before(pilot):
        await press(pilot, "2")
        screen = app.screen
        await press(pilot, "j", "j", "shift+down")
        assert screen.view.positions == (2, 3)
        assert screen.codings_here()  # code_some coded the third sentence
        assert len(list_codings(project.store, source_id=screen.source_id)) == 3
        _quiet(app)

    assert snap_compare(app, terminal_size=size, run_before=run_before)


@SIZES
def test_display_screen_factor_matrix(project, snap_compare, size):
    code_some(project)
    app = make_app(project)

    async def run_before(pilot):
        await press(pilot, "3")
        app.screen.action_show("factors")
        await settle(pilot)
        assert app.screen.table_view.table.kind == "factors"
        app.screen.table_view.focus()
        await press(pilot, "down", "right")
        _quiet(app)

    assert snap_compare(app, terminal_size=size, run_before=run_before)


@SIZES
def test_conclusions_screen(project, snap_compare, size):
    code_some(project)
    app = make_app(project)

    async def run_before(pilot):
        await press(pilot, "4")
        await press(pilot, "v")
        assert (
            app.screen.active_table.table.rows[0].cells[1].text == project.codebook.verdict_scale[0]
        )
        _quiet(app)

    assert snap_compare(app, terminal_size=size, run_before=run_before)


@SIZES
def test_export_screen_after_export(project, snap_compare, size):
    code_some(project)
    app = make_app(project)

    async def run_before(pilot):
        await press(pilot, "5")
        await press(pilot, "e")
        assert (project.paths.exports / "tabel-analisis.docx").exists()
        _quiet(app)

    assert snap_compare(app, terminal_size=size, run_before=run_before)


@SIZES
def test_help_screen(project, snap_compare, size):
    app = make_app(project)

    async def run_before(pilot):
        await press(pilot, "2")
        await pilot.press("question_mark")
        await pilot.pause()
        assert type(app.screen).__name__ == "HelpScreen"
        _quiet(app)

    assert snap_compare(app, terminal_size=size, run_before=run_before)

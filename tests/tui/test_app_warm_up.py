"""The app builds the other stages in the background once the first is drawn: a first visit
then only shows a ready screen. It must look and act exactly as a stage built on its key."""

from __future__ import annotations

import pytest
from textual.color import Color

from qualcode.core.project import Project
from qualcode.tui.app import QualcodeApp

from .conftest import code_some, settle

pytestmark = pytest.mark.anyio

STAGE_KEYS = {"coding": "2", "display": "3", "conclusions": "4", "export": "5"}


def _app(project, warm_up: bool) -> QualcodeApp:
    return QualcodeApp(project.root, project=project, suggestions=False, warm_up=warm_up)


async def _screenshot_after_key(root, key: str, size, warm_up: bool) -> str:
    app = _app(Project.open(root), warm_up)  # the app closes its project when it ends
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press(key)
        await settle(pilot)
        app.clear_notifications()
        await pilot.pause()
        return app.export_screenshot()


async def test_every_stage_is_built_with_its_data_while_the_first_is_shown(project):
    code_some(project)
    app = _app(project, warm_up=True)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        assert app.current_mode == "sources"
        assert app.focused is not None and app.focused.id == "sources-table"
        coding = app.get_screen_for_mode("coding")
        assert type(coding).__name__ == "CodingScreen" and coding.view.model is not None
        display = app.get_screen_for_mode("display")
        assert display.table_view.table is not None
        conclusions = app.get_screen_for_mode("conclusions")
        assert conclusions.query_one("#conclusion-table").table is not None
        assert type(app.get_screen_for_mode("export")).__name__ == "ExportScreen"
        assert "loading" not in app._screen_stacks  # nothing left animating unseen


@pytest.mark.parametrize("size", [(80, 24), (160, 48)], ids=["80x24", "160x48"])
@pytest.mark.parametrize("stage", list(STAGE_KEYS))
async def test_a_stage_built_in_the_background_looks_as_one_built_on_its_key(
    project_root, stage, size
):
    with Project.open(project_root) as project:
        code_some(project)
    key = STAGE_KEYS[stage]
    on_key = await _screenshot_after_key(project_root, key, size, warm_up=False)
    in_background = await _screenshot_after_key(project_root, key, size, warm_up=True)
    assert in_background == on_key


async def test_a_stage_key_pressed_before_the_warm_up_reaches_it_shows_that_stage(project):
    code_some(project)
    app = _app(project, warm_up=True)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.press("4")  # the warm-up has not started yet
        await settle(pilot)
        assert app.current_mode == "conclusions"
        assert app.screen.query_one("#conclusion-table").table is not None
        await pilot.press("2")
        await settle(pilot)
        assert app.current_mode == "coding" and app.screen.view.model is not None


async def test_a_stage_built_in_the_background_takes_a_theme_chosen_since(project):
    app = _app(project, warm_up=True)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        app.theme = "textual-light"
        await settle(pilot)
        await pilot.press("3")
        await settle(pilot)
        assert app.screen.styles.background == Color.parse(app.current_theme.background)


async def test_suggestions_of_a_stage_built_in_the_background_wait_until_it_is_shown(project):
    app = QualcodeApp(project.root, project=project, warm_up=True)  # suggestions on
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        coding = app.get_screen_for_mode("coding")
        assert coding.view.model is not None
        assert not coding.feed.by_start, "no suggester ran (spaCy loads) behind the Sumber stage"
        await pilot.press("2")
        await settle(pilot)
        assert coding.feed.by_start, "shown, the stage computes its suggestions"

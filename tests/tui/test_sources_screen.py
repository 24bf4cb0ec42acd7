"""Pilot tests of the sources stage: lists, import with progress, informant editor."""

from __future__ import annotations

import shutil

import pytest
from textual.widgets import DataTable, Input

from qualcode.core.store import sources as repo
from qualcode.tui.screens.dialogs.informant import InformantDialog

from .conftest import DEMO, SIZE, make_app, settle

pytestmark = pytest.mark.anyio


async def test_lists_sources_and_informants(project):
    app = make_app(project)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert screen.query_one("#sources-table", DataTable).row_count == 3
        assert screen.query_one("#informants-table", DataTable).row_count == 2
        assert "3 sumber · 2 informan" in screen.status.right_text


async def test_import_a_folder_with_progress(project, tmp_path):
    extra = tmp_path / "baru"
    extra.mkdir()
    shutil.copy(DEMO / "I10_ojek_joko.txt", extra / "I10_ojek_joko.txt")
    app = make_app(project)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("i")
        await pilot.pause()
        box = app.screen.query_one(Input)
        box.value = str(extra)
        await pilot.press("enter")
        await settle(pilot)
        for _ in range(100):
            if app.screen.id == "stage-sources":
                break
            await pilot.pause(0.05)
        assert len(repo.sources(project.store, with_text=False)) == 4
        assert app.screen.query_one("#sources-table", DataTable).row_count == 4
        assert any("1 baru" in n.message for n in app._notifications)


async def test_import_of_a_missing_path_is_refused_in_the_dialog(project, tmp_path):
    app = make_app(project)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("i")
        await pilot.pause()
        app.screen.query_one(Input).value = str(tmp_path / "tidak-ada")
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.query_one(Input).has_class("-invalid")
        assert len(repo.sources(project.store, with_text=False)) == 3


async def test_edit_informant_attributes(project):
    app = make_app(project)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.screen.query_one("#informants-table", DataTable).focus()
        await pilot.press("e")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, InformantDialog)
        code = dialog.informant.code
        dialog.query_one("#f-role", Input).value = "Petugas loket 1"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert repo.informant_by_code(project.store, code).role == "Petugas loket 1"
        assert "Petugas loket 1" in str(
            app.screen.query_one("#informants-table", DataTable).get_row_at(0)
        )


async def _rename_first_informant(app, pilot, new_code: str) -> str:
    app.screen.query_one("#informants-table", DataTable).focus()
    await pilot.press("e")
    await pilot.pause()
    dialog = app.screen
    assert isinstance(dialog, InformantDialog)
    dialog.query_one("#f-code", Input).value = new_code
    await pilot.press("ctrl+s")
    await settle(pilot)
    return dialog.informant.code


async def test_a_code_taken_by_another_informant_asks_whether_to_merge(project):
    from qualcode.tui.screens.dialogs.confirm import ConfirmDialog

    people = [i.code for i in repo.informants(project.store)]
    app = make_app(project)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        old = await _rename_first_informant(app, pilot, people[1])
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")  # not the same person: nothing changes
        await settle(pilot)
        assert [i.code for i in repo.informants(project.store)] == people

        await _rename_first_informant(app, pilot, people[1].lower())
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        await settle(pilot)
        assert [i.code for i in repo.informants(project.store)] == [people[1]]
        into = repo.informant_by_code(project.store, people[1])
        mine = [
            s for s in repo.sources(project.store, with_text=False) if s.informant_id == into.id
        ]
        assert len(mine) == 2
        assert app.screen.query_one("#informants-table", DataTable).row_count == 1
        said = app.message_log.newest_first()[0].text
        assert old in said and people[1] in said and "before-informant-merge" in said


async def test_enter_on_a_source_opens_it_for_coding(project):
    app = make_app(project)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#sources-table", DataTable)
        table.focus()
        await pilot.press("down", "enter")
        await settle(pilot)
        assert app.current_mode == "coding"
        wanted = int(table.coordinate_to_cell_key((1, 0)).row_key.value)
        assert app.screen.source_id == wanted


async def test_import_path_completes_with_tab_and_the_tree_fills_the_path(project, tmp_path):
    from textual.widgets import DirectoryTree

    from qualcode.tui.screens.dialogs.importing import ImportDialog

    folder = tmp_path / "unduhan"
    (folder / "wawancara-baru").mkdir(parents=True)
    shutil.copy(DEMO / "I10_ojek_joko.txt", folder / "wawancara-baru" / "I10_ojek_joko.txt")
    (folder / "catatan.pdf").write_text("bukan transkrip", encoding="utf-8")
    app = make_app(project)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.push_screen(ImportDialog(str(folder / "waw"), browse_from=folder))
        await pilot.pause()
        box = app.screen.query_one(Input)
        box.cursor_position = len(box.value)
        await pilot.press("tab")
        assert box.value == str(folder / "wawancara-baru") + "/"
        await pilot.press("tab")
        assert box.value.endswith("wawancara-baru/I10_ojek_joko.txt"), "a readable file, not .pdf"
        tree = app.screen.query_one(DirectoryTree)
        await pilot.pause(0.3)
        shown = [str(node.data.path.name) for node in tree.root.children]
        assert shown == ["wawancara-baru"], "only folders and readable files are listed"
        tree.focus()
        tree.select_node(tree.root.children[0])
        await pilot.press("enter")
        await pilot.pause()
        assert box.value == str(folder / "wawancara-baru")

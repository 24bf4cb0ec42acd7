"""Pilot tests of the app shell: stages by key and click, help, palette, errors, language."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from qualcode.errors import CodingError
from qualcode.tui.app import QualcodeApp
from qualcode.tui.commands import collect_commands
from qualcode.tui.screens.dialogs.error import ErrorDialog
from qualcode.tui.screens.help import HelpScreen, help_sections

from .conftest import SIZE, make_app, settle

pytestmark = pytest.mark.anyio


async def test_number_keys_and_the_stage_bar_switch_stages(project):
    app = make_app(project)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.current_mode == "sources"
        for key, mode in (
            ("2", "coding"),
            ("3", "display"),
            ("4", "conclusions"),
            ("5", "export"),
            ("1", "sources"),
        ):
            await pilot.press(key)
            await settle(pilot)
            assert app.current_mode == mode
        await pilot.click("#nav-tabs", offset=(14, 0))  # " 2 Kondensasi "
        await settle(pilot)
        assert app.current_mode == "coding"


async def test_opening_a_folder_goes_through_the_loading_screen(project_root):
    app = QualcodeApp(project_root)
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(400):  # opens in a worker: allow a loaded machine
            await pilot.pause(0.05)
            if app.current_mode == "sources":
                break
        assert app.current_mode == "sources"
        assert app.project is not None and not app.project.readonly


async def test_a_locked_project_opens_read_only(project):
    app = QualcodeApp(project.root)  # ``project`` holds the write lock
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(400):  # opens in a worker: allow a loaded machine
            await pilot.pause(0.05)
            if app.current_mode == "sources":
                break
        assert app.project.readonly
        await pilot.press("2")
        await settle(pilot)
        await pilot.press("space")
        await pilot.pause()
        assert project.store.scalar("SELECT count(*) FROM codings") == 0


async def test_help_lists_the_keys_of_the_stage_from_bindings(project):
    app = make_app(project)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2")
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        sections = dict(help_sections(app, "coding"))
        rows = dict((verb, keys) for keys, verb in sections["Kondensasi"])
        assert rows["ubah polaritas koding (pendukung/penghambat/netral)"] == "p"
        assert "j" in rows["kursor ke kalimat berikutnya"]
        assert list(sections)[0] == "Kondensasi"
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)


async def test_palette_offers_every_action_as_group_verb(project):
    app = make_app(project)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        titles = [c.title for c in collect_commands(app)]
        assert "kondensasi: ubah polaritas koding (pendukung/penghambat/netral)" in titles
        assert "ekspor: matriks faktor pendukung dan penghambat ke DOCX" in [
            t.replace("  ", " ") for t in titles
        ] or any(t.startswith("ekspor: matriks faktor") and t.endswith("ke DOCX") for t in titles)
        assert "sumber: impor berkas atau folder transkrip" in titles
        assert all(": " in t for t in titles)


async def test_palette_command_runs_in_its_stage(project):
    from qualcode.tui.commands import run_command

    app = make_app(project)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        command = next(
            c
            for c in collect_commands(app)
            if c.title.startswith("kondensasi: kode pilihan dengan kode terpilih")
        )
        await run_command(app, command)
        await settle(pilot)
        assert app.current_mode == "coding"
        assert project.store.scalar("SELECT count(*) FROM codings") == 1


async def test_errors_show_message_and_hint_in_a_modal(project):
    app = make_app(project)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.show_error(CodingError("Kode 'xyz' tidak ada.", "Lihat buku kode."))
        await pilot.pause()
        assert isinstance(app.screen, ErrorDialog)
        assert "Kode 'xyz' tidak ada." in str(app.screen.query_one("#error-message").content)
        assert "Lihat buku kode." in str(app.screen.query_one("#error-hint").content)
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, ErrorDialog)


async def test_a_failing_action_shows_the_error_not_a_traceback(project):
    app = make_app(project)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2")
        await settle(pilot)
        await pilot.press("space", "space")  # the second is a duplicate coding
        await pilot.pause()
        assert isinstance(app.screen, ErrorDialog)
        assert app.is_running
        assert project.store.scalar("SELECT count(*) FROM codings") == 1


def test_english_with_lang_en(project_root):
    code = (
        "import asyncio, sys\n"
        "from qualcode.i18n import set_language\n"
        "set_language('en')\n"
        "from qualcode.tui.app import QualcodeApp\n"
        "from qualcode.core.project import Project\n"
        "async def main():\n"
        "    app = QualcodeApp(sys.argv[1], project=Project.open(sys.argv[1]))\n"
        "    async with app.run_test(size=(160, 45)) as pilot:\n"
        "        await pilot.pause()\n"
        "        print(app.screen.query_one('#nav-tabs').content)\n"
        "        print(app.screen.status.left_text)\n"
        "asyncio.run(main())\n"
    )
    root = Path(__file__).resolve().parents[2]
    out = subprocess.run(
        [sys.executable, "-c", code, str(project_root)],
        capture_output=True,
        text=True,
        cwd=root,
        timeout=60,
    )
    assert out.returncode == 0, out.stderr[-800:]
    assert "1 Sources" in out.stdout and "2 Condensation" in out.stdout
    assert "Enter: open a source for coding" in out.stdout


def test_run_app_takes_lang(monkeypatch):
    import qualcode.tui.app as module
    from qualcode.i18n import get_language, set_language

    seen = {}

    def fake_reload():
        seen["lang"] = get_language()

        class Fake:
            class QualcodeApp:
                def __init__(self, *a, **k):
                    pass

                def run(self):
                    seen["ran"] = True

        return Fake

    monkeypatch.setattr(module, "_reload_in_language", fake_reload)
    try:
        module.run_app(".", lang="en")
    finally:
        set_language("id")
    assert seen == {"lang": "en", "ran": True}


async def test_a_read_only_folder_opens_read_only_and_says_why(project_root, monkeypatch):
    import errno

    from qualcode.core.store.lock import ProjectLock

    def refuse(self):
        raise PermissionError(errno.EROFS, "Read-only file system", str(self.path))

    monkeypatch.setattr(ProjectLock, "acquire", refuse)
    app = QualcodeApp(project_root)
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(100):  # the project opens in a worker; the notice is a posted message
            await pilot.pause(0.05)
            if app.current_mode == "sources" and list(app._notifications):
                break
        assert app.project.readonly
        shown = [str(n.message) for n in app._notifications]
        assert any("tidak bisa ditulis" in m and "hanya-baca" in m for m in shown), shown

"""The key bar: the keys of the focused widget and the screen, in one widget, clickable."""

from __future__ import annotations

from typing import ClassVar

import pytest
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Static

from qualcode.tui.widgets.key_bar import EDGE, KeyBar

pytestmark = pytest.mark.anyio


class Pane(Static, can_focus=True):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("k", "mark('k')", "Tandai")]

    def action_mark(self, key: str) -> None:
        self.app.pressed.append(key)


class KeysApp(App[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("s", "mark('s')", "Simpan"),
        Binding("t,u", "mark('t')", "Tutup"),
        Binding("h", "mark('h')", "Tersembunyi", show=False),
        Binding("d", "mark('d')", "Mati"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.pressed: list[str] = []

    def compose(self) -> ComposeResult:
        yield Pane("satu", id="one")
        yield Static("", id="other")
        yield KeyBar()

    def action_mark(self, key: str) -> None:
        self.pressed.append(key)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return None if parameters == ("d",) else True


def _line(app: App) -> str:
    return app.query_one(KeyBar).render_line(0).text


async def test_shows_each_shown_action_once_with_its_label_and_the_palette_at_the_right():
    app = KeysApp()
    async with app.run_test(size=(80, 3)) as pilot:
        await pilot.pause()
        line = _line(app)
        assert " s Simpan " in line and " t Tutup " in line
        assert " u " not in line, "one key per action, as Footer shows it"
        assert "Tersembunyi" not in line, "show=False keys stay hidden"
        assert line.rstrip().endswith(f"{EDGE}^p palette")


async def test_follows_the_focus():
    app = KeysApp()
    async with app.run_test(size=(80, 3)) as pilot:
        await pilot.pause()
        assert _line(app).startswith(" k Tandai "), "the focused widget's keys come first"
        app.set_focus(None)
        await pilot.pause()
        assert "Tandai" not in _line(app)
        app.query_one("#one").focus()
        await pilot.pause()
        assert _line(app).startswith(" k Tandai ")


async def test_a_key_too_many_for_the_width_is_left_out_whole_before_the_palette_key():
    app = KeysApp()
    async with app.run_test(size=(30, 3)) as pilot:
        await pilot.pause()
        line = _line(app)
        assert len(line) == 30
        assert line.endswith(f"{EDGE}^p palette ")
        assert line.startswith(" k Tandai ")  # what fits, whole
        assert line[len(" k Tandai ") :].split(EDGE)[0].strip() == ""  # never "s Sim"


async def test_clicking_a_key_runs_it_and_a_disabled_key_is_dimmed_not_run():
    app = KeysApp()
    async with app.run_test(size=(80, 3)) as pilot:
        await pilot.pause()
        bar = app.query_one(KeyBar)
        line = _line(app)
        await pilot.click(KeyBar, offset=(line.index("Simpan"), 0))
        assert app.pressed == ["s"]
        strip = bar.render_line(0)
        dimmed = {seg.text.strip() for seg in strip if seg.style and seg.style.dim}
        assert "d" in dimmed and "Mati" in dimmed and "s" not in dimmed
        await pilot.click(KeyBar, offset=(line.index("Mati"), 0))
        assert app.pressed == ["s"]


async def test_the_key_under_the_mouse_lights_up():
    app = KeysApp()
    async with app.run_test(size=(80, 3)) as pilot:
        await pilot.pause()
        bar = app.query_one(KeyBar)
        column = _line(app).index("Simpan")

        def background(text: str):
            return next(seg.style.bgcolor for seg in bar.render_line(0) if seg.text == text)

        before = background("Simpan ")
        await pilot.hover(KeyBar, offset=(column, 0))
        await pilot.pause()
        assert background("Simpan ") != before
        assert background("Tutup ") == before

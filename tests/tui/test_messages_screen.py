"""The message log (key 8): every notice kept whole; a long toast shortened at a word."""

from __future__ import annotations

import pytest
from textual.widgets import Static
from textual.widgets._toast import Toast

from qualcode.tui.screens.messages import TOAST_CHARS, MessageLogScreen, toast_text

from .conftest import SIZE, make_app, settle

pytestmark = pytest.mark.anyio

LONG = " ".join(
    f"berkas wawancara_{n:02d}.docx tidak terbaca karena tabel identitasnya rusak;"
    for n in range(1, 9)
)


def _toast_texts(app) -> list[str]:
    """The text of every toast on screen, as drawn."""
    return [toast.render().plain for toast in app.screen.query(Toast)]


def test_a_long_message_is_cut_at_a_word_and_points_to_the_log():
    short = toast_text(LONG)
    assert short is not None
    head, hint = short.split("\n")
    assert head.endswith("…")
    body = head.removesuffix("…")
    assert len(body) <= TOAST_CHARS
    assert LONG.startswith(body) and LONG[len(body)] in " ;_-/"  # at a break, as fit_words
    assert len(body) > TOAST_CHARS // 2  # as much as fits, not a stub
    assert "8" in hint
    assert toast_text("Koding disimpan.") is None


async def test_key_8_shows_every_message_whole_newest_first(project):
    app = make_app(project)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        app.notify("Pesan pertama yang pendek.")
        app.notify(LONG, severity="warning")
        await pilot.pause()
        toasts = _toast_texts(app)
        assert any("Pesan pertama" in text for text in toasts)
        assert not any(LONG in text for text in toasts)  # shortened on screen
        await pilot.press("8")
        await pilot.pause()
        assert isinstance(app.screen, MessageLogScreen)
        texts = [str(s.render()) for s in app.screen.query(".log-text").results(Static)]
        assert LONG in texts[0]  # the newest first, whole
        assert texts.index("Pesan pertama yang pendek.") > 0
        heads = [str(s.render()) for s in app.screen.query(".log-head").results(Static)]
        assert "peringatan" in heads[0]
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, MessageLogScreen)


async def test_the_log_keeps_the_notice_of_a_read_only_open(project):
    from qualcode.i18n import t
    from qualcode.tui.app import QualcodeApp

    app = QualcodeApp(project.root)  # ``project`` holds the write lock: opens read-only
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(400):  # the project opens in a worker; a loaded machine is slow
            await pilot.pause(0.05)
            if app.current_mode == "sources" and len(app.message_log):
                break
        assert [e.text for e in app.message_log.newest_first()] == [t("tui.readonly_notice")]
        await pilot.press("8")
        await pilot.pause()
        texts = [str(s.render()) for s in app.screen.query(".log-text").results(Static)]
        assert texts == [t("tui.readonly_notice")]

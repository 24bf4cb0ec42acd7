"""Stage screens built off screen: on their key, or all of them in a warm-up after the first.

Textual builds a mode's screen on its first ``switch_mode`` and then re-parses the whole
stylesheet twice (a screen that is not mounted yet when shown is never marked as styled): a
first visit cost 0.35–0.67 s at 200 sources. ``StageBuilder`` mounts a stage's screen itself,
styled as it mounts, and once the first stage is drawn it builds the others in the background,
one by one: each is mounted, given its data, laid out and drawn, so its first visit only
composites (~100 ms). A key that switches stages meanwhile is served at once: a stage not built
yet is built on the key, a stage being built is shown as it is.

This reaches into Textual 8's internals (``_screen_stacks``, ``_register``, ``_compositor``);
``textual`` is pinned to 8.x and ``tests/tui/test_app_warm_up.py`` compares stages built either way.
"""

from __future__ import annotations

import asyncio
import gc
import time
from typing import TYPE_CHECKING

from textual.dom import DOMNode, NoScreen
from textual.screen import Screen
from textual.widget import AwaitMount

if TYPE_CHECKING:
    from textual.app import App

# The warm-up builds a stage, then pauses this long (seconds) so keys and the shown stage go
# first; it waits at most WARM_UP_WAIT for a stage's data before drawing it.
WARM_UP_PAUSE, WARM_UP_WAIT = 0.02, 1.0
# The stages slowest to build on their key first (Penyajian and Kesimpulan ~300 ms at 20,000
# codings, Kondensasi ~260 ms, Ekspor ~200 ms), so an early key is the most likely to find its
# stage ready.
WARM_UP_ORDER: tuple[str, ...] = ("display", "conclusions", "coding", "export")
WARM_UP_GROUP = "warm-up"
"""The warm-up's worker group (its failure only means stages are built on their key)."""


class StageBuilder:
    """Builds the app's mode screens off screen; ``show`` switches to one, ``start`` warms up."""

    def __init__(self, app: App, stages: tuple[str, ...], *, warm_up: bool = True) -> None:
        self.app = app
        self.stages = stages
        self.warm_up = warm_up
        self._mounting: dict[str, AwaitMount] = {}

    def show(self, mode: str) -> AwaitMount:
        """Switch to ``mode``, building its screen first if the warm-up has not; the result can
        be awaited until the screen is mounted."""
        app = self.app
        if mode not in app._screen_stacks:
            app.call_next(self.build(mode))
        app.switch_mode(mode)
        return self._mounting[mode]

    def build(self, mode: str) -> AwaitMount:
        """Create a mode's screen and mount it without showing it, styled as it mounts (so it is
        marked styled for the current theme; a later theme change still restyles it)."""
        app = self.app
        screen = app._modes[mode]()
        app._screen_stacks[mode] = [screen]
        app._load_screen_css(screen)
        mounted = AwaitMount(screen, app._register(app, screen))
        screen._css_update_count = app._css_update_count
        self._mounting[mode] = mounted
        return mounted

    def start(self) -> None:
        """After the first stage is drawn: freeze what is built, then warm the others up."""
        _freeze_built()
        if self.warm_up:
            self.app.run_worker(
                self._warm_up(), group=WARM_UP_GROUP, exclusive=True, exit_on_error=False
            )

    async def _warm_up(self) -> None:
        app = self.app
        for mode in (*WARM_UP_ORDER, *self.stages):
            await asyncio.sleep(WARM_UP_PAUSE)
            if self._shutting_down():
                return
            if mode in app._screen_stacks:
                continue
            await self.build(mode)
            screen = app._screen_stacks[mode][0]
            await self._settle(screen)
            if screen is not app.screen and not self._shutting_down():
                screen._refresh_layout(app.size)  # sizes: widgets get their Resize now
                await self._settle(screen)
            if screen is not app.screen and not self._shutting_down():
                screen._compositor.render_update(full=True)  # fills every widget's line cache
        if not self._shutting_down():
            _freeze_built()

    def _shutting_down(self) -> bool:
        """The app is closing (it walks its screens now: the warm-up must not add to them)."""
        return self.app._exit or not self.app.is_running

    async def _settle(self, screen: Screen) -> None:
        """Let ``screen``'s messages and workers (its data, built in threads) finish, briefly."""
        deadline = time.monotonic() + WARM_UP_WAIT
        await asyncio.sleep(WARM_UP_PAUSE / 2)
        while time.monotonic() < deadline and any(
            worker.is_running and _screen_of(worker.node) is screen for worker in self.app.workers
        ):
            await asyncio.sleep(WARM_UP_PAUSE / 2)


def _freeze_built() -> None:
    """Keep what is built so far (it lives as long as the app) out of the collector's full
    passes: each walked it all, ~140 ms, in the middle of whatever key came next."""
    gc.collect(1)  # the young garbage first (a full pass found none to free, and took ~140 ms)
    gc.freeze()


def _screen_of(node: DOMNode) -> Screen | None:
    """The screen a worker's node belongs to (None once it has left the DOM)."""
    try:
        return node.screen
    except NoScreen:
        return None

"""What every stage screen shares: the stage bar, a status bar, the footer, fresh data on return."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar

from textual.app import ComposeResult
from textual.containers import Container
from textual.css.query import NoMatches
from textual.screen import Screen
from textual.widgets import Static

from qualcode.i18n import t
from qualcode.tui.guard import guarded
from qualcode.tui.widgets.key_bar import KeyBar
from qualcode.tui.widgets.nav import NavBar
from qualcode.tui.widgets.quote_list import QuoteList
from qualcode.tui.widgets.status import StatusBar

if TYPE_CHECKING:
    from textual import events

    from qualcode.core.project import Project
    from qualcode.core.store.db import Store

# Below this many columns side panes collapse and paired panes stack (app.tcss, ``-narrow``).
NARROW_BELOW = 120
# Below this size no stage is usable: the stage shows a message instead (``-too-narrow``).
MIN_WIDTH, MIN_HEIGHT = 64, 18


class StageScreen(Screen):
    """A stage of the pipeline; subclasses give ``STAGE``, ``compose_body`` and ``refresh_data``."""

    STAGE: ClassVar[str] = ""
    PALETTE_WIDGETS: ClassVar[tuple[type, ...]] = ()

    def __init__(self) -> None:
        super().__init__(id=f"stage-{self.STAGE}", classes="stage")
        self._seen_revision = -1
        self._pending: set[str] = set()
        self._reader: Project | None = None

    def compose(self) -> ComposeResult:
        project = self.project
        yield NavBar(self.STAGE, self.app.stages, project.settings.title, project.readonly)
        with Container(classes="stage-body"):
            yield from self.compose_body()
        yield Static("", id="too-small", markup=False)
        yield StatusBar()
        yield KeyBar()

    def on_resize(self, event: events.Resize) -> None:
        """Word the too-small message for the new size (app.tcss shows it below the minimum)."""
        self.query_one("#too-small", Static).update(
            t(
                "tui_workbench.too_small",
                width=event.size.width,
                height=event.size.height,
                min_width=MIN_WIDTH,
                min_height=MIN_HEIGHT,
            )
        )

    def compose_body(self) -> ComposeResult:
        yield from ()

    @property
    def project(self) -> Project:
        return self.app.project  # type: ignore[attr-defined,return-value]

    @property
    def store(self) -> Store:
        return self.project.store

    def reader(self) -> Project:
        """A read-only connection of this screen's own for its thread workers (opened once), so
        a display is built off the event loop and never shares a transaction with the screen."""
        if self._reader is None:
            from qualcode.core.project import Project

            self._reader = Project.open(self.project.root, readonly=True, build=False)
        return self._reader

    def on_unmount(self) -> None:
        if self._reader is not None:
            self.app.store_users.wait_idle()  # a worker may still be reading through it
            self._reader.close()
            self._reader = None

    @property
    def status(self) -> StatusBar:
        return self.query_one(StatusBar)

    def on_mount(self) -> None:
        self.set_class(getattr(self.app, "panels_hidden", False), "-panels-hidden")
        self._seen_revision = self.store.revision
        self._refresh_when_ready()

    def on_screen_resume(self) -> None:
        if self._seen_revision != self.store.revision:
            self._seen_revision = self.store.revision
            self._refresh_when_ready()

    def _refresh_when_ready(self) -> None:
        """Refresh now, or shortly if the screen's widgets are still being mounted.

        Under load a screen's Mount (or ScreenResume) can arrive before the widgets nested in
        its containers are mounted, and refresh_data queries them (seen in bench_tui).
        """
        try:
            self.refresh_data()
        except NoMatches:
            self.set_timer(0.05, self._refresh_when_ready)

    def once_after_refresh(self, method: Callable[[], None]) -> None:
        """Run ``method`` after the next refresh, once however often it is asked for before.

        A held arrow key highlights many cells in one frame; the side pane follows the last.
        """
        name = method.__name__
        if name in self._pending:
            return
        self._pending.add(name)

        def run() -> None:
            self._pending.discard(name)
            method()

        self.call_after_refresh(run)

    def mark_seen(self) -> None:
        """Note that this screen shows the store as it is now."""
        self._seen_revision = self.store.revision

    def refresh_data(self) -> None:
        """Reload what the screen shows from the store."""

    def action_open_quote(self) -> None:
        """Open the quote highlighted in this screen's quote list in the coding screen."""
        quotes = self.query_one(QuoteList)
        if quotes.highlighted is None:
            self.notify(t("tui_display.no_quote"), severity="warning")
            return
        option = quotes.get_option_at_index(quotes.highlighted)
        if option.id:
            self.jump(int(option.id))

    @guarded
    def jump(self, coding_id: int) -> None:
        """Show the passage of a coding in the coding screen."""
        from qualcode.core.coding.operations import get_coding

        coding = get_coding(self.store, coding_id)
        self.app.open_passage(coding.source_id, coding.start, coding.end)

    @classmethod
    def palette_extras(cls, app: Any) -> list[tuple[str, str, str]]:
        """Extra palette commands (title, help, action) that have no key."""
        return []

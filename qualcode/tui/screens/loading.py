"""The first screen: opens (and on first use builds) the project in a worker, with progress."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Center, Middle, Vertical
from textual.screen import Screen
from textual.widgets import Label, ProgressBar

from qualcode.errors import ProjectLockedError, QualcodeError
from qualcode.i18n import t
from qualcode.tui.store_work import store_work


class LoadingScreen(Screen):
    """Open the project off the event loop; hand it to the app, or show why it cannot open."""

    def compose(self) -> ComposeResult:
        with Middle(), Center(), Vertical(id="loading-box"):
            yield Label(
                t("tui.loading", path=self.app.project_dir.resolve().name or self.app.project_dir),
                id="loading-title",
                markup=False,
            )
            yield ProgressBar(id="loading-bar", show_eta=False)
            yield Label("", id="loading-item", markup=False)

    def on_mount(self) -> None:
        self.open_project()

    @store_work(exclusive=True)
    def open_project(self) -> None:
        """Open the project; a locked project opens read-only with a warning."""
        from qualcode.core.project import Project

        try:
            try:
                project = Project.open(
                    self.app.project_dir, progress=self._progress, acting=self.app.acting
                )
            except ProjectLockedError:
                project = Project.open(self.app.project_dir, readonly=True, acting=self.app.acting)
        except QualcodeError as exc:
            self.app.call_from_thread(self._failed, exc)
            return
        self.app.call_from_thread(self.app.project_ready, project)

    def _progress(self, done: int, total: int, item: str) -> None:
        self.app.call_from_thread(self._show_progress, done, total, item)

    def _show_progress(self, done: int, total: int, item: str) -> None:
        self.query_one(ProgressBar).update(total=total, progress=done)
        self.query_one("#loading-item", Label).update(item)

    def _failed(self, exc: QualcodeError) -> None:
        from qualcode.tui.screens.dialogs.error import ErrorDialog

        self.app.push_screen(ErrorDialog(exc.message, exc.hint or ""), lambda _: self.app.exit(1))

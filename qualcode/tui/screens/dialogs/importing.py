"""Import files: choose a path, then watch a progress bar while a worker imports (cancellable)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, DirectoryTree, Input, Label, ProgressBar

from qualcode.errors import QualcodeError
from qualcode.i18n import t
from qualcode.tui.keys import key
from qualcode.tui.store_work import store_work
from qualcode.tui.widgets.path_input import ImportTree, PathSuggester, complete_path

if TYPE_CHECKING:
    pass


class ImportDialog(ModalScreen[str | None]):
    """Ask for a file or folder to import (.txt, .md, .docx)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        key("escape", "cancel", "dialog.cancel"),
        key("tab", "complete", "dialog.complete", priority=True),
    ]

    def __init__(self, default: str, browse_from: Path | None = None) -> None:
        super().__init__(classes="dialog")
        self.default = default
        self.browse_from = browse_from or Path(default).expanduser().parent

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box wide import-box"):
            yield Label(t("tui_sources.import_title"), classes="dialog-title")
            yield Label(t("tui_sources.import_help"), classes="dialog-detail")
            yield Input(self.default, id="import-path", suggester=PathSuggester())
            yield ImportTree(self.browse_from, id="import-tree")
            with Horizontal(classes="dialog-buttons"):
                yield Button(t("tui_sources.import_go"), id="go", variant="primary")
                yield Button(t("tui.cancel"), id="cancel")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def action_complete(self) -> None:
        """Tab: in the path line, take the completion shown; elsewhere, move to the next field."""
        box = self.query_one(Input)
        if box.has_focus:
            completed = complete_path(box.value)
            if completed:
                box.value = completed
                box.cursor_position = len(completed)
                return
        self.focus_next()

    def on_directory_tree_file_selected(self, event: DirectoryTree.FileSelected) -> None:
        self._pick(event.path)

    def on_directory_tree_directory_selected(self, event: DirectoryTree.DirectorySelected) -> None:
        self._pick(event.path)

    def _pick(self, path: Path) -> None:
        box = self.query_one(Input)
        box.value = str(path)
        box.remove_class("-invalid")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self._go(event.value)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "go":
            self._go(self.query_one(Input).value)
        else:
            self.dismiss(None)

    def _go(self, value: str) -> None:
        value = value.strip()
        if not value:
            return
        if not Path(value).expanduser().exists():
            self.query_one(Input).add_class("-invalid")
            self.notify(t("tui_sources.import_missing", path=value), severity="error")
            return
        self.dismiss(str(Path(value).expanduser()))

    def action_cancel(self) -> None:
        self.dismiss(None)


class ImportProgress(ModalScreen["ImportReport | None"]):
    """Run the import in a thread worker; show file-by-file progress; Esc asks it to stop."""

    BINDINGS: ClassVar[list[BindingType]] = [key("escape", "stop", "dialog.stop")]

    def __init__(self, path: Path) -> None:
        super().__init__(classes="dialog")
        self.path = path
        self._stop = False

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Label(
                t("tui_sources.importing", path=self.path), classes="dialog-title", markup=False
            )
            yield ProgressBar(id="import-bar", show_eta=False)
            yield Label(t("tui_sources.import_preparing"), id="import-item", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button(t("tui_sources.import_stop"), id="stop")

    def on_mount(self) -> None:
        self.run_import()

    @store_work(exclusive=True)
    def run_import(self) -> None:
        """Import in a thread; each file commits on its own, so stopping keeps what is done."""
        from qualcode.core.sources.importing import import_paths

        project = self.app.project
        try:
            report = import_paths(
                project, [self.path], progress=self._progress, cancel=lambda: self._stop
            )
        except QualcodeError as exc:
            self.app.call_from_thread(self._failed, exc)
            return
        self.app.call_from_thread(self.dismiss, report)

    def _progress(self, done: int, total: int, item: str) -> None:
        self.app.call_from_thread(self._show, done, total, item)

    def _show(self, done: int, total: int, item: str) -> None:
        self.query_one(ProgressBar).update(total=total, progress=done)
        self.query_one("#import-item", Label).update(item)

    def _failed(self, exc: QualcodeError) -> None:
        self.dismiss(None)
        self.app.show_error(exc)

    def on_button_pressed(self, _event: Button.Pressed) -> None:
        self.action_stop()

    def action_stop(self) -> None:
        """Stop after the file being imported now (files already imported stay)."""
        self._stop = True
        self.query_one("#import-item", Label).update(t("tui_sources.import_stopping"))

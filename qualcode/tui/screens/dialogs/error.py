"""Show a failure as the user can act on it: the message, and the hint of what to do."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Label

from qualcode.i18n import t
from qualcode.tui.keys import key


class ErrorDialog(ModalScreen[None]):
    """A modal with a QualcodeError's message and hint; Enter or Esc closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [key("escape,enter", "close", "dialog.close")]

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(classes="dialog error-dialog")
        self.message = message
        self.hint = hint

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Label(t("tui.error_title"), classes="dialog-title")
            with VerticalScroll(classes="error-body"):
                yield Label(self.message, id="error-message", markup=False)
                if self.hint:
                    yield Label(self.hint, id="error-hint", classes="dialog-detail", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button(t("tui.ok"), id="ok", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#ok", Button).focus()

    def on_button_pressed(self, _event: Button.Pressed) -> None:
        self.dismiss(None)

    def action_close(self) -> None:
        self.dismiss(None)

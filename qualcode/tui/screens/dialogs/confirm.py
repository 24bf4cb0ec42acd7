"""Ask yes/no before anything that could lose work."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label

from qualcode.i18n import t
from qualcode.tui.keys import key


class ConfirmDialog(ModalScreen[bool]):
    """A question with a yes and a no button; Esc answers no."""

    BINDINGS: ClassVar[list[BindingType]] = [
        key("escape,n", "answer(False)", "dialog.no"),
        key("y", "answer(True)", "dialog.yes"),
    ]

    def __init__(self, question: str, detail: str = "", *, danger: bool = False) -> None:
        super().__init__(classes="dialog")
        self.question = question
        self.detail = detail
        self.danger = danger

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Label(self.question, classes="dialog-title", markup=False)
            if self.detail:
                yield Label(self.detail, classes="dialog-detail", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button(t("tui.yes"), id="yes", variant="error" if self.danger else "primary")
                yield Button(t("tui.no"), id="no")

    def on_mount(self) -> None:
        self.query_one("#no" if self.danger else "#yes", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, value: bool) -> None:
        self.dismiss(value)

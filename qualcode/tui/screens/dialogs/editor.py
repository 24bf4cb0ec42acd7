"""What every editing dialog shares: Save / Cancel buttons, and a cancel that asks before it
throws away a change."""

from __future__ import annotations

from typing import Any, ClassVar, TypeVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from qualcode.i18n import t
from qualcode.tui.keys import key

ResultType = TypeVar("ResultType")


class EditorDialog(ModalScreen[ResultType]):
    """Subclasses give ``to_model`` (the answer) and ``is_dirty`` (something changed)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        key("escape", "cancel", "dialog.cancel"),
        key("ctrl+s", "save", "dialog.save"),
    ]

    def to_model(self) -> Any:
        raise NotImplementedError

    def is_dirty(self) -> bool:
        raise NotImplementedError

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            self.action_save()
        else:
            self.action_cancel()

    def action_save(self) -> None:
        self.dismiss(self.to_model())

    def action_cancel(self) -> None:
        """Close without saving; a changed form asks first, so no work is lost by a stray Esc."""
        if not self.is_dirty():
            self.dismiss(None)
            return
        from qualcode.tui.screens.dialogs.confirm import ConfirmDialog

        def answer(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        self.app.push_screen(ConfirmDialog(t("tui.discard_changes"), danger=True), answer)


class LineEditorDialog(EditorDialog[str | None]):
    """One line of text written about what is shown above it (Enter saves, Esc cancels): returns
    the stripped text, or None when cancelled; cancelling a change asks first."""

    def __init__(
        self, heading: str, context: str, initial: str = "", placeholder: str = "", help: str = ""
    ) -> None:
        super().__init__(classes="dialog")
        self.heading = heading
        self.context = context
        self.original = initial
        self.placeholder = placeholder
        self.help = help

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box wide"):
            yield Label(self.heading, classes="dialog-title", markup=False)
            yield Static(self.context, classes="dialog-context", markup=False)
            if self.help:
                yield Label(self.help, classes="dialog-detail")
            yield Input(self.original, placeholder=self.placeholder)
            with Horizontal(classes="dialog-buttons"):
                yield Button(t("tui.save"), id="save", variant="primary")
                yield Button(t("tui.cancel"), id="cancel")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @property
    def value(self) -> str:
        return self.query_one(Input).value

    def is_dirty(self) -> bool:
        """Tell whether the text differs from what the dialog opened with."""
        return self.value.strip() != self.original.strip()

    def on_input_submitted(self, _event: Input.Submitted) -> None:
        self.action_save()

    def to_model(self) -> str:
        return self.value.strip()

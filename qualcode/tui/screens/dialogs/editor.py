"""What every editing dialog shares: Save / Cancel buttons, and a cancel that asks before it
throws away a change."""

from __future__ import annotations

from typing import Any, ClassVar, TypeVar

from textual.binding import BindingType
from textual.screen import ModalScreen
from textual.widgets import Button

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

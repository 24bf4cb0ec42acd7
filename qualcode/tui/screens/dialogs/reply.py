"""The reply editor of the review queue: answer a thread (Enter saves, Esc cancels)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Static

from qualcode.i18n import t
from qualcode.tui.screens.dialogs.editor import EditorDialog


class ReplyDialog(EditorDialog[str | None]):
    """Return the answer's text, or None when cancelled; cancelling typed text asks first."""

    def __init__(self, heading: str, last_message: str) -> None:
        super().__init__(classes="dialog")
        self.heading = heading
        self.last_message = last_message

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box wide"):
            yield Label(self.heading, classes="dialog-title", markup=False)
            yield Static(self.last_message, id="reply-last", markup=False)
            yield Input("", id="reply-input", placeholder=t("tui_review.answer_placeholder"))
            with Horizontal(classes="dialog-buttons"):
                yield Button(t("tui.save"), id="save", variant="primary")
                yield Button(t("tui.cancel"), id="cancel")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @property
    def value(self) -> str:
        return self.query_one(Input).value

    def is_dirty(self) -> bool:
        """Tell whether anything was typed."""
        return bool(self.value.strip())

    def on_input_submitted(self, _event: Input.Submitted) -> None:
        self.action_save()

    def to_model(self) -> str:
        return self.value.strip()

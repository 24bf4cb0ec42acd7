"""The summary editor: write the condensed statement of a coding (Enter saves, Esc cancels)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Static

from qualcode.i18n import t
from qualcode.tui.screens.dialogs.editor import EditorDialog


class SummaryDialog(EditorDialog[str | None]):
    """Return the new summary, or None when cancelled; cancelling a change asks first."""

    def __init__(self, heading: str, quote: str, summary: str) -> None:
        super().__init__(classes="dialog")
        self.heading = heading
        self.quote = quote
        self.original = summary

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box wide"):
            yield Label(self.heading, classes="dialog-title", markup=False)
            yield Static(f"“{self.quote}”", id="summary-quote", markup=False)
            yield Label(t("tui_coding.summary_help"), classes="dialog-detail")
            yield Input(
                self.original, id="summary-input", placeholder=t("tui_coding.summary_placeholder")
            )
            with Horizontal(classes="dialog-buttons"):
                yield Button(t("tui.save"), id="save", variant="primary")
                yield Button(t("tui.cancel"), id="cancel")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @property
    def value(self) -> str:
        return self.query_one(Input).value

    def is_dirty(self) -> bool:
        """Tell whether the text differs from the saved summary."""
        return self.value.strip() != self.original.strip()

    def on_input_submitted(self, _event: Input.Submitted) -> None:
        self.action_save()

    def to_model(self) -> str:
        return self.value.strip()

"""The summary editor: write the condensed statement of a coding (Enter saves, Esc cancels)."""

from __future__ import annotations

from qualcode.i18n import t
from qualcode.tui.screens.dialogs.editor import LineEditorDialog


class SummaryDialog(LineEditorDialog):
    """Return the new summary, or None when cancelled; the coded quote is shown above it."""

    def __init__(self, heading: str, quote: str, summary: str) -> None:
        super().__init__(
            heading,
            f"“{quote}”",
            summary,
            placeholder=t("tui_coding.summary_placeholder"),
            help=t("tui_coding.summary_help"),
        )

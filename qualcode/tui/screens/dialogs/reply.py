"""The reply editor of the review queue: answer a thread (Enter saves, Esc cancels)."""

from __future__ import annotations

from qualcode.i18n import t
from qualcode.tui.screens.dialogs.editor import LineEditorDialog


class ReplyDialog(LineEditorDialog):
    """Return the answer's text, or None when cancelled; the thread's last message is shown."""

    def __init__(self, heading: str, last_message: str) -> None:
        super().__init__(heading, last_message, placeholder=t("tui_review.answer_placeholder"))

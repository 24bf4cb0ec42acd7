"""The one-line status bar under each stage: where you are on the left, totals on the right."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Static


class StatusBar(Horizontal):
    """Two texts: ``left`` (context: source, sentence, selected code) and ``right`` (totals)."""

    def compose(self) -> ComposeResult:
        yield Static("", id="status-left", markup=False)
        yield Static("", id="status-right", markup=False)

    def show(self, left: str | None = None, right: str | None = None) -> None:
        """Replace the left and/or right text."""
        if left is not None:
            self.query_one("#status-left", Static).update(left)
        if right is not None:
            self.query_one("#status-right", Static).update(right)

    @property
    def left_text(self) -> str:
        return str(self.query_one("#status-left", Static).content)

    @property
    def right_text(self) -> str:
        return str(self.query_one("#status-right", Static).content)

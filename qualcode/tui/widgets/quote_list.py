"""The quotes behind a display cell: informant code, quote and summary; Enter jumps to it."""

from __future__ import annotations

from dataclasses import dataclass

from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from qualcode.tui.widgets.lists import StopAtEnds


class QuoteList(StopAtEnds, OptionList):
    """One option per coding (``QuoteRef``); choosing one posts ``QuoteChosen``."""

    @dataclass
    class QuoteChosen(Message):
        """The user chose a quote (Enter or click)."""

        coding_id: int

    def load(self, quotes) -> None:
        """Show quotes (objects with coding_id, who, quote, summary, technique)."""
        self.clear_options()
        options = []
        for q in quotes:
            parts = [Content.styled(f"{q.who} ", "bold $accent"), Content(f"“{q.quote}”")]
            if q.summary:
                parts.append(Content.styled(f"\n  ✎ {q.summary}", "$text-muted"))
            options.append(Option(Content("").join(parts), id=str(q.coding_id)))
        self.add_options(options)
        if options:
            self.highlighted = 0

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.post_message(self.QuoteChosen(int(event.option.id)))

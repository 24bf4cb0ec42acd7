"""The quotes behind a display cell: informant code, quote and summary; Enter jumps to it."""

from __future__ import annotations

from dataclasses import dataclass

from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from qualcode.i18n import t
from qualcode.tui.widgets.lists import StopAtEnds


class QuoteList(StopAtEnds, OptionList):
    """One option per coding (``QuoteRef``); choosing one posts ``QuoteChosen``."""

    LIMIT = 40

    @dataclass
    class QuoteChosen(Message):
        """The user chose a quote (Enter or click)."""

        coding_id: int

    def show_codings(self, store, coding_ids: list[int]) -> None:
        """Show the quotes of these codings: the first ``LIMIT``, then how many more there are.

        Each option is wrapped to the pane's width when added, so a cell of 500 quotes would
        cost a second on every cursor move; the rest are in the exported quote list.
        """
        from qualcode.core.store.quote_refs import quote_refs

        ids = list(dict.fromkeys(coding_ids))
        self.load(quote_refs(store, ids[: self.LIMIT]) if ids else [], total=len(ids))

    def load(self, quotes, total: int | None = None) -> None:
        """Show quotes (objects with coding_id, who, quote, summary, technique)."""
        self.clear_options()
        options = []
        for q in quotes:
            parts = [Content.styled(f"{q.who} ", "bold $accent"), Content(f"“{q.quote}”")]
            if q.summary:
                parts.append(Content.styled(f"\n  ✎ {q.summary}", "$text-muted"))
            options.append(Option(Content("").join(parts), id=str(q.coding_id)))
        more = (total or 0) - len(options)
        if more > 0:
            options.append(Option(t("tui_display.more_quotes", n=more), disabled=True))
        self.add_options(options)
        if options:
            self.highlighted = 0

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.post_message(self.QuoteChosen(int(event.option.id)))

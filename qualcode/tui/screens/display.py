"""Stage 3 — Penyajian: every display of the core as a table; a cell's quotes; jump to a passage.

Displays are built in a thread worker on a read-only connection (they are pure queries), so
browsing the list never freezes the screen; a newer request makes an older result stale.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import DataTable, Label, OptionList, Static
from textual.widgets.option_list import Option

from qualcode.errors import QualcodeError
from qualcode.i18n import t
from qualcode.tui.keys import key
from qualcode.tui.screens.base import StageScreen
from qualcode.tui.store_work import store_work
from qualcode.tui.widgets.lists import PlainList
from qualcode.tui.widgets.quote_list import QuoteList
from qualcode.tui.widgets.table_view import TableView

# Option → key that cycles it (each display lists which options it takes).
OPTION_KEYS = {"cells": "v", "by": "g", "level": "l"}


class DisplayScreen(StageScreen):
    """Display list (left), the table (centre), the highlighted cell's quotes (right)."""

    STAGE = "display"
    BINDINGS: ClassVar[list[BindingType]] = [
        key("v", "cycle_option('cells')", "display.cells"),
        key("g", "cycle_option('by')", "display.by"),
        key("l", "cycle_option('level')", "display.level"),
        key("d", "choose_display", "display.list"),
        key("k", "focus_quotes", "display.quotes", show=False),
        key("o", "open_quote", "display.jump"),
        key("e", "export_docx", "display.export"),
        key("m", "review_merges", "display.merges"),
        key("ctrl+r", "rebuild", "display.rebuild", show=False),
    ]

    @dataclass
    class Built(Message):
        """A display finished building (or failed) in the worker."""

        request: tuple[str, tuple[tuple[str, str], ...]]
        table: Any
        error: QualcodeError | None

    def __init__(self) -> None:
        super().__init__()
        self.kind: str | None = None
        self.options: dict[str, dict[str, str]] = {}
        self._request: tuple[str, tuple[tuple[str, str], ...]] | None = None

    def compose_body(self) -> ComposeResult:
        from qualcode.core.displays import available_displays

        with Horizontal(id="display-panes"):
            with Vertical(id="display-list-pane", classes="side-pane wide-only"):
                yield Label(t("tui_display.list_title"), classes="pane-title")
                yield PlainList(
                    *[Option(title, id=kind) for kind, title in available_displays()],
                    id="display-list",
                )
            with Vertical(id="display-main"):
                yield Label("", id="display-title", classes="pane-title", markup=False)
                yield Static("", id="display-options")
                yield TableView(id="display-table")
                yield Static("", id="display-notes", markup=False)
            with Vertical(id="display-side", classes="side-pane"):
                yield Label(t("tui_display.quotes_title"), classes="pane-title")
                yield QuoteList(id="quote-list")

    @property
    def table_view(self) -> TableView:
        return self.query_one(TableView)

    # -- building ------------------------------------------------------------------------------
    def refresh_data(self) -> None:
        listing = self.query_one("#display-list", OptionList)
        if self.kind is None:
            listing.highlighted = 0
            self.kind = listing.get_option_at_index(0).id
        self.rebuild()
        self.mark_seen()

    def current_options(self) -> dict[str, str]:
        """The chosen options of the current display (defaults filled in)."""
        from qualcode.core.displays import DISPLAYS

        spec = DISPLAYS[self.kind]
        chosen = self.options.setdefault(self.kind, {})
        for name in spec.options:
            choices = spec.choices_of(name)
            if choices and name not in chosen:
                chosen[name] = choices[0]
        return dict(chosen)

    def rebuild(self) -> None:
        """Build the current display again (in the worker)."""
        if self.kind is None:
            return
        options = self.current_options()
        self._request = (self.kind, tuple(sorted(options.items())))
        self.query_one("#display-title", Label).update(t("tui_display.building"))
        self._build(self._request)

    @store_work(exclusive=True, group="display")
    def _build(self, request) -> None:
        from qualcode.core.displays import build_display

        kind, options = request
        try:
            table = build_display(self.reader(), kind, **dict(options))
        except QualcodeError as exc:
            self.post_message(self.Built(request, None, exc))
            return
        self.post_message(self.Built(request, table, None))

    def on_display_screen_built(self, event: Built) -> None:
        if event.request != self._request:
            return
        if event.error is not None:
            # An empty project is a normal state, not a failure: say what to do, in place.
            self.query_one("#display-title", Label).update(t("tui_display.cannot_show"))
            self.query_one("#display-options", Static).update("")
            self.table_view.clear(columns=True)
            self.table_view.table = None
            hint = f"\n{event.error.hint}" if event.error.hint else ""
            self.query_one("#display-notes", Static).update(f"{event.error.message}{hint}")
            self.query_one(QuoteList).load([])
            return
        table = event.table
        self.query_one("#display-title", Label).update(table.title)
        self.query_one("#display-options", Static).update(self._options_text())
        self.table_view.load(table)
        notes = list(table.notes) or ([t("tui_display.empty")] if table.is_empty else [])
        self.query_one("#display-notes", Static).update("\n".join(notes))
        self._show_quotes()
        self.status.show(
            left=t("tui_display.hint"),
            right=t("tui_display.size", rows=len(table.rows), columns=len(table.columns)),
        )

    def _options_text(self) -> str:
        from qualcode.core.displays import DISPLAYS

        spec = DISPLAYS[self.kind]
        parts = []
        for name, value in self.current_options().items():
            if spec.choices_of(name):
                # keys: tui_display.opt_{cells,by,level}
                # keys: tui_display.val_{summary,count,technique,group,dimension,indicator}
                parts.append(
                    t(
                        "tui_display.option",
                        shortcut=OPTION_KEYS.get(name, "?"),
                        name=t(f"tui_display.opt_{name}"),
                        value=t(f"tui_display.val_{value}"),
                    )
                )
        return "   ".join(parts)

    # -- events --------------------------------------------------------------------------------
    @on(OptionList.OptionHighlighted, "#display-list")
    def _display_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id and event.option.id != self.kind:
            self.kind = event.option.id
            self.rebuild()

    @on(OptionList.OptionSelected, "#display-list")
    def _display_selected(self) -> None:
        self.table_view.focus()

    @on(DataTable.CellHighlighted, "#display-table")
    def _cell_highlighted(self) -> None:
        self.once_after_refresh(self._show_quotes)

    @on(DataTable.CellSelected, "#display-table")
    def _cell_selected(self) -> None:
        quotes = self.query_one(QuoteList)
        if quotes.option_count:
            quotes.focus()

    @on(QuoteList.QuoteChosen)
    def _quote_chosen(self, event: QuoteList.QuoteChosen) -> None:
        self.jump(event.coding_id)

    def _show_quotes(self) -> None:
        found = self.table_view.cell_under_cursor()
        ids = list(found[1].codings) if found else []
        self.query_one(QuoteList).show_codings(self.store, ids)
        self._show_review(found)

    def _show_review(self, found) -> None:
        """Say in the status bar what the supervisor wrote on the highlighted cell, if anything."""
        from qualcode.core.review.targets import state_label, who_label
        from qualcode.core.review.threads import threads_on_cell

        table = self.table_view.table
        threads = []
        if found and table is not None:
            row, cell = found
            index = self.table_view.cursor_coordinate.column
            column = table.columns[index].key if index < len(table.columns) else ""
            threads = threads_on_cell(self.store, table, row.key, column, cell.codings)
        if not threads:
            self.status.show(left=t("tui_display.hint"))
            return
        last = threads[-1]
        message = last.messages[-1] if last.messages else None
        words = (
            f"{who_label(message.author, message.author_role)}: {message.body}" if message else ""
        )
        self.status.show(
            left=t(
                "tui_review.cell_threads",
                n=len(threads),
                state=state_label(last.state, last.mark),
                last=words,
            )
        )

    # -- actions --------------------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "cycle_option":
            from qualcode.core.displays import DISPLAYS

            if self.kind is None or not self.is_mounted:
                return None
            spec = DISPLAYS[self.kind]
            return True if parameters and spec.choices_of(str(parameters[0])) else None
        return True

    def action_cycle_option(self, name: str) -> None:
        """Switch an option of the display (cells summary/count, by technique/group…)."""
        from qualcode.core.displays import DISPLAYS

        if self.kind is None:
            return
        choices = DISPLAYS[self.kind].choices_of(name)
        if not choices:
            return
        options = self.options.setdefault(self.kind, {})
        current = options.get(name, choices[0])
        options[name] = choices[(choices.index(current) + 1) % len(choices)]
        self.rebuild()

    def action_rebuild(self) -> None:
        """Build the display again from the store."""
        self.rebuild()

    def action_choose_display(self) -> None:
        """Choose the display to show from a list (the current one highlighted)."""
        from qualcode.core.displays import available_displays
        from qualcode.tui.screens.dialogs.code_picker import CodingChooser

        kinds = available_displays()
        current = next((i for i, (kind, _) in enumerate(kinds) if kind == self.kind), 0)
        choices = [(i, title) for i, (_, title) in enumerate(kinds)]

        def chosen(index: int | None) -> None:
            if index is not None:
                self.action_show(kinds[index][0])

        self.app.push_screen(CodingChooser(t("tui_display.choose"), choices, current), chosen)

    def action_focus_quotes(self) -> None:
        """Move to the quotes of the highlighted cell."""
        self.query_one(QuoteList).focus()

    def action_review_merges(self) -> None:
        """Review the proposals to merge statements that look alike (factors, efforts)."""
        from qualcode.tui.screens.dialogs.merge_proposals import MergeProposalsDialog

        if self.project.readonly:
            self.notify(t("tui.readonly_action"), severity="warning")
            return
        self.app.push_screen(MergeProposalsDialog(self.project), self._merges_reviewed)

    def _merges_reviewed(self, decided: int | None) -> None:
        if decided:
            self.notify(t("tui_merges.decided", n=decided), timeout=3)
            self.rebuild()

    def action_export_docx(self) -> None:
        """Export this display (with its options) to DOCX in exports/."""
        if self.kind is None:
            return
        from qualcode.export.project import TableRequest

        request = TableRequest(self.kind, tuple(sorted(self.current_options().items())))
        self.app.run_export([request], ["docx"])

    @classmethod
    def palette_extras(cls, app: Any) -> list[tuple[str, str, str]]:
        """'penyajian: tampilkan <display>' for every display."""
        from qualcode.core.displays import available_displays

        group = t("tui_keys.group.display")
        return [
            (f"{group}: {t('tui_display.show', title=title.lower())}", "", f"show('{kind}')")
            for kind, title in available_displays()
        ]

    def action_show(self, kind: str) -> None:
        """Show one display (from the command palette)."""
        listing = self.query_one("#display-list", OptionList)
        listing.highlighted = listing.get_option_index(kind)
        if kind != self.kind:
            self.kind = kind
            self.rebuild()
        self.table_view.focus()

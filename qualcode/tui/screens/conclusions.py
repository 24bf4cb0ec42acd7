"""Stage 4 — Kesimpulan: a verdict and a statement per dimension, verification flags and
evidence; indicator verdicts for the checklist. Every change is one undoable event."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import DataTable, Label, Static, TabbedContent, TabPane

from qualcode.i18n import t
from qualcode.tui.guard import guarded
from qualcode.tui.keys import key
from qualcode.tui.screens.base import StageScreen
from qualcode.tui.store_work import store_work
from qualcode.tui.widgets.quote_list import QuoteList
from qualcode.tui.widgets.table_view import TableView


class ConclusionsScreen(StageScreen):
    """The conclusions table and the indicator checklist, with flags and evidence beside."""

    STAGE = "conclusions"
    _generation = 0
    # Each dimension's verification flags, read in the worker, valid at store revision ``_at``.
    _flags: dict[str, list[str]] = {}
    _flags_at = -1
    BINDINGS: ClassVar[list[BindingType]] = [
        key("v", "cycle_verdict", "conclusions.verdict"),
        key("s", "edit_statement", "conclusions.statement"),
        key("d", "show_tab('dimensions')", "conclusions.dimensions"),
        key("i", "show_tab('indicators')", "conclusions.indicators"),
        key("o", "open_quote", "conclusions.jump"),
        key("u,ctrl+z", "undo", "conclusions.undo"),
        key("U,ctrl+y", "redo", "conclusions.redo"),
        key("ctrl+r", "reload", "conclusions.reload", show=False),
    ]

    def compose_body(self) -> ComposeResult:
        with Horizontal(id="conclusions-panes"):
            with TabbedContent(id="conclusion-tabs", initial="dimensions"):
                with TabPane(t("tui_conclusions.tab_dimensions"), id="dimensions"):
                    yield TableView(id="conclusion-table")
                with TabPane(t("tui_conclusions.tab_indicators"), id="indicators"):
                    yield TableView(id="indicator-table")
                    yield Static("", id="indicator-notes", markup=False)
            with Vertical(id="conclusions-side", classes="side-pane"):
                yield Label(t("tui_conclusions.flags_title"), classes="pane-title")
                yield Static("", id="flags", markup=False)
                yield Label(t("tui_conclusions.evidence_title"), classes="pane-title")
                yield QuoteList(id="evidence-list")

    @property
    def active_tab(self) -> str:
        return self.query_one(TabbedContent).active or "dimensions"

    @property
    def active_table(self) -> TableView:
        return self.query_one(
            "#conclusion-table" if self.active_tab == "dimensions" else "#indicator-table",
            TableView,
        )

    # -- data ---------------------------------------------------------------------------------
    def refresh_data(self) -> None:
        """Build both tables in a worker (the screen is drawn first), then show them."""
        self._generation += 1
        self._flags_at = -1
        if self.query_one("#conclusion-table", TableView).table is None:
            self.status.show(left=t("tui_display.building"), right="")
        self.mark_seen()
        self._build(self._generation, self.store.revision)

    @store_work(exclusive=True, group="conclusions")
    def _build(self, generation: int, revision: int) -> None:
        from qualcode.core.analysis.conclusions import verification_flags
        from qualcode.core.displays import build_display

        reader = self.reader()
        tables = (build_display(reader, "conclusions"), build_display(reader, "indicators"))
        flags = {
            row.key: [f"⚠ {f.message}" for f in verification_flags(reader, row.key)]
            for row in tables[0].rows
        }
        self.post_message(self.Built(generation, *tables, flags, revision))

    @dataclass
    class Built(Message):
        """Both tables were built in the worker."""

        generation: int
        conclusions: Any
        indicators: Any
        flags: dict[str, list[str]]
        revision: int

    def on_conclusions_screen_built(self, event: Built) -> None:
        if event.generation != self._generation:
            return  # a newer build is on its way
        self._flags, self._flags_at = event.flags, event.revision
        self.query_one("#conclusion-table", TableView).load(event.conclusions)
        self.query_one("#indicator-table", TableView).load(event.indicators)
        self.query_one("#indicator-notes", Static).update("\n".join(event.indicators.notes))
        self.once_after_refresh(self._show_side)
        self.status.show(left=t("tui_conclusions.hint"), right="")

    def selected_key(self) -> str | None:
        """The dimension or indicator id of the highlighted row."""
        found = self.active_table.cell_under_cursor()
        return found[0].key if found else None

    def _show_side(self) -> None:
        found = self.active_table.cell_under_cursor()
        flags = ""
        ids: list[int] = []
        if found:
            row, cell = found
            ids = list(cell.codings) or [i for c in row.cells for i in c.codings]
            if self.active_tab == "dimensions":
                flags = "\n".join(self._flags_of(row.key)) or t("tui_conclusions.no_flags")
            else:
                flags = t("tui_conclusions.indicator_hint")
        self.query_one("#flags", Static).update(flags)
        self.query_one(QuoteList).show_codings(self.store, ids)

    def _flags_of(self, dimension_id: str) -> list[str]:
        """The dimension's flags: from the worker's build while the store is unchanged."""
        if self._flags_at == self.store.revision and dimension_id in self._flags:
            return self._flags[dimension_id]
        from qualcode.core.analysis.conclusions import verification_flags

        return [f"⚠ {f.message}" for f in verification_flags(self.project, dimension_id)]

    @on(DataTable.CellHighlighted)
    def _highlighted(self) -> None:
        self.once_after_refresh(self._show_side)

    @on(TabbedContent.TabActivated)
    def _tab(self) -> None:
        if self.is_mounted:
            self.once_after_refresh(self._show_side)

    @on(QuoteList.QuoteChosen)
    def _quote(self, event: QuoteList.QuoteChosen) -> None:
        self.jump(event.coding_id)

    # -- actions --------------------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("cycle_verdict", "edit_statement", "undo", "redo") and self.project.readonly:
            return False
        if action == "edit_statement" and self.is_mounted and self.active_tab != "dimensions":
            return None
        return True

    def action_show_tab(self, tab: str) -> None:
        """Show the dimension conclusions or the indicator checklist."""
        self.query_one(TabbedContent).active = tab
        self.active_table.focus()

    @guarded
    def action_cycle_verdict(self) -> None:
        """Set the next verdict of the scale on the highlighted dimension or indicator."""
        from qualcode.core.analysis import conclusions as core

        ref = self.selected_key()
        if ref is None:
            return
        codebook = self.project.codebook
        if self.active_tab == "dimensions":
            scale = ("", *codebook.verdict_scale)
            current = core.get_conclusion(self.project, ref).verdict
            verdict = scale[(scale.index(current) + 1) % len(scale) if current in scale else 1]
            core.set_conclusion(self.project, ref, verdict=verdict)
        else:
            from qualcode.core.store.analysis import indicator_verdicts

            decided = indicator_verdicts(self.store).get(ref)
            current = decided.verdict if decided else ""
            scale = ("", *codebook.indicator_verdicts)
            verdict = scale[(scale.index(current) + 1) % len(scale) if current in scale else 1]
            if verdict:
                core.set_indicator_verdict(self.project, ref, verdict)
            else:
                core.clear_indicator_verdict(self.project, ref)
        self.refresh_data()
        label = verdict or t("tui_conclusions.cleared")
        self.notify(t("tui_conclusions.verdict_set", code=ref, verdict=label), timeout=3)

    def action_edit_statement(self) -> None:
        """Write the verdict and statement of the highlighted dimension."""
        from qualcode.core.analysis.conclusions import get_conclusion
        from qualcode.tui.screens.dialogs.conclusion import ConclusionDialog

        ref = self.selected_key()
        if ref is None or self.active_tab != "dimensions":
            return
        codebook = self.project.codebook
        current = get_conclusion(self.project, ref)
        dialog = ConclusionDialog(
            codebook.path_label(ref), codebook.verdict_scale, current.verdict, current.statement
        )
        self.app.push_screen(dialog, lambda result: self._save(ref, result))

    @guarded
    def _save(self, ref: str, result: tuple[str, str] | None) -> None:
        from qualcode.core.analysis.conclusions import set_conclusion

        if result is None:
            return
        verdict, statement = result
        set_conclusion(self.project, ref, verdict=verdict, statement=statement)
        self.refresh_data()
        self.notify(t("tui_conclusions.saved", code=ref), timeout=3)

    @guarded
    def action_undo(self) -> None:
        """Undo the newest change."""
        from qualcode.core.coding.operations import undo

        event = undo(self.project)
        self.refresh_data()
        self.notify(t("tui_coding.undone", what=event.description), timeout=4)

    @guarded
    def action_redo(self) -> None:
        """Redo the change undone last."""
        from qualcode.core.coding.operations import redo

        event = redo(self.project)
        self.refresh_data()
        self.notify(t("tui_coding.redone", what=event.description), timeout=4)

    def action_reload(self) -> None:
        self.refresh_data()

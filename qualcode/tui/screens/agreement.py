"""Kesepakatan antarkoder: the figures of the last comparison with a second coder (before or
after consensus) and every disagreement; ``enter`` shows the passage with both codings, and
a / b / k / n resolve it by keeping coder A, B, both or neither (one undoable event)."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable, Label, Static

from qualcode.i18n import t
from qualcode.tui.guard import guarded
from qualcode.tui.screens.base import StageScreen
from qualcode.tui.widgets.table_view import TableView


def agreement_key(keys: str, action: str, name: str, *, show: bool = True) -> Binding:
    """A binding labelled from this screen's own catalogue (palette: "antarkoder: verb")."""
    # keys: tui_agreement.key_{open_screen,keep_a,keep_b,keep_both,keep_neither,toggle,open,undo}
    label = t(f"tui_agreement.key_{name}")
    return Binding(
        keys,
        action,
        label,
        show=show,
        tooltip=f"{t('tui_agreement.group')}: {label.lower()}",
        id=f"intercoder.{name}",
    )


OPEN_BINDING = agreement_key("7", "agreement", "open_screen", show=False)


class AgreementScreen(StageScreen):
    """Figures and disagreements of the newest comparison, with the passage of the chosen one."""

    STAGE = "agreement"
    DEFAULT_CSS = """
    #agreement-main { width: 1fr; }
    #agreement-figures { height: 1fr; }
    #disagreements { height: 1fr; }
    #agreement-side { width: 56; border-left: vkey $panel-lighten-2; padding: 0 1; }
    #agreement-passage { height: auto; max-height: 60%; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        agreement_key("a", "resolve('a')", "keep_a"),
        agreement_key("b", "resolve('b')", "keep_b"),
        agreement_key("k", "resolve('both')", "keep_both"),
        agreement_key("n", "resolve('neither')", "keep_neither"),
        agreement_key("t", "toggle_after", "toggle"),
        agreement_key("o", "open_in_coding", "open"),
        agreement_key("u,ctrl+z", "undo", "undo"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.comparison = None
        self.show_after = False
        self.shown: int | None = None  # the disagreement whose passage the side pane shows

    def compose_body(self) -> ComposeResult:
        with Horizontal(id="agreement-panes"):
            with Vertical(id="agreement-main"):
                yield Label("", id="agreement-title", classes="pane-title")
                yield TableView(id="agreement-figures")
                yield Label("", id="disagreements-title", classes="pane-title")
                yield DataTable(id="disagreements", cursor_type="row", zebra_stripes=True)
            with Vertical(id="agreement-side"):
                yield Label(t("tui_agreement.passage_title"), classes="pane-title")
                yield Static(t("tui_agreement.passage_hint"), id="agreement-passage")
                yield Static("", id="agreement-codings")

    # -- data ---------------------------------------------------------------------------------
    def refresh_data(self) -> None:
        from qualcode.core.agreement.session import AgreementError, load_comparison

        try:
            self.comparison = load_comparison(self.project, None)
        except AgreementError as exc:
            self.comparison = None
            self.query_one("#agreement-title", Label).update(exc.message)
            self.query_one("#agreement-passage", Static).update(exc.hint or "")
            self.status.show(left=exc.hint or "", right="")
            self.mark_seen()
            return
        self._show_figures()
        self._fill_disagreements()
        if self.shown is not None:
            self._show_passage(self.shown)
        self.mark_seen()

    def _show_figures(self) -> None:
        from qualcode.core.agreement.table import report_table

        c = self.comparison
        report = c.after if self.show_after else c.before
        table = report_table(
            report, self.project.codebook, (c.coder_a, c.coder_b), after=self.show_after
        )
        self.query_one("#agreement-title", Label).update(table.title)
        self.query_one("#agreement-figures", TableView).load(table)

    @property
    def disagreements(self) -> tuple:
        return self.comparison.after.disagreements if self.comparison else ()

    def _fill_disagreements(self) -> None:
        from qualcode.core.agreement.json_view import pairs_text

        view = self.query_one("#disagreements", DataTable)
        row = view.cursor_row if view.row_count else 0
        view.clear(columns=True)
        c = self.comparison
        view.add_columns(
            "#",
            t("tui_agreement.col_unit"),
            t("tui_agreement.col_coder", who="A", name=c.coder_a),
            t("tui_agreement.col_coder", who="B", name=c.coder_b),
            t("tui_agreement.col_decision"),
        )
        for n, item in enumerate(self.disagreements, start=1):
            # keys: agreement.keep_{a,b,both,neither}
            decided = t(f"agreement.keep_{item.choice}") if item.choice else ""
            view.add_row(
                str(n),
                f"{item.label} #{item.index}",
                pairs_text(item.first),
                pairs_text(item.second),
                decided,
                key=str(n - 1),
            )
        report = c.after
        self.query_one("#disagreements-title", Label).update(
            t("tui_agreement.disagreements", n=len(report.disagreements), decided=report.decided)
        )
        if view.row_count:
            view.move_cursor(row=min(row, view.row_count - 1), animate=False)
        self.status.show(
            left=t("tui_agreement.hint"),
            right=t("tui_agreement.compared", label=c.label, at=c.created_at),
        )

    # -- the passage --------------------------------------------------------------------------
    def current(self) -> int | None:
        """The index of the highlighted disagreement, or None when the list is empty."""
        view = self.query_one("#disagreements", DataTable)
        return view.cursor_row if view.row_count else None

    @on(DataTable.RowSelected, "#disagreements")
    def _on_selected(self, event: DataTable.RowSelected) -> None:
        self._show_passage(event.cursor_row)

    @guarded
    def _show_passage(self, index: int) -> None:
        from qualcode.core.agreement.session import passage_of

        if not 0 <= index < len(self.disagreements):
            return
        self.shown = index
        item = self.disagreements[index]
        passage = passage_of(self.project, self.comparison, item)
        text = Text(f"{item.label} #{item.index} — {passage.speaker}\n", style="bold")
        text.append(passage.text[: passage.start])
        text.append(passage.text[passage.start : passage.end], style="reverse")
        text.append(passage.text[passage.end :])
        self.query_one("#agreement-passage", Static).update(text)
        lines = Text()
        for who, name, marks in (
            ("A", self.comparison.coder_a, passage.first),
            ("B", self.comparison.coder_b, passage.second),
        ):
            lines.append(f"\n{t('tui_agreement.coder', who=who, name=name)}\n", style="bold")
            if not marks:
                lines.append(f"  {t('tui_agreement.nothing_coded')}\n", style="dim")
            for mark in marks:
                lines.append(f"  {mark.code} ({mark.polarity})", style=_POLARITY.get(mark.polarity))
                lines.append(f"  {mark.summary}\n" if mark.summary else "\n")
        self.query_one("#agreement-codings", Static).update(lines)

    # -- actions ------------------------------------------------------------------------------
    @guarded
    def action_resolve(self, choice: str) -> None:
        """Decide the highlighted disagreement by consensus."""
        from qualcode.core.agreement.session import resolve

        index = self.current()
        if self.comparison is None or index is None:
            self.notify(t("tui_agreement.nothing_to_resolve"), severity="warning")
            return
        resolve(self.project, self.comparison, self.disagreements[index], choice)
        self.shown = index
        self.refresh_data()
        view = self.query_one("#disagreements", DataTable)
        if index + 1 < view.row_count:
            view.move_cursor(row=index + 1, animate=False)
        # keys: agreement.keep_{a,b,both,neither}
        choice_text = t(f"agreement.keep_{choice}")
        self.notify(t("tui_agreement.resolved", choice=choice_text), timeout=3)

    def action_toggle_after(self) -> None:
        """Show the figures before or after consensus."""
        if self.comparison is None:
            return
        self.show_after = not self.show_after
        self._show_figures()

    @guarded
    def action_open_in_coding(self) -> None:
        """Open the highlighted disagreement's sentence in the coding screen."""
        from qualcode.core.store.sources import source_by_path

        index = self.current()
        if index is None:
            return
        item = self.disagreements[index]
        src = source_by_path(self.store, item.source)
        if src is not None:
            self.app.open_passage(src.id, item.start, item.end)

    @guarded
    def action_undo(self) -> None:
        """Undo the newest change (a consensus decision with the codings it changed)."""
        from qualcode.core.coding.operations import undo

        event = undo(self.project)
        self.refresh_data()
        self.notify(t("tui_coding.undone", what=event.description), timeout=4)


_POLARITY = {"pendukung": "green", "penghambat": "red", "netral": ""}

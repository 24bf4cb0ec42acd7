"""The review queue: the supervisor's threads, newest first, filtered by state, kind of target and
person; ``enter`` jumps to the target, ``a`` answers, ``r`` resolves (each one undoable event).
Opened from any stage with ``6``; also in a review session (``qualcode --review``)."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Label, Static

from qualcode.core.review.targets import kind_label, state_label, who_label
from qualcode.core.store.review_sql import TARGET_KINDS
from qualcode.i18n import t
from qualcode.tui.guard import guarded
from qualcode.tui.keys import key
from qualcode.tui.widgets.key_bar import KeyBar

STATE_FILTERS = ("unresolved", None)  # open or answered; everything
COLUMNS = ("id", "target", "state", "who", "last", "updated")  # headers shared with the CLI


class ReviewScreen(Screen):
    """A table of threads on the left, the highlighted thread in full on the right."""

    BINDINGS: ClassVar[list[BindingType]] = [
        key("enter", "jump", "review.jump"),
        key("a", "answer", "review.answer"),
        key("r", "resolve", "review.resolve"),
        key("s", "cycle_state", "review.state"),
        key("k", "cycle_kind", "review.kind"),
        key("p", "cycle_person", "review.person"),
        key("escape", "close", "review.close"),
    ]

    def __init__(self) -> None:
        super().__init__(id="review-queue")
        self.state_filter: str | None = "unresolved"
        self.kind_filter: str | None = None
        self.person_filter: str | None = None
        self.threads: list = []

    def compose(self) -> ComposeResult:
        yield Label("", id="review-title", classes="pane-title", markup=False)
        with Horizontal(id="review-panes"):
            yield DataTable(id="review-table", cursor_type="row", zebra_stripes=True)
            with Vertical(id="review-side"):
                yield Static("", id="review-detail", markup=False)
        yield Static("", id="review-mode", markup=False)
        yield KeyBar()

    @property
    def project(self):
        return self.app.project  # type: ignore[attr-defined]

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for key_name in COLUMNS:
            # keys: cli_review.col_{COLUMNS}
            table.add_column(t(f"cli_review.col_{key_name}"), key=key_name)
        mode = t("tui_review.review_footer") if self.project.review_only else ""
        self.query_one("#review-mode", Static).update(mode)
        self.refresh_data()
        table.focus()

    # -- data ---------------------------------------------------------------------------------
    @guarded
    def refresh_data(self) -> None:
        from qualcode.core.review.targets import target_label
        from qualcode.core.review.threads import list_threads

        self.threads = list_threads(
            self.project.store,
            state=self.state_filter,
            target_kind=self.kind_filter,
            person=self.person_filter,
        )
        table = self.query_one(DataTable)
        table.clear()
        for th in self.threads:
            last = th.messages[-1] if th.messages else None
            table.add_row(
                str(th.id),
                target_label(th.target_kind, th.target),
                self._state(th),
                th.author,
                f"{last.author}: {last.body}"[:60] if last else "",
                th.updated_at[:16].replace("T", " "),
                key=str(th.id),
            )
        filters = [
            # keys: tui_review.filter_state_{unresolved,all}
            t(f"tui_review.filter_state_{self.state_filter or 'all'}"),
            kind_label(self.kind_filter) if self.kind_filter else t("tui_review.all_kinds"),
            self.person_filter or t("tui_review.all_people"),
        ]
        self.query_one("#review-title", Label).update(
            t("tui_review.title", n=len(self.threads), filters=" · ".join(filters))
        )
        self._show_detail()

    @staticmethod
    def _state(th) -> str:
        return state_label(th.state, th.mark)

    @property
    def current(self):
        table = self.query_one(DataTable)
        if not self.threads or table.cursor_row < 0 or table.cursor_row >= len(self.threads):
            return None
        return self.threads[table.cursor_row]

    def _show_detail(self) -> None:
        from qualcode.core.review.report import target_texts
        from qualcode.core.review.targets import target_label

        th = self.current
        if th is None:
            self.query_one("#review-detail", Static).update(t("tui_review.empty"))
            return
        about = target_texts(self.project, [th]).get((th.target_kind, th.target), "")
        lines = [f"#{th.id} {target_label(th.target_kind, th.target)} — {self._state(th)}"]
        if about:
            lines += ["", about]
        if th.anchor and th.anchor not in about:
            lines += ["", f"“{th.anchor}”"]
        for m in th.messages:
            when = m.created_at[:16].replace("T", " ")
            lines += ["", f"{who_label(m.author, m.author_role)} · {when}", m.body]
        self.query_one("#review-detail", Static).update("\n".join(lines))

    @on(DataTable.RowHighlighted)
    def _highlighted(self) -> None:
        self._show_detail()

    @on(DataTable.RowSelected)
    def _selected(self) -> None:
        self.action_jump()

    # -- actions ------------------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("answer", "resolve") and self.project.store.readonly:
            return False
        return True

    def action_cycle_state(self) -> None:
        index = STATE_FILTERS.index(self.state_filter)
        self.state_filter = STATE_FILTERS[(index + 1) % len(STATE_FILTERS)]
        self.refresh_data()

    def action_cycle_kind(self) -> None:
        order = (None, *TARGET_KINDS)
        self.kind_filter = order[(order.index(self.kind_filter) + 1) % len(order)]
        self.refresh_data()

    def action_cycle_person(self) -> None:
        from qualcode.core.review.threads import list_threads

        people = sorted({m.author for th in list_threads(self.project.store) for m in th.messages})
        order = (None, *people)
        index = order.index(self.person_filter) if self.person_filter in order else 0
        self.person_filter = order[(index + 1) % len(order)]
        self.refresh_data()

    def action_answer(self) -> None:
        from qualcode.tui.screens.dialogs.reply import ReplyDialog

        th = self.current
        if th is None:
            return
        last = th.messages[-1].body if th.messages else ""

        def done(text: str | None) -> None:
            if text:
                self._reply(th.id, text)

        self.app.push_screen(ReplyDialog(t("tui_review.answer_title", id=th.id), last), done)

    @guarded
    def _reply(self, thread_id: int, text: str) -> None:
        from qualcode.core.review.threads import reply

        reply(self.project, thread_id, text)
        self.notify(t("cli_review.replied", id=thread_id, target=""), timeout=3)
        self.refresh_data()

    @guarded
    def action_resolve(self) -> None:
        from qualcode.core.review.threads import resolve

        th = self.current
        if th is None:
            return
        resolve(self.project, th.id)
        self.notify(t("tui_review.resolved", id=th.id), timeout=3)
        self.refresh_data()

    @guarded
    def action_jump(self) -> None:
        th = self.current
        if th is None:
            return
        app = self.app
        if th.target_kind == "coding":
            from qualcode.core.store.codings import coding_by_uid

            found = coding_by_uid(self.project.store, th.target)
            if found is None:
                self.notify(t("review.target_gone"), severity="warning")
                return
            app.pop_screen()
            app.open_passage(found.source_id, found.start, found.end)  # type: ignore[attr-defined]
        elif th.target_kind in ("conclusion", "verdict"):
            app.pop_screen()
            app.action_stage("conclusions")  # type: ignore[attr-defined]
        elif th.target_kind == "cell":
            from qualcode.core.review.targets import split_cell

            kind = split_cell(th.target)[0]
            app.pop_screen()
            app.action_stage("display")  # type: ignore[attr-defined]
            screen = app.get_screen_for_mode("display")  # type: ignore[attr-defined]
            screen.call_after_refresh(screen.action_show, kind)
        elif th.target_kind == "source":
            from qualcode.core.store.sources import source_by_path

            source = source_by_path(self.project.store, th.target)
            if source is not None:
                app.pop_screen()
                app.open_passage(source.id, -1, 0)  # type: ignore[attr-defined]
        else:
            self.notify(t("tui_review.no_place"), timeout=3)

    def action_close(self) -> None:
        self.app.pop_screen()

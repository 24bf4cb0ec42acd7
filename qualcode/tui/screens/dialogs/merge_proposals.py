"""Review merge proposals one at a time: statements that look alike, who said them, their quotes.

Enter merges them under the wording in the box (the student may rewrite it), ctrl+t turns the
proposal down (never proposed again), ctrl+n skips it, Esc closes. Each decision is one undoable
event; the dialog returns how many decisions were made.
"""

from __future__ import annotations

from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from qualcode.i18n import t
from qualcode.tui.guard import guarded
from qualcode.tui.keys import key


class MergeProposalsDialog(ModalScreen[int]):
    """Step through the open merge proposals of a project and decide each."""

    BINDINGS: ClassVar[list[BindingType]] = [
        key("escape", "close", "dialog.close"),
        key("ctrl+t", "reject", "dialog.merge_reject"),
        key("ctrl+n", "skip", "dialog.merge_skip"),
    ]

    def __init__(self, project: Any) -> None:
        super().__init__(classes="dialog")
        self.project = project
        self.proposals: list = []
        self.position = 0
        self.decided = 0

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box wide"):
            yield Label("", id="merge-title", classes="dialog-title", markup=False)
            yield Label("", id="merge-question", classes="dialog-detail", markup=False)
            with VerticalScroll(id="merge-members"):
                yield Static("", id="merge-list", markup=False)
            yield Input(id="merge-text", placeholder=t("tui_merges.placeholder"))
            with Horizontal(classes="dialog-buttons"):
                yield Button(t("tui_merges.accept"), id="accept", variant="primary")
                yield Button(t("tui_merges.reject"), id="reject")
                yield Button(t("tui_merges.skip"), id="skip")
                yield Button(t("tui_merges.close"), id="close")

    def on_mount(self) -> None:
        from qualcode.core.analysis.merges import proposals

        self.proposals = proposals(self.project)
        self._show()

    @property
    def current(self):
        """The proposal on screen, or None when none is left."""
        return self.proposals[self.position] if self.position < len(self.proposals) else None

    def _show(self) -> None:
        proposal = self.current
        title = self.query_one("#merge-title", Label)
        text = self.query_one("#merge-text", Input)
        if proposal is None:
            title.update(t("tui_merges.none_left", n=self.decided))
            self.query_one("#merge-question", Label).update("")
            self.query_one("#merge-list", Static).update("")
            text.display = False
            for ident in ("accept", "reject", "skip"):
                self.query_one(f"#{ident}", Button).disabled = True
            self.query_one("#close", Button).focus()
            return
        title.update(
            t(
                "tui_merges.title",
                n=self.position + 1,
                total=len(self.proposals),
                cell=proposal.scope_label,
            )
        )
        self.query_one("#merge-question", Label).update(
            t("tui_merges.question", n=len(proposal.members))
        )
        self.query_one("#merge-list", Static).update(
            "\n".join(
                f"{m.speaker}: {m.statement}\n    “{' '.join(m.quote.split())}”"
                for m in proposal.members
            )
        )
        text.value = proposal.text
        text.focus()

    def on_input_submitted(self, _event: Input.Submitted) -> None:
        self.action_accept()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        actions = {
            "accept": self.action_accept,
            "reject": self.action_reject,
            "skip": self.action_skip,
            "close": self.action_close,
        }
        actions[event.button.id or "close"]()

    @guarded
    def action_accept(self) -> None:
        """Merge the statements on screen under the wording in the box."""
        from qualcode.core.analysis.merges import accept

        proposal = self.current
        if proposal is None:
            return
        wording = self.query_one("#merge-text", Input).value
        accept(self.project, [m.uid for m in proposal.members], wording or None)
        self._next(decided=True)

    @guarded
    def action_reject(self) -> None:
        """Turn the proposal down: these statements are not one point."""
        from qualcode.core.analysis.merges import reject

        proposal = self.current
        if proposal is None:
            return
        reject(self.project, proposal)
        self._next(decided=True)

    def action_skip(self) -> None:
        """Leave this proposal open and show the next."""
        if self.current is not None:
            self._next(decided=False)

    def _next(self, *, decided: bool) -> None:
        self.decided += int(decided)
        self.position += 1
        self._show()

    def action_close(self) -> None:
        """Close, returning how many proposals were decided."""
        self.dismiss(self.decided)

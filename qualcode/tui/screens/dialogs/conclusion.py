"""Write a dimension's conclusion: a verdict from the codebook's scale and a statement."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Label, Select, TextArea

from qualcode.i18n import t
from qualcode.tui.screens.dialogs.editor import EditorDialog


class ConclusionDialog(EditorDialog[tuple[str, str] | None]):
    """Return (verdict, statement), or None when cancelled; cancelling a change asks first."""

    def __init__(
        self, dimension: str, scale: tuple[str, ...], verdict: str, statement: str
    ) -> None:
        super().__init__(classes="dialog")
        self.dimension = dimension
        self.scale = scale
        self.verdict = verdict
        self.statement = statement

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box wide"):
            yield Label(
                t("tui_conclusions.dialog_title", dimension=self.dimension),
                classes="dialog-title",
                markup=False,
            )
            yield Label(t("tui_conclusions.verdict_label"))
            yield Select(
                [(v, v) for v in self.scale],
                value=self.verdict if self.verdict in self.scale else Select.NULL,
                prompt=t("tui_conclusions.no_verdict"),
                id="c-verdict",
            )
            yield Label(t("tui_conclusions.statement_label"))
            yield TextArea(self.statement, id="c-statement", soft_wrap=True)
            yield Label(t("tui_conclusions.dialog_help"), classes="dialog-detail")
            with Horizontal(classes="dialog-buttons"):
                yield Button(t("tui.save"), id="save", variant="primary")
                yield Button(t("tui.cancel"), id="cancel")

    def on_mount(self) -> None:
        self.query_one(TextArea).focus()

    def to_model(self) -> tuple[str, str]:
        """Return the verdict and statement as entered."""
        value = self.query_one(Select).value
        verdict = "" if value is Select.NULL else str(value)
        return verdict, self.query_one(TextArea).text.strip()

    def is_dirty(self) -> bool:
        """Tell whether anything differs from what is stored."""
        return self.to_model() != (self.verdict, self.statement.strip())

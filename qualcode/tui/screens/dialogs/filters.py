"""Filters of the coding screen: which sources to list and which sentences the cursor visits."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Grid, Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Select

from qualcode.i18n import t
from qualcode.tui.keys import key

CODED_STATES = ("all", "uncoded", "coded")


@dataclass(frozen=True, slots=True)
class CodingFilter:
    """Informant code and group narrow the source list; ``coded`` narrows the cursor's stops."""

    informant: str = ""
    group: str = ""
    coded: str = "all"

    @property
    def active(self) -> bool:
        return bool(self.informant or self.group or self.coded != "all")

    def describe(self) -> str:
        """Return a short text for the status bar ('' when nothing is filtered)."""
        parts = [p for p in (self.informant, self.group) if p]
        if self.coded != "all":
            # keys: tui_coding.filter_{uncoded,coded}
            parts.append(t(f"tui_coding.filter_{self.coded}"))
        return ", ".join(parts)


class FilterDialog(ModalScreen[CodingFilter | None]):
    """Choose the informant, the group and coded/uncoded."""

    BINDINGS: ClassVar[list[BindingType]] = [key("escape", "cancel", "dialog.cancel")]

    def __init__(self, current: CodingFilter, informants: list[str], groups: list[str]) -> None:
        super().__init__(classes="dialog")
        self.current = current
        self.informants = informants
        self.groups = groups

    def compose(self) -> ComposeResult:
        cur = self.current
        with Vertical(classes="dialog-box"):
            yield Label(t("tui_coding.filter_title"), classes="dialog-title")
            with Grid(id="filter-grid"):
                yield Label(t("tui_coding.filter_informant"))
                yield Select(
                    [(i, i) for i in self.informants],
                    value=cur.informant or Select.NULL,
                    prompt=t("tui_coding.filter_any"),
                    id="filter-informant",
                )
                yield Label(t("tui_coding.filter_group"))
                yield Select(
                    [(g, g) for g in self.groups],
                    value=cur.group or Select.NULL,
                    prompt=t("tui_coding.filter_any"),
                    id="filter-group",
                )
                yield Label(t("tui_coding.filter_coded"))
                # keys: tui_coding.filter_{CODED_STATES}
                yield Select(
                    [(t(f"tui_coding.filter_{s}"), s) for s in CODED_STATES],
                    value=cur.coded,
                    allow_blank=False,
                    id="filter-coded",
                )
            with Horizontal(classes="dialog-buttons"):
                yield Button(t("tui_coding.filter_apply"), id="apply", variant="primary")
                yield Button(t("tui_coding.filter_clear"), id="clear")
                yield Button(t("tui.cancel"), id="cancel")

    def to_model(self) -> CodingFilter:
        """Return the filter as chosen."""

        def value(selector: str) -> str:
            v = self.query_one(selector, Select).value
            return "" if v is Select.NULL else str(v)

        return CodingFilter(
            value("#filter-informant"), value("#filter-group"), value("#filter-coded") or "all"
        )

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "apply":
            self.dismiss(self.to_model())
        elif event.button.id == "clear":
            self.dismiss(CodingFilter())
        else:
            self.dismiss(None)

    def action_cancel(self) -> None:
        self.dismiss(None)

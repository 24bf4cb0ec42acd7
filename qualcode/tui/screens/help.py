"""The help screen: every key of the current stage, then app-wide keys, then the other stages.

Generated from ``BINDINGS`` (screens and the widgets they list in ``PALETTE_WIDGETS``), so it
can never disagree with the footer or the command palette.
"""

from __future__ import annotations

from typing import Any, ClassVar

from rich.table import Table as RichTable
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from qualcode.i18n import t
from qualcode.tui.keys import key, key_names


def binding_rows(app: Any, cls: type) -> list[tuple[str, str]]:
    """Return (keys, what it does) for every described binding a class declares."""
    rows = []
    for item in getattr(cls, "BINDINGS", ()):
        if not isinstance(item, Binding) or not item.description:
            continue
        keys = key_names(app, item)
        verb = item.tooltip.split(": ", 1)[-1] if item.tooltip else item.description
        rows.append((keys, verb))
    return rows


def help_sections(app: Any, current: str | None) -> list[tuple[str, list[tuple[str, str]]]]:
    """Return (title, rows) sections: the current stage first, then the app, then other stages."""
    stages = list(app.stages)
    if current in stages:
        stages.remove(current)
        stages.insert(0, current)
    sections = []
    for stage in stages:
        screen_cls = app.MODES[stage]
        rows = binding_rows(app, screen_cls)
        for widget_cls in getattr(screen_cls, "PALETTE_WIDGETS", ()):
            rows += binding_rows(app, widget_cls)
        # keys: tui.stage_{sources,coding,display,conclusions,export}
        sections.append((t(f"tui.stage_{stage}"), rows))
        if stage == current or current not in app.stages:
            sections.append((t("tui.help_general"), binding_rows(app, type(app))))
    if not any(title == t("tui.help_general") for title, _ in sections):
        sections.insert(0, (t("tui.help_general"), binding_rows(app, type(app))))
    return sections


class HelpScreen(ModalScreen[None]):
    """A scrollable list of keys; Esc, q or ? closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        key("escape,q,question_mark,f1", "close", "dialog.close"),
    ]

    def __init__(self, origin: Any) -> None:
        super().__init__(classes="dialog")
        self.origin_stage = getattr(origin, "STAGE", None)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box help-box"):
            yield Label(t("tui.help_title"), classes="dialog-title")
            with VerticalScroll(id="help-scroll"):
                for title, rows in help_sections(self.app, self.origin_stage):
                    if not rows:
                        continue
                    table = RichTable(show_header=False, box=None, padding=(0, 2, 0, 0))
                    table.add_column(style="bold", no_wrap=True, min_width=16)
                    table.add_column()
                    for keys, verb in rows:
                        table.add_row(Text(keys), Text(verb))
                    yield Label(title, classes="help-section")
                    yield Static(table, classes="help-table")
            yield Label(t("tui.help_footer"), classes="dialog-detail")

    def action_close(self) -> None:
        self.dismiss(None)

"""Edit an informant's code, pseudonym, role, group, category and free attributes."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Grid, Horizontal, Vertical
from textual.widgets import Button, Input, Label, Select, TextArea

from qualcode.core.records import CATEGORIES, GROUPS, Informant
from qualcode.i18n import t
from qualcode.tui.screens.dialogs.editor import EditorDialog


class InformantDialog(EditorDialog[dict | None]):
    """Return only the fields that changed (for ``informants.set_attributes``), or None."""

    def __init__(self, informant: Informant) -> None:
        super().__init__(classes="dialog")
        self.informant = informant

    def compose(self) -> ComposeResult:
        inf = self.informant
        with Vertical(classes="dialog-box wide"):
            yield Label(t("tui_sources.informant_title", code=inf.code), classes="dialog-title")
            with Grid(id="informant-grid"):
                yield Label(t("tui_sources.col_code"))
                yield Input(inf.code, id="f-code")
                yield Label(t("tui_sources.col_pseudonym"))
                yield Input(inf.pseudonym, id="f-pseudonym")
                yield Label(t("tui_sources.col_role"))
                yield Input(inf.role, id="f-role")
                yield Label(t("tui_sources.col_group"))
                yield Select(
                    [(g, g) for g in GROUPS],
                    value=inf.group if inf.group in GROUPS else Select.NULL,
                    id="f-group",
                    prompt="—",
                )
                yield Label(t("tui_sources.col_category"))
                yield Select(
                    [(c, c) for c in CATEGORIES],
                    value=inf.category if inf.category in CATEGORIES else Select.NULL,
                    id="f-category",
                    prompt="—",
                )
            yield Label(t("tui_sources.attributes_help"), classes="dialog-detail")
            text = "\n".join(f"{k}: {v}" for k, v in sorted(inf.attributes.items()))
            yield TextArea(text, id="f-attributes", soft_wrap=True, show_line_numbers=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button(t("tui.save"), id="save", variant="primary")
                yield Button(t("tui.cancel"), id="cancel")

    def on_mount(self) -> None:
        self.query_one("#f-pseudonym", Input).focus()

    def to_model(self) -> dict:
        """Return the changed fields as keyword arguments for ``set_attributes``."""
        inf = self.informant
        changes: dict = {}
        for name, current in (("code", inf.code), ("pseudonym", inf.pseudonym), ("role", inf.role)):
            value = self.query_one(f"#f-{name}", Input).value.strip()
            if value != current:
                changes[name] = value
        for name, current in (("group", inf.group), ("category", inf.category)):
            value = self.query_one(f"#f-{name}", Select).value
            value = "" if value is Select.NULL else str(value)
            if value != current and value:
                changes[name] = value
        attributes: dict[str, str] = {}
        for line in self.query_one("#f-attributes", TextArea).text.splitlines():
            name, sep, value = line.partition(":")
            if sep and name.strip():
                attributes[name.strip()] = value.strip()
        removed = {k: "" for k in inf.attributes if k not in attributes}
        merged = {**removed, **{k: v for k, v in attributes.items() if inf.attributes.get(k) != v}}
        if merged:
            changes["attributes"] = merged
        return changes

    def is_dirty(self) -> bool:
        """Tell whether any field differs from the informant as stored."""
        return bool(self.to_model())

    def on_input_submitted(self, _event: Input.Submitted) -> None:
        self.action_save()

    def action_save(self) -> None:
        self.dismiss(self.to_model() or None)

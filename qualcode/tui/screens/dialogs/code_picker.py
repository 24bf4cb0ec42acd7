"""Pick a code by typing part of its name, or pick one of several codings under the cursor."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from qualcode.i18n import get_language, t
from qualcode.tui.keys import key
from qualcode.tui.widgets.lists import PlainList


class CodePicker(ModalScreen[str | None]):
    """Filter the codebook by id or label; Enter picks the highlighted code."""

    BINDINGS: ClassVar[list[BindingType]] = [
        key("escape", "cancel", "dialog.cancel"),
        key("down", "move(1)", "dialog.down", show=False),
        key("up", "move(-1)", "dialog.up", show=False),
    ]

    def __init__(self, codebook, keys: dict[str, str]) -> None:
        super().__init__(classes="dialog")
        self.codes = [c for c in codebook.all_codes() if c.kind != "effort_category"]
        self.codebook = codebook
        self.keys = keys

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box wide picker-box"):
            yield Label(t("tui_coding.picker_title"), classes="dialog-title")
            yield Input(placeholder=t("tui_coding.picker_placeholder"), id="picker-input")
            yield OptionList(id="picker-list")

    def on_mount(self) -> None:
        self._fill("")
        self.query_one(Input).focus()

    def _fill(self, query: str) -> None:
        lang = get_language()
        words = query.casefold().split()
        options = []
        for code in self.codes:
            path = self.codebook.path_label(code.id, lang)
            hay = f"{code.id} {path}".casefold()
            if all(w in hay for w in words):
                label = Content.assemble(
                    (f"{self.keys.get(code.id, ' ')} ", "bold $accent"),
                    f"{path}  ",
                    (code.id, "$text-muted"),
                )
                options.append(Option(label, id=code.id))
        picker = self.query_one(OptionList)
        picker.clear_options()
        picker.add_options(options)
        if options:
            picker.highlighted = 0

    def on_input_changed(self, event: Input.Changed) -> None:
        self._fill(event.value)

    def on_input_submitted(self, _event: Input.Submitted) -> None:
        picker = self.query_one(OptionList)
        if picker.highlighted is not None:
            self.dismiss(picker.get_option_at_index(picker.highlighted).id)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_move(self, delta: int) -> None:
        picker = self.query_one(OptionList)
        if picker.option_count:
            current = picker.highlighted or 0
            picker.highlighted = min(max(current + delta, 0), picker.option_count - 1)

    def action_cancel(self) -> None:
        self.dismiss(None)


class CodingChooser(ModalScreen[int | None]):
    """Several codings lie under the cursor: choose the one to act on (1–9 or Enter)."""

    BINDINGS: ClassVar[list[BindingType]] = [key("escape", "cancel", "dialog.cancel")]

    def __init__(self, title: str, choices: list[tuple[int, str]], current: int = 0) -> None:
        super().__init__(classes="dialog")
        self.title_text = title
        self.choices = choices
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box wide picker-box"):
            yield Label(self.title_text, classes="dialog-title", markup=False)
            yield PlainList(
                *[
                    Option(Content.assemble((f"{n} ", "bold $accent"), text), id=str(coding_id))
                    for n, (coding_id, text) in enumerate(self.choices, start=1)
                ],
                id="chooser-list",
            )

    def on_mount(self) -> None:
        listing = self.query_one(OptionList)
        listing.highlighted = self.current
        listing.focus()

    def on_key(self, event) -> None:
        if event.character and event.character.isdigit():
            n = int(event.character)
            if 1 <= n <= len(self.choices):
                event.stop()
                self.dismiss(self.choices[n - 1][0])

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(int(event.option.id))

    def action_cancel(self) -> None:
        self.dismiss(None)

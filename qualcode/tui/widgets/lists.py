"""Lists whose state is visible: the cursor stops at the ends (no wrap-around) and a chosen
item carries a mark (✓), not a colour alone."""

from __future__ import annotations

from rich.cells import cell_len
from rich.segment import Segment
from textual import _widget_navigation
from textual.content import Content
from textual.strip import Strip
from textual.visual import Visual, visualize
from textual.widgets import Checkbox, OptionList, SelectionList
from textual.widgets._toggle_button import ToggleButton
from textual.widgets.option_list import Option

from qualcode.tui.fit import fit_words

CHECKED = "✓"
UNCHECKED = " "


class StopAtEnds:
    """Up/Down stop at the first and last item (a short list that wraps hides where you are).

    Mix into an ``OptionList`` (or a subclass): it uses only its ``options`` and ``highlighted``.
    """

    options: list
    highlighted: int | None

    def action_cursor_down(self) -> None:
        """Move the highlight down, staying on the last item at the end."""
        self._step(1)

    def action_cursor_up(self) -> None:
        """Move the highlight up, staying on the first item at the top."""
        self._step(-1)

    def _step(self, direction: _widget_navigation.Direction) -> None:
        found = _widget_navigation.find_next_enabled_no_wrap(
            self.options, anchor=self.highlighted, direction=direction
        )
        if found is not None:
            self.highlighted = found


class FitsWords:
    """Mix into an option list: in a list that does not wrap, a plain-text prompt wider than the
    list is cut at a word and ends with "…" (Textual's ellipsis cuts mid-word: "— lapor…")."""

    def _get_visual(self, option: Option) -> Visual:
        prompt = option.prompt
        if self.styles.text_wrap != "nowrap":  # a list that wraps its prompts shows them whole
            return super()._get_visual(option)
        if isinstance(prompt, Content) and not prompt.spans:  # a Selection's plain prompt
            prompt = prompt.plain
        if isinstance(prompt, str) and not (self._markup and "[" in prompt):
            padding = self.get_component_styles("option-list--option").padding
            room = (
                self.scrollable_content_region.width
                - self._get_left_gutter_width()
                - padding.left
                - padding.right
            )
            if 0 < room < cell_len(prompt):
                return visualize(self, fit_words(prompt, room), markup=False)
        return super()._get_visual(option)


class PlainList(StopAtEnds, FitsWords, OptionList):
    """An option list whose cursor stops at the ends."""


class CheckList(StopAtEnds, FitsWords, SelectionList):
    """A selection list with ✓ in the box of every selected item and no wrap-around."""

    def render_line(self, y: int) -> Strip:
        strip = super().render_line(y)
        segments = list(strip)
        if len(segments) < 2 or segments[1].text != ToggleButton.BUTTON_INNER:
            return strip
        style = segments[1].style
        index = style.meta.get("option") if style is not None else None
        if index is None:
            return strip
        selected = self.get_option_at_index(index).value in self.selected
        segments[1] = Segment(CHECKED if selected else UNCHECKED, style)
        return Strip(segments, strip.cell_length)


class MarkedCheckbox(Checkbox):
    """A checkbox that shows ✓ when on and an empty box when off."""

    @property
    def _button(self):
        self.BUTTON_INNER = CHECKED if self.value else UNCHECKED
        return super()._button

    def render(self) -> Content:
        """The box and the label; a label wider than the widget is cut at a word, with "…"."""
        full = self._label
        room = self.content_region.width - self._button.cell_length - 2  # the label's padding
        if room <= 0 or full.cell_length <= room:
            return super().render()
        self._label = Content(fit_words(full.plain, room))
        try:
            return super().render()
        finally:
            self._label = full

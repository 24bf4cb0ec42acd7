"""The transcript as a Line API widget: only visible lines are rendered, and each is cached.

A line is redrawn only when something on it changes — the cursor, a coding, a search hit, a
suggestion — so a 300,000-character source moves, scrolls and codes as fast as a short one.
Layout: a 4-cell left margin (cursor mark, up to three coding bars), the wrapped text, and a
right gutter with the code labels of codings (and suggestions) that start on that line.
This module holds the widget's state, cursor and keys; ``transcript_lines`` paints a line.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import BindingType
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from qualcode.tui.keys import key
from qualcode.tui.widgets.transcript_lines import (
    MARGIN,
    PALETTE_SIZE,
    GutterNote,
    changed_lines,
    gutter_strip,
    header_line,
    place_gutter,
    text_line,
)
from qualcode.tui.widgets.transcript_model import (
    BLANK,
    HEADER,
    INDENT,
    Layout,
    TranscriptModel,
    spans_to_lines,
)


class TranscriptView(ScrollView, can_focus=True):
    """Turns of one source with a sentence cursor, coding highlights and a label gutter."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "transcript--interviewer",
        "transcript--speaker",
        "transcript--interviewer-speaker",
        "transcript--timestamp",
        "transcript--cursor",
        "transcript--cursor-mark",
        "transcript--match",
        "transcript--suggestion",
        "transcript--gutter",
        *(f"transcript--dim-{i}" for i in range(PALETTE_SIZE)),
        *(f"transcript--label-{i}" for i in range(PALETTE_SIZE)),
    }
    BINDINGS: ClassVar[list[BindingType]] = [
        key("j,down", "move(1)", "coding.down", show=False),
        key("k,up", "move(-1)", "coding.up", show=False),
        key("J,shift+down", "extend(1)", "coding.extend_down", show=False),
        key("K,shift+up", "extend(-1)", "coding.extend_up", show=False),
        key("t", "select_turn", "coding.turn"),
        key("escape", "collapse", "coding.collapse", show=False),
        key("pagedown,ctrl+d", "page(1)", "coding.page_down", show=False),
        key("pageup,ctrl+u", "page(-1)", "coding.page_up", show=False),
        key("home,g", "edge(0)", "coding.first", show=False),
        key("end,G", "edge(1)", "coding.last", show=False),
    ]

    @dataclass
    class CursorMoved(Message):
        """The selected span changed (cursor moved, extended or collapsed)."""

        view: TranscriptView
        start: int
        end: int

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.model: TranscriptModel | None = None
        self._layout: Layout | None = None
        self._cache: dict[int, Strip] = {}
        self._styles: dict[str, Style] = {}
        self.anchor = 0
        self.cursor = 0
        self.matches: list[tuple[int, int]] = []
        self._match_starts: list[int] = []
        self.current_match: tuple[int, int] | None = None
        self.slot_of: Callable[[str], int] = lambda code_id: 0
        self.label_of: Callable[[str], str] = lambda code_id: code_id
        self.nav_filter: Callable[[int], bool] | None = None
        self.suggestions: dict[int, GutterNote] = {}
        self._gutter: dict[int, GutterNote] = {}

    # -- loading --------------------------------------------------------------------------------
    def load(self, model: TranscriptModel, position: int = 0) -> None:
        """Show a source; put the cursor on codable position ``position``."""
        self.model = model
        self.matches, self._match_starts, self.current_match = [], [], None
        self.suggestions = {}
        last = max(0, len(model.codable) - 1)
        self.anchor = self.cursor = min(max(position, 0), last)
        self._relayout()
        self.scroll_to(y=0, animate=False)
        self._scroll_to_cursor()
        self._announce()

    @property
    def text_width(self) -> int:
        return max(10, self.size.width - MARGIN - self.gutter_width - 1)

    @property
    def gutter_width(self) -> int:
        width = self.size.width
        return 0 if width < 60 else min(30, max(14, width // 4))

    def _relayout(self) -> None:
        self._cache.clear()
        if self.model is None or self.size.width == 0:
            self._layout = None
            self.virtual_size = Size(0, 0)
            return
        self._layout = Layout(self.model, self.text_width)
        self._place_gutter()
        self.virtual_size = Size(self.size.width, len(self._layout))
        self.refresh()

    def on_resize(self, _event: events.Resize) -> None:
        if self.model is not None and (
            self._layout is None or self._layout.width != self.text_width
        ):
            self._relayout()
            self._scroll_to_cursor()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles.clear()
        self._cache.clear()

    # -- state changes (each redraws only the lines it touches) --------------------------------
    def set_codings(self, codings) -> None:
        """Replace the source's codings and redraw the lines whose look changed."""
        if self.model is None:
            return
        changed = self.model.set_codings(codings)
        old_gutter = self._gutter
        self._place_gutter()
        lines = spans_to_lines(self._layout, changed) if self._layout else set()
        lines |= changed_lines(old_gutter, self._gutter)
        self._invalidate(lines)

    def set_suggestions(self, notes: dict[int, GutterNote]) -> None:
        """Show suggestions in the gutter: sentence start offset → note."""
        self.suggestions = notes
        old = self._gutter
        self._place_gutter()
        self._invalidate(changed_lines(old, self._gutter))

    def set_matches(self, matches: list[tuple[int, int]], current: tuple[int, int] | None) -> None:
        """Highlight search hits in this source; ``current`` is the hit jumped to."""
        old = self.matches + ([self.current_match] if self.current_match else [])
        self.matches = sorted(matches)
        self._match_starts = [m[0] for m in self.matches]
        self.current_match = current
        if self._layout is not None:
            new = self.matches + ([current] if current else [])
            self._invalidate(spans_to_lines(self._layout, old + new))

    def _invalidate(self, lines: set[int]) -> None:
        for line in lines:
            self._cache.pop(line, None)
        top = int(self.scroll_offset.y)
        visible = range(top, top + self.size.height)
        for line in lines:
            if line in visible:
                self.refresh_line(line)

    # -- cursor ---------------------------------------------------------------------------------
    @property
    def span(self) -> tuple[int, int] | None:
        """The selected text span, or None when the source has nothing to code."""
        if self.model is None or not self.model.codable:
            return None
        return self.model.span(self.anchor, self.cursor)

    @property
    def positions(self) -> tuple[int, int]:
        """The first and last selected codable positions."""
        return min(self.anchor, self.cursor), max(self.anchor, self.cursor)

    def _set_cursor(self, anchor: int, cursor: int) -> None:
        if self.model is None or not self.model.codable:
            return
        before = self.span
        last = len(self.model.codable) - 1
        self.anchor, self.cursor = min(max(anchor, 0), last), min(max(cursor, 0), last)
        after = self.span
        if self._layout is not None and before != after:
            self._invalidate(spans_to_lines(self._layout, [s for s in (before, after) if s]))
        self._scroll_to_cursor()
        self._announce()

    def move_to_offset(self, offset: int, extend: bool = False) -> None:
        """Put the cursor on the sentence holding ``offset``."""
        if self.model is None:
            return
        pos = self.model.sentence_at(offset)
        if pos is not None:
            self._set_cursor(self.anchor if extend else pos, pos)

    def select_span(self, start: int, end: int) -> None:
        """Select the sentences covering [start, end) (to show a coding or a search hit)."""
        if self.model is None:
            return
        first = self.model.sentence_at(start)
        last = self.model.sentence_at(max(start, end - 1))
        if first is not None and last is not None:
            self._set_cursor(first, last)

    def _step(self, pos: int, delta: int) -> int:
        if self.model is None:
            return pos
        last = len(self.model.codable) - 1
        nxt = pos + delta
        if self.nav_filter is not None:
            while 0 <= nxt <= last and not self.nav_filter(nxt):
                nxt += delta
            if not 0 <= nxt <= last:
                return pos
        return min(max(nxt, 0), last)

    def action_move(self, delta: int) -> None:
        """Move the cursor one sentence (collapsing any span)."""
        pos = self._step(self.cursor, delta)
        self._set_cursor(pos, pos)

    def action_extend(self, delta: int) -> None:
        """Grow or shrink the selected span by one sentence."""
        self._set_cursor(self.anchor, self._step(self.cursor, delta))

    def action_select_turn(self) -> None:
        """Select the whole turn the cursor is in."""
        if self.model is None or not self.model.codable:
            return
        first, last = self.model.turn_positions(self.cursor)
        self._set_cursor(first, last)

    def action_collapse(self) -> None:
        """Shrink the selection back to the cursor sentence."""
        self._set_cursor(self.cursor, self.cursor)

    def action_page(self, direction: int) -> None:
        """Move the cursor about one screen up or down."""
        if self._layout is None or self.model is None or not self.model.codable:
            return
        line = self._layout.line_of(self.model.span(self.cursor, self.cursor)[0])
        target = min(max(line + direction * max(1, self.size.height - 2), 0), len(self._layout) - 1)
        pos = self.model.sentence_at(self._layout.starts[target])
        if pos is not None:
            self._set_cursor(pos, pos)

    def action_edge(self, end: int) -> None:
        """Jump to the first or last sentence."""
        if self.model is None or not self.model.codable:
            return
        pos = len(self.model.codable) - 1 if end else 0
        self._set_cursor(pos, pos)

    def _scroll_to_cursor(self) -> None:
        span = self.span
        if span is None or self._layout is None or self.size.height == 0:
            return
        first = self._layout.line_of(span[0])
        line = self._layout.line_of(self.model.span(self.cursor, self.cursor)[0])
        top, height = int(self.scroll_offset.y), self.size.height
        if first >= top and line < top + height - 1 and line >= top:
            return
        if line < top or first < top and line == first:
            target = max(0, line - 2)
        else:
            target = max(0, line - height + 3)
        self.scroll_to(y=target, animate=False, immediate=True)

    def _announce(self) -> None:
        span = self.span
        if span is not None:
            self.post_message(self.CursorMoved(self, span[0], span[1]))

    def on_click(self, event: events.Click) -> None:
        if self._layout is None or self.model is None:
            return
        line = int(self.scroll_offset.y) + event.y
        if not 0 <= line < len(self._layout):
            return
        column = max(0, event.x - MARGIN - INDENT)
        offset = min(self._layout.starts[line] + column, max(self._layout.ends[line] - 1, 0))
        self.move_to_offset(offset, extend=event.shift)

    # -- gutter ---------------------------------------------------------------------------------
    def _place_gutter(self) -> None:
        self._gutter = {}
        layout, model = self._layout, self.model
        if layout is None or model is None or self.gutter_width == 0:
            return
        self._gutter = place_gutter(layout, model, self.suggestions, self.label_of, self.slot_of)

    # -- rendering ------------------------------------------------------------------------------
    def _style(self, name: str) -> Style:
        style = self._styles.get(name)
        if style is None:
            style = self.get_component_rich_style(name, partial=True)
            self._styles[name] = style
        return style

    def render_line(self, y: int) -> Strip:
        index = int(self.scroll_offset.y) + y
        width = self.size.width
        if self._layout is None or not 0 <= index < len(self._layout):
            return Strip.blank(width, self.rich_style)
        strip = self._cache.get(index)
        if strip is None:
            strip = self._render_index(index, width)
            self._cache[index] = strip
        return strip

    def _render_index(self, index: int, width: int) -> Strip:
        layout, model = self._layout, self.model
        assert layout is not None and model is not None
        base = self.rich_style
        kind = layout.kinds[index]
        if kind == BLANK:
            return Strip.blank(width, base)
        body: list[Segment]
        margin: list[Segment] = [Segment(" " * MARGIN, base)]
        if kind == HEADER:
            body = header_line(model, layout.turn_of[index], base, self._style)
        else:
            start, end = layout.starts[index], layout.ends[index]
            interviewer = model.turns[layout.turn_of[index]].kind == "interviewer"
            hits = (self.matches, self._match_starts)
            margin, body = text_line(
                model, start, end, interviewer, self.span, hits, base, self._style, self.slot_of
            )
        strip = Strip(margin + body).crop_extend(0, width - self.gutter_width, base)
        gutter = gutter_strip(self._gutter.get(index), self.gutter_width, base, self._style)
        return Strip.join([strip, gutter])

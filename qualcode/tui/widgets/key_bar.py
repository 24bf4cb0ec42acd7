"""The key bar at the bottom of a screen: the keys of the focused widget and the screen in ONE
widget, drawn like Textual's Footer (which mounts a widget per key, and mounts them all again on
every focus change: most of the cost of a stage's first visit)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.style import Style
from rich.text import Text
from textual import events
from textual.widget import Widget

if TYPE_CHECKING:
    from textual.binding import Binding
    from textual.screen import Screen

EDGE = "▏"  # the left edge of the palette key, as Footer's vkey border draws it


class KeyBar(Widget):
    """Every shown key as ``key description``, the palette key on the right; click runs a key."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES = {
        "key-bar--key",
        "key-bar--description",
        "key-bar--item",
        "key-bar--edge",
        "key-bar--hover",
    }
    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
        .key-bar--item {
            background: $footer-item-background;
        }
        .key-bar--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        .key-bar--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        .key-bar--edge {
            color: $foreground 20%;
        }
        .key-bar--hover {
            color: $footer-key-foreground;
            background: $block-hover-background;
        }
    }
    """
    # Click targets are spans with an @click action; Textual's link colours would repaint them.
    auto_links = False

    def __init__(self) -> None:
        super().__init__()
        self._hover: str | None = None

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen) -> None:
        if screen.app.app_focus and screen is self.screen:
            self.refresh()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        self._set_hover(event.style.meta.get("key") if event.style else None)

    def on_leave(self) -> None:
        self._set_hover(None)

    def _set_hover(self, key: str | None) -> None:
        if key != self._hover:
            self._hover = key
            self.refresh()

    def shown(self) -> list[tuple[Binding, bool]]:
        """The bindings the bar shows, left to right: one per action, (binding, enabled)."""
        seen: set[str] = set()
        shown: list[tuple[Binding, bool]] = []
        for _node, binding, enabled, _tooltip in self.screen.active_bindings.values():
            if binding.show and binding.action not in seen:
                seen.add(binding.action)
                shown.append((binding, enabled))
        return shown

    def render(self) -> Text:
        right = Text(end="")
        palette = self.screen.active_bindings.get(self.app.COMMAND_PALETTE_BINDING)
        if palette is not None and self.app.ENABLE_COMMAND_PALETTE:
            _node, binding, enabled, _tooltip = palette
            right.append(EDGE, self.get_component_rich_style("key-bar--edge"))
            right.append_text(self._key(binding, enabled, padded=False))
            right.append(" ", self.get_component_rich_style("key-bar--item"))
        width = max(0, self.size.width - right.cell_len)
        left = Text(no_wrap=True, overflow="crop", end="")
        for binding, enabled in self.shown():  # whole keys only: never "d Pilih t"
            item = self._key(binding, enabled, padded=True)
            if left.cell_len + item.cell_len > width:
                break
            left.append_text(item)
        left.truncate(width, pad=True)
        return Text.assemble(left, right, no_wrap=True, end="")

    def _key(self, binding: Binding, enabled: bool, *, padded: bool) -> Text:
        """One key as Footer draws it: `` k description `` (unpadded: ``k description``)."""
        key = binding.key
        key_style = self.get_component_rich_style("key-bar--key", partial=True)
        description_style = self.get_component_rich_style("key-bar--description", partial=True)
        shown = self.app.get_key_display(binding)
        description = binding.description
        if padded:
            text = Text.assemble((f" {shown} ", key_style), (f"{description} ", description_style))
        else:
            text = Text.assemble((shown, key_style), (f" {description}", description_style))
        item = self.get_component_rich_style("key-bar--item")
        if key == self._hover and enabled:
            item += self.get_component_rich_style("key-bar--hover")
        text.stylize_before(item + Style(dim=not enabled))
        text.stylize(Style.from_meta({"@click": f"app.simulate_key({key!r})", "key": key}))
        return text

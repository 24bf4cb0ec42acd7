"""Key bindings declared once: footer label, palette title ("group: verb") and remap id together.

``key("j,down", "cursor_down", "coding.down")`` reads the footer label from ``tui_keys.yaml``
under ``coding.down`` and the palette verb under ``coding.down/verb``; the part of the id before
the first dot names the palette group (``tui_keys.group.coding`` → "kondensasi"). The id is the
name a user's keymap setting remaps (``App.set_keymap``).
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from textual.binding import Binding

from qualcode.i18n import has, t

if TYPE_CHECKING:
    from textual.app import App


def key(
    keys: str,
    action: str,
    name: str,
    *,
    show: bool = True,
    priority: bool = False,
    key_display: str | None = None,
) -> Binding:
    """Return a Binding labelled from the ``tui_keys`` catalogue, with id ``name``."""
    # keys: tui_keys.{key()}
    return Binding(
        keys,
        action,
        t(f"tui_keys.{name}"),
        show=show,
        key_display=key_display,
        priority=priority,
        tooltip=palette_title(name),
        id=name,
    )


def palette_title(name: str) -> str:
    """Return the command palette title of a binding id: "group: verb"."""
    group = name.split(".", 1)[0]
    # keys: tui_keys.{key()}/verb?
    verb_key = f"tui_keys.{name}/verb"
    # keys: tui_keys.{key()}
    verb = t(verb_key) if has(verb_key) else t(f"tui_keys.{name}").lower()
    # keys: tui_keys.group.{app,sources,coding,display,conclusions,export,dialog,review}
    return f"{t(f'tui_keys.group.{group}')}: {verb}"


def key_names(app: App, binding: Binding) -> str:
    """Return every key of a binding as the user sees it ("? / F1"), never the raw key names."""
    return " / ".join(
        app.get_key_display(replace(binding, key=part.strip(), key_display=None))
        for part in binding.key.split(",")
    )

"""The codebook as a tree: dimension → indicators, then Upaya → efforts, each with its key.

Keys 1–9 then a–z (then A–Z) are given in codebook order; after ``c`` in the coding screen the
key codes the selection with that code. The tree reports which code is highlighted.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from string import ascii_lowercase, ascii_uppercase, digits

from rich.style import Style
from rich.text import Text
from textual.message import Message
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from qualcode.i18n import get_language
from qualcode.tui.fit import fit_words

KEY_ORDER = digits[1:] + ascii_lowercase + ascii_uppercase


def assign_keys(codebook) -> dict[str, str]:
    """Give every codable code a one-character key, in codebook order."""
    codable = [c for c in codebook.all_codes() if c.kind != "effort_category"]
    return {code.id: KEY_ORDER[i] for i, code in enumerate(codable[: len(KEY_ORDER)])}


def colour_slots(codebook, size: int) -> dict[str, int]:
    """Give every code the colour slot of its dimension (efforts take their dimension's)."""
    slot_of_dim = {d.id: i % size for i, d in enumerate(codebook.dimensions)}
    slots: dict[str, int] = {}
    for code in codebook.all_codes():
        if code.kind == "effort_category":
            continue
        slots[code.id] = slot_of_dim.get(codebook.dimension_of(code.id).id, 0)
    return slots


class CodebookTree(Tree[str]):
    """Codes with their keys and how often each is used in the open source."""

    @dataclass
    class CodeHighlighted(Message):
        """The highlighted code changed."""

        code_id: str

    @dataclass
    class CodeChosen(Message):
        """Enter or a click chose a code (the coding screen then returns to the transcript)."""

        code_id: str

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("codebook", id=id)
        self.auto_expand = False
        self.show_root = False
        self.guide_depth = 2
        self.keys: dict[str, str] = {}
        self.slots: dict[str, int] = {}
        self._code_nodes: dict[str, TreeNode[str]] = {}
        self._counts: Mapping[str, int] = {}
        self._codebook = None
        self._colours: dict[str, str] = {}

    def load(self, codebook, counts: Mapping[str, int] | None = None) -> None:
        """Show a codebook (keys and colours are derived from it)."""
        from qualcode.tui.widgets.transcript_lines import PALETTE_SIZE

        self._codebook = codebook
        variables = self.app.get_css_variables()
        self._colours = {
            name: value
            for name in _COLOUR_NAMES
            if (value := variables.get(name, "")).startswith("#")
        }
        self.keys = assign_keys(codebook)
        self.slots = colour_slots(codebook, PALETTE_SIZE)
        self._counts = counts or {}
        self.clear()
        self._code_nodes = {}
        parents: dict[str, TreeNode[str]] = {}
        for code in codebook.all_codes():
            parent = parents.get(code.parent or "", self.root)
            node = parent.add(self._label(code), data=code.id, expand=True)
            if code.kind in ("dimension", "effort_category"):
                parents[code.id] = node
            else:
                node.allow_expand = False
            self._code_nodes[code.id] = node

    def render_label(self, node: TreeNode[str], base_style: Style, style: Style) -> Text:
        """A code's label, its name cut at a word with "…" when the pane is too narrow.

        The key and colour mark before the name and the count after it always stay.
        """
        text = super().render_label(node, base_style, style)
        room = self.scrollable_content_region.width - self._indent(node)
        if node.data is None or self._codebook is None or room <= 0 or text.cell_len <= room:
            return text
        icon = text.cell_len - node.label.cell_len  # the expand/collapse mark
        label = self._label(self._codebook.code(node.data), width=room - icon)
        label.stylize(style)
        return Text.assemble(text[:icon], label)

    def _indent(self, node: TreeNode[str]) -> int:
        depth, parent = 0, node.parent
        while parent is not None and parent is not self.root:
            depth, parent = depth + 1, parent.parent
        return depth * self.guide_depth

    def _label(self, code, width: int | None = None) -> Text:
        """Key, colour mark, name and count; the name fits ``width`` cells in all when given."""
        lang = get_language()
        colours = self._colours
        key = self.keys.get(code.id)
        label = code.display_label(lang)
        if code.kind == "effort":
            label = label.split("—")[-1].strip()
        count = self._counts.get(code.id, 0)
        slot = self.slots.get(code.id)
        text = Text()
        text.append(f"{key} " if key else "  ", style=f"bold {colours.get('accent', '')}")
        if slot is not None:
            text.append("▌", style=colours.get(f"text-{SLOT_VARS[slot]}", ""))
        bold = "bold" if code.kind in ("dimension", "effort_category") else ""
        tail = f"  {count}" if count else ""
        if width is not None:
            label = fit_words(label, max(1, width - text.cell_len - 1 - len(tail)))
        text.append(f" {label}", style=bold)
        if tail:
            text.append(tail, style=colours.get("text-muted", "dim"))
        return text

    def update_counts(self, counts: Mapping[str, int]) -> None:
        """Show new usage counts (relabels only the codes whose count changed)."""
        if self._codebook is None:
            return
        old = self._counts
        self._counts = dict(counts)
        for code_id, node in self._code_nodes.items():
            if old.get(code_id, 0) != self._counts.get(code_id, 0):
                node.set_label(self._label(self._codebook.code(code_id)))

    def select_code(self, code_id: str) -> None:
        """Move the tree cursor to a code."""
        node = self._code_nodes.get(code_id)
        if node is not None:
            self.move_cursor(node)

    def code_for_key(self, char: str) -> str | None:
        """Return the code bound to a one-character key, if any."""
        for code_id, bound in self.keys.items():
            if bound == char:
                return code_id
        return None

    @property
    def highlighted_code(self) -> str | None:
        node = self.cursor_node
        if node is None or node.data is None:
            return None
        return node.data

    def on_tree_node_highlighted(self, event: Tree.NodeHighlighted) -> None:
        event.stop()
        if event.node.data:
            self.post_message(self.CodeHighlighted(event.node.data))

    def on_tree_node_selected(self, event: Tree.NodeSelected) -> None:
        event.stop()
        if event.node.data:
            self.post_message(self.CodeChosen(event.node.data))


# Colour slots map to theme colours; the transcript's component classes use the same order.
SLOT_VARS = ("primary", "secondary", "accent", "warning", "error", "success")
_COLOUR_NAMES = ("accent", "text-muted", *(f"text-{name}" for name in SLOT_VARS))

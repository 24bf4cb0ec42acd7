"""Text that must fit a column: cut at a word boundary and marked with an ellipsis.

A column header, a code name in the codebook tree or a one-line cell that is wider than its room
is cut after its last whole word that fits, and ends with "…" so a reader sees that text is
missing (never "Prosedur Pel"). Code ids and file names break at hyphens and underscores
("sarana-peralatan" → "sarana…"). A first word longer than the room is cut inside, with "…".
"""

from __future__ import annotations

from rich.cells import cell_len, set_cell_size

ELLIPSIS = "…"
_BREAKS = (" ", "-", "_", "/", "\n")


def fit_words(text: str, width: int) -> str:
    """Return ``text`` if it fits ``width`` cells, else its longest word prefix + "…"."""
    if cell_len(text) <= width:
        return text
    if width <= 1:
        return ELLIPSIS[:width]
    room = width - 1  # the ellipsis takes one cell
    head = set_cell_size(text, room)  # exactly ``room`` cells (wide characters respected)
    if text[len(head) : len(head) + 1] not in _BREAKS:  # the cut falls inside a word
        cut = max(head.rfind(mark) for mark in _BREAKS)
        if cut > 0:
            head = head[:cut]
    return head.rstrip(" ,;:-–—·") + ELLIPSIS

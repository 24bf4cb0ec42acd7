"""The display table's cell wrapping: textwrap's lines, and a clipped cell counts what it hides."""

import random
import textwrap

from qualcode.tui.widgets.table_view import (
    CELL_LINES,
    wrap_cell,
    wrap_paragraph,
    wrapped_line_count,
)


def _laid_out(paragraph: str, width: int) -> list[str]:
    """One paragraph's lines in a cell: as is when it fits, else as textwrap wraps it."""
    return [paragraph] if len(paragraph) <= width else textwrap.wrap(paragraph, width) or [""]


def _laid_out_lines(paragraph: str, width: int) -> int:
    return len(_laid_out(paragraph, width))


def test_wrapping_and_counting_agree_with_textwrap_on_words_hyphens_and_odd_spaces():
    rng = random.Random(7)
    pieces = ["a", "bb", "Antrean", "panjang", "x" * 15, "-", "a-b", "--x", "  ", "\t", "(I4,"]
    for _ in range(20_000):
        words = (rng.choice(pieces) + rng.choice(["", " ", " "]) for _ in range(rng.randint(0, 25)))
        paragraph = "".join(words)
        width = rng.randint(1, 40)
        expected = _laid_out(paragraph, width)
        assert wrap_paragraph(paragraph, width) == expected, (paragraph, width)
        assert wrapped_line_count(paragraph, width) == len(expected), (paragraph, width)


def test_a_clipped_cell_says_exactly_how_many_lines_it_hides():
    rng = random.Random(3)
    words = ["loket", "antrean", "panjang-pendek", "petugas", "sering", "mati", "(I4,", "I7)"]
    paragraphs = [
        " ".join(rng.choice(words) for _ in range(rng.randint(1, 20))) for _ in range(300)
    ]
    total = sum(_laid_out_lines(p, 30) for p in paragraphs)
    lines = wrap_cell("\n".join(paragraphs), 30)
    assert len(lines) == CELL_LINES
    assert lines[-1] == f"… {total - CELL_LINES + 1} baris lagi"

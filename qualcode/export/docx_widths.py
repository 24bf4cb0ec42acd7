"""Column widths of a Word table, fitted to the page from what its columns hold.

Every column gets at least its longest word (headers never break inside a word) and at most
its longest line; between those, widths follow the square root of the amount of text a column
holds, so a column of quotes gets more room than a column of codes while columns of similar
text (a matrix) share alike. A matrix's row labels take at most 30 % of the width.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from qualcode.core.table import Table

CELL_PADDING = 85  # twips left and right inside each cell (0.15 cm)
AVG_CHAR_EM = 0.5  # mean character width of a serif font, in ems (a little generous)
MAX_WORD = 16  # a longer word (a URL, a file name) may break rather than widen its column
MAX_LINE = 70  # beyond this many characters a column only wraps
SAMPLE_ROWS = 2000  # widths are judged on this many rows of a very long table
FIRST_COLUMN_SHARE = 0.3
READABLE_LINE = 18  # characters per line a text column keeps before a table turns landscape


@dataclass(frozen=True, slots=True)
class ColumnSize:
    """What a column holds, in characters: its longest header word, cell word and line, and the
    mean text per cell."""

    header_word: float
    word: int
    line: int
    mean: float


def measure(table: Table) -> list[ColumnSize]:
    """Measure every column of a table (on its first rows when it is very long)."""
    sizes = []
    rows = table.rows[:SAMPLE_ROWS]
    for j, col in enumerate(table.columns):
        header_word = max((len(w) for w in col.label.split()), default=1)
        group_word = max((len(w) for w in col.group.split()), default=0) if col.group else 0
        word = line = total = count = 0
        for row in rows:
            if j >= len(row.cells):
                continue
            text = row.cells[j].text
            size = len(text)
            total += size
            count += 1
            if "\n" in text:
                size = max(map(len, text.split("\n")))
            if size > line:
                line = size
            if size > word:  # a line no longer than the longest word holds no longer word
                word = max(word, max(map(len, text.split()), default=0))
        mean = max(total / count if count else 0.0, len(col.label) / 2, 1.0)
        sizes.append(
            ColumnSize(
                header_word=max(header_word, group_word / 2),
                word=min(word, MAX_WORD),
                line=max(line, min(len(col.label), 24)),
                mean=mean,
            )
        )
    return sizes


def column_widths(
    table: Table, available: int, font_size: float, sizes: list[ColumnSize] | None = None
) -> list[int]:
    """Share ``available`` twips among a table's columns (see the module's rules)."""
    if not table.columns:
        return []
    mins, wants, weights = _bounds(sizes or measure(table), available, font_size)
    total_min, total_want = sum(mins), sum(wants)
    if total_min >= available:
        widths = [m * available / total_min for m in mins]
    elif total_want <= available:
        widths = [w * available / total_want for w in wants]
    else:
        widths = _weighted_fill(mins, wants, weights, available)
    out = [max(1, math.floor(w)) for w in widths]
    out[-1] += available - sum(out)
    return out


def fits(
    table: Table, available: int, font_size: float, sizes: list[ColumnSize] | None = None
) -> bool:
    """Tell whether a table reads well in ``available`` twips: every text column keeps a short
    phrase per line (or all it needs)."""
    if not table.columns:
        return True
    sizes = sizes or measure(table)
    mins, wants, _weights = _bounds(sizes, available, font_size)
    if sum(mins) > available:
        return False
    phrase = READABLE_LINE * font_size * 20 * AVG_CHAR_EM + 2 * CELL_PADDING
    widths = column_widths(table, available, font_size, sizes)
    return all(
        col.numeric or w >= min(want, phrase) - 1
        for col, w, want in zip(table.columns, widths, wants, strict=True)
    )


def _bounds(
    sizes: list[ColumnSize], available: int, font_size: float
) -> tuple[list[float], list[float], list[float]]:
    """Return each column's narrowest and widest sensible width (twips) and its share weight."""
    char = font_size * 20 * AVG_CHAR_EM
    pad = 2 * CELL_PADDING
    mins = [max(s.header_word * 1.1, s.word, 3) * char + pad for s in sizes]
    wants = [
        max(min(s.line, MAX_LINE) * char + pad, low) for s, low in zip(sizes, mins, strict=True)
    ]
    weights = [math.sqrt(s.mean) for s in sizes]
    if len(sizes) > 3:
        wants[0] = min(wants[0], max(mins[0], available * FIRST_COLUMN_SHARE))
    return mins, wants, weights


def _weighted_fill(
    mins: list[float], wants: list[float], weights: list[float], available: int
) -> list[float]:
    """Return clamp(k · weight, min, want) per column, with k chosen so the widths fill the page."""

    def widths(k: float) -> list[float]:
        return [min(max(k * w, lo), hi) for w, lo, hi in zip(weights, mins, wants, strict=True)]

    lo, hi = 0.0, max(h / w for h, w in zip(wants, weights, strict=True))
    for _ in range(60):
        mid = (lo + hi) / 2
        if sum(widths(mid)) > available:
            hi = mid
        else:
            lo = mid
    return widths(lo)

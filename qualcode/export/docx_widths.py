"""Column widths of a Word table, fitted to the page from what its columns hold.

Every column gets at least its longest word (no word breaks mid-letter, headers included) and at
most its longest line. Between those, the spare width goes step by step to the column whose
widening saves the most lines (rows are as tall as their tallest cell), and what is left follows
the amount of text a column holds; columns of similar text (a matrix) so share alike. Row labels
take at most 30 % of the width.

Words are measured with the advance widths of Times New Roman (bold where the cell is bold) and
scaled for other fonts: an average character width would make "menyebabkan" fit where it does
not, and Word then breaks it as "menyebabka / n".
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

from qualcode.core.table import Cell, Table

CELL_PADDING = 85  # twips left and right inside each cell (0.15 cm)
AVG_CHAR_EM = 0.5  # mean character width of a serif font, in ems (a little generous)
MAX_WORD = 16  # a longer word (a URL, a file name) may break rather than widen its column
MAX_LINE = 70  # beyond this many characters a column only wraps
SAMPLE_ROWS = 2000  # widths are judged on this many rows of a very long table
FIRST_COLUMN_SHARE = 0.3
BALANCE_STEPS = 80  # the spare width is handed out in this many steps
BALANCE_ROWS = 300  # rows of a long table the balancing looks at
HEIGHT_NORM = 4  # the p of the p-norm that stands for a row's tallest cell
WRAP_WASTE = 1.1  # a wrapped line holds about this much less than its width in characters
SHORT_LINE = 24  # a column whose longest line is this short gets it on one line when it can
LIFT_RATIO = 1.6  # … and when that line is at most this many times its narrowest width
READABLE_LINE = 18  # characters per line a text column keeps before a table turns landscape
# A statement opening with one of these and a space ("+ SOP ditetapkan", "  – Kejelasan") hangs
# its marker: the lines it wraps onto start under its text, not under the marker.
MARKERS = frozenset("+−–-•·*")
BOLD_STYLES = frozenset({"strong", "verdict-good", "verdict-bad"})  # cells typeset in bold
BOLD_SCALE = 1.08  # Times New Roman Bold is at most this much wider than the regular face
WORD_SLACK = 1.04  # renderers' own rounding and kerning: a word gets this much more room

# Advance widths of Times New Roman (and its metric twin Liberation Serif), in thousandths of an
# em, character by character.
_GLYPHS = (
    ("abcdefghijklm", "444 500 444 500 444 333 500 500 278 278 500 278 778"),
    ("nopqrstuvwxyz", "500 500 500 500 333 389 278 500 500 722 500 500 444"),
    ("ABCDEFGHIJKLM", "722 667 667 722 611 556 722 722 333 389 722 611 889"),
    ("NOPQRSTUVWXYZ", "722 722 556 722 667 556 611 722 722 944 722 722 611"),
    ("0123456789 ", "500 500 500 500 500 500 500 500 500 500 250"),
    ("!\"#$%&'()*+,-./", "333 408 500 500 833 778 180 333 333 500 564 250 333 250 278"),
    (":;<=>?@[\\]^_`{|}~", "278 278 564 564 564 444 921 333 278 333 469 500 333 480 200 480 541"),
    ("–—“”‘’•·−×›‹", "500 1000 444 444 333 333 350 250 564 564 333 333"),
)
_TIMES_EM = {
    ch: int(width) / 1000
    for chars, widths in _GLYPHS
    for ch, width in zip(chars, widths.split(), strict=True)
}
_OTHER_EM = 0.6  # a letter outside the table (accented, non-Latin): a wide lowercase one
_WIDEST_EM = 1.0 * BOLD_SCALE  # no character is wider ("—", "W" bold)
INDENTED = MARKERS | {" "}
# How much wider than Times New Roman a font sets the same text, by a word of its name.
_FONT_SCALES = (
    ("times", 1.0),
    ("liberation serif", 1.0),
    ("tinos", 1.0),
    ("garamond", 0.97),
    ("calibri", 1.03),
    ("carlito", 1.03),
    ("palatino", 1.08),
    ("book antiqua", 1.08),
    ("cambria", 1.1),
    ("caladea", 1.1),
    ("arial", 1.14),
    ("helvetica", 1.14),
    ("liberation sans", 1.14),
    ("arimo", 1.14),
    ("georgia", 1.16),
    ("century", 1.18),
    ("bookman", 1.22),
    ("tahoma", 1.2),
    ("segoe", 1.14),
    ("verdana", 1.3),
)
_UNKNOWN_FONT_SCALE = 1.15  # an unknown font is assumed wide: a narrow column breaks words


def font_scale(font: str) -> float:
    """Return how much wider than Times New Roman ``font`` sets text (1.15 when unknown)."""
    name = font.lower()
    for word, scale in _FONT_SCALES:
        if word in name:
            return scale
    return _UNKNOWN_FONT_SCALE


def text_em(text: str, bold: bool = False) -> float:
    """Return the width of ``text`` set in Times New Roman (bold if asked), in ems."""
    em = sum(_TIMES_EM.get(ch, _OTHER_EM) for ch in text)
    return em * BOLD_SCALE if bold else em


@lru_cache(maxsize=65536)
def _word_em(word: str, bold: bool) -> float:
    return text_em(word, bold)


def longest_word_em(text: str, bold: bool = False, at_least: float = 0.0) -> float:
    """Return the width in ems of the widest word of ``text``, or ``at_least`` if wider."""
    widest = at_least
    # A word of n characters is at most n × the widest character: shorter ones cannot win.
    floor = widest / _WIDEST_EM
    for word in text.split():
        if len(word) > floor:
            em = _word_em(word, bold)
            if em > widest:
                widest, floor = em, em / _WIDEST_EM
    return widest


def indent_em(line: str) -> tuple[float, float]:
    """Return the leading spaces of a line and its hanging statement marker ("+ ", "– "), in ems:
    the table shows them as an indent, so the line's words have that much less room."""
    text = line.lstrip(" ")
    lead = (len(line) - len(text)) * _TIMES_EM[" "]
    if len(text) > 2 and text[0] in MARKERS and text[1] == " ":
        return lead, text_em(text[:2])
    return lead, 0.0


@dataclass(frozen=True, slots=True)
class ColumnSize:
    """What a column holds: its widest header word and cell word (ems of Times New Roman, bold
    where typeset bold), its longest line and its mean text per cell (characters); whether it
    holds numbers; and, when every line of its cells is short, the widest of them (ems)."""

    header_word: float
    word: float
    line: int
    mean: float
    numeric: bool = False
    short: float = 0.0


def measure(table: Table) -> list[ColumnSize]:
    """Measure every column of a table (on its first rows when it is very long)."""
    sizes = []
    rows = table.rows[:SAMPLE_ROWS]
    cap = MAX_WORD * AVG_CHAR_EM
    blank = Cell()
    for j, col in enumerate(table.columns):
        header_word = max(longest_word_em(col.label, bold=True), AVG_CHAR_EM)
        # A group header spans at least two columns: each holds half of its widest word.
        group_word = longest_word_em(col.group, bold=True) / 2 if col.group else 0.0
        word = short = 0.0
        line = total = count = 0
        for row in rows:
            cell = row.cells[j] if j < len(row.cells) else blank
            text = cell.text
            size = len(text)
            total += size
            count += 1
            if "\n" in text:
                size = max(map(len, text.split("\n")))
            if size > line:
                line = size
            if line <= SHORT_LINE and text:
                bold = cell.style in BOLD_STYLES
                short = max(short, *(_word_em(part, bold) for part in text.split("\n")))
            if word < cap and size * _WIDEST_EM > word:
                # Statements share one indent: the first one's stands for all of them.
                lead, hang = indent_em(text) if text[:1] in INDENTED else (0.0, 0.0)
                bold = cell.style in BOLD_STYLES
                word = longest_word_em(text, bold, word - lead - hang) + lead + hang
        mean = max(total / count if count else 0.0, len(col.label) / 2, 1.0)
        sizes.append(
            ColumnSize(
                header_word=max(header_word, group_word),
                word=min(word, cap),
                line=max(line, min(len(col.label), 24)),
                mean=mean,
                numeric=col.numeric,
                short=short if line <= SHORT_LINE else 0.0,
            )
        )
    return sizes


def column_widths(
    table: Table,
    available: int,
    font_size: float,
    sizes: list[ColumnSize] | None = None,
    font: str = "Times New Roman",
) -> list[int]:
    """Share ``available`` twips among a table's columns (see the module's rules)."""
    if not table.columns:
        return []
    sizes = sizes or measure(table)
    mins, wants, weights = _bounds(sizes, available, font_size, font)
    total_min, total_want = sum(mins), sum(wants)
    # A column of short labels ("belum berkualitas") keeps them on one line when that costs
    # little and the others can still have their minimum: a wrapped two-word label looks broken.
    em = font_size * 20 * font_scale(font) * WORD_SLACK
    lines = [size.short * em + 2 * CELL_PADDING for size in sizes]
    lifted = [
        max(low, line) if size.short and line <= LIFT_RATIO * low else low
        for size, low, line in zip(sizes, mins, lines, strict=True)
    ]
    if total_min < sum(lifted) <= available:
        mins, total_min = lifted, sum(lifted)
    if total_min >= available:
        widths = [m * available / total_min for m in mins]
    elif total_want <= available:
        widths = [w * available / total_want for w in wants]
    else:
        char = font_size * 20 * font_scale(font) * AVG_CHAR_EM
        balanced = _balance(table, mins, wants, available, char)
        widths = _weighted_fill(balanced, wants, weights, available)
    out = [max(1, math.floor(w)) for w in widths]
    out[-1] += available - sum(out)
    return out


def fits(
    table: Table,
    available: int,
    font_size: float,
    sizes: list[ColumnSize] | None = None,
    font: str = "Times New Roman",
    readable: bool = True,
) -> bool:
    """Tell whether a table fits ``available`` twips: every column holds its longest word side
    by side (else columns are squeezed and words break) and, when ``readable``, every text
    column keeps a short phrase per line (or all it needs)."""
    if not table.columns:
        return True
    sizes = sizes or measure(table)
    mins, wants, _weights = _bounds(sizes, available, font_size, font)
    if sum(mins) > available:
        return False
    if not readable:
        return True
    phrase = READABLE_LINE * font_size * 20 * AVG_CHAR_EM * font_scale(font) + 2 * CELL_PADDING
    widths = column_widths(table, available, font_size, sizes, font)
    return all(
        col.numeric or w >= min(want, phrase) - 1
        for col, w, want in zip(table.columns, widths, wants, strict=True)
    )


def _bounds(
    sizes: list[ColumnSize], available: int, font_size: float, font: str = "Times New Roman"
) -> tuple[list[float], list[float], list[float]]:
    """Return each column's narrowest and widest sensible width (twips) and its share weight."""
    em = font_size * 20 * font_scale(font)
    char = em * AVG_CHAR_EM
    pad = 2 * CELL_PADDING
    mins = [max(s.header_word, s.word, 3 * AVG_CHAR_EM) * em * WORD_SLACK + pad for s in sizes]
    wants = [
        max(min(s.line, MAX_LINE) * char + pad, low) for s, low in zip(sizes, mins, strict=True)
    ]
    weights = [math.sqrt(s.mean) for s in sizes]
    # Row labels stay narrow; a first column that holds the most text (quotes) is no label.
    texts = [s.mean for s in sizes[1:] if not s.numeric]
    if len(sizes) > 3 and (not texts or sizes[0].mean < max(texts)):
        wants[0] = min(wants[0], max(mins[0], available * FIRST_COLUMN_SHARE))
    return mins, wants, weights


def _balance(
    table: Table, mins: list[float], wants: list[float], available: int, char: float
) -> list[float]:
    """Return widths grown from ``mins`` in small steps, each step to the column whose widening
    saves the most lines over the rows (a row is as tall as its tallest cell).

    Sharing by text amount alone misjudges tables such as the quote list, where the quotes are
    the long text but a code path of three lines in a narrow column sets the height of every
    row; this puts the width where the lines are. Rows are sampled evenly through long tables.
    """
    import numpy as np

    n_cols = len(mins)
    step = (available - sum(mins)) / BALANCE_STEPS
    picked = table.rows[:: max(1, len(table.rows) // BALANCE_ROWS)][:BALANCE_ROWS]
    n_rows = len(picked)
    if n_cols < 2 or step <= 0 or not n_rows:
        return list(mins)
    sizes: list[int] = []
    slots: list[int] = []  # row * n_cols + column of each line of text
    for i, row in enumerate(picked):
        for j, cell in enumerate(row.cells[:n_cols]):
            for line in cell.text.split("\n"):
                sizes.append(len(line))
                slots.append(i * n_cols + j)
    length = np.asarray(sizes, dtype=float) * WRAP_WASTE
    slot = np.asarray(slots, dtype=np.intp)
    column = slot % n_cols

    def lines(widths: np.ndarray) -> np.ndarray:
        """Estimated lines of every cell (rows × columns) at the given column widths."""
        per_line = np.maximum(widths - 2 * CELL_PADDING, char) / char
        counts = np.maximum(1.0, length / per_line[column])
        return np.bincount(slot, counts, minlength=n_rows * n_cols).reshape(n_rows, n_cols)

    widths = np.asarray(mins, dtype=float)
    limit = np.asarray(wants, dtype=float)
    # A row's height is its tallest cell; a p-norm stands for that maximum but stays smooth, so
    # two equally tall cells both still gain from more width and similar columns share alike.
    power = lines(widths) ** HEIGHT_NORM
    total = power.sum(axis=1, keepdims=True)
    for _ in range(BALANCE_STEPS):
        grown = lines(widths + step) ** HEIGHT_NORM
        after = np.maximum(total - power + grown, 0.0) ** (1 / HEIGHT_NORM)
        gain = (total ** (1 / HEIGHT_NORM) - after).sum(axis=0)
        gain[widths + step > limit] = 0.0
        best = int(gain.argmax())
        if gain[best] <= 1e-6:
            break
        widths[best] += step
        total += (grown[:, best] - power[:, best])[:, None]
        power[:, best] = grown[:, best]
    return widths.tolist()


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

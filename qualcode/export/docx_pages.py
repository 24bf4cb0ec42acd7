"""Where a long table's pages end, by estimate: a thesis prints "Lanjutan Tabel 4.n" above the
part of a table continued on a new page, so the export splits a long table there itself.

Heights are estimated generously (words wrapped at a little under half an em a character) and
a page is filled only to ``PAGE_FILL``: Word's own page break must come after
ours, or a page would hold a header and nothing else. A row is never left to Word to split:
one taller than what is left of a page is cut between its statements here, its label repeated.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, replace

from qualcode.core.table import CONTINUED, Cell, Row, Table
from qualcode.export.docx_table import STATEMENT_GAP
from qualcode.export.docx_widths import CELL_PADDING, MARKERS

LINE_HEIGHT = 1.15  # a single-spaced line of Times New Roman, in ems, rounded up
TEXT_LINE = 1.11  # the same as Word and LibreOffice lay it out (ascent + descent)
CHAR_EM = 0.45  # a character of Times New Roman text with its space, in ems (a little generous)
PAGE_FILL = 0.95  # the share of a page's height the estimate fills before it breaks
ROW_EXTRA = 15  # twips a row adds to its text: its border
START_LINES = 6  # lines of its first row a table needs under its caption to start on a page
PARAGRAPH_SPACE = {"caption": (240, 120), "note": (60, 0), "source": (60, 240)}


@dataclass(frozen=True, slots=True)
class Page:
    """The geometry the estimate works in: text height (twips), cell text size and em."""

    height: float
    size: float
    em: float

    @property
    def line(self) -> float:
        return self.size * 20 * TEXT_LINE

    @property
    def room(self) -> float:
        return self.height * PAGE_FILL


def text_lines(text: str, chars: float) -> int:
    """The lines ``text`` takes when its words wrap at ``chars`` characters a line."""
    return sum(_wrapped(line, chars) for line in text.split("\n"))


@functools.lru_cache(maxsize=65536)
def _wrapped(line: str, chars: float) -> int:
    """The lines one paragraph takes. Memoised: a tall row split across pages is measured again
    for what is left of it on each page, which without this grew with the square of its size."""
    room = chars - 2 if line[:1] in MARKERS else chars  # a hanging mark and its indent
    if len(line) <= room:
        return 1
    lines, filled = 1, 0
    for word in line.split():
        size = len(word)
        if filled and filled + 1 + size > room:
            lines += 1
            filled = 0
        filled += size + (1 if filled else 0)
        while filled > room >= 1:  # a word longer than the line breaks
            lines += 1
            filled -= int(room)
    return lines


def row_height(cells: tuple[Cell, ...], per_line: list[float], page: Page) -> float:
    """The estimated height of a row in twips: its tallest cell, statement gaps included."""
    tallest = 0.0
    for cell, chars in zip(cells, per_line, strict=False):
        text = cell.text
        height = text_lines(text, chars) * page.line + text.count("\n") * STATEMENT_GAP
        tallest = max(tallest, height)
    return tallest + ROW_EXTRA


def paragraph_height(text: str, width: float, size: float, kind: str) -> float:
    """The estimated height of a caption, note or source paragraph ``width`` twips wide."""
    before, after = PARAGRAPH_SPACE[kind]
    chars = max(1.0, width / (size * 20 * CHAR_EM))
    return text_lines(text, chars) * size * 20 * TEXT_LINE + before + after


def per_line(widths: list[int], em: float) -> list[float]:
    """Characters a line holds in each column of these widths."""
    char = em * CHAR_EM
    return [max(1.0, (w - 2 * CELL_PADDING) / char) for w in widths]


def header_height(table: Table, chars: list[float], page: Page) -> float:
    """The header row(s): bold labels (a fifth wider), two rows when columns are grouped."""
    labels = tuple(Cell(c.label + " " * (len(c.label) // 5)) for c in table.columns)
    height = row_height(labels, chars, page)
    return height * 2 if any(c.group for c in table.columns) else height


def start_height(table: Table, widths: list[int], page: Page) -> float:
    """What a table needs under its caption to start on a page: its header and its first row
    (or ``START_LINES`` of it, when a tall first row may be cut)."""
    chars = per_line(widths, page.em)
    first = row_height(table.rows[0].cells, chars, page) if table.rows else page.line
    return header_height(table, chars, page) + min(first, START_LINES * page.line) + ROW_EXTRA


def paginate(
    table: Table, widths: list[int], page: Page, used: float, tail: float = 0.0
) -> tuple[list[tuple[Row, ...]], float]:
    """Split a table's rows into pages, and return them with the height used on the page where
    the table ends. ``used`` is what the page already holds above the first row (its caption);
    ``tail`` the notes and source line kept with the last row (they go on its page).

    A row taller than what is left of a page is itself split between its statements (the lines
    of its cells), its first cell (the informant, the dimension) repeated on the next page, so
    that no page starts mid-row without saying whose row it is.
    """
    chars = per_line(widths, page.em)
    head = header_height(table, chars, page)
    pages: list[list[Row]] = [[]]
    used += head
    group = None
    queue = list(table.rows)
    while queue:
        row = queue.pop(0)
        height = row_height(row.cells, chars, page)
        if row.group and row.group != group:
            height += page.line + ROW_EXTRA  # the group's label row above it
        left = page.room - used
        if height <= left:
            pages[-1].append(row)
            group = row.group
            used += height
            continue
        fitted, rest = split_row(row, chars, page, left, table)
        if fitted is not None:
            pages[-1].append(fitted)
            queue.insert(0, rest)
        elif not pages[-1]:
            # Nothing fits under the caption: caption and row move to the next page together;
            # a row taller than a whole page is cut wherever it must be.
            fitted, rest = split_row(row, chars, page, page.room - head, table)
            if fitted is None:
                pages[-1].append(row)
                used = head + height % page.room
                group = row.group
                continue
            pages[-1].append(fitted)
            queue.insert(0, rest)
        else:
            queue.insert(0, row)
        pages.append([])
        used = head + page.line * 2  # the "Lanjutan" line above the repeated header
        group = None  # the group's label is repeated at the top of the page
    last = pages[-1]
    if used + tail > page.room and len(last) > 1 and (len(pages) > 1 or last):
        # The last row keeps with the notes under it: both start the next page, labelled.
        pages.append([last.pop()])
        used = head + page.line * 2 + row_height(pages[-1][0].cells, chars, page)
    return [tuple(rows) for rows in pages if rows], used + tail


def split_row(
    row: Row, chars: list[float], page: Page, room: float, table: Table
) -> tuple[Row | None, Row]:
    """Cut a row between its cells' lines so that the first part fits in ``room`` twips: the
    first cell (its label) is repeated in the second part. (None, row) when no line fits."""
    room -= ROW_EXTRA + (page.line + ROW_EXTRA if row.group else 0)
    heads, rests = [], []
    for j, cell in enumerate(row.cells):
        if j == 0:
            heads.append(cell)
            rests.append(cell)
            continue
        lines = cell.text.split("\n") if cell.text else []
        taken, height = 0, 0.0
        for line in lines:
            step = text_lines(line, chars[j]) * page.line + (STATEMENT_GAP if taken else 0)
            if height + step > room:
                break
            height += step
            taken += 1
        numeric = j < len(table.columns) and table.columns[j].numeric
        if numeric:
            taken = len(lines) if height <= room else 0
        heads.append(cell._replace(text="\n".join(lines[:taken])))
        rests.append(cell._replace(text="\n".join(lines[taken:])))
    first_label = row_height((row.cells[0],), chars[:1], page) - ROW_EXTRA
    if first_label > room or not any(c.text for c in heads[1:]):
        return None, row
    if not any(c.text for c in rests[1:]):
        return None, row  # it fits after all (rounding): keep it whole
    rest = replace(row, key=row.key + CONTINUED, cells=tuple(rests))
    return replace(row, cells=tuple(heads)), rest

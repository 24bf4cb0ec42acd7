"""One ``Table`` as a Word table: fitted column widths, repeated bold header, merged group rows."""

from __future__ import annotations

from xml.sax.saxutils import escape

from qualcode.core.table import Cell, Table
from qualcode.export.docx_anchors import anchored_cell
from qualcode.export.docx_style import BORDER, GROUP_FILL, HEADER_FILL, StyleIds, runs
from qualcode.export.docx_widths import (
    AVG_CHAR_EM,
    BOLD_STYLES,
    CELL_PADDING,
    INDENTED,
    SAMPLE_ROWS,
    WRAP_WASTE,
    indent_em,
)

STATEMENT_GAP = 60  # twips after each statement but the last in a cell (3 pt)
# A row of at most this many lines is kept whole on one page: a two-line row cut in half by a
# page break reads badly, while a taller row may run on to the next page rather than leave a
# large gap.
KEEP_ROW_LINES = 6
# A table of at most this many lines (half a portrait page) is kept whole on one page, under its
# caption, rather than leaving its last row or two alone on the next page.
KEEP_TABLE_LINES = 24
VERDICT_STYLES = frozenset({"verdict-good", "verdict-bad"})


def _cell(text_xml: str, width: int, extra: str = "") -> str:
    return f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{extra}</w:tcPr>{text_xml}</w:tc>'


def _indent(line: str, em: float) -> tuple[str, str]:
    """Return a line without its leading spaces, and the indent (``<w:ind>``) that replaces them
    and hangs its statement marker; ``em`` is the text's em in twips."""
    lead, hang = indent_em(line)
    if not lead and not hang:
        return line, ""
    left, hanging = round((lead + hang) * em), round(hang * em)
    return line.lstrip(" "), f'<w:ind w:left="{left}" w:hanging="{hanging}"/>'


def _paragraphs(cell: Cell, style: str, center: bool, keep: bool = False, em: float = 240.0) -> str:
    """Return one paragraph per line of a cell's text, formatted after its semantic style."""
    head = f'<w:pPr><w:pStyle w:val="{style}"/>' + ("<w:keepNext/>" if keep else "")
    tail = ('<w:jc w:val="center"/>' if center else "") + "</w:pPr>"
    # Several statements in one cell: a little space after each keeps them apart.
    spacing = f'<w:spacing w:after="{STATEMENT_GAP}"/>'
    # Polarity and conflict show in the text (+ / −), not as colour: the thesis prints in black.
    # A verdict is bold, the researcher's note under it is not.
    bold = cell.style in BOLD_STYLES
    bold_lines = 1 if cell.style in VERDICT_STYLES else None
    color = "595959" if cell.style == "muted" else ""
    plain = not (bold or color)
    out = []
    lines = cell.text.split("\n") if cell.text else [""]
    last = len(lines) - 1
    for i, line in enumerate(lines):
        ind = ""
        if line and line[0] in INDENTED and not center:
            line, ind = _indent(line, em)
        ppr = head + (spacing if i < last else "") + ind + tail
        if not line:
            out.append(f"<w:p>{ppr}</w:p>")
        elif plain and "\t" not in line:
            out.append(f'<w:p>{ppr}<w:r><w:t xml:space="preserve">{escape(line)}</w:t></w:r></w:p>')
        else:
            strong = bold and (bold_lines is None or i < bold_lines)
            out.append(f"<w:p>{ppr}{runs(line, bold=strong, color=color)}</w:p>")
    return "".join(out)


def _header_rows(table: Table, widths: list[int], style: str) -> str:
    """Return the header row(s), marked to repeat on every page; grouped columns get a span row."""
    shade = (
        f'<w:shd w:val="clear" w:color="auto" w:fill="{HEADER_FILL}"/><w:vAlign w:val="center"/>'
    )
    trpr = "<w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>"

    def head(text: str) -> str:
        return f'<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr>{runs(text)}</w:p>'

    columns = table.columns
    if not any(c.group for c in columns):
        cells = "".join(
            _cell(head(c.label), w, shade) for c, w in zip(columns, widths, strict=True)
        )
        return f"<w:tr>{trpr}{cells}</w:tr>"
    top, bottom = [], []
    j = 0
    while j < len(columns):
        col = columns[j]
        end = j + 1
        while col.group and end < len(columns) and columns[end].group == col.group:
            end += 1
        if col.group:
            span = end - j
            extra = (f'<w:gridSpan w:val="{span}"/>' if span > 1 else "") + shade
            top.append(_cell(head(col.group), sum(widths[j:end]), extra))
            bottom.extend(
                _cell(head(c.label), widths[k], shade) for k, c in enumerate(columns[j:end], j)
            )
        else:
            top.append(_cell(head(col.label), widths[j], '<w:vMerge w:val="restart"/>' + shade))
            bottom.append(_cell(head(""), widths[j], "<w:vMerge/>" + shade))
        j = end
    return f"<w:tr>{trpr}{''.join(top)}</w:tr><w:tr>{trpr}{''.join(bottom)}</w:tr>"


def table_lines(table: Table, widths: list[int], em: float) -> float:
    """Estimate the lines a table takes at these column widths (``em`` in twips): its rows'
    tallest cells, group rows and a two-line header; judged on the first rows of a long table."""
    char = em * AVG_CHAR_EM
    per_line = [max(w - 2 * CELL_PADDING, char) / char for w in widths]
    rows = table.rows[:SAMPLE_ROWS]
    lines = sum(row_lines(row.cells, per_line) for row in rows)
    lines += sum(
        1 for i, row in enumerate(rows) if row.group and (not i or rows[i - 1].group != row.group)
    )
    return lines * max(1.0, len(table.rows) / max(1, len(rows))) + 2


def row_lines(cells: tuple[Cell, ...], per_line: list[float], limit: float = float("inf")) -> float:
    """Estimate how many lines the tallest cell of a row takes (``per_line`` characters a line
    in each column); stop early once past ``limit``."""
    tallest = 0.0
    for cell, chars in zip(cells, per_line, strict=False):
        text = cell.text
        lines = len(text) * WRAP_WASTE / chars + text.count("\n") + 1
        if lines > tallest:
            tallest = lines
            if tallest > limit:
                break
    return tallest


def table_xml(
    table: Table,
    widths: list[int],
    styles: StyleIds,
    wide: bool,
    empty_text: str,
    em: float = 240.0,
    keep_last: bool = True,
) -> str:
    """Return the WordprocessingML of a table: borders, fixed widths, header, groups, rows.

    ``em`` is the em of the cell text in twips (240 for 12 pt Times New Roman, more for a wider
    font): it sets hanging indents and tells which rows are short enough to keep on one page.
    ``keep_last`` keeps the last row on the page of the notes under it (not for a part of a
    table continued on the next page).
    """
    total = sum(widths)
    n = len(widths)
    sides = "".join(
        f'<w:{side} w:val="{BORDER}" w:sz="4" w:space="0" w:color="000000"/>'
        for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    parts = [
        "<w:tbl><w:tblPr>",
        f'<w:tblW w:w="{total}" w:type="dxa"/>',
        f"<w:tblBorders>{sides}</w:tblBorders>",
        '<w:tblLayout w:type="fixed"/>',
        f'<w:tblCellMar><w:left w:w="{CELL_PADDING}" w:type="dxa"/>'
        f'<w:right w:w="{CELL_PADDING}" w:type="dxa"/></w:tblCellMar>',
        '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" w:lastColumn="0" '
        'w:noHBand="0" w:noVBand="1"/>',
        "</w:tblPr><w:tblGrid>",
        "".join(f'<w:gridCol w:w="{w}"/>' for w in widths),
        "</w:tblGrid>",
        _header_rows(table, widths, styles.header[wide]),
    ]
    text_style = styles.text[wide]
    group_style = styles.group[wide]
    group_extra = (f'<w:gridSpan w:val="{n}"/>' if n > 1 else "") + (
        f'<w:shd w:val="clear" w:color="auto" w:fill="{GROUP_FILL}"/>'
    )
    tcpr = [f'<w:tcPr><w:tcW w:w="{w}" w:type="dxa"/></w:tcPr>' for w in widths]
    numeric = [c.numeric for c in table.columns]
    last_row = table.rows[-1] if table.rows and keep_last else None
    char = em * AVG_CHAR_EM
    per_line = [max(w - 2 * CELL_PADDING, char) / char for w in widths]
    # Every paragraph of a small table keeps with the next: Word then moves the table whole.
    whole = (
        keep_last
        and len(table.rows) <= KEEP_TABLE_LINES
        and (
            sum(row_lines(row.cells, per_line) + bool(row.group) for row in table.rows)
            <= KEEP_TABLE_LINES
        )
    )
    for group, rows in table.groups():
        if group:
            para = f'<w:p><w:pPr><w:pStyle w:val="{group_style}"/></w:pPr>{runs(group)}</w:p>'
            parts.append(
                f"<w:tr><w:trPr><w:cantSplit/></w:trPr>{_cell(para, total, group_extra)}</w:tr>"
            )
        for row in rows:
            short = row_lines(row.cells, per_line, KEEP_ROW_LINES) <= KEEP_ROW_LINES
            parts.append("<w:tr><w:trPr><w:cantSplit/></w:trPr>" if short else "<w:tr>")
            # The last row always stays on the page of the notes and source line.
            keep = whole or row is last_row
            for j in range(n):
                cell = row.cells[j] if j < len(row.cells) else Cell()
                paras = _paragraphs(cell, text_style, numeric[j], keep, em)
                column = table.columns[j].key if j < len(table.columns) else str(j)
                paras = anchored_cell(paras, table, row.key, column, cell.text)
                parts.append(f"<w:tc>{tcpr[j]}{paras}</w:tc>")
            parts.append("</w:tr>")
    if not table.rows:
        para = _paragraphs(Cell(empty_text, style="muted"), text_style, False)
        span = f'<w:gridSpan w:val="{n}"/>' if n > 1 else ""
        parts.append(f"<w:tr>{_cell(para, total, span)}</w:tr>")
    parts.append("</w:tbl>")
    return "".join(parts)

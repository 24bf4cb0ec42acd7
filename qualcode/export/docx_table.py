"""One ``Table`` as a Word table: fitted column widths, repeated bold header, merged group rows."""

from __future__ import annotations

from xml.sax.saxutils import escape

from qualcode.core.table import Cell, Table
from qualcode.export.docx_style import BORDER, GROUP_FILL, HEADER_FILL, StyleIds, runs
from qualcode.export.docx_widths import CELL_PADDING

STATEMENT_GAP = 60  # twips after each statement but the last in a cell (3 pt)

_BOLD_STYLES = {"strong", "verdict-good", "verdict-bad"}


def _cell(text_xml: str, width: int, extra: str = "") -> str:
    return f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{extra}</w:tcPr>{text_xml}</w:tc>'


def _paragraphs(cell: Cell, style: str, center: bool, keep: bool = False) -> str:
    """Return one paragraph per line of a cell's text, formatted after its semantic style."""
    head = f'<w:pPr><w:pStyle w:val="{style}"/>' + ("<w:keepNext/>" if keep else "")
    tail = ('<w:jc w:val="center"/>' if center else "") + "</w:pPr>"
    # Several statements in one cell: a little space after each keeps them apart.
    ppr_spaced = head + f'<w:spacing w:after="{STATEMENT_GAP}"/>' + tail
    # Polarity and conflict show in the text (+ / −), not as colour: the thesis prints in black.
    bold = cell.style in _BOLD_STYLES
    color = "595959" if cell.style == "muted" else ""
    plain = not (bold or color)
    out = []
    lines = cell.text.split("\n") if cell.text else [""]
    for i, line in enumerate(lines):
        ppr = ppr_spaced if i < len(lines) - 1 else head + tail
        if not line:
            out.append(f"<w:p>{ppr}</w:p>")
        elif plain and "\t" not in line:
            out.append(f'<w:p>{ppr}<w:r><w:t xml:space="preserve">{escape(line)}</w:t></w:r></w:p>')
        else:
            out.append(f"<w:p>{ppr}{runs(line, bold=bold, color=color)}</w:p>")
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


def table_xml(
    table: Table, widths: list[int], styles: StyleIds, wide: bool, empty_text: str
) -> str:
    """Return the WordprocessingML of a table: borders, fixed widths, header, groups, rows."""
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
    last_row = table.rows[-1] if table.rows else None
    for group, rows in table.groups():
        if group:
            para = f'<w:p><w:pPr><w:pStyle w:val="{group_style}"/></w:pPr>{runs(group)}</w:p>'
            parts.append(
                f"<w:tr><w:trPr><w:cantSplit/></w:trPr>{_cell(para, total, group_extra)}</w:tr>"
            )
        for row in rows:
            parts.append("<w:tr>")
            keep = row is last_row  # the last row stays on the page of the notes and source
            for j in range(n):
                cell = row.cells[j] if j < len(row.cells) else Cell()
                paras = _paragraphs(cell, text_style, numeric[j], keep)
                parts.append(f"<w:tc>{tcpr[j]}{paras}</w:tc>")
            parts.append("</w:tr>")
    if not table.rows:
        para = _paragraphs(Cell(empty_text, style="muted"), text_style, False)
        span = f'<w:gridSpan w:val="{n}"/>' if n > 1 else ""
        parts.append(f"<w:tr>{_cell(para, total, span)}</w:tr>")
    parts.append("</w:tbl>")
    return "".join(parts)

"""Tables as CSV (one file a table), Markdown (one document) and XLSX (one sheet a table).

Every writer is pure: it takes ``Table`` values and returns bytes; ``export.files`` writes them.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Sequence

from qualcode.core.table import Cell, Table
from qualcode.export.common import (
    ExportOptions,
    FixedTimeZip,
    caption,
    cell_value,
    has_column_groups,
    header_label,
    is_grouped,
    source_line,
    unique_names,
)
from qualcode.i18n import t

# ---------------------------------------------------------------------------------------- CSV


def csv_bytes(table: Table, options: ExportOptions | None = None) -> bytes:
    """Return one table as CSV: UTF-8 with a BOM (so Excel reads Indonesian text), CRLF rows.

    Grouped rows get a first column "Kelompok"; cells keep their line breaks (quoted).
    """
    options = options or ExportOptions()
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    grouped = is_grouped(table)
    header = [header_label(col) for col in table.columns]
    if grouped:
        header.insert(0, t("export.group_column", lang=options.language))
    writer.writerow(header)
    for row in table.rows:
        values = [
            cell_value(cell, col) for cell, col in zip(row.cells, table.columns, strict=False)
        ]
        if grouped:
            values.insert(0, row.group)
        writer.writerow(values)
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


# ----------------------------------------------------------------------------------- Markdown


def _md_escape(text: str) -> str:
    """Escape what would break a pipe-table cell or turn text into markup; keep line breaks."""
    text = text.replace("\\", "\\\\")
    for char in "|*_`[]":
        text = text.replace(char, "\\" + char)
    text = text.replace("<", "&lt;")
    return "<br>".join(line.strip() for line in text.replace("\r\n", "\n").split("\n"))


def markdown_text(tables: Sequence[Table], options: ExportOptions | None = None) -> str:
    """Return tables as one Markdown document: caption headings, pipe tables, notes, sources."""
    options = options or ExportOptions()
    parts: list[str] = []
    if options.title:
        parts.append(f"# {_md_escape(options.title)}\n")
    for index, table in enumerate(tables):
        parts.append(f"## {_md_escape(caption(table, index, options))}\n")
        parts.append(_md_table(table, options))
        for note in table.notes:
            parts.append(f"{_md_escape(note)}\n")
        parts.append(f"*{_md_escape(source_line(options))}*\n")
    return "\n".join(parts)


def _md_table(table: Table, options: ExportOptions) -> str:
    columns = table.columns
    if not columns:
        return f"_{t('export.empty_table', lang=options.language)}_\n"
    lines = ["| " + " | ".join(_md_escape(header_label(c)) for c in columns) + " |"]
    lines.append("| " + " | ".join("---:" if c.numeric else "---" for c in columns) + " |")
    blank = [""] * (len(columns) - 1)
    for group, rows in table.groups():
        if group:
            lines.append("| " + " | ".join([f"**{_md_escape(group)}**", *blank]) + " |")
        for row in rows:
            cells = [
                _md_escape(str(cell_value(cell, col)))
                for cell, col in zip(row.cells, columns, strict=False)
            ]
            lines.append("| " + " | ".join(cells) + " |")
    if not table.rows:
        lines.append(
            "| "
            + " | ".join([f"_{t('export.empty_table', lang=options.language)}_", *blank])
            + " |"
        )
    return "\n".join(lines) + "\n"


def markdown_bytes(tables: Sequence[Table], options: ExportOptions | None = None) -> bytes:
    """Return the Markdown document as UTF-8 bytes."""
    return markdown_text(tables, options).encode("utf-8")


# --------------------------------------------------------------------------------------- XLSX

_SHEET_FORBIDDEN = "[]:*?/\\"
_MAX_WIDTH = 60
_SAMPLE_ROWS = 2000
_HEADER_FILL = "D9D9D9"
_GROUP_FILL = "F2F2F2"
_BOLD = ("strong", "verdict-good", "verdict-bad")
_LINE_POINTS = 15  # the height of one line of 11 pt text in a row, in points
_CHARS_PER_UNIT = 1.15  # text characters a wrapped line holds per unit of width (Calibri 11)
_PORTRAIT_WIDTH = 100  # a sheet wider than this (in Excel width units) prints on turned pages
_SHEET_WIDTH = 180  # text columns narrow until a sheet is this wide: it prints at ~75 % on A4


def sheet_names(tables: Sequence[Table], options: ExportOptions) -> list[str]:
    """Return one safe, unique sheet name per table (≤ 31 characters): "4.1 Matriks Faktor…"."""
    raw = [f"{options.number(i)} {table.title}" for i, table in enumerate(tables)]
    return unique_names(raw, 31, _SHEET_FORBIDDEN)


def xlsx_bytes(tables: Sequence[Table], options: ExportOptions | None = None) -> bytes:
    """Return a workbook with one sheet per table: caption, bold frozen header, wrapped cells."""
    from openpyxl import Workbook
    from openpyxl.writer.excel import ExcelWriter

    options = options or ExportOptions()
    workbook = Workbook()
    workbook.remove(workbook.active)
    styles = _named_styles(workbook, options)
    for index, (table, name) in enumerate(zip(tables, sheet_names(tables, options), strict=True)):
        _write_sheet(workbook.create_sheet(name), table, index, options, styles)
    if not tables:
        workbook.create_sheet(t("export.empty_sheet", lang=options.language))
    props = workbook.properties
    props.creator = options.researcher or "qualcode"
    props.lastModifiedBy = options.researcher or "qualcode"
    props.title = options.title or None
    props.created = options.stamp
    props.modified = options.stamp
    buf = io.BytesIO()
    archive = FixedTimeZip(buf, "w", compression=8, allowZip64=True)
    ExcelWriter(workbook, archive).save()
    return buf.getvalue()


def _named_styles(workbook, options: ExportOptions) -> dict[str, str]:
    """Register the cell styles once (named, so Excel lists them and cells share them cheaply).

    Setting fonts and borders cell by cell makes openpyxl hash style objects for every cell,
    which took 30 s for a 20,000-row table; a named style is one lookup.
    """
    from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side

    thin = Side(style="thin", color="808080")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    wrap = Alignment(wrap_text=True, vertical="top")
    lang = options.language
    specs = {
        "text": (Font(), None, wrap),
        "strong": (Font(bold=True), None, wrap),
        "header": (
            Font(bold=True),
            PatternFill("solid", fgColor=_HEADER_FILL),
            Alignment(wrap_text=True, vertical="center", horizontal="center"),
        ),
        "group": (Font(bold=True), PatternFill("solid", fgColor=_GROUP_FILL), wrap),
    }
    names = {}
    for key, (font, fill, align) in specs.items():
        # keys: export.style_{text,strong,header,group}
        name = t(f"export.style_{key}", lang=lang)
        style = NamedStyle(name=name, font=font, border=border, alignment=align)
        if fill is not None:
            style.fill = fill
        workbook.add_named_style(style)
        names[key] = name
    return names


def _write_sheet(
    ws, table: Table, index: int, options: ExportOptions, styles: dict[str, str]
) -> None:
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    ncols = max(1, len(table.columns))
    widths = _widths(table)
    title = _spanning(ws, 1, caption(table, index, options), widths)
    title.font = Font(bold=True, size=12)
    r = 2
    grouped_header = has_column_groups(table)
    if grouped_header:
        _group_header(ws, table, r, styles["header"])
        r += 1
    for j, col in enumerate(table.columns, start=1):
        if grouped_header and not col.group:
            continue  # merged down from the row above
        ws.cell(row=r, column=j, value=col.label).style = styles["header"]
    ws.freeze_panes = ws.cell(row=r + 1, column=1)
    # Bold headers wrap sooner than text: measured a fifth wider.
    labels = [Cell(col.label + " " * (len(col.label) // 5)) for col in table.columns]
    header_lines = _row_lines(labels, widths)
    if header_lines > 1:
        ws.row_dimensions[r].height = header_lines * _LINE_POINTS
    _print_setup(ws, widths, 2, r)
    r += 1
    for group, rows in table.groups():
        if group:
            ws.cell(row=r, column=1, value=group)
            for j in range(1, ncols + 1):
                ws.cell(row=r, column=j).style = styles["group"]
            if ncols > 1:
                ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=ncols)
            r += 1
        for row in rows:
            for j, (value_cell, col) in enumerate(
                zip(row.cells, table.columns, strict=False), start=1
            ):
                cell = ws.cell(row=r, column=j, value=cell_value(value_cell, col))
                cell.style = styles["strong" if value_cell.style in _BOLD else "text"]
            lines = _row_lines(row.cells, widths)
            if lines > 1:  # wrapped text is shown whole: not every reader re-fits row heights
                ws.row_dimensions[r].height = lines * _LINE_POINTS
            r += 1
    r += 1
    for note in table.notes:
        _spanning(ws, r, note, widths)
        r += 1
    _spanning(ws, r, source_line(options), widths).font = Font(italic=True)
    for j, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(j)].width = width
    ws.print_area = f"A1:{get_column_letter(ncols)}{r}"


def _spanning(ws, r: int, text: str, widths: list[float]):
    """Write a line of text (caption, note, source) across the table's width, wrapped within
    it: overflowing to the right, it would widen the printed page and shrink the table."""
    from openpyxl.styles import Alignment

    cell = ws.cell(row=r, column=1, value=text)
    cell.alignment = Alignment(wrap_text=True, vertical="top")
    if len(widths) > 1:
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=len(widths))
    lines = _row_lines([Cell(text)], [sum(widths)])
    if lines > 1:
        ws.row_dimensions[r].height = lines * _LINE_POINTS
    return cell


def _row_lines(cells, widths: list[float]) -> int:
    """Estimate the lines of a row's tallest cell at these column widths (Excel units)."""
    tallest = 1
    for cell, width in zip(cells, widths, strict=False):
        text = cell.text
        chars = max(1.0, width - 1) * _CHARS_PER_UNIT
        if len(text) <= chars and "\n" not in text:
            continue  # one line, as most cells are
        lines = sum(math.ceil(max(1, len(line)) / chars) for line in text.split("\n"))
        tallest = max(tallest, lines)
    return tallest


def _print_setup(ws, widths: list[float], first_header: int, last_header: int) -> None:
    """Print a sheet on A4, turned when wide, one page wide, its header on every page."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if sum(widths) > _PORTRAIT_WIDTH else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = f"{first_header}:{last_header}"


def _group_header(ws, table: Table, r: int, style: str) -> None:
    """Write the spanning header row above grouped columns and merge it (and lone headers)."""
    j = 1
    columns = table.columns
    while j <= len(columns):
        col = columns[j - 1]
        end = j
        while col.group and end < len(columns) and columns[end].group == col.group:
            end += 1
        ws.cell(row=r, column=j, value=col.group or col.label)
        for k in range(j, end + 1):
            ws.cell(row=r, column=k).style = style
            ws.cell(row=r + 1, column=k).style = style
        if col.group and end > j:
            ws.merge_cells(start_row=r, start_column=j, end_row=r, end_column=end)
        elif not col.group:
            ws.merge_cells(start_row=r, start_column=j, end_row=r + 1, end_column=j)
        j = end + 1


def _widths(table: Table) -> list[float]:
    """Column widths in Excel units: wide enough for the header word and typical cell lines,
    narrowed (down to the header word) to a sheet that prints readably on a turned page."""
    widths, floors = [], []
    for j, col in enumerate(table.columns):
        longest = max((len(w) for w in col.label.split()), default=4)
        lines = [
            len(line)
            for row in table.rows[:_SAMPLE_ROWS]
            for line in (row.cells[j].text.split("\n") if j < len(row.cells) else ())
        ]
        typical = max(lines, default=0)
        widths.append(float(min(_MAX_WIDTH, max(longest + 2, min(typical, _MAX_WIDTH) + 2, 6))))
        floors.append(float(min(widths[-1], max(longest + 2, 12))))
    spare = sum(widths) - sum(floors)
    excess = sum(widths) - _SHEET_WIDTH
    if excess > 0 and spare > 0:
        keep = max(0.0, 1 - excess / spare)
        widths = [round(lo + (w - lo) * keep) for w, lo in zip(widths, floors, strict=True)]
    return widths

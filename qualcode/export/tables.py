"""Tables as CSV (one file a table), Markdown (one document) and XLSX (one sheet a table).

Every writer is pure: it takes ``Table`` values and returns bytes; ``export.files`` writes them.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from qualcode.core.table import Cell, Table
from qualcode.export.chapter import spreadsheet_table
from qualcode.export.common import (
    ExportOptions,
    FixedTimeZip,
    caption,
    cell_value,
    header_label,
    slug,
    source_line,
    unique_names,
)
from qualcode.i18n import has, t

# ---------------------------------------------------------------------------------------- CSV


def csv_bytes(table: Table, options: ExportOptions | None = None, index: int = 0) -> bytes:
    """Return one table as CSV: UTF-8 with a BOM (so Excel reads Indonesian text), CRLF rows.

    Comment lines ("# …") above the header give the caption, the source line and the notes;
    row groups become a first column; every header is named once; counts are numbers.
    """
    options = options or ExportOptions()
    table = spreadsheet_table(table, options.language)
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    for line in (caption(table, index, options), source_line(options), *table.notes):
        buf.write("# " + " ".join(line.split()) + "\r\n")
    writer.writerow(unique_headers(table))
    for row in table.rows:
        writer.writerow(
            cell_value(cell, col) for cell, col in zip(row.cells, table.columns, strict=False)
        )
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def unique_headers(table: Table) -> list[str]:
    """One header per column, each named once ("Pendukung — Informan", …)."""
    return unique_names((header_label(col) for col in table.columns), 255)


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
_CHARS_PER_UNIT = 1.2  # text characters a wrapped line holds per unit of width (Times 11)
_PORTRAIT_WIDTH = 100  # a sheet wider than this (in Excel width units) prints on turned pages
_SHEET_WIDTH = 180  # text columns narrow until a sheet is this wide: it prints at ~75 % on A4


def sheet_names(tables: Sequence[Table], options: ExportOptions) -> list[str]:
    """Return one readable, unique sheet name per table (Excel allows 31 characters): the table's
    number and a short name ("4.6 Triangulasi Teknik"); the full caption is in the sheet's row 1."""
    raw = [f"{options.number(i)} {_short_title(table, options)}" for i, table in enumerate(tables)]
    return unique_names((_cut_words(name, 31) for name in raw), 31, _SHEET_FORBIDDEN)


def _short_title(table: Table, options: ExportOptions) -> str:
    """A table's short name for a sheet tab, from the catalogue, else its title."""
    # keys: export.sheet_{informants,findings,factors,efforts,indicators,frequency}?
    # keys: export.sheet_{cooccurrence,contrast,quotes,conclusions}?
    # keys: export.sheet_informant_dimension_{summary,count}?
    # keys: export.sheet_triangulation_{technique,group}?
    base = f"export.sheet_{table.kind.replace('-', '_')}"
    variant = "_".join(slug(v).replace("-", "_") for v in table.options.values())
    for key in (f"{base}_{variant}" if variant else "", base):
        if key and has(key):
            return t(key, lang=options.language)
    return table.title


def _cut_words(text: str, limit: int) -> str:
    """Cut ``text`` to ``limit`` characters at a word boundary (a single long word is cut)."""
    if len(text) <= limit:
        return text
    cut = text[: limit + 1].rsplit(" ", 1)[0].rstrip(" :—-")
    return cut if " " in cut.strip() else text[:limit]


def xlsx_bytes(tables: Sequence[Table], options: ExportOptions | None = None) -> bytes:
    """Return a workbook with one sheet per table: caption in row 1, one bold frozen header row
    with an autofilter, row groups as a column, numbers as numbers, the report's font."""
    from openpyxl import Workbook
    from openpyxl.writer.excel import ExcelWriter

    options = options or ExportOptions()
    workbook = Workbook()
    workbook.remove(workbook.active)
    styles = _named_styles(workbook, options)
    for index, (table, name) in enumerate(zip(tables, sheet_names(tables, options), strict=True)):
        sheet_table = spreadsheet_table(table, options.language)
        _write_sheet(workbook.create_sheet(name), sheet_table, index, options, styles)
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
    size = _cell_size(options)

    def font(**kw) -> Font:
        return Font(name=options.font, size=size, **kw)

    specs = {
        "text": (font(), None, wrap, border),
        "strong": (font(bold=True), None, wrap, border),
        "header": (
            font(bold=True),
            PatternFill("solid", fgColor=_HEADER_FILL),
            Alignment(wrap_text=True, vertical="center", horizontal="center"),
            border,
        ),
        "caption": (Font(name=options.font, size=size + 1, bold=True), None, wrap, Border()),
        "note": (font(), None, wrap, Border()),
        "source": (font(italic=True), None, wrap, Border()),
    }
    names = {}
    for key, (style_font, fill, align, style_border) in specs.items():
        # keys: export.style_{text,strong,header,caption,note,source}
        name = t(f"export.style_{key}", lang=lang)
        style = NamedStyle(name=name, font=style_font, border=style_border, alignment=align)
        if fill is not None:
            style.fill = fill
        workbook.add_named_style(style)
        names[key] = name
    return names


def _cell_size(options: ExportOptions) -> float:
    return options.cell_font_size(False)


def _write_sheet(
    ws, table: Table, index: int, options: ExportOptions, styles: dict[str, str]
) -> None:
    from openpyxl.utils import get_column_letter

    ncols = max(1, len(table.columns))
    widths = _widths(table)
    line = _line_points(options)
    _spanning(ws, 1, caption(table, index, options), widths, styles["caption"], line)
    r = 2
    for j, col in enumerate(unique_headers(table), start=1):
        ws.cell(row=r, column=j, value=col).style = styles["header"]
    header_row = r
    ws.freeze_panes = ws.cell(row=r + 1, column=1)
    # Bold headers wrap sooner than text: measured a fifth wider.
    labels = [Cell(h + " " * (len(h) // 5)) for h in unique_headers(table)]
    ws.row_dimensions[r].height = _row_lines(labels, widths) * line + 4
    _print_setup(ws, widths, r, r)
    r += 1
    for row in table.rows:
        for j, (value_cell, col) in enumerate(zip(row.cells, table.columns, strict=False), start=1):
            cell = ws.cell(row=r, column=j, value=cell_value(value_cell, col))
            cell.style = styles["strong" if value_cell.style == "strong" else "text"]
        lines = _row_lines(row.cells, widths)
        if lines > 1:  # wrapped text is shown whole: not every reader re-fits row heights
            ws.row_dimensions[r].height = lines * line + 2
        r += 1
    last_row = r - 1
    if table.rows:
        ws.auto_filter.ref = f"A{header_row}:{get_column_letter(ncols)}{last_row}"
    r += 1
    for note in table.notes:
        _spanning(ws, r, note, widths, styles["note"], line)
        r += 1
    _spanning(ws, r, source_line(options), widths, styles["source"], line)
    for j, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(j)].width = width
    ws.print_area = f"A1:{get_column_letter(ncols)}{r}"


def _line_points(options: ExportOptions) -> float:
    """The height of one line of cell text in points (single spacing of the report's font)."""
    return round(_cell_size(options) * 1.2, 1)


def _spanning(ws, r: int, text: str, widths: list[float], style: str, line: float):
    """Write a line of text (caption, note, source) across the table's width, wrapped within
    it: overflowing to the right, it would widen the printed page and shrink the table."""
    cell = ws.cell(row=r, column=1, value=text)
    cell.style = style
    if len(widths) > 1:
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=len(widths))
    lines = _row_lines([Cell(text)], [sum(widths)])
    if lines > 1:
        ws.row_dimensions[r].height = lines * line + 2
    return cell


def _row_lines(cells, widths: list[float]) -> int:
    """Count the lines of a row's tallest cell at these column widths (Excel units), wrapping
    its words as a spreadsheet does."""
    tallest = 1
    for cell, width in zip(cells, widths, strict=False):
        text = cell.text
        chars = max(1.0, width - 1) * _CHARS_PER_UNIT
        if len(text) <= chars and "\n" not in text:
            continue  # one line, as most cells are
        tallest = max(tallest, sum(_wrapped(line, chars) for line in text.split("\n")))
    return tallest


def _wrapped(line: str, chars: float) -> int:
    """The lines one paragraph takes when its words wrap at ``chars`` characters."""
    lines, used = 1, 0
    for word in line.split():
        need = len(word) + (1 if used else 0)
        if used and used + need > chars:
            lines += 1
            used = len(word)
            lines += int(used // (chars + 1))
        else:
            used += need
    return lines


def _print_setup(ws, widths: list[float], first_header: int, last_header: int) -> None:
    """Print a sheet on A4, turned when wide, one page wide, its header on every page."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if sum(widths) > _PORTRAIT_WIDTH else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = f"{first_header}:{last_header}"


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

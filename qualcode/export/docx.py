"""Tables as one Word document in skripsi style, ready to paste into chapter IV.

Each table gets a numbered caption above it ("Tabel 4.1 …", a SEQ field so Word's list of tables
finds it), a source line below, a bold header row repeated on every page, borders, merged group
rows, and a landscape section when it is wide. An optional appendix lists, cell by cell, the
quotes behind each table. The writer is pure: quotes come through ``quote_lookup``.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Collection, Sequence
from dataclasses import replace

from qualcode.core.store.quote_refs import QuoteRef
from qualcode.core.table import Cell, Column, Row, Table
from qualcode.export.common import (
    ExportOptions,
    FixedTimeZip,
    all_codings,
    source_line,
)
from qualcode.export.docx_pages import (
    LINE_HEIGHT,
    Page,
    paginate,
    paragraph_height,
    start_height,
)
from qualcode.export.docx_style import (
    apply_styles,
    paragraph,
    runs,
    sect_pr,
    seq_field,
    text_height,
    text_width,
)
from qualcode.export.docx_table import table_lines, table_xml
from qualcode.export.docx_widths import (
    ColumnSize,
    column_widths,
    fits,
    font_scale,
    measure,
)
from qualcode.i18n import has, t

QuoteLookup = Callable[[Sequence[int]], Sequence[QuoteRef]]
LANDSCAPE_SAVING = 0.75  # a table of few columns turns when that leaves it this long or shorter


def docx_bytes(
    tables: Sequence[Table],
    options: ExportOptions | None = None,
    quote_lookup: QuoteLookup | None = None,
    appendix_kinds: Collection[str] | None = None,
) -> bytes:
    """Return the DOCX of ``tables`` and, with ``options.quotes``, an appendix of the quotes
    behind their cells (only for tables of ``appendix_kinds`` when given)."""
    from docx import Document

    options = options or ExportOptions()
    document = Document()
    sizes = {wide: options.cell_font_size(wide) for wide in (False, True)}
    styles = apply_styles(document, options, sizes)
    appendix = []
    if options.quotes and quote_lookup is not None:
        appendix = _appendix(tables, options, quote_lookup, appendix_kinds)
    main_xml = _document_xml(document, _body(tables, appendix, options, styles))
    _set_properties(document, options)
    return _save(document, {str(document.part.partname): main_xml})


def _body(
    tables: Sequence[Table], appendix: list[tuple[str, Table]], options: ExportOptions, styles
) -> str:
    """Return the body XML: heading, then per table caption, table, notes, source; then appendix."""
    lang = options.language
    tables = [without_group_column(tb) for tb in tables]
    sizes = [measure(tb) for tb in tables]
    orient = [is_wide(tb, options, sz) for tb, sz in zip(tables, sizes, strict=True)]
    blocks: list[tuple[bool, list[str]]] = []  # (landscape, paragraphs and tables) per section

    def section(landscape: bool) -> list[str]:
        if not blocks or blocks[-1][0] != landscape:
            blocks.append((landscape, []))
        return blocks[-1][1]

    # No heading: pasted into chapter IV, a Heading 1 would enter the table of contents. The
    # study's title is a plain cover note above the first table.
    if options.title:
        first = section(orient[0] if orient else False)
        first.append(paragraph(runs(options.title, italic=True), styles.plain, align="center"))
    label = t("export.table_label", lang=lang)
    used = 0.0  # the estimated height the current page holds, in twips
    for index, table in enumerate(tables):
        wide = orient[index]
        if not blocks or blocks[-1][0] != wide:
            used = 0.0  # a new section starts a new page
        used = min(used, text_height(wide))  # past the page's foot: the page is full
        out = section(wide)
        number = options.first_number + index
        cap = (
            runs(f"{label} {options.chapter}.", bold=True)
            + seq_field(number, restart=index == 0 and number != 1)
            + runs(" " + table.title)
        )
        caption_text = f"{label} {options.number(index)} {table.title}"
        continued = t("export.continued", lang=lang, label=label, number=options.number(index))
        used = _table_block(
            out,
            table,
            wide,
            options,
            styles,
            sizes=sizes[index],
            continued=continued,
            used=used,
            caption=(cap, caption_text),
        )
    if appendix:
        # The quotes are an appendix numbered as one ("Lampiran 1 …"), after the chapter's
        # tables and outside their numbering, each starting on a page of its own.
        out = []
        blocks.append((False, out))
        appendix_label = t("export.appendix_label", lang=lang)
        for number, (title, table) in enumerate(appendix, start=1):
            cap = (
                runs(f"{appendix_label} ", bold=True)
                + seq_field(number, restart=number == 1, name=appendix_label)
                + runs(" " + title)
            )
            out.append(paragraph(cap, styles.caption, page_break=True))
            _table_block(out, table, False, options, styles, source=False)
    parts: list[str] = []
    for i, (landscape, items) in enumerate(blocks):
        if i < len(blocks) - 1:
            # The section ends in its last paragraph; every block ends in one.
            last = items[-1]
            items = [*items[:-1], last.replace("</w:pPr>", sect_pr(landscape) + "</w:pPr>", 1)]
        parts.extend(items)
    final = sect_pr(blocks[-1][0] if blocks else False).replace('<w:type w:val="nextPage"/>', "")
    return "".join(parts) + final


def is_wide(table: Table, options: ExportOptions, sizes: list[ColumnSize] | None = None) -> bool:
    """Tell whether a table gets a landscape page: it asks for one, its words do not fit side by
    side on a portrait page, it has many columns and does not read well there, or a landscape
    page makes it a quarter shorter."""
    if table.landscape:
        return True
    size = options.cell_font_size(False)
    # Many columns must read well on a portrait page; any table must at least hold its words.
    readable = len(table.columns) > options.landscape_columns
    if not fits(table, text_width(False), size, sizes, options.font, readable):
        return True
    if len(table.columns) <= 3:
        return False
    # A long table of a few columns turns too when a landscape page shortens it by a quarter:
    # its text columns are then too narrow on a portrait page (the indicator checklist with
    # the researcher's notes).
    pages = []
    for wide in (False, True):
        cell_size = options.cell_font_size(wide)
        em = cell_size * 20 * font_scale(options.font)
        widths = column_widths(table, text_width(wide), cell_size, sizes, options.font)
        line = cell_size * 20 * LINE_HEIGHT
        pages.append(table_lines(table, widths, em) * line / text_height(wide))
    return pages[0] >= 1 and pages[1] <= LANDSCAPE_SAVING * pages[0]


def without_group_column(table: Table) -> Table:
    """Return ``table`` without a column that only repeats each row's group label.

    The indicator checklist names the dimension both in its group rows and in a column (which a
    spreadsheet needs for filtering); on paper the group row says it once, and the freed width
    often lets the table stay on a portrait page.
    """
    if len(table.columns) < 2 or not table.rows or not all(row.group for row in table.rows):
        return table
    for j, column in enumerate(table.columns):
        if column.numeric or column.group:
            continue
        if all(j < len(row.cells) and row.cells[j].text == row.group for row in table.rows):
            keep = [k for k in range(len(table.columns)) if k != j]
            columns = tuple(table.columns[k] for k in keep)
            rows = tuple(
                replace(row, cells=tuple(row.cells[k] for k in keep if k < len(row.cells)))
                for row in table.rows
            )
            return replace(table, columns=columns, rows=rows)
    return table


def _table_block(
    out: list[str],
    table: Table,
    wide: bool,
    options: ExportOptions,
    styles,
    source: bool = True,
    sizes: list[ColumnSize] | None = None,
    continued: str = "",
    used: float = 0.0,
    caption: tuple[str, str] | None = None,
) -> float:
    """Append a table, its notes and its source line (the paragraph a section may end in).

    With ``continued`` ("Lanjutan Tabel 4.2") a table longer than its page is split where the
    estimate ends each page, and each part after the first starts a new page under that line,
    its header repeated; a table whose caption, header and first lines do not fit under what
    the page holds (``used``) starts on a new page. Return the estimated height used on the
    page where the block ends (a page's height or more: the page is full).
    """
    lang = options.language
    size = options.cell_font_size(wide)
    page = Page(text_height(wide), size, size * 20 * font_scale(options.font))
    tail = _tail_height(table, wide, options, source)
    if caption is not None:
        runs_xml, text = caption
        height = paragraph_height(text, text_width(wide), options.font_size, "caption")
        widths = column_widths(table, text_width(wide), size, sizes, options.font)
        new_page = used > 0 and used + height + start_height(table, widths, page) > page.room
        out.append(paragraph(runs_xml, styles.caption, page_break=new_page))
        used = height + (0.0 if new_page else used)
    if table.columns:
        widths = column_widths(table, text_width(wide), size, sizes, options.font)
        empty = t("export.empty_table", lang=lang)
        parts = [table.rows]
        if continued and table.rows:
            parts, used = paginate(table, widths, page, used, tail)
            tail = 0.0  # counted on the page where the table ends
        for n, rows in enumerate(parts):
            if n:
                line = paragraph(
                    runs(continued, italic=True), styles.plain, keep_next=True, page_break=True
                )
                out.append(line)
            part = table if len(parts) == 1 else replace(table, rows=rows)
            last = n == len(parts) - 1
            out.append(table_xml(part, widths, styles, wide, empty, page.em, keep_last=last))
    for note in table.notes:
        out.append(paragraph(runs(note), styles.note[wide], keep_next=True))
    closing = source_line(options) if source else ""
    out.append(paragraph(runs(closing), styles.source[wide]))
    return used + tail


def _tail_height(table: Table, wide: bool, options: ExportOptions, source: bool) -> float:
    """The estimated height of a table's notes and source line (they stay with its last row)."""
    width, size = text_width(wide), options.cell_font_size(wide)
    notes = sum(paragraph_height(note, width, size, "note") for note in table.notes)
    closing = source_line(options) if source else ""
    return notes + paragraph_height(closing, width, size, "source")


def _appendix(
    tables: Sequence[Table],
    options: ExportOptions,
    lookup: QuoteLookup,
    kinds: Collection[str] | None,
) -> list[tuple[str, Table]]:
    """Return, per table (of ``kinds``, if given), a title and a table of the quotes behind
    each of its non-empty text cells; a quote already listed for an earlier table is not
    listed again (the findings and the factors rest on the same quotes)."""
    lang = options.language
    chosen = [
        (index, table)
        for index, table in enumerate(tables)
        if (kinds is None or table.kind in kinds) and not _is_quote_list(table)
    ]
    quotes = {q.coding_id: q for q in lookup(all_codings([table for _i, table in chosen]))}
    columns = (
        Column("who", t("export.appendix_who", lang=lang)),
        Column("quote", t("export.appendix_quote", lang=lang)),
        Column("summary", t("export.appendix_summary", lang=lang)),
    )
    out: list[tuple[str, Table]] = []
    listed: set[int] = set()
    for index, table in chosen:
        rows: list[Row] = []
        for row in table.rows:
            label = (row.cells[0].text.split("\n")[0] if row.cells else "") or row.key
            if row.group:
                label = f"{row.group} — {label}"
            seen: set[tuple[int, ...]] = set()
            for j, cell in enumerate(row.cells):
                numeric = j < len(table.columns) and table.columns[j].numeric
                if not cell.codings or cell.codings in seen or numeric:
                    continue  # a count's codings are listed where they are statements
                seen.add(cell.codings)
                group = label if j == 0 else f"{label} — {table.columns[j].label}"
                for cid in cell.codings:
                    q = quotes.get(cid)
                    if q is None or cid in listed:
                        continue
                    listed.add(cid)
                    rows.append(
                        Row(
                            key=f"{row.key}:{j}:{cid}",
                            cells=(
                                Cell(_who(q, lang)),
                                Cell(f"“{q.quote.strip()}”"),
                                Cell(q.summary),
                            ),
                            group=group,
                        )
                    )
        if rows:
            label = t("export.table_label", lang=lang)
            number = f"{label} {options.number(index)} {table.title}"
            title = t("export.appendix_title", lang=lang, table=number)
            out.append(
                (
                    title,
                    Table(
                        kind=f"{table.kind}-quotes", title=title, columns=columns, rows=tuple(rows)
                    ),
                )
            )
    return out


def _is_quote_list(table: Table) -> bool:
    """Tell whether every row of a table stands for one coding: it already is a list of quotes."""
    return all(len({c for cell in row.cells for c in cell.codings}) <= 1 for row in table.rows)


def _who(quote: QuoteRef, lang: str) -> str:
    """Who said a quote, as tables cite it: "I3", or "Obs" / "Dok" for observation and documents."""
    if quote.informant:
        return quote.informant
    # keys: export.cite_{wawancara,observasi,dokumentasi}?
    key = f"export.cite_{quote.technique}"
    return t(key, lang=lang) if has(key) else quote.source


def _document_xml(document, body_xml: str) -> bytes:
    """Return the main part's XML: the template's root element around the generated body.

    The body is spliced in as text rather than moved into the template's tree: lxml re-homes a
    moved subtree node by node, which took seconds for a 20,000-row table.
    """
    from docx.opc.oxml import serialize_part_xml

    body = document.element.body
    for child in list(body):
        body.remove(child)
    shell = serialize_part_xml(document.element)
    empty = b"<w:body/>"
    if shell.count(empty) != 1:
        raise ValueError("unexpected DOCX template: no single empty <w:body/>")
    return shell.replace(empty, f"<w:body>{body_xml}</w:body>".encode(), 1)


def _set_properties(document, options: ExportOptions) -> None:
    """Fill the core properties with fixed values from the project (never the clock)."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    props = document.core_properties
    props.title = options.title
    props.author = options.researcher
    props.last_modified_by = options.researcher
    props.comments = ""
    props.subject = ""
    props.keywords = ""
    props.category = ""
    props.revision = 1
    props.language = "id-ID" if options.language == "id" else "en-US"
    props.created = options.stamp
    props.modified = options.stamp
    rels = document.part.package.rels
    for rid, rel in list(rels.items()):
        if rel.reltype == RT.THUMBNAIL:  # the template's preview picture is not ours
            del rels[rid]
            rels.related_parts.pop(rid, None)


class _ZipWriter:
    """python-docx's package writer interface over a zip with fixed member dates."""

    def __init__(self, fh: io.BytesIO) -> None:
        self._zip = FixedTimeZip(fh, "w", compression=zipfile.ZIP_DEFLATED)

    def write(self, pack_uri, blob: bytes) -> None:
        self._zip.writestr(pack_uri.membername, blob)

    def close(self) -> None:
        self._zip.close()


def _save(document, replaced: dict[str, bytes]) -> bytes:
    """Serialise the package (with ``replaced`` part contents) to bytes that depend only on it."""
    from docx.opc.pkgwriter import PackageWriter

    package = document.part.package
    parts = package.parts
    for part in parts:
        part.before_marshal()
    buf = io.BytesIO()
    writer = _ZipWriter(buf)
    PackageWriter._write_content_types_stream(writer, parts)
    PackageWriter._write_pkg_rels(writer, package.rels)
    for part in parts:
        writer.write(part.partname, replaced.get(str(part.partname)) or part.blob)
        if len(part.rels):
            writer.write(part.partname.rels_uri, part.rels.xml)
    writer.close()
    return buf.getvalue()

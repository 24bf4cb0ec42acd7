"""The DOCX export read back with python-docx: captions, source lines, headers, sections, fonts."""

from __future__ import annotations

import io
import zipfile
from datetime import datetime

import docx
import pytest
from docx.enum.section import WD_ORIENT
from docx.shared import Cm, Pt

from qualcode.core.store.quote_refs import QuoteRef
from qualcode.core.table import Cell, Column, Row, Table
from qualcode.export.common import ExportOptions
from qualcode.export.docx import docx_bytes
from qualcode.export.docx_style import text_width
from tests.export.sample_tables import (
    all_samples,
    factor_matrix,
    indicator_checklist,
    informant_matrix,
)

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
OPTIONS = ExportOptions(title="Kualitas Pelayanan PATEN", researcher="Nadia", lang="id")


def read(data: bytes):
    return docx.Document(io.BytesIO(data))


def text_of(el) -> str:
    return "".join(t.text or "" for t in el.iter(f"{W}t"))


def blocks(document) -> list[tuple[str, object]]:
    """The body in order: ("p", paragraph element) / ("tbl", table element)."""
    out = []
    for el in document.element.body:
        tag = el.tag.split("}")[1]
        if tag in ("p", "tbl"):
            out.append((tag, el))
    return out


def table_parts(body) -> list[list[int]]:
    """The positions of each table's parts in ``body``: a part under a caption starts a table,
    a part under "Lanjutan Tabel 4.n" continues the one before."""
    parts: list[list[int]] = []
    for i, (tag, _el) in enumerate(body):
        if tag != "tbl":
            continue
        above = body[i - 1][1]
        if text_of(above).startswith("Lanjutan Tabel") and parts:
            parts[-1].append(i)
        else:
            parts.append([i])
    return parts


def style_of(p) -> str:
    found = p.find(f"{W}pPr/{W}pStyle")
    return found.get(f"{W}val") if found is not None else ""


def test_each_table_has_its_numbered_caption_above_and_source_line_below():
    document = read(docx_bytes(all_samples(), OPTIONS))
    body = blocks(document)
    parts = table_parts(body)
    assert len(parts) == 3
    titles = [t.title for t in all_samples()]
    for n, positions in enumerate(parts, start=1):
        caption = body[positions[0] - 1][1]
        assert style_of(caption) == "Caption"
        assert text_of(caption) == f"Tabel 4.{n} {titles[n - 1]}"
        for index in positions[1:]:  # a continued part: on a new page, under its own line
            above = body[index - 1][1]
            assert text_of(above) == f"Lanjutan Tabel 4.{n}"
            assert above.find(f"{W}pPr/{W}pageBreakBefore") is not None
        after = [text_of(el) for _tag, el in body[positions[-1] + 1 : positions[-1] + 4]]
        assert "Sumber: Data olahan peneliti, 2026" in after
    # notes (the indicator tally) sit between the table and the source line
    last = parts[-1][-1]
    assert text_of(body[last + 1][1]) == "4 dari 7 indikator berkualitas"
    assert text_of(body[last + 2][1]) == "Sumber: Data olahan peneliti, 2026"


def test_caption_number_is_a_seq_field_for_the_list_of_tables():
    data = docx_bytes([factor_matrix(), indicator_checklist()], ExportOptions(first_number=5))
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
    assert xml.count("SEQ Tabel") == 2
    assert "\\r 5" in xml  # the first table restarts the sequence at 5
    captions = [
        text_of(el) for tag, el in blocks(read(data)) if tag == "p" and style_of(el) == "Caption"
    ]
    assert captions[0].startswith("Tabel 4.5 ") and captions[1].startswith("Tabel 4.6 ")


def test_chapter_year_and_source_line_come_from_the_options():
    opts = ExportOptions(chapter=3, year=2025)
    body = blocks(read(docx_bytes([factor_matrix()], opts)))
    texts = [text_of(el) for _tag, el in body]
    assert any(t.startswith("Tabel 3.1 ") for t in texts)
    assert "Sumber: Data olahan peneliti, 2025" in texts
    custom = ExportOptions(source_line="Sumber: Hasil wawancara, 2026")
    texts = [text_of(el) for _tag, el in blocks(read(docx_bytes([factor_matrix()], custom)))]
    assert "Sumber: Hasil wawancara, 2026" in texts
    english = ExportOptions(lang="en")
    texts = [text_of(el) for _tag, el in blocks(read(docx_bytes([factor_matrix()], english)))]
    assert any(t.startswith("Table 4.1 ") for t in texts)


def test_header_row_is_bold_shaded_and_repeats_on_every_page():
    document = read(docx_bytes([factor_matrix()], OPTIONS))
    table = document.tables[0]
    header = table.rows[0]
    assert header._tr.find(f"{W}trPr/{W}tblHeader") is not None
    assert [c.text for c in header.cells] == ["Dimensi", "Faktor Pendukung", "Faktor Penghambat"]
    for cell in header.cells:
        para = cell.paragraphs[0]
        assert para.style.font.bold is True
        assert cell._tc.find(f"{W}tcPr/{W}shd") is not None
    assert table.rows[1]._tr.find(f"{W}trPr/{W}tblHeader") is None
    borders = table._tbl.find(f"{W}tblPr/{W}tblBorders")
    assert {b.tag.split("}")[1] for b in borders} == {
        "top",
        "left",
        "bottom",
        "right",
        "insideH",
        "insideV",
    }


def test_grouped_columns_get_two_repeated_header_rows():
    table = read(docx_bytes([indicator_checklist()], OPTIONS)).tables[0]
    top, second = table.rows[0], table.rows[1]
    for row in (top, second):
        assert row._tr.find(f"{W}trPr/{W}tblHeader") is not None
    spans = [tc.find(f"{W}tcPr/{W}gridSpan") for tc in top._tr.findall(f"{W}tc")]
    labels = [text_of(tc) for tc in top._tr.findall(f"{W}tc")]
    assert labels == ["No", "Indikator", "Jumlah Bukti", "Penilaian"]
    assert spans[2] is not None and spans[2].get(f"{W}val") == "2"
    assert [text_of(tc) for tc in second._tr.findall(f"{W}tc")] == [
        "",
        "",
        "Pendukung",
        "Penghambat",
        "",
    ]


def test_group_rows_are_merged_bold_rows_across_the_table():
    document = read(docx_bytes([informant_matrix()], OPTIONS))
    table = document.tables[0]
    merged = []
    for part in document.tables:  # a part continued on a new page repeats its group's label
        for row in part.rows[1:]:
            tcs = row._tr.findall(f"{W}tc")
            if len(tcs) == 1:
                span = tcs[0].find(f"{W}tcPr/{W}gridSpan").get(f"{W}val")
                if not merged or merged[-1] != (text_of(tcs[0]), span):
                    merged.append((text_of(tcs[0]), span))
                assert row.cells[0].paragraphs[0].style.font.bold is True
    assert merged == [("Aparatur", "7"), ("Masyarakat", "7")]
    # informant codes stay in the cells as given
    assert table.rows[2].cells[0].text == "I1 (Camat)"


def test_wide_table_gets_a_landscape_section_and_portrait_returns_after():
    document = read(
        docx_bytes([factor_matrix(), informant_matrix(), indicator_checklist()], OPTIONS)
    )
    sections = document.sections
    assert [s.orientation for s in sections] == [
        WD_ORIENT.PORTRAIT,
        WD_ORIENT.LANDSCAPE,
        WD_ORIENT.PORTRAIT,
    ]
    portrait, landscape = sections[0], sections[1]
    assert (round(portrait.page_width.cm, 1), round(portrait.page_height.cm, 1)) == (21.0, 29.7)
    assert (round(landscape.page_width.cm, 1), round(landscape.page_height.cm, 1)) == (29.7, 21.0)
    assert round(portrait.left_margin.cm, 1) == 4.0
    assert round(portrait.right_margin.cm, 1) == round(portrait.top_margin.cm, 1) == 3.0
    assert round(landscape.top_margin.cm, 1) == 4.0  # the binding edge of a turned page
    # the wide table lies in the landscape section (the second one)
    body = blocks(document)
    breaks = [
        i
        for i, (tag, el) in enumerate(body)
        if tag == "p" and el.find(f"{W}pPr/{W}sectPr") is not None
    ]
    tables = [positions[0] for positions in table_parts(body)]
    assert breaks[0] < tables[1] < breaks[1] < tables[2]


def test_table_fills_the_text_width_with_a_narrow_first_column():
    table = read(docx_bytes([informant_matrix()], OPTIONS)).tables[0]
    grid = [int(c.get(f"{W}w")) for c in table._tbl.findall(f"{W}tblGrid/{W}gridCol")]
    assert sum(grid) == text_width(True)
    assert grid[0] < min(grid[1:])
    # columns of similar text share alike
    assert max(grid[1:]) - min(grid[1:]) < 0.35 * max(grid[1:])


def test_fonts_default_to_times_new_roman_12_and_follow_the_options():
    document = read(docx_bytes([factor_matrix()], OPTIONS))
    normal = document.styles["Normal"]
    assert normal.font.name == "Times New Roman" and normal.font.size == Pt(12)
    # One table text size on portrait and landscape pages: a point below the text's.
    assert document.styles["Isi Tabel"].font.size == Pt(11)
    assert document.styles["Isi Tabel (Lebar)"].font.size == Pt(11)
    opts = ExportOptions(font="Arial", font_size=11, table_font_size=10)
    document = read(docx_bytes([factor_matrix()], opts))
    assert document.styles["Normal"].font.name == "Arial"
    assert document.styles["Normal"].font.size == Pt(11)
    assert document.styles["Isi Tabel"].font.size == Pt(10)
    # every table paragraph uses the table style: one change restyles all tables
    cell = document.tables[0].rows[1].cells[1]
    assert cell.paragraphs[0].style.name == "Isi Tabel"


def test_a4_paper_and_margins_on_every_section():
    for section in read(docx_bytes(all_samples(), OPTIONS)).sections:
        short, long_ = sorted([section.page_width, section.page_height])
        assert abs(short - Cm(21)) < Cm(0.05) and abs(long_ - Cm(29.7)) < Cm(0.05)


def test_output_is_deterministic_and_stamped_from_the_data():
    stamp = datetime(2026, 4, 2, 10, 30)
    a = docx_bytes(all_samples(), ExportOptions(timestamp=stamp))
    b = docx_bytes(all_samples(), ExportOptions(timestamp=stamp))
    assert a == b
    props = read(a).core_properties
    assert props.created.replace(tzinfo=None) == stamp
    assert props.modified.replace(tzinfo=None) == stamp
    assert props.author == "" and "python-docx" not in (props.comments or "")
    names = zipfile.ZipFile(io.BytesIO(a)).namelist()
    assert not any("thumbnail" in n for n in names)
    c = docx_bytes(all_samples(), ExportOptions(timestamp=datetime(2026, 4, 3)))
    assert c != a


def test_empty_table_says_so_instead_of_vanishing():
    empty = Table("factors", "Matriks Kosong", (Column("a", "A"), Column("b", "B")), ())
    document = read(docx_bytes([empty], OPTIONS))
    assert "(tidak ada data)" in document.tables[0].rows[1].cells[0].text


def _lookup(ids):
    return [QuoteRef(i, f"I{i % 13 + 1}", f"kutipan nomor {i}", f"ringkasan {i}") for i in ids]


def test_appendix_lists_the_quotes_behind_each_cell():
    opts = ExportOptions(quotes=True)
    document = read(docx_bytes([factor_matrix()], opts, _lookup))
    texts = [text_of(el) for _tag, el in blocks(document)]
    # An appendix numbered as one, outside the chapter's table numbering, with no heading.
    assert (
        "Lampiran 1 Kutipan Data Tabel 4.1 Matriks Faktor Pendukung dan Penghambat Kualitas"
        " Pelayanan PATEN" in texts
    )
    assert not any(p.style.name.startswith("Heading") for p in document.paragraphs)
    assert "SEQ Lampiran" in document.element.xml
    appendix = document.tables[1]
    rows = [[c.text for c in r.cells] for r in appendix.rows]
    assert rows[0] == ["Informan", "Kutipan", "Ringkasan"]
    assert (
        rows[1][0] == "Prosedur Pelayanan — Faktor Pendukung"
    )  # a merged group row names the cell
    assert rows[2] == ["I10", "“kutipan nomor 100”", "ringkasan 100"]
    assert ["I2", "“kutipan nomor 300”", "ringkasan 300"] in rows  # both codings of a cell
    # without quotes asked for, no appendix
    assert len(read(docx_bytes([factor_matrix()], ExportOptions(), _lookup)).tables) == 1


def test_appendix_skips_tables_that_already_are_quote_lists_and_numeric_cells():
    quote_list = Table(
        "quotes",
        "Daftar Kutipan",
        (Column("q", "Kutipan"), Column("who", "Informan")),
        tuple(Row(f"r{i}", (Cell("teks", (i,)), Cell("I1", (i,)))) for i in range(1, 4)),
    )
    counts = Table(
        "frequency",
        "Frekuensi",
        (Column("code", "Kode"), Column("n", "Jumlah", numeric=True)),
        (Row("a", (Cell("Prosedur"), Cell("2", (1, 2), value=2))),),
    )
    document = read(docx_bytes([quote_list, counts], ExportOptions(quotes=True), _lookup))
    assert len(document.tables) == 2
    texts = [text_of(el) for _tag, el in blocks(document)]
    assert not any(text.startswith("Lampiran") for text in texts)


def test_appendix_can_be_limited_to_some_kinds():
    tables = [informant_matrix(), factor_matrix()]
    document = read(
        docx_bytes(tables, ExportOptions(quotes=True), _lookup, appendix_kinds={"factors"})
    )
    titles = [text_of(el) for _tag, el in blocks(document) if text_of(el).startswith("Lampiran")]
    assert titles == [
        "Lampiran 1 Kutipan Data Tabel 4.2 Matriks Faktor Pendukung dan Penghambat Kualitas"
        " Pelayanan PATEN"
    ]


@pytest.mark.parametrize("text", ["a | b", '<tag> & "q"', "tab\there", "baris\nbaru"])
def test_awkward_text_survives_the_round_trip(text):
    table = Table("x", "Judul <&>", (Column("a", "Kolom & <b>"),), (Row("r", (Cell(text),)),))
    document = read(docx_bytes([table], OPTIONS))
    cell = document.tables[0].rows[1].cells[0]
    assert cell.text == text
    assert any(text_of(el) == "Tabel 4.1 Judul <&>" for _tag, el in blocks(document))


def test_the_appendix_lists_each_quote_once_across_tables():
    findings = Table(
        "findings",
        "Temuan",
        (Column("who", "Informan"), Column("what", "Temuan")),
        (Row("a", (Cell("I1 (Camat)"), Cell("+ SOP jelas", (1, 2))), "Prosedur"),),
    )
    factors = Table(
        "factors",
        "Faktor",
        (Column("dim", "Dimensi"), Column("pro", "Faktor Pendukung")),
        (Row("p", (Cell("Prosedur"), Cell("SOP jelas (I1)", (1, 2, 3)))),),
    )
    document = read(docx_bytes([findings, factors], ExportOptions(quotes=True), _lookup))
    quotes = [
        cell.text
        for table in document.tables[2:]
        for row in table.rows
        for cell in row.cells
        if cell.text.startswith("“")
    ]
    assert sorted(quotes) == ["“kutipan nomor 1”", "“kutipan nomor 2”", "“kutipan nomor 3”"]
    groups = [table.rows[1].cells[0].text for table in document.tables[2:]]
    assert groups[0] == "Prosedur — I1 (Camat) — Temuan"  # the dimension names the cell too

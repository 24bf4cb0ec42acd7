"""CSV, Markdown and XLSX writers on hand-made tables, read back."""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import datetime

import openpyxl

from qualcode.core.table import Cell, Column, Row, Table
from qualcode.export.common import ExportOptions
from qualcode.export.tables import csv_bytes, markdown_text, sheet_names, xlsx_bytes
from tests.export.sample_tables import (
    all_samples,
    factor_matrix,
    indicator_checklist,
    informant_matrix,
)

OPTIONS = ExportOptions(title="Kualitas Pelayanan PATEN", lang="id")
# The checklist's headers in a spreadsheet: its groups as a column, one header per column.
CHECKLIST_HEADERS = [
    "Kelompok",
    "No",
    "Indikator",
    "Jumlah Bukti — Pendukung",
    "Jumlah Bukti — Penghambat",
    "Penilaian",
]


def parse_csv(data: bytes) -> list[list[str]]:
    """The data rows of a CSV export (its "# " caption, source and note lines left out)."""
    assert data.startswith(b"\xef\xbb\xbf")  # Excel on Windows needs the BOM for UTF-8
    text = data.decode("utf-8-sig")
    body = "".join(line for line in text.splitlines(True) if not line.startswith("# "))
    return list(csv.reader(io.StringIO(body, newline="")))


def csv_comments(data: bytes) -> list[str]:
    text = data.decode("utf-8-sig")
    return [line[2:].rstrip("\r\n") for line in text.splitlines(True) if line.startswith("# ")]


# -- CSV -------------------------------------------------------------------------------------------


def test_csv_names_its_caption_and_source_above_the_header():
    data = csv_bytes(factor_matrix(), OPTIONS, 2)
    comments = csv_comments(data)
    assert comments[0] == (
        "Tabel 4.3 Matriks Faktor Pendukung dan Penghambat Kualitas Pelayanan PATEN"
    )
    assert comments[1] == "Sumber: Data olahan peneliti, 2026"
    assert data.decode("utf-8-sig").startswith("# Tabel 4.3")


def test_csv_has_bom_header_and_a_group_column_for_grouped_rows():
    rows = parse_csv(csv_bytes(informant_matrix(), OPTIONS))
    assert rows[0][:3] == ["Kelompok", "Informan", "Prosedur Pelayanan"]
    assert rows[1][:2] == ["Aparatur", "I1 (Camat)"]
    assert rows[-1][:2] == ["Masyarakat", "I13 (Warga, buruh)"]
    assert len(rows) == 14
    # a cell with several statements keeps its line breaks inside one field
    assert any("\n" in cell for row in rows[1:] for cell in row)


def test_csv_of_ungrouped_table_has_no_group_column_and_keeps_text():
    rows = parse_csv(csv_bytes(factor_matrix(), OPTIONS))
    assert rows[0] == ["Dimensi", "Faktor Pendukung", "Faktor Penghambat"]
    assert rows[1][2] == "Persyaratan beda antara desa dan kecamatan (I7, I8, I11)"
    assert "Rp 10.000" in rows[3][2]


def test_csv_numeric_columns_carry_numbers_and_every_header_is_named_once():
    rows = parse_csv(csv_bytes(indicator_checklist(), OPTIONS))
    assert rows[0] == CHECKLIST_HEADERS
    assert rows[1] == [
        "Prosedur Pelayanan",
        "1",
        "Kejelasan persyaratan",
        "2",
        "6",
        "belum berkualitas",
    ]
    assert len(set(rows[0])) == len(rows[0])


# -- Markdown --------------------------------------------------------------------------------------


def test_markdown_has_caption_headings_tables_notes_and_source():
    text = markdown_text([factor_matrix(), indicator_checklist()], OPTIONS)
    assert text.startswith("# Kualitas Pelayanan PATEN\n")
    assert "## Tabel 4.1 Matriks Faktor Pendukung dan Penghambat Kualitas Pelayanan PATEN" in text
    assert "## Tabel 4.2 Daftar Periksa Indikator Kualitas Pelayanan" in text
    assert (
        "| No | Indikator | Jumlah Bukti — Pendukung | Jumlah Bukti — Penghambat | Penilaian |"
        in text
    )
    assert "| ---: | --- | ---: | ---: | --- |" in text
    assert "| **Prosedur Pelayanan** |  |  |  |  |" in text
    assert "4 dari 7 indikator berkualitas" in text
    assert text.count("*Sumber: Data olahan peneliti, 2026*") == 2


def test_markdown_escapes_pipes_and_line_breaks():
    table = Table(
        "x",
        "Judul | miring",
        (Column("a", "A|B"), Column("b", "C")),
        (Row("r", (Cell("satu | dua"), Cell("baris satu\nbaris dua"))),),
    )
    text = markdown_text([table], ExportOptions())
    assert "## Tabel 4.1 Judul \\| miring" in text
    assert "| A\\|B | C |" in text
    assert "| satu \\| dua | baris satu<br>baris dua |" in text
    for line in text.splitlines():
        if line.startswith("| satu"):
            assert line.count(" | ") == 1  # still two cells


# -- XLSX ------------------------------------------------------------------------------------------


def load(data: bytes):
    return openpyxl.load_workbook(io.BytesIO(data))


def test_xlsx_has_one_safely_named_sheet_per_table():
    long = Table(
        "y",
        "Triangulasi Sumber: Aparatur dan Masyarakat [per dimensi] / teknik",
        (Column("a", "A"),),
        (),
    )
    tables = [*all_samples(), long, long]
    names = load(xlsx_bytes(tables, OPTIONS)).sheetnames
    assert names == sheet_names(tables, OPTIONS)
    assert len(names) == 5 and len(set(n.lower() for n in names)) == 5
    assert all(len(n) <= 31 and not set(n) & set("[]:*?/\\") for n in names)
    assert names[0].startswith("4.1 Matriks Informan")
    assert "  " not in names[3]


def test_xlsx_header_is_bold_frozen_and_values_are_typed():
    ws = load(xlsx_bytes([factor_matrix()], OPTIONS)).active
    assert (
        ws["A1"].value
        == "Tabel 4.1 Matriks Faktor Pendukung dan Penghambat Kualitas Pelayanan PATEN"
    )
    assert [c.value for c in ws[2]] == ["Dimensi", "Faktor Pendukung", "Faktor Penghambat"]
    assert all(c.font.bold for c in ws[2])
    assert ws.freeze_panes == "A3"
    assert ws["C7"].value.startswith("Komputer hanya 3 unit berfungsi")
    assert ws["C7"].alignment.wrap_text
    assert ws.column_dimensions["B"].width > ws.column_dimensions["A"].width * 0.5
    assert ws["A10"].value == "Sumber: Data olahan peneliti, 2026"


def test_xlsx_sorts_and_filters_groups_are_a_column_with_one_header_row():
    ws = load(xlsx_bytes([indicator_checklist()], OPTIONS)).active
    merged = {str(r) for r in ws.merged_cells.ranges}
    # No merged data or header rows: one header per column, the groups as a column.
    data_rows = len(indicator_checklist().rows)
    assert all(r.min_row == 1 or r.min_row > 2 + data_rows for r in ws.merged_cells.ranges)
    assert "A1:F1" in merged  # the caption spans the table
    assert [c.value for c in ws[2]] == CHECKLIST_HEADERS
    assert ws.freeze_panes == "A3"
    assert ws.auto_filter.ref == f"A2:F{2 + len(indicator_checklist().rows)}"
    assert ws["A3"].value == "Prosedur Pelayanan"
    assert ws["B3"].value == 1 and ws["E3"].value == 6  # numbers, not text
    assert ws["F3"].value == "belum berkualitas"
    # The report's font on every cell, the style names translated.
    assert {ws.cell(row=r, column=c).font.name for r in (2, 3) for c in range(1, 7)} == {
        "Times New Roman"
    }
    assert not any(name.startswith("export.") for name in ws.parent.named_styles)


def test_xlsx_sheet_names_are_short_readable_and_the_caption_is_in_row_one():
    long = Table(
        "findings",
        "Temuan Penelitian per Dimensi yang Sangat Panjang Sekali",
        (Column("a", "A"),),
        (Row("r", (Cell("x"),)),),
    )
    other = Table(
        "mystery",
        "Judul yang panjang sekali untuk sebuah tab lembar kerja",
        (Column("a", "A"),),
        (Row("r", (Cell("x"),)),),
    )
    names = sheet_names([long, other], OPTIONS)
    assert names == ["4.1 Temuan per Dimensi", "4.2 Judul yang panjang sekali"]
    assert all(len(n) <= 31 for n in names)
    book = load(xlsx_bytes([long, other], OPTIONS))
    assert book.worksheets[1]["A1"].value == (
        "Tabel 4.2 Judul yang panjang sekali untuk sebuah tab lembar kerja"
    )


def test_xlsx_is_deterministic():
    opts = ExportOptions(timestamp=datetime(2026, 4, 2))
    a, b = xlsx_bytes(all_samples(), opts), xlsx_bytes(all_samples(), opts)
    assert a == b
    with zipfile.ZipFile(io.BytesIO(a)) as zf:
        assert {info.date_time for info in zf.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    assert load(a).properties.created == datetime(2026, 4, 2)


def test_xlsx_prints_on_a4_one_page_wide_with_the_header_on_every_page():
    small = Table(
        "x",
        "Kecil",
        (Column("a", "Dimensi"), Column("b", "Status")),
        (Row("r", (Cell("Biaya Pelayanan"), Cell("sesuai"))),),
    )
    book = load(xlsx_bytes([informant_matrix(), small], OPTIONS))
    wide, narrow = book.worksheets
    for ws, orientation in ((wide, "landscape"), (narrow, "portrait")):
        setup = ws.page_setup
        assert setup.orientation == orientation and str(setup.paperSize) == ws.PAPERSIZE_A4
        assert (setup.fitToWidth, setup.fitToHeight) == (1, 0)
        assert ws.sheet_properties.pageSetUpPr.fitToPage
        assert ws.print_title_rows == "$2:$2"
    # the matrix's text columns narrow so that it prints at a readable scale
    widths = [wide.column_dimensions[c].width for c in "ABCDEFG"]
    assert sum(widths) <= 180 and min(widths) >= 10


def test_xlsx_rows_are_sized_to_their_wrapped_text():
    ws = load(xlsx_bytes([factor_matrix()], OPTIONS)).active
    line = 11 * 1.2  # one line of 11 pt Times New Roman
    # the "sarana" row holds three statements in one cell: at least three lines, not ten
    assert 3 * line <= ws.row_dimensions[7].height <= 8 * line
    assert ws.row_dimensions[4].height is None or ws.row_dimensions[4].height >= line


def test_xlsx_caption_notes_and_source_stay_within_the_table_width():
    ws = load(xlsx_bytes([indicator_checklist()], OPTIONS)).active
    merged = {str(r) for r in ws.merged_cells.ranges}
    last = ws.max_row
    assert "A1:F1" in merged and f"A{last}:F{last}" in merged
    assert ws[f"A{last}"].value == "Sumber: Data olahan peneliti, 2026"
    assert ws[f"A{last - 1}"].value == "4 dari 7 indikator berkualitas"
    assert f"A{last - 1}:F{last - 1}" in merged and ws[f"A{last - 1}"].alignment.wrap_text
    assert ws.print_area == f"'{ws.title}'!$A$1:$F${last}"


def test_a_spreadsheet_keeps_the_verdict_apart_from_the_reason_under_it():
    table = Table(
        "indicators",
        "Rekapitulasi",
        (Column("indicator", "Indikator"), Column("verdict", "Keputusan peneliti")),
        (
            Row(
                "a",
                (
                    Cell("Ruang tunggu"),
                    Cell("berkualitas\n(diperluas 2025)", (), None, "verdict-good"),
                ),
            ),
            Row("b", (Cell("Peralatan"), Cell("belum berkualitas", (), None, "verdict-bad"))),
        ),
    )
    rows = parse_csv(csv_bytes(table, OPTIONS))
    assert rows == [
        ["Indikator", "Keputusan peneliti", "Alasan peneliti"],
        ["Ruang tunggu", "berkualitas", "diperluas 2025"],
        ["Peralatan", "belum berkualitas", "—"],
    ]
    ws = load(xlsx_bytes([table], OPTIONS)).active
    assert [c.value for c in ws[3]] == ["Ruang tunggu", "berkualitas", "diperluas 2025"]
    assert not ws["B3"].font.bold  # a verdict is a value to filter by, not a heading

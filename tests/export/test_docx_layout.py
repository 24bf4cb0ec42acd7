"""The DOCX table layout read back: widths that hold every word."""

from __future__ import annotations

import io

import docx

from qualcode.core.table import Cell, Column, Row, Table
from qualcode.export.common import ExportOptions
from qualcode.export.docx import docx_bytes
from qualcode.export.docx_style import text_width
from qualcode.export.docx_widths import CELL_PADDING, font_scale, text_em
from tests.export.sample_tables import DIMENSIONS, INFORMANTS

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
OPTIONS = ExportOptions(lang="id")
LONG = (
    "+ Petugas menjelaskan ulang alur pelayanan kepada warga yang baru pertama kali datang\n"
    "− Ruang tunggu sempit, kursi hanya sekitar sepuluh dan sering penuh sebelum pukul 09.00\n"
    "− Printer hanya satu dan sering macet sehingga warga menunggu lebih lama di loket"
)


def read(data: bytes):
    return docx.Document(io.BytesIO(data))


def grid(table) -> list[int]:
    return [int(c.get(f"{W}w")) for c in table._tbl.findall(f"{W}tblGrid/{W}gridCol")]


def twips(word: str, size: float, bold: bool = False, font: str = "Times New Roman") -> float:
    """The width a word needs in a cell: its glyphs plus the cell's padding."""
    return text_em(word, bold) * size * 20 * font_scale(font) + 2 * CELL_PADDING


def narrow_column_matrix() -> Table:
    """An informant matrix whose "produk" column holds little text but one long word, and a
    bold row label "Dokumentasi" (Word broke both mid-word: "menyebabka / n", "Dokumentas / i")."""
    columns = (Column("informant", "Informan"),) + tuple(Column(k, v) for k, v in DIMENSIONS)
    rows = []
    for code, role, group in INFORMANTS:
        cells = [Cell(f"{code} ({role})", style="strong")]
        for key, _label in DIMENSIONS:
            text = "− Salah ketik nama/NIK menyebabkan revisi" if key == "produk" else LONG
            cells.append(Cell(text, (1,)))
        rows.append(Row(code, tuple(cells), group))
    rows.append(Row("dok", (Cell("Dokumentasi", style="strong"), *[Cell("+ SOP")] * 6), "Lain"))
    return Table("informant-dimension", "Matriks", columns, tuple(rows), landscape=True)


def test_every_column_holds_its_longest_word_with_its_marker_indent():
    table = read(docx_bytes([narrow_column_matrix()], OPTIONS)).tables[0]
    widths = grid(table)
    hang = text_em("− ") * 11 * 20  # the statement marker hangs: words start after it
    assert widths[4] >= twips("menyebabkan", 11) + hang  # the "produk" column, 11 pt landscape
    assert widths[0] >= twips("Dokumentasi", 11, bold=True)
    assert widths[0] >= twips("Informan", 11, bold=True)  # the header is bold too
    assert sum(widths) == text_width(True)


def test_a_wider_font_gets_wider_minimum_columns():
    times = grid(read(docx_bytes([narrow_column_matrix()], OPTIONS)).tables[0])
    arial = ExportOptions(lang="id", font="Arial")
    widths = grid(read(docx_bytes([narrow_column_matrix()], arial)).tables[0])
    assert widths[4] > times[4]
    assert widths[4] >= twips("menyebabkan", 11, font="Arial")
    assert font_scale("Times New Roman") == 1.0 < font_scale("Arial") < font_scale("Verdana")


def test_the_quote_column_of_a_quote_list_gets_the_room_it_needs():
    columns = (
        Column("quote", "Kutipan"),
        *(Column(k, k.title()) for k in ("informan", "peran", "kelompok", "teknik")),
        Column("code", "Kode"),
        Column("polarity", "Polaritas"),
        Column("summary", "Ringkasan"),
    )
    quote = (
        "Kadang juga persyaratan yang disampaikan di desa tidak sama dengan yang kami minta di "
        "kecamatan, sehingga warga bingung siapa yang benar dan harus bolak-balik dua kali."
    )
    row = (quote, "I1", "Camat", "Aparatur", "Wawancara", "Prosedur › Kejelasan", "Penghambat")
    rows = tuple(
        Row(f"r{i}", tuple(Cell(t) for t in (*row, "Persyaratan beda desa"))) for i in range(40)
    )
    table = Table("quotes", "Daftar Kutipan", columns, rows)
    widths = grid(read(docx_bytes([table], OPTIONS)).tables[0])
    # The first column is no row label here: the 30 % cap of labels does not hold it back.
    assert widths[0] == max(widths) and widths[0] > 0.3 * sum(widths)

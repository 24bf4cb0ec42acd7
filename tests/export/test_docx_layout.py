"""The DOCX table layout read back: widths that hold every word, hanging statement markers, rows
and small tables kept whole, the indicator checklist without its repeated dimension column."""

from __future__ import annotations

import io

import docx
from docx.enum.section import WD_ORIENT

from qualcode.core.table import Cell, Column, Row, Table
from qualcode.export.common import ExportOptions
from qualcode.export.docx import docx_bytes, without_group_column
from qualcode.export.docx_style import GROUP_FILL, HEADER_FILL, text_width
from qualcode.export.docx_widths import CELL_PADDING, font_scale, text_em
from tests.export.sample_tables import DIMENSIONS, INFORMANTS, factor_matrix

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


def test_statement_markers_hang_and_leading_spaces_become_an_indent():
    table = Table(
        "frequency",
        "Frekuensi",
        (Column("code", "Kode"), Column("n", "Jumlah", numeric=True)),
        (
            Row("a", (Cell("+ SOP ditetapkan\n− Berkas tidak lengkap"), Cell("2", value=2))),
            Row("b", (Cell("  – Kejelasan persyaratan"), Cell("5", value=5))),
            Row("c", (Cell("Prosedur Pelayanan", style="strong"), Cell("7", value=7))),
        ),
    )
    rows = read(docx_bytes([table], OPTIONS)).tables[0].rows
    first, second = rows[1].cells[0].paragraphs
    for para in (first, second):
        ind = para._p.find(f"{W}pPr/{W}ind")
        assert ind is not None and ind.get(f"{W}left") == ind.get(f"{W}hanging") != "0"
    assert first.text == "+ SOP ditetapkan" and second.text == "− Berkas tidak lengkap"
    child = rows[2].cells[0].paragraphs[0]
    ind = child._p.find(f"{W}pPr/{W}ind")
    assert child.text == "– Kejelasan persyaratan"  # the spaces became the indent
    assert int(ind.get(f"{W}left")) > int(ind.get(f"{W}hanging")) > 0
    assert rows[3].cells[0].paragraphs[0]._p.find(f"{W}pPr/{W}ind") is None
    assert rows[1].cells[1].paragraphs[0]._p.find(f"{W}pPr/{W}ind") is None  # numbers: centred


def test_short_rows_are_never_cut_by_a_page_break_but_long_ones_may_run_on():
    columns = (Column("informant", "Informan"), Column("a", "Temuan"))
    rows = [
        Row(f"r{i}", (Cell(f"I{i}"), Cell("Dokumen benar dan dapat digunakan"))) for i in range(30)
    ]
    rows.append(Row("long", (Cell("I99"), Cell("\n".join([LONG] * 6)))))
    table = read(docx_bytes([Table("x", "Panjang", columns, tuple(rows))], OPTIONS)).tables[0]
    body = table.rows[1:]
    assert all(r._tr.find(f"{W}trPr/{W}cantSplit") is not None for r in body[:-1])
    assert body[-1]._tr.find(f"{W}trPr/{W}cantSplit") is None


def test_a_small_table_is_kept_whole_with_its_caption_and_a_long_one_is_not():
    columns = tuple(Column(k, k.title()) for k in ("dimensi", "aparatur", "masyarakat"))
    rows = tuple(
        Row(key, (Cell(label, style="strong"), Cell("12+ 14− (penghambat)"), Cell("sesuai")))
        for key, label in DIMENSIONS
    )
    document = read(docx_bytes([Table("triangulation", "Triangulasi", columns, rows)], OPTIONS))
    small = document.tables[0]
    paragraphs = [p for row in small.rows[1:] for cell in row.cells for p in cell.paragraphs]
    assert all(p._p.find(f"{W}pPr/{W}keepNext") is not None for p in paragraphs)
    caption = [p for p in document.paragraphs if p.style.name == "Caption"][0]
    assert caption.paragraph_format.keep_with_next or caption.style.paragraph_format.keep_with_next
    long = read(docx_bytes([narrow_column_matrix()], OPTIONS))
    first = long.tables[0].rows[2].cells[1].paragraphs[0]
    assert first._p.find(f"{W}pPr/{W}keepNext") is None
    last = long.tables[-1].rows[-1].cells[1].paragraphs[0]  # with the notes and source line
    assert last._p.find(f"{W}pPr/{W}keepNext") is not None


def indicator_table(note: str = "") -> Table:
    """Shaped like the real indicator checklist: a dimension column that repeats the group, and
    the researcher's verdicts with ``note`` under each when given."""
    columns = (
        Column("dimension", "Dimensi"),
        Column("indicator", "Indikator"),
        Column("pendukung", "Pendukung", numeric=True),
        Column("penghambat", "Penghambat", numeric=True),
        Column("proposal", "Usulan"),
        Column("verdict", "Keputusan peneliti"),
    )
    rows = []
    for key, label in DIMENSIONS:
        for n in range(3):
            cells = (
                Cell(label),
                Cell(f"Indikator {key} nomor {n + 1}"),
                Cell(str(n), value=n),
                Cell(str(n + 2), value=n + 2),
                Cell("belum berkualitas", style="verdict-bad"),
                Cell(f"belum berkualitas\n({note})", style="verdict-bad")
                if note
                else Cell("—", style="muted"),
            )
            rows.append(Row(f"{key}{n}", cells, label))
    return Table(
        "indicators",
        "Rekapitulasi Penilaian Indikator",
        columns,
        tuple(rows),
        notes=("0 dari 18 indikator berkualitas.",),
    )


def test_the_indicator_checklist_names_the_dimension_once_and_stays_portrait():
    table = indicator_table()
    assert [c.key for c in without_group_column(table).columns][0] == "indicator"
    document = read(docx_bytes([table], OPTIONS))
    word_table = document.tables[0]
    assert [c.text for c in word_table.rows[0].cells] == [
        "Indikator",
        "Pendukung",
        "Penghambat",
        "Usulan",
        "Keputusan peneliti",
    ]
    assert word_table.rows[1].cells[0].text == "Prosedur Pelayanan"  # the group row
    assert word_table.rows[2].cells[0].text == "Indikator prosedur nomor 1"
    assert [s.orientation for s in document.sections] == [WD_ORIENT.PORTRAIT]
    texts = [p.text for p in document.paragraphs]
    tally = texts.index("0 dari 18 indikator berkualitas.")
    assert texts[tally + 1] == "Sumber: Data olahan peneliti, 2026"


def test_a_column_is_kept_when_it_only_sometimes_repeats_the_group():
    table = indicator_table()
    rows = list(table.rows)
    rows[0] = Row(rows[0].key, (Cell("Lain"), *rows[0].cells[1:]), rows[0].group)
    changed = Table(table.kind, table.title, table.columns, tuple(rows))
    assert without_group_column(changed) is changed
    ungrouped = Table("x", "x", table.columns, tuple(Row(r.key, r.cells) for r in table.rows))
    assert without_group_column(ungrouped) is ungrouped


def _fill(tc) -> str:
    return tc.find(f"{W}tcPr/{W}shd").get(f"{W}fill")


def test_group_rows_are_a_grey_band_between_the_header_and_the_white_rows():
    table = read(docx_bytes([narrow_column_matrix()], OPTIONS)).tables[0]
    header = table.rows[0]._tr.findall(f"{W}tc")[0]
    band = table.rows[1]._tr.findall(f"{W}tc")
    assert len(band) == 1 and _fill(band[0]) == GROUP_FILL and _fill(header) == HEADER_FILL

    def grey(fill: str) -> int:
        return int(fill[:2], 16)

    assert grey(HEADER_FILL) < grey(GROUP_FILL) <= 0xE8  # visibly grey on paper


def test_widow_control_is_on_by_default():
    document = read(docx_bytes([factor_matrix()], OPTIONS))
    defaults = document.styles.element.find(f"{W}docDefaults/{W}pPrDefault/{W}pPr")
    assert defaults.find(f"{W}widowControl") is not None
    assert list(defaults)[0].tag == f"{W}widowControl"  # before spacing, as the schema wants


NOTE = (
    "Persyaratan dari desa dan kecamatan berbeda, papan persyaratan sulit dibaca; empat dari "
    "tiga puluh delapan warga dipulangkan saat observasi karena berkas kurang"
)


def test_a_long_table_of_few_columns_turns_when_its_notes_need_the_width():
    document = read(docx_bytes([indicator_table(NOTE)], OPTIONS))
    assert [s.orientation for s in document.sections] == [WD_ORIENT.LANDSCAPE]
    widths = grid(document.tables[0])
    assert widths[-1] == max(widths) and sum(widths) == text_width(True)
    short = Table("x", "Triangulasi", *_few_rows())
    assert [s.orientation for s in read(docx_bytes([short], OPTIONS)).sections] == [
        WD_ORIENT.PORTRAIT
    ]


def _few_rows():
    columns = tuple(Column(k, k.title()) for k in ("dimensi", "a", "b", "c", "status"))
    rows = tuple(
        Row(key, (Cell(label, style="strong"), *[Cell("12+ 14− (penghambat)")] * 3, Cell("sesuai")))
        for key, label in DIMENSIONS
    )
    return columns, rows


def test_a_verdict_is_bold_and_the_note_under_it_is_not():
    table = read(docx_bytes([indicator_table(NOTE)], OPTIONS)).tables[0]
    verdict, note = table.rows[2].cells[4].paragraphs
    assert verdict.text == "belum berkualitas" and all(r.bold for r in verdict.runs)
    assert note.text == f"({NOTE})" and not any(r.bold for r in note.runs)


def test_a_column_of_short_labels_keeps_each_on_one_line():
    document = read(docx_bytes([indicator_table(NOTE)], OPTIONS))
    proposal = grid(document.tables[0])[3]  # "belum berkualitas", bold, 11 pt landscape
    assert proposal >= twips("belum berkualitas", 11, bold=True)


def triangulation_table() -> Table:
    columns = tuple(
        Column(k, k.title()) for k in ("dimensi", "wawancara", "observasi", "dokumentasi")
    ) + (Column("status", "Status"),)
    rows = tuple(
        Row(
            key,
            (
                Cell(label, style="strong"),
                Cell("30+ 55− (penghambat)"),
                Cell("3+ 4− (penghambat)"),
                Cell("1+ (pendukung)"),
                Cell("bertentangan"),
            ),
        )
        for key, label in DIMENSIONS
    )
    return Table("triangulation", "Triangulasi Teknik", columns, rows)


def test_a_table_whose_words_do_not_fit_side_by_side_turns_rather_than_break_them():
    times = read(docx_bytes([triangulation_table()], OPTIONS))
    assert [s.orientation for s in times.sections] == [WD_ORIENT.PORTRAIT]
    arial = ExportOptions(lang="id", font="Arial")
    document = read(docx_bytes([triangulation_table()], arial))
    assert [s.orientation for s in document.sections] == [WD_ORIENT.LANDSCAPE]
    widths = grid(document.tables[0])
    assert widths[3] >= twips("Dokumentasi", 11, bold=True, font="Arial")
    assert widths[4] >= twips("bertentangan", 11, font="Arial")

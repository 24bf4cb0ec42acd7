"""Word .docx sources: bold labels, identity tables, other tables, headings, damaged files."""

from __future__ import annotations

import zipfile

import pytest

from qualcode.core.ingest.parse import parse_file
from qualcode.errors import IngestError

from .helpers import turn_texts

IDENTITY = [
    ("Kode Informan", "I03"),
    ("Nama", "Dedi Kurniawan, S.IP"),
    ("Jabatan", "Kasi Pelayanan Umum"),
    ("Jenis Kelamin", "Laki-laki"),
    ("Umur", "41 tahun"),
    ("Tanggal Wawancara", "12 Maret 2026"),
    ("Tempat", "Ruang Kasi"),
    ("Kelompok", "Aparatur"),
    ("Kategori", "Kunci"),
]
TURNS = [
    ("Peneliti", "Selamat pagi, Pak. Boleh saya rekam?"),
    ("Pak Dedi", "Silakan, Mbak. Jam layanan: 08.00 sampai 15.00."),
    ("Peneliti", "Bagaimana sarana prasarananya?"),
    ("Pak Dedi", "Komputer cuma tiga yang jalan. Genset belum ada."),
]


def test_bold_labels_and_identity_table(make_docx, segmenter):
    source = parse_file(
        make_docx("wawancara_kasi.docx", identity=IDENTITY, turns=TURNS), segmenter=segmenter
    )
    assert source.encoding == "docx"
    assert turn_texts(source) == [
        ("Peneliti", "interviewer", TURNS[0][1]),
        ("Pak Dedi", "informant", TURNS[1][1]),
        ("Peneliti", "interviewer", TURNS[2][1]),
        ("Pak Dedi", "informant", TURNS[3][1]),
    ]
    meta = source.meta
    assert (meta.informant, meta.name, meta.role) == (
        "I03",  # kept as the identity table writes it
        "Dedi Kurniawan, S.IP",
        "Kasi Pelayanan Umum",
    )
    assert (meta.group, meta.category, meta.date) == ("aparatur", "kunci", "2026-03-12")
    assert meta.extra == {"Jenis Kelamin": "Laki-laki", "Umur": "41 tahun", "Tempat": "Ruang Kasi"}
    assert meta.title == "TRANSKRIP WAWANCARA"
    assert source.text == (
        "TRANSKRIP WAWANCARA\n\n"
        "Peneliti: Selamat pagi, Pak. Boleh saya rekam?\n\n"
        "Pak Dedi: Silakan, Mbak. Jam layanan: 08.00 sampai 15.00.\n\n"
        "Peneliti: Bagaimana sarana prasarananya?\n\n"
        "Pak Dedi: Komputer cuma tiga yang jalan. Genset belum ada."
    )
    assert source.warnings == ()


def test_bold_label_with_the_colon_outside_the_bold_run(make_docx, segmenter):
    source = parse_file(make_docx(turns=TURNS, colon_in_bold=False), segmenter=segmenter)
    assert [s for s, _, _ in turn_texts(source)] == ["Peneliti", "Pak Dedi"] * 2
    assert source.text.count("Peneliti: ") == 2


def test_a_bold_label_said_once_is_still_a_speaker(make_docx, segmenter):
    turns = [("Peneliti", "Halo, Pak?"), ("Sekcam", "Halo juga."), ("Peneliti", "Terima kasih.")]
    source = parse_file(make_docx(turns=turns), segmenter=segmenter)
    assert [(s, k) for s, k, _ in turn_texts(source)] == [
        ("Peneliti", "interviewer"),
        ("Sekcam", "informant"),
        ("Peneliti", "interviewer"),
    ]


def test_timestamps_before_bold_labels(make_docx, segmenter):
    source = parse_file(
        make_docx(turns=TURNS, timestamps=["00:00:03", "00:00:10", "00:01:00", "00:01:30"]),
        segmenter=segmenter,
    )
    assert [t.timestamp for t in source.turns] == ["00:00:03", "00:00:10", "00:01:00", "00:01:30"]
    assert "[00:00:10] Pak Dedi: Silakan" in source.text
    assert turn_texts(source)[1][2] == TURNS[1][1]


def test_other_tables_become_text_lines(make_docx, segmenter):
    path = make_docx(turns=TURNS[:2], table=[["Layanan", "Waktu"], ["SKU", "1 hari"]])
    source = parse_file(path, segmenter=segmenter)
    assert "Layanan | Waktu\nSKU | 1 hari" in source.text
    assert [s for s, _, _ in turn_texts(source)] == ["Peneliti", "Pak Dedi"]


def test_identity_table_with_a_colon_column(tmp_path, segmenter):
    from docx import Document

    document = Document()
    grid = document.add_table(rows=0, cols=3)
    for key, value in [
        ("Nama", "Wulan Sari"),
        ("Pekerjaan", "Petugas loket 3"),
        ("Kode Informan", "I6"),
    ]:
        cells = grid.add_row().cells
        cells[0].text, cells[1].text, cells[2].text = key, ":", value
    paragraph = document.add_paragraph()
    paragraph.add_run("P:").bold = True
    paragraph.add_run(" Halo?")
    paragraph = document.add_paragraph()
    paragraph.add_run("I:").bold = True
    paragraph.add_run(" Halo juga.")
    path = tmp_path / "wulan.docx"
    document.save(str(path))
    source = parse_file(path, segmenter=segmenter)
    assert (source.meta.informant, source.meta.name, source.meta.role) == (
        "I6",
        "Wulan Sari",
        "Petugas loket 3",
    )
    assert source.text == "P: Halo?\n\nI: Halo juga."


def test_heading_paragraphs_are_not_turns(make_docx, segmenter):
    source = parse_file(
        make_docx(title=None, heading="Hasil Wawancara:", turns=TURNS[:2]), segmenter=segmenter
    )
    assert source.meta.title == "Hasil Wawancara:"
    assert [s for s, _, _ in turn_texts(source)] == ["Peneliti", "Pak Dedi"]


def test_docx_without_bold_labels_uses_the_text(make_docx, segmenter):
    source = parse_file(
        make_docx(plain=["P: Halo, Bu?", "I: Halo, Mbak.", "Lanjutan jawaban."]),
        segmenter=segmenter,
    )
    assert turn_texts(source) == [
        ("P", "interviewer", "Halo, Bu?"),
        ("I", "informant", "Halo, Mbak.\n\nLanjutan jawaban."),
    ]


def test_character_style_bold_and_hyperlinks(tmp_path, segmenter):
    from docx import Document
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    document = Document()
    paragraph = document.add_paragraph()
    paragraph.add_run("Peneliti:", style="Strong")
    paragraph.add_run(" Lihat ")
    paragraph._p.append(
        parse_xml(
            f"<w:hyperlink {nsdecls('w')}><w:r><w:t>situs kecamatan</w:t></w:r></w:hyperlink>"
        )
    )
    paragraph.add_run("?")
    paragraph = document.add_paragraph()
    paragraph.add_run("Camat:", style="Strong")
    paragraph.add_run(" Sudah\tada.")
    path = tmp_path / "I1_camat.docx"
    document.save(str(path))
    source = parse_file(path, segmenter=segmenter)
    assert turn_texts(source) == [
        ("Peneliti", "interviewer", "Lihat situs kecamatan?"),
        ("Camat", "informant", "Sudah\tada."),
    ]


def test_soft_line_breaks_stay_inside_the_turn(tmp_path, segmenter):
    from docx import Document

    document = Document()
    paragraph = document.add_paragraph()
    paragraph.add_run("Peneliti:").bold = True
    run = paragraph.add_run(" Baris satu?")
    run.add_break()
    run.add_text("Baris dua?")
    paragraph = document.add_paragraph()
    paragraph.add_run("Informan:").bold = True
    paragraph.add_run(" Ya.")
    path = tmp_path / "I2.docx"
    document.save(str(path))
    source = parse_file(path, segmenter=segmenter)
    assert turn_texts(source) == [
        ("Peneliti", "interviewer", "Baris satu?\nBaris dua?"),
        ("Informan", "informant", "Ya."),
    ]


def test_empty_docx(make_docx):
    with pytest.raises(IngestError, match=r"kosong\.docx kosong\."):
        parse_file(make_docx("kosong.docx", title=None))


def test_corrupt_docx(tmp_path):
    path = tmp_path / "rusak.docx"
    path.write_bytes(b"PK\x03\x04 this is not really a zip file")
    with pytest.raises(
        IngestError, match=r"rusak\.docx bukan berkas \.docx yang bisa dibaca"
    ) as info:
        parse_file(path)
    assert "simpan lagi sebagai .docx" in (info.value.hint or "")


def test_text_file_named_docx(tmp_path):
    path = tmp_path / "salah.docx"
    path.write_text("P: Halo\nI: Ya", encoding="utf-8")
    with pytest.raises(IngestError, match=r"salah\.docx bukan berkas \.docx yang sah"):
        parse_file(path)


def test_zip_without_a_document(tmp_path):
    path = tmp_path / "kosong_zip.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("hello.txt", "halo")
    with pytest.raises(IngestError, match=r"kosong_zip\.docx bukan berkas \.docx yang bisa dibaca"):
        parse_file(path)


def test_old_word_document_renamed_docx(tmp_path):
    path = tmp_path / "lama.docx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100)
    with pytest.raises(IngestError, match=r"dokumen Word lama \(\.doc\)"):
        parse_file(path)


def test_transcript_laid_out_as_a_speaker_table(make_docx, segmenter):
    rows = [
        ["Peneliti", "Bagaimana prosedurnya?"],
        ["Informan", "Sudah jelas."],
        ["Peneliti", "Kalau biayanya?"],
        ["Informan", "Gratis, Mbak."],
    ]
    source = parse_file(make_docx(identity=IDENTITY[:3], table=rows), segmenter=segmenter)
    assert source.meta.informant == "I03"
    assert turn_texts(source) == [
        ("Peneliti", "interviewer", "Bagaimana prosedurnya?"),
        ("Informan", "informant", "Sudah jelas."),
        ("Peneliti", "interviewer", "Kalau biayanya?"),
        ("Informan", "informant", "Gratis, Mbak."),
    ]
    assert "Peneliti: Bagaimana prosedurnya?\n\nInforman: Sudah jelas." in source.text


def test_question_and_answer_table(make_docx, segmenter):
    rows = [
        ["No", "Pertanyaan", "Jawaban"],
        ["1", "Bagaimana alurnya?", "Jelas, ada spanduk."],
        ["2", "Berapa biayanya?", "Gratis."],
    ]
    source = parse_file(make_docx(title=None, table=rows), segmenter=segmenter)
    assert turn_texts(source) == [
        ("Peneliti", "interviewer", "Bagaimana alurnya?"),
        ("I3", "informant", "Jelas, ada spanduk."),
        ("Peneliti", "interviewer", "Berapa biayanya?"),
        ("I3", "informant", "Gratis."),
    ]


def test_bold_sentence_with_a_colon_is_not_a_label(tmp_path, segmenter):
    from docx import Document

    document = Document()
    for label, text in [("Peneliti:", " Halo?"), ("Camat:", " Halo."), ("Peneliti:", " Lalu?")]:
        paragraph = document.add_paragraph()
        paragraph.add_run(label).bold = True
        paragraph.add_run(text)
    document.add_paragraph().add_run("Yang penting begini: warga jangan bingung.").bold = True
    document.add_paragraph().add_run("Peneliti: pertanyaan tebal semua?").bold = True
    path = tmp_path / "I1.docx"
    document.save(str(path))
    source = parse_file(path, segmenter=segmenter)
    assert [s for s, _, _ in turn_texts(source)] == ["Peneliti", "Camat", "Peneliti", "Peneliti"]
    assert turn_texts(source)[2][2] == "Lalu?\n\nYang penting begini: warga jangan bingung."

"""Speaker turns: every labelling convention, header blocks, false speakers, notes, fallback."""

from __future__ import annotations

import pytest

from qualcode.core.ingest.parse import parse_file, parse_text
from qualcode.i18n import t

from .helpers import FIXTURES, turn_texts


@pytest.fixture
def parse(segmenter):
    def run(text: str, filename: str = "I3_x.txt", **kwargs):
        return parse_text(text, filename=filename, segmenter=segmenter, **kwargs)

    return run


def test_p_and_i_labels(segmenter):
    source = parse_file(FIXTURES / "pi.txt", segmenter=segmenter)
    assert turn_texts(source) == [
        ("P", "interviewer", "Selamat pagi, Bu. Apakah Ibu bersedia diwawancarai?"),
        (
            "I",
            "informant",
            "Boleh, Mbak. Saya petugas loket satu.\n"
            "Jam layanan: 08.00 sampai 15.00, tapi loket sering buka jam 08.30.",
        ),
        ("P", "interviewer", "Bagaimana dengan komputernya?"),
        ("I", "informant", "Komputernya cuma tiga yang nyala. Printer sering macet!"),
    ]
    assert source.meta.title == "Transkrip Wawancara Informan 4"
    assert source.warnings == ()


def test_tanya_jawab_letters(parse):
    source = parse("T: Sudah lama antri?\nJ: Sudah, dua jam.\nT: Kenapa?\nJ: Printernya macet.")
    assert [(s, k) for s, k, _ in turn_texts(source)] == [
        ("T", "interviewer"),
        ("J", "informant"),
        ("T", "interviewer"),
        ("J", "informant"),
    ]


@pytest.mark.parametrize(
    "label", ["Peneliti", "Pewawancara", "Interviewer", "Penanya", "Peneliti (Nadia)"]
)
def test_known_interviewer_labels(parse, label):
    source = parse(f"{label}: Bagaimana pelayanannya?\n\nInforman: Lumayan baik.")
    assert turn_texts(source) == [
        (label, "interviewer", "Bagaimana pelayanannya?"),
        ("Informan", "informant", "Lumayan baik."),
    ]


@pytest.mark.parametrize(
    "label",
    [
        "Camat",
        "Ibu Sri",
        "Pak Joko",
        "Informan",
        "Narasumber",
        "Bu Sumarni",
        "Kasi Pelayanan Umum",
        "Informan 3 (Kasi)",
    ],
)
def test_name_and_role_labels_answering_the_interviewer(parse, label):
    source = parse(
        f"Peneliti: Boleh saya rekam?\n\n{label}: Boleh, Mbak.\n\n"
        f"Peneliti: Berapa lama prosesnya?\n\n{label}: Biasanya satu hari."
    )
    assert turn_texts(source) == [
        ("Peneliti", "interviewer", "Boleh saya rekam?"),
        (label, "informant", "Boleh, Mbak."),
        ("Peneliti", "interviewer", "Berapa lama prosesnya?"),
        (label, "informant", "Biasanya satu hari."),
    ]


def test_names_file_keeps_inline_colon_lines_inside_the_answer(segmenter):
    source = parse_file(FIXTURES / "names.txt", segmenter=segmenter)
    speakers = [s for s, _, _ in turn_texts(source)]
    assert speakers == ["Peneliti", "Camat"] * 3
    assert turn_texts(source)[3][2] == (
        "Prosedurnya sudah jelas. Alurnya dipasang di spanduk."
        "\n\nContohnya: surat domisili cukup satu hari."
    )


def test_label_inside_an_answer_is_not_a_speaker(parse):
    source = parse(
        "P: Jam berapa loket buka?\n\nI: Tergantung, Mbak.\nJam layanan: 08.00.\n"
        "Jam Layanan: 08.00 juga di papan.\nTapi sering telat.\n\nP: Oh begitu."
    )
    assert [k for _, k, _ in turn_texts(source)] == ["interviewer", "informant", "interviewer"]
    assert "Jam Layanan: 08.00 juga di papan." in turn_texts(source)[1][2]


def test_recurring_label_that_does_not_answer_is_not_a_speaker(parse):
    source = parse(
        "Peneliti: Apa kendalanya?\n\nCamat: Ada dua.\nMasalah: listrik padam.\n\n"
        "Peneliti: Lalu?\n\nCamat: Itu saja.\nMasalah: jaringan."
    )
    assert [s for s, _, _ in turn_texts(source)] == ["Peneliti", "Camat", "Peneliti", "Camat"]


def test_interviewer_inferred_from_questions_when_no_label_is_known(parse):
    source = parse(
        "Nadia: Selamat pagi, Pak. Boleh saya tanya?\n\nPak Joko: Boleh.\n\n"
        "Nadia: Bayar berapa?\n\nPak Joko: Nggak bayar.\n\nNadia: Terima kasih.\n\n"
        "Pak Joko: Sama-sama."
    )
    assert [(s, k) for s, k, _ in turn_texts(source)] == [
        ("Nadia", "interviewer"),
        ("Pak Joko", "informant"),
    ] * 3


@pytest.mark.parametrize(
    ("stamp", "expected"),
    [
        ("[00:03:12]", "00:03:12"),
        ("(00:03)", "00:03"),
        ("00:03:12", "00:03:12"),
        ("[00:03:12] -", "00:03:12"),
        ("[1:02:03.5]", "1:02:03.5"),
    ],
)
def test_timestamps_before_the_label(parse, stamp, expected):
    source = parse(
        f"{stamp} Peneliti: Halo, Mbak?\n\n{stamp} Wulan: Halo juga.\n\n"
        f"{stamp} Peneliti: Sudah bimtek?\n\n{stamp} Wulan: Belum."
    )
    assert [t.timestamp for t in source.turns] == [expected] * 4
    assert turn_texts(source)[:2] == [
        ("Peneliti", "interviewer", "Halo, Mbak?"),
        ("Wulan", "informant", "Halo juga."),
    ]


def test_timestamp_after_the_label(parse):
    source = parse("P (00:01:10): Halo?\n\nI [00:01:20]: Ya.")
    assert [(t.speaker, t.timestamp) for t in source.turns] == [
        ("P", "00:01:10"),
        ("I", "00:01:20"),
    ]


def test_timestamps_fixture(segmenter):
    source = parse_file(FIXTURES / "timestamps.txt", segmenter=segmenter)
    assert [t.timestamp for t in source.turns] == ["00:00:03", "00:00:19", "00:01:02", "00:01:15"]
    assert [s for s, _, _ in turn_texts(source)] == ["Peneliti", "Wulan"] * 2


def test_numbered_questions_with_jawab_and_a_header_block(segmenter):
    source = parse_file(FIXTURES / "numbered.txt", segmenter=segmenter)
    assert turn_texts(source) == [
        ("Peneliti", "interviewer", "Selamat sore, Pak. Apakah Bapak bersedia diwawancarai?"),
        ("Pak Karto Wiyono", "informant", "Nggih, monggo, Mbak. Silakan."),
        ("Peneliti", "interviewer", "Berapa biaya yang Bapak bayar?"),
        (
            "Pak Karto Wiyono",
            "informant",
            "Ndak bayar, Mbak. Gratis.\nSyaratnya: fotokopi KK sama pengantar desa.",
        ),
        ("Peneliti", "interviewer", "Bagaimana petugasnya?"),
        ("Pak Karto Wiyono", "informant", "Ramah, sopan."),
    ]
    meta = source.meta
    assert (meta.name, meta.role, meta.date) == ("Pak Karto Wiyono", "Petani", "2026-03-24")
    assert meta.extra == {"Umur": "68 tahun", "Tempat": "Rumah informan, Desa Sidorejo"}


def test_jawab_without_a_name_uses_the_informant_code(parse):
    source = parse("1. Bagaimana alurnya?\nJawab: Jelas.", filename="I8_karto.txt")
    assert turn_texts(source) == [
        ("Peneliti", "interviewer", "Bagaimana alurnya?"),
        ("I8", "informant", "Jelas."),
    ]


def test_numbered_questions_with_unlabelled_answers(parse):
    source = parse(
        "1. Bagaimana prosedurnya?\nProsedurnya jelas.\nTapi syaratnya banyak.\n\n"
        "2) Berapa lama?\n\nSatu hari."
    )
    assert [(k, text) for _, k, text in turn_texts(source)] == [
        ("interviewer", "Bagaimana prosedurnya?"),
        ("informant", "Prosedurnya jelas.\nTapi syaratnya banyak."),
        ("interviewer", "Berapa lama?"),
        ("informant", "Satu hari."),
    ]


def test_numbered_list_inside_an_answer_is_not_a_question(parse):
    source = parse(
        "P: Apa saja syaratnya?\n\nI: Ada tiga:\n1. Fotokopi KK\n2. Fotokopi KTP\n"
        "3. Pengantar desa\n\nP: Terima kasih."
    )
    assert [k for _, k, _ in turn_texts(source)] == ["interviewer", "informant", "interviewer"]
    assert turn_texts(source)[1][2].endswith("3. Pengantar desa")


def test_turn_continues_over_lines_and_paragraphs(parse):
    source = parse("P: Bagaimana?\n\nI: Baris satu.\nBaris dua.\n\nParagraf kedua.\n\nP: Oke.")
    assert turn_texts(source)[1][2] == "Baris satu.\nBaris dua.\n\nParagraf kedua."


def test_header_lines_are_metadata_not_speakers(parse):
    source = parse(
        "TRANSKRIP WAWANCARA\nNama: Rina Oktaviani\nJabatan: Petugas Loket 1\n"
        "Kode Informan: I04\nPewawancara: Nadia Salsabila\nTanggal: 12 Maret 2026\n\n"
        "P: Halo?\n\nI: Halo juga.",
        filename="rina.txt",
    )
    meta = source.meta
    assert (meta.informant, meta.name, meta.role, meta.date) == (
        "I04",
        "Rina Oktaviani",
        "Petugas Loket 1",
        "2026-03-12",
    )
    assert meta.extra == {"Pewawancara": "Nadia Salsabila"}
    assert meta.title == "TRANSKRIP WAWANCARA"
    assert [s for s, _, _ in turn_texts(source)] == ["P", "I"]
    assert source.warnings == ()


def test_informan_header_with_a_code(parse):
    source = parse(
        "Informan: I12\nTanggal: 2 April 2026\n\nPeneliti: Halo?\n\nInforman: Ya.",
        filename="lestari.txt",
    )
    assert source.meta.informant == "I12"
    assert [s for s, _, _ in turn_texts(source)] == ["Peneliti", "Informan"]


def test_markdown_bold_labels_are_stripped_and_headings_are_not_turns(segmenter):
    source = parse_file(FIXTURES / "frontmatter.md", segmenter=segmenter)
    assert "**" not in source.text
    assert "Peneliti: Halo, Kak Anisa." in source.text
    assert "## Bagian kedua" in source.text
    assert turn_texts(source) == [
        ("Peneliti", "interviewer", "Halo, Kak Anisa. Boleh saya rekam?"),
        ("Anisa", "informant", "Boleh banget, Kak. Santai aja."),
        ("Peneliti", "interviewer", "Bagaimana wifi di kecamatan?"),
        ("Anisa", "informant", "Wifi-nya lemot. SIAK juga sering down."),
    ]


def test_text_outside_turns_is_reported(parse):
    source = parse(
        "Wawancara dilakukan di kantor camat pada pagi hari yang cerah sekali "
        "sebelum loket dibuka.\n\nP: Halo?\n\nI: Ya."
    )
    assert [s for s, _, _ in turn_texts(source)] == ["P", "I"]
    assert any("di luar giliran bicara mana pun" in w for w in source.warnings)


def test_unrecognised_layout_is_one_informant_turn(segmenter):
    source = parse_file(FIXTURES / "unlabelled.txt", segmenter=segmenter)
    assert len(source.turns) == 1
    turn = source.turns[0]
    assert (turn.kind, turn.start, turn.end) == ("informant", 0, len(source.text))
    assert t("ingest_errors.warn_no_labels") in source.warnings


def test_only_interviewer_turns_warns(parse):
    source = parse("P: Halo?\n\nP: Ada orang?")
    assert any("hanya giliran bicara pewawancara" in w for w in source.warnings)


def test_observation_notes(segmenter):
    source = parse_file(FIXTURES / "observasi_loket.txt", segmenter=segmenter)
    assert source.meta.technique == "observasi"
    assert source.meta.title == "Catatan Observasi Ruang Tunggu"
    assert source.meta.date == "2026-03-16"
    assert source.meta.extra == {"Lokasi": "Kantor Camat Sukamaju"}
    assert turn_texts(source) == [
        ("", "note", "Loket belum buka. Enam warga menunggu di teras."),
        (
            "",
            "note",
            "Petugas loket 2 datang pukul 08.30. Kipas angin mati dua.\n"
            "Kursi tunggu hanya sepuluh.",
        ),
        ("", "note", "Printer macet dua kali."),
    ]
    assert source.turns[0].timestamp == "08:05"
    assert source.warnings == ()


def test_documentation_from_front_matter_ignores_labels(parse):
    source = parse(
        "---\ntechnique: dokumentasi\n---\n# SOP\n\nPersyaratan: KK dan KTP.\n\nBiaya: gratis.",
        filename="sop.md",
    )
    assert [(s, k, text) for s, k, text in turn_texts(source)] == [
        ("", "note", "Persyaratan: KK dan KTP."),
        ("", "note", "Biaya: gratis."),
    ]
    assert source.warnings == ()


def test_notes_with_nothing_but_a_heading_fall_back(parse):
    source = parse("# Catatan", filename="observasi.txt")
    assert [(k, text) for _, k, text in turn_texts(source)] == [("note", "# Catatan")]
    assert source.warnings


def test_timestamps_on_their_own_line(parse):
    source = parse(
        "[00:00:05]\nPeneliti: Halo, Mbak?\n\n[00:00:09]\nWulan: Halo.\n\n"
        "[00:00:20]\nPeneliti: Sudah lama?\n\n[00:00:31]\nWulan: Dua tahun."
    )
    assert [(t.speaker, t.timestamp) for t in source.turns] == [
        ("Peneliti", "00:00:05"),
        ("Wulan", "00:00:09"),
        ("Peneliti", "00:00:20"),
        ("Wulan", "00:00:31"),
    ]
    assert turn_texts(source)[1][2] == "Halo."
    assert source.warnings == ()


def test_note_timestamp_on_its_own_line(parse):
    source = parse(
        "[09:15]\n\nAntrean panjang.\n\n(09:40)\nPrinter macet.", filename="observasi.txt"
    )
    assert [(t.timestamp, source.text[t.start : t.end]) for t in source.turns] == [
        ("09:15", "Antrean panjang."),
        ("09:40", "Printer macet."),
    ]

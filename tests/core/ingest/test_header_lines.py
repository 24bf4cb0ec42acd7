"""Identity from the header lines students write: code, name, age, role, place, date, legend."""

from __future__ import annotations

from pathlib import Path

import pytest

from qualcode.core.ingest.header_lines import identity_pairs, speaker_legend
from qualcode.core.ingest.meta import category_of_code
from qualcode.core.ingest.parse import parse_file
from qualcode.core.sources.informants import infer_group
from qualcode.i18n import t

HEADERS = Path(__file__).parent / "fixtures" / "headers"


def _parsed(name: str, segmenter):
    source = parse_file(HEADERS / name, segmenter=segmenter)
    turns = [(t.speaker, t.kind, source.text[t.start : t.end]) for t in source.turns]
    return source.meta, turns, source.warnings


def test_a_free_text_informant_line_is_metadata(segmenter):
    meta, turns, warnings = _parsed("ani.txt", segmenter)
    assert (meta.informant, meta.name, meta.role, meta.date) == (
        "I3",
        "Ibu Ani",
        "pedagang pasar",
        "2024-03-04",
    )
    assert meta.extra["Umur"] == "45 tahun" and meta.extra["Tempat"] == "Desa Sukamaju"
    assert meta.extra["Keterangan"] == "P = peneliti, I = informan"
    assert [k for _, k, _ in turns] == ["interviewer", "informant", "interviewer", "informant"]
    assert not any("Ibu Ani" in text for _, _, text in turns)  # never a turn
    assert warnings == ()


def test_wawancara_dengan_names_the_informant_and_the_code_in_brackets(segmenter):
    meta, turns, warnings = _parsed("budi.txt", segmenter)
    assert (meta.informant, meta.name, meta.role, meta.date) == (
        "R07",
        "Pak Budi",
        "Kepala Seksi Pelayanan",  # from Nama/Jabatan
        "2024-03-05",
    )
    assert meta.extra["Tempat"] == "Ruang Kasi Pelayanan" and meta.extra["Waktu"] == "10.00"
    assert turns[1][:2] == ("R07", "informant")
    assert warnings == ()


def test_code_schemes_and_categories(segmenter):
    meta, turns, _ = _parsed("ik.txt", segmenter)
    assert (meta.informant, meta.name, meta.role, meta.category) == (
        "IK-1",
        "Drs. Sutrisno",
        "Camat",
        "kunci",
    )
    assert meta.date == "2024-03-04"  # "4 Mar 2024"
    assert turns[1] == ("IK-1", "informant", turns[1][2])  # a code label answers, even once
    meta, _, _ = _parsed("lastri.txt", segmenter)
    assert (meta.informant, meta.name, meta.role, meta.category, meta.date) == (
        "IU-2",
        "Lastri",
        "petani",
        "utama",
        "2024-03-07",
    )
    assert meta.extra["Tempat"] == "Dusun Krajan"
    meta, _, warnings = _parsed("i100.txt", segmenter)
    assert (meta.informant, meta.name, meta.role) == ("I100", "Sri", "ibu rumah tangga")
    assert warnings == ()


def test_a_speaker_legend_and_compound_keys(segmenter):
    meta, turns, warnings = _parsed("yusuf.txt", segmenter)
    assert (meta.name, meta.role, meta.date) == ("Pak Yusuf", "Operator SIAK", "2024-03-06")
    assert meta.extra["Nama"] == "Yusuf Maulana"
    assert [(s, k) for s, k, _ in turns] == [
        ("T", "interviewer"),
        ("Y", "informant"),
        ("T", "interviewer"),
        ("Y", "informant"),
    ]
    assert warnings[-1] == t("ingest_errors.warn_no_informant")  # no code anywhere


def test_identity_pairs_and_legends():
    assert identity_pairs("Informan 12 - Pak Darto, Ketua RT 02, Desa Mekar") == [
        ("Kode informan", "I12"),
        ("Nama", "Pak Darto"),
        ("Pekerjaan", "Ketua RT 02"),
        ("Tempat", "Desa Mekar"),
    ]
    assert identity_pairs("Wawancara dengan Bu Sinta (P01)") == [
        ("Kode informan", "P01"),
        ("Nama", "Bu Sinta"),
    ]
    assert identity_pairs("Pelayanan di kecamatan cukup cepat.") == []
    assert speaker_legend("P = peneliti, N = narasumber") == {
        "P": "interviewer",
        "N": "informant",
    }
    assert category_of_code("IP-3") == "pendukung" and category_of_code("I3") is None


@pytest.mark.parametrize(
    ("role", "group"),
    [
        ("pedagang pasar", "masyarakat"),
        ("Petani", "masyarakat"),
        ("ibu rumah tangga", "masyarakat"),
        ("Mahasiswa", "masyarakat"),
        ("guru SD", "masyarakat"),
        ("Karyawan swasta", "masyarakat"),
        ("Wiraswasta", "masyarakat"),
        ("Kepala Seksi Pelayanan", "aparatur"),
        ("Operator SIAK", "aparatur"),
        ("Staf honorer kecamatan", "aparatur"),
        ("Camat", "aparatur"),
        ("Penyanyi", ""),
    ],
)
def test_group_from_the_role(role, group):
    assert infer_group(role) == group


def test_separators_and_session_headers_stay_out_of_notes(segmenter):
    source = parse_file(
        HEADERS / "observasi_sesi.txt", segmenter=segmenter, meta_hint={"technique": "observasi"}
    )
    notes = [source.text[t.start : t.end] for t in source.turns]
    assert [t.kind for t in source.turns] == ["note", "note"]
    assert notes[0].startswith("Loket dibuka pukul 08.30")
    assert notes[1] == "Petugas menjelaskan persyaratan kepada warga dengan sabar."
    assert not any(mark in note for note in notes for mark in ("=====", "-----", "***", "Sesi"))
    first_sentence = source.sentences[0]
    assert source.text[first_sentence.start : first_sentence.end].startswith("Loket dibuka")

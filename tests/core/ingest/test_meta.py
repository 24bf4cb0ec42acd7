"""Informant codes, dates, techniques and metadata keys as students write them."""

from __future__ import annotations

import pytest

from qualcode.core.ingest.meta import (
    informant_code,
    informant_from_filename,
    parse_date,
    technique_from_filename,
    technique_of,
)
from qualcode.core.ingest.parse import parse_file, parse_text


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("I01", "I01"),  # kept as written
        ("I100", "I100"),
        ("P01", "P01"),
        ("R-12", "R-12"),
        ("IK-1", "IK-1"),
        ("iu-2", "IU-2"),
        ("I9", "I9"),
        ("i12", "I12"),
        ("Informan 8", "I8"),
        ("informan-08", "I08"),
        ("Informant 3", "I3"),
        ("I-3", "I-3"),
        ("Inf. 4", "I4"),
        ("13", "I13"),
        ("I3 (Kasi)", "I3"),
        ("Narasumber 2", "I2"),
    ],
)
def test_informant_codes(value, code):
    assert informant_code(value) == code


@pytest.mark.parametrize("value", ["Pak Joko", "I0", "I123456", "Ibu Sri", "0", "I3a", "", "RT 03"])
def test_not_informant_codes(value):
    assert informant_code(value) is None


@pytest.mark.parametrize(
    ("stem", "code"),
    [
        ("I01_camat_haryanto", "I01"),  # kept as written, like a header's code
        ("I1_camat_haryanto", "I1"),
        ("I5 Petugas Loket Fajar", "I5"),
        ("Transkrip Wawancara Informan 8", "I8"),  # as the header line "Informan 8" names it
        ("wawancara informan-08", "I08"),
        ("i13_pak_suparman", "I13"),
        ("2026-03-12_I3_kasi", "I3"),
        ("W_I10", "I10"),
        ("I101_warga", "I101"),  # any number of digits
        ("I0007 warga", "I0007"),
        ("p01_budi", "P01"),
        ("R-12 pedagang pasar", "R-12"),
        ("IK-1 pak lurah", "IK-1"),
        ("wawancara_IU-2", "IU-2"),
        ("ip-3_bidan", "IP-3"),
    ],
)
def test_informant_from_filename(stem, code):
    assert informant_from_filename(stem) == code


@pytest.mark.parametrize(
    "stem",
    [
        "observasi_2026-03-16",
        "dokumentasi_sop",
        "wawancara camat",
        "Ibu Lestari",
        "INDEX",
        "Ketua RT03",  # not an informant scheme
        "SOP2 loket",
        "I0_kosong",
    ],
)
def test_no_informant_in_filename(stem):
    assert informant_from_filename(stem) is None


@pytest.mark.parametrize(
    ("value", "iso"),
    [
        ("2026-03-12", "2026-03-12"),
        ("12 Maret 2026", "2026-03-12"),
        ("Kamis, 12 Maret 2026 pukul 09.00 WIB", "2026-03-12"),
        ("12/03/2026", "2026-03-12"),
        ("2 April 2026", "2026-04-02"),
        ("17 Agustus 2026", "2026-08-17"),
        ("1 Des 2026", "2026-12-01"),
        ("March 5, 2026", "2026-03-05"),
        ("12-3-2026", "2026-03-12"),
    ],
)
def test_dates(value, iso):
    assert parse_date(value) == iso


@pytest.mark.parametrize("value", ["Maret 2026", "31 Februari 2026", "besok", "12 Marte 2026"])
def test_not_dates(value):
    assert parse_date(value) is None


def test_techniques():
    assert technique_of("Observasi") == "observasi"
    assert technique_of("Studi Dokumentasi") == "dokumentasi"
    assert technique_of("interview") == "wawancara"
    assert technique_of("survei") is None
    assert technique_from_filename("Observasi_Loket") == "observasi"
    assert technique_from_filename("I3_dokumentasi_foto") == "dokumentasi"
    assert technique_from_filename("I3_camat") is None


def test_technique_from_front_matter_wins_over_file_name(write_text, segmenter):
    path = write_text(
        "observasi_x.md", "---\ntechnique: wawancara\ninformant: I2\n---\nP: Halo?\n\nI: Ya.\n"
    )
    source = parse_file(path, segmenter=segmenter)
    assert source.meta.technique == "wawancara"
    assert [t.kind for t in source.turns] == ["interviewer", "informant"]


def test_meta_hint_fills_gaps_only(segmenter):
    source = parse_text(
        "---\nrole: Camat\n---\nP: Halo?\n\nI: Ya.",
        filename="I1.md",
        meta_hint={"role": "Sekcam", "group": "Aparatur", "informant": "I2"},
        segmenter=segmenter,
    )
    assert source.meta.role == "Camat"
    assert source.meta.group == "aparatur"
    assert source.meta.informant == "I2"  # the caller knows better than a file name


def test_missing_informant_warns(segmenter):
    source = parse_text("P: Halo?\n\nI: Ya.", filename="wawancara.txt", segmenter=segmenter)
    assert source.meta.informant is None
    assert any("kode informan tidak ditemukan" in w for w in source.warnings)


def test_informant_from_a_title_line(segmenter):
    source = parse_text(
        "Transkrip Wawancara Informan 4\n\nP: Halo?\n\nI: Ya.",
        filename="rina.txt",
        segmenter=segmenter,
    )
    assert source.meta.informant == "I4"
    assert source.warnings == ()

"""Conclusion drawing and verification: verdicts, statements, evidence, flags, the table."""

from __future__ import annotations

import dataclasses

import pytest

from qualcode.core.analysis.conclusions import (
    Conclusion,
    clear_conclusion,
    get_conclusion,
    get_conclusions,
    propose_verdict,
    set_conclusion,
    verdict_direction,
    verification_flags,
)
from qualcode.core.displays import build_display
from qualcode.errors import DisplayError
from tests.core.displays import fixture as mini
from tests.core.displays.fixture import delete_coding, make_project

# The display tests' fixtures (tests/core/displays/conftest.py uses the same ones).
indonesian = mini.indonesian
built = mini.built
project = mini.project


def flags(project, dimension):
    return [(f.id, f.message) for f in verification_flags(project, dimension)]


# -- setting and reading ------------------------------------------------------------------------
def test_every_dimension_has_a_blank_conclusion_until_set(project):
    assert get_conclusions(project) == [Conclusion("sarana"), Conclusion("sikap")]


def test_set_verdict_and_statement(project):
    result = set_conclusion(
        project, "sarana", verdict="kurang baik", statement="Sarana belum memadai."
    )
    assert (result.verdict, result.statement, result.evidence) == (
        "kurang baik",
        "Sarana belum memadai.",
        (),
    )
    assert result.author == "uji" and result.updated_at
    assert set_conclusion(project, "sikap", verdict=" Cukup  Baik").verdict == "cukup baik"
    # a later call changes only what it names
    set_conclusion(project, "sarana", statement="Sarana kurang memadai.")
    assert get_conclusion(project, "sarana").verdict == "kurang baik"
    assert get_conclusions(project)[0].statement == "Sarana kurang memadai."


def test_setting_is_undoable(project):
    set_conclusion(project, "sarana", verdict="baik")
    set_conclusion(project, "sarana", verdict="kurang baik")
    assert project.store.undo().action == "conclusion.set"
    assert get_conclusion(project, "sarana").verdict == "baik"
    project.store.undo()
    assert get_conclusion(project, "sarana") == Conclusion("sarana")
    assert clear_conclusion(project, "sarana") is False


def test_clear_and_empty_verdict(project):
    set_conclusion(project, "sikap", verdict="baik", statement="x")
    set_conclusion(project, "sikap", verdict="")
    assert get_conclusion(project, "sikap").verdict == ""
    assert clear_conclusion(project, "sikap") is True
    assert get_conclusion(project, "sikap") == Conclusion("sikap")


def test_a_verdict_outside_the_scale_lists_the_scale_and_changes_nothing(project):
    before = project.store.events(limit=None)
    with pytest.raises(DisplayError) as caught:
        set_conclusion(project, "sarana", verdict="sangat baik", statement="x")
    assert caught.value.message == (
        "Putusan 'sangat baik' untuk dimensi sarana tidak ada di skala buku kode."
    )
    assert (
        caught.value.hint
        == "Skala yang berlaku: baik, cukup baik, kurang baik (diatur di buku kode)."
    )
    assert project.store.events(limit=None) == before
    assert get_conclusion(project, "sarana") == Conclusion("sarana")


def test_conclusions_are_per_dimension(project):
    with pytest.raises(DisplayError) as caught:
        set_conclusion(project, "sarana-alat", verdict="baik")
    assert caught.value.message == "'sarana-alat' bukan dimensi; kesimpulan ditarik per dimensi."
    assert caught.value.hint == "Dimensi yang ada: sarana, sikap"
    with pytest.raises(DisplayError) as caught:
        verification_flags(project, "fasilitas")
    assert caught.value.message == "Dimensi 'fasilitas' tidak ada di buku kode."


def test_evidence_by_uid_or_id_must_belong_to_the_dimension(built):
    project = built.project
    ramah = built.uid("I1.txt", "Petugas ramah kepada warga")
    sopan = built.id("I2.txt", "Petugas ramah dan sopan")
    result = set_conclusion(project, "sikap", evidence=[ramah, sopan, ramah])
    assert result.evidence == (ramah, built.uid("I2.txt", "Petugas ramah dan sopan"))
    with pytest.raises(DisplayError) as caught:
        set_conclusion(
            project, "sikap", evidence=[built.uid("I1.txt", "Ruang tunggu sudah diperluas")]
        )
    assert caught.value.message == (
        "Koding I1.txt-1 berkode 'sarana-ruang', bukan bukti dimensi sikap."
    )
    with pytest.raises(DisplayError):  # an effort addresses the dimension but is no evidence
        set_conclusion(
            project, "sikap", evidence=[built.uid("I2.txt", "Membuat jadwal piket loket")]
        )
    with pytest.raises(DisplayError) as caught:
        set_conclusion(project, "sikap", evidence=["tidak-ada", 99999])
    assert caught.value.message == "Koding berikut tidak ada: tidak-ada, 99999."
    typed = set_conclusion(project, "sikap", evidence=[str(sopan)])  # an id typed on a CLI
    assert typed.evidence == (built.uid("I2.txt", "Petugas ramah dan sopan"),)
    set_conclusion(project, "sikap", evidence=result.evidence)
    assert get_conclusion(project, "sikap").evidence == result.evidence


# -- verification flags -------------------------------------------------------------------------
def test_without_a_verdict_the_flag_proposes_one(project):
    assert flags(project, "sarana") == [
        ("verdict_missing", "Ada 10 bukti tetapi putusan belum ditetapkan (usulan: kurang baik)."),
    ]
    assert flags(project, "sikap") == [
        ("verdict_missing", "Ada 7 bukti tetapi putusan belum ditetapkan (usulan: cukup baik)."),
    ]


def test_contrary_evidence_above_the_share(project):
    # sarana: 1 pendukung, 8 penghambat (the netral one has no direction)
    set_conclusion(project, "sarana", verdict="baik")
    assert flags(project, "sarana") == [
        ("contrary", "89% bukti (8 dari 9) berlawanan dengan putusan 'baik' (batas 30%)."),
    ]
    set_conclusion(project, "sarana", verdict="kurang baik")
    assert flags(project, "sarana") == []
    # sikap: 3 pendukung, 4 penghambat — a mixed verdict fits, a positive one does not
    set_conclusion(project, "sikap", verdict="cukup baik")
    assert flags(project, "sikap") == []
    set_conclusion(project, "sikap", verdict="baik")
    assert flags(project, "sikap") == [
        ("contrary", "57% bukti (4 dari 7) berlawanan dengan putusan 'baik' (batas 30%)."),
    ]


def test_the_share_is_a_strict_limit_from_the_settings(built):
    project = built.project
    evidence = [
        built.uid("I1.txt", "Ruang tunggu sudah diperluas"),  # pendukung
        built.uid("I3.txt", "Ruang tunggu sempit dan panas"),  # penghambat
        built.uid("I10.txt", "Ruang tunggu sempit"),  # penghambat
        built.uid("observasi.md", "Kipas angin rusak"),  # penghambat
    ]
    set_conclusion(project, "sarana", verdict="kurang baik", evidence=evidence)
    assert verification_flags(project, "sarana") == []  # 25% against, the default limit is 30%
    project.settings = dataclasses.replace(project.settings, contrary_share=0.25)
    assert verification_flags(project, "sarana") == []  # exactly the share is not above it
    project.settings = dataclasses.replace(project.settings, contrary_share=0.2)
    assert flags(project, "sarana") == [
        ("contrary", "25% bukti (1 dari 4) berlawanan dengan putusan 'kurang baik' (batas 20%)."),
    ]


def test_one_informant_one_technique_and_a_one_sided_mixed_verdict(built):
    project = built.project
    ramah = built.uid("I1.txt", "Petugas ramah kepada warga")
    set_conclusion(project, "sikap", verdict="cukup baik", evidence=[ramah])
    assert flags(project, "sikap") == [
        ("one_informant", "Hanya didukung satu informan (I1)."),
        ("one_technique", "Hanya dari Wawancara; belum ditriangulasi dengan teknik lain."),
        (
            "contrary",
            "Bukti condong ke pendukung (100%); putusan 'cukup baik' mungkin kurang tepat.",
        ),
    ]


def test_one_group(built):
    project = built.project
    evidence = [
        built.uid("I1.txt", "Petugas ramah kepada warga"),
        built.uid("I2.txt", "Petugas ramah dan sopan"),
    ]
    set_conclusion(project, "sikap", verdict="baik", evidence=evidence)
    assert [f.id for f in verification_flags(project, "sikap")] == ["one_group", "one_technique"]
    assert verification_flags(project, "sikap")[0].message == (
        "Semua informan dari satu kelompok (Aparatur); belum dibandingkan dengan kelompok lain."
    )


def test_observation_only(built):
    project = built.project
    set_conclusion(
        project,
        "sikap",
        verdict="kurang baik",
        evidence=[built.uid("observasi.md", "Loket buka jam 08.30")],
    )
    assert flags(project, "sikap") == [
        ("one_informant", "Tidak ada bukti dari informan; hanya observasi/dokumentasi."),
        ("one_technique", "Hanya dari Observasi; belum ditriangulasi dengan teknik lain."),
    ]


def test_evidence_that_was_removed(built):
    project = built.project
    set_conclusion(
        project,
        "sikap",
        verdict="baik",
        evidence=[built.uid("I10.txt", "Ada petugas judes saat ramai")],
    )
    delete_coding(built, built.id("I10.txt", "Ada petugas judes saat ramai"))
    assert flags(project, "sikap") == [
        (
            "evidence_missing",
            "1 bukti yang dipilih sudah tidak ada (koding dihapus); pilih ulang bukti.",
        ),
        ("no_evidence", "Belum ada bukti untuk dimensi ini."),
    ]


def test_no_evidence_at_all(tmp_path, monkeypatch):
    monkeypatch.setenv("QUALCODE_CONFIG_DIR", str(tmp_path / "config"))
    empty = make_project(tmp_path / "e", codings=False).project
    try:
        assert flags(empty, "sarana") == [("no_evidence", "Belum ada bukti untuk dimensi ini.")]
        table = build_display(empty, "conclusions")
        assert [[c.text for c in r.cells] for r in table.rows] == [
            ["Sarana", "—", "—", "0", "—", "belum ada bukti", "Belum ada bukti untuk dimensi ini."],
            [
                "Sikap Petugas",
                "—",
                "—",
                "0",
                "—",
                "belum ada bukti",
                "Belum ada bukti untuk dimensi ini.",
            ],
        ]
    finally:
        empty.close()


# -- rules --------------------------------------------------------------------------------------
def test_verdict_directions():
    scale = ("baik", "cukup baik", "kurang baik")
    assert [verdict_direction(v, scale) for v in scale] == ["pendukung", "mixed", "penghambat"]
    assert verdict_direction("", scale) == ""
    four = ("sangat baik", "baik", "kurang baik", "buruk")
    assert [verdict_direction(v, four) for v in four] == [
        "pendukung",
        "pendukung",
        "penghambat",
        "penghambat",
    ]


def test_proposals_are_never_contrary():
    scale = ("baik", "cukup baik", "kurang baik")
    assert propose_verdict(7, 3, scale, 0.3) == "baik"
    assert propose_verdict(6, 4, scale, 0.3) == "cukup baik"
    assert propose_verdict(3, 7, scale, 0.3) == "kurang baik"
    assert propose_verdict(0, 0, scale, 0.3) == ""
    assert propose_verdict(5, 5, ("baik", "buruk"), 0.3) == "baik"
    assert (
        propose_verdict(4, 6, ("sangat baik", "baik", "kurang baik", "buruk"), 0.3) == "kurang baik"
    )


# -- the conclusions table ----------------------------------------------------------------------
def test_conclusions_table(built):
    project = built.project
    set_conclusion(project, "sarana", verdict="kurang baik", statement="Sarana belum memadai.")
    table = build_display(project, "conclusions")
    assert [c.label for c in table.columns] == [
        "Dimensi",
        "Putusan",
        "Pernyataan",
        "Bukti",
        "Informan",
        "Triangulasi",
        "Catatan verifikasi",
    ]
    assert [[c.text for c in r.cells] for r in table.rows] == [
        [
            "Sarana",
            "kurang baik",
            "Sarana belum memadai.",
            "10",
            "I1, I2, I3, I10, Obs, Dok",
            "sesuai",
            "—",
        ],
        [
            "Sikap Petugas",
            "— (usulan: cukup baik)",
            "—",
            "7",
            "I1, I2, I3, I10, Obs",
            "bertentangan",
            "Ada 7 bukti tetapi putusan belum ditetapkan (usulan: cukup baik).",
        ],
    ]
    assert table.cell("sarana", "verdict").style == "verdict-bad"
    assert len(table.cell("sarana", "evidence").codings) == 10
    assert table.landscape


def test_the_table_follows_the_chosen_evidence(built):
    project = built.project
    evidence = [
        built.uid("I1.txt", "Petugas ramah kepada warga"),
        built.uid("I3.txt", "Petugasnya ramah dan sopan"),
    ]
    set_conclusion(project, "sikap", verdict="baik", evidence=evidence)
    row = build_display(project, "conclusions").rows[1]
    assert [c.text for c in row.cells][3:6] == ["2", "I1, I3", "satu teknik saja"]
    assert row.cells[6].text == "Hanya dari Wawancara; belum ditriangulasi dengan teknik lain."

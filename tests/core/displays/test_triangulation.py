"""Triangulation across techniques and informant groups, and the contrast view."""

from __future__ import annotations

from qualcode.core.displays import build_display
from qualcode.core.displays.triangulation import status
from tests.core.displays.fixture import delete_coding


def rows(table):
    return [[c.text for c in r.cells] for r in table.rows]


def test_by_technique_cells_say_what_each_technique_shows(project):
    table = build_display(project, "triangulation")
    assert table.title == "Triangulasi Teknik Pengumpulan Data"
    assert [c.label for c in table.columns] == [
        "Dimensi",
        "Wawancara",
        "Observasi",
        "Dokumentasi",
        "Status",
    ]
    interviews = table.cell("sarana", "wawancara").text.split("\n")
    # The leaning, the most widely shared statements of each direction with who said them,
    # and the quotes behind it with their unit, netral counted too.
    assert interviews[0] == "Cenderung penghambat."
    assert "+ Ruang tunggu sudah diperluas (I1)" in interviews
    assert sum(line.startswith("− ") for line in interviews) == 2  # the two most widely shared
    assert interviews[-1] == "(Kutipan: 1 pendukung, 6 penghambat, 1 netral)"
    # Observation's own column does not cite "(Obs)" on each line.
    assert table.cell("sarana", "observasi").text == (
        "Cenderung penghambat.\n− Kipas angin rusak\n(Kutipan: 0 pendukung, 1 penghambat, 0 netral)"
    )
    assert table.cell("sikap", "dokumentasi").text == "—"
    assert table.cell("sarana", "status").text == (
        "sesuai: wawancara, observasi dan dokumentasi sama-sama cenderung penghambat"
    )
    assert table.cell("sikap", "status").text == (
        "bertentangan: wawancara cenderung seimbang; observasi cenderung penghambat"
    )
    assert table.cell("sarana", "status").style == "agree"
    assert table.cell("sikap", "status").style == "conflict"


def test_cells_hold_every_coding_netral_included(built):
    cell = build_display(built.project, "triangulation").cell("sarana", "wawancara")
    assert len(cell.codings) == 8
    assert built.id("I10.txt", "Pelayanan umumnya baik") in cell.codings


def test_one_technique_only(built):
    delete_coding(built, built.id("observasi.md", "Loket buka jam 08.30"))
    table = build_display(built.project, "triangulation")
    assert table.cell("sikap", "status").text == "satu teknik saja: wawancara cenderung seimbang"


def test_by_group(project):
    table = build_display(project, "triangulation", by="group")
    assert table.title == "Triangulasi Sumber: Aparatur dan Masyarakat"
    assert [c.label for c in table.columns] == ["Dimensi", "Aparatur", "Masyarakat", "Status"]
    residents = table.cell("sarana", "masyarakat").text.split("\n")
    assert residents[0] == "Cenderung penghambat."
    assert residents[-1] == "(Kutipan: 0 pendukung, 3 penghambat, 1 netral)"
    assert [row.cells[-1].text for row in table.rows] == [
        "sesuai: aparatur dan masyarakat sama-sama cenderung penghambat",
        "bertentangan: aparatur cenderung pendukung; masyarakat cenderung penghambat",
    ]


def test_status_rule():
    assert status(["pendukung", "pendukung", ""]) == "agree"
    assert status(["pendukung", "penghambat"]) == "conflict"
    assert status(["seimbang", "penghambat"]) == "conflict"
    assert status(["", "penghambat", ""]) == "single"
    assert status(["", ""]) == "none"


def test_contrast(project):
    table = build_display(project, "contrast")
    assert [(c.group, c.label) for c in table.columns] == [
        ("", "Dimensi"),
        ("Aparatur", "Pendukung"),
        ("Aparatur", "Penghambat"),
        ("Masyarakat", "Pendukung"),
        ("Masyarakat", "Penghambat"),
        ("", "Perbedaan"),
    ]
    assert rows(table) == [
        ["Sarana", "1", "3", "0", "3", "sama: penghambat"],
        ["Sikap Petugas", "2", "1", "1", "2", "berbeda: aparatur pendukung, masyarakat penghambat"],
    ]
    assert table.cell("sikap", "difference").style == "conflict"


def test_contrast_with_one_group_only(built):
    for source, summary in [
        ("I3.txt", "Ruang tunggu sempit dan panas"),
        ("I10.txt", "Komputer hanya 3 unit yang berfungsi"),
        ("I10.txt", "Ruang tunggu sempit"),
    ]:
        delete_coding(built, built.id(source, summary))
    table = build_display(built.project, "contrast")
    assert table.cell("sarana", "difference").text == "data satu kelompok saja"

"""The factor matrix and the efforts table: merged statements with the informants behind them."""

from __future__ import annotations

from qualcode.core.displays import build_display
from qualcode.i18n import set_language
from tests.core.displays.fixture import add_coding


def test_factor_cells_merge_statements_and_cite_informants(project):
    table = build_display(project, "factors")
    assert [c.label for c in table.columns] == ["Dimensi", "Pendukung", "Penghambat"]
    assert [r.key for r in table.rows] == ["sarana", "sikap"]
    assert table.cell("sarana", "pendukung").text == "Ruang tunggu sudah diperluas (I1)"
    # most widely shared first; then informants before observation and documents
    assert table.cell("sarana", "penghambat").text.split("\n") == [
        "Komputer hanya 3 unit yang berfungsi (I1, I2, I10)",
        "Ruang tunggu sempit dan panas (I3, I10)",
        "Komputer lambat dinyalakan (I2)",
        "Kipas angin rusak (Obs)",
        "Inventaris: 2 dari 5 komputer rusak berat (Dok)",  # 2 of 5 is not "3 units"
    ]
    assert table.cell("sikap", "pendukung").text.split("\n") == [
        "Petugasnya ramah dan sopan (I2, I3)",
        "Petugas ramah kepada warga (I1)",
    ]
    assert table.cell("sikap", "penghambat").text.split("\n") == [
        "Loket buka jam 08.30 (I3, Obs)",
        "Petugas sering terlambat membuka loket (I2)",
        "Ada petugas judes saat ramai (I10)",
    ]


def test_factor_cells_hold_every_coding_and_neutral_ones_are_noted(built):
    table = build_display(built.project, "factors")
    cell = table.cell("sikap", "penghambat")
    assert cell.codings == tuple(
        sorted(
            [
                built.id("I2.txt", "Petugas sering terlambat membuka loket"),
                built.id("I3.txt", "Loket buka jam 08.30"),
                built.id("I10.txt", "Ada petugas judes saat ramai"),
                built.id("observasi.md", "Loket buka jam 08.30"),
            ]
        )
    )
    assert cell.value == 3  # statements
    assert "1 kutipan netral tidak dimasukkan dalam matriks ini." in table.notes
    every = {i for row in table.rows for c in row.cells for i in c.codings}
    assert built.id("I10.txt", "Pelayanan umumnya baik") not in every


def test_informant_lists_sort_by_number(built):
    add_coding(built, "I10.txt", "sikap-ramah", "pendukung", "Petugas ramah kepada warga")
    cell = build_display(built.project, "factors").cell("sikap", "pendukung")
    # two statements of two informants each: the one whose first informant comes first leads
    assert cell.text.split("\n") == [
        "Petugas ramah kepada warga (I1, I10)",
        "Petugasnya ramah dan sopan (I2, I3)",
    ]


def test_english_headers(project):
    set_language("en")
    table = build_display(project, "factors")
    assert table.title == "Supporting and Inhibiting Factors Matrix"
    assert [c.label for c in table.columns] == ["Dimension", "Supporting", "Inhibiting"]
    assert "(I3, Obs)" in table.cell("sikap", "penghambat").text


def test_efforts_table(built):
    table = build_display(built.project, "efforts")
    assert [c.label for c in table.columns] == ["Upaya", "Dimensi yang ditangani", "Informan"]
    assert [[c.text for c in r.cells] for r in table.rows] == [
        ["Mengusulkan tambahan komputer ke kabupaten", "Sarana", "I1"],
        ["Membuat jadwal piket loket", "Sikap Petugas", "I2"],
    ]
    assert table.rows[0].cells[0].codings == (
        built.id("I1.txt", "Mengusulkan tambahan komputer ke kabupaten"),
    )


def test_efforts_merge_across_informants_and_dimensions(built):
    add_coding(built, "I10.txt", "upaya.sikap", "pendukung", "Usul tambahan komputer ke kabupaten")
    table = build_display(built.project, "efforts")
    assert [[c.text for c in r.cells] for r in table.rows] == [
        ["Mengusulkan tambahan komputer ke kabupaten", "Sarana, Sikap Petugas", "I1, I10"],
        ["Membuat jadwal piket loket", "Sikap Petugas", "I2"],
    ]


def test_no_efforts_yet_is_an_empty_table_with_a_note(built):
    from tests.core.displays.fixture import delete_coding

    delete_coding(built, built.id("I1.txt", "Mengusulkan tambahan komputer ke kabupaten"))
    delete_coding(built, built.id("I2.txt", "Membuat jadwal piket loket"))
    table = build_display(built.project, "efforts")
    assert table.rows == ()
    assert any("Belum ada upaya yang tercatat" in note for note in table.notes)

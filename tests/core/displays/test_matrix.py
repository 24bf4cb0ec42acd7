"""The informant × dimension matrix."""

from __future__ import annotations

from qualcode.core.displays import build_display
from tests.core.displays.fixture import add_coding


def texts(table, row_key):
    return [cell.text for row in table.rows if row.key == row_key for cell in row.cells]


def test_rows_group_aparatur_then_masyarakat_by_category_then_number_then_techniques(project):
    table = build_display(project, "informant-dimension")
    assert [row.key for row in table.rows] == [
        "I1",
        "I2",
        "I10",
        "I3",
        "@observasi",
        "@dokumentasi",
    ]
    assert [(group, [r.key for r in rows]) for group, rows in table.groups()] == [
        ("Aparatur", ["I1", "I2"]),
        ("Masyarakat", ["I10", "I3"]),
        ("Teknik lain", ["@observasi", "@dokumentasi"]),
    ]
    assert [c.label for c in table.columns] == ["Informan", "Sarana", "Sikap Petugas"]


def test_cells_hold_marked_summaries_in_reading_order(built):
    table = build_display(built.project, "informant-dimension")
    assert texts(table, "I1") == [
        "I1 (Camat)",
        "− Komputer hanya 3 unit berfungsi\n+ Ruang tunggu sudah diperluas",
        "+ Petugas ramah kepada warga",
    ]
    # a dimension-level coding rolls into its dimension; a trailing full stop is dropped
    assert texts(table, "I10")[1] == (
        "− Komputer hanya 3 unit yang berfungsi\n− Ruang tunggu sempit\n· Pelayanan umumnya baik"
    )
    assert texts(table, "I2")[1] == (
        "− Hanya 3 unit komputer yang berfungsi\n− Komputer lambat dinyalakan"
    )
    assert texts(table, "@observasi") == [
        "Observasi",
        "− Kipas angin rusak",
        "− Loket buka jam 08.30",
    ]
    assert texts(table, "@dokumentasi")[2] == ""


def test_cells_know_their_codings_and_efforts_are_left_out(built):
    table = build_display(built.project, "informant-dimension")
    cell = table.cell("I1", "sarana")
    assert cell.codings == (
        built.id("I1.txt", "Komputer hanya 3 unit berfungsi"),
        built.id("I1.txt", "Ruang tunggu sudah diperluas"),
    )
    assert cell.style == "conflict"  # both directions in one cell
    every = {i for row in table.rows for c in row.cells[1:] for i in c.codings}
    assert built.id("I1.txt", "Mengusulkan tambahan komputer ke kabupaten") not in every
    assert len(every) == 17  # 19 codings less the 2 efforts
    assert any("upaya" in note.lower() for note in table.notes)


def test_count_cells(project):
    table = build_display(project, "informant-dimension", cells="count")
    assert texts(table, "I10")[1:] == ["2− 1·", "1−"]
    assert texts(table, "I1")[1:] == ["1+ 1−", "1+"]
    assert table.cell("I10", "sarana").value == 3
    assert table.options == {"cells": "count"}


def test_a_coding_whose_code_left_the_codebook_is_named_not_shown(built):
    add_coding(built, "I1.txt", "sarana-lama", "penghambat", "Kode lama")
    table = build_display(built.project, "informant-dimension")
    assert "Kode lama" not in table.cell("I1", "sarana").text
    assert any(
        "1 kutipan memakai kode yang tidak ada di buku kode (sarana-lama)" in n for n in table.notes
    )

"""The factor matrix and the efforts table: merged statements with the informants behind them."""

from __future__ import annotations

import pytest

from qualcode.core.analysis.merges import accept, merges, proposals, reject, unmerge
from qualcode.core.displays import build_display
from qualcode.errors import CodingError
from qualcode.i18n import set_language
from tests.core.displays.fixture import add_coding


def test_factor_cells_show_each_statement_beside_its_own_informants(project):
    table = build_display(project, "factors")
    assert [c.label for c in table.columns] == ["Dimensi", "Pendukung", "Penghambat"]
    assert [r.key for r in table.rows] == ["sarana", "sikap"]
    assert table.cell("sarana", "pendukung").text == "Ruang tunggu sudah diperluas (I1)"
    # near-duplicates are not merged without the student: each informant keeps their words
    assert table.cell("sarana", "penghambat").text.split("\n") == [
        "Komputer hanya 3 unit berfungsi (I1)",
        "Hanya 3 unit komputer yang berfungsi (I2)",
        "Komputer lambat dinyalakan (I2)",
        "Ruang tunggu sempit dan panas (I3)",
        "Komputer hanya 3 unit yang berfungsi (I10)",
        "Ruang tunggu sempit (I10)",
        "Kipas angin rusak (Obs)",
        "Inventaris: 2 dari 5 komputer rusak berat (Dok)",
    ]
    assert table.cell("sikap", "pendukung").text.split("\n") == [
        "Petugas ramah kepada warga (I1)",
        "Petugas ramah dan sopan (I2)",
        "Petugasnya ramah dan sopan (I3)",
    ]
    # the same statement (case, punctuation, spaces aside) is one line citing everyone
    assert table.cell("sikap", "penghambat").text.split("\n") == [
        "Loket buka jam 08.30 (I3, Obs)",
        "Petugas sering terlambat membuka loket (I2)",
        "Ada petugas judes saat ramai (I10)",
    ]


def test_an_accepted_merge_is_one_line_in_the_chosen_wording(built):
    found = {p.text: p for p in proposals(built.project)}
    computers = found["Hanya 3 unit komputer yang berfungsi"]
    assert [(m.speaker, m.statement) for m in computers.members] == [
        ("I1", "Komputer hanya 3 unit berfungsi"),
        ("I2", "Hanya 3 unit komputer yang berfungsi"),
        ("I10", "Komputer hanya 3 unit yang berfungsi"),
    ]
    made = accept(built.project, [m.uid for m in computers.members], "Hanya 3 komputer berfungsi")
    lines = build_display(built.project, "factors").cell("sarana", "penghambat").text.split("\n")
    assert lines[0] == "Hanya 3 komputer berfungsi (I1, I2, I10)"
    assert "Komputer hanya 3 unit berfungsi (I1)" not in lines
    assert computers.id not in {p.id for p in proposals(built.project)}
    # the merge's drill-down lists every member statement with its informant and quote
    [view] = merges(built.project)
    assert (view.uid, view.text) == (made.uid, "Hanya 3 komputer berfungsi")
    assert [(m.speaker, m.statement) for m in view.members] == [
        (m.speaker, m.statement) for m in computers.members
    ]
    assert all(m.quote for m in view.members)
    built.project.store.undo()
    lines = build_display(built.project, "factors").cell("sarana", "penghambat").text.split("\n")
    assert lines[0] == "Komputer hanya 3 unit berfungsi (I1)"


def test_unmerge_and_reject(built):
    proposal = next(p for p in proposals(built.project) if p.scope == "sikap/pendukung")
    made = accept(built.project, [m.uid for m in proposal.members])
    assert (
        "Petugasnya ramah dan sopan (I2, I3)"
        in build_display(built.project, "factors").cell("sikap", "pendukung").text
    )
    unmerge(built.project, made.uid)
    assert "(I2, I3)" not in build_display(built.project, "factors").cell("sikap", "pendukung").text
    reject(built.project, proposal)
    assert proposal.id not in {p.id for p in proposals(built.project)}
    built.project.store.undo()
    assert proposal.id in {p.id for p in proposals(built.project)}


def test_a_merge_is_refused_across_cells_or_twice(built):
    proposal = next(p for p in proposals(built.project) if p.scope == "sikap/pendukung")
    other = next(p for p in proposals(built.project) if p.scope == "sarana/penghambat")
    with pytest.raises(CodingError):
        accept(built.project, [proposal.members[0].uid, other.members[0].uid])
    accept(built.project, [m.uid for m in proposal.members])
    with pytest.raises(CodingError):
        accept(built.project, [m.uid for m in proposal.members])
    with pytest.raises(CodingError):
        accept(built.project, [proposal.members[0].uid])


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
        "Petugas ramah dan sopan (I2)",
        "Petugasnya ramah dan sopan (I3)",
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


def test_efforts_merge_across_informants_and_dimensions_once_accepted(built):
    add_coding(built, "I10.txt", "upaya.sikap", "pendukung", "Mengusulkan tambahan komputer")
    table = build_display(built.project, "efforts")
    assert [r.cells[2].text for r in table.rows] == ["I1", "I2", "I10"]
    [proposal] = [p for p in proposals(built.project) if p.scope == "upaya"]
    accept(built.project, [m.uid for m in proposal.members])
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

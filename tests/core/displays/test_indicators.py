"""The indicator checklist: counts, proposals, the researcher's verdicts and the tally."""

from __future__ import annotations

import pytest

from qualcode.core.analysis.conclusions import clear_indicator_verdict, set_indicator_verdict
from qualcode.core.displays import build_display
from qualcode.errors import DisplayError


def rows(table):
    return [[c.text for c in r.cells] for r in table.rows]


def test_every_indicator_with_counts_and_proposals(project):
    table = build_display(project, "indicators")
    assert [c.label for c in table.columns] == [
        "Dimensi",
        "Indikator",
        "Pendukung",
        "Penghambat",
        "Usulan",
        "Keputusan peneliti",
    ]
    assert rows(table) == [
        ["Sarana", "Peralatan", "0", "5", "belum berkualitas", "—"],
        ["Sarana", "Ruang tunggu", "1", "3", "belum berkualitas", "—"],
        ["Sikap Petugas", "Keramahan", "3", "1", "berkualitas", "—"],
        ["Sikap Petugas", "Kedisiplinan", "0", "3", "belum berkualitas", "—"],
    ]
    assert [g for g, _ in table.groups()] == ["Sarana", "Sikap Petugas"]
    assert table.notes[0] == "1 dari 4 indikator berkualitas."
    assert "4 indikator masih berupa usulan, 0 belum punya bukti" in table.notes[1]
    assert "1 koding pada tingkat dimensi (bukan indikator) tidak dihitung di sini." in table.notes


def test_count_cells_hold_their_codings(built):
    cell = build_display(built.project, "indicators").cell("sikap-ramah", "penghambat")
    assert cell.codings == (built.id("I10.txt", "Ada petugas judes saat ramai"),)
    assert cell.value == 1


def test_the_researchers_verdict_counts_in_the_tally(project):
    set_indicator_verdict(project, "sarana-ruang", "berkualitas", note="diperluas 2025")
    table = build_display(project, "indicators")
    assert table.cell("sarana-ruang", "proposal").text == "belum berkualitas"
    assert table.cell("sarana-ruang", "verdict").text == "berkualitas\n(diperluas 2025)"
    assert table.notes[0] == "2 dari 4 indikator berkualitas."
    assert "3 indikator masih berupa usulan" in table.notes[1]
    set_indicator_verdict(project, "sikap-ramah", "belum berkualitas")
    assert build_display(project, "indicators").notes[0] == "1 dari 4 indikator berkualitas."


def test_a_verdict_is_undoable_and_clearable(project):
    set_indicator_verdict(project, "sarana-ruang", "berkualitas")
    set_indicator_verdict(project, "sarana-ruang", "belum berkualitas")
    assert build_display(project, "indicators").cell("sarana-ruang", "verdict").text == (
        "belum berkualitas"
    )
    project.store.undo()
    assert build_display(project, "indicators").cell("sarana-ruang", "verdict").text == (
        "berkualitas"
    )
    assert clear_indicator_verdict(project, "sarana-ruang") is True
    assert clear_indicator_verdict(project, "sarana-ruang") is False
    assert build_display(project, "indicators").cell("sarana-ruang", "verdict").text == "—"


def test_a_verdict_outside_the_scale_is_refused_and_nothing_changes(project):
    before = project.store.events(limit=None)
    with pytest.raises(DisplayError) as caught:
        set_indicator_verdict(project, "sarana-ruang", "baik")
    assert "'baik'" in caught.value.message and "sarana-ruang" in caught.value.message
    assert caught.value.hint == (
        "Skala yang berlaku: berkualitas, belum berkualitas (diatur di buku kode)."
    )
    assert project.store.events(limit=None) == before


def test_a_verdict_on_something_not_an_indicator_is_refused(project):
    with pytest.raises(DisplayError) as caught:
        set_indicator_verdict(project, "sarana", "berkualitas")
    assert caught.value.message == "Indikator 'sarana' tidak ada di buku kode."
    with pytest.raises(DisplayError) as caught:
        set_indicator_verdict(project, "sarana-alatt", "berkualitas")
    assert "sarana-alat" in caught.value.hint


def test_an_empty_project_shows_the_skeleton(empty):
    table = build_display(empty, "indicators")
    assert rows(table)[0] == ["Sarana", "Peralatan", "0", "0", "—", "—"]
    assert len(table.rows) == 4
    assert table.notes[0] == "0 dari 4 indikator berkualitas."
    assert "0 indikator masih berupa usulan, 4 belum punya bukti" in table.notes[1]


def test_balance_rule():
    from qualcode.core.displays.indicators import propose

    scale = ("berkualitas", "belum berkualitas")
    assert propose(2, 1, scale) == "berkualitas"
    assert propose(1, 1, scale) == "belum berkualitas"  # a tie is not quality
    assert propose(0, 1, scale) == "belum berkualitas"
    assert propose(0, 0, scale) == ""

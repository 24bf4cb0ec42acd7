"""The indicator checklist: counts, proposals, the researcher's verdicts and the tally."""

from __future__ import annotations

import pytest

from qualcode.core.analysis.conclusions import clear_indicator_verdict, set_indicator_verdict
from qualcode.core.displays import build_display
from qualcode.errors import DisplayError


def rows(table):
    return [[c.text for c in r.cells] for r in table.rows]


def test_every_indicator_with_evidence_in_informants_and_quotes_and_a_draft_proposal(project):
    table = build_display(project, "indicators")
    assert [(c.group, c.label) for c in table.columns] == [
        ("", "Dimensi"),
        ("", "Indikator"),
        ("Pendukung", "Informan"),
        ("Pendukung", "Kutipan"),
        ("Penghambat", "Informan"),
        ("Penghambat", "Kutipan"),
        ("", "Usulan alat"),
        ("", "Keputusan peneliti"),
    ]
    # The tool's proposal is the workbench's: a thesis export leaves the draft column out.
    assert [c.key for c in table.columns if c.draft] == ["proposal"]
    assert rows(table) == [
        ["Sarana", "Peralatan", "0", "0", "4", "5", "belum berkualitas", "—"],
        ["Sarana", "Ruang tunggu", "1", "1", "3", "3", "belum berkualitas", "—"],
        ["Sikap Petugas", "Keramahan", "3", "3", "1", "1", "berkualitas", "—"],
        ["Sikap Petugas", "Kedisiplinan", "0", "0", "3", "3", "belum berkualitas", "—"],
    ]
    assert [g for g, _ in table.groups()] == ["Sarana", "Sikap Petugas"]
    # Nothing is decided yet: the tally counts the researcher's verdicts only.
    assert table.notes[0] == "0 dari 4 indikator berkualitas."
    assert table.notes[1] == (
        "Belum diputuskan peneliti (4): Peralatan, Ruang tunggu, Keramahan, Kedisiplinan."
    )
    assert table.notes[2].startswith("Informan = jumlah informan")
    assert "1 kutipan pada tingkat dimensi (bukan indikator) tidak dihitung di sini." in table.notes


def test_count_cells_hold_their_codings(built):
    cell = build_display(built.project, "indicators").cell("sikap-ramah", "penghambat")
    assert cell.codings == (built.id("I10.txt", "Ada petugas judes saat ramai"),)
    assert cell.value == 1


def test_the_tally_counts_and_names_the_researchers_verdicts_only(project):
    set_indicator_verdict(project, "sarana-ruang", "berkualitas", note="diperluas 2025")
    table = build_display(project, "indicators")
    assert table.cell("sarana-ruang", "proposal").text == "belum berkualitas"
    assert table.cell("sarana-ruang", "verdict").text == "berkualitas\n(diperluas 2025)"
    assert list(table.notes[:3]) == [
        "1 dari 4 indikator berkualitas.",
        "Indikator berkualitas: Ruang tunggu.",
        "Belum diputuskan peneliti (3): Peralatan, Keramahan, Kedisiplinan.",
    ]
    set_indicator_verdict(project, "sikap-ramah", "belum berkualitas")
    notes = build_display(project, "indicators").notes
    assert notes[0] == "1 dari 4 indikator berkualitas."
    assert "Indikator belum berkualitas: Keramahan." in notes
    assert "Belum diputuskan peneliti (2): Peralatan, Kedisiplinan." in notes


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
    assert rows(table)[0] == ["Sarana", "Peralatan", "0", "0", "0", "0", "—", "—"]
    assert len(table.rows) == 4
    assert table.notes[0] == "0 dari 4 indikator berkualitas."
    assert table.notes[1].startswith("Belum diputuskan peneliti (4): Peralatan")


def test_balance_rule():
    from qualcode.core.displays.indicators import propose

    scale = ("berkualitas", "belum berkualitas")
    assert propose(2, 1, scale) == "berkualitas"
    assert propose(1, 1, scale) == "belum berkualitas"  # a tie is not quality
    assert propose(0, 1, scale) == "belum berkualitas"
    assert propose(0, 0, scale) == ""

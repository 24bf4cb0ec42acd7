"""The informants table and the findings per dimension: the first tables of chapter IV."""

from __future__ import annotations

from qualcode.core.displays import build_display
from qualcode.core.displays.informants import long_date


def test_informants_in_chapter_order_with_role_group_category_and_technique(project):
    table = build_display(project, "informants")
    assert [c.label for c in table.columns] == [
        "No.",
        "Kode Informan",
        "Peran",
        "Kelompok",
        "Kategori",
        "Teknik",
        "Tanggal",
    ]
    assert [[c.text for c in row.cells[:6]] for row in table.rows] == [
        ["1", "I1", "Camat", "Aparatur", "Informan kunci", "Wawancara"],
        ["2", "I2", "Petugas loket", "Aparatur", "Informan utama", "Wawancara"],
        ["3", "I10", "Ketua RT", "Masyarakat", "Informan utama", "Wawancara"],
        ["4", "I3", "Warga", "Masyarakat", "Informan pendukung", "Wawancara"],
    ]
    assert table.rows[0].cells[0].value == 1
    assert table.notes == (
        "Selain wawancara, data dikumpulkan melalui Observasi (1), Dokumentasi (1).",
    )


def test_dates_read_as_a_thesis_writes_them():
    assert long_date("2026-03-23") == "23 Maret 2026"
    assert long_date("") == ""
    assert long_date("kemarin") == "kemarin"


def test_findings_group_each_informants_own_statements_under_each_dimension(project):
    table = build_display(project, "findings")
    assert [c.label for c in table.columns] == ["Informan", "Temuan"]
    assert [group for group, _rows in table.groups()] == ["Sarana", "Sikap Petugas"]
    assert table.group_label == "Dimensi"
    first = table.rows[0]
    assert first.key == "sarana:I1" and first.cells[0].text == "I1 (Camat)"
    # Every line under an informant is that informant's own condensed statement.
    matrix = build_display(project, "informant-dimension")
    for row in table.rows:
        dimension, informant = row.key.split(":")
        assert row.cells[1].text == matrix.cell(informant, dimension).text
        assert row.cells[1].text  # nobody is listed under a dimension they said nothing about

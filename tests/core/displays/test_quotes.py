"""The quote table: one row per coding, filterable, in a fixed order."""

from __future__ import annotations

import pytest

from qualcode.core.displays import build_display
from qualcode.errors import DisplayError


def test_one_row_per_coding_ordered_by_dimension_informant_position(project):
    table = build_display(project, "quotes")
    assert [c.label for c in table.columns] == [
        "Kutipan",
        "Informan",
        "Peran",
        "Kelompok",
        "Teknik",
        "Kode",
        "Polaritas",
        "Ringkasan",
    ]
    assert [r.key for r in table.rows] == [
        "I1.txt-0",
        "I1.txt-1",
        "I2.txt-0",
        "I2.txt-2",
        "I3.txt-0",
        "I10.txt-0",
        "I10.txt-1",
        "I10.txt-2",
        "observasi.md-0",
        "dokumentasi.md-0",
        "I1.txt-3",
        "I2.txt-1",
        "I2.txt-3",
        "I3.txt-1",
        "I3.txt-2",
        "I10.txt-3",
        "observasi.md-1",
        "I1.txt-2",
        "I2.txt-4",
    ]
    assert [g for g, _ in table.groups()] == ["Sarana", "Sikap Petugas", "Upaya"]
    assert [c.text for c in table.rows[0].cells] == [
        "Komputer di loket hanya tiga unit yang berfungsi.",
        "I1",
        "Camat",
        "Aparatur",
        "Wawancara",
        "Sarana › Peralatan",
        "Penghambat",
        "Komputer hanya 3 unit berfungsi",
    ]
    assert [c.text for c in table.rows[8].cells][1:6] == [
        "Obs",
        "—",
        "—",
        "Observasi",
        "Sarana › Ruang tunggu",
    ]
    assert table.rows[-1].cells[5].text == "Upaya › Sikap Petugas"


def test_every_cell_points_at_its_coding(built):
    row = build_display(built.project, "quotes").rows[0]
    coding = built.id("I1.txt", "Komputer hanya 3 unit berfungsi")
    assert {c.codings for c in row.cells} == {(coding,)}
    assert row.cells[6].style == "penghambat"


def test_filters(project):
    def keys(**options):
        return [r.key for r in build_display(project, "quotes", **options).rows]

    assert len(keys(code="sikap")) == 7  # a dimension includes its indicators
    assert keys(code="sikap-disiplin") == ["I2.txt-1", "I3.txt-2", "observasi.md-1"]
    assert keys(code="upaya") == ["I1.txt-2", "I2.txt-4"]
    assert keys(informant="i10") == ["I10.txt-0", "I10.txt-1", "I10.txt-2", "I10.txt-3"]
    assert keys(informant="Obs") == ["observasi.md-0", "observasi.md-1"]
    assert keys(polarity="netral") == ["I10.txt-2"]
    assert keys(code="sarana", informant="I1", polarity="pendukung") == ["I1.txt-1"]
    table = build_display(project, "quotes", code="sikap", informant="I1")
    assert table.options == {"code": "sikap", "informant": "I1"}


def test_a_filter_matching_nothing_says_so(project):
    table = build_display(project, "quotes", code="sikap-disiplin", polarity="pendukung")
    assert table.rows == ()
    assert table.notes == (
        "Tidak ada koding yang cocok dengan filter (code=sikap-disiplin, polarity=pendukung).",
    )


def test_bad_filters_are_named(project):
    with pytest.raises(DisplayError) as caught:
        build_display(project, "quotes", code="sarana-alatt")
    assert caught.value.message == "Kode 'sarana-alatt' tidak ada di buku kode."
    assert "sarana-alat" in caught.value.hint
    with pytest.raises(DisplayError) as caught:
        build_display(project, "quotes", informant="I99")
    assert caught.value.message == "Informan 'I99' tidak ada."
    assert "I1, I2, I3, I10" in caught.value.hint
    with pytest.raises(DisplayError) as caught:
        build_display(project, "quotes", polarity="positif")
    assert caught.value.hint == "Pilih salah satu: pendukung, penghambat, netral"


def test_quotes_of_a_cell(built):
    from qualcode.core.displays import quotes_of

    cell = build_display(built.project, "factors").cell("sikap", "penghambat")
    table = quotes_of(built.project, cell.codings)
    assert [r.key for r in table.rows] == ["I2.txt-1", "I3.txt-2", "I10.txt-3", "observasi.md-1"]
    assert table.rows[1].cells[0].text == "Loket baru buka jam setengah sembilan."

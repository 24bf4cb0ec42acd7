"""Code frequency and co-occurrence by passage."""

from __future__ import annotations

from qualcode.core.displays import build_display
from qualcode.core.displays.cooccurrence import passages
from qualcode.core.store.analysis import CodingFact
from tests.core.displays.fixture import add_coding


def rows(table):
    return [[c.text for c in r.cells] for r in table.rows]


def test_frequency(project):
    table = build_display(project, "frequency")
    assert [c.label for c in table.columns] == [
        "Kode",
        "Koding",
        "Informan",
        "Sumber",
        "Pendukung",
        "Penghambat",
        "Netral",
    ]
    assert rows(table) == [
        ["Sarana", "10", "4", "6", "1", "8", "1"],
        ["  – Peralatan", "5", "3", "4", "0", "5", "0"],
        ["  – Ruang tunggu", "4", "3", "4", "1", "3", "0"],
        ["Sikap Petugas", "7", "4", "5", "3", "4", "0"],
        ["  – Keramahan", "4", "4", "4", "3", "1", "0"],
        ["  – Kedisiplinan", "3", "2", "3", "0", "3", "0"],
        ["Upaya", "2", "2", "2", "2", "0", "0"],
        ["  – Sarana", "1", "1", "1", "1", "0", "0"],
        ["  – Sikap Petugas", "1", "1", "1", "1", "0", "0"],
        ["Jumlah", "19", "4", "6", "6", "12", "1"],
    ]
    assert [r.key for r in table.rows][-4:] == ["upaya", "upaya.sarana", "upaya.sikap", "@total"]


def test_frequency_cells_hold_their_codings(built):
    table = build_display(built.project, "frequency")
    assert table.cell("sarana", "netral").codings == (
        built.id("I10.txt", "Pelayanan umumnya baik"),
    )
    assert len(table.cell("@total", "codings").codings) == 19


def test_cooccurrence_by_dimension(built):
    table = build_display(built.project, "cooccurrence")
    assert rows(table) == [["Sarana", "—", "1"], ["Sikap Petugas", "1", "—"]]
    assert table.cell("sarana", "sikap").codings == tuple(
        sorted(
            [
                built.id("I2.txt", "Petugas sering terlambat membuka loket"),
                built.id("I2.txt", "Komputer lambat dinyalakan"),
            ]
        )
    )


def test_cooccurrence_by_indicator_lists_the_codes_in_use(built):
    add_coding(built, "I3.txt", "sikap-ramah", "pendukung", "Ruang tunggu dan petugas")
    table = build_display(built.project, "cooccurrence", level="indicator")
    assert [c.key for c in table.columns][1:] == [
        "sarana",
        "sarana-alat",
        "sarana-ruang",
        "sikap-ramah",
        "sikap-disiplin",
    ]
    assert table.cell("sarana-alat", "sikap-disiplin").text == "1"
    assert table.cell("sarana-ruang", "sikap-ramah").text == "1"  # the added double coding
    assert table.cell("sarana-alat", "sarana-ruang").text == "0"


def fact(coding_id, source, start, end, code):
    return CodingFact(
        coding_id,
        str(coding_id),
        source,
        start,
        end,
        code,
        "penghambat",
        "",
        "",
        "wawancara",
        "s",
        None,
        "",
        "",
        "",
        "",
    )


def test_passages_are_overlaps_counted_once_each():
    facts = [
        fact(1, 1, 0, 10, "x"),
        fact(2, 1, 0, 10, "y"),  # the same sentence coded twice: one passage
        fact(3, 1, 5, 15, "y"),  # overlaps 1 on 5–10: another passage
        fact(4, 1, 10, 20, "x"),  # touches 2 at 10 (no overlap), overlaps 3 on 10–15
        fact(5, 2, 0, 10, "x"),  # another source: never with source 1
        fact(6, 2, 20, 30, "y"),
    ]
    found = passages(facts, {f.id: f.code_id for f in facts})
    regions, codings = found[("x", "y")]
    assert sorted(regions) == [(1, 0, 10), (1, 5, 10), (1, 10, 15)]
    assert codings == {1, 2, 3, 4}

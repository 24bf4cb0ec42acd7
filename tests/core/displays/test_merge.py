"""Merging near-duplicate statements: the rule and its thresholds, on real-looking pairs."""

from __future__ import annotations

import pytest

from qualcode.core.analysis.statements import (
    SET_THRESHOLD,
    SORT_THRESHOLD,
    clean,
    merge,
    normalise,
    same_point,
)

# Pairs a supervisor would call one point. The thresholds (token_set >= 85, token_sort >= 65)
# are the loosest that keep every pair in DIFFERENT apart: at 90 the requirement pair (86) and
# "tidak ada pungutan" (90) sit on the edge; at 80, "ruang tunggu sempit / panas" (80) merges.
SAME = [
    ("Komputer hanya 3 unit berfungsi", "Hanya 3 unit komputer yang berfungsi"),
    ("Komputer hanya 3 unit berfungsi", "hanya 3 dari 5 komputer yang berfungsi"),
    ("Ruang tunggu sempit", "Ruang tunggunya sempit."),
    ("Petugas ramah dan sopan", "Petugasnya sopan dan ramah"),
    ("Ruang tunggu sempit", "Ruang tunggu sempit dan panas"),
    ("Menunggu tanda tangan camat 3-5 hari", "Menunggu tanda tangan camat sampai 5 hari"),
    ("Tidak ada pungutan biaya", "Tidak dipungut biaya"),
    ("Tidak ada ramp untuk kursi roda", "Belum ada ramp kursi roda"),
    ("Loket buka jam 08.30", "Loket sering buka jam 08.30, bukan 08.00"),
    ("Persyaratan berbeda antara desa dan kecamatan", "Syarat di desa dan kecamatan berbeda"),
    ("Ruang tunggu sudah diperluas", "Ruang tunggu diperluas"),
    ("Petugas nggak ramah", "Petugas tidak ramah"),
]
DIFFERENT = [
    ("Ruang tunggu sempit", "Ruang tunggu panas"),  # same topic, another point (80)
    # shared filler words would lift token_set to 86 without dropping them
    ("Ruang tunggu sempit sekali", "Ruang tunggu panas sekali"),
    ("Komputer hanya 3 unit berfungsi", "Printer sering macet"),
    ("Petugas kurang ramah", "Petugas tidak ramah"),  # close in meaning, kept apart (81)
    # token_set_ratio alone says 100 here (a subset); token_sort (33) keeps them apart
    ("Komputer rusak", "Komputer rusak sehingga pelayanan lambat dan warga harus kembali besok"),
    ("Komputer", "Komputer hanya 3 unit berfungsi"),
    # numbers that contradict are different claims, however alike the words
    ("Antre 2 jam", "Antre 3 jam"),
    ("Komputer hanya 3 unit berfungsi", "Komputer hanya 2 unit berfungsi"),
    # a negation turns a statement around (token_set 100 without this rule)
    ("Informasi persyaratan jelas", "Informasi persyaratan tidak jelas"),
    ("Pelayanan cepat kalau berkas lengkap", "Pelayanan lambat kalau berkas tidak lengkap"),
    # done and planned are different claims (token_set 88)
    ("Komputer sudah diperbaiki", "Komputer akan diperbaiki"),
]


def test_thresholds():
    assert (SET_THRESHOLD, SORT_THRESHOLD) == (85, 65)


@pytest.mark.parametrize(("a", "b"), SAME)
def test_near_duplicates_are_one_point(a, b):
    assert same_point(normalise(a), normalise(b))


@pytest.mark.parametrize(("a", "b"), DIFFERENT)
def test_different_points_stay_apart(a, b):
    assert not same_point(normalise(a), normalise(b))


def test_normalise_and_clean():
    assert normalise("  Loket buka jam 08.30!  ") == "loket buka jam 08 30"
    assert normalise("KOMPUTER—rusak") == "komputer rusak"
    assert normalise("Ruang tunggunya sempit sekali, kok") == "ruang tunggunya sempit"
    assert normalise("Belum ada ramp") == "tidak ramp"
    assert normalise("yang dan") == "yang dan"  # only fillers: kept rather than emptied
    assert clean("  Ruang tunggu   sempit. ") == "Ruang tunggu sempit"


def test_the_most_common_wording_represents_and_items_are_kept():
    items = [
        "Hanya 3 unit komputer yang berfungsi",
        "Komputer hanya 3 unit berfungsi.",
        "Komputer hanya 3 unit berfungsi",
        "Printer sering macet",
    ]
    merged = merge(items, lambda text: text)
    assert [(m.text, len(m.items)) for m in merged] == [
        ("Komputer hanya 3 unit berfungsi", 3),
        ("Printer sering macet", 1),
    ]


def test_on_equal_counts_the_longest_wording_represents():
    merged = merge(["Ruang tunggu sempit", "Ruang tunggu sempit dan panas"], lambda t: t)
    assert [m.text for m in merged] == ["Ruang tunggu sempit dan panas"]


def test_clustering_is_not_transitive():
    # b is close to a and to c, but a and c are different points: b joins the more common a,
    # and c stays apart (a transitive clustering would chain all three into one)
    a, b, c = "Ruang tunggu sempit", "Ruang tunggu sempit dan panas", "Ruang tunggu panas"
    assert same_point(normalise(a), normalise(b)) and same_point(normalise(b), normalise(c))
    assert not same_point(normalise(a), normalise(c))
    merged = merge([a, a, b, c], lambda t: t)
    assert sorted((m.text, len(m.items)) for m in merged) == [(c, 1), (a, 3)]


def test_many_statements_merge_in_bounded_chunks():
    items = [f"Statement nomor {n} tentang hal {n * 7919 % 1000}" for n in range(300)]
    items += ["Komputer hanya 3 unit berfungsi"] * 3 + ["Hanya 3 unit komputer yang berfungsi"]
    merged = merge(items, lambda t: t)
    top = max(merged, key=lambda m: len(m.items))
    assert (top.text, len(top.items)) == ("Komputer hanya 3 unit berfungsi", 4)

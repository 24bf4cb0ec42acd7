"""Which statements a display shows as one line, and which it only proposes to merge."""

from __future__ import annotations

import pytest

from qualcode.core.analysis.statements import (
    SET_THRESHOLD,
    SORT_THRESHOLD,
    Accepted,
    clean,
    identity,
    merge,
    normalise,
    propose,
    same_point,
)

# Pairs a supervisor would call one point: proposed, never merged without the student.
ALIKE = [
    ("Komputer hanya 3 unit berfungsi", "Hanya 3 unit komputer yang berfungsi"),
    ("Ruang tunggu sempit", "Ruang tunggunya sempit."),
    ("Petugas ramah dan sopan", "Petugasnya sopan dan ramah"),
    ("Ruang tunggu sempit", "Ruang tunggu sempit dan panas"),
    ("Tidak ada pungutan biaya", "Tidak dipungut biaya"),
    ("Tidak ada ramp untuk kursi roda", "Belum ada ramp kursi roda"),
    ("Persyaratan berbeda antara desa dan kecamatan", "Syarat di desa dan kecamatan berbeda"),
    ("Petugas nggak ramah", "Petugas tidak ramah"),
]
# Pairs never even proposed: other words, or numbers, negations, aspects or documents differ.
APART = [
    ("Ruang tunggu sempit", "Ruang tunggu panas"),  # same topic, another point (80)
    ("Ruang tunggu sempit sekali", "Ruang tunggu panas sekali"),
    ("Komputer hanya 3 unit berfungsi", "Printer sering macet"),
    ("Petugas kurang ramah", "Petugas tidak ramah"),
    ("Komputer rusak", "Komputer rusak sehingga pelayanan lambat dan warga harus kembali besok"),
    ("Komputer", "Komputer hanya 3 unit berfungsi"),
    ("Antre 2 jam", "Antre 3 jam"),
    ("Komputer hanya 3 unit berfungsi", "Komputer hanya 2 unit berfungsi"),
    ("Komputer hanya 3 unit berfungsi", "hanya 3 dari 5 komputer yang berfungsi"),
    ("Menunggu tanda tangan camat 3-5 hari", "Menunggu tanda tangan camat sampai 5 hari"),
    ("Loket buka jam 08.30", "Loket sering buka jam 08.30, bukan 08.00"),
    ("Informasi persyaratan jelas", "Informasi persyaratan tidak jelas"),
    ("Pelayanan cepat kalau berkas lengkap", "Pelayanan lambat kalau berkas tidak lengkap"),
    ("Komputer sudah diperbaiki", "Komputer akan diperbaiki"),
    ("Ruang tunggu sudah diperluas", "Ruang tunggu diperluas"),
    # the cases: number words, named documents, a different complaint
    ("Selesai lima hari sesuai janji", "Selesai tepat tiga hari sesuai janji"),
    ("KK sudah jadi di hari yang sama", "Akta sudah jadi di hari yang sama"),
    ("Tidak ada air di toilet", "Tidak ada ruang laktasi, toilet kotor"),
]


def test_thresholds():
    assert (SET_THRESHOLD, SORT_THRESHOLD) == (85, 65)


@pytest.mark.parametrize(("a", "b"), ALIKE)
def test_near_duplicates_look_alike(a, b):
    assert same_point(normalise(a), normalise(b))
    assert [sorted(group) for group in propose([a, b], lambda x: x)] == [sorted([a, b])]


@pytest.mark.parametrize(("a", "b"), APART)
def test_different_points_are_not_proposed(a, b):
    assert not same_point(normalise(a), normalise(b))
    assert propose([a, b], lambda x: x) == []


@pytest.mark.parametrize(("a", "b"), ALIKE)
def test_near_duplicates_are_never_merged_automatically(a, b):
    merged = merge([a, b], lambda x: x)
    assert sorted(m.text for m in merged) == sorted([clean(a), clean(b)])


def test_only_case_punctuation_and_whitespace_are_ignored():
    items = [
        "Ruang tunggu sempit.",
        "ruang  tunggu sempit",
        "RUANG TUNGGU, SEMPIT!",
        "Ruang sempit",
    ]
    items.append("Ruang tunggu sempit")
    merged = merge(items, lambda x: x)
    assert sorted((m.text, len(m.items)) for m in merged) == [
        ("Ruang sempit", 1),
        ("Ruang tunggu sempit", 4),
    ]
    assert identity("Loket buka jam 08.30!") == "loket buka jam 08 30"


def test_normalise_and_clean():
    assert normalise("  Loket buka jam 08.30!  ") == "loket buka jam 08 30"
    assert normalise("KOMPUTER—rusak") == "komputer rusak"
    assert normalise("Ruang tunggunya sempit sekali, kok") == "ruang tunggunya sempit"
    assert normalise("Belum ada ramp") == "tidak ramp"
    assert normalise("yang dan") == "yang dan"  # only fillers: kept rather than emptied
    assert clean("  Ruang tunggu   sempit. ") == "Ruang tunggu sempit"


def test_the_most_common_wording_represents_a_line():
    items = [
        "Komputer hanya 3 unit berfungsi.",
        "komputer hanya 3 unit berfungsi",
        "Komputer hanya 3 unit berfungsi",
    ]
    [line] = merge(items, lambda x: x)
    assert (line.text, len(line.items), line.merge) == ("Komputer hanya 3 unit berfungsi", 3, "")


def test_an_accepted_merge_shows_the_chosen_wording_over_its_members():
    items = [
        ("a", "Petugas ramah dan sopan"),
        ("b", "Petugasnya sopan dan ramah"),
        ("c", "Parkir sempit"),
    ]
    accepted = [Accepted("m1", "Petugas ramah dan sopan.", frozenset({"a", "b"}))]
    merged = merge(items, lambda x: x[1], lambda x: x[0], accepted)
    assert sorted((m.text, [i[0] for i in m.items], m.merge) for m in merged) == [
        ("Parkir sempit", ["c"], ""),
        ("Petugas ramah dan sopan", ["a", "b"], "m1"),
    ]


def test_a_lone_member_of_a_merge_shows_its_own_words():
    items = [("b", "Petugasnya sopan dan ramah")]
    accepted = [Accepted("m1", "Petugas ramah dan sopan", frozenset({"a", "b"}))]
    [line] = merge(items, lambda x: x[1], lambda x: x[0], accepted)
    assert (line.text, line.merge) == ("Petugasnya sopan dan ramah", "")


def test_proposals_are_not_transitive():
    # b looks like a and like c, but a and c are different points: b joins the more common a
    a, b, c = "Ruang tunggu sempit", "Ruang tunggu sempit dan panas", "Ruang tunggu panas"
    assert same_point(normalise(a), normalise(b)) and same_point(normalise(b), normalise(c))
    assert not same_point(normalise(a), normalise(c))
    assert propose([a, a, b, c], lambda x: x) == [(a, a, b)]


def test_proposals_are_found_among_many_statements():
    items = [f"Statement nomor {n} tentang hal {n * 7919 % 1000}" for n in range(3000)]
    items += ["Komputer hanya 3 unit berfungsi"] * 3 + ["Hanya 3 unit komputer yang berfungsi"]
    found = propose(items, lambda x: x)
    assert sorted(set(found[0])) == [
        "Hanya 3 unit komputer yang berfungsi",
        "Komputer hanya 3 unit berfungsi",
    ]
    assert len(found[0]) == 4

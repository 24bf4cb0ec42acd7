"""Informants: two codes said to be one person are merged; a renamed code keeps its memos."""

from __future__ import annotations

import pytest

from qualcode.core.coding.memos import add_memo
from qualcode.core.coding.operations import add_coding
from qualcode.core.displays import build_display
from qualcode.core.sources.informants import field_label, merge_informants, set_attributes
from qualcode.core.store import memos as memo_repo
from qualcode.core.store import sources as repo
from qualcode.core.store.backup import is_good, list_backups
from qualcode.errors import QualcodeError
from tests.core.coding_fixtures import add_source, make_project


@pytest.fixture
def project(tmp_path, monkeypatch):
    opened = make_project(tmp_path, monkeypatch)
    yield opened
    opened.close()


def _two_codes_for_one_person(project) -> tuple[int, int]:
    """I1 (the camat, first interview) and I01 (a second interview filed with another code)."""
    first = add_source(project, "I1_camat", [("informant", "Pelayanan sudah cepat.")], "I1")
    second = add_source(
        project, "I01_camat_lanjutan", [("informant", "Komputernya sering rusak.")], "I01"
    )
    set_attributes(project, "I1", role="Camat", group="aparatur")
    set_attributes(
        project,
        "I01",
        role="Camat Sukamaju",
        group="aparatur",
        category="kunci",
        attributes={"umur": "52"},
    )
    return first, second


def _coded(project, source_id: int, code: str, polarity: str, summary: str) -> None:
    sentence = repo.sentences(project.store, source_id)[0]
    add_coding(project, source_id, sentence.start, sentence.end, code, polarity, summary)


def test_merging_moves_sources_and_memos_and_keeps_what_the_target_says(project):
    first, second = _two_codes_for_one_person(project)
    _coded(project, first, "waktu", "pendukung", "Pelayanan cepat")
    _coded(project, second, "sarana-peralatan", "penghambat", "Komputer sering rusak")
    add_memo(project, "informant", "I01", "Wawancara kedua, di ruang camat.")

    done = merge_informants(project, "I01", "I1")

    assert [i.code for i in repo.informants(project.store)] == ["I1"]
    assert {s.informant_id for s in repo.sources(project.store, with_text=False)} == {done.into.id}
    assert done.sources == ("I01_camat_lanjutan",)
    assert [m.body for m in memo_repo.list_memos(project.store, "informant", "I1")] == [
        "Wawancara kedua, di ruang camat."
    ]
    # The target's own values stay; empty ones are filled; a difference is reported, not lost.
    assert done.into.role == "Camat" and done.into.group == "aparatur"
    assert done.into.category == "kunci" and done.into.attributes == {"umur": "52"}
    assert set(done.filled) == {"category", "umur"}
    assert done.kept == (("role", "Camat", "Camat Sukamaju"),)
    assert [field_label(name) for name in ("role", "umur")] == ["peran", "umur"]  # as read
    # Displays now show one informant holding both interviews' statements.
    table = build_display(project, "informant-dimension")
    rows = [row for row in table.rows if row.cells[0].text.startswith("I1")]
    assert len(rows) == 1
    text = " ".join(cell.text for cell in rows[0].cells)
    assert "Pelayanan cepat" in text and "Komputer sering rusak" in text
    assert not any(row.cells[0].text.startswith("I01") for row in table.rows)


def test_a_merge_is_a_barrier_and_its_backup_brings_both_codes_back(project):
    _two_codes_for_one_person(project)
    done = merge_informants(project, "I01", "I1")
    assert done.backup is not None
    with pytest.raises(QualcodeError):
        project.store.undo()  # sources are not in the undo log: the merge is not half-undone
    assert [i.code for i in repo.informants(project.store)] == ["I1"]
    taken = {b.id: b for b in list_backups(project.store.backup_dir)}
    assert is_good(taken[done.backup].path)  # what `qualcode backup restore` puts back


def test_merging_refuses_an_unknown_code_and_a_code_into_itself(project):
    _two_codes_for_one_person(project)
    with pytest.raises(QualcodeError, match="I99"):
        merge_informants(project, "I99", "I1")
    with pytest.raises(QualcodeError):
        merge_informants(project, "i1", "I1")  # codes compare without case: the same informant
    assert [i.code for i in repo.informants(project.store)] == ["I01", "I1"]


def test_renaming_a_code_onto_a_taken_one_points_to_merge(project):
    _two_codes_for_one_person(project)
    with pytest.raises(QualcodeError) as refused:
        set_attributes(project, "I01", code="I1")
    assert "qualcode informants merge I01 I1" in (refused.value.hint or "")


def test_a_renamed_code_keeps_its_memos_and_undo_takes_both_back(project):
    _two_codes_for_one_person(project)
    add_memo(project, "informant", "I01", "Catatan tentang informan ini.")
    set_attributes(project, "I01", code="K01")
    assert [m.target for m in memo_repo.list_memos(project.store, "informant")] == ["K01"]
    project.store.undo()
    assert repo.informant_by_code(project.store, "I01") is not None
    assert [m.target for m in memo_repo.list_memos(project.store, "informant")] == ["I01"]

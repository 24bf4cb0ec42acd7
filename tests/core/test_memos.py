"""Analytic memos: targets, edits, removal, refusals, undo."""

from __future__ import annotations

import pytest

from qualcode.core.codebook.model import UnknownCodeError
from qualcode.core.coding import memos
from qualcode.core.coding import operations as coding
from qualcode.errors import QualcodeError
from tests.core.coding_fixtures import INTERVIEW_I1, add_source, make_project, table_counts


@pytest.fixture
def project(tmp_path, monkeypatch):
    proj = make_project(tmp_path, monkeypatch)
    add_source(proj, "I1.txt", INTERVIEW_I1)
    yield proj
    proj.close()


def test_memos_on_every_kind_of_target_store_a_stable_reference(project):
    made = coding.code_sentence(project, 1, 2, "sarana")
    on_code = memos.add_memo(project, "code", "sarana", "Hambatan utama", title="Sarana")
    on_source = memos.add_memo(project, "source", "I1.txt", "Wawancara pagi")
    on_informant = memos.add_memo(project, "informant", "i1", "Warga pemohon")
    on_coding = memos.add_memo(project, "coding", made.id, "Cek observasi")
    on_project = memos.add_memo(project, "project", None, "  Catatan umum  ")
    assert (on_code.target_kind, on_code.target, on_code.title) == ("code", "sarana", "Sarana")
    assert on_source.target == "transcripts/I1.txt"
    assert on_informant.target == "I1"
    assert on_coding.target == made.uid
    assert (on_project.target, on_project.body) == ("", "Catatan umum")
    assert on_code.author == "nadia"
    assert [m.id for m in memos.list_memos(project.store, "code", "sarana")] == [on_code.id]
    assert len(memos.list_memos(project.store)) == 5
    assert project.store.events(limit=1)[0].description == "tulis memo pada proyek"


@pytest.mark.parametrize(
    "kind, target, body, error, message",
    [
        ("code", "sarnaa", "x", UnknownCodeError, "Kode 'sarnaa' tidak ada"),
        ("source", "I9", "x", QualcodeError, "Sumber 'I9' tidak ada"),
        ("informant", "I9", "x", QualcodeError, "Informan 'I9' tidak ada"),
        ("coding", "42", "x", QualcodeError, "Koding 42 tidak ada"),
        ("person", "x", "x", QualcodeError, "Sasaran memo 'person'"),
        ("code", "", "x", QualcodeError, "Sebutkan kode"),
        ("project", None, "   ", QualcodeError, "Isi memo kosong"),
    ],
)
def test_bad_memos_are_refused_and_change_nothing(project, kind, target, body, error, message):
    before = table_counts(project)
    with pytest.raises(error, match=message):
        memos.add_memo(project, kind, target, body)
    assert table_counts(project) == before


def test_edit_remove_and_undo(project):
    memo = memos.add_memo(project, "code", "sarana", "awal")
    edited = memos.edit_memo(project, memo.id, body="diubah", title="Judul")
    assert (edited.body, edited.title, edited.created_at) == ("diubah", "Judul", memo.created_at)
    events = len(project.store.events(limit=None))
    assert memos.edit_memo(project, memo.id, body="diubah") == edited
    assert len(project.store.events(limit=None)) == events
    with pytest.raises(QualcodeError, match="Isi memo kosong"):
        memos.edit_memo(project, memo.id, body="")
    memos.remove_memo(project, memo.uid)
    assert memos.list_memos(project.store) == []
    assert coding.undo(project).action == "memo.remove"
    assert memos.get_memo(project.store, memo.id) == edited
    coding.undo(project)
    assert memos.get_memo(project.store, memo.id) == memo
    with pytest.raises(QualcodeError, match="Memo 99 tidak ada"):
        memos.get_memo(project.store, 99)

"""The per-project cache: a change through the store invalidates what was derived from it."""

from __future__ import annotations

import sqlite3

from qualcode.core.analysis.facts import load
from qualcode.core.search.query import search, word_index
from tests.core.displays import fixture as mini
from tests.core.displays.fixture import add_coding, make_project

indonesian = mini.indonesian
built = mini.built


def analysis(project):
    return load(project.store, project.codebook, project.settings)


def test_the_analysis_is_reused_until_a_commit_undo_or_redo(built):
    project = built.project
    first = analysis(project)
    assert analysis(project) is first
    add_coding(built, "I1.txt", "sarana-ruang", "netral", "Baru")
    added = analysis(project)
    assert [f.summary for f in added.facts if f.summary == "Baru"] == ["Baru"]
    project.store.undo()
    assert "Baru" not in {f.summary for f in analysis(project).facts}
    project.store.redo()
    assert "Baru" in {f.summary for f in analysis(project).facts}


def test_a_commit_by_another_connection_invalidates_the_analysis(built):
    project = built.project
    coding_id = built.id("I1.txt", "Petugas ramah kepada warga")
    assert "Diubah di luar" not in {f.summary for f in analysis(project).facts}
    other = sqlite3.connect(project.store.path)
    with other:
        other.execute("UPDATE codings SET summary = 'Diubah di luar' WHERE id = ?", (coding_id,))
    other.close()
    assert "Diubah di luar" in {f.summary for f in analysis(project).facts}


def test_a_search_by_code_sees_a_coding_made_after_the_first_search(built):
    project = built.project
    before = search(project, "komputer", code="sarana-ruang")
    assert "I1.txt" not in {hit.source_name for hit in before}
    add_coding(built, "I1.txt", "sarana-ruang", "netral", "Komputer kurang")
    after = search(project, "komputer", code="sarana-ruang")
    assert "I1.txt" in {hit.source_name for hit in after}


def test_two_stores_never_share_entries(tmp_path, monkeypatch):
    monkeypatch.setenv("QUALCODE_CONFIG_DIR", str(tmp_path / "config"))
    coded = make_project(tmp_path / "a").project
    empty = make_project(tmp_path / "b", codings=False).project
    try:
        assert analysis(coded).facts
        assert analysis(empty).facts == ()
        assert analysis(coded).facts
        assert word_index(coded.store) is not word_index(empty.store)
        assert coded.store.cache is not empty.store.cache
    finally:
        coded.close()
        empty.close()

"""Review threads: targets by stable key, states, marks, who acted, undo, review sessions."""

from __future__ import annotations

import dataclasses

import pytest

from qualcode.core.coding import operations as coding
from qualcode.core.project import Project
from qualcode.core.review import threads
from qualcode.core.store.review_sql import current_marks
from qualcode.errors import ProjectError, QualcodeError
from qualcode.settings import Acting
from tests.core.coding_fixtures import INTERVIEW_I1, add_source, make_project, table_counts


@pytest.fixture
def project(tmp_path, monkeypatch):
    proj = make_project(tmp_path, monkeypatch)
    add_source(proj, "I1.txt", INTERVIEW_I1)
    yield proj
    proj.close()


def _as(project: Project, name: str, role: str) -> Project:
    """Reopen the project acting as another person."""
    root = project.root
    project.close()
    return Project.open(root, acting=Acting(name=name, role=role))


def test_thread_on_every_kind_of_target_names_its_author_and_role(project):
    made = coding.code_sentence(project, 1, 2, "sarana")
    project = _as(project, "Dr. Sari", "pembimbing")
    on_coding = threads.comment(project, "coding", str(made.id), "Kutipan ini lebih cocok ke SDM?")
    on_cell = threads.comment(project, "cell", "factors:sarana:penghambat", "Sel ini tipis")
    on_conclusion = threads.comment(project, "conclusion", "sarana", "Kesimpulan terlalu kuat")
    on_source = threads.comment(project, "source", "I1.txt", "Tanggal wawancara?")
    on_project = threads.comment(project, "project", None, "Bab IV rapi")
    assert (on_coding.target_kind, on_coding.target) == ("coding", made.uid)
    assert on_cell.target == "factors|sarana|penghambat"
    assert on_source.target == "transcripts/I1.txt"
    assert (on_conclusion.target, on_project.target) == ("sarana", "")
    assert (on_coding.author, on_coding.author_role, on_coding.state) == (
        "Dr. Sari",
        "pembimbing",
        "open",
    )
    event = project.store.events(limit=1)[0]
    assert (event.actor, event.role, event.action) == ("Dr. Sari", "pembimbing", "review.comment")
    project.close()


def test_reply_answers_author_reopens_resolve_closes(project):
    made = coding.code_sentence(project, 1, 2, "sarana")
    project = _as(project, "Dr. Sari", "pembimbing")
    thread = threads.revise(project, "coding", made.uid, "Ringkasan kurang tepat")
    assert (thread.mark, thread.state) == ("needs_revision", "open")
    project = _as(project, "Nadia", "mahasiswa")
    thread = threads.reply(project, thread.id, "Sudah saya perbaiki")
    assert thread.state == "answered"
    assert [m.author for m in thread.messages] == ["Dr. Sari", "Nadia"]
    project = _as(project, "Dr. Sari", "pembimbing")
    assert threads.reply(project, thread.uid, "Masih kurang").state == "open"
    done = threads.resolve(project, thread.id, "Oke")
    assert done.state == "resolved" and done.messages[-1].body == "Oke"
    approved = threads.approve(project, "coding", made.uid)
    assert (approved.mark, approved.state) == ("approved", "resolved")
    assert current_marks(project.store)[("coding", made.uid)].mark == "approved"
    assert [t.id for t in threads.list_threads(project.store, state="unresolved")] == []
    project.close()


def test_undo_removes_a_review_record(project):
    thread = threads.comment(project, "project", None, "Catatan")
    assert project.store.scalar("SELECT count(*) FROM review_messages") == 1
    coding.undo(project)
    assert project.store.scalar("SELECT count(*) FROM review_messages") == 0
    with pytest.raises(QualcodeError, match="Tidak ada utas"):
        threads.get_thread(project.store, thread.id)


@pytest.mark.parametrize(
    "kind, ref, body, message",
    [
        ("coding", "zzz", "x", "Koding zzz tidak ada"),
        ("cell", "nonsense", "x", "Sel 'nonsense' tidak dikenali"),
        ("verdict", "sarana", "x", "tidak ada dalam buku kode"),
        ("person", "x", "x", "Jenis sasaran telaah tidak dikenal"),
        ("project", None, "  ", "Teks komentar kosong"),
    ],
)
def test_bad_comments_are_refused(project, kind, ref, body, message):
    before = table_counts(project)
    with pytest.raises(QualcodeError, match=message):
        threads.comment(project, kind, ref, body)
    assert table_counts(project) == before


def test_marks_only_on_codings_conclusions_and_verdicts(project):
    with pytest.raises(QualcodeError, match="tidak dapat diberikan pada sumber"):
        threads.approve(project, "source", "I1.txt")


def test_review_session_refuses_coding_changes_but_takes_comments(project):
    root = project.root
    project.close()
    with Project.open(root, acting=Acting(name="Dr. Sari", review=True)) as session:
        assert session.readonly and session.review_only
        with pytest.raises(ProjectError, match="Sesi ini hanya untuk telaah"):
            coding.code_sentence(session, 1, 2, "sarana")
        thread = threads.comment(session, "project", None, "Baik")
        assert thread.author == "Dr. Sari"
        coding.undo(session)  # undoing one's own review action is allowed


def test_settings_name_and_role_are_recorded(tmp_path, monkeypatch, project):
    root = project.root
    project.close()
    (tmp_path / "config").mkdir(exist_ok=True)
    (tmp_path / "config" / "settings.yaml").write_text(
        "name: Nadia Putri\nrole: mahasiswa\n", encoding="utf-8"
    )
    with Project.open(root) as again:
        assert (again.user.coder, again.user.role) == ("Nadia Putri", "mahasiswa")
        made = coding.code_sentence(again, 1, 2, "sarana")
        assert made.coder == "Nadia Putri"
    (tmp_path / "config" / "settings.yaml").write_text("role: dosen\n", encoding="utf-8")
    with pytest.raises(ProjectError, match="peran 'dosen' tidak dikenal"):
        Project.open(root)
    assert dataclasses.is_dataclass(Acting)


def test_reviews_travel_in_the_codings_file_without_touching_codings(project, tmp_path):
    from qualcode.core.codings_file.io import export_codings, read_snapshot, snapshot_of
    from qualcode.core.review.exchange import import_review_file

    made = coding.code_sentence(project, 1, 2, "sarana")
    supervisor = _as(project, "Dr. Sari", "pembimbing")
    threads.revise(supervisor, "coding", made.uid, "Kutipan terlalu pendek")
    copy = tmp_path / "dari-pembimbing.yaml"
    export_codings(supervisor, copy)
    coding.undo(supervisor)  # this project never saw the comment...
    mine = _as(supervisor, "Nadia", "mahasiswa")
    coding.update_coding(mine, made.id, summary="Komputer sering rusak")  # ...and moved on
    codings_before = snapshot_of(mine).sources
    report = import_review_file(mine, copy)
    assert (report.threads_added, report.messages_added) == (1, 1)
    [thread] = threads.list_threads(mine.store)
    assert (thread.target, thread.mark, thread.author) == (made.uid, "needs_revision", "Dr. Sari")
    assert snapshot_of(mine).sources == codings_before
    assert not import_review_file(mine, copy).changed  # idempotent
    assert mine.store.events(limit=1)[0].action == "review.import"
    own = tmp_path / "codings.yaml"
    export_codings(mine, own)
    assert read_snapshot(own).reviews[0].messages[0].body == "Kutipan terlalu pendek"
    mine.close()

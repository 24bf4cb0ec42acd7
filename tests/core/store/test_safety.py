"""Crash safety of the store: one commit point for store + file, atomic first build, named
failures (full disk, read-only folder, odd versions), and what opening a project reports."""

from __future__ import annotations

import errno
import sqlite3

import pytest

from qualcode.core.codebook.edit import rename_code
from qualcode.core.project import Project
from qualcode.core.store import consistency
from qualcode.core.store import db as db_module
from qualcode.core.store.lock import ProjectLock
from qualcode.errors import DiskFullError, ProjectError, QualcodeError, ReadOnlyProjectError
from tests.core.codebook_fixtures import MINI, code, code_ids


def codebook_text(mini_root) -> str:
    return (mini_root / "codebooks" / "mini.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("error", "expected", "exit_code"),
    [
        (OSError(errno.EACCES, "Permission denied"), QualcodeError, 1),
        (OSError(errno.ENOSPC, "No space left on device"), DiskFullError, 9),
    ],
    ids=["read-only codebooks folder", "full disk"],
)
def test_a_file_that_cannot_be_written_leaves_store_and_file_as_they_were(
    mini_root, monkeypatch, error, expected, exit_code
):
    with Project.open(mini_root) as project:
        coding = code(project, "Antrinya lama sekali kalau pagi.", "waktu-cepat")

        def refuse(path, text):
            raise error

        monkeypatch.setattr(db_module, "_write_tmp", refuse)
        with pytest.raises(expected) as info:
            rename_code(project, "waktu-cepat", new_id="waktu-lama")
        assert info.value.exit_code == exit_code
        assert error.strerror in info.value.message
        assert code_ids(project) == {coding: "waktu-cepat"}
        assert codebook_text(mini_root) == MINI
        assert consistency.problems(project) == []


def test_sqlite_disk_full_inside_a_transaction_is_named_not_cannot_rollback(mini_root):
    with Project.open(mini_root) as project:
        before = project.store.scalar("SELECT count(*) FROM events")
        with pytest.raises(DiskFullError):
            with project.store.transaction("x", "x"):
                raise sqlite3.OperationalError("database or disk is full")
        assert project.store.scalar("SELECT count(*) FROM events") == before
        assert not project.store.conn.in_transaction


def test_a_change_committed_before_a_crash_is_finished_on_the_next_open(mini_root, monkeypatch):
    with Project.open(mini_root) as project:
        coding = code(project, "Antrinya lama sekali kalau pagi.", "waktu-cepat")
        # A crash between the store's commit and the rename: the rename never happens.
        monkeypatch.setattr(db_module.Store, "_put_files", lambda self, files: None)
        rename_code(project, "waktu-cepat", new_id="waktu-lama")
        assert code_ids(project) == {coding: "waktu-lama"}
        assert "waktu-lama" not in codebook_text(mini_root)  # the file is behind the store
    monkeypatch.undo()
    with Project.open(mini_root) as project:
        assert any("waktu-lama" in n or "mini.yaml" in n for n in project.notices)
        assert "id: waktu-lama" in codebook_text(mini_root)
        assert consistency.problems(project) == []
        assert project.store.scalar("SELECT count(*) FROM pending_files") == 0


def test_a_read_only_open_reports_a_pending_change_without_touching_files(mini_root, monkeypatch):
    with Project.open(mini_root) as project:
        code(project, "Antrinya lama sekali kalau pagi.", "waktu-cepat")
        monkeypatch.setattr(db_module.Store, "_put_files", lambda self, files: None)
        rename_code(project, "waktu-cepat", new_id="waktu-lama")
    monkeypatch.undo()
    with Project.open(mini_root, readonly=True) as project:
        assert any("mini.yaml" in n for n in project.notices)
    assert "waktu-lama" not in codebook_text(mini_root)


def test_a_zero_byte_store_is_rebuilt_from_the_folder_not_taken_as_empty(mini_root):
    for side in ("", "-wal", "-shm"):
        path = mini_root / ".qualcode" / f"project.db{side}"
        if path.exists():
            path.unlink()
    (mini_root / ".qualcode" / "project.db").write_bytes(b"")
    with Project.open(mini_root) as project:
        assert project.store.scalar("SELECT count(*) FROM sources") == 1
        assert any("project.db" in n for n in project.notices)


def test_a_store_never_finished_building_is_rebuilt(mini_root):
    db = mini_root / ".qualcode" / "project.db"
    conn = sqlite3.connect(db)
    conn.execute("DELETE FROM sources")
    conn.execute("DELETE FROM events")
    conn.execute("DELETE FROM meta WHERE key = 'built'")
    conn.commit()
    conn.close()
    with Project.open(mini_root) as project:
        assert project.store.scalar("SELECT count(*) FROM sources") == 1
        assert project.store.meta("built")


def test_a_build_that_fails_leaves_no_store_behind(mini_root, monkeypatch):
    for side in ("", "-wal", "-shm"):
        (mini_root / ".qualcode" / f"project.db{side}").unlink(missing_ok=True)
    (mini_root / "transcripts" / "broken.txt").write_bytes(b"\x00\x01" * 50)
    with pytest.raises(QualcodeError):
        Project.open(mini_root)
    assert not (mini_root / ".qualcode" / "project.db").exists()
    assert not (mini_root / ".qualcode" / "project.db.building").exists()


def test_a_store_with_tables_but_version_zero_is_refused_by_name(mini_root):
    db = mini_root / ".qualcode" / "project.db"
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA user_version = 0")
    conn.commit()
    conn.close()
    with pytest.raises(ProjectError, match="versi skema|schema version"):
        Project.open(mini_root)


def test_a_read_only_folder_opens_read_only_and_says_so(mini_root, monkeypatch):
    def refuse(self):
        raise PermissionError(errno.EROFS, "Read-only file system", str(self.path))

    monkeypatch.setattr(ProjectLock, "acquire", refuse)
    with Project.open(mini_root) as project:
        assert project.readonly
        assert any("hanya-baca" in n or "read-only" in n for n in project.notices)
        with pytest.raises(ReadOnlyProjectError) as info:
            code(project, "Antrinya lama sekali kalau pagi.", "waktu-cepat")
        assert info.value.exit_code == 11


def test_a_damaged_store_names_the_newest_good_backup_and_the_restore_command(mini_root):
    with Project.open(mini_root) as project:
        taken = project.store.backup("manual")
    db = mini_root / ".qualcode" / "project.db"
    for side in ("-wal", "-shm"):
        (mini_root / ".qualcode" / f"project.db{side}").unlink(missing_ok=True)
    db.write_bytes(b"this is not a database" * 100)
    with pytest.raises(ProjectError) as info:
        Project.open(mini_root)
    assert f"qualcode backup restore {taken.id}" in info.value.hint

"""Rolling backups: taken before bulk operations and migrations, pruned, listed, restored (and
the restore itself undone)."""

from __future__ import annotations

import sqlite3

import pytest

from qualcode.core.codebook.edit import merge_code
from qualcode.core.project import Project
from qualcode.core.store import backup as backups
from qualcode.core.store import consistency
from qualcode.core.store.db import Store
from qualcode.core.store.restore import restore_backup
from qualcode.core.store.schema import MIGRATIONS, SCHEMA_VERSION
from qualcode.errors import ProjectError
from tests.core.codebook_fixtures import code, code_ids


def reasons(mini_root) -> list[str]:
    return [b.reason for b in backups.list_backups(mini_root / ".qualcode" / "backups")]


def test_a_codebook_merge_is_preceded_by_a_backup_holding_the_codings_before_it(mini_root):
    with Project.open(mini_root) as project:
        coding = code(project, "Syaratnya fotokopi KK dan surat pengantar.", "prosedur-syarat")
        merge_code(project, "prosedur-syarat", "prosedur-alur")
    taken = backups.list_backups(mini_root / ".qualcode" / "backups")[0]
    assert taken.reason == "before-merge"
    conn = sqlite3.connect(taken.path)
    assert conn.execute("SELECT code_id FROM codings WHERE id = ?", (coding,)).fetchone() == (
        "prosedur-syarat",
    )
    conn.close()


def test_restore_puts_the_backup_back_and_is_itself_undoable(mini_root):
    paths = Project.locate(mini_root)
    with Project.open(mini_root) as project:
        coding = code(project, "Syaratnya fotokopi KK dan surat pengantar.", "prosedur-syarat")
        taken = project.store.backup("manual")
        merge_code(project, "prosedur-syarat", "prosedur-alur")
    before = restore_backup(paths.database, paths.backups, paths.lock, taken.id)
    with Project.open(mini_root) as project:
        assert code_ids(project) == {coding: "prosedur-syarat"}
        assert project.codebook.has("prosedur-syarat")  # the codebook came back with the store
        assert consistency.problems(project) == []
    assert before is not None and before.reason == "before-restore"
    restore_backup(paths.database, paths.backups, paths.lock, before.id)
    with Project.open(mini_root) as project:
        assert code_ids(project) == {coding: "prosedur-alur"}
        assert not project.codebook.has("prosedur-syarat")
        assert consistency.problems(project) == []


def test_restore_of_a_damaged_store_moves_it_aside(mini_root):
    paths = Project.locate(mini_root)
    with Project.open(mini_root) as project:
        taken = project.store.backup("manual")
    for side in ("-wal", "-shm"):
        (mini_root / ".qualcode" / f"project.db{side}").unlink(missing_ok=True)
    paths.database.write_bytes(b"garbage" * 1000)
    assert restore_backup(paths.database, paths.backups, paths.lock, taken.id) is None
    assert list(paths.backups.glob("damaged-*"))
    with Project.open(mini_root) as project:
        assert project.store.scalar("SELECT count(*) FROM sources") == 1


def test_an_unknown_backup_id_lists_what_exists(mini_root):
    paths = Project.locate(mini_root)
    with pytest.raises(ProjectError, match="qualcode backup list"):
        restore_backup(paths.database, paths.backups, paths.lock, "nope")


def test_backups_are_pruned_to_the_newest(tmp_path):
    store = Store(tmp_path / ".qualcode" / "project.db")
    try:
        for _ in range(backups.KEEP + 3):
            store.backup("manual")
    finally:
        store.close()
    assert len(backups.list_backups(tmp_path / ".qualcode" / "backups")) == backups.KEEP


def test_a_periodic_backup_is_taken_after_the_interval(mini_root, monkeypatch):
    with Project.open(mini_root) as project:
        project.store._last_backup -= backups.AUTO_MINUTES * 60 + 1
        code(project, "Antrinya lama sekali kalau pagi.", "waktu-cepat")
        code(project, "Syaratnya fotokopi KK dan surat pengantar.", "prosedur-syarat")
    assert reasons(mini_root).count("auto") == 1


def test_a_migration_is_preceded_by_a_backup(tmp_path):
    path = tmp_path / ".qualcode" / "project.db"
    path.parent.mkdir(parents=True)
    conn = sqlite3.connect(path)  # a store one migration behind, whichever the last one is
    for script in MIGRATIONS[:-1]:
        conn.executescript(script)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION - 1}")
    conn.commit()
    conn.close()
    Store(path).close()
    (taken,) = backups.list_backups(tmp_path / ".qualcode" / "backups")
    assert taken.reason == f"before-upgrade-v{SCHEMA_VERSION - 1}"
    assert backups.is_good(taken.path)

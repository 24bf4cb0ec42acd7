"""The store: migrations, transactions, undo/redo across restarts, the write lock."""

from __future__ import annotations

import sqlite3

import pytest

from qualcode.core.store.db import Store
from qualcode.core.store.schema import SCHEMA_VERSION
from qualcode.errors import ProjectError, ProjectLockedError, QualcodeError


def _memo(tx, body: str) -> int:
    return tx.insert(
        "memos",
        {
            "uid": body,
            "target_kind": "project",
            "body": body,
            "author": "t",
            "created_at": "x",
            "updated_at": "x",
        },
    )


def bodies(store: Store) -> list[str]:
    return [r["body"] for r in store.query("SELECT body FROM memos ORDER BY id")]


def test_new_store_has_schema_wal_and_foreign_keys(tmp_path):
    with Store(tmp_path / "p.db") as store:
        assert store.scalar("PRAGMA user_version") == SCHEMA_VERSION
        assert store.scalar("PRAGMA journal_mode") == "wal"
        assert store.scalar("PRAGMA foreign_keys") == 1


def test_failed_transaction_leaves_nothing(tmp_path):
    with Store(tmp_path / "p.db") as store:
        with pytest.raises(RuntimeError):
            with store.transaction("memo.add", "add") as tx:
                _memo(tx, "a")
                raise RuntimeError("boom")
        assert bodies(store) == []
        assert store.events() == []


def test_undo_redo_walk_the_log_and_survive_restart(tmp_path):
    path = tmp_path / "p.db"
    with Store(path) as store:
        with store.transaction("memo.add", "add a") as tx:
            pk = _memo(tx, "a")
        with store.transaction("memo.edit", "edit a") as tx:
            tx.update("memos", pk, {"body": "a2"})
        with store.transaction("memo.add", "add b") as tx:
            _memo(tx, "b")
        assert bodies(store) == ["a2", "b"]
    with Store(path) as store:  # a restart keeps the log
        assert store.undo().description == "add b"
        assert bodies(store) == ["a2"]
        assert store.undo().description == "edit a"
        assert bodies(store) == ["a"]
        assert store.redo().description == "edit a"
        assert bodies(store) == ["a2"]
        # a new change discards what was left to redo
        with store.transaction("memo.add", "add c") as tx:
            _memo(tx, "c")
        assert store.redo_target() is None
        with pytest.raises(QualcodeError):
            store.redo()
        assert [e.action for e in store.events(include_info=False)][:1] == ["memo.add"]


def test_undo_of_delete_restores_the_same_row(tmp_path):
    with Store(tmp_path / "p.db") as store:
        with store.transaction("memo.add", "add") as tx:
            pk = _memo(tx, "keep me")
        before = dict(store.query("SELECT * FROM memos")[0])
        with store.transaction("memo.delete", "delete") as tx:
            tx.delete("memos", pk)
        store.undo()
        assert dict(store.query("SELECT * FROM memos")[0]) == before


def test_barrier_stops_undo(tmp_path):
    with Store(tmp_path / "p.db") as store:
        with store.transaction("memo.add", "add") as tx:
            _memo(tx, "a")
        with store.transaction("source.reimport", "re-import x", kind="barrier") as tx:
            tx.execute("INSERT INTO meta (key, value) VALUES ('k', 'v')")
        with pytest.raises(QualcodeError, match="re-import x"):
            store.undo()
        assert bodies(store) == ["a"]


def test_info_events_are_skipped_by_undo(tmp_path):
    with Store(tmp_path / "p.db") as store:
        with store.transaction("memo.add", "add") as tx:
            _memo(tx, "a")
        with store.transaction("source.import", "import y", kind="info") as tx:
            tx.execute("INSERT INTO meta (key, value) VALUES ('k', 'v')")
        assert store.undo().description == "add"
        assert bodies(store) == []


def test_file_changes_are_undoable_and_written_only_on_commit(tmp_path):
    target = tmp_path / "book.yaml"
    target.write_text("old", encoding="utf-8")
    with Store(tmp_path / "p.db") as store:
        with pytest.raises(RuntimeError):
            with store.transaction("codebook.edit", "edit") as tx:
                tx.write_file(target, "half")
                raise RuntimeError
        assert target.read_text(encoding="utf-8") == "old"
        with store.transaction("codebook.edit", "edit") as tx:
            tx.write_file(target, "new")
        assert target.read_text(encoding="utf-8") == "new"
        store.undo()
        assert target.read_text(encoding="utf-8") == "old"
        store.redo()
        assert target.read_text(encoding="utf-8") == "new"


def test_second_writer_is_refused_but_reader_works(tmp_path):
    path = tmp_path / "p.db"
    with Store(path, lock_path=tmp_path / "lock") as store:
        with store.transaction("memo.add", "add") as tx:
            _memo(tx, "a")
        with pytest.raises(ProjectLockedError, match="PID"):
            Store(path, lock_path=tmp_path / "lock")
        with Store(path, readonly=True) as reader:
            assert bodies(reader) == ["a"]
            with pytest.raises(ProjectError):
                with reader.transaction("memo.add", "x"):
                    pass
    Store(path, lock_path=tmp_path / "lock").close()  # released on close


def test_damaged_database_is_a_clear_error(tmp_path):
    path = tmp_path / "p.db"
    path.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(ProjectError, match="damaged|rusak"):
        Store(path)


def test_newer_schema_is_refused_and_upgrade_backs_up(tmp_path):
    path = tmp_path / "p.db"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(ProjectError):
        Store(path)

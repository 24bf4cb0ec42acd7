"""Restoring a backup: the current store is backed up first (so the restore is undoable), the
chosen backup is copied into place, and the store is opened once to put its codebook files back.

It sits above both ``backup`` (what a backup is) and ``db`` (opening a store)."""

from __future__ import annotations

import os
import sqlite3
from datetime import datetime
from pathlib import Path

from qualcode.core.faults import fault
from qualcode.core.store.backup import (
    Backup,
    copy_database,
    files_to_pending,
    find_backup,
    is_good,
    project_files,
    take_backup,
)
from qualcode.core.store.db import Store
from qualcode.core.store.lock import ProjectLock
from qualcode.errors import ProjectError
from qualcode.i18n import t


def restore_backup(
    database: Path,
    folder: Path,
    lock_path: Path,
    backup_id: str,
) -> Backup | None:
    """Put a backup (database and codebook files) in place of the project's; return the backup
    taken of the current state first (``files`` with it; restoring that one undoes the
    restore), or None when the current database was unreadable and was moved aside."""
    chosen = find_backup(folder, backup_id)
    if not is_good(chosen.path):
        raise ProjectError(t("backup.damaged", id=chosen.id), t("backup.list_hint"))
    lock = ProjectLock(lock_path)
    lock.acquire()
    try:
        before = _save_current(database, folder, project_files(database.parent.parent))
        tmp = database.with_name(f".{database.name}.restoring")
        source = sqlite3.connect(f"file:{chosen.path.as_posix()}?mode=ro", uri=True)
        try:
            copy_database(source, tmp, None)
        finally:
            source.close()
        files_to_pending(tmp)
        fault("restore-before-rename")
        for side in ("-wal", "-shm"):
            Path(f"{database}{side}").unlink(missing_ok=True)
        os.replace(tmp, database)
    finally:
        lock.release()

    Store(database, lock_path=lock_path, backup_dir=folder).close()  # puts the files back
    return before


def _save_current(database: Path, folder: Path, files: dict[str, str]) -> Backup | None:
    """Back the current database up before a restore; move it aside when it is damaged."""
    if not database.exists():
        return None
    if is_good(database):
        conn = sqlite3.connect(database)
        try:
            return take_backup(conn, folder, "before-restore", files)
        finally:
            conn.close()
    folder.mkdir(parents=True, exist_ok=True)
    aside = folder / f"damaged-{datetime.now().strftime('%Y%m%d-%H%M%S')}.db-damaged"
    os.replace(database, aside)
    return None

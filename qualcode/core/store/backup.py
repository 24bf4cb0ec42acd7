"""Rolling backups of the project database in ``.qualcode/backups/`` (SQLite online backup API).

A backup is taken before every migration, before bulk operations (import of a folder, codings
import, codebook merge/delete), before a restore, and at most every few minutes of work; the
oldest are pruned. A backup is written to a temporary file and renamed, so a kill never leaves a
half backup that looks whole.
"""

from __future__ import annotations

import os
import sqlite3
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from qualcode.core.faults import fault
from qualcode.core.store.lock import ProjectLock
from qualcode.errors import ProjectError
from qualcode.i18n import t

KEEP = 20
"""How many backups are kept; the oldest beyond this are deleted."""

AUTO_MINUTES = float(os.environ.get("QUALCODE_BACKUP_MINUTES", "10"))
"""At most one automatic backup per this many minutes of work."""

_SUFFIX = ".db"


@dataclass(frozen=True, slots=True)
class Backup:
    """One backup file: its id (the file name without .db), reason, time and size."""

    id: str
    path: Path
    reason: str
    taken: float
    size: int

    @property
    def when(self) -> str:
        """Local time the backup was taken, for people."""
        return datetime.fromtimestamp(self.taken).strftime("%Y-%m-%d %H:%M:%S")


def list_backups(folder: Path) -> list[Backup]:
    """Every backup in ``folder``, newest first."""
    if not folder.is_dir():
        return []
    found = []
    for path in folder.glob(f"*{_SUFFIX}"):
        if path.name.startswith("."):
            continue
        stat = path.stat()
        reason = path.stem.split("-", 2)[2] if path.stem.count("-") >= 2 else ""
        found.append(Backup(path.stem, path, reason, stat.st_mtime, stat.st_size))
    return sorted(found, key=lambda b: (b.taken, b.id), reverse=True)


def is_good(path: Path) -> bool:
    """Tell whether a database file opens, passes SQLite's quick check and has a schema."""
    try:
        conn = sqlite3.connect(f"file:{path.as_posix()}?mode=ro", uri=True)
        try:
            ok = conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
            return ok and conn.execute("PRAGMA user_version").fetchone()[0] > 0
        finally:
            conn.close()
    except sqlite3.Error:
        return False


def newest_good(folder: Path) -> Backup | None:
    """The newest backup that passes the quick check, or None."""
    return next((b for b in list_backups(folder) if is_good(b.path)), None)


def take_backup(conn: sqlite3.Connection, folder: Path, reason: str) -> Backup:
    """Copy the open database to a new backup in ``folder`` and prune the oldest."""
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    name = f"{stamp}-{reason}"
    n = 1
    while (folder / f"{name}{_SUFFIX}").exists():
        n += 1
        name = f"{stamp}-{reason}-{n}"
    target = folder / f"{name}{_SUFFIX}"
    tmp = folder / f".{name}.tmp"
    _copy(conn, tmp)
    fault("backup-before-rename")
    os.replace(tmp, target)
    prune(folder)
    stat = target.stat()
    return Backup(name, target, reason, stat.st_mtime, stat.st_size)


def _copy(conn: sqlite3.Connection, target: Path) -> None:
    target.unlink(missing_ok=True)
    dest = sqlite3.connect(target)
    try:
        with dest:
            conn.backup(dest)
        dest.execute("PRAGMA journal_mode = DELETE")  # a backup is one self-contained file
    finally:
        dest.close()


def prune(folder: Path, keep: int = KEEP) -> None:
    """Delete the oldest backups beyond ``keep``, and stale temporary files."""
    for old in list_backups(folder)[keep:]:
        old.path.unlink(missing_ok=True)
    for tmp in folder.glob(".*.tmp"):
        if time.time() - tmp.stat().st_mtime > 3600:
            tmp.unlink(missing_ok=True)


def find_backup(folder: Path, backup_id: str) -> Backup:
    """The backup with this id (or a unique prefix of it); ProjectError lists what exists."""
    backups = list_backups(folder)
    exact = [b for b in backups if b.id == backup_id]
    matches = exact or [b for b in backups if b.id.startswith(backup_id)]
    if len(matches) == 1:
        return matches[0]
    names = ", ".join(b.id for b in backups[:5]) or "-"
    raise ProjectError(t("backup.unknown", id=backup_id, names=names), t("backup.list_hint"))


def restore_backup(database: Path, folder: Path, lock_path: Path, backup_id: str) -> Backup | None:
    """Put a backup in place of the project database; return the backup taken of the current
    database first (restoring that one undoes the restore), or None when it was unreadable."""
    chosen = find_backup(folder, backup_id)
    if not is_good(chosen.path):
        raise ProjectError(t("backup.damaged", id=chosen.id), t("backup.list_hint"))
    lock = ProjectLock(lock_path)
    lock.acquire()
    try:
        before = _save_current(database, folder)
        tmp = database.with_name(f".{database.name}.restoring")
        source = sqlite3.connect(f"file:{chosen.path.as_posix()}?mode=ro", uri=True)
        try:
            _copy(source, tmp)
        finally:
            source.close()
        fault("restore-before-rename")
        for side in ("-wal", "-shm"):
            Path(f"{database}{side}").unlink(missing_ok=True)
        os.replace(tmp, database)
        return before
    finally:
        lock.release()


def _save_current(database: Path, folder: Path) -> Backup | None:
    """Back the current database up before a restore; move it aside when it is damaged."""
    if not database.exists():
        return None
    if is_good(database):
        conn = sqlite3.connect(database)
        try:
            return take_backup(conn, folder, "before-restore")
        finally:
            conn.close()
    folder.mkdir(parents=True, exist_ok=True)
    aside = folder / f"damaged-{datetime.now().strftime('%Y%m%d-%H%M%S')}.db-damaged"
    os.replace(database, aside)
    return None

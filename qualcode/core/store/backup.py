"""Rolling backups of the project database in ``.qualcode/backups/`` (SQLite online backup API).

A backup is taken before every migration, before bulk operations (import of a folder, codings
import, codebook merge/delete), before a restore, and at most every few minutes of work; the
oldest are pruned. A backup is written to a temporary file and renamed, so a kill never leaves a
half backup that looks whole. It also holds the project's codebook files (table
``backup_files``), so a restore brings store and codebook back together: the restored database
carries them as pending file changes, which the store's open puts in place.
"""

from __future__ import annotations

import os
import sqlite3
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from qualcode.core.faults import fault
from qualcode.errors import ProjectError
from qualcode.i18n import t

KEEP = 12
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


def take_backup(
    conn: sqlite3.Connection, folder: Path, reason: str, files: dict[str, str] | None = None
) -> Backup:
    """Copy the open database (and ``files``: project path to text) to a new backup in
    ``folder``, and prune the oldest."""
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    name = f"{stamp}-{reason}"
    n = 1
    while (folder / f"{name}{_SUFFIX}").exists():
        n += 1
        name = f"{stamp}-{reason}-{n}"
    target = folder / f"{name}{_SUFFIX}"
    tmp = folder / f".{name}.tmp"
    copy_database(conn, tmp, files)
    fault("backup-before-rename")
    os.replace(tmp, target)
    prune(folder)
    stat = target.stat()
    return Backup(name, target, reason, stat.st_mtime, stat.st_size)


def project_files(root: Path) -> dict[str, str]:
    """The files a backup keeps beside the store: the project's codebooks (path to text)."""
    found = {}
    for path in sorted((root / "codebooks").glob("*.yaml")):
        try:
            found[path.relative_to(root).as_posix()] = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue  # an unreadable codebook is reported where it is used
    return found


def copy_database(conn: sqlite3.Connection, target: Path, files: dict[str, str] | None) -> None:
    """Copy a database with SQLite's backup API; ``files`` (unless None) replace its kept files."""
    target.unlink(missing_ok=True)
    dest = sqlite3.connect(target)
    try:
        with dest:
            conn.backup(dest)
        dest.execute("PRAGMA journal_mode = DELETE")  # a backup is one self-contained file
        if files is None:
            return
        with dest:
            dest.execute("DROP TABLE IF EXISTS backup_files")
            if files:
                dest.execute("CREATE TABLE backup_files (path TEXT PRIMARY KEY, text TEXT)")
                dest.executemany("INSERT INTO backup_files VALUES (?, ?)", files.items())
    finally:
        dest.close()


def files_to_pending(path: Path) -> None:
    """In a restored copy: turn the backed-up files into pending file changes."""
    conn = sqlite3.connect(path)
    try:
        with conn:
            if conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'backup_files'").fetchone():
                conn.execute(
                    "INSERT INTO pending_files (path, text) SELECT path, text FROM backup_files"
                )
                conn.execute("DROP TABLE backup_files")
    finally:
        conn.close()


def prune(folder: Path, keep: int = KEEP) -> None:
    """Delete the oldest backups beyond ``keep``, and stale temporary files."""
    for old in list_backups(folder)[keep:]:
        old.path.unlink(missing_ok=True)
    for tmp in folder.glob(".*.tmp"):
        if time.time() - tmp.stat().st_mtime > 3600:
            tmp.unlink(missing_ok=True)


def find_backup(folder: Path, backup_id: str) -> Backup:
    """The backup with this id (a unique prefix of it, or ``latest``: the newest good one);
    ProjectError lists what exists."""
    if backup_id == "latest" and (good := newest_good(folder)) is not None:
        return good
    backups = list_backups(folder)
    exact = [b for b in backups if b.id == backup_id]
    matches = exact or [b for b in backups if b.id.startswith(backup_id)]
    if len(matches) == 1:
        return matches[0]
    names = ", ".join(b.id for b in backups[:5]) or "-"
    raise ProjectError(t("backup.unknown", id=backup_id, names=names), t("backup.list_hint"))

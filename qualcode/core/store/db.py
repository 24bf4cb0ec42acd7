"""The project store: one SQLite database (WAL, foreign keys), guarded by a process lock.

Every write goes through :meth:`Store.transaction`, which records one event with before/after
images of the tracked rows it touched; undo and redo replay those images, across restarts.

A change that also rewrites files (codebook edits, their undo/redo) has one commit point: the
new files are written beside the old ones and recorded in ``pending_files`` inside the same
transaction; after the commit they are renamed into place and the record is cleared. Opening
the store finishes any change a crash interrupted (see :meth:`Store._finish_pending`).
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import sqlite3
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from qualcode.core.faults import fault
from qualcode.core.store import backup as backups
from qualcode.core.store.cache import ProjectCache
from qualcode.core.store.lock import ProjectLock
from qualcode.core.store.schema import FILE_TABLE, MIGRATIONS, SCHEMA_VERSION, TRACKED_TABLES
from qualcode.errors import (
    DiskFullError,
    ProjectError,
    ProjectLockedError,
    QualcodeError,
    ReadOnlyProjectError,
)
from qualcode.i18n import t


def utc_now() -> str:
    """Return the current UTC time as ISO 8601 with seconds."""
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


@dataclass(frozen=True, slots=True)
class Event:
    """One entry of the action log."""

    id: int
    action: str
    description: str
    actor: str
    at: str
    kind: str
    state: str
    role: str = ""


REVIEW_PREFIX = "review."  # actions a review session may take


class Tx:
    """An open transaction: tracked writes record row images for undo; files are staged."""

    def __init__(self, store: Store, event_id: int) -> None:
        self._store = store
        self.conn = store.conn
        self.event_id = event_id
        self._seq = 0
        self._files: list[tuple[Path, str | None]] = []

    # -- tracked rows -------------------------------------------------------------------
    def insert(self, table: str, row: dict[str, Any]) -> int:
        """Insert a row into a tracked table and record it; return its id."""
        self._check(table)
        cols = ", ".join(row)
        marks = ", ".join("?" for _ in row)
        cur = self.conn.execute(
            f"INSERT INTO {table} ({cols}) VALUES ({marks})", tuple(row.values())
        )
        pk = int(cur.lastrowid)
        self._record(table, pk, None, self._image(table, pk))
        return pk

    def update(self, table: str, pk: int, changes: dict[str, Any]) -> None:
        """Update columns of one tracked row and record its before/after images."""
        self._check(table)
        before = self._image(table, pk)
        if before is None:
            raise QualcodeError(t("store.row_missing", table=table, id=pk))
        sets = ", ".join(f"{col} = ?" for col in changes)
        self.conn.execute(f"UPDATE {table} SET {sets} WHERE id = ?", (*changes.values(), pk))
        after = self._image(table, pk)
        if after != before:
            self._record(table, pk, before, after)

    def delete(self, table: str, pk: int) -> None:
        """Delete one tracked row and record its image."""
        self._check(table)
        before = self._image(table, pk)
        if before is None:
            return
        self.conn.execute(f"DELETE FROM {table} WHERE id = ?", (pk,))
        self._record(table, pk, before, None)

    # -- untracked rows and files -----------------------------------------------------------
    def execute(self, sql: str, params: Sequence[Any] = ()) -> sqlite3.Cursor:
        """Run SQL on untracked tables (sources, turns, sentences, caches)."""
        return self.conn.execute(sql, params)

    def executemany(self, sql: str, rows: Any) -> sqlite3.Cursor:
        """Run SQL for many parameter rows on untracked tables."""
        return self.conn.executemany(sql, rows)

    def write_file(self, path: Path, text: str | None) -> None:
        """Stage a whole-file change (None deletes); written only if the transaction commits."""
        path = Path(path)
        before = path.read_text(encoding="utf-8") if path.exists() else None
        self._record(FILE_TABLE, str(path), before, text, raw=True)
        self._files.append((path, text))

    # -- internals ----------------------------------------------------------------------------
    def _check(self, table: str) -> None:
        if table not in TRACKED_TABLES:
            raise ValueError(f"{table} is not a tracked table")

    def _image(self, table: str, pk: int) -> dict[str, Any] | None:
        row = self.conn.execute(f"SELECT * FROM {table} WHERE id = ?", (pk,)).fetchone()
        return dict(row) if row is not None else None

    def _record(self, table: str, pk: Any, before: Any, after: Any, raw: bool = False) -> None:
        self._seq += 1
        enc = (lambda v: v) if raw else (lambda v: None if v is None else json.dumps(v))
        self.conn.execute(
            "INSERT INTO event_changes (event_id, seq, tbl, pk, before, after)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (self.event_id, self._seq, table, str(pk), enc(before), enc(after)),
        )

    @property
    def changed(self) -> bool:
        return self._seq > 0


def _tmp_of(path: Path) -> Path:
    return path.with_name(f".{path.name}.qualcode-tmp")


def _write_tmp(path: Path, text: str) -> None:
    """Write ``text`` beside ``path`` (to its temporary name), flushed to disk."""
    with open(_tmp_of(path), "w", encoding="utf-8", newline="") as fh:
        fh.write(text)
        fh.flush()
        os.fsync(fh.fileno())


def _put_in_place(path: Path, text: str | None) -> None:
    """Rename the written temporary file into place (or delete the file when ``text`` is None)."""
    if text is None:
        path.unlink(missing_ok=True)
        return
    tmp = _tmp_of(path)
    if not tmp.exists():  # after a crash: the record holds the text
        _write_tmp(path, text)
    os.replace(tmp, path)


_NEARLY_FULL = 1024 * 1024  # bytes free below which an I/O error is taken for a full disk


def is_disk_full(exc: BaseException, folder: Path | None = None) -> bool:
    """Tell whether an error means the disk (or quota) is full; SQLite reports a full disk as
    an I/O error when it cannot even make its journal, hence the look at ``folder``'s space."""
    if isinstance(exc, OSError):
        return exc.errno in (errno.ENOSPC, errno.EDQUOT)
    if not isinstance(exc, sqlite3.OperationalError):
        return False
    text = str(exc).lower()
    if "database or disk is full" in text:
        return True
    if folder is None or not ("i/o error" in text or "unable to open" in text):
        return False
    try:
        return shutil.disk_usage(folder).free < _NEARLY_FULL
    except OSError:
        return False


def disk_full_error(exc: BaseException) -> DiskFullError:
    """The user's message for a full disk, naming the system's own words."""
    detail = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
    return DiskFullError(
        t("safety.disk_full", what=t("safety.disk_full_what"), error=detail),
        t("safety.disk_full_hint"),
    )


class Store:
    """The one store of truth for a project; open for writing by one process at a time."""

    def __init__(
        self,
        path: Path,
        *,
        readonly: bool = False,
        lock_path: Path | None = None,
        backup_dir: Path | None = None,
        actor: str = "peneliti",
        role: str = "",
    ) -> None:
        self.path = Path(path)
        self.readonly = readonly
        self.readonly_reason: str | None = None
        self.review_only = False  # a review session: only ``review.*`` actions may write
        self.actor = actor
        self.role = role
        self.revision = 0
        self.cache = ProjectCache(self)
        self.root = self.path.parent.parent
        self.backup_dir = backup_dir or self.path.parent / "backups"
        self.notices: list[str] = []
        self._last_backup = time.time()
        self._lock: ProjectLock | None = None
        if not readonly:
            self._take_lock(lock_path or self.path.with_suffix(".lock"))
        try:
            self.conn = self._connect()
            self._migrate(self.backup_dir)
            self._finish_pending()
        except BaseException:
            if self._lock:
                self._lock.release()
            raise

    # -- lifecycle ------------------------------------------------------------------------------
    def _take_lock(self, lock_path: Path) -> None:
        """Take the write lock; a folder that cannot be written opens read-only instead."""
        self._lock = ProjectLock(lock_path)
        try:
            self._lock.acquire()
        except ProjectLockedError:
            raise
        except OSError as exc:
            if exc.errno not in (errno.EACCES, errno.EROFS, errno.EPERM):
                raise
            self._lock = None
            self.readonly = True
            self.readonly_reason = t(
                "safety.readonly_folder", path=self.root, error=exc.strerror or exc
            )
            self.notices.append(self.readonly_reason)

    def _connect(self) -> sqlite3.Connection:
        if self.readonly and not self.path.exists():
            raise ProjectError(t("store.missing", path=self.path))
        uris = [f"file:{self.path.as_posix()}"]
        if self.readonly:
            # A read-only folder may not allow the WAL index: fall back to an immutable read.
            uris = [f"{uris[0]}?mode=ro", f"{uris[0]}?mode=ro&immutable=1"]
        for n, uri in enumerate(uris):
            try:
                return self._open(uri)
            except sqlite3.OperationalError as exc:
                if n + 1 < len(uris):
                    continue
                if is_disk_full(exc, self.path.parent):
                    raise disk_full_error(exc) from None
                raise ProjectError(
                    t("safety.cannot_open", path=self.path, error=exc),
                    t("safety.cannot_open_hint"),
                ) from None
            except sqlite3.DatabaseError as exc:
                raise self._damaged(exc) from None
        raise AssertionError("unreachable")  # pragma: no cover

    def _open(self, uri: str) -> sqlite3.Connection:
        conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
        try:
            conn.row_factory = sqlite3.Row
            conn.execute("PRAGMA busy_timeout = 5000")
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute("PRAGMA cache_size = -32000")
            if not self.readonly:
                conn.execute("PRAGMA journal_mode = WAL")
                conn.execute("PRAGMA synchronous = NORMAL")
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except BaseException:
            conn.close()
            raise
        return conn

    def _damaged(self, exc: BaseException) -> ProjectError:
        """The damaged-store message, naming the newest good backup and how to restore it."""
        good = backups.newest_good(self.backup_dir)
        hint = (
            t("backup.damaged_hint", id=good.id, when=good.when)
            if good is not None
            else t("backup.damaged_no_backup")
        )
        return ProjectError(t("store.damaged", path=self.path, error=exc), hint)

    def _migrate(self, backup_dir: Path) -> None:
        version = self.conn.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise ProjectError(
                t("store.too_new", path=self.path, version=version, supported=SCHEMA_VERSION),
                t("store.too_new_hint"),
            )
        if version == SCHEMA_VERSION:
            return
        if version == 0 and self.scalar("SELECT count(*) FROM sqlite_master"):
            raise ProjectError(t("safety.version_zero", path=self.path), self._damaged("").hint)
        if self.readonly:
            raise ProjectError(t("store.needs_upgrade", path=self.path))
        if version > 0:
            backups.take_backup(self.conn, backup_dir, f"before-upgrade-v{version}")
        for number in range(version, SCHEMA_VERSION):
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                for statement in _split_sql(MIGRATIONS[number]):
                    self.conn.execute(statement)
                self.conn.execute(f"PRAGMA user_version = {number + 1}")
                self.conn.execute("COMMIT")
            except BaseException as exc:
                self._rollback()
                if is_disk_full(exc, self.path.parent):
                    raise disk_full_error(exc) from None
                raise

    def _finish_pending(self) -> None:
        """Finish file changes whose store commit happened before a crash (rename or rewrite)."""
        rows = self.query("SELECT seq, path, text FROM pending_files ORDER BY seq")
        if not rows:
            return
        names = ", ".join(dict.fromkeys(r["path"] for r in rows))
        if self.readonly:
            self.notices.append(t("safety.pending_readonly", files=names))
            return
        for row in rows:
            _put_in_place(self.root / row["path"], row["text"])
        self.conn.execute("DELETE FROM pending_files")
        self.notices.append(t("safety.finished_pending", files=names))

    def _rollback(self) -> None:
        """Roll back the open transaction, if SQLite has not already done so."""
        if self.conn.in_transaction:
            try:
                self.conn.execute("ROLLBACK")
            except sqlite3.Error:
                pass  # SQLite rolls the journal back when the store is next opened

    def _readonly_error(self) -> ProjectError:
        if self.readonly_reason:
            return ReadOnlyProjectError(self.readonly_reason, t("safety.readonly_folder_hint"))
        return ProjectError(t("store.readonly"), t("store.readonly_hint"))

    def backup(self, reason: str) -> backups.Backup | None:
        """Take a backup now (before a bulk operation); None for a read-only store."""
        if self.readonly:
            return None
        files = backups.project_files(self.root)
        taken = backups.take_backup(self.conn, self.backup_dir, reason, files)
        self._last_backup = time.time()
        return taken

    def _maybe_backup(self) -> None:
        """Take the periodic backup when the last one is older than the interval."""
        if time.time() - self._last_backup < backups.AUTO_MINUTES * 60:
            return
        try:
            self.backup("auto")
        except (OSError, sqlite3.Error):
            self._last_backup = time.time()  # a failed backup must not block the work

    def close(self) -> None:
        """Close the database and release the write lock."""
        conn = getattr(self, "conn", None)
        if conn is not None:
            conn.close()
            self.conn = None  # type: ignore[assignment]
        if self._lock:
            self._lock.release()
            self._lock = None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- reading ---------------------------------------------------------------------------------
    def query(self, sql: str, params: Sequence[Any] = ()) -> list[sqlite3.Row]:
        """Run a read query and return all rows."""
        return self.conn.execute(sql, params).fetchall()

    def scalar(self, sql: str, params: Sequence[Any] = ()) -> Any:
        """Run a read query and return the first column of the first row (or None)."""
        row = self.conn.execute(sql, params).fetchone()
        return row[0] if row is not None else None

    def meta(self, key: str, default: str | None = None) -> str | None:
        """Read a project metadata value."""
        value = self.scalar("SELECT value FROM meta WHERE key = ?", (key,))
        return default if value is None else value

    # -- writing ---------------------------------------------------------------------------------
    @contextmanager
    def transaction(self, action: str, description: str, kind: str = "change") -> Iterator[Tx]:
        """Open one transaction that is one event in the action log (all or nothing)."""
        if self.readonly:
            raise self._readonly_error()
        self._check_review(action)
        self._maybe_backup()
        self.conn.execute("BEGIN IMMEDIATE")
        tx: Tx | None = None
        try:
            cur = self.conn.execute(
                "INSERT INTO events (action, description, actor, at, kind, role)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (action, description, self.actor, utc_now(), kind, self.role),
            )
            tx = Tx(self, int(cur.lastrowid))
            yield tx
            if kind == "change" and not tx.changed:
                self.conn.execute("DELETE FROM events WHERE id = ?", (tx.event_id,))
            elif kind in ("change", "barrier"):
                self.conn.execute(
                    "UPDATE events SET state = 'discarded' WHERE state = 'undone' AND id < ?",
                    (tx.event_id,),
                )
            self._commit(tx._files)
        except BaseException as exc:
            self._abort(tx._files if tx is not None else [], exc)
            raise
        self.revision += 1
        self._put_files(tx._files)

    def _commit(self, files: list[tuple[Path, str | None]]) -> None:
        """Write the new files beside the old, record them as pending, and commit: one point."""
        for path, text in files:
            if text is not None:
                try:
                    _write_tmp(path, text)
                except OSError as exc:
                    if is_disk_full(exc):
                        raise disk_full_error(exc) from None
                    raise QualcodeError(
                        t("safety.file_write_failed", file=path, error=exc.strerror or exc),
                        t("safety.file_write_failed_hint"),
                    ) from None
            self.conn.execute(
                "INSERT INTO pending_files (path, text) VALUES (?, ?)", (self._rel(path), text)
            )
        fault("before-store-commit")
        self.conn.execute("COMMIT")
        fault("after-store-commit")

    def _abort(self, files: list[tuple[Path, str | None]], exc: BaseException) -> None:
        """Roll back and remove files written beside the old ones; name a full disk."""
        self._rollback()
        for path, _text in files:
            _tmp_of(path).unlink(missing_ok=True)
        if is_disk_full(exc, self.path.parent):
            raise disk_full_error(exc) from None

    def _put_files(self, files: list[tuple[Path, str | None]]) -> None:
        """Rename the committed files into place and clear their pending record."""
        if not files:
            return
        fault("before-file-rename")
        for path, text in files:
            _put_in_place(path, text)
        fault("after-file-rename")
        try:
            self.conn.execute("DELETE FROM pending_files")
        except sqlite3.Error:
            pass  # the files are in place; the next open rewrites them identically
        fault("after-pending-clear")

    def _rel(self, path: Path) -> str:
        """A file's path relative to the project (POSIX) when inside it, else absolute."""
        try:
            return Path(path).resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return str(Path(path).resolve())

    def _check_review(self, action: str) -> None:
        """Refuse, in a review session, any change that is not a review record."""
        if self.review_only and not action.startswith(REVIEW_PREFIX):
            raise ProjectError(t("store.review_only"), t("store.review_only_hint"))

    def set_meta(self, key: str, value: str) -> None:
        """Write a project metadata value (not an undoable change)."""
        if self.readonly:
            raise self._readonly_error()
        self.conn.execute(
            "INSERT INTO meta (key, value) VALUES (?, ?)"
            " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (key, value),
        )

    # -- undo / redo -----------------------------------------------------------------------------
    def _last(self, state: str, newest: bool) -> sqlite3.Row | None:
        order = "DESC" if newest else "ASC"
        return self.conn.execute(
            "SELECT * FROM events WHERE state = ? AND kind IN ('change', 'barrier')"
            f" ORDER BY id {order} LIMIT 1",
            (state,),
        ).fetchone()

    def undo_target(self) -> Event | None:
        """The event that undo would revert, or None (a barrier also returns None)."""
        row = self._last("done", newest=True)
        return _event(row) if row is not None and row["kind"] == "change" else None

    def redo_target(self) -> Event | None:
        """The event that redo would re-apply, or None."""
        row = self._last("undone", newest=False)
        return _event(row) if row is not None else None

    def undo(self) -> Event:
        """Revert the newest change; raise when there is nothing to undo."""
        row = self._last("done", newest=True)
        if row is None:
            raise QualcodeError(t("store.nothing_to_undo"))
        if row["kind"] == "barrier":
            raise QualcodeError(
                t("store.undo_barrier", action=row["description"]), t("store.undo_barrier_hint")
            )
        self._replay(row, "before", "undone", "undo")
        return _event(row)

    def redo(self) -> Event:
        """Re-apply the oldest undone change; raise when there is nothing to redo."""
        row = self._last("undone", newest=False)
        if row is None:
            raise QualcodeError(t("store.nothing_to_redo"))
        self._replay(row, "after", "done", "redo")
        return _event(row)

    def _replay(self, event: sqlite3.Row, side: str, new_state: str, verb: str) -> None:
        if self.readonly:
            raise self._readonly_error()
        self._check_review(event["action"])
        order = "DESC" if side == "before" else "ASC"
        files: list[tuple[Path, str | None]] = []
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            changes = self.conn.execute(
                f"SELECT tbl, pk, {side} AS image FROM event_changes"
                f" WHERE event_id = ? ORDER BY seq {order}",
                (event["id"],),
            ).fetchall()
            for change in changes:
                if change["tbl"] == FILE_TABLE:
                    files.append((Path(change["pk"]), change["image"]))
                else:
                    self._apply_image(change["tbl"], int(change["pk"]), change["image"])
            self.conn.execute("UPDATE events SET state = ? WHERE id = ?", (new_state, event["id"]))
            # keys: store.{undo,redo}_event
            self.conn.execute(
                "INSERT INTO events (action, description, actor, at, kind, role)"
                " VALUES (?, ?, ?, ?, 'info', ?)",
                (
                    verb,
                    t(f"store.{verb}_event", action=event["description"]),
                    self.actor,
                    utc_now(),
                    self.role,
                ),
            )
            self._commit(files)
        except BaseException as exc:
            self._abort(files, exc)
            raise
        self.revision += 1
        self._put_files(files)

    def _apply_image(self, table: str, pk: int, image: str | None) -> None:
        if image is None:
            self.conn.execute(f"DELETE FROM {table} WHERE id = ?", (pk,))
            return
        row = json.loads(image)
        cols = list(row)
        updates = ", ".join(f"{c} = excluded.{c}" for c in cols if c != "id")
        self.conn.execute(
            f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' for _ in cols)}) "
            f"ON CONFLICT(id) DO UPDATE SET {updates}",
            tuple(row[c] for c in cols),
        )

    def events(self, limit: int | None = 50, include_info: bool = True) -> list[Event]:
        """Return the newest events of the action log, newest first."""
        where = "" if include_info else "WHERE kind != 'info'"
        lim = "" if limit is None else f"LIMIT {int(limit)}"
        rows = self.conn.execute(f"SELECT * FROM events {where} ORDER BY id DESC {lim}").fetchall()
        return [_event(r) for r in rows]

    def backup_to(self, target: Path) -> None:
        """Copy the whole database to ``target`` (a consistent snapshot)."""
        target.parent.mkdir(parents=True, exist_ok=True)
        dest = sqlite3.connect(target)
        with dest:
            self.conn.backup(dest)
        dest.close()


def _event(row: sqlite3.Row) -> Event:
    return Event(
        row["id"],
        row["action"],
        row["description"],
        row["actor"],
        row["at"],
        row["kind"],
        row["state"],
        row["role"],
    )


def _split_sql(script: str) -> list[str]:
    return [s.strip() for s in script.split(";") if s.strip()]


def copy_database(source: Path, target: Path) -> None:
    """Copy a database file and its WAL side files (used by tests and backups)."""
    for suffix in ("", "-wal", "-shm"):
        src = Path(f"{source}{suffix}")
        if src.exists():
            shutil.copy2(src, Path(f"{target}{suffix}"))

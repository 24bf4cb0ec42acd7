"""Build a fresh store from a project folder: import transcripts/, then load codings.yaml.

The build writes a temporary database and renames it into place only when it is complete, so a
kill during the build never leaves a store that looks like a valid, empty project.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from qualcode.core.faults import fault
from qualcode.errors import QualcodeError
from qualcode.i18n import t


def build_store(project, progress: Callable[[int, int, str], None] | None = None) -> None:
    """Fill a new store from the folder's transcripts and its codings snapshot, if any."""
    from qualcode.core.sources.importing import import_paths

    if project.paths.transcripts.is_dir() and any(project.paths.transcripts.iterdir()):
        report = import_paths(project, [project.paths.transcripts], progress=progress, backup=False)
        if report.failed:
            lines = "\n".join(f"  {r.path}: {r.message}" for r in report.failed)
            raise QualcodeError(
                t("ingest.bootstrap_failed", files=lines), t("ingest.bootstrap_hint")
            )
    if project.paths.snapshot.exists():
        from qualcode.core.codings_file.io import load_snapshot

        load_snapshot(project, project.paths.snapshot)


def _remove_database(path: Path) -> None:
    for side in ("", "-wal", "-shm"):
        Path(f"{path}{side}").unlink(missing_ok=True)


def build_atomically(project_cls, paths, settings, user, progress=None) -> None:
    """Build the store into ``project.db.building`` and rename it over ``project.db``."""
    from qualcode.core.store.db import utc_now

    paths.state_dir.mkdir(exist_ok=True)
    building = paths.state_dir / "project.db.building"
    _remove_database(building)
    project = project_cls._open_store(paths, settings, user, readonly=False, database=building)
    try:
        build_store(project, progress=progress)
        project.store.set_meta("built", utc_now())
        project.store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    except BaseException:
        project.close()
        _remove_database(building)
        raise
    project.close()
    fault("build-before-rename")
    for side in ("-wal", "-shm"):
        Path(f"{paths.database}{side}").unlink(missing_ok=True)
    os.replace(building, paths.database)
    Path(f"{building}-wal").unlink(missing_ok=True)
    Path(f"{building}-shm").unlink(missing_ok=True)

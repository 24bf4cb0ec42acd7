"""Build a fresh store from a project folder: import transcripts/, then load codings.yaml."""

from __future__ import annotations

from collections.abc import Callable

from qualcode.errors import QualcodeError
from qualcode.i18n import t


def build_store(project, progress: Callable[[int, int, str], None] | None = None) -> None:
    """Fill a new store from the folder's transcripts and its codings snapshot, if any."""
    from qualcode.core.sources.importing import import_paths

    if project.paths.transcripts.is_dir() and any(project.paths.transcripts.iterdir()):
        report = import_paths(project, [project.paths.transcripts], progress=progress)
        if report.failed:
            lines = "\n".join(f"  {r.path}: {r.message}" for r in report.failed)
            raise QualcodeError(
                t("ingest.bootstrap_failed", files=lines), t("ingest.bootstrap_hint")
            )
    if project.paths.snapshot.exists():
        from qualcode.core.codings_file.io import load_snapshot

        load_snapshot(project, project.paths.snapshot)

"""Import source files into the store: parse, identify the informant, save atomically per file.

Importing an unchanged file again is a no-op; a changed file is re-imported and its codings are
moved onto the new text (see ``reanchor``), never dropped. A file from outside the project is
copied into ``transcripts/`` first, so the project folder holds every source it names; a
symbolic link that leads out of the project is refused.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from qualcode.core.faults import fault
from qualcode.core.store import sources as repo
from qualcode.errors import DiskFullError, IngestError, QualcodeError
from qualcode.i18n import t

SUPPORTED = (".txt", ".md", ".docx")
Progress = Callable[[int, int, str], None]


@dataclass(frozen=True, slots=True)
class FileResult:
    """What happened to one file."""

    path: str
    status: str  # imported | unchanged | updated | failed
    source_id: int | None = None
    message: str = ""
    warnings: tuple[str, ...] = ()
    moved: int = 0
    flagged: int = 0


@dataclass(slots=True)
class ImportReport:
    """What an import did, file by file."""

    results: list[FileResult] = field(default_factory=list)
    cancelled: bool = False

    def count(self, status: str) -> int:
        return sum(1 for r in self.results if r.status == status)

    @property
    def failed(self) -> list[FileResult]:
        return [r for r in self.results if r.status == "failed"]


def collect_files(paths: Iterable[Path | str]) -> list[Path]:
    """Expand files and folders into the supported files, in stable order; refuse missing paths."""
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            raise IngestError(t("ingest.missing_path", path=path), t("ingest.missing_path_hint"))
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and _wanted(child):
                    found.append(child)
        else:
            found.append(path)
    unique: dict[Path, Path] = {}
    for path in found:
        unique.setdefault(path.resolve(), path.absolute())
    return list(unique.values())


def _wanted(path: Path) -> bool:
    name = path.name
    if name.startswith((".", "~$")) or any(
        part.startswith(".") for part in path.parts[:-1] if part not in (".", "..")
    ):
        return False
    return path.suffix.lower() in SUPPORTED


def import_paths(
    project,  # qualcode.core.project.Project
    paths: Iterable[Path | str],
    *,
    progress: Progress | None = None,
    cancel: Callable[[], bool] | None = None,
    segmenter=None,
    backup: bool = True,
) -> ImportReport:
    """Import files and folders; one transaction per file; failures are reported per file.

    Importing a folder or several files first backs the store up (``backup``)."""
    from qualcode.core.ingest.parse import parse_file
    from qualcode.core.ingest.sentences import SentenceSegmenter

    paths = list(paths)
    files = collect_files(paths)
    store = project.store
    if backup and files and (len(files) > 1 or any(Path(p).is_dir() for p in paths)):
        store.backup("before-import")
    cache = repo.SegmentCache(store)
    segmenter = segmenter or SentenceSegmenter(cache=cache)
    report = ImportReport()
    for done, path in enumerate(files):
        if cancel is not None and cancel():
            report.cancelled = True
            break
        rel = project.paths.relative(path)
        if progress:
            progress(done, len(files), rel)
        copied: Path | None = None
        try:
            inside, copied = _into_project(project, path)
            rel = project.paths.relative(inside)
            report.results.append(_import_one(project, inside, rel, parse_file, segmenter, cache))
            copied = None
        except DiskFullError:
            raise
        except QualcodeError as exc:
            report.results.append(
                FileResult(
                    rel,
                    "failed",
                    message=exc.message if not exc.hint else f"{exc.message} {exc.hint}",
                )
            )
        finally:
            if copied is not None:  # the import failed: take back the copy it made
                copied.unlink(missing_ok=True)
    if progress:
        progress(len(report.results), len(files), "")
    return report


def _inside(path: Path, root: Path) -> bool:
    try:
        path.relative_to(root)
    except ValueError:
        return False
    return True


def _into_project(project, path: Path) -> tuple[Path, Path | None]:
    """The file to import, inside the project: a file from outside is copied into transcripts/
    (returned second, so a failed import can remove it); a link leading out is refused."""
    root = project.root.resolve()
    real = path.resolve()
    if _inside(real, root):
        return real, None
    if _inside(path.absolute(), root):
        raise IngestError(
            t("ingest_safety.symlink_outside", path=project.paths.relative(path), target=real),
            t("ingest_safety.symlink_outside_hint"),
        )
    folder = project.paths.transcripts
    target = folder / path.name
    if target.exists():
        if target.is_file() and target.read_bytes() == real.read_bytes():
            return target.resolve(), None
        raise IngestError(
            t("ingest_safety.name_taken", name=path.name, path=path),
            t("ingest_safety.name_taken_hint"),
        )
    folder.mkdir(parents=True, exist_ok=True)
    tmp = folder / f".{path.name}.qualcode-tmp"
    try:
        shutil.copyfile(real, tmp)
        fault("import-copy")
        os.replace(tmp, target)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        from qualcode.core.store.db import disk_full_error, is_disk_full

        if is_disk_full(exc):
            raise disk_full_error(exc) from None
        raise IngestError(
            t("ingest_safety.cannot_copy", path=path, error=exc.strerror or exc)
        ) from None
    return target.resolve(), target


def _import_one(project, path: Path, rel: str, parse_file, segmenter, cache) -> FileResult:
    store = project.store
    existing = repo.source_by_path(store, rel)
    if existing is not None:
        import hashlib

        if hashlib.sha256(path.read_bytes()).hexdigest() == existing.sha256:
            return FileResult(rel, "unchanged", existing.id)
    parsed = parse_file(path, segmenter=segmenter)
    meta = parsed.meta
    warnings = list(parsed.warnings)
    row = {
        "path": rel,
        "name": path.stem,
        "sha256": parsed.sha256,
        "technique": meta.technique,
        "date": meta.date,
        "title": meta.title,
        "encoding": parsed.encoding,
        "text": parsed.text,
        "warnings": json.dumps(warnings, ensure_ascii=False),
    }
    turn_rows = [(tr.speaker, tr.kind, tr.start, tr.end, tr.timestamp) for tr in parsed.turns]
    sentence_rows = [(s.turn, s.start, s.end) for s in parsed.sentences]
    if existing is None:
        with store.transaction(
            "source.import", t("ingest.event_import", path=rel), kind="info"
        ) as tx:
            row["informant_id"] = _informant(tx, meta)
            source_id = repo.insert_source(tx, row)
            repo.insert_structure(tx, source_id, turn_rows, sentence_rows)
            cache.flush(tx)
        return FileResult(rel, "imported", source_id, warnings=tuple(warnings))
    return _reimport(project, existing, row, turn_rows, sentence_rows, meta, cache, warnings)


def _reimport(
    project, existing, row, turn_rows, sentence_rows, meta, cache, warnings
) -> FileResult:
    from qualcode.core.coding.reanchor import apply_reanchor

    store = project.store
    with store.transaction(
        "source.reimport", t("ingest.event_reimport", path=existing.path), kind="barrier"
    ) as tx:
        informant_id = _informant(tx, meta)
        row["informant_id"] = informant_id if informant_id is not None else existing.informant_id
        repo.update_source(tx, existing.id, row)
        repo.delete_structure(tx, existing.id)
        repo.insert_structure(tx, existing.id, turn_rows, sentence_rows)
        moved, flagged = apply_reanchor(tx, existing.id, existing.text, row["text"])
        cache.flush(tx)
    return FileResult(
        existing.path,
        "updated",
        existing.id,
        warnings=tuple(warnings),
        moved=moved,
        flagged=flagged,
    )


def _informant(tx, meta) -> int | None:
    from qualcode.core.sources.informants import infer_group

    if not meta.informant:
        return None
    fill = {
        "pseudonym": meta.name or "",
        "role": meta.role or "",
        "grp": (meta.group or "").lower() or infer_group(meta.role),
        "category": (meta.category or "").lower(),
    }
    return repo.ensure_informant(tx, meta.informant, fill, dict(meta.extra))

"""Import source files into the store: parse, identify the informant, save atomically per file.

Importing an unchanged file again is a no-op; a changed file is re-imported and its codings are
moved onto the new text (see ``reanchor``), never dropped.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from qualcode.core.store import sources as repo
from qualcode.errors import IngestError, QualcodeError
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
    unique: dict[Path, None] = {}
    for path in found:
        unique.setdefault(path.resolve(), None)
    return list(unique)


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
) -> ImportReport:
    """Import files and folders; one transaction per file; failures are reported per file."""
    from qualcode.core.ingest.parse import parse_file
    from qualcode.core.ingest.sentences import SentenceSegmenter

    files = collect_files(paths)
    store = project.store
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
        try:
            report.results.append(_import_one(project, path, rel, parse_file, segmenter, cache))
        except QualcodeError as exc:
            report.results.append(
                FileResult(
                    rel,
                    "failed",
                    message=exc.message if not exc.hint else f"{exc.message} {exc.hint}",
                )
            )
    if progress:
        progress(len(report.results), len(files), "")
    return report


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

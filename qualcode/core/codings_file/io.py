"""Export and import of codings, memos, informant attributes, conclusions and indicator
verdicts as a git-friendly YAML file (the format: ``format``, ``analysis``).

The same file is the project's committed snapshot (``codings.yaml``, loaded when a store is
first built) and the backup/exchange format of ``qualcode codings export/import``. Import checks
everything before writing, re-anchors each coding on the current transcript text, never drops a
coding (one whose text is gone is kept and flagged), and is one undoable event.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from qualcode.core.codings_file.format import (
    Snapshot,
    SnapSource,
    dump,
    parse,
)
from qualcode.core.codings_file.merge import MODES, ImportReport, apply_snapshot
from qualcode.core.codings_file.reviews import reviews_of
from qualcode.core.codings_file.statement_merges import snap_merges
from qualcode.core.faults import fault
from qualcode.core.records import Coding, Conclusion, IndicatorVerdict
from qualcode.core.store import analysis as analysis_repo
from qualcode.core.store import codings as repo
from qualcode.core.store import memos as memo_repo
from qualcode.core.store import sources as source_repo
from qualcode.errors import CodingError
from qualcode.i18n import t


# -- export -----------------------------------------------------------------------------------
def snapshot_of(project) -> Snapshot:
    """Return the project's codings, memos, informants and conclusions as a snapshot value."""
    store = project.store
    people = source_repo.informants(store)
    code_of = {i.id: i.code for i in people}
    by_source: dict[int, list[Coding]] = {}
    for c in repo.list_codings(store):
        by_source.setdefault(c.source_id, []).append(replace(c, id=0, source_id=0))
    rejected: dict[int, list[tuple[int, int, str]]] = {}
    for source_id, start, end, code in repo.rejected_keys(store):
        rejected.setdefault(source_id, []).append((start, end, code))
    sources = []
    for src in sorted(source_repo.sources(store, with_text=False), key=lambda s: s.path):
        if src.id not in by_source and src.id not in rejected:
            continue
        codings = sorted(
            by_source.get(src.id, []), key=lambda c: (c.start, c.end, c.code_id, c.uid)
        )
        sources.append(
            SnapSource(
                src.path,
                src.sha256,
                code_of.get(src.informant_id),
                tuple(codings),
                tuple(sorted(rejected.get(src.id, []))),
            )
        )
    # Creation order (the store's), so a store rebuilt from the file numbers memos as before.
    memos = tuple(replace(m, id=0) for m in memo_repo.list_memos(store))
    informants = tuple(replace(i, id=0) for i in people)
    written = {c.uid for s in sources for c in s.codings}
    conclusions, verdicts = _analysis_of(project, written)
    return Snapshot(
        1,
        project.settings.title,
        project.codebook.id,
        tuple(sources),
        memos,
        informants,
        conclusions,
        verdicts,
        reviews_of(store),
        snap_merges(store, written),
    )


def _analysis_of(
    project, written: set[str]
) -> tuple[tuple[Conclusion, ...], tuple[IndicatorVerdict, ...]]:
    """The conclusions and indicator verdicts in codebook order (ids it lacks last, sorted);
    evidence keeps the researcher's order and only codings the file holds."""
    place = {code.id: n for n, code in enumerate(project.codebook.all_codes())}

    def order(key: str) -> tuple[int, str]:
        return place.get(key, len(place)), key

    rows = analysis_repo.conclusion_rows(project.store)
    conclusions = tuple(
        replace(r, evidence=tuple(uid for uid in r.evidence if uid in written))
        for r in (rows[key] for key in sorted(rows, key=order))
    )
    found = analysis_repo.indicator_verdicts(project.store)
    verdicts = tuple(found[key] for key in sorted(found, key=order))
    return conclusions, verdicts


def snapshot_text(project) -> str:
    """Return the YAML text of the project's snapshot."""
    return dump(snapshot_of(project))


def export_codings(project, path: Path | str, *, force: bool = False) -> int:
    """Write the codings file to ``path`` (no overwrite unless forced); return the count."""
    path = Path(path)
    _refuse_state_folder(project, path)
    if path.exists() and not force:
        raise CodingError(t("codings_io.exists", file=path), t("codings_io.exists_hint"))
    if path.exists() and path.is_dir():
        raise CodingError(t("codings_io.is_folder", file=path))
    snapshot = snapshot_of(project)
    text = dump(snapshot)
    tmp = path.with_name(f".{path.name}.qualcode-tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_text(text, encoding="utf-8")
        fault("before-file-rename")
        tmp.replace(path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        from qualcode.core.store.db import disk_full_error, is_disk_full

        if is_disk_full(exc):
            raise disk_full_error(exc) from None
        raise CodingError(
            t("codings_io.cannot_write", file=path, error=exc.strerror or exc)
        ) from None
    return snapshot.coding_count


def _refuse_state_folder(project, path: Path) -> None:
    """Never let an export overwrite a store or anything else under a ``.qualcode/`` folder."""
    state = project.paths.state_dir.resolve()
    target = path.resolve()
    if target == state or state in target.parents or state.name in target.parts:
        raise CodingError(
            t("safety.export_into_state", file=path), t("safety.export_into_state_hint")
        )


# -- import -----------------------------------------------------------------------------------
def read_snapshot(path: Path | str) -> Snapshot:
    """Read and check a codings file (nothing is written)."""
    from qualcode.core.limits import MAX_CODINGS_BYTES, check_size

    path = Path(path)
    check_size(path, MAX_CODINGS_BYTES)
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        raise CodingError(t("codings_io.missing", file=path)) from None
    except IsADirectoryError:
        raise CodingError(t("codings_io.is_folder", file=path)) from None
    except UnicodeDecodeError:
        raise CodingError(
            t("codings_io.not_utf8", file=path), t("codings_io.not_ours_hint")
        ) from None
    except OSError as exc:
        raise CodingError(
            t("codings_io.cannot_read", file=path, error=exc.strerror or exc)
        ) from None
    return parse(text, str(path))


def import_codings(project, path: Path | str, *, mode: str = "merge") -> ImportReport:
    """Import a codings file as one undoable event; refuse (changing nothing) if anything is wrong.

    ``merge`` adds the file's codings, memos, conclusions and indicator verdicts and updates
    those it shares with the project (one edited in the project after the file's version is
    kept); ``replace`` makes them exactly the file's (conclusions and verdicts only when the file
    has those keys).
    """
    if mode not in MODES:
        raise CodingError(t("codings_io.bad_mode", mode=mode, modes=", ".join(MODES)))
    snapshot = read_snapshot(path)
    label = project.paths.relative(Path(path))
    project.store.backup("before-codings-import")
    return apply_snapshot(project, snapshot, label, mode, "codings.import", "change")


def load_snapshot(project, path: Path | str) -> ImportReport:
    """Load the committed snapshot into a freshly built store (an event undo does not cross)."""
    snapshot = read_snapshot(path)
    label = project.paths.relative(Path(path))
    return apply_snapshot(project, snapshot, label, "replace", "codings.load", "barrier")

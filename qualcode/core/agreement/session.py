"""A comparison with a second coder, as the project keeps it: read the other coding, freeze
both codings on the compared sources, report before and after consensus, record decisions.

The comparison is frozen when it is made (units and both coders' codings, as JSON in the
store), so the figures before consensus never drift when the project's codings change later;
consensus decisions are stored beside it and change the project's codings in the same event.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from qualcode.core.agreement.compare import (
    CHOICES,
    AgreementReport,
    Disagreement,
    codebook_order,
    compare,
)
from qualcode.core.agreement.units import Mark, SourceMaterial, Unit
from qualcode.core.records import Source
from qualcode.core.store import agreement_sql as sql
from qualcode.core.store import sources as source_repo
from qualcode.errors import QualcodeError
from qualcode.i18n import t

SAMPLE_META = "agreement.sample"


class AgreementError(QualcodeError):
    """A comparison cannot be made, found or resolved as asked."""

    exit_code = 9


@dataclass(frozen=True, slots=True)
class OtherCoding:
    """The second coder's work: codings by source path, and every source path they had."""

    label: str
    codings: dict[str, tuple[str, tuple]]  # path -> (sha256, the codings as the file holds them)
    paths: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Comparison:
    """A recorded comparison, its frozen material, and its report before and after consensus."""

    id: int
    label: str
    coder_a: str
    coder_b: str
    created_at: str
    materials: tuple[SourceMaterial, ...]
    before: AgreementReport
    after: AgreementReport
    warnings: tuple[str, ...] = field(default=())


# -- reading the other coder ------------------------------------------------------------------
def read_other(path: Path | str) -> OtherCoding:
    """Read a second coder's project folder or codings file (nothing is written to it)."""
    from qualcode.core.codings_file.io import read_snapshot, snapshot_of
    from qualcode.core.project import Project
    from qualcode.locations import PROJECT_FILE

    path = Path(path)
    if path.is_dir():
        if not (path / PROJECT_FILE).exists():
            raise AgreementError(t("agreement.not_project", path=path), t("agreement.other_hint"))
        with Project.open(path, readonly=True) as other:
            snapshot = snapshot_of(other)
            paths = tuple(s.path for s in source_repo.sources(other.store, with_text=False))
    elif path.exists():
        snapshot = read_snapshot(path)
        paths = tuple(s.path for s in snapshot.sources)
    else:
        raise AgreementError(t("agreement.no_other", path=path), t("agreement.other_hint"))
    codings = {s.path: (s.sha256, s.codings) for s in snapshot.sources}
    return OtherCoding(str(path), codings, paths)


# -- choosing and freezing the material -------------------------------------------------------
def compared_sources(project, other: OtherCoding, refs: Sequence[str] = ()) -> list[Source]:
    """The sources to compare: those named, else the blind sample, else the other's sources."""
    store = project.store
    if refs:
        return [source_repo.one_source(store, ref, AgreementError) for ref in refs]
    recorded = project.store.meta(SAMPLE_META)
    wanted = json.loads(recorded) if recorded else list(other.paths)
    by_hash: dict[str, list[Source]] = {}
    ours = source_repo.sources(store, with_text=False)
    for src in ours:
        by_hash.setdefault(src.sha256, []).append(src)
    by_path = {s.path: s for s in ours}
    found: list[Source] = []
    missing: list[str] = []
    for path in wanted:
        src = by_path.get(path)
        sha = other.codings.get(path, ("", ()))[0]
        if src is None and len(by_hash.get(sha, [])) == 1:
            src = by_hash[sha][0]
        if src is None:
            missing.append(path)
        else:
            found.append(src)
    if missing:
        raise AgreementError(
            t("agreement.unknown_sources", paths=", ".join(missing)), t("agreement.sources_hint")
        )
    if not found:
        raise AgreementError(t("agreement.nothing_to_compare"), t("agreement.sources_hint"))
    return found


def _mark(row: Sequence) -> Mark:
    return Mark(int(row[0]), int(row[1]), row[2], row[3], row[4], row[5])


def _freeze(marks: Sequence[Mark]) -> list[list]:
    return [[m.start, m.end, m.code, m.polarity, m.summary, m.coder] for m in marks]


def _label(project, src: Source, people: dict[int, str]) -> str:
    return people.get(src.informant_id or -1) or src.name


def build_material(
    project, other: OtherCoding, chosen: Sequence[Source]
) -> tuple[list[SourceMaterial], list[str]]:
    """Both coders' codings on the chosen sources, the other's re-anchored on our text."""
    from qualcode.core.coding.anchor import find_quote
    from qualcode.core.store.codings import list_codings

    store = project.store
    people = {i.id: i.code for i in source_repo.informants(store)}
    units = sql.codable_units(store, [s.id for s in chosen])
    ours: dict[int, list[Mark]] = {s.id: [] for s in chosen}
    for c in list_codings(store, source_id=[s.id for s in chosen]):
        ours[c.source_id].append(Mark(c.start, c.end, c.code_id, c.polarity, c.summary, c.coder))
    by_sha = {sha: path for path, (sha, _) in other.codings.items() if sha}
    warnings: list[str] = []
    materials = []
    for src in chosen:
        key = src.path if src.path in other.codings else by_sha.get(src.sha256)
        theirs: list[Mark] = []
        if key is not None:
            text = source_repo.source_by_id(store, src.id).text
            for c in other.codings[key][1]:
                found = find_quote(text, c.start, c.end, c.quote)
                if found.how == "gone":
                    warnings.append(t("agreement.quote_gone", path=src.path, quote=c.quote[:60]))
                    continue
                theirs.append(
                    Mark(found.start, found.end, c.code_id, c.polarity, c.summary, c.coder)
                )
        materials.append(
            SourceMaterial(
                src.path,
                _label(project, src, people),
                tuple(Unit(*u) for u in units[src.id]),
                tuple(ours[src.id]),
                tuple(theirs),
            )
        )
    return materials, warnings


def _coder(materials: Sequence[SourceMaterial], second: bool, fallback: str) -> str:
    names = Counter(m.coder for s in materials for m in (s.second if second else s.first))
    names.pop("", None)
    return names.most_common(1)[0][0] if names else fallback


# -- recording and loading --------------------------------------------------------------------
def record_comparison(project, path: Path | str, refs: Sequence[str] = ()) -> Comparison:
    """Compare the project with a second coder's project or codings file and record it."""
    other = read_other(path)
    chosen = compared_sources(project, other, refs)
    materials, warnings = build_material(project, other, chosen)
    coder_a = _coder(materials, False, project.user.coder)
    coder_b = _coder(materials, True, t("agreement.second_coder"))
    data = {
        "sources": [
            {
                "path": m.path,
                "label": m.label,
                "units": [[u.index, u.start, u.end] for u in m.units],
                "a": _freeze(m.first),
                "b": _freeze(m.second),
            }
            for m in materials
        ],
        "warnings": warnings,
    }
    label = other.label
    with project.store.transaction(
        "agreement.compare", t("agreement.event_compare", label=label), kind="info"
    ) as tx:
        cid = sql.insert_comparison(
            tx, label, (coder_a, coder_b), json.dumps(data, ensure_ascii=False), project.user.coder
        )
    row = sql.comparison(project.store, cid)
    return _comparison(project, row, tuple(materials), {}, tuple(warnings))


def load_comparison(project, comparison_id: int | None = None) -> Comparison:
    """Return a recorded comparison (the newest by default) with both reports."""
    row = sql.comparison(project.store, comparison_id)
    if row is None:
        raise AgreementError(t("agreement.no_comparison"), t("agreement.no_comparison_hint"))
    data = json.loads(row.data)
    materials = tuple(
        SourceMaterial(
            s["path"],
            s["label"],
            tuple(Unit(*u) for u in s["units"]),
            tuple(_mark(m) for m in s["a"]),
            tuple(_mark(m) for m in s["b"]),
        )
        for s in data["sources"]
    )
    decisions = sql.decisions(project.store, row.id)
    return _comparison(project, row, materials, decisions, tuple(data.get("warnings", ())))


def _comparison(
    project,
    row: sql.ComparisonRow,
    materials: tuple[SourceMaterial, ...],
    decisions: dict,
    warnings: tuple[str, ...],
) -> Comparison:
    group_of, order = codebook_order(project.codebook)
    before = compare(materials, group_of, order)
    # Without decisions the report after consensus is the report before it.
    after = compare(materials, group_of, order, decisions) if decisions else before
    return Comparison(
        row.id,
        row.label,
        row.coder_a,
        row.coder_b,
        row.created_at,
        materials,
        before,
        after,
        warnings,
    )


# -- consensus --------------------------------------------------------------------------------
def resolve(project, comparison: Comparison, disagreement: Disagreement, choice: str) -> None:
    """Record a consensus decision on one sentence and make the project's codings follow it.

    Keeping A changes no coding; keeping B, both or neither removes the sentence from the
    project's codings that the decision drops and codes the sentence with what it adds (the
    second coder's summary and name), all in one undoable event.
    """
    from qualcode.core.agreement.consensus import apply_choice

    if choice not in CHOICES:
        raise AgreementError(t("agreement.bad_choice", choice=choice, choices=", ".join(CHOICES)))
    material = next((m for m in comparison.materials if m.path == disagreement.source), None)
    src = source_repo.source_by_path(project.store, disagreement.source)
    if material is None or src is None:
        raise AgreementError(t("agreement.unknown_sources", paths=disagreement.source))
    where = f"{disagreement.label} #{disagreement.index}"
    # keys: agreement.keep_{a,b,both,neither}
    description = t("agreement.event_resolve", where=where, choice=t(f"agreement.keep_{choice}"))
    earlier = sql.decisions(project.store, comparison.id).get(disagreement.key)
    with project.store.transaction("agreement.resolve", description) as tx:
        sql.set_decision(tx, comparison.id, disagreement.key, choice, project.user.coder)
        # Keeping A leaves the codings alone, unless an earlier decision changed them.
        if choice != "a" or earlier not in (None, "a"):
            apply_choice(tx, project, src, material, disagreement, choice)


@dataclass(frozen=True, slots=True)
class Passage:
    """A disagreement in context: the speaker's turn, where the sentence sits in it, and what
    each coder coded on the sentence (with their summaries)."""

    source_id: int
    speaker: str
    text: str
    start: int  # the sentence, as offsets into ``text``
    end: int
    first: tuple[Mark, ...]
    second: tuple[Mark, ...]


def passage_of(project, comparison: Comparison, disagreement: Disagreement) -> Passage:
    """Return the turn around a disagreement and both coders' codings on its sentence."""
    from qualcode.core.agreement.units import marks_unit

    src = source_repo.source_by_path(project.store, disagreement.source)
    if src is None:
        raise AgreementError(t("agreement.unknown_sources", paths=disagreement.source))
    turn = source_repo.turn_at(project.store, src.id, disagreement.start)
    lo, hi = (turn.start, turn.end) if turn else (disagreement.start, disagreement.end)
    unit = Unit(disagreement.index, disagreement.start, disagreement.end)
    material = next(m for m in comparison.materials if m.path == disagreement.source)
    return Passage(
        src.id,
        turn.speaker if turn else "",
        src.text[lo:hi],
        disagreement.start - lo,
        disagreement.end - lo,
        tuple(m for m in material.first if marks_unit(m, unit)),
        tuple(m for m in material.second if marks_unit(m, unit)),
    )

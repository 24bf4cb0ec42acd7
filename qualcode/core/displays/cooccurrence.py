"""Code co-occurrence by passage: how often the same stretch of text carries two codes."""

from __future__ import annotations

from collections import defaultdict
from itertools import groupby

from qualcode.core.analysis.facts import NO_VALUE, code_label, load, orphan_notes
from qualcode.core.codebook.model import Codebook
from qualcode.core.store.analysis import CodingFact
from qualcode.core.store.db import Store
from qualcode.core.table import Cell, Column, Row, Table
from qualcode.i18n import t
from qualcode.settings import ProjectSettings

Pair = tuple[str, str]


def passages(facts: list[CodingFact], code_of: dict[int, str]) -> dict[Pair, tuple[set, set]]:
    """For each pair of different codes: the passages coded with both, and the codings behind.

    A passage is the overlap of two codings in one source (same source, overlapping spans),
    identified by (source, start, end); overlaps that are the same stretch count once.
    """
    found: dict[Pair, tuple[set, set]] = defaultdict(lambda: (set(), set()))
    ordered = sorted(facts, key=lambda f: (f.source_id, f.start, f.end, f.id))
    for _source, group in groupby(ordered, key=lambda f: f.source_id):
        spans = list(group)
        for i, a in enumerate(spans):
            for b in spans[i + 1 :]:
                if b.start >= a.end:
                    break
                x, y = code_of[a.id], code_of[b.id]
                if x == y:
                    continue
                regions, codings = found[(x, y) if x < y else (y, x)]
                regions.add((a.source_id, b.start, min(a.end, b.end)))
                codings.update((a.id, b.id))
    return found


def build(
    store: Store, codebook: Codebook, settings: ProjectSettings, *, level: str = "dimension"
) -> Table:
    """A symmetric code × code matrix of passage counts (dimensions, or dimensions + indicators)."""
    analysis = load(store, codebook, settings)
    analysis.require_codings()
    facts = list(analysis.findings)
    if level == "dimension":
        code_of = {f.id: analysis.dimension_of[f.code_id] for f in facts}
        codes = [d.id for d in codebook.dimensions]
    else:
        code_of = {f.id: f.code_id for f in facts}
        used = set(code_of.values())
        codes = [
            c.id
            for c in codebook.all_codes()
            if c.kind in ("dimension", "indicator") and c.id in used
        ]
    found = passages(facts, code_of)
    rows = []
    for x in codes:
        cells = [Cell(code_label(codebook, x), style="strong")]
        for y in codes:
            if x == y:
                cells.append(Cell(NO_VALUE, style="muted"))
                continue
            regions, codings = found.get((x, y) if x < y else (y, x), (set(), set()))
            n = len(regions)
            cells.append(Cell(str(n), tuple(sorted(codings)), float(n), "" if n else "muted"))
        rows.append(Row(x, tuple(cells)))
    # keys: displays.note_cooccurrence_{dimension,indicator}
    return Table(
        kind="cooccurrence",
        title=t("displays.title_cooccurrence"),
        columns=(
            Column("code", t("displays.col_code")),
            *(Column(c, code_label(codebook, c), numeric=True) for c in codes),
        ),
        rows=tuple(rows),
        notes=(t(f"displays.note_cooccurrence_{level}"), *orphan_notes(analysis)),
        landscape=len(codes) > 6,
        options={"level": level},
    )

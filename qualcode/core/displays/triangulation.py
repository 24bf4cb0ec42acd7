"""Triangulation: does each dimension's evidence point the same way across techniques
(wawancara / observasi / dokumentasi) or across informant groups (aparatur / masyarakat)?"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable

from qualcode.core.analysis.facts import (
    DIRECTIONAL,
    MARKS,
    NO_VALUE,
    code_label,
    direction,
    direction_label,
    group_label,
    group_rank,
    load,
    orphan_notes,
    tally,
    technique_label,
)
from qualcode.core.codebook.model import Codebook
from qualcode.core.displays.factors import entry, ranked
from qualcode.core.records import TECHNIQUES
from qualcode.core.store.analysis import CodingFact
from qualcode.core.store.db import Store
from qualcode.core.table import Cell, Column, Row, Table
from qualcode.i18n import t
from qualcode.settings import ProjectSettings

SHOWN_PER_POLARITY = 2  # the most widely shared statements of each direction a cell names
STATUS_STYLE = {"agree": "agree", "conflict": "conflict", "single": "muted", "none": "muted"}


def status(directions: Iterable[str]) -> str:
    """Agreement of the directions of the parts that have evidence: agree, conflict, single, none.

    A part whose evidence is balanced ("seimbang") counts as a direction of its own, so it
    agrees only with another balanced part.
    """
    found = [d for d in directions if d]
    if not found:
        return "none"
    if len(found) == 1:
        return "single"
    return "agree" if len(set(found)) == 1 else "conflict"


def split(
    facts: Iterable[CodingFact], part: Callable[[CodingFact], str]
) -> dict[str, list[CodingFact]]:
    """Directional codings (pendukung / penghambat) per part (technique or group)."""
    parts: dict[str, list[CodingFact]] = defaultdict(list)
    for fact in facts:
        if fact.polarity in DIRECTIONAL:
            parts[part(fact)].append(fact)
    return parts


def technique_status(facts: Iterable[CodingFact]) -> str:
    """Agreement across techniques of some codings (what the conclusions table shows)."""
    parts = split(facts, lambda f: f.technique)
    return status(_direction(parts[p]) for p in TECHNIQUES if p in parts)


def status_label(key: str, by: str) -> str:
    """The shown name of a status; 'single' names the technique or group."""
    # keys: displays.status_single_{technique,group} displays.status_{agree,conflict,none}
    return t(f"displays.status_{key}_{by}") if key == "single" else t(f"displays.status_{key}")


def _direction(facts: list[CodingFact]) -> str:
    counts = tally(facts)
    return direction(counts["pendukung"], counts["penghambat"])


def build(
    store: Store, codebook: Codebook, settings: ProjectSettings, *, by: str = "technique"
) -> Table:
    """Rows are dimensions; columns are techniques (or groups), then whether they agree.

    A cell says what that technique (or group) shows: its leaning, its most widely shared
    statements of each polarity with who made them, and how many quotes of each polarity (netral
    too) stand behind it. The last column states the agreement in words.
    """
    analysis = load(store, codebook, settings)
    analysis.require_codings()
    if by == "technique":
        parts = list(TECHNIQUES)
        labels = [technique_label(p) for p in parts]
        key_of: Callable[[CodingFact], str] = lambda f: f.technique  # noqa: E731
        facts = list(analysis.findings)
    else:
        facts = [f for f in analysis.findings if f.informant]
        found = {f.group for f in facts} | {"aparatur", "masyarakat"}
        parts = sorted(found, key=group_rank)
        labels = [group_label(p) for p in parts]
        key_of = lambda f: f.group  # noqa: E731
    per_dimension: dict[str, list[CodingFact]] = defaultdict(list)
    for fact in facts:
        per_dimension[analysis.dimension_of[fact.code_id]].append(fact)
    rows = []
    for dimension in codebook.dimensions:
        every: dict[str, list[CodingFact]] = defaultdict(list)
        for fact in per_dimension.get(dimension.id, []):
            every[key_of(fact)].append(fact)
        cells = [Cell(code_label(codebook, dimension.id), style="strong")]
        directions = []
        for part in parts:
            chunk = every.get(part, [])
            counts = tally(chunk)
            way = direction(counts["pendukung"], counts["penghambat"])
            directions.append(way)
            style = {"pendukung": "pendukung", "penghambat": "penghambat"}.get(way, "muted")
            text = (
                said(chunk, way, by == "technique" and part != "wawancara") if chunk else NO_VALUE
            )
            cells.append(Cell(text, tuple(f.id for f in chunk), float(len(chunk)), style))
        key = status(directions)
        all_ids = tuple(sorted(f.id for chunk in every.values() for f in chunk))
        reading = explain(key, by, labels, directions)
        cells.append(Cell(reading, all_ids, style=STATUS_STYLE[key]))
        rows.append(Row(dimension.id, tuple(cells)))
    # keys: displays.note_triangulation_{technique,group}
    notes = [t(f"displays.note_triangulation_{by}", shown=SHOWN_PER_POLARITY)]
    notes += orphan_notes(analysis)
    # keys: displays.title_triangulation_{technique,group}
    title = t(f"displays.title_triangulation_{by}")
    return Table(
        kind="triangulation",
        title=title,
        columns=(
            Column("dimension", t("displays.col_dimension")),
            *(Column(p or "none", label) for p, label in zip(parts, labels, strict=True)),
            Column("status", t("displays.col_status")),
        ),
        rows=tuple(rows),
        notes=tuple(notes),
        # Statements side by side read on a turned page (and both triangulations share it).
        landscape=True,
        options={"by": by},
    )


def said(facts: list[CodingFact], way: str, technique_only: bool = False) -> str:
    """What some codings say: their leaning, the most widely shared supporting and inhibiting
    statements (with who made them, unless ``technique_only`` codings of one observation or
    document source), and how many quotes of each polarity (netral too) there are."""
    lines = [t("displays.leaning", direction=direction_label(way)) if way else ""]
    for polarity in DIRECTIONAL:
        chosen = [f for f in facts if f.polarity == polarity]
        for merged, cited in ranked(chosen)[:SHOWN_PER_POLARITY]:
            # Observation's and documents' own columns need not cite "(Obs)" on every line.
            own = not any(f.informant for f in merged.items) and len(cited) == 1
            text = merged.text if own and technique_only else entry(merged, cited)
            lines.append(f"{MARKS[polarity]} {text}")
    counts = tally(facts)
    lines.append(
        t(
            "displays.quote_counts",
            pendukung=counts["pendukung"],
            penghambat=counts["penghambat"],
            netral=counts["netral"],
        )
    )
    return "\n".join(line for line in lines if line)


def explain(key: str, by: str, labels: list[str], directions: list[str]) -> str:
    """The agreement in words: "sesuai: wawancara dan observasi sama-sama cenderung penghambat"."""
    found = [(label.lower(), way) for label, way in zip(labels, directions, strict=True) if way]
    head = status_label(key, by)
    if key == "none":
        return head
    if key == "agree":
        names = _join([name for name, _way in found])
        return t("displays.reading_agree", status=head, parts=names, direction=found[0][1])
    each = "; ".join(
        t("displays.reading_part", part=name, direction=direction_label(way)) for name, way in found
    )
    return f"{head}: {each}"


def _join(names: list[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return t("displays.join_and", first=", ".join(names[:-1]), last=names[-1])

"""The indicator checklist: evidence for and against every indicator (in informants and in
codings), a proposed verdict from the balance, the researcher's own verdict, and the tally of the
researcher's verdicts ("18 dari 25 indikator berkualitas") naming the indicators."""

from __future__ import annotations

from collections import defaultdict

from qualcode.core.analysis.facts import NO_VALUE, code_label, load, orphan_notes, speakers
from qualcode.core.codebook.model import Codebook
from qualcode.core.store.analysis import CodingFact, indicator_verdicts
from qualcode.core.store.db import Store
from qualcode.core.table import Cell, Column, Row, Table
from qualcode.i18n import t
from qualcode.settings import ProjectSettings


def propose(pendukung: int, penghambat: int, scale: tuple[str, ...]) -> str:
    """The verdict the balance suggests: the scale's first when pendukung > penghambat, its last
    when penghambat ≥ pendukung and there is some, '' when there is no directional evidence."""
    if pendukung > penghambat:
        return scale[0]
    if penghambat:
        return scale[-1]
    return ""


def build(store: Store, codebook: Codebook, settings: ProjectSettings) -> Table:
    """Every indicator, with or without evidence (an empty project shows the skeleton).

    The tally counts the researcher's verdicts only and names the indicators under each verdict
    and those still undecided; the proposal from the balance of evidence is a draft column (the
    workbench shows it, a thesis table leaves it out).
    """
    analysis = load(store, codebook, settings)
    scale = codebook.indicator_verdicts
    decided = indicator_verdicts(store)
    evidence: dict[tuple[str, str], list[CodingFact]] = defaultdict(list)
    dimension_level = 0
    for fact in analysis.findings:
        if codebook.code(fact.code_id).kind == "indicator":
            evidence[(fact.code_id, fact.polarity)].append(fact)
        else:
            dimension_level += 1
    rows = []
    by_verdict: dict[str, list[str]] = {verdict: [] for verdict in scale}
    undecided: list[str] = []
    total = 0
    for dimension in codebook.dimensions:
        dim_label = code_label(codebook, dimension.id)
        for indicator in codebook.indicators(dimension.id):
            total += 1
            label = code_label(codebook, indicator.id)
            pro = evidence.get((indicator.id, "pendukung"), [])
            con = evidence.get((indicator.id, "penghambat"), [])
            proposal = propose(len(pro), len(con), scale)
            verdict = decided.get(indicator.id)
            chosen = verdict.verdict if verdict and verdict.verdict in scale else ""
            (by_verdict[chosen] if chosen else undecided).append(label)
            codings = tuple(sorted(f.id for f in pro + con))
            cells = (
                Cell(dim_label),
                Cell(label),
                _informants(pro, "pendukung"),
                _count(pro, "pendukung"),
                _informants(con, "penghambat"),
                _count(con, "penghambat"),
                Cell(proposal or NO_VALUE, codings, style=_verdict_style(proposal, scale)),
                _decision(chosen, verdict.note if verdict else "", codings, scale),
            )
            rows.append(Row(indicator.id, cells, dim_label))
    notes = [
        t("displays.note_tally", good=len(by_verdict[scale[0]]), total=total, verdict=scale[0])
    ]
    for value, names in by_verdict.items():
        if names:
            notes.append(t("displays.note_tally_named", verdict=value, names=", ".join(names)))
    if undecided:
        notes.append(
            t("displays.note_tally_undecided", count=len(undecided), names=", ".join(undecided))
        )
    notes.append(t("displays.note_indicator_units"))
    if dimension_level:
        notes.append(t("displays.note_dimension_level", count=dimension_level))
    notes += orphan_notes(analysis)
    pro_head, con_head = t("displays.polarity_pendukung"), t("displays.polarity_penghambat")
    return Table(
        kind="indicators",
        title=t("displays.title_indicators"),
        columns=(
            Column("dimension", t("displays.col_dimension")),
            Column("indicator", t("displays.col_indicator")),
            Column("pendukung_informants", t("displays.col_n_informants"), pro_head, True),
            Column("pendukung", t("displays.col_n_codings"), pro_head, True),
            Column("penghambat_informants", t("displays.col_n_informants"), con_head, True),
            Column("penghambat", t("displays.col_n_codings"), con_head, True),
            Column("proposal", t("displays.col_proposal"), draft=True),
            Column("verdict", t("displays.col_researcher_verdict")),
        ),
        rows=tuple(rows),
        notes=tuple(notes),
    )


def _informants(facts: list[CodingFact], style: str) -> Cell:
    """How many informants (or observation / document sources) gave this evidence."""
    who = speakers(facts)
    ids = tuple(fact.id for fact in facts)
    return Cell(str(len(who)), ids, value=float(len(who)), style=style if who else "muted")


def _count(facts: list[CodingFact], style: str) -> Cell:
    ids = tuple(fact.id for fact in facts)
    return Cell(str(len(facts)), ids, value=float(len(facts)), style=style if facts else "muted")


def _verdict_style(verdict: str, scale: tuple[str, ...]) -> str:
    if not verdict:
        return "muted"
    return "verdict-good" if verdict == scale[0] else "verdict-bad"


def _decision(chosen: str, note: str, codings: tuple[int, ...], scale: tuple[str, ...]) -> Cell:
    if not chosen:
        return Cell(NO_VALUE, codings, style="muted")
    text = f"{chosen}\n({note})" if note else chosen
    return Cell(text, codings, style=_verdict_style(chosen, scale))

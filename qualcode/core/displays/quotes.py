"""The quote table: one row per coding — the quote, who said it, where it sits in the codebook."""

from __future__ import annotations

from collections import defaultdict

from qualcode.core.analysis.facts import (
    NO_VALUE,
    Analysis,
    code_label,
    group_label,
    load,
    path_label,
    polarity_label,
    speaker,
    speaker_key,
    technique_label,
)
from qualcode.core.codebook.model import EFFORT_CATEGORY_ID, Codebook
from qualcode.core.records import POLARITIES
from qualcode.core.store.analysis import CodingFact, coding_quotes
from qualcode.core.store.db import Store
from qualcode.core.table import Cell, Column, Row, Table
from qualcode.errors import DisplayError
from qualcode.i18n import t
from qualcode.settings import ProjectSettings

_NON_INFORMANT = {
    "obs": "observasi",
    "observasi": "observasi",
    "dok": "dokumentasi",
    "dokumentasi": "dokumentasi",
}


def build(
    store: Store,
    codebook: Codebook,
    settings: ProjectSettings,
    *,
    code: str | None = None,
    informant: str | None = None,
    polarity: str | None = None,
    only: frozenset[int] | None = None,
) -> Table:
    """Every coding (filtered by code and its children, informant, polarity, or to ``only``
    these coding ids), ordered by dimension, informant and position; efforts after the
    dimensions, unknown codes last."""
    analysis = load(store, codebook, settings)
    analysis.require_codings()
    keep = _filter(analysis, code, informant, polarity)
    order = {d.id: i for i, d in enumerate(codebook.dimensions)}
    rank_of: dict[str, int] = {}
    for known in codebook.all_codes():
        section = 1 if known.kind.startswith("effort") else 0
        dim = order.get(analysis.dimension_of.get(known.id, ""), len(order))
        rank_of[known.id] = section * 10_000 + dim
    facts = [f for f in analysis.facts if keep(f)] if keep is not None else analysis.facts
    if only is not None:
        facts = [f for f in facts if f.id in only]
    # Order: code section and dimension (buckets), then who said it (informant by number,
    # observation, documents: one rank per source), then position. Facts arrive ordered by
    # source and position, so a stable sort on the source's rank finishes each bucket.
    first = {f.source_id: f for f in reversed(facts)}
    ranked_sources = sorted(first, key=lambda s: (speaker_key(first[s]), first[s].source_name, s))
    source_rank = {source: n for n, source in enumerate(ranked_sources)}
    buckets: dict[int, list[CodingFact]] = defaultdict(list)
    for fact in facts:
        buckets[rank_of.get(fact.code_id, 20_000)].append(fact)
    ordered = []
    for rank in sorted(buckets):
        bucket = buckets[rank]
        bucket.sort(key=lambda f: source_rank[f.source_id])
        ordered.append((rank // 10_000, bucket))
    rows = _rows(analysis, ordered, coding_quotes(store))
    options = {
        k: v for k, v in (("code", code), ("informant", informant), ("polarity", polarity)) if v
    }
    notes = []
    if not rows:
        shown = ", ".join(f"{k}={v}" for k, v in options.items())
        notes.append(t("displays.note_no_quotes", filters=shown))
    return Table(
        kind="quotes",
        title=t("displays.title_quotes"),
        columns=(
            Column("quote", t("displays.col_quote")),
            Column("informant", t("displays.col_informant")),
            Column("role", t("displays.col_role")),
            Column("group", t("displays.col_group")),
            Column("technique", t("displays.col_technique")),
            Column("code", t("displays.col_code")),
            Column("polarity", t("displays.col_polarity")),
            Column("summary", t("displays.col_summary")),
        ),
        rows=rows,
        notes=tuple(notes),
        landscape=True,
        options=options,
    )


def _filter(analysis: Analysis, code: str | None, informant: str | None, polarity: str | None):
    codebook = analysis.codebook
    if code is not None and not codebook.has(code):
        close = ", ".join(codebook.close_matches(code)) or NO_VALUE
        raise DisplayError(
            t("displays.unknown_code", code=code), t("displays.close_codes", codes=close)
        )
    if polarity is not None and polarity not in POLARITIES:
        raise DisplayError(
            t("displays.bad_polarity", value=polarity),
            t("displays.choices", choices=", ".join(POLARITIES)),
        )
    technique = None
    if informant is not None:
        technique = _NON_INFORMANT.get(informant.casefold())
        known = {c.casefold(): c for c, *_ in analysis.informant_codes}
        if technique is None and informant.casefold() not in known:
            raise DisplayError(
                t("displays.unknown_informant", code=informant),
                t("displays.known_informants", codes=", ".join(known.values()) or NO_VALUE),
            )
        informant = known.get(informant.casefold())

    if code is None and informant is None and polarity is None and technique is None:
        return None

    def keep(fact: CodingFact) -> bool:
        if polarity is not None and fact.polarity != polarity:
            return False
        if code is not None and fact.code_id != code:
            if not codebook.has(fact.code_id) or codebook.code(fact.code_id).parent != code:
                return False
        if technique is not None:
            return not fact.informant and fact.technique == technique
        return informant is None or fact.informant == informant

    return keep


def _rows(
    analysis: Analysis,
    buckets: list[tuple[int, list[CodingFact]]],
    quotes: dict[int, str],
) -> tuple[Row, ...]:
    """Build the rows; labels are looked up once per source and per code, not per row."""
    codebook = analysis.codebook
    sections = {
        1: code_label(codebook, EFFORT_CATEGORY_ID),
        2: t("displays.group_unknown_codes"),
    }
    labels: dict[str, tuple[str, str]] = {}  # code id → (path label, row group)
    heads: dict[int, tuple[str, str, str, str]] = {}  # source id → its four label cells' text
    polarities = {p: polarity_label(p) for p in POLARITIES}
    rows = []
    append = rows.append
    for section, facts in buckets:
        for fact in facts:
            head = heads.get(fact.source_id)
            if head is None:
                head = heads[fact.source_id] = (
                    speaker(fact),
                    fact.role or NO_VALUE,
                    group_label(fact.group) if fact.informant else NO_VALUE,
                    technique_label(fact.technique),
                )
            label = labels.get(fact.code_id)
            if label is None:
                label = labels[fact.code_id] = _code_labels(
                    analysis, fact.code_id, section, sections
                )
            ids = (fact.id,)
            quote = quotes.get(fact.id, "")
            summary = fact.summary
            cells = (
                Cell(" ".join(quote.split()) if "\n" in quote else quote, ids),
                Cell(head[0], ids),
                Cell(head[1], ids),
                Cell(head[2], ids),
                Cell(head[3], ids),
                Cell(label[0], ids),
                Cell(polarities.get(fact.polarity, fact.polarity), ids, style=fact.polarity),
                Cell((" ".join(summary.split()) if "\n" in summary else summary) or NO_VALUE, ids),
            )
            append(Row(fact.uid, cells, label[1]))
    return tuple(rows)


def _code_labels(
    analysis: Analysis, code_id: str, section: int, sections: dict[int, str]
) -> tuple[str, str]:
    codebook = analysis.codebook
    if section == 0:
        return path_label(codebook, code_id), code_label(codebook, analysis.dimension_of[code_id])
    if section == 1:
        return path_label(codebook, code_id), sections[1]
    return code_id, sections[2]

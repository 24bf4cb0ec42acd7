"""The research informants: who was interviewed, in which role, group and category, and when."""

from __future__ import annotations

from collections import defaultdict

from qualcode.core.analysis.facts import (
    NO_VALUE,
    category_rank,
    code_number,
    group_label,
    group_rank,
    technique_label,
)
from qualcode.core.codebook.model import Codebook
from qualcode.core.records import TECHNIQUES
from qualcode.core.store import sources as source_repo
from qualcode.core.store.db import Store
from qualcode.core.table import Cell, Column, Row, Table
from qualcode.i18n import has, t
from qualcode.settings import ProjectSettings


def long_date(iso: str) -> str:
    """A stored ISO date as a thesis writes it: "2026-03-23" → "23 Maret 2026" ('' stays '')."""
    parts = iso.split("-") if iso else []
    if len(parts) != 3 or not all(p.isdigit() for p in parts):
        return iso
    months = t("displays.month_names").split(",")
    year, month, day = (int(p) for p in parts)
    if not 1 <= month <= len(months):
        return iso
    return f"{day} {months[month - 1].strip()} {year}"


def category_label(category: str) -> str:
    """The shown name of an informant category (kunci → Informan kunci); '' → '—'."""
    # keys: displays.category_{kunci,utama,pendukung}?
    key = f"displays.category_{category}"
    if category and has(key):
        return t(key)
    return category.capitalize() if category else NO_VALUE


def build(store: Store, codebook: Codebook, settings: ProjectSettings) -> Table:
    """One row per informant (aparatur first, key informants first), with their sources'
    techniques and dates; observation and documents are named in a note."""
    informants = sorted(
        source_repo.informants(store),
        key=lambda i: (group_rank(i.group), category_rank(i.category), code_number(i.code)),
    )
    techniques: dict[int, set[str]] = defaultdict(set)
    dates: dict[int, set[str]] = defaultdict(set)
    others: dict[str, int] = defaultdict(int)
    for source in source_repo.sources(store, with_text=False):
        if source.informant_id is None:
            others[source.technique] += 1
            continue
        techniques[source.informant_id].add(source.technique)
        if source.date:
            dates[source.informant_id].add(source.date)
    rows = []
    for number, informant in enumerate(informants, start=1):
        used = sorted(techniques[informant.id], key=_technique_order)
        cells = (
            Cell(str(number), value=float(number)),
            Cell(informant.code, style="strong"),
            Cell(informant.role or NO_VALUE),
            Cell(group_label(informant.group) if informant.group else NO_VALUE),
            Cell(category_label(informant.category)),
            Cell(", ".join(technique_label(x) for x in used) or NO_VALUE),
            Cell(", ".join(long_date(d) for d in sorted(dates[informant.id])) or NO_VALUE),
        )
        rows.append(Row(informant.code, cells))
    notes = []
    if others:
        listed = ", ".join(
            f"{technique_label(x)} ({others[x]})" for x in sorted(others, key=_technique_order)
        )
        notes.append(t("displays.note_informants_other_sources", sources=listed))
    return Table(
        kind="informants",
        title=t("displays.title_informants"),
        columns=(
            Column("number", t("displays.col_number"), numeric=True),
            Column("code", t("displays.col_informant_code")),
            Column("role", t("displays.col_role")),
            Column("group", t("displays.col_group")),
            Column("category", t("displays.col_category")),
            Column("technique", t("displays.col_technique")),
            Column("date", t("displays.col_date")),
        ),
        rows=tuple(rows),
        notes=tuple(notes),
    )


def _technique_order(technique: str) -> tuple[int, str]:
    known = technique in TECHNIQUES
    return (TECHNIQUES.index(technique) if known else len(TECHNIQUES), technique)

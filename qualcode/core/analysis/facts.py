"""What every display shares: the loaded analysis (codings + codebook), ordering rules, labels."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from qualcode.core.analysis.statements import Accepted
from qualcode.core.codebook.model import Codebook
from qualcode.core.records import CATEGORIES, GROUPS, TECHNIQUES
from qualcode.core.store import merges_sql
from qualcode.core.store import sources as source_repo
from qualcode.core.store.analysis import CodingFact, coding_facts, uninformed_techniques
from qualcode.core.store.db import Store
from qualcode.errors import DisplayError
from qualcode.i18n import get_language, t
from qualcode.settings import ProjectSettings

MARKS = {"pendukung": "+", "penghambat": "−", "netral": "·"}
DIRECTIONAL = ("pendukung", "penghambat")
MIXED = "seimbang"
NO_VALUE = "—"


@dataclass(frozen=True, slots=True)
class Analysis:
    """Everything a display reads, loaded once: the codebook, settings and every coding.

    ``findings`` are codings on a dimension or an indicator (the evidence of a dimension),
    ``efforts`` codings on an ``upaya.<dimension>`` code, ``orphans`` codings whose code the
    codebook no longer defines. ``dimension_of`` maps every dimension, indicator and effort id to
    its dimension id; ``by_dimension`` holds the findings of each dimension; ``merges`` the
    student's accepted merges of statements.
    """

    codebook: Codebook
    settings: ProjectSettings
    facts: tuple[CodingFact, ...]
    findings: tuple[CodingFact, ...]
    efforts: tuple[CodingFact, ...]
    orphans: tuple[CodingFact, ...]
    dimension_of: dict[str, str]
    by_dimension: dict[str, tuple[CodingFact, ...]]
    informant_codes: tuple[tuple[str, str, str, str], ...]
    uninformed: frozenset[str]
    merges: tuple[Accepted, ...] = ()

    def require_codings(self) -> None:
        """Raise the 'code your data first' DisplayError when the project has no codings."""
        if not self.facts:
            raise DisplayError(t("displays.no_codings"), t("displays.no_codings_hint"))


def load(store: Store, codebook: Codebook, settings: ProjectSettings) -> Analysis:
    """The analysis of a store: reused from the store's cache while nothing changed, else read.

    The TUI switching displays and an export of every table read the codings once, not ten
    times. A change is any commit to the store (see :meth:`ProjectCache.revision`).
    """
    key = (store.cache.revision(), codebook, settings)
    return store.cache.get("analysis", key, lambda: read(store, codebook, settings))


def read(store: Store, codebook: Codebook, settings: ProjectSettings) -> Analysis:
    """Read every coding and sort it by what its code means (findings, efforts, orphans)."""
    facts = tuple(coding_facts(store))
    dimension_of: dict[str, str] = {}
    kinds: dict[str, str] = {}
    for code in codebook.all_codes():
        kinds[code.id] = code.kind
        if code.kind == "dimension":
            dimension_of[code.id] = code.id
        elif code.kind == "indicator":
            dimension_of[code.id] = code.parent or ""
        elif code.kind == "effort":
            dimension_of[code.id] = code.addresses or ""
    findings, efforts, orphans = [], [], []
    by_dimension: dict[str, list[CodingFact]] = {d.id: [] for d in codebook.dimensions}
    for fact in facts:
        kind = kinds.get(fact.code_id)
        if kind in ("dimension", "indicator"):
            findings.append(fact)
            by_dimension[dimension_of[fact.code_id]].append(fact)
        elif kind in ("effort", "effort_category"):
            efforts.append(fact)
        else:
            orphans.append(fact)
    informants = tuple((i.code, i.role, i.group, i.category) for i in source_repo.informants(store))
    return Analysis(
        codebook=codebook,
        settings=settings,
        facts=facts,
        findings=tuple(findings),
        efforts=tuple(efforts),
        orphans=tuple(orphans),
        dimension_of=dimension_of,
        by_dimension={k: tuple(v) for k, v in by_dimension.items()},
        informant_codes=informants,
        uninformed=frozenset(uninformed_techniques(store)),
        merges=tuple(
            Accepted(m.uid, m.text, frozenset(m.members))
            for m in merges_sql.list_merges(store, "accepted")
        ),
    )


# -- ordering ---------------------------------------------------------------------------------
@lru_cache(maxsize=4096)
def code_number(code: str) -> tuple[int, str]:
    """Sort key of an informant code: I2 before I10."""
    digits = "".join(ch for ch in code if ch.isdigit())
    return (int(digits) if digits else 10_000, code)


def group_rank(group: str) -> tuple[int, str]:
    """Sort key of an informant group: aparatur, masyarakat, others by name, none last."""
    if group in GROUPS:
        return (GROUPS.index(group), group)
    return (len(GROUPS), group) if group else (len(GROUPS) + 1, "")


def category_rank(category: str) -> int:
    """Sort key of an informant category: kunci, utama, pendukung, then anything else."""
    return CATEGORIES.index(category) if category in CATEGORIES else len(CATEGORIES)


def speaker_key(fact: CodingFact) -> tuple[int, int, str]:
    """Sort key of who a coding comes from: informants by number, then observation, documents."""
    return _who(fact.informant, fact.technique, fact.source_name, get_language())[1]


def _technique_rank(technique: str) -> int:
    known = technique in TECHNIQUES
    return TECHNIQUES.index(technique) if known else len(TECHNIQUES)


# -- labels -------------------------------------------------------------------------------------
def group_label(group: str) -> str:
    """The shown name of an informant group ('' → 'Tanpa kelompok')."""
    if group in GROUPS:
        # keys: displays.group_{GROUPS}
        return t(f"displays.group_{group}")
    return group.capitalize() if group else t("displays.group_none")


def technique_label(technique: str) -> str:
    """The shown name of a data-collection technique."""
    # keys: displays.technique_{TECHNIQUES}
    return t(f"displays.technique_{technique}") if technique in TECHNIQUES else technique


def polarity_label(polarity: str) -> str:
    """The shown name of a polarity (Pendukung / Penghambat / Netral)."""
    # keys: displays.polarity_{pendukung,penghambat,netral}
    return t(f"displays.polarity_{polarity}")


def speaker(fact: CodingFact) -> str:
    """Who a coding comes from, as cited in a cell: 'I2', 'Obs', 'Dok' (or the source's name)."""
    return _who(fact.informant, fact.technique, fact.source_name, get_language())[0]


def speakers(facts: Iterable[CodingFact]) -> list[str]:
    """Distinct speakers of some codings, ordered by informant number, then Obs, Dok."""
    return cite(facts)[0]


def cite(facts: Iterable[CodingFact]) -> tuple[list[str], tuple[int, int, str]]:
    """Distinct speakers of some codings in citation order, and the sort key of the first."""
    lang = get_language()
    keys: dict[str, tuple[int, int, str]] = {}
    for who in {(f.informant, f.technique, f.source_name) for f in facts}:
        label, key = _who(*who, lang)
        if label not in keys or key < keys[label]:
            keys[label] = key
    labels = sorted(keys, key=keys.__getitem__)
    return labels, (keys[labels[0]] if labels else (2, 0, ""))


@lru_cache(maxsize=8192)
def _who(informant: str, technique: str, source_name: str, lang: str) -> tuple[str, tuple]:
    """Label and sort key of a speaker (memoised: displays cite the same few thousand times)."""
    if informant:
        number, code = code_number(informant)
        return informant, (0, number, code)
    key = (1, _technique_rank(technique), source_name)
    if technique in ("observasi", "dokumentasi"):
        # keys: displays.cite_{observasi,dokumentasi}
        return t(f"displays.cite_{technique}", lang=lang), key
    return source_name, key


def statement(fact: CodingFact) -> str:
    """A coding's condensed statement: its summary, else its quote (shortened, in quotes)."""
    text = fact.summary
    if text and not text.isspace():
        return text if "  " not in text and "\n" not in text else " ".join(text.split())
    quote = " ".join(fact.bare_quote.split())
    return f"“{quote[:77]}…”" if len(quote) > 80 else f"“{quote}”"


# -- counting -----------------------------------------------------------------------------------
def tally(facts: Iterable[CodingFact]) -> dict[str, int]:
    """Count codings per polarity."""
    counts = {"pendukung": 0, "penghambat": 0, "netral": 0}
    for fact in facts:
        counts[fact.polarity] = counts.get(fact.polarity, 0) + 1
    return counts


def count_text(pendukung: int, penghambat: int, netral: int = 0) -> str:
    """Counts as a cell shows them: '3+ 1−' (zeros left out; '' when there is nothing)."""
    parts = [
        f"{n}{MARKS[p]}"
        for p, n in (("pendukung", pendukung), ("penghambat", penghambat), ("netral", netral))
        if n
    ]
    return " ".join(parts)


def direction(pendukung: int, penghambat: int) -> str:
    """The dominant direction of evidence: pendukung, penghambat, seimbang, or '' when none."""
    if pendukung > penghambat:
        return "pendukung"
    if penghambat > pendukung:
        return "penghambat"
    return MIXED if pendukung else ""


def direction_label(value: str) -> str:
    """The shown name of a direction ('' → '—')."""
    # keys: displays.direction_{pendukung,penghambat,seimbang}
    return t(f"displays.direction_{value}") if value else NO_VALUE


def orphan_notes(analysis: Analysis) -> list[str]:
    """A note naming codings whose code the codebook no longer defines (they are left out)."""
    if not analysis.orphans:
        return []
    codes = sorted({fact.code_id for fact in analysis.orphans})
    return [t("displays.note_orphans", count=len(analysis.orphans), codes=", ".join(codes))]


def ids(facts: Iterable[CodingFact]) -> tuple[int, ...]:
    """The coding ids behind a cell, in reading order."""
    return tuple(fact.id for fact in facts)


def code_label(codebook: Codebook, code_id: str) -> str:
    """A code's label in the active language."""
    return codebook.code(code_id).display_label(get_language())


def path_label(codebook: Codebook, code_id: str) -> str:
    """A code's place in the tree ('Dimensi › Indikator') in the active language."""
    return codebook.path_label(code_id, get_language())


def cell_style(counts: dict[str, int]) -> str:
    """The semantic style of a cell from its polarity counts (conflict when both directions)."""
    p, h, n = counts["pendukung"], counts["penghambat"], counts["netral"]
    if p and h:
        return "conflict"
    if p:
        return "pendukung"
    if h:
        return "penghambat"
    return "netral" if n else ""

"""Conclusion drawing and verification: a verdict, statement and evidence per dimension, the
researcher's indicator verdicts, and the verification flags computed from the store.

Directions. A verdict's place on the codebook's ``verdict_scale`` gives its direction: the first
half of the scale is the pendukung direction (baik), the second half penghambat (kurang baik),
the exact middle of an odd scale is mixed (cukup baik).

Contrary evidence (share = ``settings.contrary_share``, default 0.3), over the evidence's
pendukung + penghambat codings (netral ones have no direction):

* pendukung-direction verdict: flagged when penghambat / (pendukung + penghambat) > share;
* penghambat-direction verdict: flagged when pendukung / (pendukung + penghambat) > share;
* mixed verdict: flagged when either side exceeds 1 - share — the evidence is one-sided, so
  "cukup baik" may understate or overstate it.

The proposed verdict is the one these rules never flag: the first of the scale when the
penghambat share ≤ share, the last when the pendukung share ≤ share, else the middle.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from qualcode.core.analysis.facts import (
    DIRECTIONAL,
    Analysis,
    code_label,
    group_label,
    load,
    technique_label,
)
from qualcode.core.codebook.model import Codebook
from qualcode.core.records import Conclusion
from qualcode.core.store import analysis as repo
from qualcode.core.store.analysis import CodingFact
from qualcode.errors import DisplayError
from qualcode.i18n import t

if TYPE_CHECKING:
    from qualcode.core.project import Project

FLAG_IDS = (
    "evidence_missing",
    "no_evidence",
    "verdict_missing",
    "one_informant",
    "one_group",
    "one_technique",
    "contrary",
)


@dataclass(frozen=True, slots=True)
class Flag:
    """A verification warning: a stable id (one of FLAG_IDS) and its message."""

    id: str
    message: str


# -- reading ------------------------------------------------------------------------------------
def get_conclusions(project: Project) -> list[Conclusion]:
    """One conclusion per dimension of the codebook, in codebook order (unset ones blank)."""
    rows = repo.conclusion_rows(project.store)
    return [_conclusion(rows.get(d.id), d.id) for d in project.codebook.dimensions]


def get_conclusion(project: Project, dimension_id: str) -> Conclusion:
    """The conclusion of one dimension (blank when unset)."""
    _dimension(project.codebook, dimension_id)
    return _conclusion(repo.conclusion_rows(project.store).get(dimension_id), dimension_id)


def _conclusion(row: Conclusion | None, dimension_id: str) -> Conclusion:
    return Conclusion(dimension_id) if row is None else row


# -- writing ------------------------------------------------------------------------------------
def set_conclusion(
    project,
    dimension_id: str,
    *,
    verdict: str | None = None,
    statement: str | None = None,
    evidence: Sequence[str | int] | None = None,
) -> Conclusion:
    """Set a dimension's verdict, statement and/or evidence (None leaves a part as it is;
    verdict '' clears it; evidence [] means all codings of the dimension). Undoable."""
    codebook = project.codebook
    _dimension(codebook, dimension_id)
    changes: dict[str, object] = {}
    if verdict is not None:
        verdict = _on_scale(verdict, codebook.verdict_scale)
        if verdict and verdict not in codebook.verdict_scale:
            raise DisplayError(
                t("conclusions.bad_verdict", verdict=verdict, dimension=dimension_id),
                t("conclusions.scale", scale=", ".join(codebook.verdict_scale)),
            )
        changes["verdict"] = verdict
    if statement is not None:
        changes["statement"] = statement.strip()
    if evidence is not None:
        changes["evidence"] = _resolve_evidence(project, dimension_id, evidence)
    if changes:
        label = code_label(codebook, dimension_id)
        with project.store.transaction(
            "conclusion.set", t("conclusions.event_set", dimension=label)
        ) as tx:
            repo.put_conclusion(tx, dimension_id, changes, project.user.coder)
    return get_conclusion(project, dimension_id)


def clear_conclusion(project: Project, dimension_id: str) -> bool:
    """Remove a dimension's conclusion (undoable); return whether there was one."""
    label = code_label(project.codebook, _dimension(project.codebook, dimension_id))
    with project.store.transaction(
        "conclusion.clear", t("conclusions.event_clear", dimension=label)
    ) as tx:
        return repo.delete_conclusion(tx, dimension_id)


def set_indicator_verdict(
    project: Project, indicator_id: str, verdict: str, note: str = ""
) -> None:
    """Record the researcher's verdict on an indicator (on the codebook's indicator scale)."""
    codebook = project.codebook
    _indicator(codebook, indicator_id)
    verdict = _on_scale(verdict, codebook.indicator_verdicts)
    if verdict not in codebook.indicator_verdicts:
        raise DisplayError(
            t("conclusions.bad_indicator_verdict", verdict=verdict, indicator=indicator_id),
            t("conclusions.scale", scale=", ".join(codebook.indicator_verdicts)),
        )
    label = code_label(codebook, indicator_id)
    with project.store.transaction(
        "indicator.verdict", t("conclusions.event_indicator", indicator=label, verdict=verdict)
    ) as tx:
        repo.put_indicator_verdict(tx, indicator_id, verdict, note.strip(), project.user.coder)


def clear_indicator_verdict(project: Project, indicator_id: str) -> bool:
    """Remove the researcher's verdict on an indicator (undoable); return whether there was one."""
    _indicator(project.codebook, indicator_id)
    label = code_label(project.codebook, indicator_id)
    with project.store.transaction(
        "indicator.verdict.clear", t("conclusions.event_indicator_clear", indicator=label)
    ) as tx:
        return repo.delete_indicator_verdict(tx, indicator_id)


def _on_scale(verdict: str, scale: Sequence[str]) -> str:
    """The scale's own spelling of a verdict typed in any case and spacing ('Cukup  Baik')."""
    typed = " ".join(verdict.split())
    return {v.casefold(): v for v in scale}.get(typed.casefold(), typed)


def _dimension(codebook: Codebook, dimension_id: str) -> str:
    if not codebook.has(dimension_id):
        raise DisplayError(
            t("conclusions.unknown_dimension", id=dimension_id),
            t("conclusions.dimensions", ids=", ".join(d.id for d in codebook.dimensions)),
        )
    code = codebook.code(dimension_id)
    if code.kind != "dimension":
        raise DisplayError(
            t("conclusions.not_dimension", id=dimension_id),
            t("conclusions.dimensions", ids=", ".join(d.id for d in codebook.dimensions)),
        )
    return dimension_id


def _indicator(codebook: Codebook, indicator_id: str) -> None:
    if not codebook.has(indicator_id) or codebook.code(indicator_id).kind != "indicator":
        close = [
            c for c in codebook.close_matches(indicator_id) if codebook.code(c).kind == "indicator"
        ]
        raise DisplayError(
            t("conclusions.unknown_indicator", id=indicator_id),
            t("conclusions.close", ids=", ".join(close))
            if close
            else t("conclusions.indicator_hint"),
        )


def _resolve_evidence(
    project: Project, dimension_id: str, evidence: Sequence[str | int]
) -> list[str]:
    """Turn coding uids or row ids (ints, or digits typed on a command line) into uids,
    refusing unknown codings and other dimensions' codings."""
    store, codebook = project.store, project.codebook
    typed = [str(e).strip() for e in evidence if str(e).strip()]
    codes = repo.coding_codes_by_uid(store, typed)  # uids as given
    numbers = [int(e) for e in typed if e not in codes and e.isdigit()]
    by_id = repo.coding_uids(store, numbers)
    uids, missing = [], []
    for item in typed:
        uid = item if item in codes else by_id.get(int(item)) if item.isdigit() else None
        if uid is None:
            missing.append(item)
        else:
            uids.append(uid)
    if missing:
        raise DisplayError(
            t("conclusions.unknown_codings", codings=", ".join(missing)),
            t("conclusions.unknown_codings_hint"),
        )
    uids = list(dict.fromkeys(uids))
    codes = repo.coding_codes_by_uid(store, uids)
    for uid in uids:
        code = codes[uid]
        kind = codebook.code(code).kind if codebook.has(code) else ""
        owner = codebook.dimension_of(code).id if kind in ("dimension", "indicator") else ""
        if owner != dimension_id:
            raise DisplayError(
                t("conclusions.foreign_coding", coding=uid, code=code, dimension=dimension_id),
                t("conclusions.foreign_coding_hint"),
            )
    return uids


# -- verification -------------------------------------------------------------------------------
def verdict_direction(verdict: str, scale: Sequence[str]) -> str:
    """The direction of a verdict: 'pendukung', 'penghambat', 'mixed', or '' when unset."""
    if verdict not in scale:
        return ""
    if len(scale) < 2:
        return "mixed"
    position = scale.index(verdict) / (len(scale) - 1)
    if position < 0.5:
        return "pendukung"
    return "penghambat" if position > 0.5 else "mixed"


def propose_verdict(pendukung: int, penghambat: int, scale: Sequence[str], share: float) -> str:
    """The verdict the balance suggests (never flagged as contrary), or '' without evidence."""
    total = pendukung + penghambat
    if not total:
        return ""
    if penghambat / total <= share:
        return scale[0]
    if pendukung / total <= share:
        return scale[-1]
    middle = len(scale) // 2
    if len(scale) % 2:
        return scale[middle]
    return scale[middle - 1] if pendukung >= penghambat else scale[middle]


def evidence_of(analysis: Analysis, conclusion: Conclusion) -> list[CodingFact]:
    """The codings a conclusion rests on: its selection, else every coding of its dimension."""
    if conclusion.evidence:
        chosen = set(conclusion.evidence)
        return [f for f in analysis.findings if f.uid in chosen]
    return list(analysis.by_dimension.get(conclusion.dimension_id, ()))


def proposal_for(analysis: Analysis, facts: Sequence[CodingFact]) -> str:
    """The proposed verdict for some evidence under the project's settings."""
    p = sum(f.polarity == "pendukung" for f in facts)
    h = sum(f.polarity == "penghambat" for f in facts)
    return propose_verdict(p, h, analysis.codebook.verdict_scale, analysis.settings.contrary_share)


def flags_for(analysis: Analysis, conclusion: Conclusion) -> list[Flag]:
    """Every verification flag of one conclusion, in FLAG_IDS order."""
    flags: list[Flag] = []
    facts = evidence_of(analysis, conclusion)
    if conclusion.evidence:
        gone = len(set(conclusion.evidence) - {f.uid for f in facts})
        if gone:
            flags.append(
                Flag("evidence_missing", t("conclusions.flag_evidence_missing", count=gone))
            )
    if not facts:
        flags.append(Flag("no_evidence", t("conclusions.flag_no_evidence")))
        return flags
    if not conclusion.verdict:
        proposal = proposal_for(analysis, facts) or "—"
        flags.append(
            Flag(
                "verdict_missing",
                t("conclusions.flag_verdict_missing", count=len(facts), proposal=proposal),
            )
        )
    informants = sorted({f.informant for f in facts if f.informant})
    if len(informants) == 0:
        flags.append(Flag("one_informant", t("conclusions.flag_no_informant")))
    elif len(informants) == 1:
        flags.append(
            Flag("one_informant", t("conclusions.flag_one_informant", informant=informants[0]))
        )
    else:
        groups = {f.group for f in facts if f.informant}
        if len(groups) == 1:
            flags.append(
                Flag("one_group", t("conclusions.flag_one_group", group=group_label(groups.pop())))
            )
    techniques = {f.technique for f in facts}
    if len(techniques) == 1:
        only = technique_label(techniques.pop())
        flags.append(Flag("one_technique", t("conclusions.flag_one_technique", technique=only)))
    contrary = _contrary(analysis, conclusion.verdict, facts)
    if contrary:
        flags.append(contrary)
    return flags


def _contrary(analysis: Analysis, verdict: str, facts: Sequence[CodingFact]) -> Flag | None:
    share = analysis.settings.contrary_share
    way = verdict_direction(verdict, analysis.codebook.verdict_scale)
    p = sum(f.polarity == "pendukung" for f in facts)
    h = sum(f.polarity == "penghambat" for f in facts)
    total = p + h
    if not way or not total:
        return None
    if way in DIRECTIONAL:
        against = h if way == "pendukung" else p
        if against / total > share:
            return Flag(
                "contrary",
                t(
                    "conclusions.flag_contrary",
                    percent=round(100 * against / total),
                    against=against,
                    total=total,
                    verdict=verdict,
                    limit=round(100 * share),
                ),
            )
        return None
    for lean, count in (("pendukung", p), ("penghambat", h)):
        if count / total > 1 - share:
            # keys: displays.direction_{pendukung,penghambat}
            return Flag(
                "contrary",
                t(
                    "conclusions.flag_one_sided",
                    percent=round(100 * count / total),
                    direction=t(f"displays.direction_{lean}"),
                    verdict=verdict,
                ),
            )
    return None


def verification_flags(project: Project, dimension_id: str) -> list[Flag]:
    """The verification flags of one dimension's conclusion, computed from the store."""
    _dimension(project.codebook, dimension_id)
    analysis = load(project.store, project.codebook, project.settings)
    return flags_for(analysis, get_conclusion(project, dimension_id))


__all__ = [
    "Flag",
    "FLAG_IDS",
    "clear_conclusion",
    "clear_indicator_verdict",
    "evidence_of",
    "flags_for",
    "get_conclusion",
    "get_conclusions",
    "propose_verdict",
    "proposal_for",
    "set_conclusion",
    "set_indicator_verdict",
    "verdict_direction",
    "verification_flags",
]

"""A comparison as plain data for ``--json`` (and a one-line text of a unit's codes)."""

from __future__ import annotations

from typing import Any

from qualcode.core.agreement.compare import AgreementReport, Disagreement
from qualcode.i18n import t


def pairs_text(pairs: tuple[tuple[str, str], ...]) -> str:
    """Return a unit's codes as 'code (polarity), …', or '—' when the coder gave none."""
    if not pairs:
        return "—"
    return ", ".join(f"{code} ({polarity})" for code, polarity in pairs)


def _report(report: AgreementReport) -> dict[str, Any]:
    return {
        "units": report.units,
        "characters": report.characters,
        "decided": report.decided,
        "rows": [
            {
                "key": row.key,
                "level": row.level,
                "sentences": row.sentences.as_dict(),
                "characters": row.characters.as_dict(),
                "marked_a": row.marked_first,
                "marked_b": row.marked_second,
                "characters_marked": {"a": row.characters_marked[0], "b": row.characters_marked[1]},
                "polarity": {
                    "pairs": row.polarity_pairs,
                    "agreed": row.polarity_agreed,
                    "percent": row.polarity_percent,
                },
            }
            for row in report.rows
        ],
    }


def _disagreement(n: int, item: Disagreement) -> dict[str, Any]:
    return {
        "number": n,
        "source": item.source,
        "label": item.label,
        "sentence": item.index,
        "start": item.start,
        "end": item.end,
        "a": [{"code": c, "polarity": p} for c, p in item.first],
        "b": [{"code": c, "polarity": p} for c, p in item.second],
        "decision": item.choice,
    }


def comparison_json(codebook, comparison) -> dict[str, Any]:
    """Return the comparison's coders, sources, both reports and its disagreements."""
    return {
        "comparison": comparison.id,
        "compared_with": comparison.label,
        "created_at": comparison.created_at,
        "coders": {"a": comparison.coder_a, "b": comparison.coder_b},
        "codebook": codebook.id,
        "sources": list(comparison.before.sources),
        "undefined": t("agreement.undefined"),
        "before": _report(comparison.before),
        "after": _report(comparison.after),
        "disagreements": [
            _disagreement(n, item) for n, item in enumerate(comparison.after.disagreements, start=1)
        ],
        "warnings": list(comparison.warnings),
    }

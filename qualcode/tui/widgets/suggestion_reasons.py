"""The lines that show why a suggestion was made: confidence, keywords, similar coded sentences."""

from __future__ import annotations

from typing import Any

from textual.content import Content

from qualcode.core.suggest.explain import explain_keywords, explain_similar
from qualcode.i18n import t


def suggestion_lines(suggestion: Any) -> list[Content]:
    """A suggestion as panel lines: code · polarity · confidence, then its reasons."""
    percent = round(suggestion.score * 100)
    # keys: tui.polarity_{pendukung,penghambat,netral}
    lines = [
        Content.assemble(
            ("? ", "$text-accent"),
            (suggestion.code_id, "italic"),
            f" · {t(f'tui.polarity_{suggestion.polarity}')} · "
            f"{t('suggest_explain.confidence', percent=percent)}",
        )
    ]
    if suggestion.matched or suggestion.learned:
        lines.append(Content(f"  {explain_keywords(suggestion.matched)}").stylize("$text-muted"))
    for similar in suggestion.similar:
        lines.append(Content(f"  ≈ {explain_similar(similar)}").stylize("$text-muted"))
    return lines

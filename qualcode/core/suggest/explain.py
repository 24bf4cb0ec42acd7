"""A suggestion's reasons in words, shared by the CLI and the TUI (catalogue text, no markup)."""

from __future__ import annotations

from qualcode.core.suggest.similar import Similar
from qualcode.i18n import t

SHOWN_CHARS = 90


def explain_similar(similar: Similar) -> str:
    """ "like I3 (code): “sentence…”" — an already-coded sentence the suggestion rests on."""
    text = " ".join(similar.text.split())
    if len(text) > SHOWN_CHARS:
        text = text[: SHOWN_CHARS - 1].rstrip() + "…"
    return t(
        "suggest_explain.similar", informant=similar.informant, code=similar.code_id, text=text
    )


def explain_keywords(matched: tuple[str, ...]) -> str:
    """ "keywords: a, b" or "no codebook keyword"."""
    if not matched:
        return t("suggest_explain.no_keywords")
    return t("suggest_explain.keywords", words=", ".join(matched))

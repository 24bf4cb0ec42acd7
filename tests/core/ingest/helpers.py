"""Assertion helpers and fixture paths for the ingest tests."""

from __future__ import annotations

from pathlib import Path

from qualcode.core.ingest.model import ParsedSource

FIXTURES = Path(__file__).parent / "fixtures"


def turn_texts(source: ParsedSource) -> list[tuple[str, str, str]]:
    """(speaker, kind, utterance) for every turn: the shape most assertions want."""
    return [(t.speaker, t.kind, source.text[t.start : t.end]) for t in source.turns]


def sentence_texts(source: ParsedSource) -> list[str]:
    """The text of every sentence, in order."""
    return [source.text[s.start : s.end] for s in source.sentences]

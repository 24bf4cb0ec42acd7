"""The suggestion panel's lines: confidence as a percentage, keywords, similar coded sentences."""

from __future__ import annotations

from qualcode.core.suggest import Similar, Suggestion
from qualcode.tui.widgets.suggestion_reasons import suggestion_lines


def plain(suggestion) -> list[str]:
    return [line.plain for line in suggestion_lines(suggestion)]


def test_a_learned_suggestion_names_its_keywords_and_the_sentences_it_resembles():
    similar = Similar("Anjungannya error lagi pagi ini.", "I1", "sarana-peralatan", 0.8)
    found = Suggestion(
        2, 5, 10, 40, "sarana-peralatan", "sarana", "penghambat", 0.734, (), "…", (similar,), True
    )
    lines = plain(found)
    assert lines[0] == "? sarana-peralatan · penghambat · keyakinan 73%"
    assert lines[1].strip() == "tanpa kata kunci codebook"
    assert lines[2].strip() == "≈ mirip I1 (sarana-peralatan): “Anjungannya error lagi pagi ini.”"


def test_a_keyword_suggestion_shows_its_matched_words_only():
    found = Suggestion(1, 3, 0, 20, "kompetensi-sikap", "kompetensi", "penghambat", 0.5, ("judes",))
    assert [line.strip() for line in plain(found)[1:]] == ["kata kunci: judes"]

"""The fast Indonesian pipeline splits sentences exactly as spaCy's blank("id") does."""

from __future__ import annotations

from pathlib import Path

import spacy

from qualcode.core import nlp
from qualcode.core.ingest.parse import parse_file
from qualcode.core.nlp import blank_indonesian

ROOT = Path(__file__).resolve().parents[2]


def _sentences(nlp, text: str) -> list[tuple[int, int]]:
    return [(s.start_char, s.end_char) for s in nlp(text).sents]


def test_sentences_match_spacy_blank_id_on_the_demo_corpus():
    fast = blank_indonesian()
    fast.add_pipe("sentencizer")
    full = spacy.blank("id")
    full.add_pipe("sentencizer")
    texts = [parse_file(p).text for p in sorted((ROOT / "transcripts").iterdir())]
    texts.append("Saya ke kantor camat dll. lalu pulang! Anak-anak menunggu, kan? Ya.")
    assert len(texts) >= 15
    for text in texts:
        assert _sentences(fast, text) == _sentences(full, text)


def test_abbreviation_special_cases_are_kept():
    fast = blank_indonesian()
    assert [t.text for t in fast("Kertas, map, dll. ada.")][:4] == ["Kertas", ",", "map", ","]
    assert "dll." in [t.text for t in fast("Kertas, map, dll. ada.")]


def test_the_lemma_table_is_the_pipelines_own_read_without_spacy():
    table = nlp.lemma_table()
    lookup = nlp.get_nlp().get_pipe("lemmatizer").lookups.get_table("lemma_lookup")
    words = ["pelayanannya", "dipersulit", "keabadian", "komputer", "antrean", "xyzzy"]
    assert len(table) == len(lookup)
    for word in words:
        found = lookup.get(word)
        assert table.lemma(word) == (None if found is None else str(found))

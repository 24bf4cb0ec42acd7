"""The shared spaCy pipeline: blank Indonesian + sentencizer + lookup lemmatizer, loaded lazily.

The pipeline is built once per process, on first use (never at import time), under a lock so
two threads asking at once get the same object. Everything comes from installed packages
(spaCy's blank ``id`` language and spacy-lookups-data's ``id_lemma_lookup`` table): nothing is
downloaded at run time.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language

_lock = threading.Lock()
_nlp: Language | None = None
_lemmas: LemmaTable | None = None


class LemmaTable:
    """spaCy's Indonesian lookup table, case-folded: ``lemma(word)`` and ``knows(word)``."""

    def __init__(self, table: Mapping) -> None:
        self._table = table
        self._lemmas = frozenset(str(v) for v in table.values())

    def lemma(self, word: str) -> str | None:
        """Return the table's lemma for a lower-case word form, or None when it has none."""
        found = self._table.get(word)
        return None if found is None else str(found)

    def knows(self, word: str) -> bool:
        """Tell whether the word is an inflected form or a lemma of the table (a real word)."""
        return word in self._lemmas or self._table.get(word) is not None

    def __len__(self) -> int:
        return len(self._table)


def blank_indonesian() -> Language:
    """Return spaCy's blank Indonesian pipeline, built fast for sentence work.

    spaCy's ``id`` tokenizer carries ~16,000 special cases, almost all hyphenated reduplications
    ("anak-anak"); adding them takes ~2 s, most of qualcode's start-up when a store is built.
    None of them contains sentence punctuation, so they never move a sentence boundary: this
    keeps only the special cases that do (abbreviations such as "dll.") and the prefix, suffix
    and infix rules unchanged. ``tests/core/test_nlp.py`` pins that sentences are identical to
    ``spacy.blank("id")``'s on the demo corpus.
    """
    from spacy.lang.id import Indonesian
    from spacy.pipeline.sentencizer import Sentencizer

    punct = set(Sentencizer.default_punct_chars)
    kept = {
        text: tokens
        for text, tokens in Indonesian.Defaults.tokenizer_exceptions.items()
        if any(ch in punct for ch in text)
    }

    class _SentenceIndonesian(Indonesian):
        class Defaults(Indonesian.Defaults):
            tokenizer_exceptions = kept

    return _SentenceIndonesian()


def _build() -> Language:
    nlp = blank_indonesian()
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.initialize()
    return nlp


def get_nlp() -> Language:
    """Return the process-wide pipeline, building it on the first call (thread-safe)."""
    global _nlp
    if _nlp is None:
        with _lock:
            if _nlp is None:
                _nlp = _build()
    return _nlp


def lemma_table() -> LemmaTable:
    """Return the Indonesian lookup lemma table (the pipeline's own data, read without spaCy).

    It is spacy-lookups-data's ``id_lemma_lookup`` file, the very table the pipeline's
    lemmatizer loads; reading it directly lets suggestions on already-tokenised text start
    without importing spaCy (``tests/core/test_nlp.py`` pins that the two are the same).
    """
    global _lemmas
    if _lemmas is None:
        with _lock:
            if _lemmas is None:
                import gzip
                import json

                from spacy_lookups_data import get_file

                with gzip.open(str(get_file("id_lemma_lookup.json.gz")), "rb") as handle:
                    _lemmas = LemmaTable(json.loads(handle.read()))
    return _lemmas


def is_loaded() -> bool:
    """Tell whether the pipeline has been built in this process (for tests and start-up checks)."""
    return _nlp is not None

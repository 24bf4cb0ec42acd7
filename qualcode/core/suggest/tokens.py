"""Sentence text to analysed tokens: spaCy's tokenizer, spoken forms normalised, lemmas and stems.

Tokens are analysed once per distinct word form and cached, so a corpus costs one spaCy
tokenizer pass plus a dictionary lookup per word.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from qualcode.core.nlp import get_nlp, lemma_table
from qualcode.core.suggest.lexicon import NO_STEM, NORMALISE
from qualcode.core.suggest.stem import light_form, stem

CLITICS = frozenset({"-nya", "-lah", "-kah", "-ku", "-mu", "-pun"})
CACHE_LIMIT = 200_000
CHUNK_CHARS = 100_000
_SEPARATOR = "\n\n"


@dataclass(frozen=True, slots=True)
class Tok:
    """One analysed token: surface text, normalised form, light form, root, and what it is."""

    text: str
    norm: str
    light: str
    stem: str
    known: bool
    punct: bool


class Analyzer:
    """Turns texts into token lists; ``vocabulary`` adds words (a codebook's) the table lacks."""

    def __init__(self, vocabulary: Iterable[str] = ()) -> None:
        self._table = lemma_table()
        self._vocabulary = frozenset(vocabulary)
        self._cache: dict[tuple[str, bool], Tok] = {}

    def knows(self, word: str) -> bool:
        """Tell whether a lower-case word is in the lemma table or the extra vocabulary."""
        return word in self._vocabulary or self._table.knows(word)

    def token(self, text: str, punct: bool = False) -> Tok:
        """Analyse one word (cached)."""
        key = (text, punct)
        found = self._cache.get(key)
        if found is not None:
            return found
        lower = text.lower()
        norm = NORMALISE.get(lower, lower)
        if punct or not any(ch.isalpha() for ch in norm):
            tok = Tok(text, norm, norm, norm, True, punct)
        elif norm in NO_STEM:
            tok = Tok(text, norm, norm, norm, True, False)
        else:
            light = light_form(norm)
            known = self.knows(norm) or self.knows(light)
            tok = Tok(text, norm, light, stem(norm, self.knows, self._table.lemma), known, False)
        if len(self._cache) >= CACHE_LIMIT:
            self._cache.clear()
        self._cache[key] = tok
        return tok

    def analyse(self, texts: Iterable[str]) -> Iterator[list[Tok]]:
        """Yield the token list of each text, in order (texts are tokenized in joined chunks)."""
        chunk: list[str] = []
        size = 0
        for text in texts:
            chunk.append(text)
            size += len(text) + len(_SEPARATOR)
            if size >= CHUNK_CHARS:
                yield from self._analyse_chunk(chunk)
                chunk, size = [], 0
        if chunk:
            yield from self._analyse_chunk(chunk)

    def analyse_one(self, text: str) -> list[Tok]:
        """Return the token list of one text."""
        return next(self.analyse([text]))

    def _analyse_chunk(self, texts: list[str]) -> list[list[Tok]]:
        from spacy.attrs import IDX, IS_PUNCT, IS_SPACE, LENGTH, SPACY

        joined = _SEPARATOR.join(texts)
        doc = get_nlp().tokenizer(joined)
        out: list[list[tuple[str, bool]]] = [[] for _ in texts]
        if len(doc) == 0:
            return [[] for _ in texts]
        rows = doc.to_array([IDX, LENGTH, IS_PUNCT, IS_SPACE, SPACY]).tolist()
        ends: list[int] = []
        pos = 0
        for text in texts:
            pos += len(text)
            ends.append(pos)
            pos += len(_SEPARATOR)
        part = 0
        glue = False
        for n, (idx, length, punct, space, spaced) in enumerate(rows):
            while part < len(texts) - 1 and idx >= ends[part]:
                part += 1
                glue = False
            if space:
                continue
            text = joined[idx : idx + length]
            words = out[part]
            if text.lower() in CLITICS:
                continue
            if glue and words:
                # "muter" "-" "muter" with no spaces between is one word: "muter-muter".
                words[-1] = (words[-1][0] + text, False)
                glue = False
                continue
            if (
                text == "-"
                and words
                and not words[-1][1]
                and n > 0
                and not rows[n - 1][4]
                and not spaced
                and n + 1 < len(rows)
                and not rows[n + 1][2]
                and not rows[n + 1][3]
                and rows[n + 1][0] < ends[part]
            ):
                words[-1] = (words[-1][0] + "-", False)
                glue = True
                continue
            words.append((text, bool(punct)))
        return [[self.token(text, punct) for text, punct in words] for words in out]

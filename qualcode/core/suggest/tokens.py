"""Sentence text to analysed tokens: spaCy's tokenizer, spoken forms normalised, lemmas and stems.

Tokens are analysed once per distinct word form and cached, so a corpus costs one spaCy
tokenizer pass plus a dictionary lookup per word. A project keeps the words of every text it
has tokenised in a :class:`TokenStore` file, so a text is never tokenised twice and a run over
unchanged sources starts without importing spaCy at all.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from qualcode.core.nlp import get_nlp, lemma_table
from qualcode.core.suggest.lexicon import NO_STEM, NORMALISE
from qualcode.core.suggest.stem import light_form, stem

CLITICS = frozenset({"-nya", "-lah", "-kah", "-ku", "-mu", "-pun"})
CACHE_LIMIT = 200_000
CHUNK_CHARS = 100_000
STORE_LIMIT = 500_000
STORE_FORMAT = 1
_SEPARATOR = "\n\n"
_WORD = "\x1f"


@dataclass(frozen=True, slots=True)
class Tok:
    """One analysed token: surface text, normalised form, light form, root, and what it is."""

    text: str
    norm: str
    light: str
    stem: str
    known: bool
    punct: bool


class TokenStore:
    """The words (and whether each is punctuation) of texts already tokenised, kept in a file."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._words: dict[str, str] = {}
        self._changed = False
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("format") == STORE_FORMAT:
                self._words = dict(data["texts"])
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            self._words = {}  # missing or damaged: texts are tokenised again

    def get(self, text: str) -> list[tuple[str, bool]] | None:
        """The words of a text tokenised before, else None."""
        found = self._words.get(text)
        if found is None:
            return None
        flags, _, joined = found.partition(":")
        return (
            list(zip(joined.split(_WORD), (f == "1" for f in flags), strict=True)) if flags else []
        )

    def put(self, text: str, words: list[tuple[str, bool]]) -> None:
        """Remember the words of a text."""
        if len(self._words) >= STORE_LIMIT:
            self._words.clear()
        flags = "".join("1" if punct else "0" for _, punct in words)
        self._words[text] = f"{flags}:{_WORD.join(w for w, _ in words)}"
        self._changed = True

    def save(self) -> None:
        """Write the file if anything new was tokenised (atomically; a read-only folder is fine)."""
        if not self._changed:
            return
        partial = self.path.with_suffix(".tmp")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            payload = {"format": STORE_FORMAT, "texts": self._words}
            partial.write_text(json.dumps(payload, ensure_ascii=False), encoding="utf-8")
            partial.replace(self.path)
            self._changed = False
        except OSError:
            partial.unlink(missing_ok=True)  # not saved: the texts are tokenised again next time


class Analyzer:
    """Turns texts into token lists; ``vocabulary`` adds words (a codebook's) the table lacks."""

    def __init__(self, vocabulary: Iterable[str] = (), store: TokenStore | None = None) -> None:
        self._table = lemma_table()
        self._vocabulary = frozenset(vocabulary)
        self._cache: dict[tuple[str, bool], Tok] = {}
        self.store = store

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
        """Yield the token list of each text, in order (new texts are tokenized in chunks)."""
        texts = list(texts)
        store = self.store
        known = [store.get(text) if store is not None else None for text in texts]
        missing = [text for text, words in zip(texts, known, strict=True) if words is None]
        fresh = iter(self._tokenize(missing))
        for text, words in zip(texts, known, strict=True):
            if words is None:
                words = next(fresh)
                if store is not None:
                    store.put(text, words)
            yield [self.token(word, punct) for word, punct in words]

    def _tokenize(self, texts: list[str]) -> Iterator[list[tuple[str, bool]]]:
        chunk: list[str] = []
        size = 0
        for text in texts:
            chunk.append(text)
            size += len(text) + len(_SEPARATOR)
            if size >= CHUNK_CHARS:
                yield from self._tokenize_chunk(chunk)
                chunk, size = [], 0
        if chunk:
            yield from self._tokenize_chunk(chunk)

    def analyse_one(self, text: str) -> list[Tok]:
        """Return the token list of one text."""
        return next(self.analyse([text]))

    def _tokenize_chunk(self, texts: list[str]) -> list[list[tuple[str, bool]]]:
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
        return out

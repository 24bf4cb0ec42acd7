"""Sentence spans as spaCy's blank Indonesian pipeline finds them, without importing spaCy.

``RuleTokenizer`` (``tokenizer.py``) makes spaCy's tokens from rules exported from spaCy; this
module applies spaCy's ``Sentencizer`` rule to them: after a token that is one of its sentence
marks, the first token that is neither such a mark nor punctuation (every character of a
Unicode "P" category) opens a sentence, and so does a text's first token. Spans are trimmed of
whitespace tokens. ``tests/core/ingest/test_sentences.py`` holds the spans equal to spaCy's own
(``spacy_rules.reference_spans``).
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import MutableMapping, Sequence
from typing import Any

from qualcode.core.ingest.tokenizer import PUNCT, SENTENCE_MARK, SPACE, Mark, RuleTokenizer

Span = tuple[int, int]

MAX_CHUNK_CHARS = 1_000_000
"""Longest text tokenized at once (spaCy's default ``max_length``)."""


@functools.lru_cache(maxsize=1)
def default_tokenizer() -> RuleTokenizer:
    """The process-wide tokenizer (its chunk cache is shared by every segmenter)."""
    return RuleTokenizer.load()


class SentenceSegmenter:
    """Splits texts into trimmed sentence spans.

    ``cache`` maps sha256(text) to spans, so a text seen before is never tokenized again;
    ``chunk_chars`` bounds how much text is tokenized at once (longer texts are cut at line
    breaks, as they were for spaCy); ``tokenizer`` defaults to the shipped rules.
    """

    def __init__(
        self,
        cache: MutableMapping[str, list[Span]] | None = None,
        *,
        chunk_chars: int = 200_000,
        tokenizer: RuleTokenizer | None = None,
    ) -> None:
        self.cache = cache
        self.chunk_chars = max(1, min(chunk_chars, MAX_CHUNK_CHARS))
        self._tokenizer = tokenizer

    @property
    def tokenizer(self) -> RuleTokenizer:
        """The tokenizer (the shared default unless one was given)."""
        if self._tokenizer is None:
            self._tokenizer = default_tokenizer()
        return self._tokenizer

    def segment(self, text: str) -> list[Span]:
        """Sentence spans of one text, relative to it."""
        return self.segment_many([text])[0]

    def segment_many(self, texts: Sequence[str]) -> list[list[Span]]:
        """Sentence spans of each text (relative offsets, trimmed, never empty spans)."""
        results: list[list[Span] | None] = [None] * len(texts)
        pending: dict[str, list[int]] = {}
        keys: dict[str, str] = {}
        cache = self.cache
        known: dict[str, Any] = {}
        if cache is not None:
            for text in texts:
                if text and not text.isspace() and text not in keys:
                    keys[text] = _cache_key(text)
            get_many = getattr(cache, "get_many", None)  # a store-backed cache: one query
            if get_many is not None:
                known = get_many(list(keys.values()))
            else:
                known = {key: cache[key] for key in keys.values() if key in cache}
        for position, text in enumerate(texts):
            if not text or text.isspace():
                results[position] = []
                continue
            cached = known.get(keys[text]) if cache is not None else None
            if cached is not None:
                results[position] = list(cached)
                continue
            pending.setdefault(text, []).append(position)
        if pending:
            unique = list(pending)
            for text, spans in zip(unique, self._segment_uncached(unique), strict=True):
                if cache is not None:
                    cache[keys[text]] = spans
                for position in pending[text]:
                    results[position] = spans
        return [spans if spans is not None else [] for spans in results]

    def _segment_uncached(self, texts: list[str]) -> list[list[Span]]:
        """Tokenize each text (in pieces of at most ``chunk_chars``) and apply the rule."""
        tokenizer = self.tokenizer
        limit = self.chunk_chars
        out: list[list[Span]] = []
        for text in texts:
            spans: list[Span] = []
            for offset, piece in ((0, text),) if len(text) <= limit else _pieces(text, limit):
                spans.extend(_sentences(tokenizer.marks(piece), offset))
            out.append(spans)
        return out


def _sentences(marks: list[Mark], offset: int) -> list[Span]:
    """spaCy's sentencizer rule over one Doc's token marks: trimmed spans shifted by ``offset``."""
    spans: list[Span] = []
    first = last = -1  # the current sentence's first and last non-space character
    seen_mark = False
    for start, end, kind in marks:
        if kind == SENTENCE_MARK:
            seen_mark = True
        elif seen_mark and kind != PUNCT:  # this token opens a sentence
            if first >= 0:
                spans.append((first + offset, last + offset))
            first = -1
            seen_mark = False
        if kind != SPACE:
            if first < 0:
                first = start
            last = end
    if first >= 0:
        spans.append((first + offset, last + offset))
    return spans


def _cache_key(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def _pieces(text: str, limit: int) -> list[tuple[int, str]]:
    """Cut a text longer than ``limit`` at line breaks (else spaces) into tokenizer-sized pieces."""
    if len(text) <= limit:
        return [(0, text)]
    pieces, start = [], 0
    while len(text) - start > limit:
        cut = text.rfind("\n", start + limit // 2, start + limit)
        if cut < 0:
            cut = text.rfind(" ", start + limit // 2, start + limit)
        if cut < 0:
            cut = start + limit
        pieces.append((start, text[start:cut]))
        start = cut
    pieces.append((start, text[start:]))
    return pieces

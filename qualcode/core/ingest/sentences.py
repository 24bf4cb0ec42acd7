"""Sentence spans with spaCy's blank Indonesian pipeline, fast enough to run on every import.

spaCy's ``sentencizer`` visits tokens one by one in Python-level code and costs more than the
tokenizer itself. ``SentenceSegmenter`` keeps the same pipeline and the sentencizer's own rule
and punctuation set, but applies the rule with numpy to the token arrays of all texts at once
(``reference_spans`` runs the real sentencizer; the tests hold the two equal). Each text is
tokenized as its own Doc rather than through ``nlp.pipe``: the per-Doc cost is the same, and
spaCy stops caching a Doc's words after its first special case, so short Docs keep the
tokenizer cache warm (a whole transcript as one Doc tokenizes several times slower).
"""

from __future__ import annotations

import hashlib
from collections.abc import MutableMapping, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.language import Language

Span = tuple[int, int]

MAX_CHUNK_CHARS = 1_000_000
"""Longest text handed to the tokenizer at once (spaCy's default ``max_length``)."""

# Abbreviations common in Indonesian transcripts that spaCy's "id" tokenizer splits off a
# period from, which the sentencizer would then take for a sentence end.
_ABBREVIATIONS = (
    "Jl.", "Jln.", "Gg.", "Bpk.", "Bp.", "Sdr.", "Sdri.", "Ny.", "Nn.", "Tn.", "Ir.", "Jend.",
    "Kec.", "Kab.", "Kel.", "Ds.", "Dsn.", "Prov.", "Kp.", "Bag.", "Kep.", "Rp.", "Tgl.", "tgl.",
    "Telp.", "telp.", "Yth.", "yth.", "Pk.", "pk.", "Bln.", "bln.", "Thn.", "thn.", "Hal.",
    "Hlm.", "Lamp.", "Ket.", "ket.", "Kpd.", "kpd.", "sbb.",
)  # fmt: skip


class SentenceSegmenter:
    """Splits texts into trimmed sentence spans; spaCy loads on first use.

    ``cache`` maps sha256(text) to spans, so a text seen before is never tokenized again;
    ``chunk_chars`` bounds how much text one Doc holds (longer texts are cut at line breaks).
    """

    def __init__(
        self, cache: MutableMapping[str, list[Span]] | None = None, *, chunk_chars: int = 200_000
    ) -> None:
        self.cache = cache
        self.chunk_chars = max(1, min(chunk_chars, MAX_CHUNK_CHARS))
        self._nlp: Language | None = None
        self._punct: Any = None

    @property
    def nlp(self) -> Language:
        """The spaCy pipeline (blank "id" + sentencizer), created on first use."""
        if self._nlp is None:
            self._nlp = self._load()
        return self._nlp

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

    def _load(self) -> Language:
        import numpy as np
        from spacy.attrs import ORTH

        from qualcode.core.nlp import blank_indonesian

        nlp = blank_indonesian()
        sentencizer = nlp.add_pipe("sentencizer")
        for abbreviation in _ABBREVIATIONS:
            nlp.tokenizer.add_special_case(abbreviation, [{ORTH: abbreviation}])
        strings = nlp.vocab.strings
        self._punct = np.array(
            sorted(strings.add(c) for c in sentencizer.punct_chars), dtype=np.uint64
        )
        return nlp

    def _segment_uncached(self, texts: list[str]) -> list[list[Span]]:
        """Tokenize each text (in tokenizer-sized pieces) and find sentences in one numpy pass."""
        import numpy as np
        from spacy.attrs import IDX, IS_PUNCT, IS_SPACE, LENGTH, ORTH

        tokenizer = self.nlp.tokenizer
        attributes = [IDX, LENGTH, IS_PUNCT, IS_SPACE, ORTH]
        owners: list[int] = []
        bases: list[int] = []
        tables = []
        limit = self.chunk_chars
        for index, text in enumerate(texts):
            for offset, piece in ((0, text),) if len(text) <= limit else _pieces(text, limit):
                # One Doc per text keeps spaCy's tokenizer cache warm (see the module notes).
                doc = tokenizer(piece)
                if len(doc):
                    owners.append(index)
                    bases.append(offset)
                    tables.append(doc.to_array(attributes))
        out: list[list[Span]] = [[] for _ in texts]
        if not tables:
            return out
        counts = np.fromiter((len(table) for table in tables), dtype=np.int64, count=len(tables))
        table = np.concatenate(tables)
        part_of = np.repeat(np.arange(len(tables)), counts)
        first_of_part = np.concatenate(([0], np.cumsum(counts)[:-1]))
        idx = table[:, 0].astype(np.int64)
        length = table[:, 1].astype(np.int64)
        space = table[:, 3].astype(bool)
        orth = table[:, 4]
        found = np.searchsorted(self._punct, orth)
        found[found == len(self._punct)] = 0
        period = self._punct[found] == orth
        ordinary = np.flatnonzero(~(table[:, 2].astype(bool) | period))
        # The sentencizer's rule: the first ordinary token after a sentence-final punctuation
        # mark opens a sentence; the first token of every text opens one too.
        opens = np.zeros(len(idx), dtype=bool)
        opens[first_of_part] = True
        if len(ordinary):
            previous = np.empty_like(ordinary)
            previous[0] = -1
            previous[1:] = ordinary[:-1]
            floor = np.maximum(previous, first_of_part[part_of[ordinary]] - 1)
            periods = np.concatenate(([0], np.cumsum(period)))
            opens[ordinary[periods[ordinary] - periods[floor + 1] > 0]] = True
        starts = np.flatnonzero(opens)
        ends = np.append(starts[1:], len(idx))
        # Trim whitespace tokens at either end; drop sentences that are only whitespace.
        solid = np.flatnonzero(~space)
        if not len(solid):
            return out
        head_at = np.searchsorted(solid, starts)
        tail_at = np.searchsorted(solid, ends) - 1
        keep = (head_at < len(solid)) & (tail_at >= head_at)
        head = solid[head_at[keep]]
        tail = solid[tail_at[keep]]
        part = part_of[head]
        base = np.asarray(bases, dtype=np.int64)[part]
        begin = idx[head] + base
        end = idx[tail] + length[tail] + base
        for p, b, e in zip(part.tolist(), begin.tolist(), end.tolist(), strict=True):
            out[owners[p]].append((b, e))
        return out

    def reference_spans(self, text: str) -> list[Span]:
        """Spans from spaCy's own sentencizer (slow; the yardstick the fast path is tested on)."""
        spans = []
        for sentence in self.nlp(text).sents:
            raw = text[sentence.start_char : sentence.end_char]
            stripped = raw.strip()
            if stripped:
                start = sentence.start_char + len(raw) - len(raw.lstrip())
                spans.append((start, start + len(stripped)))
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

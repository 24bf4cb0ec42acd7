"""Sentence features for the learned suggester: hashed words, negation scope, character n-grams.

A sentence becomes a sparse row: roots and light forms of its words, word pairs, character
3-grams of each word (so "antrenya", "antrean" and "ngantre" share evidence), and the same roots
marked when they sit in a negation's reach ("tidak ramah") or after a contrast ("…, tapi
jaringannya"). Names are hashed with CRC-32 into ``HASH_SIZE`` columns (stable across runs,
unlike Python's salted ``hash``). A few dense columns after them carry what the keyword matcher
and the polarity lexicon already know, so a model trained on a project's codings learns how far
to trust the codebook's keywords in this study.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from zlib import crc32

import numpy as np

from qualcode.core.suggest.lexicon import CONTRAST, CONTRAST_OPENING, NEGATORS
from qualcode.core.suggest.tokens import Tok

HASH_BITS = 16
HASH_SIZE = 1 << HASH_BITS
NEGATION_REACH = 3
CHAR_N = 3


@dataclass(frozen=True, slots=True)
class Dense:
    """What the keyword matcher and the lexicon said about a sentence (the dense columns)."""

    dimension_scores: tuple[float, ...]
    effort: float
    polarity_score: float
    lexicon_label: str
    question: bool


def dense_width(dimensions: int) -> int:
    """Number of dense columns for a codebook with this many dimensions."""
    return dimensions + 1 + 1 + 3 + 1 + 1  # scores, effort, polarity, label one-hot, ?, bias


class Featurizer:
    """Turns analysed sentences into sparse rows; word features are cached per token."""

    def __init__(self, dimensions: int) -> None:
        self.dimensions = dimensions
        self.width = HASH_SIZE + dense_width(dimensions)
        self._cache: dict[str, tuple[int, ...]] = {}

    def _ids(self, name: str) -> int:
        return crc32(name.encode()) & (HASH_SIZE - 1)

    def _word(self, tok: Tok) -> tuple[int, ...]:
        key = f"{tok.stem}\x00{tok.light}"
        found = self._cache.get(key)
        if found is None:
            names = {f"w:{tok.stem}", f"l:{tok.light}"}
            padded = f"<{tok.light}>"
            if CHAR_N and not tok.known:  # a typo or slang word: its spelling is the evidence
                names.update(f"g:{padded[i : i + CHAR_N]}" for i in range(len(padded) - CHAR_N + 1))
            found = tuple(self._ids(n) for n in names)
            if len(self._cache) > 200_000:
                self._cache.clear()
            self._cache[key] = found
        return found

    def words(self, toks: Sequence[Tok]) -> list[str]:
        """The roots of a sentence's words (for similarity between sentences)."""
        return [t.stem for t in toks if not t.punct and len(t.stem) > 2]

    def row(self, toks: Sequence[Tok], dense: Dense) -> tuple[np.ndarray, np.ndarray]:
        """Return (column indices, values) of one sentence's features."""
        cols: set[int] = set()
        negated_until = -1
        after_contrast = False
        words = [t for t in toks if not t.punct]
        for i, tok in enumerate(words):
            cols.update(self._word(tok))
            if tok.norm in NEGATORS:
                negated_until = i + NEGATION_REACH
            elif i <= negated_until:
                cols.add(self._ids(f"n:{tok.stem}"))
            if tok.norm in CONTRAST or (i > 0 and tok.norm in CONTRAST_OPENING):
                after_contrast = True
            elif after_contrast:
                cols.add(self._ids(f"c:{tok.stem}"))
            if i:
                cols.add(self._ids(f"b:{words[i - 1].stem}_{tok.stem}"))
        index = np.fromiter(cols, dtype=np.int64, count=len(cols))
        values = np.full(len(cols), 1.0 / np.sqrt(max(1, len(cols))), dtype=np.float64)
        extra = self._dense(dense)
        extra_index = HASH_SIZE + np.arange(len(extra), dtype=np.int64)
        return np.concatenate([index, extra_index]), np.concatenate([values, extra])

    def _dense(self, dense: Dense) -> np.ndarray:
        label = dense.lexicon_label
        return np.array(
            [
                *dense.dimension_scores,
                dense.effort,
                max(-2.0, min(2.0, dense.polarity_score)),
                label == "pendukung",
                label == "penghambat",
                label == "netral",
                dense.question,
                1.0,
            ],
            dtype=np.float64,
        )


@dataclass(frozen=True, slots=True)
class Rows:
    """Sparse rows in CSR form: row r owns ``index[indptr[r]:indptr[r + 1]]``."""

    index: np.ndarray
    values: np.ndarray
    indptr: np.ndarray

    @property
    def count(self) -> int:
        return len(self.indptr) - 1

    @staticmethod
    def stack(rows: Sequence[tuple[np.ndarray, np.ndarray]]) -> Rows:
        """Stack (index, values) pairs into one CSR block."""
        sizes = np.array([len(i) for i, _ in rows], dtype=np.int64)
        indptr = np.zeros(len(rows) + 1, dtype=np.int64)
        np.cumsum(sizes, out=indptr[1:])
        if not rows:
            return Rows(np.zeros(0, np.int64), np.zeros(0), indptr)
        return Rows(
            np.concatenate([i for i, _ in rows]), np.concatenate([v for _, v in rows]), indptr
        )

    def take(self, which: np.ndarray) -> Rows:
        """The rows at the given positions, in that order."""
        return Rows.stack(
            [
                (
                    self.index[self.indptr[r] : self.indptr[r + 1]],
                    self.values[self.indptr[r] : self.indptr[r + 1]],
                )
                for r in which
            ]
        )

    def dot(self, weights: np.ndarray) -> np.ndarray:
        """Rows times a (width × k) weight matrix: an (n × k) array."""
        if self.count == 0:
            return np.zeros((0, weights.shape[1]))
        gathered = weights[self.index] * self.values[:, None]
        return np.add.reduceat(gathered, self.indptr[:-1], axis=0)

    def transpose_dot(self, gradient: np.ndarray, width: int) -> np.ndarray:
        """Rows transposed times an (n × k) array: a (width × k) array (the weight gradient)."""
        owner = np.repeat(np.arange(self.count), np.diff(self.indptr))
        out = np.empty((width, gradient.shape[1]))
        for k in range(gradient.shape[1]):
            out[:, k] = np.bincount(
                self.index, weights=self.values * gradient[owner, k], minlength=width
            )
        return out

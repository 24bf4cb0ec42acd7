"""A project's own suggester: logistic regression over the student's coded sentences, in numpy.

Why not scikit-learn: importing it costs more start-up than the whole suggester (~0.9 s here),
and what is needed — a one-vs-rest logistic regression over hashed sparse rows — is a few lines
of numpy (already loaded with spaCy). Training multiplies by SciPy's sparse matrices (imported
only while training); predicting with a cached model needs numpy alone.

One binary model per dimension and one for "this is an effort" (``upaya``), each calibrated
with Platt scaling on out-of-fold scores (2-fold), so its output reads as a probability; a
three-way softmax for polarity over the same rows, whose dense columns carry the lexicon's
verdict (negation and contrast included). The coded sentences also answer "why": the most
similar ones (idf-weighted word overlap) are shown beside a suggestion the model drove.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from qualcode.core.suggest.features import Rows
from qualcode.core.suggest.similar import Similar

EFFORT_LABEL = "upaya"
POLARITIES = ("pendukung", "penghambat", "netral")
MIN_CODINGS = 30
EPOCHS = 60
LEARNING_RATE = 0.1
L2 = 1e-4
FORMAT = 2


@dataclass(frozen=True, slots=True)
class Example:
    """One training sentence: its features and what the student did with it."""

    row: tuple[np.ndarray, np.ndarray]
    dimensions: frozenset[str]
    effort: bool
    polarity: str | None
    rejected: frozenset[str]
    text: str
    informant: str
    codes: tuple[tuple[str, str], ...]  # (code, its dimension)
    words: tuple[str, ...]


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))


def _softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def _fit(
    rows: Rows, targets: np.ndarray, mask: np.ndarray, width: int, softmax: bool = False
) -> np.ndarray:
    """Fit a linear model (width × k) by full-batch Adam on the logistic (or softmax) loss."""
    from scipy.sparse import csr_matrix

    values = rows.values.astype(np.float32)
    matrix = csr_matrix((values, rows.index, rows.indptr), shape=(rows.count, width))
    transposed = matrix.T.tocsr()
    weights = np.zeros((width, targets.shape[1]), dtype=np.float32)
    targets = targets.astype(np.float32)
    mask = mask.astype(np.float32)
    first = np.zeros_like(weights)
    second = np.zeros_like(weights)
    n = max(1.0, float(mask.sum()) / targets.shape[1])
    for step in range(1, EPOCHS + 1):
        scores = matrix @ weights
        predicted = _softmax(scores) if softmax else _sigmoid(scores)
        gradient = transposed @ ((predicted - targets) * mask) / n
        gradient += L2 * weights
        first = 0.9 * first + 0.1 * gradient
        second = 0.999 * second + 0.001 * gradient * gradient
        step_size = LEARNING_RATE * math.sqrt(1 - 0.999**step) / (1 - 0.9**step)
        weights -= step_size * first / (np.sqrt(second) + 1e-8)
    return weights


def fit_platt(scores: np.ndarray, labels: np.ndarray) -> tuple[float, float]:
    """Platt scaling: (a, b) with P(label) = sigmoid(a·score + b), by Newton's method."""
    positives = float(labels.sum())
    negatives = float(len(labels) - positives)
    if positives == 0 or negatives == 0:
        return 1.0, 0.0
    # Platt's smoothed targets keep the fit finite when the classes separate.
    target = np.where(labels > 0, (positives + 1) / (positives + 2), 1 / (negatives + 2))
    a, b = 1.0, 0.0
    for _ in range(50):
        p = _sigmoid(a * scores + b)
        w = np.maximum(p * (1 - p), 1e-12)
        r = p - target
        g = np.array([np.dot(r, scores), r.sum()])
        h = np.array(
            [[np.dot(w, scores * scores), np.dot(w, scores)], [np.dot(w, scores), w.sum()]]
        )
        h += np.eye(2) * 1e-9
        delta = np.linalg.solve(h, g)
        a, b = a - delta[0], b - delta[1]
        if np.abs(delta).max() < 1e-7:
            break
    return float(a), float(b)


class Model:
    """A trained suggester for one project at one revision of its codings."""

    def __init__(
        self,
        labels: Sequence[str],
        weights: np.ndarray,
        platt: np.ndarray,
        polarity_weights: np.ndarray | None,
        revision: str,
        texts: Sequence[str],
        informants: Sequence[str],
        codes: Sequence[str],
        words: Sequence[str],
    ) -> None:
        self.labels = tuple(labels)
        self.weights = weights
        self.platt = platt
        self.polarity_weights = polarity_weights
        self.revision = revision
        self.texts = list(texts)
        self.informants = list(informants)
        self.codes = [[tuple(pair.split("=", 1)) for pair in c.split()] for c in codes]
        self.words = list(words)
        self._index()

    def _index(self) -> None:
        postings: dict[str, list[int]] = {}
        for n, line in enumerate(self.words):
            for word in set(line.split()):
                postings.setdefault(word, []).append(n)
        total = max(1, len(self.words))
        self._idf = {w: math.log((1 + total) / (1 + len(rows))) + 1 for w, rows in postings.items()}
        self._postings = {w: np.array(rows) for w, rows in postings.items()}
        norms = np.zeros(len(self.words))
        for n, line in enumerate(self.words):
            norms[n] = math.sqrt(sum(self._idf[w] ** 2 for w in set(line.split()))) or 1.0
        self._norms = norms

    def probabilities(self, rows: Rows) -> np.ndarray:
        """Calibrated probability of each label (columns in ``labels`` order) for each row."""
        scores = rows.dot(self.weights)
        return _sigmoid(scores * self.platt[:, 0] + self.platt[:, 1])

    def polarities(self, rows: Rows) -> np.ndarray | None:
        """Probability of each polarity (``POLARITIES`` order) per row, from the coded examples."""
        if self.polarity_weights is None:
            return None
        return _softmax(rows.dot(self.polarity_weights))

    def similar(
        self, words: Sequence[str], dimension: str, limit: int = 2, text: str = ""
    ) -> list[Similar]:
        """The coded sentences of this dimension most like a sentence (never the same text)."""
        score = np.zeros(len(self.words))
        query = {w for w in words if w in self._postings}
        if not query:
            return []
        for word in query:
            score[self._postings[word]] += self._idf[word] ** 2
        norm = math.sqrt(sum(self._idf[w] ** 2 for w in query))
        score /= self._norms * norm
        out: list[Similar] = []
        for n in np.argsort(-score):
            if score[n] <= 0 or len(out) >= limit:
                break
            code = next((c for c, d in self.codes[n] if d == dimension), None)
            if code is not None and self.texts[n] != text:
                out.append(Similar(self.texts[n], self.informants[n], code, float(score[n])))
        return out

    def save(self, path: Path) -> None:
        """Write the model to ``path`` atomically (a temporary file, then a rename)."""
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(".tmp.npz")
        # Only the columns the training sentences used carry weights: the file keeps those.
        used = np.flatnonzero(np.abs(self.weights).sum(axis=1))
        arrays = {
            "format": np.array([FORMAT]),
            "labels": np.array(self.labels),
            "width": np.array([self.weights.shape[0]]),
            "used": used,
            "weights": self.weights[used].astype(np.float32),
            "platt": self.platt,
            "revision": np.array([self.revision]),
            "texts": np.array(self.texts or [""]),
            "informants": np.array(self.informants or [""]),
            "codes": np.array([" ".join(f"{c}={d}" for c, d in x) for x in self.codes] or [""]),
            "words": np.array(self.words or [""]),
            "count": np.array([len(self.texts)]),
        }
        if self.polarity_weights is not None:
            arrays["polarity"] = self.polarity_weights[used].astype(np.float32)
        with open(partial, "wb") as handle:
            np.savez(handle, **arrays)
        partial.replace(path)

    @staticmethod
    def load(path: Path, revision: str) -> Model | None:
        """Read a saved model; None when missing, unreadable or of another revision."""
        try:
            with np.load(path, allow_pickle=False) as data:
                if int(data["format"][0]) != FORMAT or str(data["revision"][0]) != revision:
                    return None
                count = int(data["count"][0])
                width, used = int(data["width"][0]), data["used"]
                return Model(
                    [str(x) for x in data["labels"]],
                    _scatter(data["weights"], used, width),
                    data["platt"],
                    _scatter(data["polarity"], used, width) if "polarity" in data else None,
                    revision,
                    [str(x) for x in data["texts"][:count]],
                    [str(x) for x in data["informants"][:count]],
                    [str(x) for x in data["codes"][:count]],
                    [str(x) for x in data["words"][:count]],
                )
        except (OSError, ValueError, KeyError):
            return None


def _scatter(rows: np.ndarray, used: np.ndarray, width: int) -> np.ndarray:
    full = np.zeros((width, rows.shape[1]))
    full[used] = rows
    return full


def _targets(examples: Sequence[Example], labels: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    targets = np.zeros((len(examples), len(labels)))
    mask = np.ones_like(targets)
    column = {label: k for k, label in enumerate(labels)}
    for n, example in enumerate(examples):
        for dimension in example.dimensions:
            if dimension in column:
                targets[n, column[dimension]] = 1.0
        if example.effort:
            targets[n, column[EFFORT_LABEL]] = 1.0
        for dimension in example.rejected - example.dimensions:
            if dimension in column:
                mask[n, column[dimension]] = 2.0  # the student said no: a firm negative
    return targets, mask


def _spread(weights: np.ndarray, used: np.ndarray, width: int) -> np.ndarray:
    full = np.zeros((width, weights.shape[1]))
    full[used] = weights
    return full


def train(
    examples: Sequence[Example], dimensions: Sequence[str], width: int, revision: str
) -> Model:
    """Train the label and polarity models on a project's examples and calibrate them."""
    labels = (*dimensions, EFFORT_LABEL)
    stacked = Rows.stack([e.row for e in examples])
    # Fit over the columns the examples use only; the weights are spread back out at the end.
    used, compact = np.unique(stacked.index, return_inverse=True)
    rows = Rows(compact.astype(np.int64), stacked.values, stacked.indptr)
    targets, mask = _targets(examples, labels)
    # Out-of-fold scores (two folds, interleaved) give Platt scaling honest inputs.
    held_out = np.zeros_like(targets)
    order = np.arange(len(examples))
    for fold in (0, 1):
        train_at, test_at = order[order % 2 != fold], order[order % 2 == fold]
        weights = _fit(rows.take(train_at), targets[train_at], mask[train_at], len(used))
        held_out[test_at] = rows.take(test_at).dot(weights)
    platt = np.array(
        [fit_platt(held_out[:, k], targets[:, k]) for k in range(len(labels))], dtype=np.float64
    )
    weights = _spread(_fit(rows, targets, mask, len(used)), used, width)
    polarity_weights = None
    with_polarity = np.array([n for n, e in enumerate(examples) if e.polarity in POLARITIES])
    if len(with_polarity):
        polar = np.zeros((len(with_polarity), len(POLARITIES)))
        for n, at in enumerate(with_polarity):
            polar[n, POLARITIES.index(examples[at].polarity)] = 1.0
        polarity_weights = _spread(
            _fit(rows.take(with_polarity), polar, np.ones_like(polar), len(used), softmax=True),
            used,
            width,
        )
    coded = [e for e in examples if e.codes]
    return Model(
        labels,
        weights,
        platt,
        polarity_weights,
        revision,
        [e.text for e in coded],
        [e.informant for e in coded],
        [" ".join(f"{c}={d}" for c, d in e.codes) for e in coded],
        [" ".join(e.words) for e in coded],
    )

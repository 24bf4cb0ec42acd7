"""From read sentences to proposals: calibrated confidence, abstention, efforts, explanations.

Cold start (no learned model): a dimension's keyword score becomes a probability through Platt
scaling fitted on the demo project's hand codings of the interviews outside the benchmark gold
(``benchmarks/bench_suggest.py --fit`` prints the constants). With a learned model, its
calibrated probabilities replace it. Either way a sentence gets a proposal only when the
probability reaches the threshold chosen on the benchmark's development part, and never when
it is small talk, back-channel or a question. An effort statement is proposed as
``upaya.<dimension>``, never as the dimension too.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from qualcode.core.suggest.engine import Reading, small_talk
from qualcode.core.suggest.features import Featurizer, Rows
from qualcode.core.suggest.learn import EFFORT_LABEL, POLARITIES, Model
from qualcode.core.suggest.matcher import EFFORT, Matcher
from qualcode.core.suggest.similar import Similar
from qualcode.core.suggest.training import dense_of

# Platt scaling of the keyword score (fitted on the demo's hand codings, train half).
COLD_PLATT = (3.875, -2.260)
# Thresholds on the calibrated probability, chosen on the benchmark's development part.
COLD_THRESHOLD = 0.24
LEARNED_THRESHOLD = 0.18
# An effort: the model is sure, or the codebook's effort words are there and the project's own
# codings do not rule it out.
EFFORT_PROBABILITY = 0.5
EFFORT_WITH_WORDS = 0.1
# How much the codebook's calibrated keyword evidence counts beside the learned probability.
KEYWORD_SHARE = 0.5
# How much the lexicon's polarity counts beside the polarity learned from the coded examples.
LEXICON_SHARE = 0.45
SIMILAR_SHOWN = 2


@dataclass(frozen=True, slots=True)
class Proposal:
    """One proposed code for a sentence, with the evidence that explains it."""

    code_id: str
    dimension_id: str
    polarity: str
    confidence: float
    matched: tuple[str, ...]
    similar: tuple[Similar, ...] = ()


def cold_confidence(score: float) -> float:
    """The calibrated probability that a sentence with this keyword score has the dimension."""
    a, b = COLD_PLATT
    return round(1.0 / (1.0 + math.exp(-(a * score + b))), 4)


def _matched(reading: Reading, dimension: str) -> tuple[str, ...]:
    for s in reading.suggestions:
        if s.dimension_id == dimension:
            return s.matched
    return ()


def _keyword_code(reading: Reading, dimension: str) -> str | None:
    for s in reading.suggestions:
        if s.dimension_id == dimension:
            return s.code_id
    return None


def propose_cold(
    reading: Reading, toks: Sequence, *, top_k: int, threshold: float
) -> list[Proposal]:
    """Proposals from the codebook's keywords alone (a project without enough codings)."""
    if small_talk(toks):
        return []
    out = []
    for s in reading.suggestions:
        confidence = cold_confidence(s.score)
        if confidence >= threshold:
            out.append(Proposal(s.code_id, s.dimension_id, s.polarity, confidence, s.matched))
    return out[:top_k]


def propose_learned(
    model: Model,
    matcher: Matcher,
    featurizer: Featurizer,
    read: Sequence[tuple[object, Reading, list]],
    *,
    top_k: int,
    threshold: float,
) -> Iterator[tuple[object, list[Proposal]]]:
    """Proposals from the project's model for a batch of read sentences (row, proposals)."""
    if not read:
        return
    rows = Rows.stack([featurizer.row(toks, dense_of(matcher, r, toks)) for _, r, toks in read])
    probabilities = model.probabilities(rows)
    polarities = model.polarities(rows)
    column = {label: k for k, label in enumerate(model.labels)}
    effort_at = column[EFFORT_LABEL]
    for n, (row, reading, toks) in enumerate(read):
        if small_talk(toks):
            yield row, []
            continue
        keyword = {d.dimension_id: cold_confidence(d.score) for d in reading.ranked}
        ranked = sorted(
            (
                (
                    (1 - KEYWORD_SHARE) * float(probabilities[n, column[d]])
                    + KEYWORD_SHARE * keyword.get(d, 0.0),
                    d,
                )
                for d in matcher.dimension_ids
            ),
            reverse=True,
        )
        polarity = _polarity(reading, None if polarities is None else polarities[n])
        said = any(p.code_id.startswith(EFFORT + ".") for p in reading.suggestions)
        effort = probabilities[n, effort_at] >= (EFFORT_WITH_WORDS if said else EFFORT_PROBABILITY)
        words = featurizer.words(toks)
        out = []
        for confidence, dimension in ranked[:top_k]:
            if confidence < threshold:
                break
            similar = tuple(model.similar(words, dimension, SIMILAR_SHOWN, row.text))
            if effort:
                code = f"{EFFORT}.{dimension}"
                polarity_here = "pendukung" if polarity == "netral" else polarity
            else:
                code = _keyword_code(reading, dimension) or _usual_code(similar, dimension)
                code = dimension if code.startswith(EFFORT + ".") else code
                polarity_here = polarity
            out.append(
                Proposal(
                    code,
                    dimension,
                    polarity_here,
                    round(confidence, 4),
                    _matched(reading, dimension),
                    similar,
                )
            )
        yield row, out


def _polarity(reading: Reading, learned) -> str:
    """The lexicon's reading (negation, contrast, the question) weighed with the project's own."""
    if learned is None:
        return reading.label
    votes = (1 - LEXICON_SHARE) * learned
    votes[POLARITIES.index(reading.label)] += LEXICON_SHARE
    return POLARITIES[int(votes.argmax())]


def _usual_code(similar: Sequence[Similar], dimension: str) -> str:
    """The code the student gave the most similar sentences, else the dimension itself."""
    found = Counter(s.code_id for s in similar if not s.code_id.startswith(EFFORT + "."))
    return found.most_common(1)[0][0] if found else dimension

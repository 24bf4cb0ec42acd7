"""From tokens to ranked suggestions: keyword evidence, the turn's context, and polarity.

A sentence is read the way a coder reads it, in its turn: the interviewer's question before
the answer ("Bagaimana dengan biaya…?") and the sentence just before in the same answer are
weak evidence for the dimension an elliptical sentence ("Nggak ada, Kak.") speaks of. The
context never outweighs a sentence's own keywords; alone it only just clears the threshold.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from qualcode.core.suggest import lexicon
from qualcode.core.suggest.matcher import EFFORT, DimensionScore, Matcher
from qualcode.core.suggest.polarity import Polarity, contains, phrase_at, polarity
from qualcode.core.suggest.tokens import Tok

QUESTION_PRIOR = 0.3
NEIGHBOUR_PRIOR = 0.2
QUESTION_MIN_SCORE = 0.3
EFFORT_MIN_SCORE = 0.3


@dataclass(frozen=True, slots=True)
class Scored:
    """One suggestion for a sentence, before it is tied to a place in the store."""

    code_id: str
    dimension_id: str
    polarity: str
    score: float
    matched: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Reading:
    """How one sentence was read: its suggestions, its own best dimension, its own polarity.

    ``ranked`` holds every dimension's evidence (context included) before any threshold,
    ``label`` the polarity the lexicon and context decide, ``effort`` the effort words' score
    (0 when negated), and ``polarity_score`` the lexicon's signed sum: the learned model reads
    them as features.
    """

    suggestions: list[Scored]
    own: DimensionScore | None
    polarity: str | None
    ranked: tuple[DimensionScore, ...] = ()
    label: str = "netral"
    effort: float = 0.0
    polarity_score: float = 0.0


@dataclass(frozen=True, slots=True)
class Context:
    """What the question before a sentence says: dimension priors and how to read its mood.

    ``polarity`` is the default of a sentence without cues; ``bare_no`` the sense of a bare
    "Nggak ada." (good news when the question asked about costs or problems); ``wish`` is set
    when the question asked for hopes or suggestions, so every answer sentence is a wish.
    """

    priors: tuple[tuple[str, float], ...] = ()
    polarity: str | None = None
    bare_no: str | None = None
    wish: bool = False


def _words(toks: Sequence[Tok], positions: tuple[int, ...]) -> tuple[str, ...]:
    """Matched tokens as words, adjacent tokens joined into one phrase."""
    words: list[str] = []
    last = -2
    for p in positions:
        if p == last + 1 and words:
            words[-1] += " " + toks[p].text
        else:
            words.append(toks[p].text)
        last = p
    return tuple(words)


def decide_polarity(toks: Sequence[Tok], effort: bool, context: Context | None = None) -> str:
    """Polarity of a sentence: a wish counts against, an effort for, else the cues (or context)."""
    return _decide(toks, effort, context or Context())[0]


def _decide(
    toks: Sequence[Tok], effort: bool, context: Context, found: Polarity | None = None
) -> tuple[str, bool]:
    """Return the polarity and whether the sentence itself (not its context) decided it."""
    found = found or polarity(toks)
    if found.wish or context.wish or (found.hope and not effort):
        return "penghambat", True
    if effort:
        return "pendukung", True
    if found.bare_no and context.bare_no is not None:
        return context.bare_no, False
    if found.label == "netral" and not found.cues and context.polarity is not None:
        return context.polarity, False
    return found.label, found.label != "netral"


def score_sentence(
    matcher: Matcher,
    toks: Sequence[Tok],
    *,
    top_k: int,
    threshold: float,
    context: Context = Context(),
) -> Reading:
    """Read one sentence: ranked suggestions, its keyword-only best dimension, its own polarity."""
    every, effort = matcher.score(toks)
    own = every[0] if every and every[0].score >= threshold else None
    if context.priors:
        every = _with_priors(matcher, every, context.priors)
    ranked = [d for d in every if d.score >= threshold][: max(0, top_k)]
    negated = _negated_effort(toks, effort)
    is_effort = effort is not None and effort.score >= EFFORT_MIN_SCORE and not negated
    cues = polarity(toks)
    label, decided = _decide(toks, is_effort, context, cues)
    evidence = {
        "ranked": tuple(every),
        "label": label,
        "effort": 0.0 if effort is None or negated else effort.score,
        "polarity_score": cues.score,
    }
    if not ranked:
        return Reading([], own, label if decided else None, **evidence)
    out = []
    for d in ranked:
        # An effort statement is coded as the effort on its dimension, not as the dimension.
        if is_effort:
            matched = _words(toks, tuple(sorted({*d.positions, *effort.positions})))
            code = f"{EFFORT}.{d.dimension_id}"
        else:
            matched, code = _words(toks, d.positions), d.code_id
        out.append(Scored(code, d.dimension_id, label, d.score, matched))
    return Reading(out, own, label if decided else None, **evidence)


def _with_priors(
    matcher: Matcher, ranked: list[DimensionScore], priors: tuple[tuple[str, float], ...]
) -> list[DimensionScore]:
    by_id = {d.dimension_id: d for d in ranked}
    for dimension_id, prior in priors:
        found = by_id.get(dimension_id)
        if found is None:
            by_id[dimension_id] = DimensionScore(dimension_id, dimension_id, prior, ())
        else:
            score = round(1.0 - (1.0 - found.score) * (1.0 - prior), 4)
            by_id[dimension_id] = DimensionScore(
                dimension_id, found.code_id, score, found.positions
            )
    order = {d: n for n, d in enumerate(matcher.dimension_ids)}
    return sorted(by_id.values(), key=lambda d: (-d.score, order.get(d.dimension_id, 0)))


def question_context(matcher: Matcher, toks: Sequence[Tok]) -> Context:
    """What an interviewer's question says about the answer that follows it."""
    ranked, _effort = matcher.score(toks, topic=True)
    priors: tuple[tuple[str, float], ...] = ()
    if ranked and ranked[0].score >= QUESTION_MIN_SCORE:
        priors = ((ranked[0].dimension_id, QUESTION_PRIOR),)
    default = None
    if contains(toks, lexicon.PROBLEM_QUESTIONS):
        default = "penghambat"
    elif contains(toks, lexicon.PRAISE_QUESTIONS):
        default = "pendukung"
    return Context(priors, default, _bare_no(toks), contains(toks, lexicon.WISH_QUESTIONS))


def _bare_no(toks: Sequence[Tok]) -> str | None:
    """What "Nggak ada." means after this question: the question's cues, negated.

    "Apakah ada biaya / kendala / pungutan?" — "no" is good news; "Ada petunjuk arahnya?" with
    a cue that is good to have — "no" is bad news; a question without cues leaves it open.
    """
    total = 0.0
    for i, tok in enumerate(toks):
        if tok.punct:
            continue
        found = phrase_at(toks, i, lexicon.CUES)
        if found is not None:
            total += lexicon.CUES[found[0]].negated
    if contains(toks, lexicon.PROBLEM_QUESTIONS):
        total += 1.0
    if total > 0:
        return "pendukung"
    if total < 0:
        return "penghambat"
    return None


def _negated_effort(toks: Sequence[Tok], effort: DimensionScore | None) -> bool:
    """ "belum pernah ikut bimtek": an effort word under a negation is no effort made."""
    if effort is None:
        return False
    for p in effort.positions:
        for k in range(max(0, p - 3), p):
            if toks[k].norm in lexicon.NEGATORS:
                return True
    return False


def score_source(
    matcher: Matcher,
    rows: Sequence,
    questions: dict[int, str],
    *,
    top_k: int,
    threshold: float,
) -> Iterator[tuple[object, Reading, list[Tok]]]:
    """Yield (row, reading, tokens) for the codable sentences of a source, in order, in context."""
    question_turns = sorted(questions)
    contexts: dict[int, Context] = {}
    analysed = matcher.analyzer.analyse([questions[i] for i in question_turns])
    for turn_idx, toks in zip(question_turns, analysed, strict=True):
        contexts[turn_idx] = question_context(matcher, toks)
    last_turn, last = -1, Reading([], None, None)
    for row, toks in zip(rows, matcher.analyzer.analyse(r.text for r in rows), strict=True):
        asked = _question_before(question_turns, row.turn_idx)
        base = contexts.get(asked, Context()) if asked is not None else Context()
        priors = dict(base.priors)
        default = base.polarity
        if last_turn == row.turn_idx:
            if last.own is not None:
                dimension = last.own.dimension_id
                priors[dimension] = max(priors.get(dimension, 0.0), NEIGHBOUR_PRIOR)
            default = last.polarity or default
        if _phatic(toks):
            priors = {}
        context = Context(tuple(priors.items()), default, base.bare_no, base.wish)
        reading = score_sentence(matcher, toks, top_k=top_k, threshold=threshold, context=context)
        last_turn, last = row.turn_idx, reading
        yield row, reading, toks


def _phatic(toks: Sequence[Tok]) -> bool:
    """A greeting, thanks or consent ("Siang, Mbak Nadia.", "Boleh, silakan.")."""
    words = [t for t in toks if not t.punct]
    return bool(words) and all(
        t.norm in lexicon.PHATIC or (k > 0 and t.text[:1].isupper()) for k, t in enumerate(words)
    )


def small_talk(toks: Sequence[Tok]) -> bool:
    """A sentence to abstain on: a greeting, back-channel ("Iya.", "Oh gitu.") or a question."""
    words = [t for t in toks if not t.punct]
    if not words or any(t.text == "?" for t in toks[-2:]):
        return True
    return _phatic(toks) or all(
        t.norm in lexicon.BACKCHANNEL or t.norm in lexicon.PHATIC for t in words
    )


def _question_before(question_turns: list[int], turn_idx: int) -> int | None:
    """The interviewer turn right before a turn (the question it answers), if any."""
    from bisect import bisect_left

    at = bisect_left(question_turns, turn_idx)
    return question_turns[at - 1] if at > 0 else None

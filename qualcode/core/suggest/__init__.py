"""Auto-suggest: propose a code and a polarity for informant sentences, to accept or reject.

For each informant (or observation/documentation note) sentence — never an interviewer's — the
codebook's keywords are looked for by form, spaCy lookup lemma, affix-stripped root and typo
(see ``matcher``); the dimension with the strongest evidence wins, coded with its best-matching
indicator. Within a source the sentence is read in its turn: the interviewer's question and the
previous sentence of the answer add weak evidence (see ``engine``). Polarity comes from the cue
lexicon with negation (``polarity``, ``lexicon``); a wish counts as penghambat and an effort as
pendukung, as Miles & Huberman coders of public-service studies read them. Rejected suggestions
are remembered and codings already made are not proposed again.

A suggestion is made only where the evidence is strong (``propose``): its score is a calibrated
probability, greetings, back-channel and questions get none, and an effort is proposed as
``upaya.<dimension>``. Once the project holds enough hand codings, a model trained on them
(``learn``, ``training``; cached by the codings' revision) joins the keywords, and each
suggestion it drives names the most similar sentences the student already coded.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import NamedTuple

from qualcode.core.records import Coding
from qualcode.core.store import codings as codings_sql
from qualcode.core.store import suggest_sql
from qualcode.core.store.db import utc_now
from qualcode.core.suggest.similar import Similar
from qualcode.errors import CodingError
from qualcode.i18n import t

DEFAULT_TOP_K = 2
DEFAULT_THRESHOLD = 0.3  # keyword score floor for a bare sentence (``suggest_sentence``)

__all__ = [
    "DEFAULT_THRESHOLD",
    "DEFAULT_TOP_K",
    "Hint",
    "Similar",
    "Suggestion",
    "accept",
    "accept_many",
    "reject",
    "suggest_all",
    "suggest_for_source",
    "suggest_sentence",
    "suggestion_for",
]


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A proposed coding of one sentence: code, dimension, polarity, confidence and evidence.

    ``score`` is a calibrated probability; ``matched`` the codebook keywords found; ``similar``
    the student's already-coded sentences most like this one when the learned model proposed it.
    """

    source_id: int
    sentence_idx: int
    start: int
    end: int
    code_id: str
    dimension_id: str
    polarity: str
    score: float
    matched: tuple[str, ...]
    text: str = ""
    similar: tuple[Similar, ...] = ()
    learned: bool = False


class Hint(NamedTuple):
    """A suggestion for a bare sentence (no store): code, polarity, score, matched words."""

    code_id: str
    polarity: str
    score: float
    matched: tuple[str, ...]


def suggest_sentence(
    text: str, codebook, *, top_k: int = DEFAULT_TOP_K, threshold: float = DEFAULT_THRESHOLD
) -> list[Hint]:
    """Suggest codes for one sentence of text (pure: no store; for tests and inline hints)."""
    from qualcode.core.suggest.engine import score_sentence
    from qualcode.core.suggest.matcher import matcher_for

    matcher = matcher_for(codebook)
    toks = matcher.analyzer.analyse_one(text)
    found = score_sentence(matcher, toks, top_k=top_k, threshold=threshold).suggestions
    return [Hint(s.code_id, s.polarity, s.score, s.matched) for s in found]


def _check_source(project, source_id: int) -> None:
    if not suggest_sql.source_exists(project.store, source_id):
        raise CodingError(t("suggest.no_source", id=source_id), t("suggest.no_source_hint"))


class _Suggester:
    """One run of suggestions: the codebook's matcher and, when learning, the project's model."""

    def __init__(self, project, learn: bool, top_k: int, threshold: float | None) -> None:
        from qualcode.core.suggest import propose
        from qualcode.core.suggest.features import Featurizer
        from qualcode.core.suggest.matcher import matcher_for
        from qualcode.core.suggest.tokens import TokenStore
        from qualcode.core.suggest.training import model_for

        self.project = project
        self.tokens = TokenStore(project.paths.token_cache)
        self.matcher = matcher_for(project.codebook, self.tokens)
        self.featurizer = Featurizer(len(self.matcher.dimension_ids))
        self.model = model_for(project, self.featurizer) if learn else None
        self.top_k = top_k
        default = propose.LEARNED_THRESHOLD if self.model is not None else propose.COLD_THRESHOLD
        self.threshold = default if threshold is None else threshold

    def source(self, source_id: int, skip: set) -> Iterator[Suggestion]:
        from qualcode.core.suggest import propose
        from qualcode.core.suggest.training import read_sources

        read = list(read_sources(self.project, [source_id]))
        if self.model is not None:
            found = propose.propose_learned(
                self.model,
                self.matcher,
                self.featurizer,
                read,
                top_k=self.top_k,
                threshold=self.threshold,
            )
        else:
            found = (
                (row, propose.propose_cold(r, toks, top_k=self.top_k, threshold=self.threshold))
                for row, r, toks in read
            )
        learned = self.model is not None
        for row, proposals in found:
            for p in proposals:
                if (row.source_id, row.start, row.end, p.code_id) in skip:
                    continue
                yield Suggestion(
                    row.source_id,
                    row.idx,
                    row.start,
                    row.end,
                    p.code_id,
                    p.dimension_id,
                    p.polarity,
                    p.confidence,
                    p.matched,
                    row.text,
                    p.similar,
                    learned,
                )


def suggest_for_source(
    project,
    source_id: int,
    *,
    top_k: int = DEFAULT_TOP_K,
    threshold: float | None = None,
    learn: bool = True,
) -> list[Suggestion]:
    """Suggest codes for every codable sentence of one source, best first within each sentence.

    ``learn`` uses the project's own model once it has enough codings; ``threshold`` (a
    probability) defaults to the one chosen on the benchmark's development part.
    """
    _check_source(project, source_id)
    store = project.store
    skip = codings_sql.rejected_keys(store, source_id) | suggest_sql.coded_keys(store, source_id)
    suggester = _Suggester(project, learn, top_k, threshold)
    found = list(suggester.source(source_id, skip))
    suggester.tokens.save()
    return found


def suggest_all(
    project,
    *,
    top_k: int = DEFAULT_TOP_K,
    threshold: float | None = None,
    learn: bool = True,
    progress: Callable[[int, int, str], None] | None = None,
    cancel: Callable[[], bool] | None = None,
) -> Iterator[Suggestion]:
    """Yield suggestions source by source for the whole project; ``cancel()`` stops between."""
    store = project.store
    ids = suggest_sql.source_ids(store)
    skip = codings_sql.rejected_keys(store) | suggest_sql.coded_keys(store)
    suggester = _Suggester(project, learn, top_k, threshold)
    for done, source_id in enumerate(ids):
        if cancel is not None and cancel():
            return
        if progress is not None:
            progress(done, len(ids), codings_sql.source_label(store, source_id) or str(source_id))
        yield from suggester.source(source_id, skip)
    suggester.tokens.save()
    if progress is not None:
        progress(len(ids), len(ids), "")


def suggestion_for(project, source_id: int, sentence_idx: int, code_id: str) -> Suggestion:
    """Build the suggestion 'code this sentence with this code' (scored even if not proposed)."""
    from qualcode.core.coding.rules import check_code
    from qualcode.core.suggest.engine import decide_polarity, score_source
    from qualcode.core.suggest.matcher import matcher_for
    from qualcode.core.suggest.propose import cold_confidence

    _check_source(project, source_id)
    code_id = check_code(project, code_id)
    store = project.store
    row = suggest_sql.sentence_row(store, source_id, sentence_idx)
    label = codings_sql.source_label(store, source_id)
    if row is None:
        count = store.scalar("SELECT count(*) FROM sentences WHERE source_id = ?", (source_id,))
        raise CodingError(
            t("suggest.no_sentence", n=sentence_idx, source=label, count=count),
            t("suggest.show_hint"),
        )
    if row.kind == "interviewer":
        raise CodingError(
            t("suggest.interviewer", n=sentence_idx, source=label), t("suggest.interviewer_hint")
        )
    matcher = matcher_for(project.codebook)
    rows = suggest_sql.codable_sentences(store, source_id)
    questions = suggest_sql.interviewer_turns(store, source_id)
    found = []
    for candidate, reading, _toks in score_source(
        matcher, rows, questions, top_k=len(matcher.dimension_ids), threshold=0.0
    ):
        if candidate.idx == row.idx:
            found = reading.suggestions
            break
    dimension = _dimension_of(project.codebook, code_id)
    hit = next((s for s in found if s.code_id == code_id), None)
    if hit is None:
        hit = next((s for s in found if s.dimension_id == dimension), None)
    if hit is not None:
        polarity, score, matched = hit.polarity, cold_confidence(hit.score), hit.matched
    else:
        toks = matcher.analyzer.analyse_one(row.text)
        polarity, score, matched = decide_polarity(toks, False), 0.0, ()
    return Suggestion(
        source_id,
        row.idx,
        row.start,
        row.end,
        code_id,
        dimension,
        polarity,
        score,
        matched,
        row.text,
    )


def _dimension_of(codebook, code_id: str) -> str:
    try:
        return codebook.dimension_of(code_id).id
    except CodingError:
        return ""


def accept(
    project, suggestion: Suggestion, *, summary: str | None = None, polarity: str | None = None
) -> Coding:
    """Turn a suggestion into a coding (one event). Its summary is the one given, else empty:
    the sentence is a quote, not a condensed statement, so the coding stays "to condense"."""
    from qualcode.core.coding.operations import add_coding

    return add_coding(
        project,
        suggestion.source_id,
        suggestion.start,
        suggestion.end,
        suggestion.code_id,
        polarity or suggestion.polarity,
        summary or "",
    )


def accept_many(project, suggestions: list[Suggestion]) -> list[Coding]:
    """Accept many suggestions as one event (all or none); each coding is left to condense."""
    from qualcode.core.coding.operations import NewCoding, add_codings

    items = [NewCoding(s.source_id, s.start, s.end, s.code_id, s.polarity) for s in suggestions]
    return add_codings(
        project,
        items,
        action="suggest.accept_many",
        description=t("suggest.event_accept_many", n=len(items)),
    )


def reject(project, suggestion: Suggestion) -> bool:
    """Remember that this code does not fit this span (one event); False if already remembered."""
    store = project.store
    _check_source(project, suggestion.source_id)
    where = codings_sql.source_label(store, suggestion.source_id)
    description = t(
        "suggest.event_reject", code=suggestion.code_id, source=where, n=suggestion.sentence_idx
    )
    with store.transaction("suggest.reject", description) as tx:
        made = codings_sql.reject_suggestion(
            tx,
            suggestion.source_id,
            suggestion.start,
            suggestion.end,
            suggestion.code_id,
            project.user.coder,
            utc_now(),
        )
    return made is not None

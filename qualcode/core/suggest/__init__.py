"""Auto-suggest: propose a code and a polarity for informant sentences, to accept or reject.

For each informant (or observation/documentation note) sentence — never an interviewer's — the
codebook's keywords are looked for by form, spaCy lookup lemma, affix-stripped root and typo
(see ``matcher``); the dimension with the strongest evidence wins, coded with its best-matching
indicator. Within a source the sentence is read in its turn: the interviewer's question and the
previous sentence of the answer add weak evidence (see ``engine``). Polarity comes from the cue
lexicon with negation (``polarity``, ``lexicon``); a wish counts as penghambat and an effort as
pendukung, as Miles & Huberman coders of public-service studies read them. Rejected suggestions
are remembered and codings already made are not proposed again.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import NamedTuple

from qualcode.core.records import Coding
from qualcode.core.store import codings as codings_sql
from qualcode.core.store import suggest_sql
from qualcode.core.store.db import utc_now
from qualcode.errors import CodingError
from qualcode.i18n import t

DEFAULT_TOP_K = 2
DEFAULT_THRESHOLD = 0.3

__all__ = [
    "DEFAULT_THRESHOLD",
    "DEFAULT_TOP_K",
    "Hint",
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
    """A proposed coding of one sentence: code, its dimension, polarity, score and the evidence."""

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


def _suggest_source(
    project, source_id: int, top_k: int, threshold: float, skip: set
) -> Iterator[Suggestion]:
    from qualcode.core.suggest.engine import score_source
    from qualcode.core.suggest.matcher import matcher_for

    matcher = matcher_for(project.codebook)
    rows = suggest_sql.codable_sentences(project.store, source_id)
    questions = suggest_sql.interviewer_turns(project.store, source_id)
    for row, found in score_source(matcher, rows, questions, top_k=top_k, threshold=threshold):
        for s in found:
            if (row.source_id, row.start, row.end, s.code_id) in skip:
                continue
            yield Suggestion(
                row.source_id,
                row.idx,
                row.start,
                row.end,
                s.code_id,
                s.dimension_id,
                s.polarity,
                s.score,
                s.matched,
                row.text,
            )


def suggest_for_source(
    project, source_id: int, *, top_k: int = DEFAULT_TOP_K, threshold: float = DEFAULT_THRESHOLD
) -> list[Suggestion]:
    """Suggest codes for every codable sentence of one source, best first within each sentence."""
    _check_source(project, source_id)
    store = project.store
    skip = codings_sql.rejected_keys(store, source_id) | suggest_sql.coded_keys(store, source_id)
    return list(_suggest_source(project, source_id, top_k, threshold, skip))


def suggest_all(
    project,
    *,
    top_k: int = DEFAULT_TOP_K,
    threshold: float = DEFAULT_THRESHOLD,
    progress: Callable[[int, int, str], None] | None = None,
    cancel: Callable[[], bool] | None = None,
) -> Iterator[Suggestion]:
    """Yield suggestions source by source for the whole project; ``cancel()`` stops between."""
    store = project.store
    ids = suggest_sql.source_ids(store)
    skip = codings_sql.rejected_keys(store) | suggest_sql.coded_keys(store)
    for done, source_id in enumerate(ids):
        if cancel is not None and cancel():
            return
        if progress is not None:
            progress(done, len(ids), codings_sql.source_label(store, source_id) or str(source_id))
        yield from _suggest_source(project, source_id, top_k, threshold, skip)
    if progress is not None:
        progress(len(ids), len(ids), "")


def suggestion_for(project, source_id: int, sentence_idx: int, code_id: str) -> Suggestion:
    """Build the suggestion 'code this sentence with this code' (scored even if not proposed)."""
    from qualcode.core.coding.rules import check_code
    from qualcode.core.suggest.engine import decide_polarity, score_source
    from qualcode.core.suggest.matcher import matcher_for

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
    for candidate, scored in score_source(
        matcher, rows, questions, top_k=len(matcher.dimension_ids), threshold=0.0
    ):
        if candidate.idx == row.idx:
            found = scored
            break
    dimension = _dimension_of(project.codebook, code_id)
    hit = next((s for s in found if s.code_id == code_id), None)
    if hit is None:
        hit = next((s for s in found if s.dimension_id == dimension), None)
    if hit is not None:
        polarity, score, matched = hit.polarity, hit.score, hit.matched
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
    """Turn a suggestion into a coding (one event); the summary defaults to the condensed text."""
    from qualcode.core.coding.operations import add_coding
    from qualcode.core.suggest.summary import condense

    text = suggestion.text or _span_text(project, suggestion)
    return add_coding(
        project,
        suggestion.source_id,
        suggestion.start,
        suggestion.end,
        suggestion.code_id,
        polarity or suggestion.polarity,
        condense(text) if summary is None else summary,
    )


def accept_many(project, suggestions: list[Suggestion]) -> list[Coding]:
    """Accept many suggestions as one event (all or none); summaries are the condensed sentences."""
    from qualcode.core.coding.operations import NewCoding, add_codings
    from qualcode.core.suggest.summary import condense

    items = [
        NewCoding(
            s.source_id,
            s.start,
            s.end,
            s.code_id,
            s.polarity,
            condense(s.text or _span_text(project, s)),
        )
        for s in suggestions
    ]
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


def _span_text(project, suggestion: Suggestion) -> str:
    text = codings_sql.source_text(project.store, suggestion.source_id) or ""
    return text[suggestion.start : suggestion.end]

"""The project's learned suggester: its training sentences, and the model cached by revision.

Once a project holds ``MIN_CODINGS`` hand codings, every source the student has worked on
becomes training data: each of its codable sentences is an example, labelled with the
dimensions of the codings covering it (an effort code also marks it an effort), with the
dimensions of rejected suggestions as firm negatives, and — a sentence the student read past
and left uncoded — as evidence for no code at all. The model is trained on first use and kept
in ``.qualcode/cache/suggest-model.npz`` with the fingerprint of the codings it was trained on;
any coding, rejection or re-import changes the fingerprint, and the next suggestion retrains.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from qualcode.core.store import suggest_sql
from qualcode.core.suggest.engine import Reading, score_source
from qualcode.core.suggest.features import Dense, Featurizer
from qualcode.core.suggest.learn import FORMAT, MIN_CODINGS, Example, Model, train
from qualcode.core.suggest.matcher import EFFORT, Matcher, matcher_for
from qualcode.core.suggest.tokens import Tok
from qualcode.errors import CodingError

KEYWORD_FLOOR = 0.05


def dense_of(matcher: Matcher, reading: Reading, toks: Sequence[Tok]) -> Dense:
    """The dense features of a read sentence (keyword scores in codebook order, lexicon)."""
    scores = {d.dimension_id: d.score for d in reading.ranked}
    return Dense(
        tuple(scores.get(d, 0.0) for d in matcher.dimension_ids),
        reading.effort,
        reading.polarity_score,
        reading.label,
        any(t.text == "?" for t in toks[-2:]),
    )


def read_sources(project, source_ids: Sequence[int]) -> Iterator[tuple[object, Reading, list]]:
    """Read every codable sentence of the sources, in order (row, reading, tokens)."""
    matcher = matcher_for(project.codebook)
    for source_id in source_ids:
        rows = suggest_sql.codable_sentences(project.store, source_id)
        questions = suggest_sql.interviewer_turns(project.store, source_id)
        yield from score_source(
            matcher, rows, questions, top_k=len(matcher.dimension_ids), threshold=KEYWORD_FLOOR
        )


def _covers(decision: suggest_sql.Decision, start: int, end: int) -> bool:
    """A coding covers a sentence when it overlaps half of the shorter of the two."""
    overlap = min(end, decision.end) - max(start, decision.start)
    return overlap > 0 and 2 * overlap >= min(end - start, decision.end - decision.start)


def examples(project, featurizer: Featurizer) -> list[Example]:
    """Every codable sentence of the sources the student has coded or rejected in."""
    codebook = project.codebook
    matcher = matcher_for(codebook)
    decided = suggest_sql.decisions(project.store)
    informants = suggest_sql.informant_labels(project.store)
    out: list[Example] = []
    for row, reading, toks in read_sources(project, sorted(decided)):
        dimensions: set[str] = set()
        rejected: set[str] = set()
        codes: list[tuple[str, str]] = []
        effort = False
        polarity = None
        for decision in decided[row.source_id]:
            if not _covers(decision, row.start, row.end):
                continue
            try:
                dimension = codebook.dimension_of(decision.code_id).id
            except (CodingError, KeyError):
                continue  # a code no longer in the codebook teaches nothing
            if decision.polarity is None:
                rejected.add(dimension)
                continue
            dimensions.add(dimension)
            codes.append((decision.code_id, dimension))
            effort = effort or decision.code_id.startswith(EFFORT + ".")
            polarity = polarity or decision.polarity
        out.append(
            Example(
                featurizer.row(toks, dense_of(matcher, reading, toks)),
                frozenset(dimensions),
                effort,
                polarity,
                frozenset(rejected),
                row.text,
                informants.get(row.source_id, ""),
                tuple(codes),
                tuple(featurizer.words(toks)),
            )
        )
    return out


def revision(project) -> str:
    """The fingerprint the cached model must carry: codings, rejections, codebook, format."""
    codebook = project.codebook
    return f"{FORMAT}:{codebook.id}:{len(codebook.all_codes())}:" + suggest_sql.decisions_revision(
        project.store
    )


def model_for(project, featurizer: Featurizer) -> Model | None:
    """The project's learned model (trained now if the cache is stale); None below the minimum."""
    if suggest_sql.coding_count(project.store) < MIN_CODINGS:
        return None
    wanted = revision(project)
    path = project.paths.suggest_model
    found = Model.load(path, wanted)
    if found is not None:
        return found
    matcher = matcher_for(project.codebook)
    model = train(examples(project, featurizer), matcher.dimension_ids, featurizer.width, wanted)
    try:
        model.save(path)
    except OSError:
        pass  # a read-only project folder: the model serves this run and is retrained next time
    return model

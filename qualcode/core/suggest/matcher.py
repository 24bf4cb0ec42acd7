"""Keyword matching: a codebook's keywords found in a sentence by form, lemma, stem or typo.

A :class:`Matcher` is built once per codebook (and cached on the codebook file's path and
modification time). It indexes every keyword by its first word's normalised form, light form
(without -nya/-lah) and root, so each token costs a few dictionary lookups; words the dictionary
does not know ("komputr", "persyratan") are also compared with rapidfuzz's Levenshtein distance.
Multi-word keywords match as phrases, allowing one extra word inside ("tanda tangan Pak Camat").
A keyword the codebook also uses for other dimensions counts less (see ``specificity``).
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from qualcode.core.suggest.lexicon import EFFORT_STOP_STEMS, STOP_STEMS, WEAK_KEYWORDS
from qualcode.core.suggest.specificity import descriptions, dimension_spread, specificity
from qualcode.core.suggest.tokens import Analyzer, Tok, TokenStore

EFFORT = "upaya"
SINGLE_WEIGHT = 0.5
PHRASE_WEIGHT = 0.7
DIMENSION_WEIGHT = 0.45
PHRASE_GAP = 1
FUZZY_MIN_LENGTH = 6

Q_EXACT = 1.0
Q_LIGHT = 0.95
Q_STEM = 0.85
Q_FUZZY = (0.8, 0.7)  # one edit, two edits


@dataclass(frozen=True, slots=True)
class Keyword:
    """One keyword of one code, analysed into tokens, with its weight as evidence."""

    text: str
    code_id: str
    dimension_id: str | None
    words: tuple[Tok, ...]
    weight: float


@dataclass(frozen=True, slots=True)
class Match:
    """A keyword found in a sentence: which tokens, and how well (1.0 = the exact form)."""

    keyword: Keyword
    positions: tuple[int, ...]
    quality: float

    @property
    def strength(self) -> float:
        return self.keyword.weight * self.quality


@dataclass(frozen=True, slots=True)
class DimensionScore:
    """The evidence for one dimension in a sentence: its best code, score and matched words."""

    dimension_id: str
    code_id: str
    score: float
    positions: tuple[int, ...]


def word_quality(tok: Tok, word: Tok) -> float:
    """How well a sentence token matches a keyword word: 1.0 same form … 0.7 two typos, 0 none."""
    if tok.punct != word.punct:
        return 0.0
    if tok.norm == word.norm:
        return Q_EXACT
    if tok.punct:
        return 0.0
    if tok.light == word.norm or tok.norm == word.light or tok.light == word.light:
        return Q_LIGHT
    if tok.stem == word.stem and len(tok.stem) >= 3 and tok.stem not in STOP_STEMS:
        return Q_STEM
    if (
        not tok.known
        and len(tok.light) >= FUZZY_MIN_LENGTH
        and len(word.norm) >= FUZZY_MIN_LENGTH
        and tok.light[0] == word.norm[0]
    ):
        allowed = _allowed_edits(word.norm)
        distance = Levenshtein.distance(tok.light, word.norm, score_cutoff=allowed)
        if distance <= allowed:
            return Q_FUZZY[min(distance, 2) - 1] if distance else Q_EXACT
    return 0.0


def _allowed_edits(word: str) -> int:
    return 1 if len(word) < 9 else 2


class Matcher:
    """Finds a codebook's keywords in token lists and scores dimensions, codes and efforts."""

    def __init__(self, codebook, store: TokenStore | None = None) -> None:
        self.codebook = codebook
        specs: list[tuple[str, str, str | None, float]] = []
        for code in codebook.all_codes():
            if code.kind == "dimension":
                specs += [(k, code.id, code.id, DIMENSION_WEIGHT) for k in code.keywords]
            elif code.kind == "indicator":
                specs += [(k, code.id, code.parent, SINGLE_WEIGHT) for k in code.keywords]
            if code.kind in ("dimension", "indicator") and len(code.label.split()) > 1:
                # A label said in full ("waktu penyelesaian", "sikap dan keramahan") names the code.
                specs.append((code.label, code.id, code.parent or code.id, PHRASE_WEIGHT))
        efforts = codebook.efforts()
        if efforts:
            specs += [(k, EFFORT, None, SINGLE_WEIGHT) for k in efforts[0].keywords]
        vocabulary = {w.lower() for text, *_ in specs for w in text.replace("-", " ").split()}
        vocabulary |= {text.lower() for text, *_ in specs if " " not in text}
        self.analyzer = Analyzer(vocabulary, store)
        self.keywords = self._build(specs)
        self._first: dict[str, list[int]] = {}
        for index, keyword in enumerate(self.keywords):
            head = keyword.words[0]
            for form in {head.norm, head.light, head.stem}:
                self._first.setdefault(form, []).append(index)
        self._fuzzy_heads = sorted(
            {k.words[0].norm for k in self.keywords if len(k.words[0].norm) >= FUZZY_MIN_LENGTH}
        )
        self._fuzzy_cache: dict[str, tuple[int, ...]] = {}
        self.dimension_ids = tuple(d.id for d in codebook.dimensions)
        # A question names its topic: there, the keywords keep their weight without specificity.
        self._topic_keywords = self.keywords
        self.spread = tuple(dimension_spread(self, descriptions(codebook)))
        self.keywords = tuple(
            replace(k, weight=k.weight * specificity(n, len(self.dimension_ids)))
            if k.dimension_id is not None
            else k
            for k, n in zip(self.keywords, self.spread, strict=True)
        )
        self._order = {code.id: n for n, code in enumerate(codebook.all_codes())}

    def _build(self, specs: list[tuple[str, str, str | None, float]]) -> tuple[Keyword, ...]:
        analysed = list(self.analyzer.analyse(text for text, *_ in specs))
        keywords: dict[tuple[str, str], Keyword] = {}
        for (text, code_id, dimension, base), words in zip(specs, analysed, strict=True):
            words = [w for w in words if not (w.punct and w.norm in ".,;:")]
            if not words:
                continue
            key = " ".join(w.norm for w in words)
            weight = PHRASE_WEIGHT if len(words) > 1 else base
            weight *= WEAK_KEYWORDS.get(key, 1.0)
            found = keywords.get((key, code_id))
            if found is None or found.weight < weight:
                keywords[(key, code_id)] = Keyword(text, code_id, dimension, tuple(words), weight)
        return tuple(keywords.values())

    # -- matching ------------------------------------------------------------------------------
    def _heads(self, tok: Tok) -> set[int]:
        found: set[int] = set()
        for form in (
            (tok.norm, tok.light) if tok.stem in STOP_STEMS else (tok.norm, tok.light, tok.stem)
        ):
            found.update(self._first.get(form, ()))
        if not tok.known and not tok.punct and len(tok.light) >= FUZZY_MIN_LENGTH:
            found.update(self._fuzzy(tok.light))
        return found

    def _fuzzy(self, word: str) -> tuple[int, ...]:
        cached = self._fuzzy_cache.get(word)
        if cached is None:
            heads = process.extract(
                word, self._fuzzy_heads, scorer=Levenshtein.distance, score_cutoff=2, limit=None
            )
            cached = tuple(
                index
                for head, distance, _ in heads
                if distance <= _allowed_edits(head) and head[0] == word[0]
                for index in self._first.get(head, ())
            )
            if len(self._fuzzy_cache) > 100_000:
                self._fuzzy_cache.clear()
            self._fuzzy_cache[word] = cached
        return cached

    def matches(self, toks: Sequence[Tok], *, topic: bool = False) -> list[Match]:
        """Return every keyword occurrence in the tokens (``topic``: weighted as in a question)."""
        keywords = self._topic_keywords if topic else self.keywords
        found: list[Match] = []
        for i, tok in enumerate(toks):
            if tok.punct:
                continue
            for index in self._heads(tok):
                keyword = keywords[index]
                match = self._match_at(toks, i, keyword)
                if match is not None:
                    found.append(match)
        return found

    def _match_at(self, toks: Sequence[Tok], i: int, keyword: Keyword) -> Match | None:
        quality = word_quality(toks[i], keyword.words[0])
        if quality <= 0:
            return None
        positions = [i]
        j = i + 1
        gaps = 0
        for word in keyword.words[1:]:
            while True:
                if j >= len(toks):
                    return None
                q = word_quality(toks[j], word)
                if q > 0:
                    quality = min(quality, q)
                    positions.append(j)
                    j += 1
                    break
                if gaps >= PHRASE_GAP or toks[j].punct:
                    return None
                gaps += 1
                j += 1
        return Match(keyword, tuple(positions), quality * (0.9 if gaps else 1.0))

    # -- scoring -------------------------------------------------------------------------------
    def score(
        self, toks: Sequence[Tok], *, topic: bool = False
    ) -> tuple[list[DimensionScore], DimensionScore | None]:
        """Rank the dimensions a sentence speaks of (best first) and score effort words.

        ``topic`` scores an interviewer's question, whose generic words ("petugasnya?") name
        the dimension asked about, so they keep their weight.
        """
        by_dimension: dict[str, list[Match]] = {}
        effort: list[Match] = []
        for match in self.matches(toks, topic=topic):
            if match.keyword.code_id == EFFORT:
                if not _everyday_root(toks, match):
                    effort.append(match)
            else:
                by_dimension.setdefault(match.keyword.dimension_id or "", []).append(match)
        ranked: list[DimensionScore] = []
        for dimension_id, matches in by_dimension.items():
            score, positions = _combine(matches)
            ranked.append(
                DimensionScore(
                    dimension_id, self._best_code(dimension_id, matches), score, positions
                )
            )
        ranked.sort(key=lambda d: (-d.score, self._order.get(d.dimension_id, 0)))
        effort_score = None
        if effort:
            score, positions = _combine(effort)
            effort_score = DimensionScore("", EFFORT, score, positions)
        return ranked, effort_score

    def _best_code(self, dimension_id: str, matches: list[Match]) -> str:
        by_code: dict[str, list[Match]] = {}
        for match in matches:
            if match.keyword.code_id != dimension_id:
                by_code.setdefault(match.keyword.code_id, []).append(match)
        if not by_code:
            return dimension_id
        return max(
            by_code,
            key=lambda code: (
                _combine(by_code[code])[0],
                len(by_code[code]),
                -self._order.get(code, 0),
            ),
        )


def _everyday_root(toks: Sequence[Tok], match: Match) -> bool:
    """ "gantian" (taking turns) is no "mengganti", "baik" no "perbaikan": an effort word met
    only by a root that everyday words share is no effort."""
    return match.quality <= Q_STEM and any(
        toks[p].stem in EFFORT_STOP_STEMS and toks[p].light != w.norm
        for p, w in zip(match.positions, match.keyword.words, strict=False)
    )


def _combine(matches: list[Match]) -> tuple[float, tuple[int, ...]]:
    """Noisy-or of the strongest matches that do not share a token; return score and tokens."""
    taken: set[int] = set()
    missing = 1.0
    for match in sorted(matches, key=lambda m: -m.strength):
        if taken.intersection(match.positions):
            continue
        taken.update(match.positions)
        missing *= 1.0 - match.strength
    return round(1.0 - missing, 4), tuple(sorted(taken))


_lock = threading.Lock()
_matchers: dict[tuple, Matcher] = {}


def matcher_for(codebook, store: TokenStore | None = None) -> Matcher:
    """Return the (cached) matcher for a codebook, keyed by its file's path and mtime.

    ``store`` (a project's tokenised texts) serves the matcher's analyzer from now on.
    """
    path: Path | None = getattr(codebook, "path", None)
    if path is not None and Path(path).exists():
        key: tuple = (str(path), Path(path).stat().st_mtime_ns, codebook.id)
    else:
        key = ("<memory>", id(codebook))
    found = _matchers.get(key)
    if found is not None and (path is not None or found.codebook is codebook):
        if store is not None:
            found.analyzer.store = store
        return found
    with _lock:
        found = _matchers.get(key)
        if found is None or (path is None and found.codebook is not codebook):
            if len(_matchers) > 16:
                _matchers.clear()
            found = Matcher(codebook, store)
            _matchers[key] = found
    if store is not None:
        found.analyzer.store = store
    return found

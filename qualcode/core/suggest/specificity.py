"""How specific a keyword is to its dimension, read from the codebook itself (an IDF weight).

A keyword the codebook also uses when it describes other dimensions — "petugas" in the
definitions of prosedur, waktu, biaya and sarana; "dokumen" in those of prosedur and waktu;
"jadi" almost everywhere — tells what a sentence is about, not which aspect it judges, so it is
weaker evidence than one only its own dimension uses ("genset", "pungli"). The spread of a
keyword is the number of dimensions whose labels, definitions, examples or keyword lists it is
found in (by the same form, lemma, stem and typo matching used on sentences), its own included;
the weight is an inverse document frequency over dimensions, scaled so a keyword of one
dimension keeps its full weight. Only the codebook is read, never a transcript or a coder's
labels, so the weight is the same in every project that uses the codebook.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any, Protocol

from qualcode.core.suggest.tokens import Analyzer, Tok


class _Matching(Protocol):
    """What the spread needs of a matcher (the matcher module builds on this one)."""

    keywords: Sequence[Any]
    analyzer: Analyzer

    def matches(self, toks: Sequence[Tok]) -> Sequence[Any]: ...


def descriptions(codebook) -> dict[str, list[str]]:
    """Each dimension's own words: the labels, definitions, examples and keywords of its codes."""
    texts: dict[str, list[str]] = {}
    for code in codebook.all_codes():
        if code.kind not in ("dimension", "indicator"):
            continue
        own = texts.setdefault(code.parent or code.id, [])
        own += [text for text in (code.label, code.definition, code.example) if text]
        own += list(code.keywords)
    return texts


def dimension_spread(matcher: _Matching, texts: dict[str, list[str]]) -> list[int]:
    """Count, for every keyword of the matcher, the dimensions whose texts it is found in."""
    found: dict[int, set[str]] = {}
    index = {id(k): n for n, k in enumerate(matcher.keywords)}
    for dimension_id, own in texts.items():
        for toks in matcher.analyzer.analyse(own):
            for match in matcher.matches(toks):
                found.setdefault(index[id(match.keyword)], set()).add(dimension_id)
    spread = []
    for n, keyword in enumerate(matcher.keywords):
        dims = found.get(n, set())
        if keyword.dimension_id is not None:
            dims = dims | {keyword.dimension_id}
        spread.append(max(1, len(dims)))
    return spread


def specificity(spread: int, dimensions: int) -> float:
    """(1 + ln(N/s)) / (1 + ln N): 1.0 for one dimension of six, 0.75 for two, 0.42 for five."""
    if dimensions <= 1 or spread <= 1:
        return 1.0
    spread = min(spread, dimensions)
    return (1.0 + math.log(dimensions / spread)) / (1.0 + math.log(dimensions))

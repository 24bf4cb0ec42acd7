"""The agreement report: overall, per dimension and per code, at sentence and character level.

Per code and per dimension the question is presence/absence on each unit; overall it is the
whole set of codes a unit got (a nominal category per unit). Polarity agreement counts the
(unit, code) pairs both coders coded alike and how many of those got the same polarity.
Consensus decisions replace both coders' values on the decided units, so the same function
gives the figures before consensus (no decisions) and after it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from qualcode.core.agreement.stats import Figures, binary_table, figures
from qualcode.core.agreement.units import (
    EMPTY,
    SourceMaterial,
    Value,
    align,
    character_segments,
    codes_of,
    consensus,
)

OVERALL = "*"
CHOICES = ("a", "b", "both", "neither")
# A decision names a unit by (source path, unit start, unit end).
UnitKey = tuple[str, int, int]


@dataclass(frozen=True, slots=True)
class AgreementRow:
    """One line of the report: overall, a dimension, or a code."""

    key: str
    level: str  # "overall" | "dimension" | "code"
    sentences: Figures
    characters: Figures
    marked_first: int  # sentences coder A gave this code (overall: any code)
    marked_second: int
    characters_marked: tuple[int, int]  # the same, in characters, for A and B
    polarity_pairs: int  # (sentence, code) pairs both coders coded alike
    polarity_agreed: int

    @property
    def polarity_percent(self) -> float | None:
        if not self.polarity_pairs:
            return None
        return 100.0 * self.polarity_agreed / self.polarity_pairs


@dataclass(frozen=True, slots=True)
class Disagreement:
    """A sentence the two coders coded differently (codes or polarity)."""

    source: str
    label: str
    index: int
    start: int
    end: int
    first: tuple[tuple[str, str], ...]
    second: tuple[tuple[str, str], ...]
    choice: str | None = None  # the consensus decision, once made

    @property
    def key(self) -> UnitKey:
        return (self.source, self.start, self.end)


@dataclass(frozen=True, slots=True)
class AgreementReport:
    """Figures for every row, and every disagreement, of one comparison."""

    sources: tuple[str, ...]
    units: int
    characters: int
    rows: tuple[AgreementRow, ...]
    disagreements: tuple[Disagreement, ...]
    decided: int = 0

    def row(self, key: str) -> AgreementRow:
        """Return the row of a code, a dimension, or ``OVERALL``."""
        for row in self.rows:
            if row.key == key:
                return row
        raise KeyError(key)


class _Tally:
    """Counts of one level of the report, fed observations (weight, A's set, B's set)."""

    def __init__(self) -> None:
        self.overall: Counter[tuple[frozenset[str], frozenset[str]]] = Counter()
        self.both: Counter[str] = Counter()
        self.first: Counter[str] = Counter()
        self.second: Counter[str] = Counter()
        self.total = 0

    def add(self, weight: int, first: frozenset[str], second: frozenset[str]) -> None:
        self.total += weight
        self.overall[(first, second)] += weight
        for key in first:
            self.first[key] += weight
        for key in second:
            self.second[key] += weight
        for key in first & second:
            self.both[key] += weight

    def table(self, key: str) -> dict:
        both = self.both[key]
        first, second = self.first[key] - both, self.second[key] - both
        return binary_table(both, first, second, self.total - both - first - second)

    def marked(self, key: str) -> tuple[int, int]:
        """How much each coder marked with ``key`` (overall: with any code)."""
        if key != OVERALL:
            return self.first[key], self.second[key]
        first = self.total - sum(n for (a, _), n in self.overall.items() if not a)
        second = self.total - sum(n for (_, b), n in self.overall.items() if not b)
        return first, second

    def figures(self, key: str) -> Figures:
        return figures(self.overall) if key == OVERALL else figures(self.table(key))


def compare(
    materials: Sequence[SourceMaterial],
    group_of: Callable[[str], str],
    order: Callable[[str], tuple[int, str]],
    decisions: Mapping[UnitKey, str] | None = None,
) -> AgreementReport:
    """Return the report of two coders over ``materials``; ``decisions`` applies consensus.

    ``group_of`` maps a code to its dimension; ``order`` sorts codes and dimensions.
    """
    decisions = decisions or {}
    sentence_codes, sentence_groups = _Tally(), _Tally()
    char_codes, char_groups = _Tally(), _Tally()
    polarity_pairs: Counter[str] = Counter()
    polarity_agreed: Counter[str] = Counter()
    disagreements: list[Disagreement] = []
    groups: dict[frozenset[str], frozenset[str]] = {}

    def grouped(codes: frozenset[str]) -> frozenset[str]:
        found = groups.get(codes)
        if found is None:
            found = groups[codes] = frozenset(group_of(c) for c in codes)
        return found

    def count(tally: _Tally, group_tally: _Tally, w: int, a: frozenset, b: frozenset) -> None:
        tally.add(w, a, b)
        group_tally.add(w, grouped(a), grouped(b))

    decided = 0
    for material in materials:
        aligned = align(material)
        for i, unit in enumerate(material.units):
            first, second = aligned.first[i], aligned.second[i]
            choice = decisions.get((material.path, unit.start, unit.end))
            if first != second:
                disagreements.append(
                    Disagreement(
                        material.path,
                        material.label,
                        unit.index,
                        unit.start,
                        unit.end,
                        _sorted_pairs(first, order),
                        _sorted_pairs(second, order),
                        choice,
                    )
                )
                if choice is not None:
                    decided += 1
                    first = second = consensus(first, second, choice)
            count(sentence_codes, sentence_groups, 1, codes_of(first), codes_of(second))
            _count_polarity(first, second, group_of, polarity_pairs, polarity_agreed)
            pieces = aligned.pieces.get(i)
            if choice is not None or not pieces:
                codes = codes_of(first)
                count(char_codes, char_groups, unit.length, codes, codes_of(second))
                continue
            for length, a, b in character_segments(unit, pieces):
                count(char_codes, char_groups, length, a, b)
    codes = sorted(set(sentence_codes.first) | set(sentence_codes.second), key=order)
    dims = sorted(set(sentence_groups.first) | set(sentence_groups.second), key=order)
    rows = [_row(OVERALL, "overall", sentence_codes, char_codes, polarity_pairs, polarity_agreed)]
    for dim in dims:
        rows.append(
            _row(dim, "dimension", sentence_groups, char_groups, polarity_pairs, polarity_agreed)
        )
        for code in codes:
            if group_of(code) == dim:
                rows.append(
                    _row(code, "code", sentence_codes, char_codes, polarity_pairs, polarity_agreed)
                )
    return AgreementReport(
        sources=tuple(m.path for m in materials),
        units=sentence_codes.total,
        characters=char_codes.total,
        rows=tuple(rows),
        disagreements=tuple(disagreements),
        decided=decided,
    )


def _sorted_pairs(value: Value, order: Callable[[str], tuple[int, str]]) -> tuple:
    return tuple(sorted(value, key=lambda pair: (order(pair[0]), pair[1])))


def _count_polarity(
    first: Value,
    second: Value,
    group_of: Callable[[str], str],
    pairs: Counter[str],
    agreed: Counter[str],
) -> None:
    if first is EMPTY or second is EMPTY:
        return
    shared = codes_of(first) & codes_of(second)
    for code in shared:
        same = {p for c, p in first if c == code} == {p for c, p in second if c == code}
        for key in (OVERALL, group_of(code), code):
            pairs[key] += 1
            agreed[key] += same


def _row(
    key: str,
    level: str,
    sentences: _Tally,
    characters: _Tally,
    polarity_pairs: Counter[str],
    polarity_agreed: Counter[str],
) -> AgreementRow:
    marked_first, marked_second = sentences.marked(key)
    return AgreementRow(
        key,
        level,
        sentences.figures(key),
        characters.figures(key),
        marked_first,
        marked_second,
        characters.marked(key),
        polarity_pairs[key],
        polarity_agreed[key],
    )


def codebook_order(codebook) -> tuple[Callable[[str], str], Callable[[str], tuple[int, str]]]:
    """Return (group_of, order) for a codebook: a code's dimension, and codebook order."""
    from qualcode.core.codebook.model import EFFORT_CATEGORY_ID

    place = {code.id: n for n, code in enumerate(codebook.all_codes())}
    cache: dict[str, str] = {}

    def group_of(code_id: str) -> str:
        found = cache.get(code_id)
        if found is None:
            if not codebook.has(code_id):
                found = code_id
            else:
                code = codebook.code(code_id)
                if code.kind == "indicator":
                    found = code.parent or code_id
                elif code.kind in ("effort", "effort_category"):
                    found = EFFORT_CATEGORY_ID
                else:
                    found = code_id
            cache[code_id] = found
        return found

    def order(code_id: str) -> tuple[int, str]:
        return place.get(code_id, len(place)), code_id

    return group_of, order


def decided_keys(disagreements: Iterable[Disagreement]) -> dict[UnitKey, str]:
    """Return the decisions carried by a list of disagreements."""
    return {d.key: d.choice for d in disagreements if d.choice is not None}

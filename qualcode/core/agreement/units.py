"""Alignment of two coders' codings on the units of a source: sentences, and characters.

A coding marks a sentence when it covers at least half of it, or lies wholly inside it, so a
coding that spills a few characters into the next sentence does not mark that sentence too.
At character level every character of a sentence counts on its own (text between sentences and
interviewer turns is not a unit).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

# A unit's value for one coder: the (code, polarity) pairs that mark it.
Value = frozenset[tuple[str, str]]
EMPTY: Value = frozenset()


@dataclass(frozen=True, slots=True)
class Mark:
    """One coder's coding as compared: span, code, polarity, and its summary and coder."""

    start: int
    end: int
    code: str
    polarity: str
    summary: str = ""
    coder: str = ""


@dataclass(frozen=True, slots=True)
class Unit:
    """A sentence of a codable turn: the unit of comparison."""

    index: int
    start: int
    end: int

    @property
    def length(self) -> int:
        return self.end - self.start


@dataclass(frozen=True, slots=True)
class SourceMaterial:
    """A compared source: its path and label, its units, and both coders' codings on it."""

    path: str
    label: str
    units: tuple[Unit, ...]
    first: tuple[Mark, ...]
    second: tuple[Mark, ...]


def marks_unit(mark: Mark, unit: Unit) -> bool:
    """Tell whether a coding marks a sentence (covers half of it, or lies inside it)."""
    overlap = min(mark.end, unit.end) - max(mark.start, unit.start)
    if overlap <= 0:
        return False
    inside = mark.start >= unit.start and mark.end <= unit.end
    return inside or 2 * overlap >= unit.length


def _overlapping(units: Sequence[Unit], ends: list[int], mark: Mark) -> Iterator[int]:
    i = bisect_right(ends, mark.start)
    while i < len(units) and units[i].start < mark.end:
        yield i
        i += 1


@dataclass(slots=True)
class Aligned:
    """Per unit: each coder's value, and the coded pieces (for the character view)."""

    first: list[Value]
    second: list[Value]
    pieces: dict[int, list[tuple[int, int, int, str]]]  # unit -> (start, end, coder 0/1, code)


def align(material: SourceMaterial) -> Aligned:
    """Return both coders' values on every unit of a source, and the pieces inside units."""
    units = material.units
    ends = [u.end for u in units]
    values: list[list[set[tuple[str, str]]]] = [[set() for _ in units] for _ in (0, 1)]
    pieces: dict[int, list[tuple[int, int, int, str]]] = {}
    for who, marks in enumerate((material.first, material.second)):
        for mark in marks:
            for i in _overlapping(units, ends, mark):
                unit = units[i]
                lo, hi = max(mark.start, unit.start), min(mark.end, unit.end)
                pieces.setdefault(i, []).append((lo, hi, who, mark.code))
                if marks_unit(mark, unit):
                    values[who][i].add((mark.code, mark.polarity))
    return Aligned(
        [frozenset(v) if v else EMPTY for v in values[0]],
        [frozenset(v) if v else EMPTY for v in values[1]],
        pieces,
    )


def character_segments(
    unit: Unit, pieces: Sequence[tuple[int, int, int, str]]
) -> Iterator[tuple[int, frozenset[str], frozenset[str]]]:
    """Yield (length, codes of A, codes of B) for each stretch of a unit where neither changes."""
    bounds = sorted({unit.start, unit.end, *(p[0] for p in pieces), *(p[1] for p in pieces)})
    for lo, hi in zip(bounds, bounds[1:], strict=False):
        first = frozenset(p[3] for p in pieces if p[2] == 0 and p[0] <= lo and p[1] >= hi)
        second = frozenset(p[3] for p in pieces if p[2] == 1 and p[0] <= lo and p[1] >= hi)
        yield hi - lo, first, second


def codes_of(value: Value) -> frozenset[str]:
    """Return the codes of a unit's value, without polarities."""
    return frozenset(code for code, _ in value)


def consensus(first: Value, second: Value, choice: str) -> Value:
    """Return a unit's value after a consensus decision: keep A, B, both, or neither."""
    if choice == "a":
        return first
    if choice == "b":
        return second
    if choice == "both":
        return first | second
    if choice == "neither":
        return first & second
    raise ValueError(choice)

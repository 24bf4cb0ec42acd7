"""Find a coded quote again in a source text that may have changed since the coding was made.

Used when codings are loaded from a snapshot: offsets are tried first, then the exact quote
nearest the old place, then the quote with its whitespace reflowed, then a fuzzy match
(rapidfuzz). A quote that cannot be found is reported as gone; the caller keeps and flags it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

FUZZY_THRESHOLD = 85.0
"""Lowest rapidfuzz partial-ratio (0–100) at which a changed quote counts as found."""

_WINDOW = 2000


@dataclass(frozen=True, slots=True)
class Anchor:
    """Where a quote sits in the text now: ``how`` is ok, moved, fuzzy or gone."""

    start: int
    end: int
    how: str
    score: float = 100.0


def _nearest(positions: list[int], start: int) -> int:
    return min(positions, key=lambda p: (abs(p - start), p))


def _occurrences(text: str, quote: str, limit: int = 1000) -> list[int]:
    found: list[int] = []
    pos = text.find(quote)
    while pos != -1 and len(found) < limit:
        found.append(pos)
        pos = text.find(quote, pos + 1)
    return found


def _snap(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen a span to whole words, then trim surrounding whitespace."""
    while start > 0 and text[start - 1].isalnum() and text[start].isalnum():
        start -= 1
    while end < len(text) and text[end].isalnum() and text[end - 1].isalnum():
        end += 1
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _fuzzy(text: str, quote: str, lo: int, hi: int) -> tuple[int, int, float] | None:
    from rapidfuzz import fuzz

    hay = text[lo:hi]
    if not hay.strip():
        return None
    result = fuzz.partial_ratio_alignment(quote, hay, score_cutoff=FUZZY_THRESHOLD)
    if result is None or result.score < FUZZY_THRESHOLD:
        return None
    start, end = _snap(text, lo + result.dest_start, lo + result.dest_end)
    if start >= end:
        return None
    return start, end, float(result.score)


def find_quote(text: str, start: int, end: int, quote: str) -> Anchor:
    """Locate ``quote`` in ``text``, preferring its old offsets and the nearest occurrence."""
    if 0 <= start < end <= len(text) and text[start:end] == quote:
        return Anchor(start, end, "ok")
    if not quote.strip():
        return Anchor(start, end, "gone", 0.0)
    positions = _occurrences(text, quote)
    if positions:
        best = _nearest(positions, start)
        return Anchor(best, best + len(quote), "moved")
    words = quote.split()
    pattern = re.compile(r"\s+".join(re.escape(w) for w in words))
    spans = [(m.start(), m.end()) for m in pattern.finditer(text)]
    if spans:
        best = min(spans, key=lambda s: (abs(s[0] - start), s[0]))
        return Anchor(best[0], best[1], "moved")
    reach = max(_WINDOW, 3 * len(quote))
    lo, hi = max(0, start - reach), min(len(text), max(end, start) + reach)
    found = _fuzzy(text, quote, lo, hi)
    if found is None and (lo > 0 or hi < len(text)):
        found = _fuzzy(text, quote, 0, len(text))
    if found is not None:
        return Anchor(found[0], found[1], "fuzzy", found[2])
    return Anchor(start, end, "gone", 0.0)


def clamp(text_length: int, start: int, end: int) -> tuple[int, int]:
    """Keep a lost coding's span inside the text (and non-empty) so it can still be stored."""
    start = min(max(start, 0), max(text_length - 1, 0))
    end = max(min(end, text_length), start + 1)
    return start, end

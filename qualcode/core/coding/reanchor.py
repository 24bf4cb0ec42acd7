"""Re-anchoring: move every coding onto a new version of its source's text; never drop one.

A student fixes typos in a transcript and imports it again. Each coding's span is mapped through
an alignment of the old text to the new one (``alignment.OffsetMap``) and accepted when the text
there is still its quote, or close enough. Otherwise the quote is looked for elsewhere (exactly,
the occurrence nearest the old place first; then fuzzily). A coding whose text is gone keeps its
quote and is flagged for review, on a valid span near where it was.

Similarity is rapidfuzz's ``ratio`` (normalised indel similarity, 0-100). For two texts of
length L that differ by k substituted characters it is about 100 * (1 - k / L), so the
threshold of 85 accepts up to ~15% changed characters: typo fixes ("pelayann" → "pelayanan",
"antri" → "antre") and spelling changes pass even in a 20-character quote, while a rewritten
sentence or an inserted clause does not and is flagged for the student to look at.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from rapidfuzz import fuzz
from rapidfuzz.distance import Indel

from qualcode.core.coding.alignment import OffsetMap

SIMILARITY_THRESHOLD = 85.0
# Below the threshold but at least this similar, the text at the old place is "changed", not gone.
CHANGED_THRESHOLD = 50.0
# Shorter quotes are only ever found exactly elsewhere: fuzzy matches of a few words are noise.
MIN_FUZZY_LENGTH = 12
# How far around the old place a fuzzy search looks before it searches the whole text.
SEARCH_MARGIN = 2_000
# How far beyond a coding (plus its own length) an ambiguous alignment is looked at, and the
# largest window (old length * new length) compared; ~20 ms at the limit.
AMBIGUITY_PAD = 64
AMBIGUITY_WINDOW_LIMIT = 20_000 * 20_000
MAX_AMBIGUOUS_CANDIDATES = 50
# Flag reasons (catalogue keys of reanchor.yaml).
REASON_GONE = "gone"
REASON_CHANGED = "changed"

Status = Literal["unchanged", "moved", "flagged"]


@dataclass(frozen=True, slots=True)
class Span:
    """A coding as stored: its id, offsets into the old text, and the text it coded."""

    id: int
    start: int
    end: int
    quote: str


@dataclass(frozen=True, slots=True)
class Anchor:
    """Where a coding goes in the new text, and how sure that is.

    ``quote`` is the text at the new span, except for a flagged coding, which keeps its old
    quote so the student sees what was coded. ``score`` is the similarity (0-100) of the text
    accepted, or of the best candidate found for a flagged coding; ``reason`` is empty unless
    flagged (``REASON_GONE`` or ``REASON_CHANGED``).
    """

    id: int
    start: int
    end: int
    quote: str
    status: Status
    score: float = 100.0
    reason: str = ""


def plan_reanchor(
    old_text: str, new_text: str, spans: Sequence[Span], offsets: OffsetMap | None = None
) -> list[Anchor]:
    """Compute where each span goes in the new text (pure; one Anchor per span, same order)."""
    if not spans:
        return []
    offsets = offsets or OffsetMap(old_text, new_text)
    return [_anchor(span, old_text, new_text, offsets) for span in spans]


def _anchor(span: Span, old: str, new: str, offsets: OffsetMap) -> Anchor:
    start = min(max(span.start, 0), len(old))
    end = min(max(span.end, start), len(old))
    quote = span.quote or old[start:end]
    if end <= start or not quote:
        return _flag(span, new, offsets.approx(start), REASON_GONE, 0.0)
    ns = min(offsets.start(start), len(new))
    ne = min(max(offsets.end(end), ns), len(new))
    here = new[ns:ne]
    if here == quote:
        return _moved(span, ns, ne, quote)
    exact = _nearest(new, quote, ns)
    if exact is not None and exact < ne and exact + len(quote) > ns:
        return _moved(span, exact, exact + len(quote), quote)
    ns, ne = _snap(old, start, end, new, ns, ne)
    here = new[ns:ne]
    score = _similarity(quote, here) if ne > ns else 0.0
    if exact is not None and abs(exact - ns) <= len(quote):
        # The exact text right beside the aligned place beats a near copy there (repetitive
        # text can make the alignment land a few characters off).
        return _moved(span, exact, exact + len(quote), quote)
    # Repeated words make alignments ambiguous: one about as good as ours may keep the quote
    # whole (even when the text here differs only in whitespace, it may be another utterance).
    intact, nearby = _intact_elsewhere(
        old, start, end, new, quote, ns, offsets, Indel.distance(quote, here)
    )
    if intact is not None:
        return _moved(span, intact, intact + len(quote), quote)
    if score >= SIMILARITY_THRESHOLD and nearby:
        # Changed here, yet the quote is still whole close by: its words were edited, or the
        # edits around them only look cheaper this way. The student decides.
        return _flag(span, new, ns, REASON_CHANGED, score, ne)
    if score >= SIMILARITY_THRESHOLD:
        return Anchor(span.id, ns, ne, here, "moved", score)
    if exact is not None:
        return _moved(span, exact, exact + len(quote), quote)
    found = _fuzzy_find(quote, new, ns)
    if found is not None:
        fs, fe = _snap(old, start, end, new, found[0], found[1])
        return Anchor(span.id, fs, fe, new[fs:fe], "moved", _similarity(quote, new[fs:fe]))
    if score >= CHANGED_THRESHOLD:
        return _flag(span, new, ns, REASON_CHANGED, score, ne)
    return _flag(span, new, offsets.approx(start), REASON_GONE, score)


def _moved(span: Span, start: int, end: int, quote: str) -> Anchor:
    status: Status = "unchanged" if (start, end) == (span.start, span.end) else "moved"
    return Anchor(span.id, start, end, quote, status)


def _snap(old: str, start: int, end: int, new: str, ns: int, ne: int) -> tuple[int, int]:
    """Widen a span that cuts a word in two when the coded text began and ended at word edges."""
    if 0 < ns < len(new) and not _inside_word(old, start) and _inside_word(new, ns):
        while ns > 0 and _inside_word(new, ns):
            ns -= 1
    if 0 < ne < len(new) and not _inside_word(old, end) and _inside_word(new, ne):
        while ne < len(new) and _inside_word(new, ne):
            ne += 1
    return ns, ne


def _inside_word(text: str, pos: int) -> bool:
    """Tell whether offset ``pos`` falls between two letters or digits of one word."""
    return 0 < pos < len(text) and text[pos - 1].isalnum() and text[pos].isalnum()


def _flag(
    span: Span, new: str, pos: int, reason: str, score: float, end: int | None = None
) -> Anchor:
    """Keep the coding on a valid, non-empty span near its old place (0 <= start < end)."""
    if end is None:
        pos, end = _near(new, pos, max(len(span.quote), 1))
    start = min(max(pos, 0), max(len(new) - 1, 0))
    end = max(min(end, len(new)), start + 1)
    return Anchor(span.id, start, end, span.quote, "flagged", round(score, 1), reason)


def _near(text: str, pos: int, length: int) -> tuple[int, int]:
    """A span of up to ``length`` from ``pos`` within its line (the line before, at a line end)."""
    pos = min(max(pos, 0), len(text))
    line_start = text.rfind("\n", 0, pos) + 1
    line_end = text.find("\n", pos)
    line_end = len(text) if line_end < 0 else line_end
    if line_end > pos:
        start, end = pos, min(line_end, pos + length)
    else:
        start, end = max(line_start, pos - length), pos
    while start > line_start and _inside_word(text, start):
        start -= 1  # begin at a word, not inside one
    return (start, end) if end > start else (pos, pos + 1)


def _similarity(quote: str, text: str) -> float:
    if " ".join(quote.split()) == " ".join(text.split()):
        return 100.0  # only whitespace differs (re-wrapped lines, doubled spaces)
    return fuzz.ratio(quote, text)


def _nearest(text: str, quote: str, pos: int) -> int | None:
    """Return the start of the exact occurrence of ``quote`` nearest ``pos``, or None."""
    after = text.find(quote, pos)
    before = text.rfind(quote, 0, min(pos + len(quote) - 1, len(text)))
    candidates = [found for found in (before, after) if found >= 0]
    if not candidates:
        return None
    return min(candidates, key=lambda found: (abs(found - pos), found))


def _intact_elsewhere(
    old: str,
    start: int,
    end: int,
    new: str,
    quote: str,
    pos: int,
    offsets: OffsetMap,
    changed: int,
) -> tuple[int | None, bool]:
    """Find where an alignment about as good as ``offsets`` keeps ``old[start:end]`` whole.

    The texts are compared in a window around the span whose edges lie on the alignment, so
    the alignment outside the window stays as it is. Inside, the cheapest alignment that maps
    the span onto an exact occurrence of its quote is compared with the cheapest one overall
    (indel distances). ``changed`` is what the aligned place's text costs against the quote:
    unless the alignment through it is cheaper by more than twice that, it is no better
    evidence of an edit inside the span than of edits around it, and the span's own words
    are the safer place. A typo fixed in one of two identical sentences does not move onto
    the other: that costs about twice the distance between them. Returns the occurrence (or
    None) and whether the quote occurs in the window at all.
    """
    pad = len(quote) + AMBIGUITY_PAD
    lo, wlo = offsets.waypoint_before(start - pad)
    hi, whi = offsets.waypoint_after(end + pad)
    if (hi - lo) * (whi - wlo) > AMBIGUITY_WINDOW_LIMIT:
        return None, False
    found = []
    at = new.find(quote, wlo)
    while 0 <= at <= whi - len(quote) and len(found) < MAX_AMBIGUOUS_CANDIDATES:
        found.append(at)
        at = new.find(quote, at + 1)
    if not found:
        return None, False
    best = Indel.distance(old[lo:hi], new[wlo:whi])
    for at in sorted(found, key=lambda at: (abs(at - pos), at)):
        cost = Indel.distance(old[lo:start], new[wlo:at])
        limit = best + 2 * changed
        if (
            cost <= limit
            and cost + Indel.distance(old[end:hi], new[at + len(quote) : whi]) <= limit
        ):
            return at, True
    return None, True


def _fuzzy_find(quote: str, text: str, pos: int) -> tuple[int, int, float] | None:
    """Find the passage most like ``quote`` near ``pos``, then anywhere; None below threshold."""
    if len(quote) < MIN_FUZZY_LENGTH or not text:
        return None
    margin = SEARCH_MARGIN + 2 * len(quote)
    lo, hi = max(pos - margin, 0), min(pos + margin, len(text))
    windows = [(lo, hi)] if (lo, hi) == (0, len(text)) else [(lo, hi), (0, len(text))]
    for w0, w1 in windows:
        hit = fuzz.partial_ratio_alignment(quote, text[w0:w1], score_cutoff=SIMILARITY_THRESHOLD)
        if hit is None:
            continue
        fs, fe = _refine(quote, text, w0 + hit.dest_start, w0 + hit.dest_end)
        score = fuzz.ratio(quote, text[fs:fe])
        if fe > fs and score >= SIMILARITY_THRESHOLD:
            return fs, fe, score
    return None


def _refine(quote: str, text: str, start: int, end: int) -> tuple[int, int]:
    """Fix the edges of a fuzzy hit (a window as long as the quote) by aligning the quote to it."""
    pad = len(quote) // 4 + 8
    lo, hi = max(start - pad, 0), min(end + pad, len(text))
    offsets = OffsetMap(quote, text[lo:hi])
    fs, fe = lo + offsets.start(0), lo + offsets.end(len(quote))
    if fe > fs and fuzz.ratio(quote, text[fs:fe]) >= fuzz.ratio(quote, text[start:end]):
        return fs, fe
    return start, end


def apply_reanchor(tx, source_id: int, old_text: str, new_text: str) -> tuple[int, int]:
    """Move a re-imported source's codings inside the import's transaction: (moved, flagged)."""
    from qualcode.core.store import reanchor_sql
    from qualcode.i18n import t

    offsets = OffsetMap(old_text, new_text)
    rows = reanchor_sql.coding_anchors(tx.conn, source_id)
    spans = [Span(row["id"], row["start"], row["end"], row["quote"]) for row in rows]
    moved = flagged = 0
    reasons = (REASON_GONE, REASON_CHANGED)
    # keys: reanchor.reason_{gone,changed}
    ours = {t(f"reanchor.reason_{key}", lang=lang) for key in reasons for lang in ("id", "en")}
    for row, anchor in zip(rows, plan_reanchor(old_text, new_text, spans, offsets), strict=True):
        changes: dict[str, object] = {"start": anchor.start, "end": anchor.end}
        if anchor.status == "flagged":
            flagged += 1
            changes["status"] = "flagged"
            # keys: reanchor.reason_{gone,changed}
            changes["flag_reason"] = t(f"reanchor.reason_{anchor.reason}", lang=None)
        else:
            moved += anchor.status == "moved"
            changes["quote"] = anchor.quote
            if row["status"] == "flagged" and row["flag_reason"] in ours:
                changes["status"] = "ok"  # its text is back: the earlier flag no longer applies
                changes["flag_reason"] = ""
        changes = {key: value for key, value in changes.items() if row[key] != value}
        if changes:
            tx.update("codings", row["id"], changes)
    _move_rejections(tx, source_id, old_text, new_text, offsets)
    return moved, flagged


def _move_rejections(tx, source_id: int, old_text: str, new_text: str, offsets: OffsetMap) -> None:
    """Move remembered rejections with their text; forget those whose text is gone.

    Rows that move are deleted and inserted again under their ids, because moving them one by
    one could briefly collide with a neighbour's old span (the table is unique per span+code).
    """
    from qualcode.core.store import reanchor_sql

    rows = reanchor_sql.rejection_anchors(tx.conn, source_id)
    spans = [Span(r["id"], r["start"], r["end"], old_text[r["start"] : r["end"]]) for r in rows]
    plan = plan_reanchor(old_text, new_text, spans, offsets)
    moving = [
        (dict(row), anchor)
        for row, anchor in zip(rows, plan, strict=True)
        if anchor.status != "unchanged"
    ]
    for row, _ in moving:
        tx.delete("rejected_suggestions", row["id"])
    taken = {
        (r["start"], r["end"], r["code_id"])
        for r, a in zip(rows, plan, strict=True)
        if a.status == "unchanged"
    }
    for row, anchor in moving:
        key = (anchor.start, anchor.end, row["code_id"])
        if anchor.status == "flagged" or key in taken:
            continue
        taken.add(key)
        tx.insert("rejected_suggestions", {**row, "start": anchor.start, "end": anchor.end})

"""Align an old text to its new version and map offsets through the alignment.

Character-level edit distance is quadratic, so long texts are aligned coarse to fine: the common
prefix and suffix are cut off, the rest is matched sentence by sentence (difflib on whole
sentences is near-linear on prose), and only the sentences that changed are aligned character by
character (rapidfuzz's C longest-common-subsequence alignment, which keeps as much text matched
as possible). A changed block too large for that is matched word by word first. Adjacent
changes merge into one changed region, which keeps the mapping simple: an offset inside an
unchanged region moves by the region's shift; one inside a changed region maps to its edge.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from difflib import SequenceMatcher

from rapidfuzz.distance import Indel

# Largest len(old) * len(new) aligned character by character in one call (about 25 ms).
CHAR_BLOCK_LIMIT = 20_000 * 20_000

_SENTENCE_END = re.compile(r"[.!?…\n]+[\"'”’)\]]*[ \t]*")
_WORD_END = re.compile(r"\s+")

# (old_start, old_end, new_start, new_end, equal)
Region = tuple[int, int, int, int, bool]


class OffsetMap:
    """Maps code-point offsets of an old text to the new text it was edited into."""

    __slots__ = ("old_len", "new_len", "regions", "_starts")

    def __init__(self, old: str, new: str) -> None:
        self.old_len = len(old)
        self.new_len = len(new)
        self.regions: list[Region] = _regions(old, new)
        self._starts = [region[0] for region in self.regions]

    def _region(self, pos: int) -> Region:
        return self.regions[max(bisect_right(self._starts, pos) - 1, 0)]

    def start(self, pos: int) -> int:
        """Map a span's start: text inserted just before it stays outside the span."""
        if not self.regions or pos >= self.old_len:
            return self.new_len
        i1, _, j1, _, equal = self._region(pos)
        return j1 + (pos - i1) if equal else j1

    def end(self, pos: int) -> int:
        """Map a span's (exclusive) end: text inserted just after it stays outside the span."""
        if not self.regions or pos <= 0:
            return 0
        i1, _, j1, j2, equal = self._region(pos - 1)
        return j1 + (pos - i1) if equal else j2

    def approx(self, pos: int) -> int:
        """Map an offset proportionally inside its region (a best guess where text vanished)."""
        if not self.regions or pos >= self.old_len:
            return self.new_len
        i1, i2, j1, j2, equal = self._region(pos)
        if equal:
            return j1 + (pos - i1)
        return j1 + (pos - i1) * (j2 - j1) // max(i2 - i1, 1)

    def waypoint_before(self, pos: int) -> tuple[int, int]:
        """Return a point (old, new offset) of the alignment at or before old offset ``pos``."""
        pos = min(max(pos, 0), self.old_len)
        if pos == 0 or not self.regions:
            return 0, 0
        i1, _, _, _, equal = self._region(pos)
        if not equal and pos > i1:
            pos = i1  # inside a changed region only its edges are points of the alignment
        return pos, self.end(pos) if pos else 0

    def waypoint_after(self, pos: int) -> tuple[int, int]:
        """Return a point (old, new offset) of the alignment at or after old offset ``pos``."""
        pos = min(max(pos, 0), self.old_len)
        if pos == self.old_len or not self.regions:
            return self.old_len, self.new_len
        i1, i2, _, _, equal = self._region(pos)
        if not equal and pos > i1:
            pos = i2
        return pos, self.start(pos)

    @property
    def changed(self) -> int:
        """How many regions differ between the two texts."""
        return sum(1 for region in self.regions if not region[4])


def _regions(old: str, new: str) -> list[Region]:
    """Cover both texts with alternating equal and changed regions (empty old-side ones dropped)."""
    if old == new:
        return [(0, len(old), 0, len(new), True)] if old else []
    # Cut the common ends at line breaks, so the sentences next to a change stay whole.
    prefix = old.rfind("\n", 0, _common_prefix(old, new)) + 1
    suffix = _common_suffix(old[prefix:], new[prefix:])
    if suffix and old[len(old) - suffix - 1] != "\n":
        line_end = old.find("\n", len(old) - suffix)
        suffix = 0 if line_end < 0 else len(old) - line_end - 1
    ops: list[Region] = []
    if prefix:
        ops.append((0, prefix, 0, prefix, True))
    _align_pieces(
        old[prefix : len(old) - suffix], new[prefix : len(new) - suffix], prefix, prefix, ops
    )
    if suffix:
        ops.append((len(old) - suffix, len(old), len(new) - suffix, len(new), True))
    return _merge(ops)


def _common_prefix(a: str, b: str) -> int:
    lo, hi = 0, min(len(a), len(b))
    while lo < hi:  # binary search on slice equality keeps the comparisons in C
        mid = (lo + hi + 1) // 2
        if a[:mid] == b[:mid]:
            lo = mid
        else:
            hi = mid - 1
    return lo


def _common_suffix(a: str, b: str) -> int:
    lo, hi = 0, min(len(a), len(b))
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if a[len(a) - mid :] == b[len(b) - mid :]:
            lo = mid
        else:
            hi = mid - 1
    return lo


def _split(text: str, boundary: re.Pattern[str]) -> list[str]:
    """Cut text into consecutive pieces that end at each boundary match (they join back exactly)."""
    pieces: list[str] = []
    last = 0
    for match in boundary.finditer(text):
        if match.end() > last:
            pieces.append(text[last : match.end()])
            last = match.end()
    if last < len(text):
        pieces.append(text[last:])
    return pieces


def _align_pieces(old: str, new: str, i0: int, j0: int, ops: list[Region]) -> None:
    """Align two texts by sentences, then refine each changed block."""
    _align_by(
        old, new, i0, j0, ops, _SENTENCE_END, lambda a, b, i, j: _align_block(a, b, i, j, ops)
    )


def _align_by(old, new, i0, j0, ops, boundary, refine) -> None:
    if not old or not new:
        _changed(old, new, i0, j0, ops)
        return
    a = _split(old, boundary)
    b = _split(new, boundary)
    a_off = _offsets(a)
    b_off = _offsets(b)
    matcher = SequenceMatcher(None, a, b, autojunk=len(a) + len(b) > 20_000)
    for tag, a1, a2, b1, b2 in matcher.get_opcodes():
        i1, i2, j1, j2 = a_off[a1], a_off[a2], b_off[b1], b_off[b2]
        if tag == "equal":
            ops.append((i0 + i1, i0 + i2, j0 + j1, j0 + j2, True))
        else:
            refine(old[i1:i2], new[j1:j2], i0 + i1, j0 + j1)


def _align_block(old: str, new: str, i0: int, j0: int, ops: list[Region]) -> None:
    """Align a changed block character by character, word by word first when it is large."""
    if not old or not new:
        _changed(old, new, i0, j0, ops)
    elif len(old) * len(new) <= CHAR_BLOCK_LIMIT:
        _align_chars(old, new, i0, j0, ops)
    else:
        _align_by(
            old, new, i0, j0, ops, _WORD_END, lambda a, b, i, j: _align_small(a, b, i, j, ops)
        )


def _align_small(old: str, new: str, i0: int, j0: int, ops: list[Region]) -> None:
    if old and new and len(old) * len(new) <= CHAR_BLOCK_LIMIT:
        _align_chars(old, new, i0, j0, ops)
    else:
        _changed(old, new, i0, j0, ops)


def _align_chars(old: str, new: str, i0: int, j0: int, ops: list[Region]) -> None:
    for op in Indel.opcodes(old, new):
        ops.append(
            (
                i0 + op.src_start,
                i0 + op.src_end,
                j0 + op.dest_start,
                j0 + op.dest_end,
                op.tag == "equal",
            )
        )


def _changed(old: str, new: str, i0: int, j0: int, ops: list[Region]) -> None:
    if old or new:
        ops.append((i0, i0 + len(old), j0, j0 + len(new), False))


def _offsets(pieces: Sequence[str]) -> list[int]:
    offsets = [0]
    for piece in pieces:
        offsets.append(offsets[-1] + len(piece))
    return offsets


def _merge(ops: list[Region]) -> list[Region]:
    """Join adjacent regions of the same kind; drop pure insertions between unchanged text."""
    merged: list[Region] = []
    for i1, i2, j1, j2, equal in ops:
        if merged and merged[-1][4] == equal:
            p1, _, q1, _, _ = merged[-1]
            merged[-1] = (p1, i2, q1, j2, equal)
        else:
            merged.append((i1, i2, j1, j2, equal))
    return [region for region in merged if region[1] > region[0]]

"""What the transcript view shows, as plain data: turns wrapped into lines, sentences, codings.

Kept apart from the widget so it can be tested and measured without a terminal. Wrapping a
300,000-character source takes one pass over its words; everything after that (cursor moves,
codings, search hits) is a bisect on the line table, so cost does not grow with the source.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rich.cells import cell_len

from qualcode.core.records import Coding, Sentence, Turn

TEXT, HEADER, BLANK = 0, 1, 2
INDENT = 2
_WORD = re.compile(r"\S+\s*|\s+")


@dataclass(frozen=True, slots=True)
class TranscriptData:
    """One source as the coding screen needs it."""

    source_id: int
    title: str
    text: str
    turns: tuple[Turn, ...]
    sentences: tuple[Sentence, ...]
    informant: str = ""


class TranscriptModel:
    """Sentences, codable positions and codings of one source, with lookups by offset."""

    def __init__(self, data: TranscriptData) -> None:
        self.data = data
        self.text = data.text
        self.turns = data.turns
        self.sentences = data.sentences
        turn_pos = {turn.id: i for i, turn in enumerate(self.turns)}
        self.sentence_turn = [turn_pos.get(s.turn_id, 0) for s in self.sentences]
        self.codable = (
            [i for i, s in enumerate(self.sentences) if self.turns[self.sentence_turn[i]].codable]
            if self.turns
            else []
        )
        self._sentence_starts = [s.start for s in self.sentences]
        self.codings: list[Coding] = []
        self._coding_starts: list[int] = []
        self._max_len = 0

    # -- sentences --------------------------------------------------------------------------
    def sentence_at(self, offset: int) -> int | None:
        """Return the index of the codable position whose sentence holds ``offset``."""
        i = bisect_right(self._sentence_starts, offset) - 1
        if i < 0:
            i = 0
        pos = bisect_left(self.codable, i)
        if pos < len(self.codable) and self.codable[pos] == i:
            return pos
        return min(pos, len(self.codable) - 1) if self.codable else None

    def number(self, pos: int) -> int:
        """Return the sentence number of codable position ``pos``, as ``qualcode show`` prints it
        (counted over every sentence of the source from 0, interviewer's included)."""
        return self.sentences[self.codable[pos]].idx

    def span(self, a: int, b: int) -> tuple[int, int]:
        """Return the text span covering codable positions ``a`` to ``b`` (either order)."""
        lo, hi = (a, b) if a <= b else (b, a)
        return self.sentences[self.codable[lo]].start, self.sentences[self.codable[hi]].end

    def turn_positions(self, pos: int) -> tuple[int, int]:
        """Return the first and last codable positions in the turn of position ``pos``."""
        turn = self.sentence_turn[self.codable[pos]]
        first = last = pos
        while first > 0 and self.sentence_turn[self.codable[first - 1]] == turn:
            first -= 1
        while last + 1 < len(self.codable) and self.sentence_turn[self.codable[last + 1]] == turn:
            last += 1
        return first, last

    # -- codings ----------------------------------------------------------------------------
    def set_codings(self, codings: Iterable[Coding]) -> list[tuple[int, int]]:
        """Replace the codings; return the text spans whose look changed (to redraw only those)."""
        new = sorted(codings, key=lambda c: (c.start, c.end, c.id))
        old = {c.id: c for c in self.codings}
        fresh = {c.id: c for c in new}
        changed = [
            (c.start, c.end) for cid, c in old.items() if cid not in fresh or fresh[cid] != c
        ]
        changed += [(c.start, c.end) for cid, c in fresh.items() if old.get(cid) != c]
        self.codings = new
        self._coding_starts = [c.start for c in new]
        self._max_len = max((c.end - c.start for c in new), default=0)
        return changed

    def codings_overlapping(self, start: int, end: int) -> list[Coding]:
        """Return the codings that overlap [start, end), by position."""
        lo = bisect_left(self._coding_starts, start - self._max_len)
        hi = bisect_left(self._coding_starts, end)
        return [c for c in self.codings[lo:hi] if c.end > start]

    def uncoded(self, pos: int) -> bool:
        """Tell whether the sentence at codable position ``pos`` has no coding."""
        sentence = self.sentences[self.codable[pos]]
        return not self.codings_overlapping(sentence.start, sentence.end)


class Layout:
    """The transcript wrapped to a width: one entry per screen line (text, header or blank)."""

    def __init__(self, model: TranscriptModel, width: int) -> None:
        self.width = max(10, width)
        self.kinds: list[int] = []
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.turn_of: list[int] = []
        self._text_starts: list[int] = []
        self._text_lines: list[int] = []
        self._build(model)

    def __len__(self) -> int:
        return len(self.kinds)

    def _add(self, kind: int, start: int, end: int, turn: int) -> None:
        if kind == TEXT:
            self._text_starts.append(start)
            self._text_lines.append(len(self.kinds))
        self.kinds.append(kind)
        self.starts.append(start)
        self.ends.append(end)
        self.turn_of.append(turn)

    def _build(self, model: TranscriptModel) -> None:
        text = model.text
        limit = self.width - INDENT
        for t, turn in enumerate(model.turns):
            if turn.speaker or turn.timestamp:
                self._add(HEADER, turn.start, turn.start, t)
            for para_start, para_end in _paragraphs(text, turn.start, turn.end):
                for start, end in wrap(text, para_start, para_end, limit):
                    self._add(TEXT, start, end, t)
            self._add(BLANK, turn.end, turn.end, t)

    def line_of(self, offset: int) -> int:
        """Return the screen line showing text ``offset`` (the nearest text line)."""
        if not self._text_starts:
            return 0
        i = max(0, bisect_right(self._text_starts, offset) - 1)
        return self._text_lines[i]

    def lines_of(self, start: int, end: int) -> range:
        """Return the screen lines that show any of [start, end)."""
        first = self.line_of(start)
        last = self.line_of(max(start, end - 1))
        return range(first, last + 1)


def _paragraphs(text: str, start: int, end: int) -> Iterable[tuple[int, int]]:
    """Split [start, end) at newlines, skipping blank stretches."""
    pos = start
    while pos < end:
        nl = text.find("\n", pos, end)
        stop = end if nl < 0 else nl
        if text[pos:stop].strip():
            yield pos, stop
        pos = stop + 1


def wrap(text: str, start: int, end: int, width: int) -> list[tuple[int, int]]:
    """Greedy word wrap of text[start:end] into spans no wider than ``width`` cells."""
    segment = text[start:end]
    measure = len if segment.isascii() else cell_len
    lines: list[tuple[int, int]] = []
    line_start = start
    used = 0
    for match in _WORD.finditer(segment):
        word = match.group()
        word_start = start + match.start()
        visible = measure(word.rstrip())
        if used and used + visible > width:
            lines.append((line_start, word_start))
            line_start, used = word_start, 0
        while visible > width:
            cut = _cut(word, width, measure)
            lines.append((word_start, word_start + cut))
            word, word_start = word[cut:], word_start + cut
            line_start, visible = word_start, measure(word.rstrip())
        used += measure(word)
    if line_start < end:
        lines.append((line_start, end))
    return lines


def _cut(word: str, width: int, measure) -> int:
    """Return how many characters of a too-long word fit in ``width`` cells."""
    n = min(len(word), width)
    while n > 1 and measure(word[:n]) > width:
        n -= 1
    return max(1, n)


def spans_to_lines(layout: Layout, spans: Sequence[tuple[int, int]]) -> set[int]:
    """Return every screen line touched by any of the spans."""
    lines: set[int] = set()
    for start, end in spans:
        lines.update(layout.lines_of(start, end))
    return lines

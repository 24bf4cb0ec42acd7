"""What one transcript line looks like: margin marks, highlighted text and the gutter label.

Pure painting for ``TranscriptView``: given a layout line and the view's state (selection,
search hits, colour slots) it returns Rich segments; styles come in through a lookup so the
widget keeps its theme cache. Also decides which gutter line each coding's label lands on.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass

from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip

from qualcode.tui.fit import fit_words
from qualcode.tui.widgets.transcript_model import INDENT, Layout, TranscriptModel

MARGIN = 4
PALETTE_SIZE = 6
POLARITY_MARK = {"pendukung": "+", "penghambat": "−", "netral": "○"}

StyleOf = Callable[[str], Style]
SlotOf = Callable[[str], int]


@dataclass(frozen=True, slots=True)
class GutterNote:
    """A gutter entry: text, the colour slot of its dimension, and whether it is a suggestion."""

    text: str
    slot: int
    suggestion: bool = False


def place_gutter(
    layout: Layout,
    model: TranscriptModel,
    suggestions: dict[int, GutterNote],
    label_of: Callable[[str], str],
    slot_of: SlotOf,
) -> dict[int, GutterNote]:
    """Put each coding's label on its first line, or the next free line below it."""
    gutter: dict[int, GutterNote] = {}
    for coding in model.codings:
        line = layout.line_of(coding.start)
        while line in gutter:
            line += 1
        mark = POLARITY_MARK.get(coding.polarity, "?")
        note = "✎" if coding.summary else ""
        gutter[line] = GutterNote(
            f"{mark} {label_of(coding.code_id)}{note}", slot_of(coding.code_id)
        )
    for start, note in suggestions.items():
        line = layout.line_of(start)
        if line not in gutter:
            gutter[line] = note
    return gutter


def changed_lines(old: dict[int, GutterNote], new: dict[int, GutterNote]) -> set[int]:
    """The gutter lines whose note differs between two placements."""
    return {n for n in old.keys() | new.keys() if old.get(n) != new.get(n)}


def matches_in(
    matches: list[tuple[int, int]], starts: list[int], start: int, end: int
) -> list[tuple[int, int]]:
    """The sorted search hits (with their ``starts``) that overlap [start, end)."""
    if not matches:
        return []
    lo = max(0, bisect_left(starts, start) - 1)
    hi = bisect_left(starts, end)
    return [m for m in matches[lo:hi] if m[1] > start and m[0] < end]


def header_line(
    model: TranscriptModel, turn_index: int, base: Style, style: StyleOf
) -> list[Segment]:
    """A turn's speaker line: the speaker (with the informant if another) and the timestamp."""
    turn = model.turns[turn_index]
    interviewer = turn.kind == "interviewer"
    label_style = style("transcript--interviewer-speaker" if interviewer else "transcript--speaker")
    speaker = turn.speaker or ""
    if not interviewer and model.data.informant and speaker != model.data.informant:
        speaker = f"{speaker} · {model.data.informant}" if speaker else model.data.informant
    body = [Segment(speaker, base + label_style)]
    if turn.timestamp:
        body.append(Segment(f"  [{turn.timestamp}]", base + style("transcript--timestamp")))
    return body


def text_line(
    model: TranscriptModel,
    start: int,
    end: int,
    interviewer: bool,
    span: tuple[int, int] | None,
    hits: tuple[list[tuple[int, int]], list[int]],
    base: Style,
    style: StyleOf,
    slot_of: SlotOf,
) -> tuple[list[Segment], list[Segment]]:
    """The margin and the highlighted body of the text line [start, end).

    ``hits`` is the view's sorted search hits and their start offsets.
    """
    text = model.text[start:end].rstrip("\n")
    end = start + len(text)
    text_style = base + style("transcript--interviewer") if interviewer else base
    codings = model.codings_overlapping(start, end) if not interviewer else []
    in_span = span is not None and not interviewer and span[0] < end and span[1] > start
    matches = matches_in(*hits, start, end)
    cuts = {start, end}
    for c in codings:
        cuts.update((max(c.start, start), min(c.end, end)))
    if in_span:
        cuts.update((max(span[0], start), min(span[1], end)))
    for m in matches:
        cuts.update((max(m[0], start), min(m[1], end)))
    points = sorted(p for p in cuts if start <= p <= end)
    body: list[Segment] = [Segment(" " * INDENT, base)]
    cursor_style = style("transcript--cursor")
    match_style = style("transcript--match")
    for a, b in zip(points, points[1:], strict=False):
        if a == b:
            continue
        seg_style = text_style
        covering = [c for c in codings if c.start <= a < c.end]
        if covering:
            inner = min(covering, key=lambda c: c.end - c.start)
            seg_style = seg_style + style(f"transcript--dim-{slot_of(inner.code_id)}")
        if any(m[0] <= a < m[1] for m in matches):
            seg_style = seg_style + match_style
        if in_span and span[0] <= a < span[1]:
            seg_style = seg_style + cursor_style
        body.append(Segment(text[a - start : b - start], seg_style))
    margin = _margin(in_span, span, start, codings, base, style, slot_of)
    return margin, body


def _margin(in_span, span, start, codings, base: Style, style: StyleOf, slot_of: SlotOf):
    if in_span:
        first = span[0] >= start
        mark = Segment("▶" if first else "│", base + style("transcript--cursor-mark"))
    else:
        mark = Segment(" ", base)
    bars = [
        Segment("▌", base + style(f"transcript--label-{slot_of(c.code_id)}")) for c in codings[:3]
    ]
    bars += [Segment(" ", base)] * (3 - len(bars))
    return [mark, *bars]


def gutter_strip(note: GutterNote | None, width: int, base: Style, style: StyleOf) -> Strip:
    """The gutter cell of a line: its note (cut to fit) or blank."""
    if width == 0:
        return Strip([])
    gutter = base + style("transcript--gutter")
    if note is None:
        return Strip([Segment(" " * width, gutter)], width)
    name = "transcript--suggestion" if note.suggestion else f"transcript--label-{note.slot}"
    text = fit_words(note.text, width - 1)  # after the one-cell margin
    return Strip([Segment(" " + text, gutter + style(name))]).crop_extend(0, width, gutter)

"""What each line of a transcript is: blank, heading, "Label: …", numbered question, timestamp."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from qualcode.core.ingest.meta import is_identity_key

_INTERVIEWER_LETTERS = frozenset({"p", "t", "q"})
_INTERVIEWER_WORDS = frozenset(
    {
        "peneliti",
        "pewawancara",
        "interviewer",
        "penanya",
        "tanya",
        "pertanyaan",
        "researcher",
    }
)
_INFORMANT_LETTERS = frozenset({"i", "j", "a", "n"})
_INFORMANT_WORDS = frozenset({"informan", "informant", "narasumber", "responden", "respondent"})
_ANSWER_WORDS = frozenset({"jawab", "jawaban", "answer"})

_TIME = r"\d{1,2}(?::\d{2}){1,2}(?:[.,]\d{1,3})?"
_TIMESTAMP_RE = re.compile(
    rf"[ \t]*(?:\[[ \t]*(?P<a>{_TIME})[ \t]*\]|\([ \t]*(?P<b>{_TIME})[ \t]*\)"
    rf"|(?P<c>\d{{1,2}}:\d{{2}}(?::\d{{2}})?)(?=[ \t]))[ \t]*(?:[-\u2013\u2014|][ \t]*)?"
)
_BRACKET_TIMESTAMP_RE = re.compile(
    rf"[ \t]*(?:\[[ \t]*(?P<a>{_TIME})[ \t]*\]|\([ \t]*(?P<b>{_TIME})[ \t]*\))[ \t]*"
    r"(?:[-\u2013\u2014|][ \t]*)?"
)
_LABEL_RE = re.compile(
    r"""(?P<open>\*\*|__)?
    (?P<label>[^\W\d_][^:\n*\[\]]{0,60}?)
    [ \t]*(?:[\[(][ \t]*(?P<ts>\d{1,2}(?::\d{2}){1,2})[ \t]*[\])])?
    [ \t]*(?P<close>\*\*|__)?
    [ \t]*:(?!//|\d)
    [ \t]*(?P<close2>\*\*|__)?[ \t]*""",
    re.VERBOSE,
)
_NUMBERED_RE = re.compile(r"[ \t]*\d{1,3}[.)][ \t]+(?=\S)")
_HEADING_RE = re.compile(r"[ \t]{0,3}#{1,6}(?:[ \t]|$)")
_PARENTHETICAL_RE = re.compile(r"\s*\([^)]*\)\s*$")
# "=====", "-----", "* * *", "~~~": a separator, never part of a turn or a note.
_SEPARATOR_RE = re.compile(r"[ \t]*([=\-*_~#•·])(?:[ \t]*\1){2,}[ \t]*")
# "Sesi 1 — Senin, 4 Maret 2024", "Pengamatan ke-2", "Hari 3 (Rabu)": a session header.
_SESSION_RE = re.compile(
    r"[ \t]*(?:\*\*|__)?(?:sesi|session|pertemuan|kunjungan|pengamatan|observasi|hari|catatan)"
    r"(?:[ \t]+ke)?[ \t\-]*\d{1,3}(?!\d)",
    re.IGNORECASE,
)
_MAX_SESSION_WORDS = 14
_SENTENCE_MARKS = frozenset(',;?!"\u201c\u201d')
_TIMESTAMP_OPENERS = frozenset(" \t[(0123456789")

BLANK, HEADING, LABEL, NUMBERED, OTHER, STAMP = range(6)
_MAX_LABEL_COLUMN = 100  # a timestamp, Markdown bold and a label of at most 60 characters


@dataclass(frozen=True, slots=True)
class LineHint:
    """What a .docx paragraph says that its text cannot: a bold speaker label, or a heading."""

    label: str | None = None
    column: int = 0
    timestamp: str | None = None
    heading: bool = False


@dataclass(slots=True)
class Line:
    """One line of a transcript: its offset, its text and what kind of line it is."""

    start: int
    text: str
    kind: int
    label: str = ""
    role: str | None = None
    column: int = 0
    timestamp: str | None = None
    forced: bool = False

    @property
    def rest(self) -> str:
        """The text after the label (the whole line when there is none)."""
        return self.text[self.column :]


@functools.lru_cache(maxsize=4096)
def label_role(label: str) -> str | None:
    """ "interviewer", "informant", "answer" (Jawab), "meta" (Nama, Tanggal...) or None."""
    norm = " ".join(label.lower().split())
    base = _PARENTHETICAL_RE.sub("", norm) or norm
    words = base.split()
    first = words[0].rstrip(".") if words else ""
    letter = base.rstrip("0123456789 .")
    if len(words) <= 2 and letter in _INTERVIEWER_LETTERS or first in _INTERVIEWER_WORDS:
        return "interviewer"
    if first in _ANSWER_WORDS:
        return "answer"
    if len(words) <= 2 and letter in _INFORMANT_LETTERS or first in _INFORMANT_WORDS:
        return "informant"
    if is_identity_key(norm):
        return "meta"
    return None


def name_shaped(label: str) -> bool:
    """A label that could be a person or role: up to four words, capitalised, no punctuation."""
    if not label[:1].isupper() or any(ch in _SENTENCE_MARKS for ch in label):
        return False
    return 1 <= len(_PARENTHETICAL_RE.sub("", label).split()) <= 4


def scan_lines(text: str, hints: dict[int, LineHint]) -> tuple[str, list[Line]]:
    """Classify every line; strip Markdown bold markers around labels (the text changes)."""
    lines: list[Line] = []
    out: list[str] = []
    changed = False
    offset = 0
    for index, raw in enumerate(text.split("\n")):
        line = _classify(raw, offset, hints.get(index))
        if line.text is not raw:
            changed = True
        out.append(line.text)
        lines.append(line)
        offset += len(line.text) + 1
    return ("\n".join(out) if changed else text), lines


def _classify(raw: str, offset: int, hint: LineHint | None) -> Line:
    if hint is not None:
        if hint.heading:
            return Line(offset, raw, HEADING)
        if hint.label:
            return Line(
                offset,
                raw,
                LABEL,
                hint.label,
                label_role(hint.label),
                hint.column,
                hint.timestamp,
                forced=True,
            )
    if not raw or raw.isspace():
        return Line(offset, raw, BLANK)
    first = raw.lstrip()[:1]
    if first == "#" and _HEADING_RE.match(raw):
        return Line(offset, raw, HEADING)
    if _separator_or_session(raw):
        return Line(offset, raw, HEADING)
    colon = raw.find(":")
    if 0 < colon <= _MAX_LABEL_COLUMN:
        line = _label_line(raw, offset)
        if line is not None:
            return line
    if first.isdigit():
        match = _NUMBERED_RE.match(raw)
        if match is not None:
            return Line(offset, raw, NUMBERED, column=match.end())
    if first in "[(":
        stamp = _BRACKET_TIMESTAMP_RE.match(raw)
        if stamp is not None and stamp.end() == len(raw):
            return Line(offset, raw, STAMP, timestamp=stamp.group("a") or stamp.group("b"))
    return Line(offset, raw, OTHER)


def _separator_or_session(raw: str) -> bool:
    """A separator line or a session header: a break between notes, like a heading."""
    if _SEPARATOR_RE.fullmatch(raw):
        return True
    if _SESSION_RE.match(raw) is None:
        return False
    stripped = raw.strip().rstrip("*_").strip()
    return len(stripped.split()) <= _MAX_SESSION_WORDS and stripped[-1:] not in ".?!:"


def _label_line(raw: str, offset: int) -> Line | None:
    position, timestamp = 0, None
    if raw[0] in _TIMESTAMP_OPENERS:
        stamp = _TIMESTAMP_RE.match(raw)
        if stamp is not None:
            position = stamp.end()
            timestamp = stamp.group("a") or stamp.group("b") or stamp.group("c")
    match = _LABEL_RE.match(raw, position)
    if match is None:
        return None
    label = match.group("label").strip()
    timestamp = timestamp or match.group("ts")
    column = match.end()
    if any(match.group("open", "close", "close2")):
        markers = [match.span(g) for g in ("open", "close", "close2") if match.group(g)]
        pieces, last = [], 0
        for begin, end in markers:
            pieces.append(raw[last:begin])
            last = end
        pieces.append(raw[last:])
        raw = "".join(pieces)
        column -= sum(end - begin for begin, end in markers)
    return Line(offset, raw, LABEL, label, label_role(label), column, timestamp)


def leading_timestamp(text: str) -> tuple[int, str] | None:
    """(end, "00:03:12") for a line that opens with "[00:03:12]" or "(00:03)", else None."""
    stamp = _BRACKET_TIMESTAMP_RE.match(text)
    if stamp is None:
        return None
    return stamp.end(), stamp.group("a") or stamp.group("b")

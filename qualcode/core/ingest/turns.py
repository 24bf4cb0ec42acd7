"""Speaker turns in transcript text: labels, timestamps, numbered questions, header blocks, notes.

The rules are conservative: a known label (P, I, Peneliti, Informan, Jawab...) always starts a
turn; any other name-like label ("Camat:", "Bu Sumarni:") starts one only when it recurs and
mostly answers the interviewer, so "Jam layanan: 08.00" inside an answer stays part of it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from qualcode.core.ingest.header_lines import identity_pairs, speaker_legend
from qualcode.core.ingest.lines import (
    BLANK,
    HEADING,
    LABEL,
    NUMBERED,
    OTHER,
    STAMP,
    Line,
    LineHint,
    leading_timestamp,
    name_shaped,
    scan_lines,
)
from qualcode.core.ingest.meta import informant_code, is_identity_key, normalise_key
from qualcode.core.ingest.model import ParsedTurn, SpeakerKind
from qualcode.i18n import t

QUESTION_SPEAKER = "Peneliti"
"""Speaker label given to numbered questions, which carry no label of their own."""


@dataclass(slots=True)
class TurnScan:
    """Turns found in a text, plus the header block's `key: value` lines and its title."""

    text: str
    turns: list[ParsedTurn]
    answers: set[int] = field(default_factory=set)
    header: list[tuple[str, str]] = field(default_factory=list)
    title: str | None = None
    warnings: list[str] = field(default_factory=list)


def find_turns(
    text: str, *, notes: bool = False, hints: dict[int, LineHint] | None = None
) -> TurnScan:
    """Split normalised text into speaker turns (or note paragraphs when ``notes`` is true)."""
    text, lines = scan_lines(text, hints or {})
    _apply_legend(lines)
    header_end, header, title = _header_block(lines, notes)
    scan = TurnScan(text=text, turns=[], header=header, title=title)
    if notes:
        _note_turns(scan, lines, header_end)
    else:
        _speaker_turns(scan, lines, header_end)
    if not scan.turns:
        _single_turn(scan, lines, header_end, "note" if notes else "informant")
    return scan


_LEGEND_KEYS = frozenset({"keterangan", "ket", "legenda", "kode pembicara"})


def _apply_legend(lines: list[Line]) -> None:
    """Give labels the role a speaker legend ("Keterangan: P = peneliti, N = narasumber") says."""
    legend: dict[str, str] = {}
    for line in lines:
        if line.kind == LABEL and line.role == "meta" and normalise_key(line.label) in _LEGEND_KEYS:
            legend.update(speaker_legend(line.rest))
    if not legend:
        return
    for line in lines:
        if line.kind == LABEL and line.role != "meta" and line.label in legend:
            line.role = legend[line.label]


def _identity_line(lines: list[Line], index: int) -> bool:
    """A free-text identity line ("Informan 3 — Ibu Ani (45 th), pedagang") before any
    question: metadata, not a turn."""
    line = lines[index]
    if line.kind == LABEL and (line.role not in ("informant", None) or line.rest.endswith("?")):
        return False
    if line.kind not in (LABEL, OTHER) or not identity_pairs(line.text):
        return False
    return not any(lines[i].kind == LABEL and lines[i].role == "interviewer" for i in range(index))


def _header_block(lines: list[Line], notes: bool) -> tuple[int, list[tuple[str, str]], str | None]:
    """Title, `Nama: …` / `Tanggal: …` lines and free-text identity lines before the dialogue:
    metadata, never turns."""
    run_end, title = 0, None
    for index, line in enumerate(lines):
        if line.kind == BLANK:
            continue
        if _identity_line(lines, index):
            pass
        elif line.kind == HEADING:
            title = title or _title_text(line.text)
        elif line.kind == LABEL and _is_header_pair(lines, index):
            pass
        elif line.kind == OTHER and _title_shaped(line.text):
            title = title or _title_text(line.text)
        else:
            break
        run_end = index + 1
    end = (
        run_end
        if notes
        else next((i for i in range(len(lines)) if _opens_dialogue(lines, i)), run_end)
    )
    header: list[tuple[str, str]] = []
    for i in range(end):
        if _identity_line(lines, i):
            header.extend(identity_pairs(lines[i].text))
        elif lines[i].kind == LABEL and _is_header_pair(lines, i):
            header.append((lines[i].label, lines[i].rest.strip()))
    return end, header, title or None


def _opens_dialogue(lines: list[Line], index: int) -> bool:
    line = lines[index]
    if line.kind == NUMBERED:
        return True
    if line.kind != LABEL:
        return False
    known = line.role in ("interviewer", "informant", "answer")
    if _identity_line(lines, index):
        return False
    return (known or (line.forced and line.role is None)) and not _is_header_pair(lines, index)


def _is_preamble(lines: list[Line], index: int) -> bool:
    """True for lines before the first turn that are neither blank, headings, titles nor pairs."""
    line = lines[index]
    if line.kind in (BLANK, HEADING) or _identity_line(lines, index):
        return False
    if line.kind == LABEL and _is_header_pair(lines, index):
        return False
    return not (line.kind == OTHER and _title_shaped(line.text))


def _title_text(text: str) -> str:
    return text.strip().lstrip("#").strip().strip("*_").strip()


def _is_header_pair(lines: list[Line], index: int) -> bool:
    line = lines[index]
    value = line.rest.strip()
    if not value or "?" in value or len(value.split()) > 12:
        return False
    if line.role == "meta":
        return True
    if line.role not in ("interviewer", "informant") or not is_identity_key(line.label):
        return False
    if line.role == "informant" and informant_code(value) is not None:
        return True
    if len(value.split()) > 5 or value[-1:] in ".!," or "," in value:
        return False
    # "Peneliti: Nadia Salsabila" is metadata only amid other identity lines.
    neighbours = (
        lines[index - 1] if index else None,
        lines[index + 1] if index + 1 < len(lines) else None,
    )
    return any(n is not None and n.kind == LABEL and n.role == "meta" for n in neighbours)


def _title_shaped(text: str) -> bool:
    stripped = text.strip()
    return len(stripped.split()) <= 12 and stripped[-1:] not in ".?!:,;"


def _speaker_turns(scan: TurnScan, lines: list[Line], header_end: int) -> None:
    body = range(header_end, len(lines))
    labelled = [i for i in body if lines[i].kind == LABEL]
    dialogue = any(lines[i].role in ("interviewer", "informant") for i in labelled)
    questions = _numbered_questions(lines, header_end, dialogue)
    roles = _accepted_roles(lines, labelled, questions)
    starts = sorted([*roles, *questions])
    if not starts:
        return
    stamps = _stamp_lines(lines, starts)
    boundaries = set(starts) | {i for i in body if lines[i].kind == HEADING and i > starts[0]}
    ordered = sorted(boundaries)
    stray = [i for i in range(starts[0]) if _is_preamble(lines, i) and i not in stamps.values()]
    text_end = len(scan.text)
    for position, index in enumerate(ordered):
        stop = text_end
        if position + 1 < len(ordered):
            following = ordered[position + 1]
            stop = lines[stamps.get(following, following)].start - 1
        line = lines[index]
        if lines[index].kind == HEADING:
            later = index + 1
            while later < len(lines) and lines[later].start < stop:
                if lines[later].kind not in (BLANK, HEADING):
                    stray.append(later)
                later += 1
            continue
        if index in questions:
            _add_question(scan, lines, index, stop, split=questions[index])
            continue
        role = roles[index]
        kind: SpeakerKind = "interviewer" if role == "interviewer" else "informant"
        timestamp = line.timestamp or (lines[stamps[index]].timestamp if index in stamps else None)
        turn = _trimmed(scan.text, line.start + line.column, stop, line.label, kind, timestamp)
        if turn is not None:
            if role == "answer":
                scan.answers.add(len(scan.turns))
            scan.turns.append(turn)
    if stray:
        first = lines[stray[0]].text.strip()
        first = first if len(first) <= 40 else first[:39] + "\u2026"
        scan.warnings.append(t("ingest_errors.warn_stray_lines", n=len(stray), first=first))
    if scan.turns and all(turn.kind == "interviewer" for turn in scan.turns):
        scan.warnings.append(t("ingest_errors.warn_only_interviewer"))


def _stamp_lines(lines: list[Line], starts: list[int]) -> dict[int, int]:
    """Turn start -> the timestamp-only line just above it ("[00:03:12]" on a line of its own)."""
    stamps = {}
    for index in starts:
        above = index - 1
        while above >= 0 and lines[above].kind == BLANK:
            above -= 1
        if above >= 0 and lines[above].kind == STAMP:
            stamps[index] = above
    return stamps


def _numbered_questions(lines: list[Line], header_end: int, dialogue: bool) -> dict[int, bool]:
    """Numbered lines that are questions; the value says whether an unlabelled answer follows."""
    questions: dict[int, bool] = {}
    for index in range(header_end, len(lines)):
        if lines[index].kind != NUMBERED:
            continue
        after = _next_content(lines, index + 1)
        answered = (
            after is not None
            and lines[after].kind == LABEL
            and (lines[after].role == "answer" or lines[after].role == "informant")
        )
        if answered:
            questions[index] = False
        elif not dialogue and _paragraph_has_question(lines, index):
            questions[index] = True
    return questions


def _next_content(lines: list[Line], index: int) -> int | None:
    while index < len(lines) and lines[index].kind == BLANK:
        index += 1
    return index if index < len(lines) else None


def _paragraph_has_question(lines: list[Line], index: int) -> bool:
    for later in range(index, len(lines)):
        line = lines[later]
        if "?" in line.text:
            return True
        if line.kind == BLANK or (later > index and line.kind != OTHER):
            return False
    return False


def _accepted_roles(
    lines: list[Line], labelled: list[int], questions: dict[int, bool]
) -> dict[int, str]:
    """Known and forced labels, plus recurring name labels that answer the interviewer."""
    roles: dict[int, str] = {}
    candidates: dict[str, list[int]] = {}
    for index in labelled:
        line = lines[index]
        if line.role in ("interviewer", "informant", "answer"):
            roles[index] = line.role
        elif line.forced and line.role is None:
            roles[index] = "informant"
        elif line.role is None and informant_code(line.label) is not None:
            roles[index] = "informant"  # "IK-1:", "R07:" label an informant by code
        elif line.role is None and line.rest.strip() and name_shaped(line.label):
            candidates.setdefault(line.label, []).append(index)
    recurring = {label: found for label, found in candidates.items() if len(found) >= 2}
    if not questions and "interviewer" not in roles.values():
        interviewer = _infer_interviewer(lines, roles, recurring)
        if interviewer is not None:
            for index in roles:
                if lines[index].label == interviewer:
                    roles[index] = "interviewer"
            for index in recurring.pop(interviewer, []):
                roles[index] = "interviewer"
    events = sorted([*roles, *questions, *(i for found in recurring.values() for i in found)])
    previous = {after: before for before, after in zip(events, events[1:], strict=False)}
    for found in recurring.values():
        answering = sum(
            1
            for index in found
            if index in previous
            and (previous[index] in questions or roles.get(previous[index]) == "interviewer")
        )
        if answering * 2 >= len(found):
            roles.update(dict.fromkeys(found, "informant"))
    return roles


def _infer_interviewer(
    lines: list[Line], roles: dict[int, str], recurring: dict[str, list[int]]
) -> str | None:
    """With no known interviewer label, the recurring label that mostly asks questions."""
    occurrences: dict[str, list[int]] = {label: list(found) for label, found in recurring.items()}
    counts = Counter(lines[i].label for i in roles)
    for index in roles:
        label = lines[index].label
        if counts[label] >= 2 and lines[index].role is None:
            occurrences.setdefault(label, []).append(index)
    shares = sorted(
        (
            (sum("?" in lines[i].rest for i in found) / len(found), label)
            for label, found in occurrences.items()
        ),
        reverse=True,
    )
    if not shares or shares[0][0] < 0.4 or (len(shares) > 1 and shares[1][0] == shares[0][0]):
        return None
    return shares[0][1]


def _add_question(scan: TurnScan, lines: list[Line], index: int, stop: int, *, split: bool) -> None:
    line = lines[index]
    start = line.start + line.column
    question_end = stop
    if split:
        for later in range(index, len(lines)):
            if lines[later].start >= stop:
                break
            if "?" in lines[later].text:
                question_end = lines[later].start + len(lines[later].text)
                break
    turn = _trimmed(scan.text, start, question_end, QUESTION_SPEAKER, "interviewer", None)
    if turn is not None:
        scan.turns.append(turn)
    if question_end < stop:
        answer = _trimmed(scan.text, question_end, stop, "", "informant", None)
        if answer is not None:
            scan.answers.add(len(scan.turns))
            scan.turns.append(answer)


def _note_turns(scan: TurnScan, lines: list[Line], header_end: int) -> None:
    """Every paragraph after the header block is one codable note."""
    paragraph: list[Line] = []
    pending: str | None = None  # a timestamp on a line of its own stamps the next note
    for line in [*lines[header_end:], Line(len(scan.text), "", BLANK)]:
        if line.kind not in (BLANK, HEADING):
            paragraph.append(line)
            continue
        if paragraph:
            first, last = paragraph[0], paragraph[-1]
            start, timestamp = first.start, pending
            stamp = leading_timestamp(first.text)
            if stamp is not None:
                start += stamp[0]
                timestamp = stamp[1]
            turn = _trimmed(scan.text, start, last.start + len(last.text), "", "note", timestamp)
            pending = timestamp if turn is None else None
            if turn is not None:
                scan.turns.append(turn)
            paragraph = []


def _single_turn(scan: TurnScan, lines: list[Line], header_end: int, kind: SpeakerKind) -> None:
    """Unrecognised layout: the text after the header (or all of it) becomes one turn."""
    start = lines[header_end].start if header_end < len(lines) else 0
    turn = _trimmed(scan.text, start, len(scan.text), "", kind, None)
    if turn is None:
        turn = _trimmed(scan.text, 0, len(scan.text), "", kind, None)
    if turn is None:
        return
    if kind == "informant":
        scan.answers.add(0)
        scan.warnings.append(t("ingest_errors.warn_no_labels"))
    else:
        scan.warnings.append(t("ingest_errors.warn_no_paragraphs"))
    scan.turns = [turn]


def _trimmed(
    text: str, start: int, end: int, speaker: str, kind: SpeakerKind, timestamp: str | None
) -> ParsedTurn | None:
    if start >= end:
        return None
    if text[start].isspace() or text[end - 1].isspace():
        segment = text[start:end]
        stripped = segment.lstrip()
        if not stripped:
            return None
        start += len(segment) - len(stripped)
        end = start + len(stripped.rstrip())
    return ParsedTurn(speaker, kind, start, end, timestamp)

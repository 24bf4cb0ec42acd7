"""Values the ingest step produces: a parsed, normalised source with its turns and sentences."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

SpeakerKind = Literal["interviewer", "informant", "note"]

MAX_BYTES = 20 * 1024 * 1024
"""Largest source file accepted (20 MiB); a transcript is rarely above 1 MiB."""

SUPPORTED_SUFFIXES = (".txt", ".md", ".docx")


@dataclass(frozen=True, slots=True)
class ParsedTurn:
    """One speaker's utterance; start/end cover the utterance only, not the label."""

    speaker: str
    kind: SpeakerKind
    start: int
    end: int
    timestamp: str | None = None


@dataclass(frozen=True, slots=True)
class ParsedSentence:
    """A sentence inside one turn, the default unit of coding."""

    turn: int
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class SourceMeta:
    """What the file says about itself: informant code, identity, technique and date."""

    informant: str | None = None
    name: str | None = None
    role: str | None = None
    group: str | None = None
    category: str | None = None
    technique: str = "wawancara"
    date: str | None = None
    title: str | None = None
    extra: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class ParsedSource:
    """A transcript turned into normalised text, turns, sentences and metadata."""

    text: str
    turns: tuple[ParsedTurn, ...]
    sentences: tuple[ParsedSentence, ...]
    meta: SourceMeta
    sha256: str
    encoding: str
    warnings: tuple[str, ...] = ()

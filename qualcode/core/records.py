"""Value types of the domain, shared by every layer."""

from __future__ import annotations

from dataclasses import dataclass, field

POLARITIES = ("pendukung", "penghambat", "netral")
POLARITY_ALIASES = {"supporting": "pendukung", "inhibiting": "penghambat", "neutral": "netral"}
TECHNIQUES = ("wawancara", "observasi", "dokumentasi")
MERGE_STATES = ("accepted", "rejected")  # a statements merge, or a proposal turned down
GROUPS = ("aparatur", "masyarakat")
CATEGORIES = ("kunci", "utama", "pendukung")
SPEAKER_KINDS = ("interviewer", "informant", "note")


@dataclass(frozen=True, slots=True)
class Informant:
    """A person whose words are analysed (I1…I13), with the attributes displays group by."""

    id: int
    code: str
    pseudonym: str = ""
    role: str = ""
    group: str = ""
    category: str = ""
    attributes: dict[str, str] = field(default_factory=dict)

    @property
    def sort_key(self) -> tuple[int, str]:
        digits = "".join(ch for ch in self.code if ch.isdigit())
        return (int(digits) if digits else 10_000, self.code)


@dataclass(frozen=True, slots=True)
class Source:
    """An imported file: its normalised text and where it came from."""

    id: int
    path: str
    name: str
    sha256: str
    technique: str
    informant_id: int | None
    date: str | None
    title: str | None
    encoding: str
    text: str
    warnings: tuple[str, ...]
    version: int
    imported_at: str


@dataclass(frozen=True, slots=True)
class Turn:
    """One speaker's utterance; offsets are code points into the source text."""

    id: int
    source_id: int
    idx: int
    speaker: str
    kind: str
    start: int
    end: int
    timestamp: str | None

    @property
    def codable(self) -> bool:
        return self.kind != "interviewer"


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence inside a turn: the default unit of coding."""

    id: int
    source_id: int
    turn_id: int
    idx: int
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Coding:
    """A coded span: code, polarity, condensed summary, memo, and who made it when."""

    id: int
    uid: str
    source_id: int
    start: int
    end: int
    code_id: str
    polarity: str
    summary: str
    memo: str
    quote: str
    coder: str
    created_at: str
    updated_at: str
    status: str = "ok"
    flag_reason: str = ""

"""Value types of the domain, shared by every layer.

A record is one frozen dataclass, and its mappings are derived from its fields: the store's
columns are the field names (:func:`row_of`, :func:`columns`), and each field's metadata
(:func:`spec`) says how the codings file holds it (its key, whether it may be left out, the
value an empty entry means). Adding a field to a record is the field and a migration.
"""

from __future__ import annotations

import json
from dataclasses import Field, dataclass, field, fields
from functools import cache
from typing import Any

POLARITIES = ("pendukung", "penghambat", "netral")
POLARITY_ALIASES = {"supporting": "pendukung", "inhibiting": "penghambat", "neutral": "netral"}
TECHNIQUES = ("wawancara", "observasi", "dokumentasi")
MERGE_STATES = ("accepted", "rejected")  # a statements merge, or a proposal turned down
GROUPS = ("aparatur", "masyarakat")
CATEGORIES = ("kunci", "utama", "pendukung")
SPEAKER_KINDS = ("interviewer", "informant", "note")


def spec(
    *,
    file: str | None = "",
    empty: object = "",
    optional: bool = False,
    required: bool = False,
    role: str = "",
    column: str = "",
    as_json: bool = False,
) -> dict[str, Any]:
    """Field metadata: ``file`` the key in the codings file ("" the field's name, None not
    there), ``empty`` the value a missing or blank entry means, ``optional`` left out of the
    file when it equals ``empty``, ``required`` refused when missing; ``role`` "key" (identity)
    or "audit" (who and when) for fields an import does not compare; ``column`` the store's
    column when it is not the field's name, ``as_json`` kept there as JSON text."""
    return {
        "file": file,
        "empty": empty,
        "optional": optional,
        "required": required,
        "role": role,
        "column": column,
        "as_json": as_json,
    }


def _meta(f: Field) -> dict[str, Any]:
    return f.metadata or spec()


def _column(f: Field) -> str:
    return _meta(f)["column"] or f.name


def columns(cls: type) -> tuple[str, ...]:
    """The store columns of a record type, in the order of its fields."""
    return tuple(_column(f) for f in fields(cls))


def compared(cls: type) -> tuple[str, ...]:
    """The columns an import compares to tell a changed record (not identity, not audit)."""
    return tuple(_column(f) for f in fields(cls) if not _meta(f)["role"])


def row_of(record: Any, *, without: tuple[str, ...] = ("id",)) -> dict[str, Any]:
    """A record as a store row (column -> value), leaving out the fields named in ``without``
    (its row id by default)."""
    row = {}
    for f in fields(record):
        if f.name not in without:
            value = getattr(record, f.name)
            if _meta(f)["as_json"]:
                value = json.dumps(value, ensure_ascii=False, sort_keys=True)
            row[_column(f)] = value
    return row


def from_row(cls: type, row: Any) -> Any:
    """A record from a store row (a mapping of its columns)."""
    values = {}
    for f in fields(cls):
        value = row[_column(f)]
        if _meta(f)["as_json"]:
            value = json.loads(value)
            if isinstance(_meta(f)["empty"], tuple):
                value = tuple(value)
        values[f.name] = value
    return cls(**values)


@cache
def file_fields(cls: type) -> tuple[tuple[Field, str, dict[str, Any]], ...]:
    """The fields a codings file holds: (field, key, metadata) in the file's key order."""
    found = []
    for f in fields(cls):
        meta = _meta(f)
        if meta["file"] is not None:
            found.append((f, meta["file"] or f.name, meta))
    return tuple(found)


@dataclass(frozen=True, slots=True)
class Informant:
    """A person whose words are analysed (I1…I13), with the attributes displays group by."""

    id: int = field(metadata=spec(file=None, role="key"))
    code: str = field(metadata=spec(required=True, role="key"))
    pseudonym: str = field(default="", metadata=spec())
    role: str = field(default="", metadata=spec())
    group: str = field(default="", metadata=spec(column="grp"))
    category: str = field(default="", metadata=spec())
    attributes: dict[str, str] = field(
        default_factory=dict, metadata=spec(empty={}, optional=True, as_json=True)
    )

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
    """A coded span: code, polarity, condensed summary, memo, and who made it when.

    In the codings file a coding sits under its source, named by its uid (the file's ``id``).
    """

    id: int = field(metadata=spec(file=None, role="key"))
    uid: str = field(metadata=spec(file="id", role="key"))
    source_id: int = field(metadata=spec(file=None))
    start: int = field(metadata=spec(required=True))
    end: int = field(metadata=spec(required=True))
    quote: str = field(metadata=spec(required=True))
    code_id: str = field(metadata=spec(file="code", required=True))
    polarity: str = field(metadata=spec(empty="netral"))
    summary: str = field(metadata=spec())
    memo: str = field(metadata=spec(optional=True))
    coder: str = field(metadata=spec(role="audit"))
    created_at: str = field(metadata=spec(file="created", role="audit"))
    updated_at: str = field(metadata=spec(file="updated", role="audit"))
    status: str = field(default="ok", metadata=spec(empty="ok", optional=True))
    flag_reason: str = field(default="", metadata=spec(optional=True))


@dataclass(frozen=True, slots=True)
class Memo:
    """An analytic memo on a code, a source, an informant, a coding or the whole project."""

    id: int = field(metadata=spec(file=None, role="key"))
    uid: str = field(metadata=spec(file="id", role="key"))
    target_kind: str = field(metadata=spec(file="kind", required=True))
    target: str = field(metadata=spec(optional=True))
    title: str = field(metadata=spec(optional=True))
    body: str = field(metadata=spec(required=True))
    author: str = field(metadata=spec(role="audit"))
    created_at: str = field(metadata=spec(file="created", role="audit"))
    updated_at: str = field(metadata=spec(file="updated", role="audit"))


@dataclass(frozen=True, slots=True)
class Conclusion:
    """A dimension's conclusion; ``evidence`` is the researcher's selection of coding uids
    (empty: every coding of the dimension counts); ``verdict`` is '' until set."""

    dimension_id: str = field(metadata=spec(file="dimension", required=True, role="key"))
    verdict: str = field(default="", metadata=spec())
    statement: str = field(default="", metadata=spec())
    evidence: tuple[str, ...] = field(default=(), metadata=spec(empty=(), optional=True))
    author: str = field(default="", metadata=spec(role="audit"))
    updated_at: str = field(default="", metadata=spec(file="updated", role="audit"))


@dataclass(frozen=True, slots=True)
class IndicatorVerdict:
    """The verdict a researcher set on one indicator."""

    indicator_id: str = field(metadata=spec(file="indicator", required=True, role="key"))
    verdict: str = field(metadata=spec(required=True))
    note: str = field(default="", metadata=spec(optional=True))
    author: str = field(default="", metadata=spec(role="audit"))
    updated_at: str = field(default="", metadata=spec(file="updated", role="audit"))


@dataclass(frozen=True, slots=True)
class ReviewMessage:
    """One message of a review thread: the first is the comment, the others replies."""

    id: int = field(metadata=spec(file=None, role="key"))
    uid: str = field(metadata=spec(file="id", required=True, role="key"))
    thread_uid: str = field(metadata=spec(file=None))
    author: str = field(default="", metadata=spec(role="audit"))
    author_role: str = field(default="", metadata=spec(file="role", optional=True))
    body: str = field(default="", metadata=spec(required=True))
    created_at: str = field(default="", metadata=spec(file="created", role="audit"))
    origin: str = field(default="", metadata=spec(optional=True))


@dataclass(frozen=True, slots=True)
class ReviewThread:
    """A review thread on one target, with its state, its mark and its messages (oldest first)."""

    id: int = field(metadata=spec(file=None, role="key"))
    uid: str = field(metadata=spec(file="id", required=True, role="key"))
    target_kind: str = field(default="project", metadata=spec(file="kind", empty="project"))
    target: str = field(default="", metadata=spec(optional=True))
    anchor: str = field(default="", metadata=spec(optional=True))
    mark: str = field(default="", metadata=spec(optional=True))
    state: str = field(default="open", metadata=spec(empty="open"))
    origin: str = field(default="", metadata=spec(optional=True))
    author: str = field(default="", metadata=spec(role="audit"))
    author_role: str = field(default="", metadata=spec(file="role", optional=True))
    created_at: str = field(default="", metadata=spec(file="created", role="audit"))
    updated_at: str = field(default="", metadata=spec(file="updated", role="audit"))
    messages: tuple[ReviewMessage, ...] = field(default=(), metadata=spec())  # not a column


@dataclass(frozen=True, slots=True)
class StatementMerge:
    """An accepted merge of statements (its wording ``text`` and member codings, by uid) or a
    rejected proposal, never made again."""

    id: int = field(metadata=spec(file=None, role="key"))
    uid: str = field(metadata=spec(file="id", required=True, role="key"))
    state: str = field(metadata=spec(empty="accepted"))
    text: str = field(metadata=spec(optional=True))
    members: tuple[str, ...] = field(metadata=spec(empty=(), as_json=True))
    author: str = field(metadata=spec(role="audit"))
    created_at: str = field(metadata=spec(file="created", role="audit"))

"""Stable anchors for exported tables: the bookmark a cell or a listed statement carries, and
what a comment made on it is about.

A DOCX export marks every table cell with a bookmark named after the cell's stable key
(``display kind|row key|column key``) and every statement of a cell listing several with one named
after the cell key and the statement's words. Names are hashed (Word allows 40 characters, letters,
digits and ``_``) and start with ``_`` so Word keeps them hidden. Reading comments back, the
project's tables are built again and each key hashed the same way, which maps a bookmark to its
target: a conclusion's verdict or statement is its conclusion, an indicator's verdict cell its
verdict, a cell standing for exactly one coding that coding, and any other cell the cell itself.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from qualcode.core.review.targets import cell_key
from qualcode.core.table import Table

PREFIX = "_qc"
HASH_CHARS = 20


@dataclass(frozen=True, slots=True)
class AnchorTarget:
    """What a bookmark stands for: a review target and the words it marks (a statement)."""

    kind: str
    target: str
    words: str = ""


def bookmark_name(key: str, part: int = 0) -> str:
    """Return the bookmark name of a stable key (hidden in Word); ``part`` numbers the pieces of
    a row the DOCX splits across pages (the first is 0)."""
    name = PREFIX + hashlib.sha1(key.encode("utf-8")).hexdigest()[:HASH_CHARS]
    return f"{name}_{part}" if part else name


def base_name(name: str) -> str:
    """Return a bookmark name without its part number (what ``anchor_map`` is keyed by)."""
    return name[: len(PREFIX) + HASH_CHARS]


def bookmark_id(name: str) -> int:
    """Return a bookmark's numeric id, derived from its name (the same in every export)."""
    digits = name[len(PREFIX) : len(PREFIX) + 6]
    part = int(name.rpartition("_")[2]) if name.count("_") > 1 else 0
    return (int(digits, 16) << 4) | min(part, 15)


def table_scope(table: Table) -> str:
    """Return what tells one exported table from another of the same kind (its options)."""
    return table.kind + "".join(f"@{k}={v}" for k, v in sorted(table.options.items()) if v)


def anchor_key(table: Table, row_key: str, column_key: str) -> str:
    """Return the key a cell's bookmark is named after (a cell key, scoped by options)."""
    return cell_key(table_scope(table), row_key, column_key)


def statement_key(key: str, line: str) -> str:
    """Return the key of one listed statement of a cell."""
    return f"{key}#{line.strip()}"


def statement_lines(text: str) -> list[str]:
    """Return the lines of a cell that are statements of their own (only when it lists several)."""
    lines = [line for line in text.split("\n") if line.strip()]
    return lines if len(lines) > 1 else []


def cell_target(
    table: Table, row_key: str, column_key: str, codings: tuple[int, ...], uid_of: Mapping[int, str]
) -> AnchorTarget:
    """Return what a comment on one cell is about."""
    if table.kind == "conclusions" and column_key in ("dimension", "verdict", "statement"):
        return AnchorTarget("conclusion", row_key)
    if table.kind == "indicators" and column_key == "verdict":
        return AnchorTarget("verdict", row_key)
    distinct = set(codings)
    if len(distinct) == 1 and next(iter(distinct)) in uid_of:
        return AnchorTarget("coding", uid_of[next(iter(distinct))])
    return AnchorTarget("cell", cell_key(table.kind, row_key, column_key))


def anchor_map(tables: Iterable[Table], uid_of: Mapping[int, str]) -> dict[str, AnchorTarget]:
    """Return, for every bookmark an export of ``tables`` carries, what it stands for."""
    found: dict[str, AnchorTarget] = {}
    for table in tables:
        keys = [col.key for col in table.columns]
        for row in table.rows:
            for j, cell in enumerate(row.cells):
                column = keys[j] if j < len(keys) else str(j)
                key = anchor_key(table, row.key, column)
                target = cell_target(table, row.key, column, cell.codings, uid_of)
                found[bookmark_name(key)] = target
                for line in statement_lines(cell.text):
                    found[bookmark_name(statement_key(key, line))] = AnchorTarget(
                        target.kind, target.target, line.strip()
                    )
    return found

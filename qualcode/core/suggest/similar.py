"""An already-coded sentence shown beside a suggestion as the reason for it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Similar:
    """An already-coded sentence like the one suggested: its text, informant and code."""

    text: str
    informant: str
    code_id: str
    similarity: float

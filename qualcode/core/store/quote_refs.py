"""The quotes behind codings, for exports that cite them (the DOCX appendix of quotes per cell)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from qualcode.core.store.db import Store

_CHUNK = 900  # stay under SQLite's limit of bound variables


@dataclass(frozen=True, slots=True)
class QuoteRef:
    """One coding as cited under a table: who said it, the words, and the condensed summary."""

    coding_id: int
    informant: str
    quote: str
    summary: str
    source: str = ""
    technique: str = ""

    @property
    def who(self) -> str:
        """The informant code, or the source name for observation and documents."""
        return self.informant or self.source


def quote_refs(store: Store, coding_ids: Sequence[int]) -> list[QuoteRef]:
    """Return the quote of each coding id that exists, in the order the ids were given."""
    found: dict[int, QuoteRef] = {}
    ids = list(dict.fromkeys(coding_ids))
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        marks = ",".join("?" * len(chunk))
        rows = store.query(
            "SELECT c.id, c.quote, c.summary, s.name, s.technique, COALESCE(i.code, '') AS code "
            "FROM codings c JOIN sources s ON s.id = c.source_id "
            "LEFT JOIN informants i ON i.id = s.informant_id "
            f"WHERE c.id IN ({marks})",
            chunk,
        )
        for r in rows:
            found[r["id"]] = QuoteRef(
                coding_id=r["id"],
                informant=r["code"],
                quote=r["quote"],
                summary=r["summary"],
                source=r["name"],
                technique=r["technique"],
            )
    return [found[i] for i in ids if i in found]

"""Sources and informants the parser could not identify: listed, never silently left blank."""

from __future__ import annotations

from dataclasses import dataclass

from qualcode.core.store import sources as repo
from qualcode.core.store.db import Store
from qualcode.i18n import t


@dataclass(frozen=True, slots=True)
class Attention:
    """Something to fix by hand: an interview without informant, an informant without a name or
    a group, or one no source speaks for any more (left by a re-import that gave its transcript
    another code). ``kind`` is "source" or "informant", ``ref`` its path or code."""

    kind: str
    ref: str
    reason: str

    @property
    def message(self) -> str:
        """What is missing and how to set it, in the user's language."""
        # keys: informants.attention_{no_informant,no_name,no_group,no_sources}
        return t(f"informants.attention_{self.reason}", ref=self.ref)


def needing_attention(store: Store) -> list[Attention]:
    """Interviews linked to no informant, then informants without sources, a name or a group."""
    sources = repo.sources(store, with_text=False)
    found = [
        Attention("source", src.path, "no_informant")
        for src in sources
        if src.technique == "wawancara" and src.informant_id is None
    ]
    speaking = {src.informant_id for src in sources}
    for person in sorted(repo.informants(store), key=lambda i: i.sort_key):
        if person.id not in speaking:  # naming it would not help: merge or remove it
            found.append(Attention("informant", person.code, "no_sources"))
            continue
        if not person.pseudonym:
            found.append(Attention("informant", person.code, "no_name"))
        if not person.group:
            found.append(Attention("informant", person.code, "no_group"))
    return found

"""Values derived from one project's store, kept while what they were derived from is unchanged.

Each :class:`~qualcode.core.store.db.Store` owns one :class:`ProjectCache`; two stores never share
an entry. An entry is stored under a name with the key it was built for; a lookup with another
key (a newer store revision, another codebook) builds it again. Store-derived values put
:meth:`ProjectCache.revision` in their key, so any committed change invalidates them.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any, Protocol, TypeVar

T = TypeVar("T")


class _Revisioned(Protocol):
    revision: int

    def scalar(self, sql: str) -> Any: ...


class ProjectCache:
    """One project's derived values (loaded analysis, search state), keyed on their inputs."""

    def __init__(self, store: _Revisioned) -> None:
        self._store = store
        self._entries: dict[str, tuple[Hashable, Any]] = {}

    def revision(self) -> tuple[int, int]:
        """The store's state: its own commits (undo and redo too) and other connections' commits."""
        return (self._store.revision, self._store.scalar("PRAGMA data_version"))

    def get(self, name: str, key: Hashable, build: Callable[[], T]) -> T:
        """The value under ``name`` if it was built for ``key``, else ``build()`` (then kept)."""
        entry = self._entries.get(name)
        if entry is not None and entry[0] == key:
            return entry[1]
        return self.put(name, key, build())

    def put(self, name: str, key: Hashable, value: T) -> T:
        """Keep ``value`` under ``name`` as built for ``key`` (a refined entry); return it."""
        self._entries[name] = (key, value)
        return value

    def previous(self, name: str) -> Any | None:
        """The last value under ``name`` whatever its key (to rebuild only what changed)."""
        entry = self._entries.get(name)
        return None if entry is None else entry[1]

    def clear(self) -> None:
        """Drop every entry (benchmarks measure cold reads with it)."""
        self._entries.clear()

"""The coding screen's search line: ``/`` opens it, Enter searches every source (typo-tolerant,
in the core), ``n`` / ``N`` step from hit to hit across sources.

``SearchBar`` owns the query and the hits; it posts ``HitChosen`` when a hit should be shown
and ``Closed`` when it gives the focus back. The screen tells it the filter, the reading order
of the sources and where the cursor is; it never reaches into the screen.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from textual import on
from textual.message import Message
from textual.widgets import Input

from qualcode.i18n import t

SEARCH_LIMIT = 5000


class SearchBar(Input):
    """A one-line search box, hidden until opened, with the hits of the last search."""

    @dataclass
    class Requested(Message):
        """The student pressed Enter on a query (the screen then calls ``find``)."""

        query: str

    @dataclass
    class HitChosen(Message):
        """Show this hit (a passage of a source)."""

        source_id: int
        start: int
        end: int

    class Closed(Message):
        """The search line closed: the focus goes back to the transcript."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, placeholder=t("tui_coding.search_placeholder"))
        self.hits: list[Any] = []
        self.index = -1
        self.query_text = ""

    def open(self) -> None:
        """Show the line with the last query, focused."""
        self.add_class("-open")
        self.value = self.query_text
        self.focus()

    def close(self) -> None:
        """Hide the line and say so (the screen moves the focus)."""
        self.remove_class("-open")
        self.post_message(self.Closed())

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.query_text = event.value.strip()
        self.close()
        self.post_message(self.Requested(self.query_text))

    def find(
        self,
        project: Any,
        narrow: dict[str, object],
        order: list[int],
        here: tuple[int, int],
    ) -> int:
        """Search for the current query; show the first hit at or after ``here``.

        ``order`` lists source ids in reading order; ``here`` is (rank of the open source in
        ``order``, cursor offset). Returns the number of hits (0: nothing to show).
        """
        from qualcode.core.search.query import search

        if not self.query_text:
            self.hits, self.index = [], -1
            return 0
        found = search(project, self.query_text, limit=SEARCH_LIMIT, **narrow)
        # n / N walk the hits in reading order (sources as listed, then position), like an editor.
        rank = {sid: i for i, sid in enumerate(order)}
        self.hits = sorted(found, key=lambda h: (rank.get(h.source_id, len(rank)), h.start))
        if not self.hits:
            self.index = -1
            return 0
        self.index = next(
            (
                i
                for i, hit in enumerate(self.hits)
                if (rank.get(hit.source_id, len(rank)), hit.start) >= here
            ),
            0,
        )
        self._choose()
        return len(self.hits)

    def step(self, delta: int) -> bool:
        """Show the next (``delta`` 1) or previous (-1) hit; False when there are no hits."""
        if not self.hits:
            return False
        self.index = (self.index + delta) % len(self.hits)
        self._choose()
        return True

    def _choose(self) -> None:
        hit = self.hits[self.index]
        self.post_message(self.HitChosen(hit.source_id, hit.start, hit.end))

    def matches_in(self, source_id: int | None) -> tuple[list[tuple[int, int]], tuple | None]:
        """The hits in one source, and the current hit if it lies there."""
        mine = [(h.start, h.end) for h in self.hits if h.source_id == source_id]
        current = None
        if 0 <= self.index < len(self.hits):
            hit = self.hits[self.index]
            if hit.source_id == source_id:
                current = (hit.start, hit.end)
        return mine, current

    def describe(self) -> str:
        """'hasil 3/17 «antre»' while a search has hits, else ''."""
        if not self.hits:
            return ""
        return t(
            "tui_coding.search_status",
            n=self.index + 1,
            total=len(self.hits),
            query=self.query_text,
        )

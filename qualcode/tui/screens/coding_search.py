"""Search in the coding screen: ``/`` opens the search line, Enter searches every source
(typo-tolerant, in the core), ``n`` / ``N`` jump from hit to hit across sources."""

from __future__ import annotations

from typing import Any

from textual.widgets import Input

from qualcode.i18n import t
from qualcode.tui.guard import guarded

SEARCH_LIMIT = 5000


class CodingSearch:
    """Mixin for CodingScreen: the search line and hit navigation."""

    def init_search(self) -> None:
        self._hits: list[Any] = []
        self._hit_index = -1
        self._query = ""

    @property
    def search_input(self) -> Input:
        return self.query_one("#search-input", Input)

    def has_hits(self) -> bool:
        return bool(self._hits)

    def action_search(self) -> None:
        """Open the search line (Enter searches all sources, Esc closes it)."""
        box = self.search_input
        box.add_class("-open")
        box.value = self._query
        box.focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        # A naming-convention handler: ``@on`` is not collected from mixins.
        if event.input.id == "search-input":
            event.stop()
            self.run_search(event.value)

    def action_close_search(self) -> None:
        """Close the search line and go back to the transcript."""
        self.search_input.remove_class("-open")
        self.view.focus()

    @guarded
    def run_search(self, query: str) -> None:
        """Search every source for ``query`` and jump to the first hit at or after the cursor."""
        from qualcode.core.search.query import search

        query = query.strip()
        self._query = query
        self.search_input.remove_class("-open")
        self.view.focus()
        if not query:
            self._hits, self._hit_index = [], -1
            self.refresh_search_for_source()
            return
        flt = self.filter
        narrow: dict[str, object] = {}
        if flt.informant:
            narrow["informant"] = flt.informant
        if flt.group:
            narrow["group"] = flt.group
        if flt.coded != "all":
            narrow["coded"] = flt.coded == "coded"
        hits = search(self.project, query, limit=SEARCH_LIMIT, **narrow)
        # n / N walk the hits in reading order (sources as listed, then position), like an editor.
        rank = {src.id: i for i, src in enumerate(self._source_rows)}
        self._hits = sorted(hits, key=lambda h: (rank.get(h.source_id, len(rank)), h.start))
        if not self._hits:
            self._hit_index = -1
            self.refresh_search_for_source()
            self.notify(t("tui_coding.search_none", query=query), severity="warning")
            return
        self._hit_index = self._first_hit_after_cursor()
        self._show_hit()

    def _first_hit_after_cursor(self) -> int:
        span = self.view.span
        order = [s.id for s in self._visible_sources()] or [self.source_id]
        rank = {sid: i for i, sid in enumerate(order)}
        here = (rank.get(self.source_id, 0), span[0] if span else 0)
        for i, hit in enumerate(self._hits):
            if (rank.get(hit.source_id, len(rank)), hit.start) >= here:
                return i
        return 0

    def action_next_hit(self, delta: int) -> None:
        """Jump to the next (``n``) or previous (``N``) search hit, across sources."""
        if not self._hits:
            self.notify(t("tui_coding.search_first"), severity="warning")
            return
        self._hit_index = (self._hit_index + delta) % len(self._hits)
        self._show_hit()

    def _show_hit(self) -> None:
        hit = self._hits[self._hit_index]
        if hit.source_id != self.source_id:
            self.jump_to(hit.source_id, hit.start, hit.end)
        else:
            self.view.select_span(hit.start, hit.end)
        self.refresh_search_for_source()
        self.update_status()

    def refresh_search_for_source(self) -> None:
        """Highlight the hits that fall in the open source."""
        if not self.is_mounted:
            return
        mine = [(h.start, h.end) for h in self._hits if h.source_id == self.source_id]
        current = None
        if 0 <= self._hit_index < len(self._hits):
            hit = self._hits[self._hit_index]
            if hit.source_id == self.source_id:
                current = (hit.start, hit.end)
        self.view.set_matches(mine, current)

    def search_status(self) -> str:
        """'hasil 3/17 «antre»' while a search is active, else ''."""
        if not self._hits:
            return ""
        return t(
            "tui_coding.search_status",
            n=self._hit_index + 1,
            total=len(self._hits),
            query=self._query,
        )

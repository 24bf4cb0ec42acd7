"""Stage 2 — Kondensasi: read a transcript sentence by sentence and code it.

Left: the sources (filtered); centre: the transcript (Line API, only visible lines render);
right: the codebook tree with a key per code and what lies under the cursor. The write actions
(code, polarity, summary, suggestions, undo…) live in ``coding_actions``; the search line
(``SearchBar``) and the suggestions (``SuggestionFeed``) are widgets that own their state and
talk to this screen by messages.
"""

from __future__ import annotations

from collections import Counter
from typing import ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option, OptionDoesNotExist

from qualcode.core.store import sources as repo
from qualcode.i18n import get_language, t
from qualcode.tui.fit import fit_words
from qualcode.tui.guard import guarded
from qualcode.tui.keys import key
from qualcode.tui.screens.base import StageScreen
from qualcode.tui.screens.coding_actions import CodingActions
from qualcode.tui.screens.dialogs.filters import CodingFilter
from qualcode.tui.widgets.codebook_tree import SLOT_VARS, CodebookTree
from qualcode.tui.widgets.lists import PlainList
from qualcode.tui.widgets.search_bar import SearchBar
from qualcode.tui.widgets.suggestion_feed import SuggestionFeed, suggestion_lines
from qualcode.tui.widgets.transcript import TranscriptView
from qualcode.tui.widgets.transcript_lines import POLARITY_MARK
from qualcode.tui.widgets.transcript_model import TranscriptData, TranscriptModel


class CodingScreen(CodingActions, StageScreen):
    """The coding workbench."""

    STAGE = "coding"
    PALETTE_WIDGETS = (TranscriptView,)
    BINDINGS: ClassVar[list[BindingType]] = [
        key("space,enter", "code_selected", "coding.code", key_display="␣"),
        key("c", "code_with_key", "coding.code_key"),
        key("C", "pick_code", "coding.pick_code", show=False),
        key("x,delete", "uncode", "coding.uncode"),
        key("p", "polarity", "coding.polarity"),
        key("s", "summary", "coding.summary"),
        key("e", "next_uncondensed", "coding.next_uncondensed"),
        key("a", "accept_suggestion", "coding.accept"),
        key("r", "reject_suggestion", "coding.reject"),
        key("slash", "search", "coding.search"),
        key("n", "next_hit(1)", "coding.next_hit", show=False),
        key("N", "next_hit(-1)", "coding.prev_hit", show=False),
        key("escape", "close_search", "coding.close_search", show=False),
        key("u,ctrl+z", "undo", "coding.undo"),
        key("U,ctrl+y", "redo", "coding.redo", show=False),
        key("f", "filters", "coding.filters"),
        key("right_square_bracket", "next_source(1)", "coding.next_source", show=False),
        key("left_square_bracket", "next_source(-1)", "coding.prev_source", show=False),
        key("b", "focus_codebook", "coding.focus_codebook", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.source_id: int | None = None
        self.filter = CodingFilter()
        self.selected_code: str | None = None
        self.awaiting_code_key = False
        self._positions: dict[int, int] = {}
        self._source_counts: Counter[int] = Counter()
        self._source_rows: list = []
        self._informants: dict[int, object] = {}

    def compose_body(self) -> ComposeResult:
        with Horizontal(id="coding-panes"):
            with Vertical(id="coding-sources", classes="side-pane wide-only"):
                yield Label(t("tui_coding.sources_title"), classes="pane-title")
                yield PlainList(id="source-list")
            with Vertical(id="coding-main"):
                yield Label("", id="transcript-title", classes="pane-title", markup=False)
                yield TranscriptView(id="transcript")
                yield SearchBar(id="search-input")
            with Vertical(id="coding-side", classes="side-pane"):
                yield Label(t("tui_coding.codebook_title"), classes="pane-title")
                yield CodebookTree(id="codebook")
                yield Label(t("tui_coding.here_title"), classes="pane-title")
                with VerticalScroll(id="here-scroll"):
                    yield Static("", id="here")
        yield SuggestionFeed()

    # -- widgets ------------------------------------------------------------------------------
    @property
    def view(self) -> TranscriptView:
        return self.query_one(TranscriptView)

    @property
    def tree(self) -> CodebookTree:
        return self.query_one(CodebookTree)

    @property
    def codebook(self):
        return self.project.codebook

    @property
    def feed(self) -> SuggestionFeed:
        return self.query_one(SuggestionFeed)

    @property
    def search_bar(self) -> SearchBar:
        return self.query_one(SearchBar)

    # -- data ---------------------------------------------------------------------------------
    def on_screen_resume(self) -> None:
        # Textual runs StageScreen's handler too (each class's own, along the MRO).
        self.feed.resume()  # suggestions held back while the stage was built off screen

    def refresh_data(self) -> None:
        """Reload sources, codebook and the open transcript from the store."""
        from qualcode.core.store.codings import coding_counts_per_source

        store = self.store
        self._informants = {i.id: i for i in repo.informants(store)}
        self._source_rows = repo.sources(store, with_text=False)
        self._source_counts = Counter(coding_counts_per_source(store))
        tree = self.tree
        if tree._codebook is None:
            tree.load(self.codebook)
            view = self.view
            view.slot_of = lambda code_id: tree.slots.get(code_id, 0)
            view.label_of = lambda code_id: code_id
            first = next(iter(tree.keys), None)
            self.selected_code = self.selected_code or first
            if self.selected_code:
                tree.select_code(self.selected_code)
        self._fill_source_list()
        if self.source_id is None and self._visible_sources():
            self.open_source(self._visible_sources()[0].id)
        elif self.source_id is not None:
            self.reload_codings()
        self.mark_seen()
        self.view.focus()

    def _visible_sources(self) -> list:
        flt = self.filter
        rows = []
        for src in self._source_rows:
            informant = self._informants.get(src.informant_id) if src.informant_id else None
            if flt.informant and (informant is None or informant.code != flt.informant):
                continue
            if flt.group and (informant is None or informant.group != flt.group):
                continue
            rows.append(src)
        return rows

    def _fill_source_list(self) -> None:
        listing = self.query_one("#source-list", OptionList)
        listing.clear_options()
        options = []
        for src in self._visible_sources():
            informant = self._informants.get(src.informant_id) if src.informant_id else None
            # keys: tui.technique_abbr_{wawancara,observasi,dokumentasi}
            head = informant.code if informant else t(f"tui.technique_abbr_{src.technique}")
            role = (informant.role or informant.pseudonym) if informant else ""
            # The pane is 26 wide: code, role, count in a row; the role is cut at a word.
            role = fit_words(role or src.name, 16)
            count = self._source_counts.get(src.id, 0)
            options.append(
                Option(
                    Content.assemble(
                        (f"{head:<4} ", "bold"),
                        f"{role:<16}",
                        (f"{count:>4}" if count else "", "$text-muted"),
                    ),
                    id=str(src.id),
                )
            )
        listing.add_options(options)
        self._highlight_source()

    def _highlight_source(self) -> None:
        listing = self.query_one("#source-list", OptionList)
        if self.source_id is None:
            return
        try:
            listing.highlighted = listing.get_option_index(str(self.source_id))
        except OptionDoesNotExist:
            listing.highlighted = None

    def open_source(self, source_id: int, position: int | None = None) -> None:
        """Show a source in the transcript, at a sentence (or where the cursor last was)."""
        from qualcode.core.store.codings import list_codings

        store = self.store
        src = repo.source_by_id(store, source_id)
        if src is None:
            return
        if self.source_id is not None:
            self._positions[self.source_id] = self.view.cursor
        informant = repo.informant_by_id(store, src.informant_id) if src.informant_id else None
        data = TranscriptData(
            source_id=src.id,
            title=src.name,
            text=src.text,
            turns=tuple(repo.turns(store, src.id)),
            sentences=tuple(repo.sentences(store, src.id)),
            informant=informant.code if informant else "",
        )
        model = TranscriptModel(data)
        model.set_codings(list_codings(store, source_id=src.id))
        self.source_id = src.id
        self.source = src
        self.informant = informant
        # keys: tui.technique_{wawancara,observasi,dokumentasi}
        parts = [t(f"tui.technique_{src.technique}"), src.date or src.name]
        if informant is not None:
            parts = [informant.code, informant.pseudonym, informant.role, informant.group, *parts]
        self.query_one("#transcript-title", Label).update(" · ".join(p for p in parts if p))
        self.view.nav_filter = self._nav_filter()
        start = self._positions.get(src.id, 0) if position is None else position
        self.view.load(model, start)
        self.tree.update_counts(Counter(c.code_id for c in model.codings))
        self._highlight_source()
        self.refresh_search_for_source()
        self.request_suggestions()

    def reload_codings(self) -> None:
        """Re-read the open source's codings and redraw only what changed."""
        from qualcode.core.store.codings import list_codings

        if self.source_id is None or self.view.model is None:
            return
        codings = list_codings(self.store, source_id=self.source_id)
        self.view.set_codings(codings)
        self._source_counts[self.source_id] = len(codings)
        self.tree.update_counts(Counter(c.code_id for c in codings))
        self.view.set_suggestions(self.feed.notes())
        self.update_here()
        self.mark_seen()

    def _nav_filter(self):
        model_state = self.filter.coded
        if model_state == "all":
            return None

        def accept(pos: int) -> bool:
            model = self.view.model
            uncoded = model.uncoded(pos) if model else True
            return uncoded if model_state == "uncoded" else not uncoded

        return accept

    # -- the panel under the tree and the status bar --------------------------------------
    def codings_here(self) -> list:
        """Codings overlapping the selection, those matching it most closely first."""
        span = self.view.span
        model = self.view.model
        if span is None or model is None:
            return []
        found = model.codings_overlapping(*span)
        return sorted(found, key=lambda c: (abs(c.start - span[0]) + abs(c.end - span[1]), c.id))

    def update_here(self) -> None:
        """Describe the codings and suggestions under the cursor, and the status line."""
        lang = get_language()
        parts: list[Content] = []
        for coding in self.codings_here():
            slot = self.tree.slots.get(coding.code_id, 0)
            mark = POLARITY_MARK.get(coding.polarity, "?")
            # keys: tui.polarity_{pendukung,penghambat,netral}
            parts.append(
                Content.assemble(
                    ("▌ ", f"$text-{_slot_var(slot)}"),
                    (coding.code_id, "bold"),
                    f"  {mark} {t(f'tui.polarity_{coding.polarity}')}",
                )
            )
            parts.append(
                Content(f"  {self.codebook.path_label(coding.code_id, lang)}").stylize(
                    "$text-muted"
                )
            )
            summary = coding.summary or t("tui_coding.no_summary")
            parts.append(
                Content(f"  ✎ {summary}").stylize("" if coding.summary else "italic $text-muted")
            )
        if not parts:
            parts.append(Content(t("tui_coding.nothing_here")).stylize("$text-muted"))
        parts.extend(suggestion_lines(self.suggestions_here()))
        self.query_one("#here", Static).update(Content("\n").join(parts))
        self.update_status()

    def update_status(self) -> None:
        view = self.view
        model = view.model
        if model is None:
            self.status.show(left=t("tui_coding.no_source"), right="")
            return
        first, last = view.positions
        last_number = len(model.sentences) - 1
        where = (
            t("tui_coding.status_sentence", n=model.number(first), last=last_number)
            if first == last
            else t(
                "tui_coding.status_span",
                a=model.number(first),
                b=model.number(last),
                last=last_number,
            )
        )
        code = self.selected_code
        chosen = f"[{self.tree.keys.get(code, ' ')}] {code}" if code else "—"
        manual = self.project.user.manual_polarity
        # keys: tui.polarity_{pendukung,penghambat,netral}
        new = (
            t("tui_coding.status_ask_polarity")
            if manual == "tanya"
            else t("tui_coding.status_new_polarity", polarity=t(f"tui.polarity_{manual}"))
        )
        left = f"{where} · {t('tui_coding.status_code', code=chosen)} · {new}"
        if self.filter.active:
            left += f" · {t('tui_coding.status_filter', filter=self.filter.describe())}"
        if self.awaiting_code_key:
            left = t("tui_coding.awaiting_key")
        self.status.show(
            left=left,
            right=self.search_bar.describe()
            or t("tui_coding.status_codings", n=len(model.codings)),
        )

    # -- suggestions (SuggestionFeed) ------------------------------------------------------------
    def request_suggestions(self) -> None:
        """Ask for the open source's suggestions (the old ones vanish at once)."""
        self.feed.enabled = getattr(self.app, "suggestions", True)
        self.feed.request(self.project.root, self.source_id)
        self.view.set_suggestions({})

    def show_suggestions(self) -> None:
        """Redraw the gutter notes and the panel from the feed."""
        self.view.set_suggestions(self.feed.notes())
        self.update_here()

    @on(SuggestionFeed.Updated)
    def _suggestions_updated(self, event: SuggestionFeed.Updated) -> None:
        if event.source_id == self.source_id:
            self.show_suggestions()

    # -- search (SearchBar) -----------------------------------------------------------------------
    def action_search(self) -> None:
        """Open the search line (Enter searches all sources, Esc closes it)."""
        self.search_bar.open()

    def action_close_search(self) -> None:
        """Close the search line and go back to the transcript."""
        self.search_bar.close()

    @on(SearchBar.Closed)
    def _search_closed(self) -> None:
        self.view.focus()

    @on(SearchBar.Requested)
    @guarded
    def _search_submitted(self, event: SearchBar.Requested) -> None:
        flt = self.filter
        narrow: dict[str, object] = {}
        if flt.informant:
            narrow["informant"] = flt.informant
        if flt.group:
            narrow["group"] = flt.group
        if flt.coded != "all":
            narrow["coded"] = flt.coded == "coded"
        order = [src.id for src in self._source_rows]
        span = self.view.span
        here = (
            order.index(self.source_id) if self.source_id in order else 0,
            span[0] if span else 0,
        )
        found = self.search_bar.find(self.project, narrow, order, here)
        if not found:
            self.refresh_search_for_source()
            self.update_status()
            if event.query:
                self.notify(t("tui_coding.search_none", query=event.query), severity="warning")

    def action_next_hit(self, delta: int) -> None:
        """Jump to the next (``n``) or previous (``N``) search hit, across sources."""
        if not self.search_bar.step(delta):
            self.notify(t("tui_coding.search_first"), severity="warning")

    @on(SearchBar.HitChosen)
    def _hit_chosen(self, event: SearchBar.HitChosen) -> None:
        if event.source_id != self.source_id:
            self.jump_to(event.source_id, event.start, event.end)
        else:
            self.view.select_span(event.start, event.end)
        self.refresh_search_for_source()
        self.update_status()

    def refresh_search_for_source(self) -> None:
        """Highlight the hits that fall in the open source."""
        if self.is_mounted:
            self.view.set_matches(*self.search_bar.matches_in(self.source_id))

    # -- events ---------------------------------------------------------------------------------
    @on(TranscriptView.CursorMoved)
    def _cursor_moved(self, _event: TranscriptView.CursorMoved) -> None:
        self.update_here()

    @on(OptionList.OptionSelected, "#source-list")
    def _source_chosen(self, event: OptionList.OptionSelected) -> None:
        if event.option.id and int(event.option.id) != self.source_id:
            self.open_source(int(event.option.id))
        self.view.focus()

    @on(CodebookTree.CodeHighlighted)
    def _code_highlighted(self, event: CodebookTree.CodeHighlighted) -> None:
        self.selected_code = event.code_id
        self.update_status()

    @on(CodebookTree.CodeChosen)
    def _code_chosen(self, event: CodebookTree.CodeChosen) -> None:
        self.selected_code = event.code_id
        self.view.focus()
        self.update_status()

    def on_key(self, event: events.Key) -> None:
        """After ``c``, the next key names the code to apply (Esc cancels)."""
        if not self.awaiting_code_key:
            return
        event.stop()
        event.prevent_default()
        self.awaiting_code_key = False
        if event.key == "escape":
            self.update_status()
            return
        if event.key in ("slash", "enter", "space"):
            self.action_pick_code()
            return
        code_id = self.tree.code_for_key(event.character or "")
        if code_id is None:
            self.notify(
                t("tui_coding.no_such_key", key=event.character or event.key), severity="warning"
            )
            self.update_status()
            return
        self.selected_code = code_id
        self.tree.select_code(code_id)
        self.code_span(code_id)

    # -- navigation actions ---------------------------------------------------------------------
    def action_next_source(self, delta: int) -> None:
        """Open the next (or previous) source in the list."""
        visible = self._visible_sources()
        ids = [s.id for s in visible]
        if not ids:
            return
        index = ids.index(self.source_id) + delta if self.source_id in ids else 0
        self.open_source(ids[index % len(ids)])

    def action_focus_codebook(self) -> None:
        """Move the focus to the codebook tree (Enter there chooses a code)."""
        self.tree.focus()

    def action_filters(self) -> None:
        """Filter sources by informant/group and the cursor by coded/uncoded."""
        from qualcode.tui.screens.dialogs.filters import FilterDialog

        informants = [i.code for i in sorted(self._informants.values(), key=lambda i: i.sort_key)]
        groups = sorted({i.group for i in self._informants.values() if i.group})
        self.app.push_screen(FilterDialog(self.filter, informants, groups), self._apply_filter)

    def _apply_filter(self, flt: CodingFilter | None) -> None:
        if flt is None:
            return
        self.filter = flt
        self._fill_source_list()
        visible = self._visible_sources()
        if visible and self.source_id not in {s.id for s in visible}:
            self.open_source(visible[0].id)
        self.view.nav_filter = self._nav_filter()
        self.update_status()
        self.view.focus()

    def jump_to(self, source_id: int, start: int, end: int) -> None:
        """Open a source and select a passage in it (start < 0: where the cursor last was)."""
        if source_id != self.source_id:
            if self.filter.active and source_id not in {s.id for s in self._visible_sources()}:
                self.filter = CodingFilter()
                self._fill_source_list()
            self.open_source(source_id)
        if start >= 0:
            self.view.select_span(start, end)
        self.view.focus()


def _slot_var(slot: int) -> str:
    return SLOT_VARS[slot % len(SLOT_VARS)]

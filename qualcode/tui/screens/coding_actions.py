"""The coding screen's write actions: code, uncode, polarity, summary, accept or reject a
suggestion, undo and redo.

Each action calls one function of the core (one event in the store, so undo walks it) and then
redraws only the lines whose codings changed. ``CodingActions`` is mixed into ``CodingScreen``;
``CodingHost`` is everything it uses of its host, so the contract is written down and checked.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from qualcode.core.records import Coding
from qualcode.errors import QualcodeError
from qualcode.i18n import t
from qualcode.tui.guard import guarded

if TYPE_CHECKING:
    from textual.app import App

    from qualcode.core.codebook.model import Codebook
    from qualcode.core.project import Project
    from qualcode.tui.widgets.codebook_tree import CodebookTree
    from qualcode.tui.widgets.search_bar import SearchBar
    from qualcode.tui.widgets.suggestion_feed import SuggestionFeed
    from qualcode.tui.widgets.transcript import TranscriptView


@runtime_checkable
class CodingHost(Protocol):
    """What the coding actions need from the screen they are mixed into."""

    source_id: int | None
    selected_code: str | None
    awaiting_code_key: bool

    @property
    def app(self) -> App: ...
    @property
    def is_mounted(self) -> bool: ...
    @property
    def project(self) -> Project: ...
    @property
    def codebook(self) -> Codebook: ...
    @property
    def view(self) -> TranscriptView: ...
    @property
    def tree(self) -> CodebookTree: ...
    @property
    def feed(self) -> SuggestionFeed: ...
    @property
    def search_bar(self) -> SearchBar: ...

    def codings_here(self) -> list[Coding]: ...
    def reload_codings(self) -> None: ...
    def request_suggestions(self) -> None: ...
    def show_suggestions(self) -> None: ...
    def update_status(self) -> None: ...
    def notify(self, message: str, **kwargs: Any) -> None: ...


class CodingActions:
    """Mixin for CodingScreen (a ``CodingHost``): the actions that change codings."""

    def _writable(self) -> bool:
        if self.project.readonly:
            self.notify(t("tui.readonly_action"), severity="warning")
            return False
        return True

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        writes = {"code_selected", "code_with_key", "pick_code", "uncode", "polarity", "summary"}
        writes |= {"accept_suggestion", "reject_suggestion", "undo", "redo"}
        if action in writes and self.project.readonly:
            return False
        if action in ("uncode", "polarity", "summary") and self.is_mounted:
            return True if self.codings_here() else None
        if action == "next_hit":
            return True if self.is_mounted and self.search_bar.hits else None
        return True

    # -- coding ---------------------------------------------------------------------------------
    def code_span(self, code_id: str) -> None:
        """Code the selection with ``code_id``: the polarity of a suggestion shown for it, else
        the student's ``manual_polarity`` setting (netral unless chosen; "tanya" asks)."""
        span = self.view.span
        if span is None or self.source_id is None or not self._writable():
            self.update_status()
            return
        polarity = self.suggestion_polarity(code_id) or self.project.user.manual_polarity
        if polarity == "tanya":
            self._ask_polarity(code_id)
            return
        self._add(code_id, span, polarity)

    def action_code_selected(self) -> None:
        """Code the selection with the code highlighted in the codebook."""
        if self.selected_code is None:
            self.notify(t("tui_coding.no_code_selected"), severity="warning")
            return
        self.code_span(self.selected_code)

    def action_code_with_key(self) -> None:
        """Wait for a code's key (1–9, a–z …) and code the selection with it."""
        if not self._writable():
            return
        self.awaiting_code_key = True
        self.update_status()

    def action_pick_code(self) -> None:
        """Choose a code by typing part of its name, then code the selection with it."""
        from qualcode.tui.screens.dialogs.code_picker import CodePicker

        def picked(code_id: str | None) -> None:
            self.update_status()
            if code_id:
                self.selected_code = code_id
                self.tree.select_code(code_id)
                self.code_span(code_id)

        self.app.push_screen(CodePicker(self.codebook, self.tree.keys), picked)

    # -- acting on the coding under the cursor --------------------------------------------------
    def with_coding(self, title: str, act: Callable[[Coding], None]) -> None:
        """Run ``act`` on the coding under the cursor; ask which one when there are several."""
        from qualcode.tui.screens.dialogs.code_picker import CodingChooser

        here = self.codings_here()
        if not here:
            self.notify(t("tui_coding.no_coding_here"), severity="warning")
            return
        if len(here) == 1:
            act(here[0])
            return
        by_id = {c.id: c for c in here}
        # keys: tui.polarity_{pendukung,penghambat,netral}
        choices = [
            (c.id, f"{c.code_id} · {t(f'tui.polarity_{c.polarity}')} · {c.quote[:60]}")
            for c in here
        ]

        def chosen(coding_id: int | None) -> None:
            if coding_id in by_id:
                act(by_id[coding_id])

        self.app.push_screen(CodingChooser(title, choices), chosen)

    def action_uncode(self) -> None:
        """Remove the coding under the cursor (undoable: the notification says how)."""
        if self._writable():
            self.with_coding(t("tui_coding.choose_uncode"), self._remove)

    @guarded
    def _remove(self, coding: Coding) -> None:
        from qualcode.core.coding.operations import remove_coding

        remove_coding(self.project, coding.id)
        self.reload_codings()
        self.notify(t("tui_coding.removed", code=coding.code_id), timeout=5)

    def action_polarity(self) -> None:
        """Cycle the polarity of the coding under the cursor: pendukung → penghambat → netral."""
        if self._writable():
            self.with_coding(t("tui_coding.choose_polarity"), self._cycle)

    @guarded
    def _cycle(self, coding: Coding) -> None:
        from qualcode.core.coding.operations import cycle_polarity

        updated = cycle_polarity(self.project, coding.id)
        self.reload_codings()
        # keys: tui.polarity_{pendukung,penghambat,netral}
        self.notify(
            t(
                "tui_coding.polarity_now",
                code=updated.code_id,
                polarity=t(f"tui.polarity_{updated.polarity}"),
            ),
            timeout=2,
        )

    def action_summary(self) -> None:
        """Write the condensed summary of the coding under the cursor."""
        if self._writable():
            self.with_coding(t("tui_coding.choose_summary"), self._edit_summary)

    def _edit_summary(self, coding: Coding) -> None:
        from qualcode.tui.screens.dialogs.summary import SummaryDialog

        heading = t("tui_coding.summary_title", code=self.codebook.path_label(coding.code_id))
        self.app.push_screen(
            SummaryDialog(heading, coding.quote, coding.summary),
            lambda text: self._save_summary(coding, text),
        )

    @guarded
    def _save_summary(self, coding: Coding, text: str | None) -> None:
        from qualcode.core.coding.operations import update_coding

        if text is None or text == coding.summary:
            return
        update_coding(self.project, coding.id, summary=text)
        self.reload_codings()
        self.notify(t("tui_coding.summary_saved", code=coding.code_id), timeout=2)

    def action_next_uncondensed(self) -> None:
        """Jump to the next coding still to condense (no summary yet) and open its editor."""
        from qualcode.core.coding.condensing import next_uncondensed

        span = self.view.span
        position = span[0] if span is not None else -1
        order = [s.id for s in self._visible_sources()]
        found = next_uncondensed(self.store, order, self.source_id, position)
        if found is None:
            self.notify(t("tui_coding.all_condensed"), timeout=3)
            return
        self.jump_to(found.source_id, found.start, found.end)
        if not self.project.readonly:
            self._edit_summary(found)

    # -- undo / redo ----------------------------------------------------------------------------
    @guarded
    def action_undo(self) -> None:
        """Undo the newest change (any kind: coding, summary, informant …)."""
        from qualcode.core.coding.operations import undo

        if not self._writable():
            return
        event = undo(self.project)
        self._after_history(t("tui_coding.undone", what=event.description))

    @guarded
    def action_redo(self) -> None:
        """Redo the change undone last."""
        from qualcode.core.coding.operations import redo

        if not self._writable():
            return
        event = redo(self.project)
        self._after_history(t("tui_coding.redone", what=event.description))

    def _after_history(self, message: str) -> None:
        self.reload_codings()
        self.request_suggestions()
        self.notify(message, timeout=4)

    # -- suggestions ----------------------------------------------------------------------------
    def suggestions_here(self) -> list[Any]:
        """Suggestions for the sentences under the cursor."""
        return self.feed.here(self.view.model, self.view.positions)

    def suggestion_polarity(self, code_id: str) -> str | None:
        """The polarity of a suggestion for this code shown under the cursor, if there is one."""
        return next((s.polarity for s in self.suggestions_here() if s.code_id == code_id), None)

    def _ask_polarity(self, code_id: str) -> None:
        """Ask the polarity of a new coding (manual_polarity: tanya); the lexicon's guess first."""
        from qualcode.core.records import POLARITIES
        from qualcode.tui.screens.dialogs.code_picker import CodingChooser

        span = self.view.span
        guess = self.lexicon_polarity(code_id) or "netral"
        # keys: tui.polarity_{pendukung,penghambat,netral}
        choices = [(i, t(f"tui.polarity_{p}")) for i, p in enumerate(POLARITIES)]

        def chosen(index: int | None) -> None:
            if index is None or span is None or self.source_id is None:
                self.update_status()
                return
            self._add(code_id, span, POLARITIES[index])

        self.app.push_screen(
            CodingChooser(
                t("tui_coding.choose_new_polarity", code=code_id),
                choices,
                POLARITIES.index(guess),
            ),
            chosen,
        )

    @guarded
    def _add(self, code_id: str, span: tuple[int, int], polarity: str) -> None:
        from qualcode.core.coding.operations import add_coding

        coding = add_coding(self.project, self.source_id, span[0], span[1], code_id, polarity)
        self.reload_codings()
        # keys: tui.polarity_{pendukung,penghambat,netral}
        self.notify(
            t("tui_coding.coded", code=code_id, polarity=t(f"tui.polarity_{coding.polarity}")),
            timeout=2,
        )

    def lexicon_polarity(self, code_id: str) -> str | None:
        """The lexicon's polarity for the sentence under the cursor (only once spaCy is up)."""
        from qualcode.core import nlp

        model = self.view.model
        first, last = self.view.positions
        if not nlp.is_loaded() or model is None or first != last or self.source_id is None:
            return None
        from qualcode.core.suggest import suggestion_for

        sentence = model.sentences[model.codable[first]]
        try:
            return suggestion_for(self.project, self.source_id, sentence.idx, code_id).polarity
        except QualcodeError:
            return None

    def _with_suggestion(self, title: str, act: Callable[[Any], None]) -> None:
        from qualcode.tui.screens.dialogs.code_picker import CodingChooser

        here = self.suggestions_here()
        if not here:
            self.notify(t("tui_coding.no_suggestion_here"), severity="warning")
            return
        if len(here) == 1:
            act(here[0])
            return
        # keys: tui.polarity_{pendukung,penghambat,netral}
        choices = [
            (i, f"{s.code_id} · {t(f'tui.polarity_{s.polarity}')} · {round(s.score * 100)}%")
            for i, s in enumerate(here)
        ]
        self.app.push_screen(
            CodingChooser(title, choices), lambda i: act(here[i]) if i is not None else None
        )

    def action_accept_suggestion(self) -> None:
        """Accept the suggestion under the cursor: it becomes a coding still to condense."""
        if self._writable():
            self._with_suggestion(t("tui_coding.choose_accept"), self._accept)

    @guarded
    def _accept(self, suggestion: Any) -> None:
        from qualcode.core.suggest import accept

        coding = accept(self.project, suggestion)
        self.feed.drop(suggestion)
        self.reload_codings()
        self.notify(t("tui_coding.accepted", code=coding.code_id), timeout=3)

    def action_reject_suggestion(self) -> None:
        """Reject the suggestion under the cursor (remembered; undo brings it back)."""
        if self._writable():
            self._with_suggestion(t("tui_coding.choose_reject"), self._reject)

    @guarded
    def _reject(self, suggestion: Any) -> None:
        from qualcode.core.suggest import reject

        reject(self.project, suggestion)
        self.feed.drop(suggestion)
        self.show_suggestions()
        self.notify(t("tui_coding.rejected", code=suggestion.code_id), timeout=3)

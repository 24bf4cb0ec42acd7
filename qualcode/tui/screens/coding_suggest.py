"""Suggestions in the coding screen: computed in a thread worker (spaCy loads there, lazily),
shown in the transcript's gutter and under the codebook, accepted with ``a`` or rejected with ``r``.

The worker reads through its own read-only connection, so it never shares a transaction with
the screen; results arrive as a message and only the gutter lines that change are redrawn.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from textual import work
from textual.content import Content
from textual.message import Message

from qualcode.errors import QualcodeError
from qualcode.i18n import t
from qualcode.tui.guard import guarded
from qualcode.tui.widgets.suggestion_reasons import suggestion_lines as reason_lines
from qualcode.tui.widgets.transcript_lines import GutterNote


class CodingSuggestions:
    """Mixin for CodingScreen: the suggestion worker and the accept/reject actions."""

    @dataclass
    class SuggestionsReady(Message):
        """Suggestions for one source arrived from the worker."""

        source_id: int
        suggestions: list[Any]

    def init_suggestions(self) -> None:
        self._suggestions: dict[int, list[Any]] = {}
        self._suggestion_source: int | None = None
        self._reader = None
        self.suggestions_enabled = True

    def request_suggestions(self) -> None:
        """Ask the worker for the open source's suggestions (the old ones vanish at once)."""
        self._suggestions = {}
        self._suggestion_source = self.source_id
        self.view.set_suggestions({})
        enabled = self.suggestions_enabled and getattr(self.app, "suggestions", True)
        if self.source_id is not None and enabled:
            self._compute_suggestions(self.source_id)

    @work(thread=True, exclusive=True, group="suggest", exit_on_error=False)
    def _compute_suggestions(self, source_id: int) -> None:
        """Run the suggester off the event loop, on a read-only connection of its own."""
        from qualcode.core.project import Project
        from qualcode.core.suggest import suggest_for_source

        if self._reader is None:
            self._reader = Project.open(self.project.root, readonly=True, build=False)
        try:
            found = suggest_for_source(self._reader, source_id)
        except QualcodeError:
            found = []
        self.post_message(self.SuggestionsReady(source_id, found))

    def on_coding_suggestions_suggestions_ready(self, event: SuggestionsReady) -> None:
        if event.source_id != self.source_id:
            return
        by_start: dict[int, list[Any]] = {}
        for suggestion in event.suggestions:
            by_start.setdefault(suggestion.start, []).append(suggestion)
        self._suggestions = by_start
        self.refresh_suggestion_notes()
        self.update_here()

    def on_unmount(self) -> None:
        if self._reader is not None:
            self._reader.close()
            self._reader = None

    def refresh_suggestion_notes(self) -> None:
        """Show one gutter note per sentence that still has suggestions."""
        notes = {}
        for start, items in self._suggestions.items():
            best = items[0]
            more = f" +{len(items) - 1}" if len(items) > 1 else ""
            notes[start] = GutterNote(f"? {best.code_id}{more}", 0, suggestion=True)
        self.view.set_suggestions(notes)

    def suggestions_here(self) -> list[Any]:
        """Suggestions for the sentences under the cursor."""
        view = self.view
        model = view.model
        if model is None or not model.codable or not self._suggestions:
            return []
        first, last = view.positions
        found = []
        for pos in range(first, min(last, first + 50) + 1):
            found.extend(self._suggestions.get(model.sentences[model.codable[pos]].start, ()))
        # A code already on the passage (coded by hand after the suggestion came) is not news.
        return [
            s
            for s in found
            if not any(c.code_id == s.code_id for c in model.codings_overlapping(s.start, s.end))
        ]

    def suggestion_lines(self) -> list[Content]:
        """Lines for the panel under the codebook."""
        here = self.suggestions_here()
        if not here:
            return []
        lines = [Content(""), Content(t("tui_coding.suggestions_title")).stylize("bold")]
        for s in here:
            lines.extend(reason_lines(s))
        lines.append(Content(t("tui_coding.suggestion_keys")).stylize("$text-muted"))
        return lines

    def suggested_polarity(self, code_id: str, span: tuple[int, int]) -> str | None:
        """Polarity to code with: a suggestion's for this code, else the lexicon's (spaCy up)."""
        for s in self.suggestions_here():
            if s.code_id == code_id:
                return s.polarity
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

    def _with_suggestion(self, title: str, act) -> None:
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

    def _drop(self, suggestion: Any) -> None:
        items = [s for s in self._suggestions.get(suggestion.start, []) if s != suggestion]
        if items:
            self._suggestions[suggestion.start] = items
        else:
            self._suggestions.pop(suggestion.start, None)

    def action_accept_suggestion(self) -> None:
        """Accept the suggestion under the cursor: it becomes a coding still to condense."""
        if self._writable():
            self._with_suggestion(t("tui_coding.choose_accept"), self._accept)

    @guarded
    def _accept(self, suggestion: Any) -> None:
        from qualcode.core.suggest import accept

        coding = accept(self.project, suggestion)
        self._drop(suggestion)
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
        self._drop(suggestion)
        self.refresh_suggestion_notes()
        self.update_here()
        self.notify(t("tui_coding.rejected", code=suggestion.code_id), timeout=3)

"""The suggestions of the open source: computed in a thread worker (spaCy loads there, lazily)
on a read-only connection of its own, kept here by sentence start, announced by a message.

``SuggestionFeed`` is an invisible widget the coding screen mounts: it owns the worker, the
reader and the suggestions; the screen asks it what lies under the cursor and renders that.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from textual.content import Content
from textual.message import Message
from textual.widget import Widget

from qualcode.errors import QualcodeError
from qualcode.i18n import t
from qualcode.tui.store_work import store_work
from qualcode.tui.widgets.transcript_lines import GutterNote
from qualcode.tui.widgets.transcript_model import TranscriptModel

# The panel lists suggestions of at most this many sentences of a long selection.
HERE_LIMIT = 50


class SuggestionFeed(Widget):
    """Suggestions for one source at a time; ``Updated`` says when they changed."""

    DEFAULT_CSS = "SuggestionFeed { display: none; }"

    @dataclass
    class Found(Message):
        """The worker finished (handled by the feed itself, on the event loop)."""

        source_id: int
        suggestions: list[Any]

    @dataclass
    class Updated(Message):
        """The suggestions of ``source_id`` arrived (or changed)."""

        source_id: int

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.by_start: dict[int, list[Any]] = {}
        self.source_id: int | None = None
        self.enabled = True
        self._reader = None
        self._waiting: tuple[Path, int] | None = None

    def request(self, root: Path, source_id: int | None) -> None:
        """Forget the old suggestions and compute those of ``source_id`` (None: none).

        On a screen not shown (the app builds stages in the background) the work waits for
        ``resume``: loading spaCy then would stall the stage the student is using by ~0.4 s.
        """
        self.by_start = {}
        self.source_id = source_id
        self._waiting = None
        if source_id is not None and self.enabled:
            if self.screen.is_current:
                self._compute(root, source_id)
            else:
                self._waiting = (root, source_id)

    def resume(self) -> None:
        """Compute the request that waited for its screen to be shown, if any."""
        if self._waiting is not None:
            root, source_id = self._waiting
            self._waiting = None
            self._compute(root, source_id)

    @store_work(exclusive=True, group="suggest")
    def _compute(self, root: Path, source_id: int) -> None:
        """Run the suggester off the event loop, on a read-only connection of its own."""
        from qualcode.core.project import Project
        from qualcode.core.suggest import suggest_for_source

        if self._reader is None:
            self._reader = Project.open(root, readonly=True, build=False)
        try:
            found = suggest_for_source(self._reader, source_id)
        except QualcodeError:
            found = []
        self.post_message(self.Found(source_id, found))

    def on_suggestion_feed_found(self, event: Found) -> None:
        event.stop()
        if event.source_id != self.source_id:
            return
        by_start: dict[int, list[Any]] = {}
        for suggestion in event.suggestions:
            by_start.setdefault(suggestion.start, []).append(suggestion)
        self.by_start = by_start
        self.post_message(self.Updated(event.source_id))

    def on_unmount(self) -> None:
        if self._reader is not None:
            self.app.store_users.wait_idle()  # the suggester may still be reading from it
            self._reader.close()
            self._reader = None

    def drop(self, suggestion: Any) -> None:
        """Forget one suggestion (accepted or rejected)."""
        items = [s for s in self.by_start.get(suggestion.start, []) if s != suggestion]
        if items:
            self.by_start[suggestion.start] = items
        else:
            self.by_start.pop(suggestion.start, None)

    def notes(self) -> dict[int, GutterNote]:
        """One gutter note per sentence that still has suggestions."""
        notes = {}
        for start, items in self.by_start.items():
            more = f" +{len(items) - 1}" if len(items) > 1 else ""
            notes[start] = GutterNote(f"? {items[0].code_id}{more}", 0, suggestion=True)
        return notes

    def here(self, model: TranscriptModel | None, positions: tuple[int, int]) -> list[Any]:
        """Suggestions for the sentences at codable ``positions`` not already coded so."""
        if model is None or not model.codable or not self.by_start:
            return []
        first, last = positions
        found = []
        for pos in range(first, min(last, first + HERE_LIMIT) + 1):
            found.extend(self.by_start.get(model.sentences[model.codable[pos]].start, ()))
        # A code already on the passage (coded by hand after the suggestion came) is not news.
        return [
            s
            for s in found
            if not any(c.code_id == s.code_id for c in model.codings_overlapping(s.start, s.end))
        ]


def suggestion_lines(here: list[Any]) -> list[Content]:
    """Lines for the panel under the codebook: each suggestion with its reasons, the keys."""
    from qualcode.tui.widgets.suggestion_reasons import suggestion_lines as reason_lines

    if not here:
        return []
    lines = [Content(""), Content(t("tui_coding.suggestions_title")).stylize("bold")]
    for s in here:
        lines.extend(reason_lines(s))
    lines.append(Content(t("tui_coding.suggestion_keys")).stylize("$text-muted"))
    return lines

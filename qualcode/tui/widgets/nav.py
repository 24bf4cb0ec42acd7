"""The stage bar at the top of every stage: 1 Sumber · 2 Kondensasi · … (keys and clicks)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Static

from qualcode.i18n import t


class NavBar(Horizontal):
    """Stage tabs on the left (clickable, numbered), the project title on the right."""

    def __init__(self, current: str, stages: tuple[str, ...], title: str, readonly: bool) -> None:
        super().__init__(id="nav")
        self.current = current
        self.stages = stages
        self.project_title = title
        self.readonly = readonly

    def compose(self) -> ComposeResult:
        yield Static(self._tabs(), id="nav-tabs")
        review = getattr(getattr(self.app, "project", None), "review_only", False)
        label = t("tui_review.review_badge") if review else t("tui.readonly_badge")
        badge = f"[$warning]{label}[/]  " if self.readonly else ""
        yield Static(Content.from_markup(badge) + Content(self.project_title), id="nav-title")

    def _tabs(self) -> Content:
        parts: list[Content] = []
        for number, stage in enumerate(self.stages, start=1):
            # keys: tui.stage_{sources,coding,display,conclusions,export}
            label = f" {number} {t(f'tui.stage_{stage}')} "
            style = "tab-current" if stage == self.current else "tab"
            parts.append(
                Content.from_markup(f"[@click=app.stage('{stage}')]$label[/]", label=label).stylize(
                    f"${'accent' if style == 'tab-current' else 'foreground-muted'}"
                )
            )
        return Content(" ").join(parts)

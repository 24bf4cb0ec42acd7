"""Stage 5 — Ekspor: choose tables and formats, write them in a worker, show where they went."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Button, Label, ProgressBar, Static
from textual.widgets.selection_list import Selection

from qualcode.errors import QualcodeError
from qualcode.export.files import FORMATS
from qualcode.i18n import t
from qualcode.tui.keys import key
from qualcode.tui.screens.base import StageScreen
from qualcode.tui.store_work import store_work
from qualcode.tui.widgets.lists import CheckList, MarkedCheckbox


def request_title(request) -> str:
    """The display title of an export request, with its option value ("Triangulasi (group)")."""
    from qualcode.core.displays import DISPLAYS

    title = t(DISPLAYS[request.kind].title_key)
    # keys: tui_display.val_{summary,count,technique,group,dimension,indicator}
    values = [t(f"tui_display.val_{value}") for _name, value in request.options]
    return f"{title} ({', '.join(values)})" if values else title


class ExportScreen(StageScreen):
    """Tables (left), formats and options (middle), progress and written files (right)."""

    STAGE = "export"
    BINDINGS: ClassVar[list[BindingType]] = [
        key("e,ctrl+e", "export", "export.run"),
        key("a", "select_all(True)", "export.all"),
        key("n", "select_all(False)", "export.none"),
        key("o", "open_folder", "export.folder", show=False),
    ]

    @dataclass
    class Progress(Message):
        """The worker finished one step."""

        done: int
        total: int
        label: str

    @dataclass
    class Finished(Message):
        """The worker is done: files written, or the error that stopped it."""

        written: list[Any]
        skipped: list[str]
        error: QualcodeError | None

    def __init__(self) -> None:
        super().__init__()
        self.running = False
        self._requests: list[Any] = []

    def compose_body(self) -> ComposeResult:
        from qualcode.export.project import all_selection, default_selection

        # Every display, the chapter's tables first and ticked.
        self._requests = all_selection()
        chapter = default_selection()
        with Horizontal(id="export-panes"):
            with Vertical(id="export-tables-pane"):
                yield Label(t("tui_export.tables_title"), classes="pane-title")
                yield CheckList(
                    *[
                        Selection(request_title(r), i, r in chapter)
                        for i, r in enumerate(self._requests)
                    ],
                    id="export-tables",
                )
            with Vertical(id="export-formats-pane"):
                yield Label(t("tui_export.formats_title"), classes="pane-title")
                # keys: tui_export.format_{FORMATS}
                yield CheckList(
                    *[Selection(t(f"tui_export.format_{f}"), f, f == "docx") for f in FORMATS],
                    id="export-formats",
                )
                yield MarkedCheckbox(t("tui_export.quotes_appendix"), id="export-quotes")
                yield Button(t("tui_export.run"), id="export-run", variant="primary")
            with Vertical(id="export-result-pane"):
                yield Label(t("tui_export.result_title"), classes="pane-title")
                yield ProgressBar(id="export-bar", show_eta=False)
                yield Static(
                    t("tui_export.idle", folder=self.exports_label),
                    id="export-result",
                    markup=False,
                )

    def refresh_data(self) -> None:
        self.status.show(left=t("tui_export.hint"), right=self.exports_label)
        self.mark_seen()

    @property
    def exports_label(self) -> str:
        """The exports folder as the student knows it: relative to the project ("exports/")."""
        return self.project.paths.relative(self.project.paths.exports) + "/"

    # -- choosing -------------------------------------------------------------------------------
    def chosen(self) -> tuple[list[Any], list[str]]:
        """The selected table requests and formats."""
        tables = self.query_one("#export-tables", CheckList).selected
        formats = self.query_one("#export-formats", CheckList).selected
        return [self._requests[i] for i in sorted(tables)], [f for f in FORMATS if f in formats]

    def action_select_all(self, value: bool) -> None:
        """Select every table, or none."""
        tables = self.query_one("#export-tables", CheckList)
        tables.select_all() if value else tables.deselect_all()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "export" and self.running:
            return None
        return True

    @on(Button.Pressed, "#export-run")
    def _run_pressed(self) -> None:
        self.action_export()

    def action_export(self) -> None:
        """Write the selected tables in the selected formats to exports/."""
        requests, formats = self.chosen()
        if not requests or not formats:
            self.notify(t("tui_export.choose_first"), severity="warning")
            return
        self.start_export(requests, formats)

    def start_export(self, requests: list[Any], formats: list[str]) -> None:
        """Run an export in the worker (also used by other stages and the palette)."""
        if self.running:
            self.notify(t("tui_export.busy"), severity="warning")
            return
        self.running = True
        quotes = self.query_one("#export-quotes", MarkedCheckbox).value
        bar = self.query_one(ProgressBar)
        bar.update(total=len(formats), progress=0)
        bar.display = True
        self.query_one("#export-result", Static).update(t("tui_export.running"))
        self.refresh_bindings()
        self._export(list(requests), list(formats), quotes)

    @store_work(exclusive=True, group="export")
    def _export(self, requests: list[Any], formats: list[str], quotes: bool) -> None:
        """Build and write every format on a read-only connection of the worker's own."""
        from qualcode.core.project import Project
        from qualcode.export.common import ExportOptions
        from qualcode.export.project import export_displays

        written: list[Any] = []
        skipped: list[str] = []
        everything = requests == self._requests
        try:
            with Project.open(self.project.root, readonly=True, build=False) as reader:
                options = ExportOptions.from_settings(
                    reader.settings, quotes=quotes, timestamp=_stamp(reader)
                )
                for done, fmt in enumerate(formats):
                    self.post_message(self.Progress(done, len(formats), fmt))
                    result = export_displays(reader, fmt, None if everything else requests, options)
                    written += result.written
                    skipped += [f"{request_title(r)}: {why}" for r, why in result.skipped]
                self.post_message(self.Progress(len(formats), len(formats), ""))
        except QualcodeError as exc:
            self.post_message(self.Finished(written, skipped, exc))
            return
        self.post_message(self.Finished(written, skipped, None))

    def on_export_screen_progress(self, event: Progress) -> None:
        self.query_one(ProgressBar).update(total=event.total, progress=event.done)
        if event.label:
            self.query_one("#export-result", Static).update(
                t("tui_export.writing", fmt=event.label.upper())
            )

    def on_export_screen_finished(self, event: Finished) -> None:
        self.running = False
        self.refresh_bindings()
        lines = []
        for item in event.written:
            lines.append(f"✓ {self.project.paths.relative(item.path)}")
            if item.renamed:
                lines.append("  " + t("tui_export.renamed", wanted=item.wanted.name))
        lines += [f"– {line}" for line in dict.fromkeys(event.skipped)]
        if event.error is not None:
            lines.append(f"✗ {event.error.message}")
            self.app.show_error(event.error)
        text = "\n".join(lines) or t("tui_export.nothing")
        self.query_one("#export-result", Static).update(text)
        self.last_written = [w.path for w in event.written]
        if event.written:
            self.notify(
                t("tui_export.done", n=len(event.written), folder=self.exports_label), timeout=6
            )

    def action_open_folder(self) -> None:
        """Say where the exports folder is (the path is shown to copy)."""
        self.notify(str(self.project.paths.exports.resolve()), timeout=8)

    @classmethod
    def palette_extras(cls, app: Any) -> list[tuple[str, str, str]]:
        """'ekspor: semua tabel ke DOCX' and 'ekspor: <display> ke <FORMAT>' for every display."""
        from qualcode.export.project import all_selection

        group = t("tui_keys.group.export")
        extras = []
        for fmt in FORMATS:
            extras.append(
                (f"{group}: {t('tui_export.all_to', fmt=fmt.upper())}", "", f"export_all('{fmt}')")
            )
        for index, request in enumerate(all_selection()):
            for fmt in FORMATS:
                title = t(
                    "tui_export.one_to", title=request_title(request).lower(), fmt=fmt.upper()
                )
                extras.append((f"{group}: {title}", "", f"export_one({index}, '{fmt}')"))
        return extras

    def action_export_all(self, fmt: str) -> None:
        """Export the chapter's tables in one format (from the command palette)."""
        from qualcode.export.project import default_selection

        self.start_export(default_selection(), [fmt])

    def action_export_one(self, index: int, fmt: str) -> None:
        """Export one table in one format (from the command palette)."""
        self.start_export([self._requests[index]], [fmt])


def _stamp(project):
    """The time of the project's last change: exports of an unchanged project are identical."""
    from datetime import datetime

    events = project.store.events(limit=1)
    if not events:
        return None
    try:
        return datetime.fromisoformat(events[0].at.replace("Z", "+00:00")).replace(tzinfo=None)
    except ValueError:
        return None

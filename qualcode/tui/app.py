"""The workbench router: one mode per Miles & Huberman stage, app-wide keys, palette, errors.

Screens live in ``screens/`` (one module each); this module only opens the project, routes
between stages and shows errors. ``run_app`` is what ``qualcode`` without a command calls.
"""

from __future__ import annotations

import gc
import importlib
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual.app import App, SystemCommand
from textual.binding import BindingType
from textual.command import CommandPalette
from textual.widget import AwaitMount
from textual.worker import Worker, WorkerState

from qualcode.errors import QualcodeError
from qualcode.i18n import get_language, set_language, t
from qualcode.tui.commands import WorkbenchCommands
from qualcode.tui.keys import key
from qualcode.tui.screens.agreement import OPEN_BINDING as AGREEMENT_BINDING
from qualcode.tui.screens.agreement import AgreementScreen
from qualcode.tui.screens.base import MIN_HEIGHT, MIN_WIDTH, NARROW_BELOW
from qualcode.tui.screens.coding import CodingScreen
from qualcode.tui.screens.conclusions import ConclusionsScreen
from qualcode.tui.screens.display import DisplayScreen
from qualcode.tui.screens.export import ExportScreen
from qualcode.tui.screens.loading import LoadingScreen
from qualcode.tui.screens.messages import LOG_KEY, MessageLog, MessageLogScreen, toast_text
from qualcode.tui.screens.sources import SourcesScreen
from qualcode.tui.stage_builder import WARM_UP_GROUP, StageBuilder
from qualcode.tui.store_work import StoreUsers

if TYPE_CHECKING:
    from qualcode.core.project import Project
    from qualcode.settings import Acting

STAGES: tuple[str, ...] = ("sources", "coding", "display", "conclusions", "export")


class QualcodeApp(App[None]):
    """The qualcode workbench."""

    CSS_PATH = "app.tcss"
    TITLE = "qualcode"
    MODES: ClassVar[dict[str, Any]] = {
        "loading": LoadingScreen,
        "sources": SourcesScreen,
        "coding": CodingScreen,
        "display": DisplayScreen,
        "conclusions": ConclusionsScreen,
        "export": ExportScreen,
        "agreement": AgreementScreen,
    }
    COMMANDS = App.COMMANDS | {WorkbenchCommands}
    COMMAND_PALETTE_BINDING = "ctrl+p"
    HORIZONTAL_BREAKPOINTS: ClassVar[list[tuple[int, str]]] = [
        (0, "-too-narrow"),
        (MIN_WIDTH, "-narrow"),
        (NARROW_BELOW, "-wide"),
    ]
    VERTICAL_BREAKPOINTS: ClassVar[list[tuple[int, str]]] = [
        (0, "-too-short"),
        (MIN_HEIGHT, "-tall-enough"),
    ]
    BINDINGS: ClassVar[list[BindingType]] = [
        key("1", "stage('sources')", "app.sources", show=False),
        key("2", "stage('coding')", "app.coding", show=False),
        key("3", "stage('display')", "app.display", show=False),
        key("4", "stage('conclusions')", "app.conclusions", show=False),
        key("5", "stage('export')", "app.export", show=False),
        key("6", "review", "app.review", show=False),
        AGREEMENT_BINDING,
        key(LOG_KEY, "messages", "app.messages", show=False),
        key("question_mark,f1", "help", "app.help"),
        key("z", "toggle_panels", "app.panels"),
        key("ctrl+q", "quit", "app.quit", priority=True),
        # Declared here so the footer's palette key is translated (Textual adds an English one).
        key("ctrl+p", "command_palette", "app.palette", show=False, priority=True),
        key("q", "quit", "app.quit_q", show=False),
    ]

    def __init__(
        self,
        project_dir: Path | str = ".",
        *,
        project: Project | None = None,
        debug: bool = False,
        suggestions: bool = True,
        acting: Acting | None = None,
        warm_up: bool = True,
    ) -> None:
        super().__init__()
        self.acting = acting
        self.suggestions = suggestions
        self.project_dir = Path(project_dir)
        self.project: Project | None = project
        self.debug_errors = debug
        self.stages = STAGES
        self.panels_hidden = False
        self.message_log = MessageLog()
        self.store_users = StoreUsers()
        self.stage_builder = StageBuilder(self, STAGES, warm_up=warm_up)

    # -- lifecycle ----------------------------------------------------------------------------
    def on_mount(self) -> None:
        self.title = "qualcode"
        if self.project is None:
            self.show_mode("loading")
        else:
            self.project_ready(self.project)

    def project_ready(self, project: Project) -> None:
        """Take the opened project and show the first stage."""
        self.project = project
        self.sub_title = project.settings.title
        if project.user.keymap:
            self.set_keymap(dict(project.user.keymap))
        for notice in project.notices:  # a read-only folder, a finished interrupted change
            self.notify(notice, severity="warning", timeout=10)
        if project.review_only:
            self.notify(t("tui_review.review_notice"), severity="information", timeout=8)
        elif project.readonly and not project.store.readonly_reason:
            self.notify(t("tui.readonly_notice"), severity="warning", timeout=8)
        self.show_mode("sources")
        if "loading" in self._screen_stacks:
            self.remove_mode("loading")  # its idle progress bar would animate on, unseen
        self.screen.call_after_refresh(self.stage_builder.start)

    def show_mode(self, mode: str) -> AwaitMount:
        """Switch to ``mode`` (its screen built off screen first if it is not yet)."""
        return self.stage_builder.show(mode)

    def on_unmount(self) -> None:
        gc.unfreeze()  # what the warm-up froze can be collected again
        if self.project is not None:
            self.store_users.wait_idle()  # never close the store under a running worker
            self.project.close()

    # -- routing ------------------------------------------------------------------------------
    def action_stage(self, name: str) -> None:
        """Switch to one of the five stages."""
        if self.project is None or name not in self.stages:
            return
        if self.current_mode != name:
            self.show_mode(name)

    def action_review(self) -> None:
        """Open the review queue (the supervisor's threads) over the current stage."""
        from qualcode.tui.screens.review import ReviewScreen

        if self.project is not None and not isinstance(self.screen, ReviewScreen):
            self.push_screen(ReviewScreen())

    def action_agreement(self) -> None:
        """Show the inter-coder agreement screen (outside the five stages)."""
        if self.project is not None and self.current_mode != "agreement":
            self.show_mode("agreement")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("stage", "review", "agreement") and self.project is None:
            return False
        return True

    def open_passage(self, source_id: int, start: int, end: int) -> None:
        """Show a passage in the coding screen (from a display, a conclusion or a search hit)."""
        self.action_stage("coding")
        screen = self.get_screen_for_mode("coding")
        screen.call_after_refresh(screen.jump_to, source_id, start, end)

    def run_export(self, requests: list, formats: list[str]) -> None:
        """Export tables from any stage: the export stage runs it and shows where files went."""
        self.action_stage("export")
        screen = self.get_screen_for_mode("export")
        screen.call_after_refresh(screen.start_export, requests, formats)

    def get_screen_for_mode(self, mode: str):
        """Return the base screen of a mode (creating it on first use)."""
        stack = self._screen_stacks.get(mode)
        if stack:
            return stack[0]
        return self.screen

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: Any = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Show a toast and keep the whole message in the log (a long toast is shortened)."""
        entry = self.message_log.record(message, title=title, severity=severity, markup=markup)
        short = toast_text(entry.text)
        if short is not None:
            message, markup = short, False
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=markup)

    def action_messages(self) -> None:
        """Show every message of this session in full (key 8)."""
        if not isinstance(self.screen, MessageLogScreen):
            self.push_screen(MessageLogScreen(self.message_log))

    def action_help(self) -> None:
        """Show every key of the current stage and of the app."""
        from qualcode.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    async def action_quit(self) -> None:
        """Quit, after asking when an open editor holds unsaved text."""
        from qualcode.tui.screens.dialogs.confirm import ConfirmDialog

        dirty = [s for s in self.screen_stack if getattr(s, "is_dirty", lambda: False)()]
        if not dirty:
            self.exit()
            return

        def answer(quit_anyway: bool | None) -> None:
            if quit_anyway:
                self.exit()

        self.push_screen(
            ConfirmDialog(t("tui.quit_unsaved"), t("tui.quit_unsaved_detail"), danger=True), answer
        )

    def action_toggle_panels(self) -> None:
        """Show or hide the side panes of every stage (more room for the main one)."""
        self.panels_hidden = not self.panels_hidden
        for mode in self.stages:
            stack = self._screen_stacks.get(mode)
            if stack:
                stack[0].set_class(self.panels_hidden, "-panels-hidden")

    def action_command_palette(self) -> None:
        """Open the command palette with a translated prompt."""
        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(
                CommandPalette(
                    placeholder=t("tui_workbench.palette_prompt"), id="--command-palette"
                )
            )

    def get_system_commands(self, screen: Any) -> Iterable[SystemCommand]:
        """The palette's own commands, translated (the stage commands come from the keys)."""
        yield SystemCommand(
            t("tui_workbench.cmd_theme"),
            t("tui_workbench.cmd_theme_help"),
            self.action_change_theme,
        )
        yield SystemCommand(
            t("tui_workbench.cmd_screenshot"),
            t("tui_workbench.cmd_screenshot_help"),
            self.deliver_screenshot,
        )

    # -- errors -------------------------------------------------------------------------------
    def show_error(self, exc: BaseException) -> None:
        """Show a failure in a modal: a QualcodeError's message and hint, else a short summary."""
        from qualcode.tui.screens.dialogs.error import ErrorDialog

        if isinstance(exc, QualcodeError):
            message, hint = exc.message, exc.hint or ""
        else:
            if self.debug_errors:
                raise exc
            message = t("tui.unexpected", error=f"{type(exc).__name__}: {exc}")
            hint = t("tui.unexpected_hint")
        self.push_screen(ErrorDialog(message, hint))

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group == WARM_UP_GROUP:
            return  # a failed warm-up only means stages are built on their key, as before
        if event.state == WorkerState.ERROR and event.worker.error is not None:
            self.show_error(event.worker.error)


def run_app(
    project_dir: Path | str = ".",
    lang: str | None = None,
    debug: bool = False,
    acting: Acting | None = None,
) -> None:
    """Open the workbench on the project in ``project_dir`` (Indonesian unless ``lang`` says);
    ``acting`` names who acts and whether the session may only review."""
    if lang is None and get_language() == "id":
        lang = _user_language()
    if lang and lang != get_language():
        set_language(lang)
        module = _reload_in_language()
        module.QualcodeApp(project_dir, debug=debug, acting=acting).run()
        return
    QualcodeApp(project_dir, debug=debug, acting=acting).run()


def _user_language() -> str | None:
    """Return the language from the user's settings file, if one is set there."""
    from qualcode.locations import user_settings_file
    from qualcode.settings import load_user_settings

    try:
        return load_user_settings(user_settings_file()).language
    except QualcodeError:
        return None


def _reload_in_language():
    """Import the TUI afresh so key labels, built at import, use the newly chosen language."""
    for name in [m for m in sys.modules if m == "qualcode.tui" or m.startswith("qualcode.tui.")]:
        del sys.modules[name]
    return importlib.import_module("qualcode.tui.app")

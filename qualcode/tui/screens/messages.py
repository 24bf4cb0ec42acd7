"""The message log: every notice the workbench showed, in full, newest first (key 8).

A toast disappears after a few seconds and a long one is shortened on screen; the log keeps each
message's whole text, its time and its severity, so a student can read again what an import or
an export said. ``MessageLog`` is what the app records into; ``MessageLogScreen`` shows it.
"""

from __future__ import annotations

import threading
from collections import deque
from dataclasses import dataclass
from datetime import datetime
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from qualcode.i18n import t
from qualcode.tui.fit import fit_words
from qualcode.tui.keys import key

LOG_KEY = "8"
TOAST_CHARS = 240
"""Longest message a toast shows whole (four lines of a 60-column toast); longer ones are cut
at a word boundary and end with where to read the rest."""


@dataclass(frozen=True, slots=True)
class LoggedMessage:
    """One notice as it was shown: when, how severe, its title and its whole plain text."""

    at: datetime
    severity: str
    title: str
    text: str


class MessageLog:
    """The newest ``limit`` notices of this session (thread-safe: workers notify too)."""

    def __init__(self, limit: int = 500) -> None:
        self._entries: deque[LoggedMessage] = deque(maxlen=limit)
        self._lock = threading.Lock()

    def record(self, message: str, *, title: str, severity: str, markup: bool) -> LoggedMessage:
        """Keep a notice's plain text (markup removed) and return the entry."""
        text = Content.from_markup(message).plain if markup else message
        entry = LoggedMessage(datetime.now(), severity, title, text)
        with self._lock:
            self._entries.append(entry)
        return entry

    def newest_first(self) -> list[LoggedMessage]:
        """Every kept notice, the newest first."""
        with self._lock:
            return list(reversed(self._entries))

    def __len__(self) -> int:
        return len(self._entries)


def toast_text(text: str, limit: int = TOAST_CHARS) -> str | None:
    """The shortened text a toast shows for a long message, or None when it fits whole.

    The cut falls at a word (``fit_words``) and the toast says which key opens the log with
    the rest.
    """
    if len(text) <= limit:
        return None
    return f"{fit_words(text, limit)}\n{t('tui.toast_more', key=LOG_KEY)}"


_STYLE = {"error": "bold red", "warning": "bold yellow"}


class MessageLogScreen(ModalScreen[None]):
    """Every notice of this session in full; Esc or q closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        key("escape,q,8", "close", "dialog.close"),
    ]

    def __init__(self, log: MessageLog) -> None:
        super().__init__(classes="dialog")
        self.entries = log.newest_first()

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box help-box"):
            yield Label(t("tui.log_title", n=len(self.entries)), classes="dialog-title")
            with VerticalScroll(id="log-scroll"):
                if not self.entries:
                    yield Static(t("tui.log_empty"), classes="dialog-detail")
                for entry in self.entries:
                    # keys: tui.log_severity_{information,warning,error}
                    label = t(f"tui.log_severity_{entry.severity}")
                    head = Text(f"{entry.at:%H:%M:%S}  ", style="dim")
                    head.append(label, style=_STYLE.get(entry.severity, "bold"))
                    if entry.title:
                        head.append(f" · {entry.title}", style="bold")
                    yield Static(head, classes="log-head")
                    yield Static(Text(entry.text), classes="log-text")
            yield Label(t("tui.log_footer"), classes="dialog-detail")

    def action_close(self) -> None:
        self.dismiss(None)

"""The one error hierarchy: every failure a user can cause is a QualcodeError.

The CLI prints ``message`` and ``hint`` to stderr with a non-zero exit code; the TUI shows them
in a modal. A traceback appears only with ``--debug``.
"""

from __future__ import annotations


class QualcodeError(Exception):
    """A failure the user can understand and act on: what went wrong, and what to do."""

    exit_code = 1

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return self.message if not self.hint else f"{self.message}\n{self.hint}"


class ProjectError(QualcodeError):
    """The folder is not a project, or the project store cannot be opened."""

    exit_code = 2


class ProjectLockedError(ProjectError):
    """Another process holds the project open for writing."""

    exit_code = 3


class CodebookError(QualcodeError):
    """A codebook file has problems; ``problems`` holds every ``file:line: message``."""

    exit_code = 4

    def __init__(self, message: str, problems: list[str] | None = None, hint: str | None = None):
        self.problems = list(problems or [])
        full = message if not self.problems else message + "\n" + "\n".join(self.problems)
        super().__init__(full, hint)


class IngestError(QualcodeError):
    """A source file cannot be imported (empty, binary, undecodable, corrupt, too large...)."""

    exit_code = 5


class CodingError(QualcodeError):
    """A coding operation is invalid (unknown code, span outside the source, interviewer text)."""

    exit_code = 6


class DisplayError(QualcodeError):
    """A display or conclusion cannot be computed or set as asked."""

    exit_code = 7


class ExportError(QualcodeError):
    """An export cannot be written."""

    exit_code = 8


class DiskFullError(QualcodeError):
    """The disk (or the user's quota) is full; nothing was half-saved."""

    exit_code = 9


class InputLimitError(QualcodeError):
    """An input is beyond a safety limit: too large, too deeply nested, or YAML aliases."""

    exit_code = 10


class ReadOnlyProjectError(ProjectError):
    """The project folder cannot be written; it is open read-only."""

    exit_code = 11


EXIT_CODES: dict[int, str] = {
    0: "ok",
    1: "QualcodeError",
    2: "ProjectError",
    3: "ProjectLockedError",
    4: "CodebookError",
    5: "IngestError",
    6: "CodingError",
    7: "DisplayError",
    8: "ExportError",
    9: "DiskFullError",
    10: "InputLimitError",
    11: "ReadOnlyProjectError",
    70: "unexpected error (a bug)",
    130: "interrupted",
}
"""Every exit code of the ``qualcode`` command (documented in the README)."""

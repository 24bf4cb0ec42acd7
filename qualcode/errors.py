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

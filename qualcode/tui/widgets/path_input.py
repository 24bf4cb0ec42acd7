"""Choosing a file or folder to import: a path line that completes with Tab, and a directory
tree that shows only folders and the files qualcode reads."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from textual.suggester import Suggester
from textual.widgets import DirectoryTree


def supported_suffixes() -> tuple[str, ...]:
    """The file types the importer reads (.txt, .md, .docx)."""
    from qualcode.core.ingest.model import SUPPORTED_SUFFIXES

    return tuple(SUPPORTED_SUFFIXES)


def complete_path(value: str) -> str | None:
    """Complete a typed path to the first folder or readable file it is the start of.

    A folder completes with a trailing separator so the next Tab goes inside it; hidden entries
    are skipped unless the typed name starts with a dot. None when nothing matches.
    """
    if not value:
        return None
    typed = Path(value).expanduser()
    if value.endswith(("/", "\\")):
        folder, stem = typed, ""
    else:
        folder, stem = typed.parent, typed.name
    try:
        entries = sorted(folder.iterdir(), key=lambda p: (not p.is_dir(), p.name.lower()))
    except OSError:
        return None
    suffixes = supported_suffixes()
    for entry in entries:
        if entry.name.startswith(".") and not stem.startswith("."):
            continue
        if not entry.name.lower().startswith(stem.lower()):
            continue
        if entry.is_dir():
            completed = value[: len(value) - len(stem)] + entry.name + "/"
        elif entry.suffix.lower() in suffixes:
            completed = value[: len(value) - len(stem)] + entry.name
        else:
            continue
        if completed != value:
            return completed
    return None


class PathSuggester(Suggester):
    """Suggest the completion of the path typed so far (shown greyed; Tab takes it)."""

    def __init__(self) -> None:
        super().__init__(use_cache=False, case_sensitive=True)

    async def get_suggestion(self, value: str) -> str | None:
        return complete_path(value)


class ImportTree(DirectoryTree):
    """Folders and the files the importer reads; hidden entries left out."""

    def filter_paths(self, paths: Iterable[Path]) -> Iterable[Path]:
        suffixes = supported_suffixes()
        return [
            p
            for p in paths
            if not p.name.startswith(".") and (p.is_dir() or p.suffix.lower() in suffixes)
        ]

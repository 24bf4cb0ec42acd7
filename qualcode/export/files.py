"""Where exports go and how they are written: never over a file silently, never half-written.

Every file is written to a temporary file in the target folder, then renamed over the target in
one step, so a crash or a full disk leaves the old file whole. An existing file is kept: a default
name gets a number ("matriks-faktor (2).docx"); a name the user chose is refused unless ``force``.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from qualcode.errors import ExportError
from qualcode.i18n import t
from qualcode.locations import STATE_DIR

FORMATS = ("docx", "xlsx", "csv", "md", "html")
"""The formats an export writes, in the order a user is offered them."""


@dataclass(frozen=True, slots=True)
class Written:
    """A file an export wrote, and the name it would have had if that was free."""

    path: Path
    wanted: Path | None = None

    @property
    def renamed(self) -> bool:
        return self.wanted is not None and self.wanted != self.path


def check_folder(folder: Path) -> None:
    """Refuse a folder that is missing, is a file, or cannot be written, naming what to do."""
    folder = Path(folder)
    parent = _existing_ancestor(folder)
    if parent != folder:
        if parent.is_file():
            raise ExportError(
                t("export.parent_is_file", path=folder, file=parent), t("export.choose_folder_hint")
            )
        raise ExportError(
            t("export.no_folder", path=folder), t("export.no_folder_hint", path=folder)
        )
    if not folder.is_dir():
        raise ExportError(t("export.not_folder", path=folder), t("export.choose_folder_hint"))
    if not os.access(folder, os.W_OK | os.X_OK):
        raise ExportError(
            t("export.folder_readonly", path=folder), t("export.folder_readonly_hint")
        )


def _existing_ancestor(path: Path) -> Path:
    """Return ``path`` if it exists, else its nearest existing ancestor (a file or a folder)."""
    current = path
    while not current.exists() and current != current.parent:
        current = current.parent
    return current


def numbered(path: Path) -> Path:
    """Return ``path`` if free, else the first free "name (2).ext", "name (3).ext"…"""
    if not path.exists():
        return path
    suffix = "".join(path.suffixes[-1:])
    stem = path.name[: len(path.name) - len(suffix)] if suffix else path.name
    n = 2
    while True:
        candidate = path.with_name(f"{stem} ({n}){suffix}")
        if not candidate.exists():
            return candidate
        n += 1


def plan(path: Path, *, force: bool = False, chosen: bool = False) -> Path:
    """Decide the path to write: the path itself, a numbered free name, or refuse.

    ``chosen`` says the user typed this exact name (``--out``): then an existing file is
    refused unless ``force``; a default name instead moves aside to a numbered one.
    """
    path = Path(path)
    if STATE_DIR in path.resolve().parts:
        raise ExportError(
            t("safety.export_into_state", file=path), t("safety.export_into_state_hint")
        )
    check_folder(path.parent)
    if path.is_dir():
        raise ExportError(t("export.target_is_folder", path=path), t("export.choose_file_hint"))
    if not path.exists() or force:
        return path
    if chosen:
        raise ExportError(t("export.exists", path=path), t("export.exists_hint"))
    return numbered(path)


def write_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically (temporary file in the same folder, then rename)."""
    path = Path(path)
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except FileNotFoundError:
        raise ExportError(
            t("export.no_folder", path=path.parent), t("export.no_folder_hint", path=path.parent)
        ) from None
    except PermissionError:
        raise ExportError(
            t("export.folder_readonly", path=path.parent), t("export.folder_readonly_hint")
        ) from None
    except NotADirectoryError:
        raise ExportError(
            t("export.parent_is_file", path=path.parent, file=path.parent),
            t("export.choose_folder_hint"),
        ) from None
    except OSError as exc:
        raise _write_failure(path, exc) from None
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        try:
            os.replace(tmp, path)
        except PermissionError:
            if path.exists():
                raise ExportError(
                    t("export.file_locked", path=path), t("export.file_locked_hint")
                ) from None
            raise ExportError(
                t("export.folder_readonly", path=path.parent), t("export.folder_readonly_hint")
            ) from None
    except OSError as exc:
        raise _write_failure(path, exc) from None
    finally:
        tmp.unlink(missing_ok=True)


def _write_failure(path: Path, exc: OSError) -> Exception:
    """A full disk named as such (exit 9); any other failure as an export error."""
    from qualcode.core.store.db import disk_full_error, is_disk_full

    if is_disk_full(exc):
        return disk_full_error(exc)
    return ExportError(t("export.cannot_write", path=path, error=exc.strerror or exc))


def save(path: Path, data: bytes, *, force: bool = False, chosen: bool = False) -> Written:
    """Plan the name for ``path``, write ``data`` there atomically, and say where it went."""
    target = plan(path, force=force, chosen=chosen)
    write_bytes(target, data)
    return Written(target, Path(path) if target != Path(path) else None)

"""A project is a folder: qualcode.yaml, codebooks/, transcripts/, exports/, and the store."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from qualcode.core.store.db import Store, utc_now
from qualcode.errors import ProjectError
from qualcode.i18n import t
from qualcode.locations import ProjectPaths, user_settings_file
from qualcode.settings import (
    Acting,
    ProjectSettings,
    UserSettings,
    acting_user,
    dump_settings,
    load_project_settings,
    load_user_settings,
)

if TYPE_CHECKING:
    from qualcode.core.codebook.model import Codebook

TEMPLATES = Path(__file__).resolve().parent.parent / "data" / "codebooks"
Progress = Callable[[int, int, str], None]


class Project:
    """An open project: its paths, settings, store and (lazily) its codebook."""

    def __init__(
        self, paths: ProjectPaths, settings: ProjectSettings, user: UserSettings, store: Store
    ) -> None:
        self.paths = paths
        self.settings = settings
        self.user = user
        self.store = store
        self._codebook: Codebook | None = None

    @property
    def root(self) -> Path:
        return self.paths.root

    @property
    def readonly(self) -> bool:
        """True when nothing but review records may change (read-only or a review session)."""
        return self.store.readonly or self.store.review_only

    @property
    def review_only(self) -> bool:
        """True in a review session: review records may change, codings may not."""
        return self.store.review_only and not self.store.readonly

    @property
    def notices(self) -> list[str]:
        """What opening the project found and did (finished changes, read-only folder...)."""
        return self.store.notices

    @property
    def codebook_path(self) -> Path:
        return (self.root / self.settings.codebook).resolve()

    @property
    def codebook(self) -> Codebook:
        """The project's codebook, loaded (and validated) on first use."""
        if self._codebook is None:
            from qualcode.core.codebook.model import load_codebook

            if not self.codebook_path.exists():
                raise ProjectError(
                    t(
                        "project.no_codebook",
                        path=self.settings.codebook,
                        file=self.paths.project_file,
                    ),
                    t("project.no_codebook_hint"),
                )
            self._codebook = load_codebook(self.codebook_path)
        return self._codebook

    def forget_codebook(self) -> None:
        """Drop the cached codebook so the next use reads the file again."""
        self._codebook = None

    def reload_codebook(self) -> Codebook:
        """Forget the cached codebook (after it was edited) and load it again."""
        self._codebook = None
        return self.codebook

    @staticmethod
    def locate(root: Path | str = ".") -> ProjectPaths:
        """The paths of the project in ``root``; ProjectError when it is not a project folder."""
        paths = ProjectPaths(Path(root).resolve())
        if not paths.root.is_dir():
            raise ProjectError(
                t("project.no_folder", path=paths.root), t("project.init_hint", path=root)
            )
        if not paths.project_file.exists():
            raise ProjectError(
                t("project.not_project", path=paths.root), t("project.init_hint", path=root)
            )
        return paths

    @classmethod
    def open(
        cls,
        root: Path | str = ".",
        *,
        readonly: bool = False,
        build: bool = True,
        progress: Progress | None = None,
        acting: Acting | None = None,
    ) -> Project:
        """Open the project in ``root``; a first open builds the store from the folder's files."""
        paths = cls.locate(root)
        settings = load_project_settings(paths.project_file)
        user = acting_user(load_user_settings(user_settings_file()), acting, settings.supervisors)
        notices: list[str] = []
        if build and _unfinished(paths):
            notices.append(t("safety.rebuilt_unfinished", path=paths.database))
        if build and (not paths.database.exists() or notices) and _writable(paths):
            from qualcode.core.bootstrap import build_atomically

            build_atomically(cls, paths, settings, user, progress)
        project = cls._open_store(paths, settings, user, readonly=readonly)
        project.store.notices[:0] = notices
        project.store.review_only = acting is not None and acting.review
        return project

    @classmethod
    def _open_store(
        cls,
        paths: ProjectPaths,
        settings: ProjectSettings,
        user: UserSettings,
        readonly: bool,
        database: Path | None = None,
    ) -> Project:
        if not paths.state_dir.exists() and _writable(paths):
            paths.state_dir.mkdir(exist_ok=True)
        store = Store(
            database or paths.database,
            readonly=readonly,
            lock_path=paths.lock,
            backup_dir=paths.backups,
            actor=user.coder,
            role=user.role,
        )
        return cls(paths, settings, user, store)

    def close(self) -> None:
        """Close the store and release the write lock."""
        self.store.close()

    def __enter__(self) -> Project:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _writable(paths: ProjectPaths) -> bool:
    """Tell whether the project's state folder can be made and written."""
    folder = paths.state_dir if paths.state_dir.exists() else paths.root
    return os.access(folder, os.W_OK)


def _unfinished(paths: ProjectPaths) -> bool:
    """Tell whether ``project.db`` is a 0-byte or never-finished store that must be rebuilt.

    A store is finished when its build set ``meta.built``; an older store without the mark
    counts as finished once it holds any source or event (it was in use).
    """
    import sqlite3

    db = paths.database
    if not db.exists():
        return False
    if db.stat().st_size == 0:
        return True
    has_input = paths.snapshot.exists() or (
        paths.transcripts.is_dir() and any(paths.transcripts.iterdir())
    )
    if not has_input:
        return False
    try:
        conn = sqlite3.connect(f"file:{db.as_posix()}?mode=ro", uri=True)
    except sqlite3.Error:
        return False
    try:
        if conn.execute("PRAGMA user_version").fetchone()[0] == 0:
            return not conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        if conn.execute("SELECT 1 FROM meta WHERE key = 'built'").fetchone():
            return False
        used = conn.execute(
            "SELECT (SELECT count(*) FROM sources) + (SELECT count(*) FROM events)"
        ).fetchone()[0]
        return not used
    except sqlite3.Error:
        return False  # damaged: the store's own open reports it, naming a backup
    finally:
        conn.close()


def init_project(root: Path | str, title: str | None = None, codebook: str | None = None) -> Path:
    """Make a new project folder with the shipped codebooks; refuse to overwrite one."""
    paths = ProjectPaths(Path(root).resolve())
    if paths.project_file.exists():
        raise ProjectError(t("project.exists", path=paths.root))
    if paths.root.exists() and not paths.root.is_dir():
        raise ProjectError(t("project.not_folder", path=paths.root))
    for folder in (paths.root, paths.codebooks, paths.transcripts, paths.exports, paths.state_dir):
        folder.mkdir(parents=True, exist_ok=True)
    names = sorted(p.name for p in TEMPLATES.glob("*.yaml"))
    for name in names:
        target = paths.codebooks / name
        if not target.exists():
            shutil.copyfile(TEMPLATES / name, target)
    chosen = codebook or "kepmenpan-63-2003.yaml"
    if not (paths.codebooks / Path(chosen).name).exists():
        raise ProjectError(
            t("project.unknown_template", name=chosen),
            t("project.templates", names=", ".join(names)),
        )
    settings = ProjectSettings(
        title=title or paths.root.name, codebook=f"codebooks/{Path(chosen).name}"
    )
    paths.project_file.write_text(dump_settings(settings), encoding="utf-8")
    (paths.root / ".gitignore").exists() or (paths.root / ".gitignore").write_text(
        ".qualcode/\n", encoding="utf-8"
    )
    with Store(paths.database, lock_path=paths.lock, backup_dir=paths.backups) as store:
        store.set_meta("built", utc_now())
    return paths.root

"""The one module that knows where files live in a project and on the user's machine."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PROJECT_FILE = "qualcode.yaml"
STATE_DIR = ".qualcode"
SNAPSHOT_FILE = "codings.yaml"


@dataclass(frozen=True, slots=True)
class ProjectPaths:
    """Every path inside a project folder."""

    root: Path

    @property
    def project_file(self) -> Path:
        return self.root / PROJECT_FILE

    @property
    def state_dir(self) -> Path:
        return self.root / STATE_DIR

    @property
    def database(self) -> Path:
        return self.state_dir / "project.db"

    @property
    def lock(self) -> Path:
        return self.state_dir / "lock"

    @property
    def suggest_model(self) -> Path:
        """The project's learned suggester, cached by the revision of its codings."""
        return self.state_dir / "cache" / "suggest-model.npz"

    @property
    def token_cache(self) -> Path:
        """The words of every text the suggester has tokenised (so spaCy need not load)."""
        return self.state_dir / "cache" / "tokens.json"

    @property
    def backups(self) -> Path:
        return self.state_dir / "backups"

    @property
    def codebooks(self) -> Path:
        return self.root / "codebooks"

    @property
    def transcripts(self) -> Path:
        return self.root / "transcripts"

    @property
    def exports(self) -> Path:
        return self.root / "exports"

    @property
    def snapshot(self) -> Path:
        """The git-friendly text form of the codings (loaded when a store is first made)."""
        return self.root / SNAPSHOT_FILE

    def relative(self, path: Path) -> str:
        """Return ``path`` relative to the project root when inside it (POSIX), else absolute."""
        path = Path(path).resolve()
        try:
            return path.relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return str(path)


def user_config_dir() -> Path:
    """Return the folder of the user's own settings (language, coder name, keymap)."""
    base = os.environ.get("QUALCODE_CONFIG_DIR")
    if base:
        return Path(base)
    if os.name == "nt":
        return Path(os.environ.get("APPDATA", Path.home())) / "qualcode"
    return Path(os.environ.get("XDG_CONFIG_HOME", Path.home() / ".config")) / "qualcode"


def user_settings_file() -> Path:
    """Return the path of the user's settings file."""
    return user_config_dir() / "settings.yaml"

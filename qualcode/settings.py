"""Typed settings: the project's ``qualcode.yaml`` and the user's own ``settings.yaml``.

Every problem names the file and the key, so a student can fix it in an editor.
"""

from __future__ import annotations

import getpass
import os
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from qualcode.errors import ProjectError
from qualcode.i18n import LANGUAGES, t

ROLES = ("mahasiswa", "pembimbing")


@dataclass(frozen=True, slots=True)
class ProjectSettings:
    """What ``qualcode.yaml`` says about a project."""

    title: str = "Proyek qualcode"
    codebook: str = "codebooks/kepmenpan-63-2003.yaml"
    researcher: str = ""
    year: int = 2026
    source_line: str = ""
    table_chapter: int = 4
    font: str = "Times New Roman"
    font_size: int = 12
    contrary_share: float = 0.3
    supervisors: list[str] = field(default_factory=list)  # names acting as pembimbing


@dataclass(frozen=True, slots=True)
class UserSettings:
    """The user's own preferences, shared by all projects."""

    language: str = "id"
    coder: str = field(default_factory=lambda: os.environ.get("QUALCODE_CODER") or _login())
    keymap: dict[str, str] = field(default_factory=dict)
    name: str = ""  # the person's name as records show it (else ``coder``)
    role: str = "mahasiswa"  # mahasiswa (student) or pembimbing (supervisor)
    # The polarity a code given by hand gets when no suggestion under the cursor names one:
    # "netral", "pendukung", "penghambat", or "tanya" (ask at every coding).
    manual_polarity: str = "netral"


MANUAL_POLARITIES = ("netral", "pendukung", "penghambat", "tanya")


@dataclass(frozen=True, slots=True)
class Acting:
    """Who acts in this session, overriding the settings (``--as``), and whether the session
    may only review (``--review``): codings cannot change, review records can."""

    name: str | None = None
    role: str | None = None
    review: bool = False


def acting_user(
    user: UserSettings, acting: Acting | None, supervisors: list[str] | tuple[str, ...] = ()
) -> UserSettings:
    """Return the user settings with the acting person's name and role: ``--as``/``--role``
    first, then the project's list of supervisors, then the user's own settings."""
    name = (acting.name if acting and acting.name else user.name or user.coder).strip()
    role = acting.role if acting and acting.role else user.role
    if not (acting and acting.role) and name.casefold() in {s.casefold() for s in supervisors}:
        role = "pembimbing"
    if role not in ROLES:
        raise ProjectError(t("settings.bad_role", value=role, choices=", ".join(ROLES)))
    return replace(user, coder=name or user.coder, name=name or user.coder, role=role)


def _login() -> str:
    try:
        return getpass.getuser() or "peneliti"
    except (OSError, KeyError):
        return "peneliti"


def _read_yaml(path: Path) -> dict[str, Any]:
    import yaml

    from qualcode.core.limits import MAX_SETTINGS_BYTES, check_size, load_yaml

    check_size(path, MAX_SETTINGS_BYTES)
    try:
        data = load_yaml(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f":{mark.line + 1}" if mark is not None else ""
        raise ProjectError(
            t("settings.bad_yaml", file=f"{path}{line}", error=getattr(exc, "problem", exc)),
            t("settings.bad_yaml_hint"),
        ) from None
    except OSError as exc:
        raise ProjectError(t("settings.unreadable", file=path, error=exc.strerror)) from None
    if not isinstance(data, dict):
        raise ProjectError(t("settings.not_mapping", file=path))
    return data


def _coerce(cls: type, data: dict[str, Any], path: Path) -> Any:
    known = {f.name: f for f in fields(cls)}
    values: dict[str, Any] = {}
    default = cls()
    for key, value in data.items():
        if key not in known:
            raise ProjectError(
                t("settings.unknown_key", file=path, key=key),
                t("settings.known_keys", keys=", ".join(sorted(known))),
            )
        expected = type(getattr(default, key))
        if expected is float and isinstance(value, int):
            value = float(value)
        if not isinstance(value, expected) or (expected is int and isinstance(value, bool)):
            raise ProjectError(
                t("settings.wrong_type", file=path, key=key, expected=expected.__name__)
            )
        values[key] = value
    return replace(default, **values)


def load_project_settings(path: Path) -> ProjectSettings:
    """Read ``qualcode.yaml``; a missing file gives the defaults."""
    if not path.exists():
        return ProjectSettings()
    return _coerce(ProjectSettings, _read_yaml(path), path)


def load_user_settings(path: Path) -> UserSettings:
    """Read the user's settings file; a missing file gives the defaults."""
    if not path.exists():
        return UserSettings()
    settings = _coerce(UserSettings, _read_yaml(path), path)
    if settings.language not in LANGUAGES:
        raise ProjectError(
            t("settings.bad_language", file=path, value=settings.language, choices="id, en")
        )
    if settings.manual_polarity not in MANUAL_POLARITIES:
        raise ProjectError(
            t(
                "settings.bad_manual_polarity",
                file=path,
                value=settings.manual_polarity,
                choices=", ".join(MANUAL_POLARITIES),
            )
        )
    if settings.role not in ROLES:
        raise ProjectError(
            t("settings.bad_role_in", file=path, value=settings.role, choices=", ".join(ROLES))
        )
    return settings


def dump_settings(settings: ProjectSettings | UserSettings) -> str:
    """Return the YAML text of a settings value (only keys that differ from the defaults)."""
    import yaml

    default = type(settings)()
    data = {
        f.name: getattr(settings, f.name)
        for f in fields(settings)
        if getattr(settings, f.name) != getattr(default, f.name) or f.name in ("title", "codebook")
    }
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)

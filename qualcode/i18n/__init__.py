"""Message catalogues: every user-facing string, in Indonesian (default) and English.

Catalogues live in ``catalog/<area>.yaml``, one per area of the product, each key holding both
languages side by side (``key: {id: "...", en: "..."}``) so a translator sees both at once.
A key ``"ingest.empty"`` is looked up in ``catalog/ingest.yaml`` under ``empty``. Files are read
lazily, on the first message of their area.
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

LANGUAGES = ("id", "en")
_CATALOG_DIR = Path(__file__).parent / "catalog"
_language = (
    os.environ.get("QUALCODE_LANG", "id") if os.environ.get("QUALCODE_LANG") in LANGUAGES else "id"
)


def set_language(lang: str) -> None:
    """Choose the language of every message from now on ("id" or "en")."""
    global _language
    if lang not in LANGUAGES:
        raise ValueError(f"unsupported language {lang!r}; choose one of {', '.join(LANGUAGES)}")
    _language = lang


def get_language() -> str:
    """Return the active language code."""
    return _language


@cache
def _area(area: str) -> dict[str, dict[str, str]]:
    import yaml

    path = _CATALOG_DIR / f"{area}.yaml"
    if not path.exists():
        return {}
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml: ~10x faster to read
    with path.open(encoding="utf-8") as fh:
        data = yaml.load(fh, Loader=loader) or {}  # noqa: S506 - a safe loader
    return data


def has(key: str) -> bool:
    """Tell whether a message key exists in its catalogue."""
    area, _, name = key.partition(".")
    return name in _area(area)


def t(key: str, /, lang: str | None = None, **params: object) -> str:
    """Return the message for ``key`` in the active language, formatted with ``params``.

    A missing key returns the key itself (visible in tests, never a crash); a missing
    translation falls back to Indonesian, then English.
    """
    area, _, name = key.partition(".")
    entry = _area(area).get(name)
    if entry is None:
        return key
    lang = lang or _language
    template = entry.get(lang) or entry.get("id") or entry.get("en") or key
    try:
        return template.format(**params) if params else template
    except (KeyError, IndexError, ValueError):
        return template

"""click's own words (the help option, "Usage:", usage errors) in the interface language.

click marks its messages for gettext but ships no Indonesian catalogue, and gettext needs
compiled .mo files; instead the modules' ``_``/``ngettext`` names are pointed at a lookup in
``catalog/click.yaml``, keyed by click's English text. A message missing there stays English.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import click.core
import click.decorators
import click.exceptions
import click.formatting
import click.parser
import click.types

from qualcode import i18n

_MODULES = (
    click.core,
    click.decorators,
    click.exceptions,
    click.formatting,
    click.parser,
    click.types,
)
_CATALOG = Path(i18n.__file__).parent / "catalog" / "click.yaml"


@cache
def _table() -> dict[str, str]:
    import yaml

    data = yaml.safe_load(_CATALOG.read_text(encoding="utf-8")) or {}
    return {msgid: entry["id"] for msgid, entry in data.items()}


def _gettext(message: str) -> str:
    if i18n.get_language() == "en":
        return message
    return _table().get(message, message)


def _ngettext(singular: str, plural: str, n: int) -> str:
    return _gettext(singular if n == 1 else plural)


def install() -> None:
    """Translate click's messages from now on, following ``i18n.get_language()``."""
    for module in _MODULES:
        if hasattr(module, "_"):
            module._ = _gettext  # type: ignore[attr-defined]
        if hasattr(module, "ngettext"):
            module.ngettext = _ngettext  # type: ignore[attr-defined]

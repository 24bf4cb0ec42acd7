"""The ``qualcode`` command line: thin commands over the core.

Command modules are the ``cmd_*.py`` files of this package; each attaches its commands to the
``main`` group when imported, so adding a command never edits a shared file.
"""

from __future__ import annotations

import importlib
import os
import pkgutil
import sys


def _preselect_language(argv: list[str]) -> None:
    """Pick the language before command help texts are built (they are translated)."""
    from qualcode import i18n

    lang = None
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            lang = argv[i + 1]
        elif arg.startswith("--lang="):
            lang = arg.split("=", 1)[1]
    if lang is None and not os.environ.get("QUALCODE_LANG"):
        try:
            from qualcode.locations import user_settings_file
            from qualcode.settings import load_user_settings

            lang = load_user_settings(user_settings_file()).language
        except Exception:  # noqa: BLE001 - a broken settings file is reported by the command itself
            lang = None
    if lang in i18n.LANGUAGES:
        i18n.set_language(lang)


def load_commands():
    """Import every command module and return the ``main`` group."""
    from qualcode.cli import base

    package = sys.modules[__name__]
    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda m: m.name):
        if info.name.startswith("cmd_"):
            importlib.import_module(f"{__name__}.{info.name}")
    return base.main


def run(argv: list[str] | None = None) -> None:
    """Entry point of the console script: run a command and exit with its status."""
    argv = list(sys.argv[1:] if argv is None else argv)
    _preselect_language(argv)
    from qualcode.cli import click_i18n

    click_i18n.install()  # before base: click.version_option translates its help at import
    from qualcode.cli.base import invoke

    sys.exit(invoke(load_commands(), argv))

"""House rules a machine holds: the core is UI-free and start-up stays light."""

from __future__ import annotations

import pkgutil
import subprocess
import sys
from pathlib import Path

import qualcode.core

ROOT = Path(__file__).resolve().parent.parent


def _core_modules() -> list[str]:
    return sorted(
        m.name for m in pkgutil.walk_packages(qualcode.core.__path__, prefix="qualcode.core.")
    )


def test_core_never_imports_textual_or_rich():
    modules = _core_modules()
    assert "qualcode.core.store.db" in modules
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich'))\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert out.stdout.strip() == "", f"core pulled in UI modules: {out.stdout}"


def test_help_loads_neither_spacy_nor_textual():
    code = (
        "import sys\n"
        "from qualcode.cli import run\n"
        "try:\n    run(['--help'])\nexcept SystemExit:\n    pass\n"
        "heavy = ('spacy', 'textual', 'docx', 'openpyxl')\n"
        "print('LOADED:' + ','.join(sorted(m for m in heavy if m in sys.modules)))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert "LOADED:\n" in out.stdout + "\n" and out.stdout.strip().endswith("LOADED:"), out.stdout[
        -300:
    ]

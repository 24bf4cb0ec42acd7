"""House rules a machine holds: the import contracts, a UI-free core, a light start-up."""

from __future__ import annotations

import os
import pkgutil
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import qualcode.core

ROOT = Path(__file__).resolve().parent.parent
LINT = (
    "import sys\n"
    "from importlinter.cli import lint_imports\n"
    "sys.exit(lint_imports(config_filename='pyproject.toml', no_cache=True, no_logo=True))\n"
)


def _lint(root: Path, path: Path) -> subprocess.CompletedProcess:
    """Run the pyproject's import-linter contracts in a fresh interpreter on the package at path."""
    env = {**os.environ, "PYTHONPATH": str(path)}
    return subprocess.run(
        [sys.executable, "-c", LINT], capture_output=True, text=True, cwd=root, env=env
    )


def test_the_import_contracts_hold():
    result = _lint(ROOT, ROOT)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert "0 broken" in result.stdout


@pytest.mark.parametrize(
    "module, line, contract",
    [
        ("core/table.py", "import rich", "never import textual, rich or click"),
        ("export/files.py", "import click", "never import textual, rich or click"),
        ("core/store/cache.py", "import qualcode.core.coding.rules", "lowest layer of core"),
        ("core/coding/rules.py", "import qualcode.core.search.query", "no import cycles"),
        ("core/project.py", "import qualcode.export.files", "the interfaces sit on export"),
    ],
)
def test_a_violation_breaks_its_contract(tmp_path, module, line, contract):
    shutil.copytree(ROOT / "qualcode", tmp_path / "qualcode")
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    target = tmp_path / "qualcode" / module
    target.write_text(f"{line}\n{target.read_text(encoding='utf-8')}", encoding="utf-8")
    result = _lint(tmp_path, tmp_path)
    assert result.returncode != 0
    broken = result.stdout.split("Broken contracts", 1)[-1]
    assert contract in broken, result.stdout[-3000:]


def _core_modules() -> list[str]:
    return sorted(
        m.name for m in pkgutil.walk_packages(qualcode.core.__path__, prefix="qualcode.core.")
    )


def test_importing_all_of_core_loads_neither_ui_nor_spacy():
    """spaCy loads on first use (suggestions, sentence splitting), never on import."""
    modules = ["qualcode.core", *_core_modules()]
    assert "qualcode.core.store.db" in modules and "qualcode.core.suggest.matcher" in modules
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "heavy = ('textual', 'rich', 'click', 'spacy')\n"
        "print(','.join(sorted(m for m in sys.modules if m.split('.')[0] in heavy)))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert out.stdout.strip() == "", f"importing core loaded: {out.stdout}"


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


def test_the_import_command_never_loads_spacy(tmp_path):
    """``qualcode import`` splits sentences without spaCy: start-up is most of its time."""
    project = tmp_path / "proj"
    demo = ROOT / "transcripts"
    files = ["I1_camat_haryanto.docx", "I10_ojek_joko.txt", "I9_mahasiswa_anisa.md"]
    code = (
        "import os, shutil, sys\n"
        "from qualcode.cli import run\n"
        "def call(*args):\n"
        "    try:\n        run(list(args))\n"
        "    except SystemExit as exc:\n        assert not exc.code, exc.code\n"
        f"call('init', {str(project)!r})\n"
        f"os.chdir({str(project)!r})\n"
        f"for name in {files!r}:\n"
        f"    shutil.copy(os.path.join({str(demo)!r}, name), 'transcripts')\n"
        "call('import', 'transcripts')\n"
        "heavy = ('spacy', 'thinc', 'numpy', 'textual')\n"
        "print('LOADED:' + ','.join(sorted(m for m in heavy if m in sys.modules)))\n"
    )
    env = {**os.environ, "QUALCODE_CONFIG_DIR": str(tmp_path / "config")}
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
    )
    assert "3 diimpor, 0 diperbarui, 0 tidak berubah, 0 gagal" in out.stderr, out.stderr[-500:]
    assert out.stdout.strip().endswith("LOADED:"), out.stdout[-300:]

"""Helpers to run the CLI in-process and to make small projects."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from qualcode.cli import run
from qualcode.i18n import set_language
from tests.core.coding_fixtures import copy_template

ROOT = Path(__file__).resolve().parents[2]


@dataclass
class Result:
    code: int
    out: str
    err: str


@pytest.fixture
def cli(capsys):
    """Run ``qualcode ARGS`` in-process; return exit code, stdout and stderr."""

    def invoke(*args: str) -> Result:
        capsys.readouterr()
        try:
            run([str(a) for a in args])
            code = 0
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 1
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return invoke


@pytest.fixture
def project(tmp_path, cli) -> Path:
    """A new, empty project folder (made with ``qualcode init``)."""
    root = tmp_path / "proj"
    assert cli("init", root).code == 0
    return root


@pytest.fixture
def demo_copy(tmp_path) -> Path:
    """A copy of the bundled demo's transcripts and codebooks, without the coded snapshot."""
    root = tmp_path / "demo"
    root.mkdir()
    shutil.copytree(ROOT / "transcripts", root / "transcripts")
    shutil.copytree(ROOT / "codebooks", root / "codebooks")
    shutil.copy(ROOT / "qualcode.yaml", root / "qualcode.yaml")
    return root


@pytest.fixture
def proj(template, tmp_path, monkeypatch) -> Iterator[Path]:
    """A copy of the module's imported ``template`` project, in the default language."""
    monkeypatch.delenv("QUALCODE_LANG", raising=False)
    yield copy_template(template, tmp_path, monkeypatch)
    set_language("id")


@pytest.fixture
def cli_for(capsys) -> Callable[[Path], Callable[..., tuple[int, str, str]]]:
    """Make a runner of ``qualcode --project ROOT ARGS`` in-process: exit code, stdout, stderr."""

    def runner(root: Path) -> Callable[..., tuple[int, str, str]]:
        def invoke(*args: str) -> tuple[int, str, str]:
            capsys.readouterr()
            with pytest.raises(SystemExit) as info:
                run(["--project", str(root), *args])
            captured = capsys.readouterr()
            return info.value.code, captured.out, captured.err

        return invoke

    return runner


@pytest.fixture
def proj_cli(proj, cli_for):
    """Run ``qualcode --project PROJ ARGS`` in-process; return exit code, stdout and stderr."""
    return cli_for(proj)

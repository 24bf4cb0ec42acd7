"""A coded copy of the bundled demo, built once for the export tests that need a real project."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def demo_root(tmp_path_factory) -> Path:
    """The demo's transcripts, codebooks, settings and codings, its store built on first open."""
    from qualcode.core.project import Project
    from qualcode.i18n import set_language

    set_language("id")
    root = tmp_path_factory.mktemp("demo")
    for folder in ("transcripts", "codebooks"):
        shutil.copytree(ROOT / folder, root / folder)
    for name in ("qualcode.yaml", "codings.yaml"):
        shutil.copy(ROOT / name, root / name)
    Project.open(root).close()  # builds the store from transcripts/ and codings.yaml
    return root

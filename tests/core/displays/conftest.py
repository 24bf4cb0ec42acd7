"""Fixtures of the display tests: the mini project (see fixture.py), in Indonesian."""

from __future__ import annotations

import pytest

from tests.core.displays import fixture as mini
from tests.core.displays.fixture import make_project

# Shared with tests/core/test_conclusions.py, which draws conclusions on the same mini project.
indonesian = mini.indonesian
built = mini.built
project = mini.project


@pytest.fixture
def empty(tmp_path, monkeypatch):
    monkeypatch.setenv("QUALCODE_CONFIG_DIR", str(tmp_path / "config"))
    result = make_project(tmp_path / "e", codings=False)
    yield result.project
    result.project.close()

"""Fixtures of the display tests: the mini project (see fixture.py), in Indonesian."""

from __future__ import annotations

import pytest

from qualcode.i18n import get_language, set_language
from tests.core.displays.fixture import make_project


@pytest.fixture(autouse=True)
def indonesian():
    before = get_language()
    set_language("id")
    yield
    set_language(before)


@pytest.fixture
def built(tmp_path, monkeypatch):
    monkeypatch.setenv("QUALCODE_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("QUALCODE_CODER", "uji")
    result = make_project(tmp_path / "p")
    yield result
    result.project.close()


@pytest.fixture
def project(built):
    return built.project


@pytest.fixture
def empty(tmp_path, monkeypatch):
    monkeypatch.setenv("QUALCODE_CONFIG_DIR", str(tmp_path / "config"))
    result = make_project(tmp_path / "e", codings=False)
    yield result.project
    result.project.close()

"""Shared fixtures: a copy of the small codebook project (MINI codebook, one interview)."""

from __future__ import annotations

import pytest

from tests.core.codebook_fixtures import build_template, make_project


@pytest.fixture(scope="module")
def mini_template(tmp_path_factory):
    return build_template(tmp_path_factory)


@pytest.fixture
def mini_root(mini_template, tmp_path, monkeypatch):
    """A fresh copy of the MINI project; return its root."""
    return make_project(mini_template, tmp_path, monkeypatch)

"""A copy of the small codebook project (MINI codebook, one interview) for each store test."""

from __future__ import annotations

import pytest

from tests.core.codebook_fixtures import build_template, make_project


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    return build_template(tmp_path_factory)


@pytest.fixture
def root(template, tmp_path, monkeypatch):
    return make_project(template, tmp_path, monkeypatch)

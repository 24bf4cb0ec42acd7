"""Counting from the store: the per-source totals match the one-source counts."""

from __future__ import annotations

from qualcode.core.project import Project
from qualcode.core.store import sources as repo
from qualcode.core.store.codings import count_units, units_per_source


def test_units_per_source_are_each_sources_own_counts(mini_root):
    with Project.open(mini_root) as project:
        store = project.store
        expected = {src.id: count_units(store, src.id) for src in repo.sources(store)}
        assert units_per_source(store) == expected
        assert all(sentences > 0 and turns > 0 for sentences, turns in expected.values())

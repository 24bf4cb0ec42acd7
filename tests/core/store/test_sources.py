"""Reading sources from the store: the listing without the transcripts' text is the same list."""

from __future__ import annotations

from dataclasses import replace

from qualcode.core.project import Project
from qualcode.core.store import sources as repo


def test_sources_without_text_leave_the_text_out_and_keep_everything_else(mini_root):
    with Project.open(mini_root) as project:
        full = repo.sources(project.store)
        light = repo.sources(project.store, with_text=False)
    assert full and all(src.text for src in full)
    assert [src.text for src in light] == [""] * len(full)
    assert [replace(src, text="") for src in full] == light

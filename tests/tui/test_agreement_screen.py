"""Pilot tests of the inter-coder agreement screen: figures, disagreements, passage, consensus."""

from __future__ import annotations

import pytest
from textual.widgets import DataTable, Static

from qualcode.core.agreement.session import load_comparison, record_comparison
from qualcode.core.codings_file.format import Snapshot, SnapSource, dump
from qualcode.core.records import Coding
from qualcode.core.store import sources as repo
from qualcode.core.store.codings import list_codings

from .conftest import SIZE, code_some, make_app, settle

pytestmark = pytest.mark.anyio


def second_coder(project, tmp_path):
    """Record a comparison with a second coder who coded like A except: one polarity flipped,
    one coding left out; return the codings A made."""
    made = code_some(project)
    paths = {s.id: s for s in repo.sources(project.store, with_text=False)}
    by_source: dict[int, list[Coding]] = {}
    for n, c in enumerate(made):
        if n == 1:
            continue  # B left this one uncoded
        polarity = "penghambat" if n == 0 else c.polarity
        by_source.setdefault(c.source_id, []).append(
            Coding(
                0, f"b{n}", 0, c.start, c.end, c.quote, c.code_id, polarity, "", "", "budi", "", ""
            )
        )
    sources = tuple(
        SnapSource(paths[sid].path, paths[sid].sha256, None, tuple(codings))
        for sid, codings in by_source.items()
    )
    snapshot = Snapshot(1, "B", project.codebook.id, sources, (), ())
    file = tmp_path / "budi.yaml"
    file.write_text(dump(snapshot), encoding="utf-8")
    record_comparison(project, file, [paths[sid].path for sid in sorted(paths)])
    return made


def on_sentence(project, coding) -> list[tuple[str, str, str]]:
    """The codings now on a coding's span: code, polarity and coder."""
    return [
        (c.code_id, c.polarity, c.coder)
        for c in list_codings(project.store, source_id=coding.source_id)
        if (c.start, c.end) == (coding.start, coding.end)
    ]


async def open_agreement(pilot):
    await pilot.press("7")
    await settle(pilot)
    return pilot.app.screen


async def test_the_screen_lists_figures_and_disagreements(project, tmp_path):
    second_coder(project, tmp_path)
    app = make_app(project)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_agreement(pilot)
        assert screen.STAGE == "agreement"
        figures = screen.query_one("#agreement-figures").table
        assert figures.title == "Hasil Uji Reliabilitas Antarkoder"
        assert figures.rows[0].cells[0].text.startswith("Keseluruhan")
        listed = screen.query_one("#disagreements", DataTable)
        assert listed.row_count == 2


async def test_enter_shows_the_passage_with_both_codings(project, tmp_path):
    made = second_coder(project, tmp_path)
    app = make_app(project)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_agreement(pilot)
        screen.query_one("#disagreements", DataTable).focus()
        await pilot.press("enter")
        await pilot.pause()
        passage = str(screen.query_one("#agreement-passage", Static).content)
        assert made[0].quote in passage
        codings = str(screen.query_one("#agreement-codings", Static).content)
        assert "Koder A (penguji)" in codings and "Koder B (budi)" in codings
        assert f"{made[0].code_id} (pendukung)" in codings
        assert f"{made[0].code_id} (penghambat)" in codings


async def test_keeping_b_changes_the_coding_and_undo_takes_it_back(project, tmp_path):
    made = second_coder(project, tmp_path)
    app = make_app(project)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_agreement(pilot)
        screen.query_one("#disagreements", DataTable).focus()
        await pilot.press("b")
        await settle(pilot)
        assert on_sentence(project, made[0]) == [(made[0].code_id, "penghambat", "budi")]
        comparison = load_comparison(project)
        assert comparison.after.decided == 1 and comparison.before.decided == 0
        listed = screen.query_one("#disagreements", DataTable)
        assert listed.get_row_at(0)[-1] == "pakai koder B"
        await pilot.press("t")
        await pilot.pause()
        assert screen.query_one("#agreement-figures").table.title.endswith("setelah Konsensus")
        await pilot.press("u")
        await settle(pilot)
        assert load_comparison(project).after.decided == 0
        assert on_sentence(project, made[0]) == [(made[0].code_id, "pendukung", "penguji")]


async def test_without_a_comparison_the_screen_says_how_to_start(project):
    app = make_app(project)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_agreement(pilot)
        assert "agreement blind" in str(screen.query_one("#agreement-passage", Static).content)
        await pilot.press("b")
        await pilot.pause()
        assert screen.query_one("#disagreements", DataTable).row_count == 0

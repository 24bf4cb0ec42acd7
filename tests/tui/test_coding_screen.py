"""Pilot tests of the coding screen: each key action, asserting the store and what is shown."""

from __future__ import annotations

import pytest

from qualcode.core.coding.operations import add_coding
from qualcode.core.store import sources as repo
from qualcode.core.store.codings import list_codings
from qualcode.tui.screens.coding import CodingScreen
from qualcode.tui.screens.dialogs.confirm import ConfirmDialog
from qualcode.tui.screens.dialogs.summary import SummaryDialog

from .conftest import SIZE, make_app, settle, source_id

pytestmark = pytest.mark.anyio


async def open_coding(pilot) -> CodingScreen:
    await pilot.press("2")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, CodingScreen)
    return screen


async def open_summary_editor(pilot) -> None:
    """Code the sentence under the cursor (space) and open the summary editor on it (s)."""
    await pilot.press("space", "s")
    await pilot.pause()


def codable_sentences(project, sid):
    turns = {t.id: t for t in repo.turns(project.store, sid)}
    return [s for s in repo.sentences(project.store, sid) if turns[s.turn_id].kind != "interviewer"]


def line_texts(view) -> list[str]:
    """The text of every rendered line of the transcript view (as a reader sees it)."""
    return [view.render_line(y).text for y in range(view.size.height)]


async def test_cursor_moves_by_codable_sentence(project):
    app = make_app(project)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_coding(pilot)
        sentences = codable_sentences(project, screen.source_id)
        assert screen.view.span == (sentences[0].start, sentences[0].end)
        await pilot.press("j", "j")
        assert screen.view.span == (sentences[2].start, sentences[2].end)
        await pilot.press("k")
        assert screen.view.span == (sentences[1].start, sentences[1].end)
        # One numbering everywhere: the number `qualcode show` prints (interviewer's sentences
        # counted, from 0), and the last number of the source beside it.
        last = len(repo.sentences(project.store, screen.source_id)) - 1
        assert sentences[1].idx != 2  # the interviewer spoke first: the numbers differ
        assert screen.status.left_text.startswith(f"kalimat {sentences[1].idx} (0–{last})")


async def test_space_codes_the_sentence_with_the_selected_code(project):
    app = make_app(project)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_coding(pilot)
        await pilot.press("j")
        span = screen.view.span
        code = screen.selected_code
        await pilot.press("space")
        await pilot.pause()
        codings = list_codings(project.store, source_id=screen.source_id)
        assert [(c.start, c.end, c.code_id) for c in codings] == [(*span, code)]
        assert any(code in line for line in line_texts(screen.view)), "gutter shows the code label"
        assert code in str(screen.query_one("#here").content)


async def test_c_then_key_codes_with_that_code(project):
    app = make_app(project)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_coding(pilot)
        tree = screen.tree
        wanted = tree.code_for_key("3")
        await pilot.press("c")
        assert screen.awaiting_code_key
        assert "1–9" in screen.status.left_text
        await pilot.press("3")
        await pilot.pause()
        assert not screen.awaiting_code_key
        assert [c.code_id for c in list_codings(project.store)] == [wanted]
        assert screen.selected_code == wanted
        assert tree.highlighted_code == wanted


async def test_escape_cancels_the_code_key(project):
    app = make_app(project)
    async with app.run_test(size=SIZE) as pilot:
        await open_coding(pilot)
        await pilot.press("c", "escape")
        await pilot.press("3")  # now a stage key again: nothing coded
        await pilot.pause()
        assert list_codings(project.store) == []


async def test_polarity_cycles_on_the_coding_under_the_cursor(project):
    app = make_app(project)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_coding(pilot)
        s = codable_sentences(project, screen.source_id)[0]
        add_coding(project, screen.source_id, s.start, s.end, "prosedur", "pendukung")
        screen.reload_codings()
        await pilot.press("p")
        await pilot.pause()
        assert list_codings(project.store)[0].polarity == "penghambat"
        await pilot.press("p")
        await pilot.pause()
        assert list_codings(project.store)[0].polarity == "netral"
        assert any("○ prosedur" in line for line in line_texts(screen.view))


async def test_uncode_removes_and_undo_brings_it_back(project):
    app = make_app(project)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_coding(pilot)
        s = codable_sentences(project, screen.source_id)[0]
        add_coding(project, screen.source_id, s.start, s.end, "waktu", "penghambat")
        screen.reload_codings()
        await pilot.press("x")
        await pilot.pause()
        assert list_codings(project.store) == []
        messages = [n.message for n in app._notifications]
        assert any("u untuk membatalkan" in m for m in messages)
        assert not any("− waktu" in line for line in line_texts(screen.view))
        await pilot.press("u")
        await pilot.pause()
        assert [c.code_id for c in list_codings(project.store)] == ["waktu"]
        assert any("− waktu" in line for line in line_texts(screen.view))
        await pilot.press("U")
        await pilot.pause()
        assert list_codings(project.store) == []


async def test_undo_and_redo_of_a_new_coding_with_ctrl_keys(project):
    app = make_app(project)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_coding(pilot)
        await pilot.press("space")
        await pilot.pause()
        assert len(list_codings(project.store)) == 1
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert list_codings(project.store) == []
        await pilot.press("ctrl+y")
        await pilot.pause()
        assert len(list_codings(project.store)) == 1
        assert screen.tree._counts.get(screen.selected_code) == 1


async def test_summary_editor_saves_with_enter(project):
    app = make_app(project)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_coding(pilot)
        await open_summary_editor(pilot)
        assert isinstance(app.screen, SummaryDialog)
        await pilot.press(*"Loket buka tepat waktu")
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen
        assert list_codings(project.store)[0].summary == "Loket buka tepat waktu"
        assert "Loket buka tepat waktu" in str(screen.query_one("#here").content)
        assert any("✎" in line for line in line_texts(screen.view))


async def test_summary_editor_asks_before_discarding_a_change(project):
    app = make_app(project)
    async with app.run_test(size=SIZE) as pilot:
        await open_coding(pilot)
        await open_summary_editor(pilot)
        await pilot.press(*"draf")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")  # keep editing
        await pilot.pause()
        assert isinstance(app.screen, SummaryDialog)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("y")  # discard
        await pilot.pause()
        assert list_codings(project.store)[0].summary == ""


async def test_quitting_with_an_open_summary_editor_asks(project):
    app = make_app(project)
    async with app.run_test(size=SIZE) as pilot:
        await open_coding(pilot)
        await open_summary_editor(pilot)
        await pilot.press(*"belum disimpan")
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert app.is_running
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, SummaryDialog)


async def test_extend_span_and_whole_turn(project):
    app = make_app(project)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_coding(pilot)
        sentences = codable_sentences(project, screen.source_id)
        await pilot.press("shift+down")
        assert screen.view.span == (sentences[0].start, sentences[1].end)
        assert f"kalimat {sentences[0].idx}–{sentences[1].idx} (" in screen.status.left_text
        await pilot.press("space")
        await pilot.pause()
        coding = list_codings(project.store)[0]
        assert (coding.start, coding.end) == (sentences[0].start, sentences[1].end)
        await pilot.press("escape", "t")
        turn = next(
            t for t in repo.turns(project.store, screen.source_id) if t.id == sentences[0].turn_id
        )
        in_turn = [s for s in sentences if s.turn_id == turn.id]
        assert screen.view.span == (in_turn[0].start, in_turn[-1].end)


async def test_several_codings_under_the_cursor_ask_which(project):
    app = make_app(project)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_coding(pilot)
        s = codable_sentences(project, screen.source_id)[0]
        add_coding(project, screen.source_id, s.start, s.end, "prosedur", "pendukung")
        add_coding(project, screen.source_id, s.start, s.end, "biaya", "pendukung")
        screen.reload_codings()
        await pilot.press("p")
        await pilot.pause()
        await pilot.press("2")  # the second listed coding
        await pilot.pause()
        by_code = {c.code_id: c.polarity for c in list_codings(project.store)}
        assert sorted(by_code.values()) == ["pendukung", "penghambat"]


async def test_filter_uncoded_skips_coded_sentences(project):
    app = make_app(project)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_coding(pilot)
        sentences = codable_sentences(project, screen.source_id)
        add_coding(project, screen.source_id, sentences[1].start, sentences[1].end, "biaya")
        screen.reload_codings()
        await pilot.press("f")
        await pilot.pause()
        dialog = app.screen
        from textual.widgets import Select

        dialog.query_one("#filter-coded", Select).value = "uncoded"
        await pilot.click("#apply")
        await pilot.pause()
        assert "belum dikode" in screen.status.left_text
        await pilot.press("j")
        assert screen.view.span == (sentences[2].start, sentences[2].end)


async def test_filter_by_informant_narrows_the_source_list(project):
    app = make_app(project)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_coding(pilot)
        from qualcode.tui.screens.dialogs.filters import CodingFilter

        screen._apply_filter(CodingFilter(informant="I7"))
        await pilot.pause()
        listing = screen.query_one("#source-list")
        assert listing.option_count == 1
        assert screen.source_id == source_id(project, "I7_")


async def test_next_source_and_mouse_click(project):
    app = make_app(project)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_coding(pilot)
        first = screen.source_id
        await pilot.press("right_square_bracket")
        await settle(pilot)
        assert screen.source_id != first
        view = screen.view
        sentences = codable_sentences(project, screen.source_id)
        layout = view._layout
        line = layout.line_of(sentences[3].start)
        await pilot.click("#transcript", offset=(8, line - int(view.scroll_offset.y)))
        assert view.span[0] <= sentences[3].start < view.span[1] or view.span == (
            sentences[3].start,
            sentences[3].end,
        )


async def test_accept_and_reject_suggestions(project):
    app = make_app(project)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_coding(pilot)
        await settle(pilot)
        assert screen.feed.by_start, "the worker produced suggestions for the demo source"
        model = screen.view.model
        start = min(screen.feed.by_start)
        screen.view.move_to_offset(start)
        await pilot.pause()
        first = screen.suggestions_here()[0]
        assert any("? " in line for line in line_texts(screen.view))
        assert first.code_id in str(screen.query_one("#here").content)
        await pilot.press("a")
        await pilot.pause()
        if len(screen.suggestions_here()) > 0 and app.screen is not screen:
            await pilot.press("1")
            await pilot.pause()
        made = list_codings(project.store)
        # accepted, but not condensed: the sentence is not copied into the summary
        assert made and made[0].start == first.start and made[0].summary == ""
        # reject the next suggested sentence
        later = [s for s in sorted(screen.feed.by_start) if s > start]
        screen.view.move_to_offset(later[0])
        await pilot.pause()
        target = screen.suggestions_here()[0]
        await pilot.press("r")
        await pilot.pause()
        if app.screen is not screen:
            await pilot.press("1")
            await pilot.pause()
        rejected = project.store.query("SELECT code_id, start FROM rejected_suggestions")
        assert (rejected[0]["code_id"], rejected[0]["start"]) == (target.code_id, target.start)
        assert target not in screen.suggestions_here()
        assert model is screen.view.model


async def test_interviewer_text_is_shown_dimmed_and_never_selected(project):
    app = make_app(project)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_coding(pilot)
        turns = repo.turns(project.store, screen.source_id)
        interviewer = [t for t in turns if t.kind == "interviewer"]
        assert interviewer
        for _ in range(30):
            await pilot.press("j")
            span = screen.view.span
            assert not any(t.start <= span[0] < t.end for t in interviewer)
        texts = line_texts(screen.view)
        assert any(t.speaker in line for t in interviewer for line in texts)


async def test_search_jumps_to_hits_across_sources(project):
    app = make_app(project)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_coding(pilot)
        await pilot.press("slash")
        await pilot.pause()
        assert screen.search_bar.has_focus
        await pilot.press(*"komputr", "enter")  # a typo still finds "komputer"
        await settle(pilot)
        assert screen.view.has_focus
        hits = screen.search_bar.hits
        assert hits and all("komput" in h.match.lower() for h in hits)
        first = screen.search_bar.index
        hit = hits[first]
        assert screen.source_id == hit.source_id
        assert screen.view.span[0] <= hit.start < screen.view.span[1]
        assert "1/" in screen.status.right_text or f"{first + 1}/" in screen.status.right_text
        assert screen.view.matches
        await pilot.press("n")
        assert screen.search_bar.index == (first + 1) % len(hits)
        await pilot.press("N")
        assert screen.search_bar.index == first
        sources = {h.source_id for h in hits}
        if len(sources) > 1:
            for _ in range(len(hits)):
                await pilot.press("n")
            assert screen.source_id in sources


async def test_search_with_no_hits_says_so(project):
    app = make_app(project)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_coding(pilot)
        await pilot.press("slash", *"zzzqqq", "enter")
        await settle(pilot)
        assert screen.search_bar.hits == []
        assert any("Tidak ada hasil" in n.message for n in app._notifications)


async def test_a_suggestion_coded_by_hand_leaves_the_panel(project):
    app = make_app(project)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_coding(pilot)
        await settle(pilot)
        start = min(screen.feed.by_start)
        screen.view.move_to_offset(start)
        await pilot.pause()
        first = screen.suggestions_here()[0]
        # Code the same passage with the suggested code by hand, not by accepting it.
        add_coding(project, first.source_id, first.start, first.end, first.code_id)
        screen.reload_codings()
        await pilot.pause()
        assert first.code_id not in [s.code_id for s in screen.suggestions_here()]
        assert first in screen.feed.by_start.get(start, [])  # still known, just not news


async def test_e_steps_through_the_codings_still_to_condense(project):
    app = make_app(project)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_coding(pilot)
        sentences = codable_sentences(project, screen.source_id)
        await pilot.press("space", "j", "j", "space", "k", "k")
        await pilot.pause()
        assert screen.view.span == (sentences[0].start, sentences[0].end)
        assert [c.summary for c in list_codings(project.store)] == ["", ""]
        await pilot.press("e")  # the next one after the cursor: the third sentence
        await pilot.pause()
        assert isinstance(app.screen, SummaryDialog)
        assert screen.view.span == (sentences[2].start, sentences[2].end)
        await pilot.press(*"Ketiga", "enter")
        await pilot.pause()
        await pilot.press("e")  # wraps round to the first sentence's coding
        await pilot.pause()
        assert isinstance(app.screen, SummaryDialog)
        assert screen.view.span == (sentences[0].start, sentences[0].end)
        await pilot.press(*"Pertama", "enter")
        await pilot.pause()
        await pilot.press("e")  # nothing left to condense: no editor, a notice
        await pilot.pause()
        assert app.screen is screen
        assert sorted(c.summary for c in list_codings(project.store)) == ["Ketiga", "Pertama"]


def _with_user_settings(project_root, text: str):
    from qualcode.core.project import Project
    from qualcode.locations import user_settings_file

    path = user_settings_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return Project.open(project_root)


async def test_manual_polarity_asked_when_the_student_chose_tanya(project_root):
    from qualcode.tui.screens.dialogs.code_picker import CodingChooser

    opened = _with_user_settings(project_root, "manual_polarity: tanya\n")
    app = make_app(opened)
    try:
        async with app.run_test(size=SIZE) as pilot:
            screen = await open_coding(pilot)
            assert "polaritas ditanya" in screen.status.left_text
            await pilot.press("space")
            await pilot.pause()
            assert isinstance(app.screen, CodingChooser), "asked, not set silently"
            assert list_codings(opened.store) == []
            await pilot.press("2")  # 1 pendukung, 2 penghambat, 3 netral
            await pilot.pause()
            [coding] = list_codings(opened.store)
            assert coding.polarity == "penghambat"
    finally:
        opened.close()


async def test_manual_polarity_default_is_shown_and_used(project_root):
    opened = _with_user_settings(project_root, "manual_polarity: pendukung\n")
    app = make_app(opened)
    try:
        async with app.run_test(size=SIZE) as pilot:
            screen = await open_coding(pilot)
            assert "baru: pendukung" in screen.status.left_text
            await pilot.press("space")
            await pilot.pause()
            assert [c.polarity for c in list_codings(opened.store)] == ["pendukung"]
    finally:
        opened.close()

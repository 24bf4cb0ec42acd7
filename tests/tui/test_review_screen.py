"""Pilot tests of the review queue: newest first, filters, answer, resolve, jump, review session."""

from __future__ import annotations

import pytest
from textual.widgets import DataTable, Input, Static

from qualcode.core.project import Project
from qualcode.core.review import threads
from qualcode.settings import Acting
from qualcode.tui.screens.review import ReviewScreen

from .conftest import SIZE, code_some, make_app, settle

pytestmark = pytest.mark.anyio


def _supervise(project):
    """Dr. Sari's review: a revision on a coding, a comment on a conclusion, an approval."""
    made = code_some(project)
    root = project.root
    project.close()
    with Project.open(root, acting=Acting(name="Dr. Sari", role="pembimbing")) as sari:
        threads.revise(sari, "coding", made[0].uid, "Ringkasan kurang tepat")
        threads.comment(sari, "conclusion", "prosedur", "Kesimpulan perlu bukti")
        threads.approve(sari, "coding", made[1].uid)
    return Project.open(root), made


async def test_the_queue_lists_open_threads_newest_first_and_the_student_answers(project):
    project, made = _supervise(project)
    app = make_app(project)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("6")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        assert [th.id for th in screen.threads] == [2, 1]  # the approval is resolved
        detail = str(screen.query_one("#review-detail", Static).content)
        assert "Kesimpulan perlu bukti" in detail and "Dr. Sari (pembimbing)" in detail
        await pilot.press("down")
        await pilot.press("a")
        await pilot.pause()
        app.screen.query_one(Input).value = "Sudah saya perbaiki"
        await pilot.press("enter")
        await settle(pilot)
        answered = threads.get_thread(project.store, 1)
        assert answered.state == "answered"
        assert answered.messages[-1].author == "penguji"
        await pilot.press("k")  # only codings
        await settle(pilot)
        assert [th.target_kind for th in screen.threads] == ["coding"]
        await pilot.press("s")  # every state: the approval shows too
        await settle(pilot)
        assert {th.id for th in screen.threads} == {1, 3}
        table = screen.query_one(DataTable)
        table.move_cursor(row=[th.id for th in screen.threads].index(1))
        await pilot.press("r")
        await settle(pilot)
        assert threads.get_thread(project.store, 1).state == "resolved"
        await pilot.press("enter")  # jump to the coding in the coding stage
        await settle(pilot)
        coding_screen = app.screen
        assert coding_screen.source_id == made[0].source_id
    project.close()


async def test_a_review_session_says_so_and_keeps_codings_safe(project):
    project, made = _supervise(project)
    root = project.root
    project.close()
    session = Project.open(root, acting=Acting(name="Dr. Sari", review=True))
    app = make_app(session)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        nav = str(app.screen.query_one("#nav-title", Static).content)
        assert "TELAAH" in nav
        await pilot.press("6")
        await settle(pilot)
        mode = str(app.screen.query_one("#review-mode", Static).content)
        assert "Sesi telaah" in mode
        await pilot.press("r")  # a review action is allowed
        await settle(pilot)
        assert threads.get_thread(session.store, 2).state == "resolved"
    session.close()


async def test_the_display_says_what_the_supervisor_wrote_on_a_cell(project):
    code_some(project)
    threads.comment(project, "cell", "factors:sarana:penghambat", "Perlu bukti dokumen")
    app = make_app(project)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3")
        await settle(pilot)
        screen = app.screen
        screen.action_show("factors")
        await settle(pilot)
        table = screen.table_view.table
        row = next(n for n, r in enumerate(table.rows) if r.key == "sarana")
        screen.table_view.move_cursor(row=row, column=table.column_index("penghambat"))
        await settle(pilot)
        assert "Perlu bukti dokumen" in screen.status.left_text
        screen.table_view.move_cursor(row=row, column=table.column_index("pendukung"))
        await settle(pilot)
        assert "Perlu bukti dokumen" not in screen.status.left_text


async def test_qualcode_review_opens_the_workbench_as_a_review_session(project_root):
    from qualcode.tui.app import QualcodeApp

    app = QualcodeApp(project_root, acting=Acting(name="Dr. Sari", review=True))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.project is not None and app.project.review_only
        assert app.project.user.coder == "Dr. Sari"
        assert "TELAAH" in str(app.screen.query_one("#nav-title", Static).content)

"""The workbench never closes a store under a thread still reading it (that crashed the process)."""

from __future__ import annotations

import threading
import time

import pytest

from .conftest import SIZE, code_some, make_app, settle

pytestmark = pytest.mark.anyio


async def test_quitting_while_a_display_is_built_waits_for_the_build(project, monkeypatch):
    import qualcode.core.displays as displays

    code_some(project)
    real_build = displays.build_display
    started = threading.Event()
    outcome: list[str] = []

    def slow_build(reader, kind, **options):
        started.set()
        time.sleep(0.5)  # the app quits meanwhile
        try:
            table = real_build(reader, kind, **options)  # reads the store
        except Exception as exc:  # a closed connection would fail (or crash) here
            outcome.append(f"{type(exc).__name__}: {exc}")
            raise
        outcome.append("read")
        return table

    monkeypatch.setattr(displays, "build_display", slow_build)
    app = make_app(project)
    app.stage_builder.warm_up = False
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("3")
        for _ in range(200):
            if started.is_set():
                break
            await pilot.pause(0.01)
        assert started.is_set()
        assert app.store_users.busy == 1
    # run_test has ended: the app unmounted and closed the project only after the build read
    assert outcome == ["read"]
    assert app.store_users.busy == 0

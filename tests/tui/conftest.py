"""A small project for TUI tests: three demo sources and the Kepmenpan codebook, built once per
session and copied for each test (so every test starts from the same store, fast)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from qualcode.core.project import Project, init_project
from qualcode.core.sources.importing import import_paths

DEMO = Path(__file__).resolve().parents[2] / "transcripts"
FILES = ("I4_petugas_loket_rina.txt", "I7_warga_sumarni.docx", "observasi_2026-03-16.md")
SIZE = (160, 45)


@pytest.fixture(scope="module")
def anyio_backend():
    """Pilot tests run on asyncio (Textual's loop) through anyio's pytest plugin."""
    return "asyncio"


@pytest.fixture(autouse=True)
def _user_settings(tmp_path, monkeypatch):
    """Each test gets its own (empty) user settings and a fixed coder name."""
    monkeypatch.setenv("QUALCODE_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("QUALCODE_CODER", "penguji")


@pytest.fixture(scope="session")
def template_root(tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("tui-template")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("QUALCODE_CONFIG_DIR", str(base / "config"))
        mp.setenv("QUALCODE_CODER", "penguji")
        root = init_project(base / "p", title="Proyek Uji TUI")
        for name in FILES:
            shutil.copy(DEMO / name, root / "transcripts" / name)
        with Project.open(root) as project:
            report = import_paths(project, [root / "transcripts"])
            assert not report.failed, report.failed
    return root


@pytest.fixture
def project_root(template_root, tmp_path) -> Path:
    root = tmp_path / "p"
    shutil.copytree(template_root, root, ignore=shutil.ignore_patterns("lock"))
    return root


@pytest.fixture
def project(project_root):
    opened = Project.open(project_root)
    yield opened
    opened.close()


def make_app(project):
    """The workbench on an open project (no loading screen), suggestions worker included."""
    from qualcode.tui.app import QualcodeApp

    return QualcodeApp(project.root, project=project)


async def settle(pilot, timeout: float = 30.0) -> None:
    """Let messages, workers (cancelled ones included) and their result messages all finish."""
    import time

    from textual.worker import WorkerCancelled, WorkerFailed

    deadline = time.monotonic() + timeout
    await pilot.pause()
    while time.monotonic() < deadline:
        try:
            await pilot.app.workers.wait_for_complete()
        except (WorkerCancelled, WorkerFailed):
            pass
        await pilot.pause()
        if not any(w.is_running for w in pilot.app.workers):
            break
    await pilot.pause()


def source_id(project, stem: str) -> int:
    """The id of the source imported from a file whose name starts with ``stem``."""
    from qualcode.core.store import sources as repo

    return next(
        s.id for s in repo.sources(project.store, with_text=False) if s.name.startswith(stem)
    )


def code_some(project) -> list:
    """Code a handful of sentences in each source with known codes, polarities and summaries."""
    from qualcode.core.coding.operations import add_coding
    from qualcode.core.store import sources as repo

    plan = [
        ("prosedur-persyaratan", "pendukung", "Persyaratan diumumkan di papan"),
        ("sarana-peralatan", "penghambat", "Komputer sering rusak"),
        ("waktu", "penghambat", "Antrean lama"),
    ]
    made = []
    for src in repo.sources(project.store, with_text=False):
        turns = {t.id: t for t in repo.turns(project.store, src.id)}
        sentences = [
            s
            for s in repo.sentences(project.store, src.id)
            if turns[s.turn_id].kind != "interviewer"
        ]
        for (code, polarity, summary), sentence in zip(plan, sentences[2::5], strict=False):
            made.append(
                add_coding(project, src.id, sentence.start, sentence.end, code, polarity, summary)
            )
    return made

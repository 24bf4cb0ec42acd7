"""Benchmark the workbench headless with Pilot: start-up and every keystroke action at scale.

Generates a project of 200 sources and 20,000 codings (one source is a 300,000-character
transcript) straight into the store — no spaCy, so generation takes seconds — then drives the
TUI with ``App.run_test`` and prints, per action, the median and 95th percentile of

* round trip: ``pilot.press(key)`` until the app is idle again (handler + message + refresh), and
* render: the action's handler plus rendering every visible transcript line from a cold cache
  (what a keystroke costs on screen, without Pilot's scheduling).

Start-up and first visits are timed to the first frame that shows the stage with its data
(Textual renders every frame headless too; the figure ends when that frame is handed to the
driver). Two more projects give the first screen at ``--many`` sources and the very first open:
the demo's transcripts without a store, timed to the first frame and to the stage being usable.

Run: ``python benchmarks/bench_tui.py [--sources 200] [--codings 20000] [--big 300000]
[--many 2000]``. Prints figures and ratios; asserts nothing about time.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import json
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

WORDS = (
    "pelayanan di kantor kecamatan sudah cukup baik tetapi komputernya sering rusak dan antrean "
    "panjang sekali petugas ramah warga menunggu lama persyaratan jelas biaya tidak ada pungutan "
    "jaringan internet lambat blanko habis formulir tersedia jadwal camat sering rapat ke kabupaten"
).split()
SIZE = (160, 45)
DEMO = Path(__file__).resolve().parent.parent  # the repository root is the demo project


# -- generating the store -------------------------------------------------------------------
def _sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(6, 22))]
    return " ".join(words).capitalize() + "."


def _transcript(rng: random.Random, chars: int) -> tuple[str, list, list]:
    """Return text, turns (speaker, kind, start, end, ts) and sentences (turn, start, end)."""
    parts: list[str] = []
    turns: list[tuple] = []
    sentences: list[tuple] = []
    pos = 0
    n = 0
    while pos < chars:
        interviewer = n % 2 == 0
        count = rng.randint(1, 2) if interviewer else rng.randint(3, 10)
        start = pos
        for k in range(count):
            s = _sentence(rng)
            if k:
                parts.append(" ")
                pos += 1
            sentences.append((n, pos, pos + len(s)))
            parts.append(s)
            pos += len(s)
        turns.append(
            (
                "Peneliti" if interviewer else "Informan",
                "interviewer" if interviewer else "informant",
                start,
                pos,
                None,
            )
        )
        parts.append("\n\n")
        pos += 2
        n += 1
    return "".join(parts), turns, sentences


def build_project(root: Path, n_sources: int, n_codings: int, big_chars: int) -> dict:
    """Write a project with generated sources and codings through the core's store API."""
    from qualcode.core.coding.operations import NewCoding, add_codings
    from qualcode.core.project import Project, init_project
    from qualcode.core.store import sources as repo

    init_project(root, title="Benchmark 200 sumber")
    rng = random.Random(7)
    info: dict = {"big": None, "short": None}
    with Project.open(root) as project:
        codebook = project.codebook
        codes = [c.id for c in codebook.all_codes() if c.kind != "effort_category"]
        per_source = n_codings // n_sources
        t0 = time.perf_counter()
        for i in range(n_sources):
            chars = big_chars if i == 0 else rng.randint(6000, 10000)
            text, turns, sentences = _transcript(rng, chars)
            code = f"I{i + 1}"
            with project.store.transaction("source.import", f"bench {code}", kind="info") as tx:
                informant = repo.ensure_informant(
                    tx,
                    code,
                    {
                        "role": "Warga" if i % 3 else "Petugas",
                        "grp": "masyarakat" if i % 3 else "aparatur",
                        "category": "utama",
                    },
                    {},
                )
                sid = repo.insert_source(
                    tx,
                    {
                        "path": f"transcripts/{code}.txt",
                        "name": f"{code}_bench",
                        "sha256": hashlib.sha256(text.encode()).hexdigest(),
                        "technique": "wawancara",
                        "informant_id": informant,
                        "date": None,
                        "title": None,
                        "encoding": "utf-8",
                        "text": text,
                        "warnings": json.dumps([]),
                    },
                )
                repo.insert_structure(tx, sid, turns, sentences)
            codable = [s for s in sentences if turns[s[0]][1] == "informant"]
            # Sentences are coded once or twice (distinct codes) until the source has its share;
            # every other sentence stays uncoded so there is always somewhere to code.
            chosen: dict[tuple[int, int, str], None] = {}
            spare = codable[::2] if len(codable) > 4 else codable
            while len(chosen) < min(per_source, 3 * len(spare)):
                s = rng.choice(spare)
                chosen.setdefault((s[1], s[2], rng.choice(codes)), None)
            polarities = ("pendukung", "penghambat", "netral")
            items = [
                NewCoding(sid, a, b, code_id, rng.choice(polarities), f"ringkasan {k}")
                for k, (a, b, code_id) in enumerate(chosen)
            ]
            add_codings(project, items, description=f"bench codings {code}")
            if i == 0:
                info["big"] = sid
            if i == 1:
                info["short"] = sid
        info["generate_s"] = time.perf_counter() - t0
        info["counts"] = repo.counts(project.store)
    return info


# -- measuring ------------------------------------------------------------------------------
def _summary(samples: list[float]) -> str:
    ms = sorted(s * 1000 for s in samples)
    p95 = ms[min(len(ms) - 1, int(round(0.95 * (len(ms) - 1))))]
    return f"median {statistics.median(ms):6.1f} ms   p95 {p95:6.1f} ms   (n={len(ms)})"


async def _wait(pilot, predicate, timeout: float = 60.0) -> float:
    t0 = time.perf_counter()
    while not predicate():
        if time.perf_counter() - t0 > timeout:
            raise TimeoutError("benchmark step did not finish")
        await pilot.pause(0.001)
    return time.perf_counter() - t0


class Frames:
    """Note when a frame is drawn while ``watch`` holds: what the user would see at that moment.

    Wraps the app's ``_display`` (where every compositor update goes, headless or not): the
    condition is checked right after the frame it is drawn in, so a stage counts as shown only
    once a frame with its data has been rendered.
    """

    def __init__(self, app) -> None:
        self.app = app
        self.watch = None
        self.hit: float | None = None
        self._display = app._display
        app._display = self._on_display

    def _on_display(self, screen, update) -> None:
        self._display(screen, update)
        if self.hit is None and self.watch is not None and update is not None:
            if not self.app._batch_count and screen is self.app.screen and self.watch():
                self.hit = time.perf_counter()

    async def until(self, pilot, t0: float, timeout: float = 60.0) -> float:
        """Wait for a frame drawn while the armed condition holds; return seconds since ``t0``."""
        await _wait(pilot, lambda: self.hit is not None, timeout)
        return self.hit - t0

    def arm(self, predicate) -> None:
        """Watch for ``predicate`` from now on (call before the key that should show it)."""
        self.hit = None
        self.watch = predicate


def _sources_shown(app) -> bool:
    return app.current_mode == "sources" and any(
        table.row_count > 0 for table in app.screen.query("#sources-table")
    )


async def _idle_workers(pilot) -> None:
    from textual.worker import WorkerCancelled, WorkerFailed

    while any(w.is_running for w in pilot.app.workers):
        try:
            await pilot.app.workers.wait_for_complete()
        except (WorkerCancelled, WorkerFailed):
            pass
        await pilot.pause()


def _render_visible(view) -> None:
    view._cache.clear()
    for y in range(view.size.height):
        view.render_line(y)


async def _key(pilot, key: str, view) -> float:
    """Send one key; wait until every widget has handled its messages; draw the visible lines.

    Pilot's own ``press`` also waits for the process to look idle (a wall-clock heuristic of
    ~100 ms); this measures the work instead: handlers, messages, and the lines to redraw
    (cached lines are reused, as Textual's next frame would).
    """
    from textual import events

    t0 = time.perf_counter()
    pilot.app._driver.send_message(events.Key(key, key if len(key) == 1 else None))
    waiter = getattr(pilot, "_wait_for_screen", None)
    await (waiter() if waiter else pilot.pause())
    if view is not None:
        for y in range(view.size.height):
            view.render_line(y)
    return time.perf_counter() - t0


async def _press(pilot, key: str, n: int, view) -> list[float]:
    return [await _key(pilot, key, view) for _ in range(n)]


def _handler(view, action, n: int) -> list[float]:
    samples = []
    for _ in range(n):
        t0 = time.perf_counter()
        action()
        _render_visible(view)
        samples.append(time.perf_counter() - t0)
    return samples


STAGE_VISITS = (
    ("2", "coding", "transcript drawn"),
    ("3", "display", "informant × dimension drawn"),
    ("4", "conclusions", "tables drawn"),
    ("5", "export", "lists drawn"),
)


async def _visit(pilot, frames: Frames, number: str, mode: str) -> float:
    """Press a stage's key; seconds until a frame shows the stage with its data."""
    app = pilot.app
    frames.arm(lambda: app.current_mode == mode and STAGE_READY[mode](app.screen))
    t0 = time.perf_counter()
    await pilot.press(number)
    shown = await frames.until(pilot, t0)
    await _idle_workers(pilot)
    return shown


async def measure(root: Path, info: dict, repeat: int) -> dict[str, str]:
    from qualcode.tui.app import QualcodeApp

    results: dict[str, str] = {}
    app = QualcodeApp(root, suggestions=False)  # no spaCy: the suggestion feed stays off
    frames = Frames(app)
    frames.arm(lambda: _sources_shown(app))
    t0 = time.perf_counter()
    async with app.run_test(size=SIZE) as pilot:
        shown = await frames.until(pilot, t0)
        results["startup (open project → sources screen drawn)"] = f"{shown * 1000:6.1f} ms"
        await pilot.pause(0.5)  # what a student does first: look at the screen
        await _idle_workers(pilot)
        results["settled (the other stages built in the background)"] = (
            f"{(time.perf_counter() - t0) * 1000:6.1f} ms"
        )
        baseline = await _press(pilot, "f12", repeat, None)
        results["baseline: an unbound key (message plumbing only)"] = _summary(baseline)
        for number, mode, what in STAGE_VISITS:
            shown = await _visit(pilot, frames, number, mode)
            results[f"first visit: {mode} stage ({what})"] = f"{shown * 1000:6.1f} ms"

        await pilot.press("2")
        coding = app.get_screen_for_mode("coding")
        await _idle_workers(pilot)
        view = coding.view

        for label, sid in (("short", info["short"]), ("big 300k", info["big"])):
            t2 = time.perf_counter()
            coding.open_source(sid)
            _render_visible(view)
            results[f"[{label}] open source (load + layout + render)"] = (
                f"{(time.perf_counter() - t2) * 1000:6.1f} ms"
            )
            await pilot.pause()
            results[f"[{label}] move cursor j — round trip"] = _summary(
                await _press(pilot, "j", repeat, view)
            )
            results[f"[{label}] move cursor — handler+render"] = _summary(
                _handler(view, lambda: view.action_move(1), repeat)
            )
            results[f"[{label}] scroll page down — round trip"] = _summary(
                await _press(pilot, "pagedown", repeat, view)
            )
            results[f"[{label}] scroll page — handler+render"] = _summary(
                _handler(view, lambda: view.action_page(1), repeat)
            )
            view.action_edge(0)
            await pilot.pause()
            code_rt, pol_rt, undo_rt = [], [], []
            model = view.model
            free = [pos for pos in range(len(model.codable)) if model.uncoded(pos)]
            for pos in free[: max(1, repeat // 2)]:
                view._set_cursor(pos, pos)
                await pilot.pause()
                code_rt.append(await _key(pilot, "space", view))
                pol_rt.append(await _key(pilot, "p", view))
                undo_rt.append(await _key(pilot, "u", view))
                await _key(pilot, "u", view)  # leave the store as generated
            results[f"[{label}] code sentence (space) — round trip"] = _summary(code_rt)
            results[f"[{label}] toggle polarity (p) — round trip"] = _summary(pol_rt)
            results[f"[{label}] undo (u) — round trip"] = _summary(undo_rt)

        await pilot.press("3")
        await _idle_workers(pilot)  # the codings changed: the display is built again
        display = app.get_screen_for_mode("display")
        samples = []
        for _ in range(3):
            t5 = time.perf_counter()
            display.kind = None
            display.action_show("factors")
            await _wait(
                pilot,
                lambda: (
                    display.table_view.table is not None
                    and display.table_view.table.kind == "factors"
                ),
            )
            samples.append(time.perf_counter() - t5)
            display.action_show("informant-dimension")
            await _wait(pilot, lambda: display.table_view.table.kind == "informant-dimension")
        results["open a display (factor matrix, build in worker + render)"] = _summary(samples)
        await _idle_workers(pilot)
        frames.arm(lambda: _sources_shown(app))
        t7 = time.perf_counter()
        await pilot.press("1")
        shown = await frames.until(pilot, t7)
        results["return visit: sources stage (after coding)"] = f"{shown * 1000:6.1f} ms"
    return results


async def measure_keys_at_once(root: Path) -> dict[str, str]:
    """First visits with no warm-up (a student who presses 2 at once): each stage is built on
    its key."""
    from qualcode.tui.app import QualcodeApp

    results: dict[str, str] = {}
    app = QualcodeApp(root, suggestions=False, warm_up=False)
    frames = Frames(app)
    frames.arm(lambda: _sources_shown(app))
    async with app.run_test(size=SIZE) as pilot:
        await frames.until(pilot, time.perf_counter())
        await _idle_workers(pilot)
        for number, mode, _what in STAGE_VISITS:
            shown = await _visit(pilot, frames, number, mode)
            results[f"first visit, built on its key: {mode}"] = f"{shown * 1000:6.1f} ms"
    return results


def _conclusions_shown(screen) -> bool:
    return any(table.table is not None for table in screen.query("#conclusion-table"))


def _export_shown(screen) -> bool:
    return any(checks.option_count > 0 for checks in screen.query("#export-tables"))


STAGE_READY = {
    "coding": lambda screen: screen.view.model is not None,
    "display": lambda screen: screen.table_view.table is not None,
    "conclusions": _conclusions_shown,
    "export": _export_shown,
}


async def measure_first_screen(root: Path) -> float:
    """Seconds from starting the app on ``root`` to the sources screen drawn with its rows."""
    from qualcode.tui.app import QualcodeApp

    app = QualcodeApp(root, suggestions=False)
    frames = Frames(app)
    frames.arm(lambda: _sources_shown(app))
    t0 = time.perf_counter()
    async with app.run_test(size=SIZE) as pilot:
        return await frames.until(pilot, t0)


async def measure_first_open(root: Path) -> tuple[float, float]:
    """On a project with transcripts but no store: seconds to the first frame, and to the
    sources stage drawn with its rows (the store built meanwhile, with a progress bar)."""
    from qualcode.tui.app import QualcodeApp
    from qualcode.tui.screens.loading import LoadingScreen

    app = QualcodeApp(root, suggestions=False)
    frames = Frames(app)
    frames.arm(lambda: isinstance(app.screen, LoadingScreen) and app.screen.is_mounted)
    t0 = time.perf_counter()
    async with app.run_test(size=SIZE) as pilot:
        painted = await frames.until(pilot, t0)
        frames.arm(lambda: _sources_shown(app))
        usable = await frames.until(pilot, t0)
    return painted, usable


def _demo_copy(root: Path) -> Path:
    """Copy the demo project's own files (no ``.qualcode/`` store) to ``root``."""
    import shutil

    root.mkdir()
    for name in ("transcripts", "codebooks"):
        shutil.copytree(DEMO / name, root / name)
    for name in ("qualcode.yaml", "codings.yaml"):
        shutil.copy2(DEMO / name, root / name)
    return root


def _run(measurement, *args):
    return asyncio.run(measurement(*args))


def _fresh(measurement, *args):
    """Run an async measurement in a new process: each start-up figure is a student's first
    start of the day (an app run before leaves caches and garbage that slow the next by ~20 %)."""
    import multiprocessing

    with multiprocessing.get_context("spawn").Pool(1) as pool:
        return pool.apply(_run, (measurement, *args))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sources", type=int, default=200)
    parser.add_argument("--codings", type=int, default=20_000)
    parser.add_argument("--big", type=int, default=300_000)
    parser.add_argument("--repeat", type=int, default=40)
    parser.add_argument(
        "--many", type=int, default=2000, help="sources for the first-screen figure (0: skip)"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        os.environ.setdefault("QUALCODE_CONFIG_DIR", str(Path(tmp) / "config"))
        root = Path(tmp) / "bench"
        info = build_project(root, args.sources, args.codings, args.big)
        counts = info["counts"]
        print(
            f"store: {counts['sources']} sources, {counts['codings']} codings, "
            f"{counts['sentences']} sentences (generated in {info['generate_s']:.1f} s)"
        )
        results = _fresh(measure, root, info, args.repeat)
        results.update(_fresh(measure_keys_at_once, root))
        painted, usable = _fresh(measure_first_open, _demo_copy(Path(tmp) / "first"))
        results["very first open (no store): first frame"] = f"{painted * 1000:6.1f} ms"
        results["very first open (no store): sources stage drawn"] = f"{usable * 1000:6.1f} ms"
        if args.many:
            many = Path(tmp) / "many"
            build_project(many, args.many, 10 * args.many, 8000)
            shown = _fresh(measure_first_screen, many)
            results[f"startup at {args.many} sources (sources screen drawn)"] = (
                f"{shown * 1000:6.1f} ms"
            )
    width = max(len(k) for k in results)
    for name, figure in results.items():
        print(f"{name:<{width}}  {figure}")
    short = {k.split("] ", 1)[1]: v for k, v in results.items() if k.startswith("[short]")}
    big = {k.split("] ", 1)[1]: v for k, v in results.items() if k.startswith("[big 300k]")}
    print("\nratio 300k-char transcript / short transcript (median):")
    for name in short:
        if name in big and "median" in short[name]:
            a = float(short[name].split()[1])
            b = float(big[name].split()[1])
            print(f"  {name:<40} {b / a if a else float('nan'):5.2f}")


if __name__ == "__main__":
    main()

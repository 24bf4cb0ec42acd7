"""Benchmark: the supervisor's review round trip and the HTML evidence report.

Run as ``python benchmarks/bench_review.py [--comments N] [--codings N] [--sources N]``.

1. Word round trip on the bundled demo: export its DOCX, comment N cells and statements spread
   over every table (python-docx's comments API, what Word writes), then time
   ``qualcode review import`` of that file (goal: 200 comments under 1 s, 100 % placed on the
   target their bookmark stands for) and the idempotent second import.
2. The HTML report at 200 sources / 20,000 codings (the generator of ``bench_displays.py``):
   build + write (goal under 2 s), then open it in headless chromium until its script has run,
   and click a cell (goal under 3 s).
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_displays import make  # noqa: E402

from qualcode.core.project import Project  # noqa: E402
from qualcode.core.review.anchors import PREFIX, base_name  # noqa: E402
from qualcode.core.review.docx_comments import import_docx, project_anchors  # noqa: E402
from qualcode.core.store.review_sql import list_threads  # noqa: E402
from qualcode.export.common import ExportOptions  # noqa: E402
from qualcode.export.project import anchor_tables, export_displays  # noqa: E402

IMPORT_GOAL_S = 1.0
HTML_WRITE_GOAL_S = 2.0
HTML_OPEN_GOAL_S = 3.0
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def demo_copy(target: Path) -> Path:
    """Copy the bundled demo (transcripts, codebooks, settings, codings file) to ``target``."""
    target.mkdir(parents=True)
    for name in ("transcripts", "codebooks"):
        shutil.copytree(ROOT / name, target / name)
    for name in ("qualcode.yaml", "codings.yaml"):
        shutil.copy(ROOT / name, target / name)
    return target


def comment_docx(path: Path, wanted: int) -> list[str]:
    """Comment ``wanted`` bookmarked paragraphs spread over the document; return the bookmark
    each comment was made in (the innermost one, as the importer must find it)."""
    import docx

    document = docx.Document(path)
    spots = []
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                for p in cell.paragraphs:
                    marks = [b.get(f"{W}name", "") for b in p._p.iter(f"{W}bookmarkStart")]
                    ours = [m for m in marks if m.startswith(PREFIX)]
                    if ours and p.runs and (p._p, ours[-1]) not in spots:
                        spots.append((p, ours[-1]))
    step = max(1, len(spots) // wanted)
    chosen = spots[::step][:wanted]
    for n, (p, _mark) in enumerate(chosen):
        document.add_comment(p.runs, f"Komentar pembimbing nomor {n + 1}", author="Dr. Sari")
    document.save(path)
    return [mark for _p, mark in chosen]


def bench_import(tmp: Path, wanted: int) -> None:
    started = time.perf_counter()
    root = demo_copy(tmp / "demo")
    project = Project.open(root)
    codings = project.store.scalar("SELECT count(*) FROM codings")
    print(f"demo: {codings} codings (store built in {time.perf_counter() - started:.1f} s)")
    result = export_displays(project, "docx", None, ExportOptions(), out=tmp / "bab4.docx")
    path = result.written[0].path
    marks = comment_docx(path, wanted)
    print(f"DOCX: {path.stat().st_size / 1e3:.0f} kB, {len(marks)} comments on bookmarked text")
    start = time.perf_counter()
    report = import_docx(project, path, lambda: anchor_tables(project))
    import_s = time.perf_counter() - start
    anchors = project_anchors(project, anchor_tables(project))
    expected = sorted((anchors[base_name(m)].kind, anchors[base_name(m)].target) for m in marks)
    got = sorted((th.target_kind, th.target) for th in list_threads(project.store))
    placed = len(report.placed)
    right = sum(1 for a, b in zip(expected, got, strict=False) if a == b)
    print(
        f"import: {import_s:.3f} s for {len(marks)} comments"
        f"   ratio {import_s / IMPORT_GOAL_S:.2f} of the {IMPORT_GOAL_S:.0f} s goal"
    )
    print(
        f"placed: {placed}/{len(marks)} ({100 * placed / len(marks):.0f} %), "
        f"on the bookmark's own target: {right}/{len(marks)}, unplaced: {len(report.unplaced)}"
    )
    start = time.perf_counter()
    again = import_docx(project, path, lambda: anchor_tables(project))
    print(
        f"second import: {time.perf_counter() - start:.3f} s, added {again.total}, "
        f"recognised {again.already}"
    )
    project.close()


def bench_html(tmp: Path, sources: int, codings: int) -> None:
    started = time.perf_counter()
    project = make(tmp / "big", sources, codings)
    total = project.store.scalar("SELECT count(*) FROM codings")
    built_s = time.perf_counter() - started
    print(f"\nstore: {sources} sources, {total} codings (built in {built_s:.1f} s)")
    start = time.perf_counter()
    result = export_displays(project, "html", None, ExportOptions(), out=tmp / "laporan.html")
    write_s = time.perf_counter() - start
    path = result.written[0].path
    print(
        f"HTML build + write: {write_s:.2f} s, {path.stat().st_size / 1e6:.1f} MB"
        f"   ratio {write_s / HTML_WRITE_GOAL_S:.2f} of the {HTML_WRITE_GOAL_S:.0f} s goal"
    )
    project.close()
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        print("chromium not installed: opening not measured (apt-get install -y chromium)")
        return
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, headless=True)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        start = time.perf_counter()
        page.goto(path.as_uri(), wait_until="load")
        loaded_s = time.perf_counter() - start
        cell = page.locator("td[data-k^='factors|']").first
        cell.click()
        page.locator("tr.qc-panel").wait_for()
        open_s = time.perf_counter() - start
        quotes = page.locator("tr.qc-panel .quote").count()
        start = time.perf_counter()
        more = page.locator("tr.qc-panel button.more")
        if more.count():  # only a cell with more quotes than one page shows has the button
            more.click()
        every = page.locator("tr.qc-panel .quote").count()
        more_s = time.perf_counter() - start
        browser.close()
    print(
        f"chromium: loaded in {loaded_s:.2f} s, first cell open ({quotes} quotes shown) at "
        f"{open_s:.2f} s   ratio {open_s / HTML_OPEN_GOAL_S:.2f} "
        f"of the {HTML_OPEN_GOAL_S:.0f} s goal"
    )
    print(f"  'show all' to {every} quotes: {more_s:.2f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--comments", type=int, default=200)
    parser.add_argument("--sources", type=int, default=200)
    parser.add_argument("--codings", type=int, default=20_000)
    args = parser.parse_args()
    os.environ.setdefault("QUALCODE_CODER", "bench")
    tmp = Path(tempfile.mkdtemp(prefix="qualcode-bench-review-"))
    os.environ["QUALCODE_CONFIG_DIR"] = str(tmp / "config")
    try:
        bench_import(tmp, args.comments)
        bench_html(tmp, args.sources, args.codings)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()

"""The HTML evidence report, opened in a real browser (Debian's chromium, headless, Playwright):
one self-contained file; clicking a cell shows its quotes; conclusions, flags and reviews."""

from __future__ import annotations

import os
import re
import shutil
from html import escape
from pathlib import Path

import pytest

from qualcode.core.review import threads
from qualcode.export.common import ExportOptions
from qualcode.export.project import export_displays
from tests.core.displays import fixture as mini

built = mini.built
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
SHOTS = Path(os.environ.get("QUALCODE_SHOTS", "")) if os.environ.get("QUALCODE_SHOTS") else None


def _report(project, tmp_path) -> Path:
    result = export_displays(project, "html", None, ExportOptions(), out=tmp_path / "laporan")
    return result.written[0].path


def test_the_report_is_one_self_contained_file_in_indonesian(built, tmp_path):
    threads.comment(built.project, "cell", "factors:sarana:penghambat", "Sel ini tipis")
    path = _report(built.project, tmp_path)
    assert path.name == "laporan.html"
    html = path.read_text(encoding="utf-8")
    assert html.startswith('<!DOCTYPE html><html lang="id">')
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", html)  # nothing from the network
    assert "<link" not in html and "<script src" not in html
    assert "Kesimpulan dan verifikasi" in html and "Telaah pembimbing" in html
    assert "Sel ini tipis" in html
    from qualcode.core.displays import build_display

    factors = build_display(built.project, "factors").cell("sarana", "penghambat")
    assert all(escape(line) in html for line in factors.text.split("\n"))


@pytest.fixture
def browser():
    if CHROMIUM is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is missing in CI: .ci/run installs it (apt-get install chromium)")
        pytest.skip("chromium is not installed (apt-get install -y chromium); CI installs it")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True)
        yield browser
        browser.close()


def test_clicking_a_cell_shows_its_quotes_in_chromium(built, tmp_path, browser):
    project = built.project
    threads.revise(project, "conclusion", "sarana", "Perkuat dengan dokumen")
    threads.comment(project, "cell", "factors:sarana:penghambat", "Sel ini tipis")
    path = _report(project, tmp_path)
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(path.as_uri())
    cell = page.locator('td[data-k="factors|sarana|penghambat"]')
    cell.click()
    panel = page.locator("tr.qc-panel")
    panel.wait_for()
    text = panel.inner_text()
    assert "I2 (Petugas loket)" in text  # informant and role
    assert "giliran" in text and "I2.txt" in text  # source and position
    assert "Sel ini tipis" in text  # the review thread on that cell
    assert "8 kutipan" in text
    panel.scroll_into_view_if_needed()
    shot = page.screenshot(full_page=False)
    assert len(shot) > 20_000 and shot[:8] == b"\x89PNG\r\n\x1a\n"
    if SHOTS:
        SHOTS.mkdir(parents=True, exist_ok=True)
        (SHOTS / "cell-open.png").write_bytes(shot)
        page.locator("#kesimpulan").scroll_into_view_if_needed()
        page.locator("#kesimpulan details").first.click()
        (SHOTS / "conclusions.png").write_bytes(page.screenshot())
    cell.click()  # a second click closes it
    assert page.locator("tr.qc-panel").count() == 0
    assert errors == []

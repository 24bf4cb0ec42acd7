"""Word round trip: bookmarks on every exported cell and statement; comments made in Word (via
python-docx's comments API) or LibreOffice come back as threads on their targets."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from qualcode.core.review import threads
from qualcode.core.review.anchors import anchor_key, base_name, bookmark_name
from qualcode.core.review.docx_comments import import_docx, project_anchors, read_comments
from qualcode.core.review.targets import cell_key
from qualcode.core.table import Column, Table
from qualcode.export.common import ExportOptions
from qualcode.export.project import anchor_tables, export_displays
from tests.core.displays import fixture as mini
from tests.core.review.docx_fixtures import W, add_replies, bookmarks, paragraphs_in

built = mini.built
FIXTURES = Path(__file__).parent / "fixtures"


def _export(project, tmp_path) -> Path:
    result = export_displays(project, "docx", None, ExportOptions(), out=tmp_path / "bab4.docx")
    return result.written[0].path


def _key(kind: str, row: str, column: str) -> str:
    return bookmark_name(anchor_key(Table(kind, "", (Column(column, ""),), ()), row, column))


def test_every_cell_and_statement_carries_a_bookmark_that_maps_back(built, tmp_path):
    project = built.project
    document = docx.Document(_export(project, tmp_path))
    names = bookmarks(document)
    anchors = project_anchors(project, anchor_tables(project))
    assert len(names) > 100
    assert len(set(names)) == len(names)  # unique in the document
    # every one maps back to a target (a row split across pages: its parts to the same one)
    assert {base_name(n) for n in names} <= set(anchors)
    assert anchors[_key("conclusions", "sarana", "statement")].kind == "conclusion"
    assert anchors[_key("factors", "sarana", "penghambat")].target == cell_key(
        "factors", "sarana", "penghambat"
    )


def test_comments_made_in_word_land_on_their_targets(built, tmp_path):
    project = built.project
    path = _export(project, tmp_path)
    document = docx.Document(path)
    factors = _key("factors", "sarana", "penghambat")
    [cell_paragraph, *_] = paragraphs_in(document, factors)
    conclusion = paragraphs_in(document, _key("conclusions", "sikap", "statement"))[0]
    quote_cells = [
        n for n, a in project_anchors(project, anchor_tables(project)).items() if a.kind == "coding"
    ]
    quote = next(p for n in quote_cells for p in paragraphs_in(document, n) if p.runs)
    caption = next(p for p in document.paragraphs if p.text.startswith("Tabel"))
    document.add_comment(cell_paragraph.runs, "Pernyataan ini kurang jelas", author="Dr. Sari")
    document.add_comment(conclusion.runs, "Kesimpulan terlalu kuat", author="Dr. Sari")
    document.add_comment(quote.runs, "Kutipan ini cocok", author="Dr. Sari")
    document.add_comment(caption.runs, "Judul tabel diperbaiki", author="Dr. Sari")
    document.add_comment(conclusion.runs, "Sudah saya lunakkan", author="Nadia")
    document.save(path)
    add_replies(path, {4: 1})

    report = import_docx(project, path, lambda: anchor_tables(project))
    placed = {c.text: label for c, label in report.placed}
    assert set(placed) == {
        "Pernyataan ini kurang jelas",
        "Kesimpulan terlalu kuat",
        "Kutipan ini cocok",
    }
    assert placed["Kesimpulan terlalu kuat"] == "kesimpulan sikap"
    assert [c.text for c in report.unplaced] == ["Judul tabel diperbaiki"]
    assert [c.text for c in report.replies] == ["Sudah saya lunakkan"]
    on_cell = threads.list_threads(project.store, target_kind="cell")
    assert on_cell[0].target == "factors|sarana|penghambat"
    # The innermost bookmark is the statement's (the cell lists several): its words are the
    # thread's anchor.
    starts = [b.get(f"{W}name") for b in cell_paragraph._p.iter(f"{W}bookmarkStart")]
    assert len(starts) == 2 and factors in starts  # the cell's, and its first statement's
    assert on_cell[0].anchor == cell_paragraph.text.strip()
    [on_conclusion] = threads.list_threads(project.store, target_kind="conclusion")
    assert on_conclusion.state == "answered"
    assert [m.body for m in on_conclusion.messages] == [
        "Kesimpulan terlalu kuat",
        "Sudah saya lunakkan",
    ]
    assert on_conclusion.messages[0].author == "Dr. Sari"
    [on_coding] = threads.list_threads(project.store, target_kind="coding")
    assert on_coding.anchor == quote.text.strip()
    [unplaced] = threads.list_threads(project.store, target_kind="project")
    assert unplaced.anchor.startswith("Tabel")
    again = import_docx(project, path, lambda: anchor_tables(project))  # idempotent
    assert (again.total, again.already) == (0, 5)
    assert len(threads.list_threads(project.store)) == 4


def test_a_docx_saved_by_libreoffice(built):
    """The fixture was made with ``soffice --headless --convert-to docx`` from a flat ODT with
    annotations on bookmarked cells (tests/core/review/fixtures/make_libreoffice_fixture.py)."""
    project = built.project
    comments = read_comments(FIXTURES / "libreoffice-comments.docx")
    assert {c.author for c in comments} == {"Dr. Sari"}
    report = import_docx(project, FIXTURES / "libreoffice-comments.docx")
    placed = {c.text: label for c, label in report.placed}
    assert placed["Kesimpulan ini perlu bukti dokumen"] == "kesimpulan sarana"
    # The factors cell stands for one coding: the comment goes to that coding.
    [on_coding] = threads.list_threads(project.store, target_kind="coding")
    assert on_coding.messages[0].body == "Apakah ini didukung observasi?"
    assert on_coding.anchor == "Ruang tunggu sudah diperluas (I1)"
    assert on_coding.created_at == "2026-12-01T09:05:00+00:00"
    assert [c.text for c in report.unplaced] == ["Catatan umum di luar tabel"]
    assert import_docx(project, FIXTURES / "libreoffice-comments.docx").total == 0


def test_a_file_that_is_not_a_docx_is_refused(built, tmp_path):
    bad = tmp_path / "x.docx"
    bad.write_text("bukan zip", encoding="utf-8")
    with pytest.raises(Exception, match="bukan dokumen Word"):
        import_docx(built.project, bad)

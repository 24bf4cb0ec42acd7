"""Shared fixtures: one warm sentence segmenter, spaCy's own pipeline, and file builders."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from qualcode.core.ingest.sentences import SentenceSegmenter
from qualcode.core.ingest.spacy_rules import reference_spans, sentence_pipeline


@pytest.fixture(scope="session")
def segmenter() -> SentenceSegmenter:
    """One segmenter for the session (the shipped rules load once)."""
    return SentenceSegmenter()


@pytest.fixture(scope="session")
def spacy_nlp():
    """spaCy's own pipeline (blank Indonesian + sentencizer + abbreviations): the yardstick."""
    return sentence_pipeline()


@pytest.fixture(scope="session")
def reference(spacy_nlp) -> Callable[[str], list[tuple[int, int]]]:
    """Trimmed sentence spans of a text from spaCy's own tokenizer and sentencizer."""
    return lambda text: reference_spans(spacy_nlp, text)


@pytest.fixture
def write_text(tmp_path: Path) -> Callable[..., Path]:
    """Write text to tmp_path/name in an encoding, optionally with a BOM and CRLF line ends."""

    def write(
        name: str, text: str, *, encoding: str = "utf-8", crlf: bool = False, bom: bool = False
    ) -> Path:
        if crlf:
            text = text.replace("\n", "\r\n")
        data = text.encode(encoding)
        if bom:
            data = b"\xef\xbb\xbf" + data
        path = tmp_path / name
        path.write_bytes(data)
        return path

    return write


@pytest.fixture
def make_docx(tmp_path: Path) -> Callable[..., Path]:
    """Build a .docx with python-docx: title, identity table, bold-label turns, extras."""

    def make(
        name: str = "I3_kasi.docx",
        *,
        title: str | None = "TRANSKRIP WAWANCARA",
        identity: list[tuple[str, str]] | None = None,
        turns: list[tuple[str, str]] | None = None,
        colon_in_bold: bool = True,
        timestamps: list[str] | None = None,
        table: list[list[str]] | None = None,
        heading: str | None = None,
        plain: list[str] | None = None,
    ) -> Path:
        from docx import Document

        document = Document()
        if title:
            document.add_paragraph(title)
        if identity:
            grid = document.add_table(rows=0, cols=2)
            for key, value in identity:
                cells = grid.add_row().cells
                cells[0].text, cells[1].text = key, value
        if heading:
            document.add_heading(heading, level=1)
        if table:
            grid = document.add_table(rows=0, cols=len(table[0]))
            for row in table:
                for cell, value in zip(grid.add_row().cells, row, strict=True):
                    cell.text = value
        for number, (label, text) in enumerate(turns or []):
            paragraph = document.add_paragraph()
            if timestamps:
                paragraph.add_run(f"[{timestamps[number]}] ")
            if colon_in_bold:
                paragraph.add_run(f"{label}:").bold = True
                paragraph.add_run(f" {text}")
            else:
                paragraph.add_run(label).bold = True
                paragraph.add_run(f": {text}")
        for text in plain or []:
            document.add_paragraph(text)
        path = tmp_path / name
        document.save(str(path))
        return path

    return make

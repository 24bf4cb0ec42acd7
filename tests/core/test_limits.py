"""Bounded resources for every reader: aliases refused, nesting bounded, sizes capped, .docx
parts counted against one budget; each hostile input is refused quickly, naming the file."""

from __future__ import annotations

import io
import time
import zipfile
from pathlib import Path

import pytest

from qualcode.core import limits
from qualcode.core.codebook.model import load_codebook
from qualcode.core.codings_file.io import read_snapshot
from qualcode.core.ingest.parse import parse_file
from qualcode.errors import (
    CodebookError,
    CodingError,
    IngestError,
    InputLimitError,
    ProjectError,
    QualcodeError,
)
from qualcode.settings import load_project_settings
from tests.core.codebook_fixtures import MINI

LAUGHS = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + n)}: &{chr(98 + n)} [{', '.join(['*' + chr(97 + n)] * 9)}]\n" for n in range(8)
)
DEEP = "[" * 50_000 + "]" * 50_000
CODINGS_HEAD = "format: qualcode-codings\nversion: 1\n"


def refused_quickly(func, *args, error=QualcodeError) -> QualcodeError:
    started = time.perf_counter()
    with pytest.raises(error) as info:
        func(*args)
    assert time.perf_counter() - started < 10
    return info.value


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("body", [LAUGHS, DEEP], ids=["aliases", "deep nesting"])
def test_a_hostile_codebook_is_refused_with_its_line(tmp_path, body):
    error = refused_quickly(load_codebook, write(tmp_path / "cb.yaml", body), error=CodebookError)
    assert any(p.startswith(f"{tmp_path / 'cb.yaml'}:") for p in error.problems)
    assert "alias" in error.message or "tingkat" in error.message


@pytest.mark.parametrize("body", [LAUGHS, DEEP], ids=["aliases", "deep nesting"])
def test_a_hostile_codings_file_is_refused(tmp_path, body):
    path = write(tmp_path / "codings.yaml", CODINGS_HEAD + "x:\n" + body.replace("\n", "\n  "))
    refused_quickly(read_snapshot, path, error=CodingError)


@pytest.mark.parametrize("body", [LAUGHS, "x: " + DEEP + "\n"], ids=["aliases", "deep nesting"])
def test_hostile_front_matter_is_refused(tmp_path, body):
    path = write(tmp_path / "I1.txt", "---\n" + body + "---\nP: Halo?\n\nI: Ya.\n")
    error = refused_quickly(parse_file, path, error=IngestError)
    assert "I1.txt" in error.message


def test_a_hostile_settings_file_is_refused(tmp_path):
    path = write(tmp_path / "qualcode.yaml", LAUGHS)
    error = refused_quickly(load_project_settings, path, error=ProjectError)
    assert "alias" in error.message


def test_the_guarded_loader_reads_what_pyyaml_reads():
    import yaml

    text = MINI + "extra: [1, 2.5, null, true, no, 2026-03-16, 'x', !!str 5, {a: b}]\n"
    assert limits.load_yaml(text) == yaml.safe_load(text)
    assert limits.load_yaml("quote: 'harga *naik* lagi & lagi'\n") == {
        "quote": "harga *naik* lagi & lagi"
    }


@pytest.mark.parametrize(
    ("name", "reader", "limit"),
    [
        ("codebook.yaml", load_codebook, limits.MAX_CODEBOOK_BYTES),
        ("codings.yaml", read_snapshot, limits.MAX_CODINGS_BYTES),
        ("qualcode.yaml", load_project_settings, limits.MAX_SETTINGS_BYTES),
    ],
)
def test_a_file_too_large_is_refused_before_reading_with_its_size(tmp_path, name, reader, limit):
    path = tmp_path / name
    with path.open("wb") as fh:
        fh.truncate(limit + 1024 * 1024)  # sparse: costs no disk
    error = refused_quickly(reader, path, error=InputLimitError)
    assert f"limit {limits.size_text(limit)} MB" in error.message or "batas" in error.message
    assert error.exit_code == 10


def test_a_transcript_text_beyond_the_limit_is_refused(tmp_path):
    path = write(tmp_path / "I1.txt", "I: " + "kata " * (limits.MAX_TEXT_CHARS // 5 + 10))
    refused_quickly(parse_file, path, error=InputLimitError)


def docx(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in parts.items():
            package.writestr(name, data)
    return buffer.getvalue()


DOCUMENT = (
    b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    b"<w:body><w:p><w:r><w:t>I: Halo.</w:t></w:r></w:p></w:body></w:document>"
)


def test_a_docx_whose_side_parts_inflate_is_refused_by_the_one_budget(tmp_path):
    styles = b"<w:styles>" + b" " * (70 * 1024 * 1024) + b"</w:styles>"
    path = tmp_path / "I1.docx"
    path.write_bytes(docx({"word/document.xml": DOCUMENT, "word/styles.xml": styles}))
    from qualcode.core.ingest.docx_reader import _Package

    package = _Package(path.read_bytes(), "I1.docx")
    with pytest.raises(InputLimitError, match="I1.docx"):
        package.style_bold("Strong")


def test_a_docx_with_too_many_parts_is_refused(tmp_path):
    parts = {f"junk/{n}.xml": b"<a/>" for n in range(2100)}
    path = tmp_path / "I1.docx"
    path.write_bytes(docx({"word/document.xml": DOCUMENT, **parts}))
    refused_quickly(parse_file, path, error=InputLimitError)


def test_a_number_beyond_the_store_range_in_a_codings_file_is_named(tmp_path):
    path = write(
        tmp_path / "codings.yaml",
        CODINGS_HEAD
        + "sources:\n- path: transcripts/I1.txt\n  sha256: ab\n  codings:\n"
        + "  - {id: c1, start: 1, end: 99999999999999999999999, quote: x, code: waktu}\n",
    )
    error = refused_quickly(read_snapshot, path, error=CodingError)
    assert "99999999999999999999999" in error.message

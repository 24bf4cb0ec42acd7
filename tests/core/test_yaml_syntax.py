"""YAML syntax errors explained: the line to fix and what to do, in Indonesian and English."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from qualcode.core.yaml_syntax import explain_marked, explain_reader
from qualcode.i18n import get_language, set_language

CATALOGUE = (
    Path(__file__).resolve().parents[2] / "qualcode" / "i18n" / "catalog" / "yaml_syntax.yaml"
)


@pytest.fixture(autouse=True)
def restore_language():
    before = get_language()
    yield
    set_language(before)


def explain(text: str, lang: str, line_offset: int = 0, loader=yaml.SafeLoader) -> tuple[int, str]:
    set_language(lang)
    try:
        yaml.load(text, Loader=loader)  # noqa: S506 - a safe loader
    except yaml.MarkedYAMLError as error:
        return explain_marked(error, line_offset)
    except yaml.reader.ReaderError as error:
        return explain_reader(error, text, line_offset)
    raise AssertionError("the text is valid YAML")


CASES = [
    # (text, line, Indonesian part, English part)
    ("a: x\nb: Judul: sub\n", 2, "ada titik dua (':') yang tidak pada tempatnya", "mapping values"),
    ("a:\n  - b: 1\n\tc: 2\n", 3, "bukan tab", "indent with spaces, not tabs"),
    ("a: x\nb: @nama\n", 2, "diawali karakter '@' harus diberi tanda kutip", "'@'"),
    (
        'a: x\nb: "Judul\nc: y\n',
        4,
        "tanda kutip yang dibuka di baris 2 tidak pernah ditutup",
        "found unexpected end of stream (while scanning a quoted scalar at line 2)",
    ),
    (
        "a: [x, y\nb: z\n",
        2,
        "daftar '[' yang dibuka di baris 1 tidak ditutup dengan ']'",
        "expected ',' or ']'",
    ),
    (
        "a: {x: 1\nb: z\n",
        2,
        "pemetaan '{' yang dibuka di baris 1 tidak ditutup dengan '}'",
        "expected ',' or '}'",
    ),
    (
        "d:\n  - a: 1\n    b: 2\n   c: 3\n",
        4,
        "tidak sejajar dengan blok yang dimulai di baris 2",
        "expected <block end>",
    ),
    ('a: "Judul" lagi\n', 1, "teks setelah tanda kutip penutup", "but found '<scalar>'"),
    (
        "a: x\nb y\nc: z\n",
        3,
        "kunci di baris 2 tidak diikuti titik dua",
        "could not find expected ':'",
    ),
    (
        "a: x\n---\na: y\n",
        2,
        "lebih dari satu dokumen YAML",
        "expected a single document in the stream, but found another document",
    ),
    (
        'a: "x\\qy"\n',
        1,
        "'\\q' di dalam tanda kutip ganda bukan escape yang sah",
        "found unknown escape character 'q'",
    ),
    ("a: *nama\n", 1, "terbaca sebagai alias YAML yang tidak ada", "found undefined alias 'nama'"),
    (
        "a: &n x\nb: &n y\n",
        2,
        "anchor YAML yang sudah dipakai di baris 1",
        "found duplicate anchor 'n'",
    ),
    ("a: [x,\n", 2, "berkas berakhir sebelum nilai ini selesai", "but found '<stream end>'"),
    ("a: [b, }\n", 1, "tanda '}' tidak pada tempatnya", "expected the node content"),
    ("k: [a, b]]\n", 1, "tanda ']' tidak pada tempatnya", "expected <block end>"),
    ("a: ?\n", 1, "diawali karakter '?' harus diberi tanda kutip", "mapping keys"),
    ("a: x\x07\n", 1, "karakter #x0007 tidak diperbolehkan", "character #x0007 is not allowed"),
]


@pytest.mark.parametrize(("text", "line", "indonesian", "english"), CASES)
def test_each_mistake_is_explained_at_its_line(text, line, indonesian, english):
    at, message = explain(text, "id")
    assert at == line and indonesian in message, message
    at, message = explain(text, "en")
    assert at == line and english in message, message


LIBYAML_CASES = [
    # libyaml (CSafeLoader, used for front matter) words errors differently.
    ("a: x\nb: Judul: sub\n", 2, "ada titik dua (':') yang tidak pada tempatnya"),
    ("a: x\nb: @nama\n", 2, "karakter yang tidak boleh mengawali teks tanpa tanda kutip"),
    ("d:\n  - a: 1\n\tb: 2\n", 3, "bukan tab"),
    ('a: x\nb: "Judul\nc: y\n', 4, "tanda kutip yang dibuka di baris 2 tidak pernah ditutup"),
    ("a: [x, y\nb: z\n", 2, "daftar '[' yang dibuka di baris 1 tidak ditutup"),
    ("a: [x,\n", 2, "periksa pasangan kurung"),
    ("d:\n  - a: 1\n    b: 2\n   c: 3\n", 4, "tidak sejajar dengan blok yang dimulai di baris 2"),
    ("a: x\nb y\nc: z\n", 3, "kunci di baris 2 tidak diikuti titik dua"),
    ('a: "x\\qy"\n', 1, "garis miring terbalik"),
    ("a: !x y\n", 1, "terbaca sebagai tag YAML"),
]


@pytest.mark.skipif(not hasattr(yaml, "CSafeLoader"), reason="PyYAML built without libyaml")
@pytest.mark.parametrize(("text", "line", "indonesian"), LIBYAML_CASES)
def test_libyaml_wording_is_explained_too(text, line, indonesian):
    at, message = explain(text, "id", loader=getattr(yaml, "CSafeLoader", None))
    assert at == line and indonesian in message, message


def test_line_offset_moves_every_line():
    at, message = explain('a: "Judul\nc: y\n', "id", line_offset=1)
    assert at == 4 and "dibuka di baris 2" in message
    at, message = explain('a: "Judul\nc: y\n', "en", line_offset=1)
    assert at == 4 and "at line 2" in message


def test_an_unclassified_error_keeps_pyyaml_wording_in_both_languages():
    text = "a: |x\n  b\n"
    wording = "expected chomping or indentation indicators, but found 'x'"
    assert explain(text, "id") == explain(text, "en")
    assert explain(text, "en") == (1, f"{wording} (while scanning a block scalar at line 1)")


def test_catalogue_has_both_languages():
    entries = yaml.safe_load(CATALOGUE.read_text(encoding="utf-8"))
    for key, entry in entries.items():
        assert set(entry) == {"id", "en"} and all(entry.values()), key

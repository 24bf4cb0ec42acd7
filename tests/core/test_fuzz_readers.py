"""Fuzzing the readers of user files: transcripts (text, front matter, .docx), codebooks and
codings files. Whatever the bytes, a reader returns a value or raises the project's own error
(never another exception) and finishes quickly."""

from __future__ import annotations

import io
import time
import zipfile

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from qualcode.core.codebook.model import parse_codebook
from qualcode.core.codings_file.format import parse as parse_codings
from qualcode.core.ingest.docx_reader import read_docx
from qualcode.core.ingest.parse import default_segmenter, parse_text
from qualcode.errors import QualcodeError
from tests.core.codebook_fixtures import MINI, TRANSCRIPT

FUZZ = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True
)

# Characters that matter to YAML and to the transcript parser, plus some that often break things.
ALPHABET = st.sampled_from(list("abcI P:-[]{}&*!|>#'\"\n\t ,.?0123456789\\%@`~\x00\u00e9\u200b"))
NOISE = st.text(alphabet=ALPHABET, max_size=300)
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True),
    st.text(max_size=30),
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=10), inner, max_size=4)
    ),
    max_leaves=20,
)


def mutate(text: str, data: st.DataObject) -> str:
    """Cut, splice or garble a valid file at a drawn position."""
    at = data.draw(st.integers(min_value=0, max_value=len(text)))
    insert = data.draw(NOISE)
    cut = data.draw(st.integers(min_value=0, max_value=40))
    return text[:at] + insert + text[at + cut :]


def only_our_errors(func, *args) -> None:
    started = time.perf_counter()
    try:
        func(*args)
    except QualcodeError:
        pass
    assert time.perf_counter() - started < 10


@FUZZ
@given(VALUES)
def test_codebook_reader_on_any_yaml_value(value):
    only_our_errors(parse_codebook, yaml.safe_dump(value), "cb.yaml")


CODINGS = """\
format: qualcode-codings
version: 1
title: Uji
codebook: mini
sources:
- path: transcripts/I1.txt
  sha256: abc
  informant: I1
  codings:
  - {id: c1, start: 0, end: 9, quote: Syaratnya, code: prosedur-syarat, polarity: netral}
  rejected:
  - {start: 3, end: 8, code: waktu-cepat}
memos:
- {id: m1, target_kind: code, target: waktu, title: T, body: B}
"""


@pytest.mark.parametrize(
    ("reader", "valid", "name"),
    [(parse_codebook, MINI, "cb.yaml"), (parse_codings, CODINGS, "codings.yaml")],
    ids=["codebook", "codings file"],
)
@FUZZ
@given(data=st.data())
def test_yaml_readers_on_garbled_files(reader, valid, name, data):
    only_our_errors(reader, mutate(valid, data), name)


@FUZZ
@given(VALUES)
def test_codings_reader_on_any_yaml_value(value):
    text = yaml.safe_dump({"format": "qualcode-codings", "version": 1, "sources": value})
    only_our_errors(parse_codings, text, "codings.yaml")


@FUZZ
@given(st.data())
def test_transcript_reader_on_garbled_transcripts(data):
    text = mutate("---\ninforman: I1\nteknik: wawancara\n---\n" + TRANSCRIPT, data)
    only_our_errors(lambda: parse_text(text, filename="I1.txt", segmenter=default_segmenter()))


def package(document: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zipped:
        zipped.writestr("word/document.xml", document)
    return buffer.getvalue()


@FUZZ
@given(st.binary(max_size=400))
def test_docx_reader_on_random_bytes(data):
    only_our_errors(read_docx, b"PK" + data, "I1.docx")


@FUZZ
@given(st.data())
def test_docx_reader_on_garbled_documents(data):
    document = (
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        "<w:body><w:p><w:r><w:rPr><w:b/></w:rPr><w:t>P:</w:t></w:r>"
        "<w:r><w:t> Bagaimana syaratnya?</w:t></w:r></w:p></w:body></w:document>"
    )
    only_our_errors(read_docx, package(mutate(document, data).encode("utf-8")), "I1.docx")

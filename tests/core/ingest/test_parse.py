"""parse_file: file types, size limit, missing paths, and the shape of a ParsedSource."""

from __future__ import annotations

import dataclasses
import subprocess
import sys

import pytest

from qualcode.core.ingest.model import MAX_BYTES, ParsedSource
from qualcode.core.ingest.parse import parse_file, parse_text
from qualcode.errors import IngestError
from qualcode.i18n import get_language, set_language

from .helpers import FIXTURES, sentence_texts


def test_max_bytes_is_20_mib():
    assert MAX_BYTES == 20 * 1024 * 1024


@pytest.mark.parametrize(
    "lang, says, thousands, unit",
    [("id", "terlalu besar", ".", "byte"), ("en", "is too large", ",", "bytes")],
)
def test_too_large(tmp_path, lang, says, thousands, unit):
    path = tmp_path / "besar.txt"
    path.write_text("P: Halo?\n\nI: " + "ya " * 400, encoding="utf-8")
    before = get_language()
    set_language(lang)
    try:
        with pytest.raises(IngestError) as info:
            parse_file(path, max_bytes=1000)
    finally:
        set_language(before)
    message = info.value.message
    assert f"besar.txt {says}" in message
    size = f"{path.stat().st_size:,}".replace(",", thousands)
    assert f"{size} {unit}" in message and f"1{thousands}000 {unit}" in message


def test_too_large_default_limit_is_reported_in_mib(tmp_path, monkeypatch):
    import qualcode.core.ingest.parse as parse_module

    path = tmp_path / "besar.txt"
    path.write_bytes(b"x" * 2048)
    monkeypatch.setattr(parse_module, "_size", lambda n: f"{n / 1024:.0f} KiB")
    with pytest.raises(IngestError, match=r"\(2 KiB\); batasnya 1 KiB"):
        parse_file(path, max_bytes=1024)


def test_missing_path(tmp_path):
    with pytest.raises(IngestError, match=r"tidak_ada\.txt tidak ditemukan"):
        parse_file(tmp_path / "tidak_ada.txt")


def test_a_folder_is_not_a_file(tmp_path):
    folder = tmp_path / "folder.txt"
    folder.mkdir()
    with pytest.raises(IngestError, match="adalah folder, bukan berkas"):
        parse_file(folder)


def test_old_doc_is_rejected_with_a_hint(tmp_path):
    path = tmp_path / "wawancara.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(IngestError, match=r"wawancara\.doc adalah dokumen Word lama") as info:
        parse_file(path)
    assert "simpan sebagai .docx" in (info.value.hint or "")


@pytest.mark.parametrize("name", ["catatan.pdf", "catatan.rtf", "catatan"])
def test_unsupported_extensions_list_the_supported_ones(tmp_path, name):
    path = tmp_path / name
    path.write_text("P: Halo", encoding="utf-8")
    with pytest.raises(IngestError, match="tidak didukung") as info:
        parse_file(path)
    assert ".txt, .md, .docx" in (info.value.hint or "")


def test_upper_case_extension(tmp_path, segmenter):
    path = tmp_path / "I4.TXT"
    path.write_text("P: Halo?\n\nI: Ya.", encoding="utf-8")
    assert parse_file(path, segmenter=segmenter).meta.informant == "I4"


def test_parsed_values_are_frozen(segmenter):
    source = parse_file(FIXTURES / "pi.txt", segmenter=segmenter)
    assert isinstance(source, ParsedSource)
    with pytest.raises(dataclasses.FrozenInstanceError):
        source.turns[0].start = 3  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        source.text = ""  # type: ignore[misc]


def test_sentences_split_each_turn(segmenter):
    source = parse_file(FIXTURES / "pi.txt", segmenter=segmenter)
    assert sentence_texts(source) == [
        "Selamat pagi, Bu.",
        "Apakah Ibu bersedia diwawancarai?",
        "Boleh, Mbak.",
        "Saya petugas loket satu.",
        "Jam layanan: 08.00 sampai 15.00, tapi loket sering buka jam 08.30.",
        "Bagaimana dengan komputernya?",
        "Komputernya cuma tiga yang nyala.",
        "Printer sering macet!",
    ]
    assert [s.turn for s in source.sentences] == [0, 0, 1, 1, 1, 2, 3, 3]


def test_sentences_never_cross_turns(segmenter):
    source = parse_text("P: Tanpa titik\n\nI: juga tanpa titik\n\nP: ya", segmenter=segmenter)
    assert sentence_texts(source) == ["Tanpa titik", "juga tanpa titik", "ya"]


def test_parse_text_defaults(segmenter):
    source = parse_text("P: Halo?\r\n\r\nI: Ya.", segmenter=segmenter)
    assert source.encoding == "utf-8"
    assert source.text == "P: Halo?\n\nI: Ya."
    assert len(source.sha256) == 64


def test_default_segmenter_is_shared():
    from qualcode.core.ingest.parse import default_segmenter

    assert default_segmenter() is default_segmenter()


def test_importing_ingest_loads_no_heavy_modules():
    code = (
        "import sys, qualcode.core.ingest; "
        "print(sorted(m for m in ('spacy', 'docx', 'lxml', 'yaml', 'numpy', 'textual', "
        "'rich') if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_parsing_text_loads_neither_textual_nor_docx():
    # spaCy itself imports rich (through its CLI); the ingest code never does.
    code = (
        "import sys\nfrom qualcode.core.ingest.parse import parse_text\n"
        "parse_text('---\\ninformant: I1\\n---\\nP: Halo?\\n\\nI: Ya.')\n"
        "print([m for m in ('textual', 'docx', 'lxml') if m in sys.modules])"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"

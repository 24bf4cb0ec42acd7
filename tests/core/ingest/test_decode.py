"""Decoding: UTF-8 (with or without BOM), Windows-1252, binary and undecodable input."""

from __future__ import annotations

import unicodedata

import pytest

from qualcode.core.ingest.decode import decode_bytes, normalise_text
from qualcode.core.ingest.parse import parse_file
from qualcode.errors import IngestError

ANSWER = "\u201cGratis\u201d \u2013 kata petugas di Caf\u00e9 Mekar, Rp 10.000,\u2013."
DIALOGUE = f"P: Berapa biayanya?\n\nI: {ANSWER}\n"


def test_utf8_without_bom(write_text, segmenter):
    source = parse_file(write_text("I7_a.txt", DIALOGUE), segmenter=segmenter)
    assert source.encoding == "utf-8"
    assert "\u201cGratis\u201d \u2013" in source.text


def test_utf8_with_bom_and_crlf(write_text, segmenter):
    source = parse_file(write_text("I7_b.txt", DIALOGUE, crlf=True, bom=True), segmenter=segmenter)
    assert source.encoding == "utf-8-sig"
    assert "\r" not in source.text and "\ufeff" not in source.text
    assert source.text.startswith("P: Berapa")
    assert [t.kind for t in source.turns] == ["interviewer", "informant"]


def test_cp1252_with_crlf(write_text, segmenter):
    path = write_text("I7_c.txt", DIALOGUE, encoding="cp1252", crlf=True)
    source = parse_file(path, segmenter=segmenter)
    assert source.encoding == "cp1252"
    assert (
        "\u201cGratis\u201d \u2013 kata petugas di Caf\u00e9 Mekar, Rp 10.000,\u2013."
        in source.text
    )
    assert "\r" not in source.text


def test_sha256_is_of_the_raw_bytes(write_text, segmenter):
    import hashlib

    path = write_text("I7_d.txt", DIALOGUE, encoding="cp1252", crlf=True)
    source = parse_file(path, segmenter=segmenter)
    assert source.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()


def test_utf16_with_bom_is_decoded():
    text, encoding = decode_bytes("\ufeffP: Halo?\r\nI: Ya.".encode("utf-16-le"), "a.txt")
    assert encoding == "utf-16"
    assert normalise_text(text) == "P: Halo?\nI: Ya."


def test_normalise_makes_lf_nfc_and_trims_line_ends():
    decomposed = "Cafe\u0301  \r\nkedua\rketiga\u2028keempat\n\n\n"
    text = normalise_text("\n\n" + decomposed)
    assert text == "Caf\u00e9\nkedua\nketiga\nkeempat"
    assert unicodedata.is_normalized("NFC", text)


def test_normalise_drops_invisible_marks():
    assert normalise_text("P:\u200b Halo\ufeff") == "P: Halo"


@pytest.mark.parametrize("content", [b"", b"   \n\r\n\t ", b"\xef\xbb\xbf", b"\xef\xbb\xbf \r\n"])
def test_empty_file(write_text, tmp_path, content):
    path = tmp_path / "kosong.txt"
    path.write_bytes(content)
    with pytest.raises(IngestError, match=r"kosong\.txt kosong\."):
        parse_file(path)


def test_binary_named_txt(tmp_path):
    path = tmp_path / "foto.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    with pytest.raises(IngestError, match=r"foto\.txt berisi data biner, bukan teks") as info:
        parse_file(path)
    assert info.value.hint


def test_binary_without_nul_but_many_control_bytes(tmp_path):
    path = tmp_path / "aneh.txt"
    path.write_bytes(b"abc\x01\x02\x03\x04def\x05\x06\x07\x08" * 20)
    with pytest.raises(IngestError, match="berisi data biner, bukan teks"):
        parse_file(path)


def test_zip_named_txt_gets_a_docx_hint(tmp_path):
    path = tmp_path / "wawancara.txt"
    path.write_bytes(b"PK\x03\x04\x14\x00\x06\x00" + b"\x00" * 40)
    with pytest.raises(IngestError) as info:
        parse_file(path)
    assert ".docx" in (info.value.hint or "")


@pytest.mark.parametrize("bad", [0x81, 0x8D, 0x8F, 0x90, 0x9D])
def test_undecodable_in_utf8_and_cp1252(tmp_path, bad):
    path = tmp_path / "rusak.txt"
    path.write_bytes(b"P: Halo\nI: caf\xe9 " + bytes([bad]) + b" ok\n")
    with pytest.raises(
        IngestError, match=r"rusak\.txt tidak bisa dibaca sebagai teks UTF-8 maupun Windows-1252"
    ) as info:
        parse_file(path)
    assert f"0x{bad:02X}" in info.value.message
    assert "baris 2" in info.value.message
    assert "UTF-8" in (info.value.hint or "")


def test_bom_then_invalid_utf8_is_an_error(tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbfP: caf\xe9")
    with pytest.raises(IngestError, match="tidak bisa dibaca"):
        parse_file(path)

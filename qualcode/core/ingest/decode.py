"""Raw bytes to clean text: UTF-8 or Windows-1252, binary detection, LF line ends and NFC."""

from __future__ import annotations

import re
import unicodedata

from qualcode.errors import IngestError
from qualcode.i18n import t

# C0 control bytes that never appear in a text file (tab, LF, VT, FF, CR and ESC excluded).
_CONTROL_BYTES = bytes([*range(0x00, 0x09), 0x0E, 0x0F, *range(0x10, 0x1B), *range(0x1C, 0x20)])
_MAX_CONTROL_SHARE = 0.01

# Signatures of formats students mistake for text, with the hint's message key.
_MAGIC_HINTS = (
    (b"%PDF-", "ingest_errors.looks_pdf"),
    (b"PK\x03\x04", "ingest_errors.looks_zip"),
    (b"\xd0\xcf\x11\xe0", "ingest_errors.looks_old_word"),
    (b"\x89PNG", "ingest_errors.looks_image"),
    (b"\xff\xd8\xff", "ingest_errors.looks_image"),
)

# Line separators other than LF that Python's str.splitlines() would also honour.
# Other line separators (as str.splitlines() knows them) become LF; invisible marks go.
_SPECIAL = str.maketrans(
    {**dict.fromkeys("\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029", "\n"), "\ufeff": None, "\u200b": None}
)
_SPECIAL_RE = re.compile("[\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029\ufeff\u200b]")


def decode_bytes(data: bytes, filename: str) -> tuple[str, str]:
    """Decode a text file's bytes to (text, encoding); IngestError names the file if it can't."""
    if not data.strip():
        raise _empty(filename)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _decode_utf16(data, filename), "utf-16"
    _reject_binary(data, filename)
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data[3:].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError as exc:
            raise _undecodable(data, exc.start + 3, filename) from None
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError as exc:
        raise _undecodable(data, exc.start, filename) from None


def normalise_text(text: str) -> str:
    """Make line ends LF, compose to NFC, drop invisible marks and trailing spaces on each line."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _SPECIAL_RE.search(text) is not None:  # rare; str.translate is slow per character
        text = text.translate(_SPECIAL)
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    if "\n" not in text:
        return text.rstrip()
    lines = [line.rstrip() for line in text.split("\n")]
    while lines and not lines[-1]:
        lines.pop()
    first = 0
    while first < len(lines) and not lines[first]:
        first += 1
    return "\n".join(lines[first:])


def require_content(text: str, filename: str) -> None:
    """Raise IngestError when a decoded text holds nothing but whitespace."""
    if not text.strip():
        raise _empty(filename)


def _empty(filename: str) -> IngestError:
    return IngestError(t("ingest_errors.empty", name=filename), t("ingest_errors.empty_hint"))


def _reject_binary(data: bytes, filename: str) -> None:
    hint = next((key for magic, key in _MAGIC_HINTS if data.startswith(magic)), None)
    if b"\x00" in data or hint is not None:
        raise _binary(filename, hint)
    sample = data[: 1 << 20]
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    if controls > _MAX_CONTROL_SHARE * len(sample):
        raise _binary(filename, None)


def _binary(filename: str, hint_key: str | None) -> IngestError:
    return IngestError(
        t("ingest_errors.binary", name=filename), t(hint_key or "ingest_errors.binary_hint")
    )


def _decode_utf16(data: bytes, filename: str) -> str:
    try:
        return data.decode("utf-16")
    except UnicodeDecodeError:
        raise IngestError(
            t("ingest_errors.utf16_undecodable", name=filename), t("ingest_errors.save_as_utf8")
        ) from None


def _undecodable(data: bytes, position: int, filename: str) -> IngestError:
    line = data.count(b"\n", 0, position) + 1
    return IngestError(
        t("ingest_errors.undecodable", name=filename, byte=f"{data[position]:02X}", line=line),
        t("ingest_errors.save_as_utf8"),
    )

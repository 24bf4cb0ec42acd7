"""Every message the code asks for exists, in both languages, in a catalogue that loads."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from qualcode.i18n import LANGUAGES, has, t

ROOT = Path(__file__).resolve().parent.parent
CATALOGS = sorted((ROOT / "qualcode" / "i18n" / "catalog").glob("*.yaml"))
LITERAL_KEY = re.compile(r"""\bt\(\s*["']([a-z_]+\.[a-z_0-9]+)["']""")


def _used_keys() -> list[tuple[str, str]]:
    found = []
    for path in sorted((ROOT / "qualcode").rglob("*.py")):
        for match in LITERAL_KEY.finditer(path.read_text(encoding="utf-8")):
            found.append((match.group(1), str(path.relative_to(ROOT))))
    return found


def test_every_literal_message_key_exists():
    used = _used_keys()
    assert len(used) > 300
    assert [(key, where) for key, where in used if not has(key)] == []


@pytest.mark.parametrize("path", CATALOGS, ids=lambda p: p.name)
def test_each_catalogue_has_string_keys_and_both_languages(path):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    # YAML 1.1 reads a bare `yes:`/`no:`/`on:` key as a boolean; the lookup would then miss it.
    assert [key for key in data if not isinstance(key, str)] == []
    # click.yaml is keyed by click's own English text, so it carries only the Indonesian.
    expected = {"id"} if path.name == "click.yaml" else set(LANGUAGES)
    incomplete = [key for key, entry in data.items() if set(entry) != expected]
    assert incomplete == []


def test_a_confirmation_speaks_indonesian_by_default_and_english_on_request():
    assert (t("tui.yes"), t("tui.no")) == ("Ya", "Tidak")
    assert (t("tui.yes", lang="en"), t("tui.no", lang="en")) == ("Yes", "No")


def test_ingest_errors_speak_indonesian_by_default(tmp_path):
    from qualcode.core.ingest.parse import parse_file
    from qualcode.errors import IngestError
    from qualcode.i18n import get_language

    assert get_language() == "id"
    (tmp_path / "kosong.txt").write_bytes(b"\xef\xbb\xbf \r\n")
    with pytest.raises(IngestError) as empty:
        parse_file(tmp_path / "kosong.txt")
    assert empty.value.message.endswith("kosong.txt kosong.")
    with pytest.raises(IngestError) as missing:
        parse_file(tmp_path / "hilang.txt")
    assert missing.value.message.endswith("hilang.txt tidak ditemukan.")

"""click's own words (usage errors, the help option) follow the interface language."""

from __future__ import annotations


def test_a_usage_error_is_indonesian_by_default(cli, project):
    missing = cli("code", "--project", project)
    assert missing.code == 2
    assert "Galat: Argumen belum diisi 'SOURCE'." in missing.err
    assert "Lihat 'qualcode code --help' untuk bantuan." in missing.err
    unknown = cli("kode", "--project", project)
    assert unknown.code == 2 and "Tidak ada perintah 'kode'." in unknown.err


def test_help_option_and_headings_are_translated(cli):
    shown = cli("informants", "--help")
    assert shown.code == 0
    assert "Opsi:" in shown.out and "Tampilkan bantuan ini lalu keluar." in shown.out
    assert "Show this message" not in shown.out


def test_english_on_request(cli, project):
    missing = cli("--lang", "en", "code", "--project", project)
    assert "Error: Missing argument 'SOURCE'." in missing.err

"""The bad-input table: each failure class a student can meet gets a specific message in both
languages, a documented exit code (README), no traceback, and leaves the store unchanged."""

from __future__ import annotations

import errno
import sqlite3
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from qualcode.core.store import db as db_module
from qualcode.core.store.lock import ProjectLock
from qualcode.errors import EXIT_CODES
from qualcode.i18n import set_language
from tests.core.codebook_fixtures import build_template, snapshot

ALIASES = "a: &a [x, x, x]\nb: &b [*a, *a, *a]\nc: [*b, *b, *b]\n"


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    return build_template(tmp_path_factory)


@dataclass(frozen=True)
class Case:
    """One row: make the bad input in the project, run a command, expect code and words."""

    setup: Callable[[Path, pytest.MonkeyPatch], list[str]]
    exit_code: int
    words: dict[str, str]
    store_readable: bool = True


def _write(path: Path, text: str | bytes) -> Path:
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return path


def _alias_codebook(root, mp):
    return ["codebook", "check", str(_write(root / "codebooks" / "bad.yaml", ALIASES))]


def _deep_codebook(root, mp):
    return ["codebook", "check", str(_write(root / "codebooks" / "bad.yaml", "[" * 20_000))]


def _alias_front_matter(root, mp):
    text = "---\n" + ALIASES + "---\nP: Halo?\n\nI: Ya.\n"
    return ["import", str(_write(root / "transcripts" / "I9.txt", text))]


def _large_codings(root, mp):
    path = root / "besar.yaml"
    with path.open("wb") as fh:
        fh.truncate(40 * 1024 * 1024)
    return ["codings", "import", str(path)]


def _docx_bomb(root, mp):
    path = root / "transcripts" / "I9.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        for n in range(2100):
            package.writestr(f"junk/{n}.xml", b"<a/>")
    return ["import", str(path)]


def _huge_number(root, mp):
    return ["code", "I1", "waktu-cepat", "--sentence", "9" * 30]


def _export_into_store(root, mp):
    return ["codings", "export", str(root / ".qualcode" / "project.db"), "--force"]


def _full_disk(root, mp):
    def full(path, text):
        raise OSError(errno.ENOSPC, "No space left on device", str(path))

    mp.setattr(db_module, "_write_tmp", full)
    return ["codebook", "rename", "waktu-cepat", "--id", "waktu-lama"]


def _read_only_folder(root, mp):
    def refuse(self):
        raise PermissionError(errno.EROFS, "Read-only file system", str(self.path))

    mp.setattr(ProjectLock, "acquire", refuse)
    return ["code", "I1", "waktu-cepat", "--sentence", "1"]


def _version_zero(root, mp):
    conn = sqlite3.connect(root / ".qualcode" / "project.db")
    conn.execute("PRAGMA user_version = 0")
    conn.commit()
    conn.close()
    return ["status"]


def _symlink_outside(root, mp):
    outside = _write(root.parent / "luar.txt", "P: Halo?\n\nI: Ya.\n")
    (root / "transcripts" / "I9.txt").symlink_to(outside)
    return ["import", str(root / "transcripts")]


CASES = {
    "yaml aliases": Case(_alias_codebook, 4, {"id": "alias YAML", "en": "YAML aliases"}),
    "deep nesting": Case(_deep_codebook, 4, {"id": "64 tingkat", "en": "64 levels"}),
    "front matter aliases": Case(_alias_front_matter, 1, {"id": "alias YAML", "en": "aliases"}),
    "file too large": Case(_large_codings, 10, {"id": "batas 10.0 MB", "en": "limit 10.0 MB"}),
    "docx bomb": Case(_docx_bomb, 1, {"id": "2000 bagian", "en": "2000 parts"}),
    "number out of range": Case(_huge_number, 10, {"id": "di luar jangkauan", "en": "range"}),
    "export into .qualcode": Case(_export_into_store, 6, {"id": ".qualcode/", "en": "never"}),
    "full disk": Case(_full_disk, 9, {"id": "Disk penuh", "en": "disk is full"}),
    "read-only folder": Case(_read_only_folder, 11, {"id": "hanya-baca", "en": "read-only"}),
    "store version 0": Case(_version_zero, 2, {"id": "versi skema", "en": "schema version"}, False),
    "symlink leaving the project": Case(_symlink_outside, 1, {"id": "symlink", "en": "symlink"}),
}


@pytest.mark.parametrize("lang", ["id", "en"])
@pytest.mark.parametrize("name", list(CASES))
def test_bad_input_is_named_with_a_documented_code_and_changes_nothing(
    name, lang, proj, cli_for, monkeypatch
):
    case = CASES[name]
    args = case.setup(proj, monkeypatch)
    before = snapshot(proj) if case.store_readable else None
    code, out, err = cli_for(proj)("--lang", lang, *args)
    set_language("id")
    assert code == case.exit_code, err
    assert code in EXIT_CODES
    assert case.words[lang] in out + err
    assert "Traceback" not in out + err
    if before is not None:
        assert snapshot(proj) == before


def test_status_warns_when_codings_use_codes_the_codebook_lacks(proj, cli_for, monkeypatch):
    from qualcode.core.project import Project
    from tests.core.codebook_fixtures import code

    with Project.open(proj) as project:
        code(project, "Antrinya lama sekali kalau pagi.", "waktu-cepat")
    codebook = proj / "codebooks" / "mini.yaml"
    codebook.write_text(
        codebook.read_text(encoding="utf-8").replace("waktu-cepat", "waktu-kilat"),
        encoding="utf-8",
    )
    code, out, err = cli_for(proj)("status", "--json")
    assert code == 0
    assert "waktu-cepat" in err
    assert '"codes_missing": [\n    "waktu-cepat"\n  ]' in out

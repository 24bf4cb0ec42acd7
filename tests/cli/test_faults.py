"""Fault injection: a real ``python -m qualcode`` is killed (SIGKILL) at each commit point of a
write; the next open must find the project consistent, before or after the operation, and say
which when it had to finish the change."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from qualcode.core.codebook.edit import rename_code
from qualcode.core.codings_file.io import export_codings
from qualcode.core.project import Project
from qualcode.core.store import backup as backups
from qualcode.core.store import consistency
from tests.core.codebook_fixtures import build_template, code, code_ids

REPO = Path(__file__).resolve().parents[2]
KILLED = -signal.SIGKILL


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    root = build_template(tmp_path_factory)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("QUALCODE_CODER", "nadia")
        with Project.open(root) as project:
            code(project, "Antrinya lama sekali kalau pagi.", "waktu-cepat")
            code(project, "Syaratnya fotokopi KK dan surat pengantar.", "prosedur-syarat")
            export_codings(project, root / "codings.yaml")
    return root


@pytest.fixture
def root(template, tmp_path, monkeypatch):
    monkeypatch.setenv("QUALCODE_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("QUALCODE_CODER", "nadia")
    return Path(shutil.copytree(template, tmp_path / "p"))


def qualcode(root: Path, *args: str, fault: str | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(REPO), "QUALCODE_LANG": "en"}
    env.pop("QUALCODE_FAULT", None)
    if fault:
        env["QUALCODE_FAULT"] = fault
    return subprocess.run(
        [sys.executable, "-m", "qualcode", "--project", str(root), *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def killed(root: Path, fault: str, *args: str) -> None:
    result = qualcode(root, *args, fault=fault)
    assert result.returncode == KILLED, result.stderr


def reopen(root: Path) -> tuple[dict[int, str], list[str]]:
    """Open after the kill: the project must be consistent; return its codings and notices."""
    with Project.open(root) as project:
        assert consistency.problems(project) == []
        return code_ids(project), list(project.notices)


def codes(ids: dict[int, str]) -> set[str]:
    return set(ids.values())


RENAME = ("codebook", "rename", "waktu-cepat", "--id", "waktu-lama")


@pytest.mark.parametrize(
    ("fault", "after", "finished"),
    [
        ("before-store-commit", False, False),
        ("after-store-commit", True, True),
        ("before-file-rename", True, True),
        ("after-file-rename", True, True),
        ("after-pending-clear", True, False),
    ],
)
def test_a_codebook_rename_killed_at_each_point_is_before_or_after(root, fault, after, finished):
    killed(root, fault, *RENAME)
    ids, notices = reopen(root)
    assert ("waktu-lama" in codes(ids)) is after
    assert ("waktu-cepat" in codes(ids)) is not after
    assert any("mini.yaml" in n for n in notices) is finished


@pytest.mark.parametrize("fault", ["after-store-commit", "before-file-rename"])
def test_an_undo_of_a_rename_killed_after_its_commit_is_finished(root, fault):
    with Project.open(root) as project:
        rename_code(project, "waktu-cepat", new_id="waktu-lama")
    killed(root, fault, "undo")
    ids, notices = reopen(root)
    assert "waktu-cepat" in codes(ids)
    assert notices


@pytest.mark.parametrize(
    ("fault", "after"), [("before-store-commit", False), ("after-store-commit", True)]
)
def test_a_codings_import_killed_is_before_or_after(root, tmp_path, fault, after):
    other = Path(shutil.copy(root / "codings.yaml", tmp_path / "other.yaml"))
    with Project.open(root) as project:
        for coding in list(code_ids(project)):
            project.store.conn.execute("DELETE FROM codings WHERE id = ?", (coding,))
    killed(root, fault, "codings", "import", str(other))
    ids, _ = reopen(root)
    assert len(ids) == (2 if after else 0)


def test_a_codings_export_killed_before_its_rename_leaves_the_old_file(root):
    before = (root / "codings.yaml").read_text(encoding="utf-8")
    with Project.open(root) as project:
        code(project, "Berkasnya ditempel di loket.", "prosedur-alur")
    killed(root, "before-file-rename", "codings", "export", "--force")
    assert (root / "codings.yaml").read_text(encoding="utf-8") == before
    reopen(root)


def test_a_first_build_killed_before_its_rename_is_built_again_in_full(root):
    shutil.rmtree(root / ".qualcode")
    killed(root, "build-before-rename", "status")
    assert not (root / ".qualcode" / "project.db").exists()
    ids, _ = reopen(root)
    assert codes(ids) == {"waktu-cepat", "prosedur-syarat"}


def test_a_restore_killed_before_its_rename_leaves_the_current_store(root):
    with Project.open(root) as project:
        taken = project.store.backup("manual")
        rename_code(project, "waktu-cepat", new_id="waktu-lama")
    killed(root, "restore-before-rename", "backup", "restore", taken.id)
    ids, _ = reopen(root)
    assert "waktu-lama" in codes(ids)
    result = qualcode(root, "backup", "restore", taken.id)
    assert result.returncode == 0, result.stderr
    ids, _ = reopen(root)
    assert "waktu-cepat" in codes(ids)
    assert any(
        b.reason == "before-restore" for b in backups.list_backups(root / ".qualcode" / "backups")
    )


def test_an_import_killed_while_copying_leaves_no_half_source(root, tmp_path):
    outside = tmp_path / "I2.txt"
    outside.write_text("P: Halo?\n\nI: Pelayanannya cepat.\n", encoding="utf-8")
    killed(root, "import-copy", "import", str(outside))
    assert not (root / "transcripts" / "I2.txt").exists()
    reopen(root)
    result = qualcode(root, "import", str(outside))
    assert result.returncode == 0, result.stderr
    assert (root / "transcripts" / "I2.txt").exists()


def test_a_backup_killed_before_its_rename_leaves_no_half_backup(root):
    before = backups.list_backups(root / ".qualcode" / "backups")
    killed(root, "backup-before-rename", "backup", "create")
    assert backups.list_backups(root / ".qualcode" / "backups") == before
    result = qualcode(root, "backup", "create")
    assert result.returncode == 0, result.stderr
    assert all(
        backups.is_good(b.path) for b in backups.list_backups(root / ".qualcode" / "backups")
    )

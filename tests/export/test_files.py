"""Export files: free names, refusal to overwrite, atomic writes, unwritable places."""

from __future__ import annotations

import pytest

from qualcode.errors import ExportError
from qualcode.export import files
from qualcode.export.files import numbered, plan, save, write_bytes


def test_a_default_name_moves_aside_to_a_numbered_free_name(tmp_path):
    target = tmp_path / "matriks-faktor.docx"
    first = save(target, b"one")
    assert first.path == target and not first.renamed
    second = save(target, b"two")
    assert second.path == tmp_path / "matriks-faktor (2).docx" and second.renamed
    third = save(target, b"three")
    assert third.path.name == "matriks-faktor (3).docx"
    assert target.read_bytes() == b"one"  # never silently overwritten


def test_a_chosen_name_is_refused_unless_forced(tmp_path):
    target = tmp_path / "bab4.docx"
    target.write_bytes(b"old")
    with pytest.raises(ExportError) as info:
        save(target, b"new", chosen=True)
    assert str(target) in info.value.message and "--force" in info.value.hint
    assert target.read_bytes() == b"old"
    written = save(target, b"new", chosen=True, force=True)
    assert written.path == target and target.read_bytes() == b"new"


def test_numbered_keeps_the_extension(tmp_path):
    (tmp_path / "a.tar.csv").write_text("x")
    assert numbered(tmp_path / "a.tar.csv").name == "a.tar (2).csv"
    assert numbered(tmp_path / "free.md").name == "free.md"


def test_missing_folder_is_named_with_what_to_do(tmp_path):
    with pytest.raises(ExportError) as info:
        plan(tmp_path / "tidak-ada" / "x.docx")
    assert str(tmp_path / "tidak-ada") in info.value.message
    assert "mkdir" in info.value.hint


def test_a_folder_that_is_a_file_fails_for_everyone(tmp_path):
    blocker = tmp_path / "exports"
    blocker.write_text("not a folder")
    with pytest.raises(ExportError) as info:
        save(blocker / "x.docx", b"data")
    assert str(blocker) in info.value.message
    assert "--out" in info.value.hint
    assert blocker.read_text() == "not a folder"


def _denied(*_args, **_kwargs):
    raise PermissionError(13, "Permission denied")


def test_a_folder_the_system_will_not_let_us_write_is_refused_and_left_as_it_was(
    tmp_path, monkeypatch
):
    # The system refuses the write itself (chmod would not: root ignores folder permissions).
    folder = tmp_path / "exports"
    folder.mkdir()
    (folder / "bab4.docx").write_bytes(b"old")
    monkeypatch.setattr(files.tempfile, "mkstemp", _denied)
    with pytest.raises(ExportError) as info:
        save(folder / "tabel.docx", b"data")
    assert info.value.message == f"Folder {folder} tidak bisa ditulisi (izin ditolak)."
    assert "--out" in info.value.hint
    assert sorted(p.name for p in folder.iterdir()) == ["bab4.docx"]


def test_a_folder_reported_read_only_is_refused_before_anything_is_written(tmp_path, monkeypatch):
    folder = tmp_path / "exports"
    folder.mkdir()
    monkeypatch.setattr(files.os, "access", lambda _path, _mode: False)
    monkeypatch.setattr(files.tempfile, "mkstemp", _denied)  # never reached
    with pytest.raises(ExportError) as info:
        plan(folder / "tabel.docx")
    assert str(folder) in info.value.message and "izin ditolak" in info.value.message
    assert list(folder.iterdir()) == []


def test_export_to_an_unwritable_folder_exits_non_zero_with_the_reason_and_writes_nothing(
    demo_root, tmp_path, monkeypatch, capsys
):
    from qualcode.cli import run

    out = tmp_path / "bab4"
    out.mkdir()
    monkeypatch.setattr(files.tempfile, "mkstemp", _denied)
    with pytest.raises(SystemExit) as exit_info:
        run(["--project", str(demo_root), "export", "docx", "--out", str(out)])
    captured = capsys.readouterr()
    err = " ".join(captured.err.split())  # however the terminal wraps it
    assert exit_info.value.code == ExportError.exit_code != 0
    assert captured.out == ""  # stdout names written files only: there are none
    assert f"Folder {out} tidak bisa ditulisi (izin ditolak)." in err
    assert "--out" in err and "Traceback" not in err
    assert list(out.iterdir()) == []
    assert not (demo_root / "exports").exists() or not any((demo_root / "exports").iterdir())


def test_target_that_is_a_folder_is_refused(tmp_path):
    (tmp_path / "x.docx").mkdir()
    with pytest.raises(ExportError):
        save(tmp_path / "x.docx", b"data", chosen=True, force=True)


def test_a_file_open_in_word_gives_a_close_it_message_and_keeps_the_old_file(tmp_path, monkeypatch):
    target = tmp_path / "tabel.docx"
    target.write_bytes(b"old")

    def locked(_src, _dst):
        raise PermissionError(13, "The process cannot access the file")

    monkeypatch.setattr(files.os, "replace", locked)
    with pytest.raises(ExportError) as info:
        write_bytes(target, b"new")
    assert "Word" in info.value.message and "Tutup" in info.value.hint
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["tabel.docx"]  # no temporary file left


def test_a_failed_write_on_a_full_disk_leaves_no_half_file_and_says_the_disk_is_full(
    tmp_path, monkeypatch
):
    from qualcode.errors import DiskFullError

    target = tmp_path / "tabel.csv"

    def full(_fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(files.os, "fsync", full)
    with pytest.raises(DiskFullError) as info:
        write_bytes(target, b"data")
    assert "No space left" in info.value.message and info.value.exit_code == 9
    assert list(tmp_path.iterdir()) == []


def test_nothing_under_a_qualcode_folder_is_ever_written_even_forced(tmp_path):
    store = tmp_path / ".qualcode" / "project.db"
    store.parent.mkdir()
    store.write_bytes(b"the store")
    with pytest.raises(ExportError, match=".qualcode"):
        save(store, b"a table", chosen=True, force=True)
    assert store.read_bytes() == b"the store"

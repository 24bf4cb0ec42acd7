"""Imported sources live in the project: outside files are copied into transcripts/, paths are
relative, links leading out are refused, and a copied project folder opens with every source."""

from __future__ import annotations

import shutil

import pytest

from qualcode.core.project import Project
from qualcode.core.sources.importing import import_paths
from qualcode.core.store import sources as repo
from tests.core.codebook_fixtures import TRANSCRIPT

OTHER = TRANSCRIPT.replace("pagi", "siang")


@pytest.fixture
def outside(tmp_path):
    folder = tmp_path / "unduhan"
    folder.mkdir()
    (folder / "I2.txt").write_text(OTHER, encoding="utf-8")
    return folder


def test_a_file_from_outside_is_copied_into_transcripts_with_a_relative_path(mini_root, outside):
    with Project.open(mini_root) as project:
        report = import_paths(project, [outside / "I2.txt"])
        assert [r.status for r in report.results] == ["imported"]
        paths = [s.path for s in repo.sources(project.store, with_text=False)]
    assert "transcripts/I2.txt" in paths
    assert (mini_root / "transcripts" / "I2.txt").read_text(encoding="utf-8") == OTHER


def test_a_different_file_with_a_taken_name_is_refused_not_overwritten(mini_root, outside):
    (outside / "I1.txt").write_text(OTHER, encoding="utf-8")
    with Project.open(mini_root) as project:
        report = import_paths(project, [outside / "I1.txt"])
    (failed,) = report.failed
    assert "transcripts/" in failed.message and "I1.txt" in failed.message
    assert (mini_root / "transcripts" / "I1.txt").read_text(encoding="utf-8") == TRANSCRIPT


def test_the_same_file_imported_again_from_outside_is_unchanged(mini_root, outside):
    shutil.copy(mini_root / "transcripts" / "I1.txt", outside / "I1.txt")
    with Project.open(mini_root) as project:
        report = import_paths(project, [outside / "I1.txt"])
    assert [r.status for r in report.results] == ["unchanged"]


def test_a_symlink_leaving_the_project_is_refused(mini_root, outside):
    (mini_root / "transcripts" / "link.txt").symlink_to(outside / "I2.txt")
    with Project.open(mini_root) as project:
        report = import_paths(project, [mini_root / "transcripts"])
        paths = [s.path for s in repo.sources(project.store, with_text=False)]
    (failed,) = report.failed
    assert "symlink" in failed.message
    assert paths == ["transcripts/I1.txt"]


def test_a_failed_import_takes_back_its_copy(mini_root, outside):
    (outside / "kosong.txt").write_text("   \n", encoding="utf-8")
    with Project.open(mini_root) as project:
        report = import_paths(project, [outside / "kosong.txt"])
    assert report.failed
    assert not (mini_root / "transcripts" / "kosong.txt").exists()


def test_a_project_copied_elsewhere_opens_with_every_source(mini_root, outside, tmp_path):
    with Project.open(mini_root) as project:
        import_paths(project, [outside / "I2.txt"])
    shutil.rmtree(outside)
    moved = tmp_path / "flashdisk" / "proyek"
    shutil.copytree(mini_root, moved)
    shutil.rmtree(moved / ".qualcode")
    with Project.open(moved) as project:
        paths = sorted(s.path for s in repo.sources(project.store, with_text=False))
    assert paths == ["transcripts/I1.txt", "transcripts/I2.txt"]

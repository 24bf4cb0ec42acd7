"""A small project with a hand-made codebook, a transcript and codings, for codebook-edit tests."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from qualcode.core import project as project_module
from qualcode.core.coding.operations import add_coding
from qualcode.core.project import Project, init_project
from qualcode.core.sources.importing import import_paths

REPO = Path(__file__).resolve().parents[2]

MINI = """\
# Codebook mini untuk uji: komentar ini harus tetap ada.
id: mini
title: Mini
reference: Uji coba
dimensions:
  # -- prosedur --------------------------------------------------------------
  - id: prosedur
    label: Prosedur
    definition: Tata cara pelayanan.
    keywords: [prosedur, alur]
    indicators:
      - id: prosedur-syarat
        label: Persyaratan
        definition: Syarat diumumkan dengan jelas.
        keywords: [syarat, berkas]  # kata lisan juga

      - id: prosedur-alur
        label: Alur
        definition: Alur mudah diikuti.
        keywords: [alur, loket]

  # -- waktu ------------------------------------------------------------------
  - id: waktu
    label: Waktu
    definition: Lama penyelesaian.
    keywords: [waktu]
    indicators:
      - id: waktu-cepat
        label: Kecepatan
        definition: Layanan selesai cepat.
        keywords: [cepat, lama, antri]
"""

TRANSCRIPT = (
    "P: Bagaimana syaratnya?\n\n"
    "I: Syaratnya fotokopi KK dan surat pengantar. Berkasnya ditempel di loket.\n\n"
    "P: Berapa lama?\n\n"
    "I: Antrinya lama sekali kalau pagi. Kami berupaya menambah petugas.\n"
)

TABLES = ("codings", "memos", "conclusions", "indicator_verdicts", "events", "event_changes")


def _build(base: Path) -> Path:
    """Make the project once: init, the MINI codebook, one imported interview."""
    root = init_project(base / "p", title="Uji codebook")
    (root / "codebooks" / "mini.yaml").write_text(MINI, encoding="utf-8")
    (root / "qualcode.yaml").write_text(
        "title: Uji codebook\ncodebook: codebooks/mini.yaml\n", encoding="utf-8"
    )
    (root / "transcripts" / "I1.txt").write_text(TRANSCRIPT, encoding="utf-8")
    with Project.open(root) as project:
        assert not import_paths(project, [root / "transcripts"]).failed
    return root


def _environment(mp: pytest.MonkeyPatch, base: Path) -> None:
    mp.setenv("QUALCODE_CONFIG_DIR", str(base / "config"))
    mp.setenv("QUALCODE_CODER", "nadia")
    mp.delenv("QUALCODE_LANG", raising=False)
    if not any(project_module.TEMPLATES.glob("*.yaml")):
        mp.setattr(project_module, "TEMPLATES", REPO / "codebooks")


def build_template(tmp_path_factory) -> Path:
    """The project built once per test module (importing loads spaCy); tests work on copies."""
    base = tmp_path_factory.mktemp("codebook-template")
    with pytest.MonkeyPatch.context() as mp:
        _environment(mp, base)
        return _build(base)


def make_project(template: Path, tmp_path: Path, monkeypatch) -> Path:
    """A fresh copy of the template project whose codebook is MINI; return its root."""
    _environment(monkeypatch, tmp_path)
    root = tmp_path / "p"
    shutil.copytree(template, root)
    return root


def code(project: Project, quote: str, code_id: str, polarity: str = "penghambat") -> int:
    """Code the first occurrence of ``quote`` in the interview; return the coding's id."""
    text = project.store.scalar("SELECT text FROM sources")
    start = text.index(quote)
    return add_coding(project, 1, start, start + len(quote), code_id, polarity).id


def code_ids(project: Project) -> dict[int, str]:
    return {r["id"]: r["code_id"] for r in project.store.query("SELECT id, code_id FROM codings")}


def snapshot(root: Path) -> tuple[str, dict[str, int], list[tuple]]:
    """The codebook text, row counts and codings: what a refused edit must leave as it was."""
    conn = sqlite3.connect(root / ".qualcode" / "project.db")
    try:
        counts = {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}
        codings = conn.execute("SELECT id, code_id, start, end FROM codings ORDER BY id").fetchall()
    finally:
        conn.close()
    return (root / "codebooks" / "mini.yaml").read_text(encoding="utf-8"), counts, codings

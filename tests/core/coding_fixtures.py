"""Small hand-made projects for the coding, memo and codings-file tests (no spaCy needed)."""

from __future__ import annotations

import hashlib
import re
import shutil
from pathlib import Path

import pytest

from qualcode.core import project as project_module
from qualcode.core.project import Project, init_project
from qualcode.core.sources.importing import import_paths
from qualcode.core.store import sources as repo

REPO = Path(__file__).resolve().parents[2]

INTERVIEW_I1 = [
    ("interviewer", "Bagaimana pelayanan di kantor kecamatan?"),
    ("informant", "Pelayanannya cepat. Tapi komputernya sering rusak."),
    ("interviewer", "Bagaimana dengan biayanya?"),
    ("informant", "Tidak ada biaya, gratis. Petugasnya juga ramah."),
]
INTERVIEW_I2 = [
    ("interviewer", "Apa syarat membuat KTP?"),
    (
        "informant",
        "Syaratnya fotokopi KK dan surat pengantar desa. "
        "Saya disuruh pulang karena berkasnya kurang.",
    ),
]


def make_project(tmp_path: Path, monkeypatch) -> Project:
    """Make an empty project with the Kepmenpan codebook and open it for writing."""
    monkeypatch.setenv("QUALCODE_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("QUALCODE_CODER", "nadia")
    if not any(project_module.TEMPLATES.glob("*.yaml")):
        monkeypatch.setattr(project_module, "TEMPLATES", REPO / "codebooks")
    root = init_project(tmp_path / "p", title="Uji")
    return Project.open(root)


def import_template(base: Path, title: str, transcripts: dict[str, str]) -> Path:
    """Make a project under BASE, import TRANSCRIPTS (file name to text); return its root.

    Built once per module (importing loads spaCy); tests work on copies from ``copy_template``.
    """
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("QUALCODE_CONFIG_DIR", str(base / "config"))
        mp.setenv("QUALCODE_CODER", "nadia")
        if not any(project_module.TEMPLATES.glob("*.yaml")):
            mp.setattr(project_module, "TEMPLATES", REPO / "codebooks")
        root = init_project(base / "p", title=title)
        for name, text in transcripts.items():
            (root / "transcripts" / name).write_text(text, encoding="utf-8")
        with Project.open(root) as project:
            assert not import_paths(project, [root / "transcripts"]).failed
    return root


def copy_template(template: Path, tmp_path: Path, monkeypatch) -> Path:
    """Copy a template project into TMP_PATH, with its own config and coder; return the copy."""
    monkeypatch.setenv("QUALCODE_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("QUALCODE_CODER", "nadia")
    root = tmp_path / "p"
    shutil.copytree(template, root)
    return root


def transcript_text(turns: list[tuple[str, str]]) -> str:
    """Join turns as the fixture transcripts lay them out (blank line between turns)."""
    return "\n\n".join(text for _kind, text in turns) + "\n"


def add_source(
    project: Project, name: str, turns: list[tuple[str, str]], informant: str | None = "I1"
) -> int:
    """Write a source with its turns and sentences straight into the store; return its id."""
    text = transcript_text(turns)
    turn_rows, sentence_rows = [], []
    pos = 0
    for idx, (kind, body) in enumerate(turns):
        start = text.index(body, pos)
        end = start + len(body)
        turn_rows.append(("P" if kind == "interviewer" else "I", kind, start, end, None))
        for m in re.finditer(r"[^.?!]+[.?!]", body):
            s, e = start + m.start(), start + m.end()
            while text[s].isspace():
                s += 1
            sentence_rows.append((idx, s, e))
        pos = end
    with project.store.transaction("source.import", f"import {name}", kind="info") as tx:
        person = (
            repo.ensure_informant(tx, informant, {"role": "warga", "grp": "masyarakat"}, {})
            if informant
            else None
        )
        source_id = repo.insert_source(
            tx,
            {
                "path": f"transcripts/{name}",
                "name": Path(name).stem,
                "sha256": hashlib.sha256(text.encode()).hexdigest(),
                "technique": "wawancara",
                "informant_id": person,
                "encoding": "utf-8",
                "text": text,
            },
        )
        repo.insert_structure(tx, source_id, turn_rows, sentence_rows)
    return source_id


def replace_text(project: Project, source_id: int, text: str) -> None:
    """Change a source's text in place (as a re-import would), without touching its codings."""
    with project.store.transaction("source.reimport", "edit", kind="info") as tx:
        repo.update_source(
            tx, source_id, {"text": text, "sha256": hashlib.sha256(text.encode()).hexdigest()}
        )


def table_counts(project: Project) -> dict[str, int]:
    """Row counts of every table a coding operation may touch, and of the action log."""
    store = project.store
    return {
        table: store.scalar(f"SELECT count(*) FROM {table}")
        for table in (
            "codings",
            "memos",
            "informants",
            "events",
            "event_changes",
            "rejected_suggestions",
        )
    }

"""Corpus-level check: a display names an informant only beside words that informant said.

For every display row that names informants (the factor matrix, the efforts table, the
informant × dimension matrix), each named informant has a coding behind that line whose
summary — or, without one, whose quote — is the line's text, or a stored merge the student
accepted that includes such a coding.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from qualcode.core.analysis.facts import load, statement
from qualcode.core.analysis.merges import accept, proposals
from qualcode.core.analysis.statements import clean, identity
from qualcode.core.displays import build_display
from qualcode.core.project import Project
from qualcode.core.store import merges_sql

ROOT = Path(__file__).resolve().parents[3]


def _cited(line: str) -> tuple[str, list[str]]:
    """'Komputer rusak (I1, I2, Obs)' → ('Komputer rusak', ['I1', 'I2', 'Obs'])."""
    text, _, who = line.rpartition(" (")
    return text, [w.strip() for w in who.rstrip(")").split(",")]


def unfaithful(project: Project) -> list[str]:
    """Every (display, line, informant) where the informant did not say the line's words."""
    store = project.store
    analysis = load(store, project.codebook, project.settings)
    by_id = {f.id: f for f in analysis.facts}
    codes = {code for code, *_ in analysis.informant_codes}
    merged = {m.uid: m for m in merges_sql.list_merges(store, "accepted")}

    def said(code: str, text: str, ids: tuple[int, ...]) -> bool:
        for fact in (by_id[i] for i in ids):
            if fact.informant != code:
                continue
            if identity(clean(statement(fact))) == identity(text):
                return True
            if any(fact.uid in m.members and clean(m.text) == text for m in merged.values()):
                return True
        return False

    problems = []
    for row in build_display(project, "factors").rows:
        for cell in row.cells[1:]:
            for line in filter(None, cell.text.split("\n")):
                text, who = _cited(line)
                for code in who:
                    if code in codes and not said(code, text, cell.codings):
                        problems.append(f"factors {line!r}: {code}")
    for row in build_display(project, "efforts").rows:
        text, _dims, who = row.cells
        for code in who.text.split(", "):
            if code in codes and not said(code, text.text, text.codings):
                problems.append(f"efforts {text.text!r}: {code}")
    for row in build_display(project, "informant-dimension").rows:
        if row.key not in codes:
            continue
        for cell in row.cells[1:]:
            for line in filter(None, cell.text.split("\n")):
                text = line[2:]  # after the polarity mark
                if not said(row.key, text, cell.codings):
                    problems.append(f"informant-dimension {row.key}: {line!r}")
    return problems


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    root = tmp_path_factory.mktemp("faithful") / "demo"
    root.mkdir()
    for folder in ("transcripts", "codebooks"):
        shutil.copytree(ROOT / folder, root / folder)
    for name in ("qualcode.yaml", "codings.yaml"):
        shutil.copy(ROOT / name, root / name)
    project = Project.open(root)
    yield project
    project.close()


def test_the_demo_study_shows_every_informant_beside_their_own_words(demo):
    assert build_display(demo, "factors").rows  # the check has lines to look at
    assert unfaithful(demo) == []


def test_accepted_merges_are_the_only_lines_in_other_words(built):
    project = built.project
    assert unfaithful(project) == []
    for proposal in proposals(project):
        accept(project, [m.uid for m in proposal.members], f"Gabungan: {proposal.text}")
    assert "Gabungan:" in build_display(project, "factors").cell("sarana", "penghambat").text
    assert unfaithful(project) == []


def test_the_check_catches_a_line_under_someone_elses_words(built, monkeypatch):
    from qualcode.core.analysis.statements import Merged
    from qualcode.core.displays import factors

    def careless(items, text_of, *_args):  # every statement of a cell under the first wording
        return [Merged(text_of(items[0]), tuple(items))]

    monkeypatch.setattr(factors, "merge", careless)
    found = unfaithful(built.project)
    assert "factors 'Ruang tunggu sudah diperluas (I1)': I1" not in found
    assert any(p.startswith("factors 'Komputer hanya 3 unit berfungsi (") for p in found)

"""CLI: `qualcode suggest` learns from the project's codings by default; --no-learn turns it off."""

from __future__ import annotations

import json

import pytest

from qualcode.core.project import Project
from tests.core.coding_fixtures import import_template
from tests.core.test_suggest_learned import TARGET, TRAINING, code_training, interview

KIOSK = "Anjungan di dekat pintu juga nge-hang."


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    """A project whose first interview the student has coded by hand (40 codings)."""
    root = import_template(
        tmp_path_factory.mktemp("cli_learned"),
        "Uji belajar",
        {"A.txt": interview("I1", TRAINING), "B.txt": interview("I2", TARGET)},
    )
    with Project.open(root) as project:
        code_training(project)
    return root


def listed(proj_cli, *args) -> list[dict]:
    code, out, _ = proj_cli("suggest", "I2", *args, "--json")
    assert code == 0
    return json.loads(out)


def test_suggestions_learned_from_the_codings_explain_themselves(proj_cli):
    code, out, err = proj_cli("suggest", "I2")
    assert code == 0
    lines = out.splitlines()
    at = next(n for n, line in enumerate(lines) if line.endswith(KIOSK))
    assert "sarana-peralatan" in lines[at] and "%" in lines[at]
    assert lines[at + 1].lstrip().startswith("≈ mirip I1 (sarana-peralatan): “Anjungan")
    assert "model yang dipelajari" in err
    [kiosk, *_] = [s for s in listed(proj_cli) if s["text"] == KIOSK]
    assert kiosk["learned"] and 0 < kiosk["confidence"] <= 1
    assert kiosk["similar"] and {s["informant"] for s in kiosk["similar"]} == {"I1"}


def test_no_learn_shows_the_keyword_proposals_only(proj_cli):
    code, out, err = proj_cli("suggest", "I2", "--no-learn")
    assert code == 0 and "≈" not in out and KIOSK not in out
    assert "model yang dipelajari" not in err
    found = listed(proj_cli, "--no-learn")
    assert found and not any(s["learned"] or s["similar"] for s in found)
    assert any(s["code"] == "kompetensi-sikap" for s in found)


def test_small_talk_and_questions_are_never_suggested(proj_cli):
    texts = {s["text"] for s in listed(proj_cli)} | {
        s["text"] for s in listed(proj_cli, "--no-learn")
    }
    assert not texts & {"Iya.", "Oh gitu.", "Kapan suratnya jadi?"}

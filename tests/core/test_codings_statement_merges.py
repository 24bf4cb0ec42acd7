"""The codings file carries the student's merge decisions: export, import, replace, refusal."""

from __future__ import annotations

import pytest

from qualcode.core.analysis.merges import accept, merges, proposals, reject
from qualcode.core.codings_file.format import parse
from qualcode.core.codings_file.io import export_codings, import_codings, snapshot_text
from qualcode.errors import CodingError
from tests.core.displays.fixture import built, indonesian  # noqa: F401 - fixtures


def test_merges_travel_in_the_codings_file(built, tmp_path):  # noqa: F811
    project = built.project
    first, second, _ = proposals(project)
    made = accept(project, [m.uid for m in first.members], "Hanya 3 komputer berfungsi")
    reject(project, second)
    text = snapshot_text(project)
    assert "statement_merges:" in text and "Hanya 3 komputer berfungsi" in text
    snap = parse(text, "codings.yaml")
    assert [(m.uid, m.state) for m in snap.statement_merges] == [
        (made.uid, "accepted"),
        (snap.statement_merges[1].uid, "rejected"),
    ]
    path = tmp_path / "codings.yaml"
    export_codings(project, path)
    project.store.undo()
    project.store.undo()
    assert merges(project) == [] and len(proposals(project)) == 3
    import_codings(project, path)
    [view] = merges(project)
    assert (view.uid, view.text) == (made.uid, "Hanya 3 komputer berfungsi")
    assert [p.id for p in proposals(project)] == [proposals(project)[0].id]
    assert second.id not in {p.id for p in proposals(project)}


def test_replace_removes_merges_the_file_lacks(built, tmp_path):  # noqa: F811
    project = built.project
    path = tmp_path / "codings.yaml"
    export_codings(project, path)
    text = path.read_text(encoding="utf-8")
    assert "statement_merges" not in text  # no decisions yet: the file is as before
    accept(project, [m.uid for m in proposals(project)[0].members])
    path.write_text(text + "statement_merges: []\n", encoding="utf-8")
    import_codings(project, path, mode="replace")
    assert merges(project) == []


def test_a_bad_merge_state_is_refused_naming_the_place():
    text = (
        "format: qualcode-codings\nversion: 1\nsources: []\nmemos: []\ninformants: []\n"
        "statement_merges:\n- id: m1\n  state: maybe\n  members: [a, b]\n"
    )
    with pytest.raises(CodingError) as info:
        parse(text, "codings.yaml")
    assert "statement_merges[0]" in info.value.message and "maybe" in info.value.message


def test_the_section_keeps_its_key_order_and_leaves_out_an_empty_wording(built):  # noqa: F811
    import yaml

    project = built.project
    first, second, _ = proposals(project)
    accept(project, [m.uid for m in first.members], "Hanya 3  komputer\nberfungsi")
    reject(project, second)
    accepted, rejected = yaml.safe_load(snapshot_text(project))["statement_merges"]
    assert list(accepted) == ["id", "state", "text", "members", "author", "created"]
    assert list(rejected) == ["id", "state", "members", "author", "created"]
    assert accepted["members"] == [m.uid for m in first.members]
    snap = parse(snapshot_text(project), "codings.yaml")
    assert snap.statement_merges[0].text == "Hanya 3 komputer berfungsi"
    assert snap.statement_merges[1].members == tuple(m.uid for m in second.members)

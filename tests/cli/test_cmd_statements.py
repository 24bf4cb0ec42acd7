"""CLI: statements proposals, merge, reject, merges, unmerge — output, exit codes, the store."""

from __future__ import annotations

import json

import pytest

from tests.core.displays.fixture import make_project


@pytest.fixture
def mini(tmp_path, monkeypatch, cli_for):
    monkeypatch.setenv("QUALCODE_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("QUALCODE_CODER", "uji")
    monkeypatch.setenv("COLUMNS", "200")
    built = make_project(tmp_path / "p")
    built.project.close()
    return cli_for(tmp_path / "p")


def _factors(run) -> str:
    code, out, _ = run("matrix", "factors", "--format", "md")
    assert code == 0
    return out


def test_proposals_list_members_with_informant_and_quote(mini):
    code, out, err = mini("statements", "proposals")
    assert code == 0
    assert "1. [p" in out and "3 pernyataan ini tampak mirip" in out
    assert "I10    Komputer hanya 3 unit yang berfungsi" in out
    assert "3 usulan penggabungan" in err
    code, out, _ = mini("statements", "proposals", "--json")
    found = json.loads(out)
    assert [p["scope"] for p in found] == [
        "sarana/penghambat",
        "sarana/penghambat",
        "sikap/pendukung",
    ]
    assert {m["informant"] for m in found[0]["members"]} == {"I1", "I2", "I10"}
    assert all(m["quote"] for p in found for m in p["members"])


def test_merge_a_proposal_with_a_wording_then_unmerge_and_undo(mini):
    assert "(I1, I2, I10)" not in _factors(mini)
    code, out, err = mini("statements", "merge", "1", "--as", "Hanya tiga komputer berfungsi")
    assert code == 0 and len(out.strip()) == 12
    assert "Hanya tiga komputer berfungsi (I1, I2, I10)" in _factors(mini)
    code, out, _ = mini("statements", "merges", "--json")
    [merged] = json.loads(out)
    assert merged["text"] == "Hanya tiga komputer berfungsi"
    assert [m["informant"] for m in merged["members"]] == ["I1", "I2", "I10"]
    assert mini("statements", "unmerge", "1")[0] == 0
    assert "(I1, I2, I10)" not in _factors(mini)
    assert mini("undo")[0] == 0
    assert "Hanya tiga komputer berfungsi (I1, I2, I10)" in _factors(mini)


def test_merge_chosen_codings_and_reject_a_proposal(mini):
    code, _, _ = mini("statements", "merge", "--codings", "I2.txt-0,I10.txt-0")
    assert code == 0
    code, out, _ = mini("statements", "proposals", "--json")
    ids = [p["id"] for p in json.loads(out)]
    assert mini("statements", "reject", ids[0])[0] == 0
    code, out, _ = mini("statements", "proposals", "--json")
    assert ids[0] not in [p["id"] for p in json.loads(out)]


def test_bad_input_is_refused_and_changes_nothing(mini):
    before = _factors(mini)
    code, _, err = mini("statements", "merge", "9")
    assert code == 6 and "Tidak ada usulan penggabungan '9'" in err
    code, _, err = mini("statements", "merge")
    assert code == 1 and "Sebutkan satu usulan atau --codings" in err
    code, _, err = mini("statements", "merge", "--codings", "I1.txt-0,tidak-ada")
    assert code == 6 and "tidak-ada" in err
    code, _, err = mini("statements", "unmerge", "abc")
    assert code == 6 and "Tidak ada penggabungan 'abc'" in err
    assert _factors(mini) == before


def test_codings_still_to_condense_are_listed(mini, tmp_path):
    from qualcode.core.project import Project
    from tests.core.displays.fixture import Built, add_coding

    project = Project.open(tmp_path / "p")
    add_coding(Built(project, {}, {}), "I2.txt", "sarana", "penghambat", "")
    project.close()
    code, out, err = mini("codings", "uncondensed", "--json")
    assert code == 0
    [made] = json.loads(out)
    assert (made["summary"], made["code"]) == ("", "sarana")
    assert "1 koding belum diringkas" in mini("codings", "uncondensed")[2]
    factors = _factors(mini)
    assert f"“{made['quote']}” (I2)" in factors  # shown as a quote, visibly not a summary

"""CLI: qualcode suggest (list, accept, reject, accept-all), qualcode search (KWIC, code hits)."""

from __future__ import annotations

import json

import pytest

from tests.cli.helpers import row_counts
from tests.core.coding_fixtures import import_template

I1 = """---
informant: I1
group: masyarakat
---
P: Bagaimana pelayanan petugas di loket?

I: Pelayanannya nggak ramah. Kurang jelas persyaratannya.

P: Komputernya bagaimana?

I: Komputr di loket sering rusak. Belum ada genset di kantor.
"""
TABLES = ("codings", "rejected_suggestions", "events", "event_changes")


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    """One imported project, built once; each test works on a copy (``proj``)."""
    return import_template(tmp_path_factory.mktemp("cli_suggest"), "Uji CLI saran", {"I1.txt": I1})


def counts(root) -> dict[str, int]:
    return row_counts(root, TABLES)


def suggestions(proj_cli, *args) -> list[dict]:
    code, out, _ = proj_cli("suggest", *args, "--json")
    assert code == 0
    return json.loads(out)


# -- suggest -----------------------------------------------------------------------------------
def test_suggest_lists_sentence_code_polarity_score_words_and_text(proj_cli):
    code, out, err = proj_cli("suggest", "I1")
    assert code == 0
    first = out.splitlines()[0]
    assert first.split()[:5] == ["I1", "1", "kompetensi-sikap", "penghambat", first.split()[4]]
    assert "[nggak ramah]" in first and first.endswith("Pelayanannya nggak ramah.")
    assert "saran." in err
    listed = suggestions(proj_cli, "I1")
    assert {s["sentence"] for s in listed} <= {
        1,
        2,
        4,
        5,
    }  # never the interviewer's sentences 0 and 3
    assert listed[0]["matched"] == ["nggak ramah"] and listed[0]["dimension"] == "kompetensi"


def test_suggest_limit_and_min_score(proj_cli):
    assert len(suggestions(proj_cli, "I1", "--limit", "2")) == 2
    assert all(s["score"] >= 0.6 for s in suggestions(proj_cli, "--min-score", "0.6"))


def test_accept_makes_a_coding_with_an_edited_summary(proj_cli, proj):
    code, out, err = proj_cli(
        "suggest", "--accept", "I1:4:sarana-peralatan", "--summary", "Komputer sering rusak"
    )
    assert code == 0 and out.strip().isdigit()
    assert "sarana-peralatan (penghambat)" in err
    code, out, _ = proj_cli("codings", "list", "--json")
    [made] = json.loads(out)
    assert (made["code"], made["summary"], made["polarity"]) == (
        "sarana-peralatan",
        "Komputer sering rusak",
        "penghambat",
    )
    assert "sarana-peralatan" not in [
        s["code"] for s in suggestions(proj_cli, "I1") if s["sentence"] == 4
    ]


def test_accept_with_a_polarity_leaves_the_coding_to_condense(proj_cli):
    code, out, _ = proj_cli(
        "suggest", "--accept", "I1:5:sarana-peralatan", "-p", "netral", "--json"
    )
    made = json.loads(out)
    assert (
        code == 0
        and made["polarity"] == "netral"
        and made["summary"] == ""  # the sentence is a quote, not a summary
    )


def test_reject_is_remembered(proj_cli, proj):
    code, _, err = proj_cli("suggest", "--reject", "I1:4:sarana-peralatan")
    assert code == 0 and "ditolak" in err
    assert "sarana-peralatan" not in [
        s["code"] for s in suggestions(proj_cli, "I1") if s["sentence"] == 4
    ]
    before = counts(proj)
    code, _, err = proj_cli("suggest", "--reject", "I1:4:sarana-peralatan")
    assert code == 0 and "sudah ditolak" in err and counts(proj) == before


def test_accept_all_after_review_is_one_undoable_step(proj_cli, proj):
    before = counts(proj)
    # no terminal: no
    code, _, err = proj_cli("suggest", "I1", "--accept-all", "--min-score", "0.5")
    assert code == 1 and counts(proj) == before
    code, out, err = proj_cli("suggest", "I1", "--accept-all", "--min-score", "0.5", "--yes")
    assert code == 0 and "diterima sebagai koding" in err
    made = counts(proj)["codings"]
    assert made >= 3
    assert proj_cli("undo")[0] == 0
    assert counts(proj)["codings"] == 0


@pytest.mark.parametrize(
    "args, message",
    [
        (("--accept", "I1:4"), "bukan SUMBER:KALIMAT:KODE"),
        (("--accept", "I1:x:sarana"), "bukan SUMBER:KALIMAT:KODE"),
        (("--accept", "I1:3:sarana"), "pewawancara"),
        (("--accept", "I1:40:sarana"), "tidak punya kalimat nomor 40"),
        (("--accept", "I1:4:sarnaa"), "Mungkin maksud Anda: sarana"),
        (("--accept", "I9:4:sarana"), "Sumber 'I9' tidak ada di proyek"),
        (("--reject", "I1:4:sarana", "--accept", "I1:4:sarana"), "Pilih satu saja"),
        (("--summary", "x"), "hanya berlaku bersama --accept"),
        (("--accept-all",), "--accept-all memerlukan --min-score"),
        (("I9",), "Sumber 'I9' tidak ada di proyek"),
    ],
)
def test_bad_suggest_requests_fail_cleanly_and_change_nothing(proj_cli, proj, args, message):
    before = counts(proj)
    code, out, err = proj_cli("suggest", *args)
    assert code != 0 and message in err and "Traceback" not in err
    assert counts(proj) == before


# -- search ------------------------------------------------------------------------------------
def test_search_prints_keyword_in_context_lines(proj_cli):
    code, out, err = proj_cli("search", "komputr")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith("I1") and "[Komputr]" in lines[0]
    assert any("[Komputernya]" in line for line in lines)
    assert "hasil." in err


def test_search_json_and_filters(proj_cli):
    code, out, _ = proj_cli("search", "rusak", "--informant", "I1", "--json")
    [hit] = json.loads(out)
    assert (hit["match"], hit["informant"], hit["sentence"], hit["speaker"]) == (
        "rusak",
        "I1",
        4,
        "informant",
    )
    code, out, _ = proj_cli("search", "rusak", "--uncoded", "--json")
    assert code == 0 and len(json.loads(out)) == 1
    code, out, _ = proj_cli("search", "rusak", "--coded-with", "sarana", "--json")
    assert code == 0 and json.loads(out) == []


def test_search_codes_all_hits_after_review(proj_cli, proj):
    before = counts(proj)
    code, out, err = proj_cli(
        "search", "komputer", "--code", "sarana-peralatan", "--polarity", "penghambat"
    )
    assert code == 1 and counts(proj) == before  # asked, no terminal to answer: nothing done
    code, out, err = proj_cli(
        "search", "komputer", "--code", "sarana-peralatan", "-p", "penghambat", "--yes"
    )
    assert code == 0 and "1 kalimat dikodekan" in err and "1 hasil dilewati" in err
    assert counts(proj)["codings"] == 1
    code, out, _ = proj_cli("search", "rusak", "--coded-with", "sarana", "--json")
    assert len(json.loads(out)) == 1


@pytest.mark.parametrize(
    "args, message",
    [
        (("",), "kosong"),
        (("rusak", "--informant", "I99"), "Informan 'I99' tidak ada"),
        (("rusak", "--group", "mahasiswa"), "Kelompok informan 'mahasiswa'"),
        (("rusak", "--coded-with", "sarnaa"), "Mungkin maksud Anda"),
        (("rusak", "--code", "sarana"), "--code memerlukan --polarity"),
        (("rusak", "--polarity", "netral"), "hanya berlaku bersama --code"),
        (("rusak", "--code", "sarnaa", "-p", "netral", "--yes"), "Mungkin maksud Anda"),
    ],
)
def test_bad_searches_fail_cleanly_and_change_nothing(proj_cli, proj, args, message):
    before = counts(proj)
    code, out, err = proj_cli("search", *args)
    assert code != 0 and message in err and "Traceback" not in err
    assert counts(proj) == before


def test_english_messages(proj_cli):
    code, _, err = proj_cli("--lang", "en", "search", "rusak", "--informant", "I99")
    assert code != 0 and "Informant 'I99' is not in the project." in err

"""CLI: code, uncode, coding edit/show, codings list/export/import, undo, redo, log, memo."""

from __future__ import annotations

import json
import shutil

import pytest
import yaml

from tests.cli.helpers import row_counts
from tests.core.coding_fixtures import import_template

I1 = "P: Bagaimana pelayanannya?\n\nI: Pelayanannya cepat. Tapi komputernya sering rusak.\n"
I2 = "P: Apa syaratnya?\n\nI: Fotokopi KK dan surat pengantar. Saya disuruh pulang.\n"
TABLES = ("codings", "memos", "events", "event_changes")


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    """One imported project, built once; each test works on a copy (``proj``)."""
    transcripts = {"I1.txt": I1, "I2.txt": I2}
    return import_template(tmp_path_factory.mktemp("template"), "Uji CLI", transcripts)


def counts(root) -> dict[str, int]:
    return row_counts(root, TABLES)


def listed(proj_cli) -> list[dict]:
    code, out, _ = proj_cli("codings", "list", "--json")
    assert code == 0
    return json.loads(out)


# -- code / uncode / edit / show --------------------------------------------------------------
def test_code_a_sentence_prints_the_new_id_on_stdout(proj_cli, proj):
    code, out, err = proj_cli(
        "code", "I1", "sarana", "--sentence", "2", "-p", "penghambat", "-s", "Komputer rusak"
    )
    assert (code, out) == (0, "1\n")
    assert "Koding #1: sarana (penghambat) pada I1 kalimat 2" in err
    [made] = listed(proj_cli)
    assert (made["quote"], made["summary"], made["coder"]) == (
        "Tapi komputernya sering rusak.",
        "Komputer rusak",
        "nadia",
    )


def test_code_a_turn_and_a_span(proj_cli):
    assert proj_cli("code", "I1.txt", "waktu", "--turn", "1")[0] == 0
    text_start = I1.index("komputernya")
    code, out, _ = proj_cli(
        "code", "I1", "sarana-peralatan", "--span", f"{text_start}:{text_start + 11}", "--json"
    )
    assert code == 0
    assert json.loads(out)["quote"] == "komputernya"
    assert [c["code"] for c in listed(proj_cli)] == ["waktu", "sarana-peralatan"]


@pytest.mark.parametrize(
    "args, message",
    [
        (("I1", "sarnaa", "--sentence", "2"), "Mungkin maksud Anda: sarana"),
        (("I1", "sarana", "--sentence", "0"), "pertanyaan pewawancara"),
        (("I1", "sarana", "--sentence", "9"), "tidak punya kalimat 9"),
        (("I1", "sarana"), "tepat satu dari --sentence, --turn, atau --span"),
        (("I1", "sarana", "--sentence", "1", "--turn", "1"), "diberikan: --sentence, --turn"),
        (("I1", "sarana", "--span", "5-9"), "Rentang '5-9' tidak sah"),
        (("I1", "sarana", "--span", "0:9999"), "di luar teks I1"),
        (("I7", "sarana", "--sentence", "1"), "Sumber 'I7' tidak ada"),
        (("upaya", "upaya", "--sentence", "1"), "Sumber 'upaya' tidak ada"),
    ],
)
def test_bad_coding_requests_fail_cleanly_and_change_nothing(proj_cli, proj, args, message):
    before = counts(proj)
    code, out, err = proj_cli("code", *args)
    assert code == 6
    assert out == ""
    assert message in " ".join(err.split())
    assert "Traceback" not in err
    assert counts(proj) == before


def test_force_allows_interviewer_text(proj_cli):
    assert proj_cli("code", "I1", "prosedur", "--sentence", "0", "--force")[0] == 0


def test_edit_show_and_uncode(proj_cli, proj):
    proj_cli("code", "I1", "sarana", "--sentence", "2")
    code, out, err = proj_cli(
        "coding",
        "edit",
        "1",
        "--polarity",
        "penghambat",
        "--summary",
        "Rusak",
        "--code",
        "sarana-peralatan",
    )
    assert code == 0 and out == ""
    assert "Koding #1 diubah: sarana-peralatan (penghambat)" in err
    code, out, _ = proj_cli("coding", "show", "1", "--json")
    shown = json.loads(out)
    assert (shown["code"], shown["summary"], shown["source"]) == (
        "sarana-peralatan",
        "Rusak",
        "transcripts/I1.txt",
    )
    code, out, _ = proj_cli("coding", "show", "1")
    assert "Sarana dan Prasarana" in out and "Rusak" in out
    assert proj_cli("coding", "edit", "1", "--code", "nope")[0] == 6
    code, out, err = proj_cli("uncode", "1")
    assert code == 0 and "dihapus" in err
    assert listed(proj_cli) == []
    before = counts(proj)
    code, _, err = proj_cli("uncode", "1")
    assert code == 6 and "Koding 1 tidak ada" in err
    assert counts(proj) == before


# -- undo / redo / log ------------------------------------------------------------------------
def test_undo_redo_and_log(proj_cli):
    proj_cli("code", "I1", "sarana", "--sentence", "2")
    proj_cli("coding", "edit", "1", "--summary", "baru")
    code, out, err = proj_cli("undo")
    assert code == 0 and out == "" and "Dibatalkan: ubah koding #1" in err
    assert listed(proj_cli)[0]["summary"] == ""
    assert proj_cli("undo")[0] == 0
    assert listed(proj_cli) == []
    code, _, err = proj_cli("undo")
    assert code == 1 and "Tidak ada perubahan yang bisa dibatalkan" in err
    assert proj_cli("redo")[0] == 0
    assert len(listed(proj_cli)) == 1
    code, out, _ = proj_cli("log", "--json", "--limit", "20")
    events = json.loads(out)
    changes = [e for e in events if e["kind"] == "change"]
    assert [(e["action"], e["state"]) for e in changes] == [
        ("coding.edit", "undone"),
        ("coding.add", "done"),
    ]
    assert all(e["actor"] == "nadia" for e in events)
    code, out, err = proj_cli("log", "--changes-only")
    assert code == 0 and "kode sarana pada I1 kalimat 2" in " ".join(out.split())
    assert "impor transcripts" not in out
    assert "'qualcode undo' akan membatalkan: kode sarana" in err


# -- codings list / export / import ------------------------------------------------------------
def test_codings_list_filters(proj_cli):
    proj_cli("code", "I1", "sarana-peralatan", "--sentence", "2", "-p", "penghambat")
    proj_cli("code", "I1", "waktu", "--sentence", "1", "-p", "pendukung")
    proj_cli("code", "I2", "prosedur-persyaratan", "--turn", "1", "-p", "penghambat")

    def codes(*args):
        code, out, _ = proj_cli("codings", "list", "--json", *args)
        assert code == 0
        return [c["code"] for c in json.loads(out)]

    assert codes("--code", "sarana") == ["sarana-peralatan"]
    assert codes("--polarity", "penghambat") == ["sarana-peralatan", "prosedur-persyaratan"]
    assert codes("--source", "I2.txt") == ["prosedur-persyaratan"]
    assert codes("--informant", "I1") == ["waktu", "sarana-peralatan"]
    code, out, err = proj_cli("codings", "list")
    assert code == 0 and "I1 kalimat 1" in out and "3 koding." in err
    assert proj_cli("codings", "list", "--code", "sarnaa")[0] == 6


def test_export_and_import(proj_cli, proj, tmp_path):
    proj_cli("code", "I1", "sarana", "--sentence", "2", "-p", "penghambat", "-s", "Rusak")
    code, out, err = proj_cli("codings", "export")
    assert code == 0 and out == "" and "1 koding ditulis" in err
    snapshot = proj / "codings.yaml"
    first = snapshot.read_text(encoding="utf-8")
    code, _, err = proj_cli("codings", "export")
    assert code == 6 and "sudah ada" in err
    assert snapshot.read_text(encoding="utf-8") == first
    code, out, _ = proj_cli("codings", "export", "-")
    assert code == 0 and out == first
    proj_cli("uncode", "1")
    code, out, err = proj_cli("codings", "import", str(snapshot))
    assert code == 0 and out == "" and "Impor selesai: 1 baru" in " ".join(err.split())
    assert listed(proj_cli)[0]["summary"] == "Rusak"
    data = yaml.safe_load(first)
    data["sources"][0]["codings"][0]["code"] = "kecepatan"
    bad = tmp_path / "bad.yaml"
    bad.write_text(yaml.safe_dump(data), encoding="utf-8")
    before = counts(proj)
    code, out, err = proj_cli("codings", "import", str(bad))
    assert code == 6 and out == "" and "kode 'kecepatan' tidak ada" in err
    assert counts(proj) == before
    code, out, _ = proj_cli("codings", "import", str(snapshot), "--json")
    assert json.loads(out)["unchanged"] == 1


def test_conclusions_and_verdicts_travel_with_the_codings_file(proj_cli, proj, tmp_path):
    proj_cli("code", "I1", "sarana", "--sentence", "2", "-p", "penghambat", "-s", "Rusak")
    uid = listed(proj_cli)[0]["uid"]
    assert proj_cli("conclude", "sarana", "--verdict", "kurang baik", "--evidence", uid)[0] == 0
    assert proj_cli("indicator-verdict", "sarana-peralatan", "belum berkualitas")[0] == 0
    assert proj_cli("codings", "export")[0] == 0
    snapshot = proj / "codings.yaml"
    shutil.rmtree(proj / ".qualcode")  # a fresh clone: the store is built from the file
    code, out, _ = proj_cli("conclude", "sarana")
    assert code == 0 and "kurang baik" in out
    code, out, _ = proj_cli("matrix", "indicators", "--format", "csv")
    assert "Kelengkapan peralatan kerja,0,0,0,0,—,belum berkualitas" in out
    data = yaml.safe_load(snapshot.read_text(encoding="utf-8"))
    data["conclusions"][0]["verdict"] = "jelek"
    bad = tmp_path / "bad.yaml"
    bad.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    before = counts(proj)
    code, out, err = proj_cli("codings", "import", str(bad), "--replace")
    assert code == 6 and out == "" and "bad.yaml" in err
    assert "conclusions[0] (sarana): putusan 'jelek'" in " ".join(err.split())
    assert counts(proj) == before
    data["conclusions"][0]["verdict"] = "cukup baik"
    data["conclusions"][0]["updated"] = "2999-01-01T00:00:00+00:00"
    bad.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    code, out, err = proj_cli("codings", "import", str(bad), "--json")
    assert code == 0 and json.loads(out)["conclusions_updated"] == 1
    assert "Kesimpulan +0 ~1 −0" in err


# -- memos ------------------------------------------------------------------------------------
def test_memo_commands(proj_cli, proj):
    code, out, err = proj_cli(
        "memo", "add", "code", "sarana", "Komputer disebut banyak informan", "--title", "Sarana"
    )
    assert (code, out) == (0, "1\n") and "Memo #1 ditulis pada kode sarana" in err
    assert proj_cli("memo", "add", "project", "Catatan umum")[0] == 0
    assert proj_cli("memo", "add", "informant", "I2", "Pemohon")[0] == 0
    code, out, _ = proj_cli("memo", "list", "--json")
    assert [(m["kind"], m["target"]) for m in json.loads(out)] == [
        ("code", "sarana"),
        ("project", ""),
        ("informant", "I2"),
    ]
    code, out, _ = proj_cli("memo", "list", "informant", "i2", "--json")
    assert [m["body"] for m in json.loads(out)] == ["Pemohon"]
    assert proj_cli("memo", "edit", "1", "Diubah")[0] == 0
    code, out, _ = proj_cli("memo", "show", "1")
    assert "Diubah" in out and "Sarana" in out
    before = counts(proj)
    for args, message in (
        (("memo", "add", "informant", "I9", "x"), "Informan 'I9' tidak ada"),
        (("memo", "add", "code", "sarana", "x", "y"), "Terlalu banyak kata"),
        (("memo", "remove", "99"), "Memo 99 tidak ada"),
    ):
        code, out, err = proj_cli(*args)
        assert code != 0 and out == "" and message in err
    assert counts(proj) == before
    assert proj_cli("memo", "remove", "1")[0] == 0
    assert proj_cli("undo")[0] == 0
    code, out, _ = proj_cli("memo", "show", "1", "--json")
    assert json.loads(out)["body"] == "Diubah"


# -- help and language ------------------------------------------------------------------------
@pytest.mark.parametrize(
    "command",
    [
        ["code"],
        ["uncode"],
        ["coding", "edit"],
        ["coding", "show"],
        ["codings", "list"],
        ["codings", "export"],
        ["codings", "import"],
        ["undo"],
        ["redo"],
        ["log"],
        ["memo", "add"],
        ["memo", "list"],
        ["memo", "show"],
        ["memo", "edit"],
        ["memo", "remove"],
    ],
)
def test_every_command_has_help(proj_cli, command):
    code, out, _ = proj_cli(*command, "--help")
    assert code == 0
    assert "Pemakaian:" in out and len(out.splitlines()) > 3


def test_english_output(proj_cli):
    code, _, err = proj_cli("--lang", "en", "code", "I1", "sarana", "--sentence", "0")
    assert code == 6 and "interviewer's question" in err


def test_a_fresh_clone_loads_the_committed_snapshot(proj_cli, proj):
    proj_cli("code", "I1", "sarana", "--sentence", "2", "-p", "penghambat", "-s", "Rusak")
    proj_cli("memo", "add", "code", "sarana", "Catatan")
    assert proj_cli("codings", "export")[0] == 0
    shutil.rmtree(proj / ".qualcode")  # what a fresh git clone has: files, no store
    [made] = listed(proj_cli)
    assert (made["code"], made["summary"], made["quote"]) == (
        "sarana",
        "Rusak",
        "Tapi komputernya sering rusak.",
    )
    code, out, _ = proj_cli("memo", "list", "--json")
    assert [m["body"] for m in json.loads(out)] == ["Catatan"]
    code, _, err = proj_cli("undo")
    assert code == 1 and "muat koding" in err  # the first load is not undone by accident

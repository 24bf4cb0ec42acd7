"""CLI: review list/show/comment/reply/resolve/approve/revise/import, --as, --review, log."""

from __future__ import annotations

import json

import pytest

from tests.core.coding_fixtures import import_template

I1 = "P: Bagaimana pelayanannya?\n\nI: Pelayanannya cepat. Tapi komputernya sering rusak.\n"


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    """One imported project, built once; each test works on a copy (``proj``)."""
    return import_template(tmp_path_factory.mktemp("template"), "Uji telaah", {"I1.txt": I1})


def _uid(proj_cli) -> str:
    code, out, _ = proj_cli("code", "I1", "sarana", "--sentence", "2", "--json")
    assert code == 0
    return json.loads(out)["uid"]


def test_a_review_round_trip_on_the_command_line(proj_cli):
    uid = _uid(proj_cli)
    code, out, err = proj_cli(
        "--as",
        "Dr. Sari",
        "--role",
        "pembimbing",
        "review",
        "revise",
        "coding",
        uid,
        "Terlalu pendek",
    )
    assert (code, out.strip()) == (0, "1")
    assert f"Revisi diminta pada koding {uid}" in err
    assert proj_cli("--as", "Nadia", "review", "reply", "1", "Sudah diperpanjang")[0] == 0
    code, out, _ = proj_cli("review", "list", "--state", "answered", "--json")
    [thread] = json.loads(out)
    assert (thread["mark"], thread["state"], thread["author"], thread["role"]) == (
        "needs_revision",
        "answered",
        "Dr. Sari",
        "pembimbing",
    )
    assert [m["author"] for m in thread["messages"]] == ["Dr. Sari", "Nadia"]
    code, out, _ = proj_cli("review", "show", "1")
    assert "Tapi komputernya sering rusak." in out and "Sudah diperpanjang" in out
    assert proj_cli("--as", "Dr. Sari", "review", "resolve", "1")[0] == 0
    assert proj_cli("--as", "Dr. Sari", "review", "approve", "conclusion", "sarana")[0] == 0
    code, out, _ = proj_cli("review", "list", "--person", "Nadia", "--json")
    assert [t["id"] for t in json.loads(out)] == [1]
    code, out, _ = proj_cli("log", "--json")
    events = json.loads(out)
    assert (events[0]["actor"], events[0]["role"]) == ("Dr. Sari", "mahasiswa")
    [revise] = [e for e in events if e["action"] == "review.revise"]
    assert (revise["actor"], revise["role"]) == ("Dr. Sari", "pembimbing")
    code, out, _ = proj_cli("log")
    assert "(pembimbing)" in out


def test_supervisors_named_in_the_project_act_as_pembimbing(proj_cli, proj):
    with (proj / "qualcode.yaml").open("a", encoding="utf-8") as fh:
        fh.write("supervisors: [Dr. Sari, Pak Budi]\n")
    proj_cli("--as", "pak budi", "review", "comment", "project", "Lanjutkan")
    code, out, _ = proj_cli("review", "list", "--json")
    assert json.loads(out)[0]["role"] == "pembimbing"


def test_a_review_session_refuses_coding_but_takes_comments(proj_cli):
    uid = _uid(proj_cli)
    code, _, err = proj_cli("--review", "--as", "Dr. Sari", "uncode", uid)
    assert code != 0 and "Sesi ini hanya untuk telaah" in err
    assert proj_cli("--read-only", "review", "comment", "coding", uid, "Baik")[0] == 0
    code, _, err = proj_cli("review", "comment", "cell", "nope", "x")
    assert code != 0 and "JENIS:BARIS:KOLOM" in err and "Traceback" not in err


def test_import_a_supervisors_copy(proj_cli, proj, tmp_path):
    uid = _uid(proj_cli)
    proj_cli("--as", "Dr. Sari", "review", "comment", "coding", uid, "Sumbernya?")
    copy = tmp_path / "copy.yaml"
    assert proj_cli("codings", "export", str(copy))[0] == 0
    proj_cli("undo")
    code, _, err = proj_cli("review", "import", str(copy))
    assert code == 0 and "1 utas baru" in err
    code, _, err = proj_cli("review", "import", str(copy))
    assert "0 utas baru" in err


def test_the_supervision_log_as_markdown_and_docx(proj_cli, proj):
    import docx

    uid = _uid(proj_cli)
    proj_cli(
        "--as", "Dr. Sari", "--role", "pembimbing", "review", "revise", "coding", uid, "Kurang"
    )
    proj_cli("--as", "Nadia", "review", "reply", "1", "Sudah saya tambah")
    code, out, err = proj_cli("review", "report")
    assert code == 0 and "1 utas dalam 1 hari" in err
    md, word = (p for p in out.split())
    text = open(md, encoding="utf-8").read()
    assert "# Log bimbingan — Uji telaah" in text
    assert "“Tapi komputernya sering rusak.” — sarana" in text
    assert "**Dr. Sari (pembimbing)**" in text and "Sudah saya tambah" in text
    assert "dijawab · perlu revisi" in text
    paragraphs = [p.text for p in docx.Document(word).paragraphs]
    assert any("Sudah saya tambah" in p for p in paragraphs)


def test_import_word_comments_lists_what_it_placed_and_what_it_could_not(proj_cli, proj):
    from pathlib import Path

    fixture = Path(__file__).parents[1] / "core" / "review" / "fixtures"
    _uid(proj_cli)  # with a coding the displays can be built, so their cells can be found
    code, out, err = proj_cli("review", "import", str(fixture / "libreoffice-comments.docx"))
    assert code == 0
    assert "kesimpulan sarana ← Dr. Sari: Kesimpulan ini perlu bukti dokumen" in out
    assert "tidak dapat ditempatkan" in out and "Catatan umum di luar tabel" in out
    assert "sel sarana × pendukung (Matriks Faktor Pendukung dan Penghambat) ← Dr. Sari:" in out
    assert "2 komentar ditempatkan, 1 tidak dapat ditempatkan" in err
    code, out, err = proj_cli("review", "import", str(fixture / "libreoffice-comments.docx"))
    assert "3 sudah pernah diimpor" in err

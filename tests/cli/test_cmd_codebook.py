"""CLI: qualcode codebook check / show / add / rename / move / merge / delete."""

from __future__ import annotations

import json

import pytest

from qualcode.cli import load_commands
from qualcode.core.project import Project
from qualcode.i18n import set_language
from tests.core.codebook_fixtures import (
    MINI,
    build_template,
    code,
    code_ids,
    make_project,
    snapshot,
)


@pytest.fixture(scope="module")
def codebook_template(tmp_path_factory):
    return build_template(tmp_path_factory)


@pytest.fixture
def root(codebook_template, tmp_path, monkeypatch):
    made = make_project(codebook_template, tmp_path, monkeypatch)
    yield made
    set_language("id")


@pytest.fixture
def cli(root, cli_for):
    return cli_for(root)


def with_codings(root, *pairs: tuple[str, str]) -> list[int]:
    with Project.open(root) as project:
        return [code(project, quote, code_id) for quote, code_id in pairs]


def cb_text(root) -> str:
    return (root / "codebooks" / "mini.yaml").read_text(encoding="utf-8")


# -- check ----------------------------------------------------------------------------------------
def test_check_a_good_file(cli, root):
    status, out, err = cli("codebook", "check", str(root / "codebooks" / "mini.yaml"))
    assert status == 0
    assert out == ""
    assert "baik: 2 dimensi, 3 indikator" in err


def test_check_prints_every_problem_with_its_line_and_fails(cli, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(MINI.replace("label: Alur", "lable: Alur").replace("id: waktu\n", "id: Waktu\n"))
    status, out, err = cli("codebook", "check", str(bad))
    assert status == 4
    lines = out.splitlines()
    assert (
        f"{bad}:18: kunci 'lable' di indikator 'prosedur-alur' tidak dikenal"
        " (maksud Anda: 'label'?)" in lines
    )
    assert f"{bad}:17: kunci wajib 'label' belum ada di indikator 'prosedur-alur'" in lines
    assert any(line.startswith(f"{bad}:23: id 'Waktu' tidak sah") for line in lines)
    assert len(lines) == 3
    assert "masalah" in err


def test_check_without_a_file_checks_the_projects_codebook(cli, root):
    broken = MINI.replace("        definition: Alur mudah diikuti.\n", "")
    (root / "codebooks" / "mini.yaml").write_text(broken, encoding="utf-8")
    status, out, _ = cli("codebook", "check")
    assert status == 4
    assert out.splitlines() == [
        "codebooks/mini.yaml:17: kunci wajib 'definition' belum ada di indikator 'prosedur-alur'"
    ]


# -- show -----------------------------------------------------------------------------------------
def test_show_json_is_the_tree_with_coding_counts(cli, root):
    with_codings(
        root,
        ("Antrinya lama sekali kalau pagi.", "waktu-cepat"),
        ("Berkasnya ditempel di loket.", "prosedur-alur"),
        ("Syaratnya fotokopi KK dan surat pengantar.", "prosedur"),
        ("Kami berupaya menambah petugas.", "upaya.waktu"),
    )
    status, out, _ = cli("codebook", "show", "--json")
    assert status == 0
    data = json.loads(out)
    assert data["codebook"] == {"id": "mini", "title": "Mini", "path": "codebooks/mini.yaml"}
    tree = {node["id"]: node for node in data["codes"]}
    assert list(tree) == ["prosedur", "waktu", "upaya"]
    assert (tree["prosedur"]["codings"], tree["prosedur"]["total"]) == (1, 2)
    assert [c["id"] for c in tree["prosedur"]["children"]] == ["prosedur-syarat", "prosedur-alur"]
    assert tree["waktu"]["children"][0]["codings"] == 1
    assert [(c["id"], c["codings"]) for c in tree["upaya"]["children"]] == [
        ("upaya.prosedur", 0),
        ("upaya.waktu", 1),
    ]
    assert data["unknown_codes"] == {}


def test_show_warns_about_codings_whose_code_left_the_codebook(cli, root):
    with_codings(root, ("Berkasnya ditempel di loket.", "prosedur-alur"))
    text = MINI.replace("      - id: prosedur-alur\n", "      - id: prosedur-jalur\n")
    (root / "codebooks" / "mini.yaml").write_text(text, encoding="utf-8")
    status, out, err = cli("codebook", "show")
    assert status == 0
    assert "prosedur-jalur" in out
    assert "prosedur-alur (1)" in err
    _, out, _ = cli("codebook", "show", "--json")
    assert json.loads(out)["unknown_codes"] == {"prosedur-alur": 1}


def test_show_refuses_a_broken_codebook_with_its_problems(cli, root):
    (root / "codebooks" / "mini.yaml").write_text("id: [\n", encoding="utf-8")
    status, _, err = cli("codebook", "show")
    assert status == 4
    assert "codebooks/mini.yaml:2:kesalahansintaksYAML" in "".join(err.split())
    assert "YAML" in err


# -- edits ----------------------------------------------------------------------------------------
def test_add_an_indicator(cli, root):
    status, out, _ = cli(
        "codebook", "add", "waktu-jadwal", "--label", "Kepastian jadwal", "--parent", "waktu",
        "--definition", "Jadwal diumumkan.", "--keyword", "jadwal", "--keyword", "jam buka",
    )  # fmt: skip
    assert status == 0
    assert (
        out.strip() == "Kode 'waktu-jadwal' (Kepastian jadwal) ditambahkan di bawah dimensi 'waktu'"
    )
    assert "keywords: [jadwal, jam buka]" in cb_text(root)


def test_add_a_dimension_needs_its_first_indicator(cli, root):
    before = snapshot(root)
    status, _, err = cli("codebook", "add", "biaya", "--label", "Biaya", "--definition", "Biaya.")
    assert status == 4
    assert "setidaknya satu indikator" in err
    assert snapshot(root) == before
    status, out, _ = cli(
        "codebook", "add", "biaya", "--label", "Biaya", "--definition", "Biaya layanan.",
        "--indicator", "biaya-jelas", "--indicator-label", "Kejelasan",
        "--indicator-definition", "Tarif diumumkan.",
    )  # fmt: skip
    assert status == 0
    assert len(out.splitlines()) == 2
    assert "  - id: biaya\n" in cb_text(root)


def test_rename_prints_how_many_codings_followed(cli, root):
    [cid] = with_codings(root, ("Antrinya lama sekali kalau pagi.", "waktu-cepat"))
    status, out, _ = cli("codebook", "rename", "waktu-cepat", "--id", "waktu-lama")
    assert status == 0
    assert out.splitlines() == [
        "Id 'waktu-cepat' diganti menjadi 'waktu-lama'",
        "1 koding dipindahkan ke kode waktu-lama",
    ]
    with Project.open(root, readonly=True) as project:
        assert code_ids(project) == {cid: "waktu-lama"}


def test_move_merge_and_delete(cli, root):
    a, b = with_codings(
        root,
        ("Berkasnya ditempel di loket.", "prosedur-alur"),
        ("Antrinya lama sekali kalau pagi.", "waktu-cepat"),
    )
    assert cli("codebook", "move", "prosedur-alur", "--to", "waktu")[0] == 0
    status, out, _ = cli("codebook", "merge", "prosedur-alur", "waktu-cepat")
    assert status == 0
    assert out.splitlines()[0] == "1 koding dipindahkan ke kode waktu-cepat"
    status, out, _ = cli("codebook", "delete", "waktu-cepat", "--into", "waktu")
    assert status == 4  # the only indicator of waktu: refused
    add = ("--label", "Ketepatan", "--parent", "waktu", "--definition", "Tepat waktu.")
    assert cli("codebook", "add", "waktu-tepat", *add)[0] == 0
    status, out, _ = cli("codebook", "delete", "waktu-cepat", "--into", "waktu")
    assert status == 0
    assert out.splitlines() == [
        "2 koding dipindahkan ke kode waktu",
        "Kode 'waktu-cepat' dihapus dari codebook",
    ]
    with Project.open(root, readonly=True) as project:
        assert code_ids(project) == {a: "waktu", b: "waktu"}


def test_the_edit_is_undone_by_qualcode_undo(cli, root):
    [cid] = with_codings(root, ("Berkasnya ditempel di loket.", "prosedur-alur"))
    assert cli("codebook", "merge", "prosedur-alur", "prosedur-syarat")[0] == 0
    status, _, _ = cli("undo")
    assert status == 0
    assert cb_text(root) == MINI
    with Project.open(root, readonly=True) as project:
        assert code_ids(project) == {cid: "prosedur-alur"}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("rename", "waktu-cepet", "--id", "x"), "Mungkin maksud Anda: waktu-cepat"),
        (("rename", "waktu-cepat", "--id", "prosedur"), "sudah dipakai"),
        (("rename", "waktu-cepat", "--id", "Waktu Cepat"), "tidak sah"),
        (("delete", "prosedur-alur"), "masih dipakai oleh 1 koding"),
        (("merge", "prosedur", "prosedur"), "ke dirinya sendiri"),
        (("merge", "prosedur", "prosedur-alur"), "indikatornya sendiri"),
        (("move", "prosedur", "--to", "waktu"), "Hanya indikator"),
        (("add", "prosedur-x", "--label", "X", "--parent", "prosedur"), "membutuhkan definisi"),
    ],
)
def test_bad_requests_fail_with_a_message_and_change_nothing(cli, root, args, message):
    with_codings(root, ("Berkasnya ditempel di loket.", "prosedur-alur"))
    before = snapshot(root)
    status, out, err = cli("codebook", *args)
    assert status == 4
    assert out == ""
    assert message in " ".join(err.split())
    assert "Traceback" not in err
    assert snapshot(root) == before


def test_english_output(cli, root):
    status, out, _ = cli("--lang", "en", "codebook", "delete", "prosedur-alur")
    assert status == 0
    assert out.strip() == "Removed the code 'prosedur-alur' from the codebook"


def test_every_codebook_command_has_help():
    group = load_commands().commands["codebook"]
    assert group.help and not group.help.startswith("cli_codebook.")
    for name in ("check", "show", "add", "rename", "move", "merge", "delete"):
        command = group.commands[name]
        assert command.help and not command.help.startswith("cli_codebook."), name
        for param in command.params:
            if getattr(param, "help", None) is not None:
                assert not param.help.startswith("cli_codebook."), (name, param.name)

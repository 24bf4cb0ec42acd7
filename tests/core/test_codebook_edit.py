"""Codebook evolution: add, rename, move, merge, delete — YAML kept, codings follow, undoable."""

from __future__ import annotations

import pytest

from qualcode.core.codebook.document import NewCode
from qualcode.core.codebook.edit import (
    add_code,
    delete_code,
    merge_code,
    move_code,
    rename_code,
)
from qualcode.core.codebook.model import load_codebook
from qualcode.core.project import Project
from qualcode.errors import CodebookError
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
    return make_project(codebook_template, tmp_path, monkeypatch)


@pytest.fixture
def project(root):
    with Project.open(root) as opened:
        yield opened


def text(root) -> str:
    return (root / "codebooks" / "mini.yaml").read_text(encoding="utf-8")


def refused(project, root, func, *args, match: str, **kwargs) -> CodebookError:
    """Call an edit that must be refused; check the message and that nothing changed."""
    before = snapshot(root)
    with pytest.raises(CodebookError) as info:
        func(project, *args, **kwargs)
    assert match in str(info.value), str(info.value)
    assert snapshot(root) == before
    return info.value


def _memo(project, target: str) -> int:
    with project.store.transaction("memo.add", "memo") as tx:
        return tx.insert(
            "memos",
            {
                "uid": f"m-{target}",
                "target_kind": "code",
                "target": target,
                "body": "catatan",
                "author": "nadia",
                "created_at": "x",
                "updated_at": "x",
            },
        )


def _conclusion(project, dimension: str) -> None:
    with project.store.transaction("conclusion.set", "set") as tx:
        tx.insert(
            "conclusions",
            {"dimension_id": dimension, "verdict": "baik", "author": "n", "updated_at": "x"},
        )


# -- add ----------------------------------------------------------------------------------------
def test_add_an_indicator_keeps_comments_and_undo_restores_the_file(project, root):
    result = add_code(
        project,
        NewCode("waktu-jadwal", "Kepastian jadwal", "Jadwal selesai diumumkan.", ("jadwal",)),
        parent="waktu",
    )
    assert result.messages == (
        "Kode 'waktu-jadwal' (Kepastian jadwal) ditambahkan di bawah dimensi 'waktu'",
    )
    new = text(root)
    assert "# Codebook mini untuk uji: komentar ini harus tetap ada." in new
    assert "keywords: [syarat, berkas]  # kata lisan juga" in new
    assert "# -- waktu ---" in new
    assert "      - id: waktu-jadwal\n        label: Kepastian jadwal\n" in new
    assert project.codebook.code("waktu-jadwal").parent == "waktu"  # reloaded
    assert load_codebook(root / "codebooks" / "mini.yaml").has("waktu-jadwal")
    project.store.undo()
    assert text(root) == MINI


def test_add_a_dimension_with_its_first_indicator(project, root):
    first = NewCode("biaya-jelas", "Kejelasan biaya", "Tarif diumumkan.", ("tarif",))
    add_code(project, NewCode("biaya", "Biaya", "Biaya layanan.", ("biaya",), indicators=(first,)))
    book = project.codebook
    assert [d.id for d in book.dimensions] == ["prosedur", "waktu", "biaya"]
    assert book.code("biaya-jelas").parent == "biaya"
    assert book.has("upaya.biaya")
    assert text(root).startswith(MINI.rstrip("\n"))  # appended, nothing above it touched


def test_add_quotes_values_yaml_would_misread(project, root):
    add_code(project, NewCode("waktu-x", "Ya: atau tidak", "Definisi.", ("yes", "12")), "waktu")
    assert project.codebook.code("waktu-x").keywords == ("yes", "12")
    assert project.codebook.code("waktu-x").label == "Ya: atau tidak"


@pytest.mark.parametrize(
    ("new_id", "match"),
    [
        ("Waktu Baru", "tidak sah"),
        ("waktu.baru", "tidak sah"),
        ("upaya", "kategori upaya"),
        ("prosedur-syarat", "sudah dipakai"),
    ],
)
def test_add_refuses_bad_or_taken_ids(project, root, new_id, match):
    refused(project, root, add_code, NewCode(new_id, "Baru", "Definisi."), "waktu", match=match)


def test_add_refuses_an_unknown_parent_and_suggests_close_ids(project, root):
    error = refused(
        project, root, add_code, NewCode("w-x", "X", "D."), "wakt", match="Kode 'wakt' tidak ada"
    )
    assert "waktu" in error.hint


def test_add_refuses_an_indicator_as_parent(project, root):
    refused(
        project,
        root,
        add_code,
        NewCode("w-x", "X", "D."),
        "waktu-cepat",
        match="'waktu-cepat' adalah indikator, bukan dimensi",
    )


def test_add_refuses_missing_definition_sibling_label_and_empty_dimension(project, root):
    refused(
        project, root, add_code, NewCode("w-x", "X", " "), "waktu", match="membutuhkan definisi"
    )
    refused(
        project, root, add_code, NewCode("w-x", "kecepatan", "D."), "waktu", match="sudah dipakai"
    )
    refused(project, root, add_code, NewCode("biaya", "Biaya", "D."), match="setidaknya satu")


# -- rename -------------------------------------------------------------------------------------
def test_rename_an_indicator_id_moves_its_codings_and_memos_in_one_undoable_event(project, root):
    moved = code(project, "Antrinya lama sekali kalau pagi.", "waktu-cepat")
    other = code(project, "Syaratnya fotokopi KK dan surat pengantar.", "prosedur-syarat")
    memo = _memo(project, "waktu-cepat")
    result = rename_code(project, "waktu-cepat", new_id="waktu-lama", label="Lama layanan")
    assert result.codings == 1
    assert "1 koding dipindahkan ke kode waktu-lama" in result.messages
    assert code_ids(project) == {moved: "waktu-lama", other: "prosedur-syarat"}
    assert project.store.scalar("SELECT target FROM memos WHERE id = ?", (memo,)) == "waktu-lama"
    assert "      - id: waktu-lama\n        label: Lama layanan\n" in text(root)
    assert project.codebook.code("waktu-lama").label == "Lama layanan"
    event = project.store.undo()
    assert event.action == "codebook.rename"
    assert text(root) == MINI
    assert code_ids(project)[moved] == "waktu-cepat"
    assert project.store.scalar("SELECT target FROM memos WHERE id = ?", (memo,)) == "waktu-cepat"
    project.store.redo()
    assert code_ids(project)[moved] == "waktu-lama"
    assert "id: waktu-lama" in text(root)


def test_rename_a_dimension_takes_its_efforts_and_conclusion_along(project, root):
    direct = code(project, "Antrinya lama sekali kalau pagi.", "waktu")
    effort = code(project, "Kami berupaya menambah petugas.", "upaya.waktu", "netral")
    _conclusion(project, "waktu")
    result = rename_code(project, "waktu", new_id="durasi")
    assert result.codings == 2
    assert code_ids(project) == {direct: "durasi", effort: "upaya.durasi"}
    assert project.store.scalar("SELECT dimension_id FROM conclusions") == "durasi"
    assert project.codebook.code("waktu-cepat").parent == "durasi"


def test_rename_only_the_label(project, root):
    cid = code(project, "Antrinya lama sekali kalau pagi.", "waktu-cepat")
    result = rename_code(project, "waktu-cepat", label="Ketepatan waktu")
    assert result.messages == ("Label 'Kecepatan' diganti menjadi 'Ketepatan waktu'",)
    assert code_ids(project)[cid] == "waktu-cepat"
    assert text(root) == MINI.replace("label: Kecepatan", "label: Ketepatan waktu")


def test_rename_refusals(project, root):
    refused(project, root, rename_code, "waktu-cepet", new_id="x", match="tidak ada")
    refused(project, root, rename_code, "waktu-cepat", new_id="prosedur", match="sudah dipakai")
    refused(project, root, rename_code, "waktu-cepat", new_id="Waktu_Cepat", match="tidak sah")
    refused(project, root, rename_code, "upaya.waktu", new_id="upaya-x", match="upaya bawaan")
    refused(
        project, root, rename_code, "waktu-cepat", label="Kecepatan", match="Tidak ada yang diubah"
    )
    refused(project, root, rename_code, "prosedur-alur", label="persyaratan", match="sudah dipakai")


# -- move ---------------------------------------------------------------------------------------
def test_move_an_indicator_keeps_its_codings(project, root):
    cid = code(project, "Berkasnya ditempel di loket.", "prosedur-alur")
    result = move_code(project, "prosedur-alur", "waktu")
    assert "dari dimensi 'prosedur' ke 'waktu'; 1 kodingnya" in result.messages[0]
    assert project.codebook.code("prosedur-alur").parent == "waktu"
    assert project.codebook.dimension_of("prosedur-alur").id == "waktu"
    assert code_ids(project)[cid] == "prosedur-alur"
    assert "# -- waktu ---" in text(root)
    project.store.undo()
    assert text(root) == MINI


def test_move_refusals(project, root):
    refused(project, root, move_code, "prosedur", "waktu", match="Hanya indikator")
    refused(project, root, move_code, "prosedur-alur", "prosedur", match="sudah berada")
    refused(project, root, move_code, "waktu-cepat", "prosedur", match="satu-satunya indikator")
    refused(project, root, move_code, "prosedur-alur", "waktu-cepat", match="bukan dimensi")


# -- merge --------------------------------------------------------------------------------------
def test_merge_an_indicator_moves_codings_and_keywords_then_removes_it(project, root):
    a = code(project, "Berkasnya ditempel di loket.", "prosedur-alur")
    b = code(project, "Syaratnya fotokopi KK dan surat pengantar.", "prosedur-syarat")
    result = merge_code(project, "prosedur-alur", "prosedur-syarat")
    assert result.codings == 1
    assert result.messages[0] == "1 koding dipindahkan ke kode prosedur-syarat"
    assert "Kata kunci ditambahkan ke 'prosedur-syarat': alur, loket" in result.messages
    assert code_ids(project) == {a: "prosedur-syarat", b: "prosedur-syarat"}
    assert not project.codebook.has("prosedur-alur")
    assert "keywords: [syarat, berkas, alur, loket] # kata lisan juga\n" in text(root)
    project.store.undo()
    assert text(root) == MINI
    assert code_ids(project)[a] == "prosedur-alur"


def test_merge_reports_codings_now_doubled_on_one_span(project, root):
    code(project, "Berkasnya ditempel di loket.", "prosedur-alur")
    code(project, "Berkasnya ditempel di loket.", "prosedur-syarat")
    result = merge_code(project, "prosedur-alur", "prosedur-syarat")
    assert any("1 koding kini ganda" in line for line in result.messages)
    assert len(code_ids(project)) == 2  # both kept: nothing lost


def test_merge_a_dimension_moves_its_indicators_efforts_and_codings(project, root):
    direct = code(project, "Antrinya lama sekali kalau pagi.", "waktu")
    effort = code(project, "Kami berupaya menambah petugas.", "upaya.waktu", "netral")
    kept = code(project, "Berkasnya ditempel di loket.", "waktu-cepat")
    merge_code(project, "waktu", "prosedur")
    assert code_ids(project) == {direct: "prosedur", effort: "upaya.prosedur", kept: "waktu-cepat"}
    book = project.codebook
    assert [d.id for d in book.dimensions] == ["prosedur"]
    assert [c.id for c in book.indicators("prosedur")][-1] == "waktu-cepat"
    assert "waktu" in book.code("prosedur").keywords


def test_merge_refusals(project, root):
    refused(project, root, merge_code, "waktu", "waktu", match="ke dirinya sendiri")
    refused(project, root, merge_code, "waktu", "waktu-cepat", match="indikatornya sendiri")
    refused(project, root, merge_code, "waktu", "prosedur-alur", match="hanya bisa digabungkan")
    refused(project, root, merge_code, "prosedur-alur", "prosedur-sarat", match="tidak ada")
    refused(project, root, merge_code, "prosedur-alur", "upaya", match="kategori upaya")
    refused(project, root, merge_code, "waktu-cepat", "prosedur-syarat", match="satu-satunya")


def test_merge_refuses_to_lose_a_conclusion(project, root):
    _conclusion(project, "waktu")
    _conclusion(project, "prosedur")
    refused(project, root, merge_code, "waktu", "prosedur", match="punya kesimpulan")


def test_merge_refused_when_the_result_would_be_invalid(project, root):
    add_code(project, NewCode("waktu-alur", "Alur", "Alur waktu."), "waktu")
    before = snapshot(root)
    with pytest.raises(CodebookError) as info:
        merge_code(project, "waktu", "prosedur")
    assert "akan menjadi tidak sah" in info.value.message
    assert any("label 'Alur' dipakai dua kali" in p for p in info.value.problems)
    assert snapshot(root) == before


def test_merge_an_indicator_into_an_effort(project, root):
    cid = code(project, "Kami berupaya menambah petugas.", "prosedur-alur")
    merge_code(project, "prosedur-alur", "upaya.prosedur")
    assert code_ids(project)[cid] == "upaya.prosedur"


# -- delete -------------------------------------------------------------------------------------
def test_delete_an_unused_indicator(project, root):
    result = delete_code(project, "prosedur-alur")
    assert result.messages == ("Kode 'prosedur-alur' dihapus dari codebook",)
    assert not project.codebook.has("prosedur-alur")
    assert "# -- waktu ---" in text(root)
    project.store.undo()
    assert text(root) == MINI


def test_delete_a_code_in_use_needs_a_target(project, root):
    cid = code(project, "Berkasnya ditempel di loket.", "prosedur-alur")
    error = refused(project, root, delete_code, "prosedur-alur", match="1 koding")
    assert "--into" in error.hint
    result = delete_code(project, "prosedur-alur", into="prosedur")
    assert result.codings == 1
    assert code_ids(project)[cid] == "prosedur"
    assert not project.codebook.has("prosedur-alur")


def test_delete_a_code_with_only_a_memo_is_refused(project, root):
    _memo(project, "prosedur-alur")
    refused(project, root, delete_code, "prosedur-alur", match="1 catatan lain")


def test_delete_refusals(project, root):
    refused(project, root, delete_code, "prosedur", match="masih punya 2 indikator")
    refused(project, root, delete_code, "waktu-cepat", match="satu-satunya")
    refused(project, root, delete_code, "upaya.waktu", match="upaya bawaan")
    refused(
        project, root, delete_code, "prosedur-alur", into="prosedur-alur", match="dirinya sendiri"
    )
    refused(project, root, delete_code, "prosedur-alur", into="nope", match="tidak ada")


# -- a codebook with problems --------------------------------------------------------------------
def test_every_edit_is_refused_while_the_file_has_problems(project, root):
    broken = MINI.replace("label: Alur", "lable: Alur")
    (root / "codebooks" / "mini.yaml").write_text(broken, encoding="utf-8")
    code_error = refused(project, root, delete_code, "prosedur-syarat", match="punya masalah")
    assert any("mini.yaml:18: kunci 'lable' di indikator" in p for p in code_error.problems)
    refused(project, root, rename_code, "waktu", label="X", match="punya masalah")
    assert text(root) == broken


def test_a_missing_codebook_file_is_refused(project, root):
    (root / "codebooks" / "mini.yaml").unlink()
    with pytest.raises(CodebookError, match="tidak ditemukan"):
        rename_code(project, "waktu", label="X")


def test_messages_follow_the_language(project, root):
    from qualcode.i18n import set_language

    set_language("en")
    try:
        result = delete_code(project, "prosedur-alur")
        assert result.messages == ("Removed the code 'prosedur-alur' from the codebook",)
    finally:
        set_language("id")


def test_a_file_in_another_indentation_style_keeps_its_style(project, root):
    flush = (
        "id: mini\ntitle: Mini\nreference: Uji\ndimensions:\n"
        "- id: prosedur\n  label: Prosedur\n  definition: Tata cara.\n  indicators:\n"
        "  - id: prosedur-syarat\n    label: Persyaratan\n    definition: Syarat.\n"
        "  - id: prosedur-alur\n    label: Alur\n    definition: Alur.\n"
    )
    (root / "codebooks" / "mini.yaml").write_text(flush, encoding="utf-8")
    rename_code(project, "prosedur-alur", label="Alur layanan")
    assert text(root) == flush.replace("label: Alur\n", "label: Alur layanan\n")
    add_code(project, NewCode("prosedur-biaya", "Biaya", "Biaya."), "prosedur")
    assert text(root).endswith("  - id: prosedur-biaya\n    label: Biaya\n    definition: Biaya.\n")

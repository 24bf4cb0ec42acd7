"""CLI: init, import, status, show, informants, informant — and every bad input of the ingest."""

from __future__ import annotations

import json
import zipfile

import pytest

INTERVIEW = "P: Bagaimana pelayanannya?\n\nI: Pelayanannya cepat. Tapi komputernya sering rusak.\n"


def status(cli, project) -> dict:
    result = cli("status", "--json", "--project", project)
    assert result.code == 0, result.err
    return json.loads(result.out)


def test_init_makes_a_project_and_refuses_to_overwrite(cli, tmp_path):
    root = tmp_path / "baru"
    result = cli("init", root, "--title", "Skripsi saya")
    assert result.code == 0
    for name in ("codebooks", "transcripts", "exports", ".qualcode/project.db", "qualcode.yaml"):
        assert (root / name).exists(), name
    assert sorted(p.name for p in (root / "codebooks").glob("*.yaml")) == [
        "edward-iii.yaml",
        "kepmenpan-63-2003.yaml",
        "servqual.yaml",
    ]
    again = cli("init", root)
    assert again.code != 0 and "sudah" in again.err


def test_import_then_reimport_unchanged_is_a_noop(cli, project):
    (project / "transcripts" / "I1_camat.txt").write_text(INTERVIEW, encoding="utf-8")
    first = cli("import", project / "transcripts", "--project", project)
    assert first.code == 0, first.err
    assert "diimpor" in first.out
    counts = status(cli, project)
    assert counts["sources"] == 1 and counts["informants"] == 1
    assert counts["turns"] == 2 and counts["sentences"] == 3
    second = cli("import", project / "transcripts", "--project", project)
    assert second.code == 0 and "tetap" in second.out
    assert status(cli, project) == counts


def test_show_lists_turns_and_sentences_with_offsets(cli, project):
    (project / "transcripts" / "I1_camat.txt").write_text(INTERVIEW, encoding="utf-8")
    cli("import", project / "transcripts", "--project", project)
    result = cli("show", "I1", "--json", "--project", project)
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert data["informant"] == "I1"
    kinds = [t["kind"] for t in data["turns"]]
    assert kinds == ["interviewer", "informant"]
    answer = data["turns"][1]["sentences"]
    assert [s["text"] for s in answer] == ["Pelayanannya cepat.", "Tapi komputernya sering rusak."]
    text_view = cli("show", "I1_camat.txt", "--project", project)
    assert "Tapi komputernya sering rusak." in text_view.out


def test_informant_codes_from_file_names_are_kept_as_written(cli, project):
    transcripts = project / "transcripts"
    (transcripts / "I01_camat.txt").write_text(INTERVIEW, encoding="utf-8")
    (transcripts / "I1_sekcam.txt").write_text("P: Antre?\n\nI: Antreannya panjang.\n", "utf-8")
    assert cli("import", transcripts, "--project", project).code == 0

    def sources_per_code() -> dict[str, int]:
        people = json.loads(cli("informants", "--json", "--project", project).out)
        return {p["code"]: p["sources"] for p in people}

    assert sources_per_code() == {"I01": 1, "I1": 1}  # two informants until the student says so
    taken = cli("informant", "I01", "--code", "I1", "--project", project)
    assert taken.code != 0 and "I1" in taken.err and "Traceback" not in taken.err
    (transcripts / "I01_camat.txt").write_text("Kode informan: I1\n\n" + INTERVIEW, "utf-8")
    assert cli("import", transcripts, "--project", project).code == 0
    assert sources_per_code()["I1"] == 2  # the header line says so: one informant


def test_informants_merge_joins_two_codes_and_its_backup_undoes_it(cli, project):
    transcripts = project / "transcripts"
    (transcripts / "I01_camat.txt").write_text(INTERVIEW, encoding="utf-8")
    (transcripts / "I1_camat_lanjutan.txt").write_text(
        "P: Antre?\n\nI: Antrean panjang.\n", "utf-8"
    )
    assert cli("import", transcripts, "--project", project).code == 0

    def sources_per_code() -> dict[str, int]:
        people = json.loads(cli("informants", "--json", "--project", project).out)
        return {p["code"]: p["sources"] for p in people}

    merged = cli("informants", "merge", "I01", "I1", "--project", project)
    assert merged.code == 0, merged.err
    assert "I01" in merged.out and "I1" in merged.out and "I01_camat" in merged.out
    assert sources_per_code() == {"I1": 2}
    backup = merged.out.rsplit("qualcode backup restore ", 1)[1].split()[0]
    assert cli("undo", "--project", project).code != 0  # a barrier: told, not half-undone
    assert cli("backup", "restore", backup, "--project", project).code == 0
    assert sources_per_code() == {"I01": 1, "I1": 1}
    unknown = cli("informants", "merge", "I9", "I1", "--project", project)
    assert unknown.code != 0 and "I9" in unknown.err and "Traceback" not in unknown.err


def test_informant_attributes_can_be_set_and_undone(cli, project):
    (project / "transcripts" / "I1_camat.txt").write_text(INTERVIEW, encoding="utf-8")
    cli("import", project / "transcripts", "--project", project)
    result = cli(
        "informant",
        "I1",
        "--role",
        "Camat",
        "--group",
        "aparatur",
        "--category",
        "kunci",
        "--set",
        "umur=52",
        "--project",
        project,
    )
    assert result.code == 0, result.err
    people = json.loads(cli("informants", "--json", "--project", project).out)
    assert people[0]["role"] == "Camat" and people[0]["group"] == "aparatur"
    assert people[0]["attributes"]["umur"] == "52"
    bad = cli("informant", "I9", "--role", "x", "--project", project)
    assert bad.code != 0 and "I9" in bad.err


def test_demo_folder_imports_every_convention(cli, demo_copy):
    counts = status(cli, demo_copy)  # the first open builds the store from transcripts/
    assert counts["sources"] == 15
    assert counts["informants"] == 13
    people = {
        p["code"]: p for p in json.loads(cli("informants", "--json", "--project", demo_copy).out)
    }
    assert set(people) == {f"I{i}" for i in range(1, 14)}
    assert all(p["sources"] == 1 for p in people.values())
    for code in ("I1", "I4", "I5", "I6", "I8", "I9", "I13"):
        data = json.loads(cli("show", code, "--json", "--project", demo_copy).out)
        kinds = {t["kind"] for t in data["turns"]}
        assert kinds == {"interviewer", "informant"}, code


# -- bad input: a specific message, a non-zero exit, nothing half-saved --------------------------
def _bad(name: str, content: bytes | None = None):
    return name, content


BAD_FILES = [
    ("kosong.txt", b"", "kosong|empty"),
    ("spasi.txt", b"   \n\n  ", "kosong|empty"),
    ("gambar.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, "biner|binary"),
    (
        "rusak.txt",
        b"Jawab: \x81\x8d\x8f\x90\x9d tidak terbaca \xff\xfe\x81",
        "decode|dibaca|encoding|pengkodean",
    ),
    ("rusak.docx", b"PK\x03\x04 this is not a real docx", "docx"),
    ("lama.doc", b"\xd0\xcf\x11\xe0 old word", "doc"),
]


@pytest.mark.parametrize("name,content,pattern", BAD_FILES, ids=[b[0] for b in BAD_FILES])
def test_bad_files_are_refused_by_name_and_nothing_is_saved(cli, project, name, content, pattern):
    import re

    (project / "transcripts" / "I01_ok.txt").write_text(INTERVIEW, encoding="utf-8")
    cli("import", project / "transcripts" / "I01_ok.txt", "--project", project)
    before = status(cli, project)
    bad = project / "transcripts" / name
    bad.write_bytes(content)
    result = cli("import", bad, "--project", project)
    assert result.code != 0
    assert name in result.err
    assert re.search(pattern, result.err, re.IGNORECASE), result.err
    assert "Traceback" not in result.err
    assert status(cli, project) == before


def test_a_file_over_the_size_limit_is_refused(cli, project):
    big = project / "transcripts" / "I02_besar.txt"
    with big.open("wb") as fh:
        fh.write(b"I: " + b"kata " * (21 * 1024 * 1024 // 5))
    result = cli("import", big, "--project", project)
    assert result.code != 0 and "I02_besar.txt" in result.err
    assert "MiB" in result.err or "MB" in result.err
    assert status(cli, project)["sources"] == 0


def test_a_corrupt_zip_docx_is_refused(cli, project, tmp_path):
    path = project / "transcripts" / "I03.docx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("hello.txt", "not word")
    result = cli("import", path, "--project", project)
    assert result.code != 0 and "I03.docx" in result.err


def test_a_missing_path_imports_nothing(cli, project):
    (project / "transcripts" / "I01_ok.txt").write_text(INTERVIEW, encoding="utf-8")
    result = cli(
        "import",
        project / "transcripts" / "I01_ok.txt",
        project / "tidak-ada.txt",
        "--project",
        project,
    )
    assert result.code != 0 and "tidak-ada.txt" in result.err
    assert status(cli, project)["sources"] == 0


def test_a_folder_that_is_not_a_project(cli, tmp_path):
    result = cli("status", "--project", tmp_path)
    assert result.code != 0
    assert "qualcode.yaml" in result.err and "qualcode init" in result.err
    assert not (tmp_path / ".qualcode").exists()


def test_a_second_writer_is_refused_while_readers_work(cli, project):
    from qualcode.core.project import Project

    (project / "transcripts" / "I01_ok.txt").write_text(INTERVIEW, encoding="utf-8")
    holder = Project.open(project)
    try:
        result = cli("import", project / "transcripts", "--project", project)
        assert result.code == 3 and "PID" in result.err
        assert cli("status", "--project", project).code == 0
    finally:
        holder.close()


def test_english_interface(cli, tmp_path):
    result = cli("--lang", "en", "status", "--project", tmp_path)
    assert "is not a qualcode project" in result.err


def test_a_role_without_a_group_gets_its_group_from_the_role(cli, project):
    answer = "P: Bagaimana pelayanannya?\n\nI: Cepat kok.\n"
    files = {
        "I02_sekcam.md": "---\ninformant: I2\nrole: Sekretaris Camat\n---\n",
        "I07_warga.md": "---\ninformant: I7\nrole: Warga (pedagang pasar)\n---\n",
        "I09_rt.md": "---\ninformant: I9\nrole: Ketua RT 03\ngroup: aparatur\n---\n",
        "I10_x.md": "---\ninformant: I10\nrole: Relawan\n---\n",
    }
    for name, header in files.items():
        (project / "transcripts" / name).write_text(header + answer, encoding="utf-8")
    assert cli("import", project / "transcripts", "--project", project).code == 0
    listed = json.loads(cli("informants", "--json", "--project", project).out)
    groups = {row["code"]: row["group"] for row in listed}
    # The transcript's own group wins; a role that says neither is left for the student.
    assert groups == {"I2": "aparatur", "I7": "masyarakat", "I9": "aparatur", "I10": ""}


def test_group_words_in_roles():
    from qualcode.core.sources.informants import infer_group

    assert infer_group("Kepala Seksi Pelayanan Umum") == "aparatur"
    assert infer_group("Petugas loket 2") == "aparatur"
    assert infer_group("Pegawai swasta") == "masyarakat"
    assert infer_group("Ketua RT 03 Desa Mekarsari") == "masyarakat"
    assert infer_group("Ibu rumah tangga") == "masyarakat"
    assert infer_group("") == ""

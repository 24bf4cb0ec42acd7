"""CLI: matrix, conclude, indicator-verdict, export — output, exit codes, and an unchanged store."""

from __future__ import annotations

import csv
import io

import docx
import openpyxl
import pytest

from qualcode.cli import load_commands
from qualcode.cli.base import invoke
from qualcode.core.coding.operations import add_coding
from qualcode.core.project import Project
from qualcode.core.sources.informants import set_attributes
from qualcode.i18n import set_language
from tests.core.coding_fixtures import (
    INTERVIEW_I1,
    INTERVIEW_I2,
    add_source,
    make_project,
    transcript_text,
)

CODINGS = (
    # (source, sentence, code, polarity, summary)
    ("i1", "Pelayanannya cepat.", "waktu", "pendukung", "Pelayanan cepat"),
    ("i1", "Tapi komputernya sering rusak.", "sarana", "penghambat", "Komputer sering rusak"),
    ("i1", "Tidak ada biaya, gratis.", "biaya", "pendukung", "Pelayanan gratis"),
    (
        "i7",
        "Saya disuruh pulang karena berkasnya kurang.",
        "prosedur",
        "penghambat",
        "Disuruh pulang karena berkas kurang",
    ),
    (
        "i7",
        "Syaratnya fotokopi KK dan surat pengantar desa.",
        "prosedur-persyaratan",
        "penghambat",
        "Syarat KK dan pengantar desa",
    ),
)


@pytest.fixture(autouse=True)
def _wide_terminal(monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")


@pytest.fixture
def empty_project(tmp_path, monkeypatch):
    set_language("id")
    project = make_project(tmp_path, monkeypatch)
    root = project.root
    project.close()
    return root


@pytest.fixture
def coded(tmp_path, monkeypatch):
    """A project with two interviews (I1 aparatur, I7 masyarakat) and five codings."""
    set_language("id")
    project = make_project(tmp_path, monkeypatch)
    sources = {
        "i1": (
            add_source(project, "I1_camat.txt", INTERVIEW_I1, informant="I1"),
            transcript_text(INTERVIEW_I1),
        ),
        "i7": (
            add_source(project, "I7_warga.txt", INTERVIEW_I2, informant="I7"),
            transcript_text(INTERVIEW_I2),
        ),
    }
    set_attributes(project, "I1", role="Camat", group="aparatur", category="kunci")
    set_attributes(project, "I7", role="Warga", group="masyarakat", category="utama")
    for key, sentence, code, polarity, summary in CODINGS:
        source_id, text = sources[key]
        start = text.index(sentence)
        add_coding(project, source_id, start, start + len(sentence), code, polarity, summary)
    root = project.root
    project.close()
    return root


def run(capsys, root, *args) -> tuple[int, str, str]:
    capsys.readouterr()
    code = invoke(load_commands(), ["--project", str(root), *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def state(root) -> tuple[int, int, int]:
    """Counts a read-only command must leave alone: events, conclusions, indicator verdicts."""
    with Project.open(root, readonly=True) as project:
        store = project.store
        return (
            store.scalar("SELECT count(*) FROM events"),
            store.scalar("SELECT count(*) FROM conclusions"),
            store.scalar("SELECT count(*) FROM indicator_verdicts"),
        )


# -- matrix ----------------------------------------------------------------------------------------


def test_matrix_list_names_every_kind_with_its_title(capsys, empty_project):
    code, out, _err = run(capsys, empty_project, "matrix", "--list")
    assert code == 0
    assert "factors" in out and "Matriks Faktor Pendukung dan Penghambat" in out
    assert "informant-dimension" in out and "--cells summary|count" in out


def test_matrix_unknown_kind_lists_the_known_ones(capsys, empty_project):
    code, out, err = run(capsys, empty_project, "matrix", "faktor")
    assert code == 7 and out == ""
    assert "faktor" in err and "factors" in err and "informant-dimension" in err


def test_matrix_of_a_project_without_codings_says_code_first(capsys, empty_project):
    code, out, err = run(capsys, empty_project, "matrix", "factors")
    assert code == 7 and out == ""
    assert "Belum ada koding" in err


def test_matrix_csv_prints_the_factor_matrix(capsys, coded):
    before = state(coded)
    code, out, _err = run(capsys, coded, "matrix", "factors", "--format", "csv")
    assert code == 0
    rows = list(csv.reader(io.StringIO(out)))
    assert not out.startswith("\ufeff")  # no BOM on a terminal
    by_dim = {row[0]: row for row in rows[1:]}
    assert "Pelayanan cepat (I1)" in by_dim["Waktu Penyelesaian"][1]
    assert "Komputer sering rusak (I1)" in by_dim["Sarana dan Prasarana"][2]
    assert "Disuruh pulang karena berkas kurang (I7)" in by_dim["Prosedur Pelayanan"][2]
    assert state(coded) == before


def test_matrix_table_and_markdown_show_groups_and_option(capsys, coded):
    code, out, _err = run(capsys, coded, "matrix", "informant-dimension", "--cells", "count")
    assert code == 0
    assert "Aparatur" in out and "Masyarakat" in out and "I1" in out and "I7" in out
    code, out, _err = run(capsys, coded, "matrix", "informant-dimension", "--format", "md")
    assert code == 0
    assert out.startswith("## Tabel 4.1 ")
    assert "| **Aparatur** |" in out and "Pelayanan cepat" in out


def test_matrix_option_outside_its_choices_is_refused(capsys, coded):
    code, _out, err = run(capsys, coded, "matrix", "triangulation", "--by", "umur")
    assert code == 2 and "umur" in err


# -- conclude --------------------------------------------------------------------------------------


def test_conclude_sets_verdict_and_statement_and_lists_them(capsys, coded):
    code, out, _err = run(
        capsys,
        coded,
        "conclude",
        "sarana",
        "--verdict",
        "kurang baik",
        "--statement",
        "Sarana belum memadai.",
    )
    assert code == 0
    assert "kurang baik" in out and "Sarana belum memadai." in out
    assert state(coded)[1] == 1
    code, out, _err = run(capsys, coded, "conclude", "--list")
    assert code == 0 and "Sarana belum memadai." in out
    code, out, _err = run(capsys, coded, "conclude", "--flags")
    assert code == 0 and "Sarana dan Prasarana" in out and "⚠" in out


def test_verdict_outside_the_scale_is_refused_and_nothing_changes(capsys, coded):
    before = state(coded)
    code, out, err = run(capsys, coded, "conclude", "sarana", "--verdict", "sangat buruk")
    assert code == 7 and out == ""
    assert "sangat buruk" in err and "baik, cukup baik, kurang baik" in err
    assert state(coded) == before


def test_conclude_unknown_dimension_and_missing_dimension(capsys, coded):
    code, _out, err = run(capsys, coded, "conclude", "harga", "--verdict", "baik")
    assert code != 0 and "harga" in err
    code, _out, err = run(capsys, coded, "conclude")
    assert code == 2 and "--list" in err


def test_indicator_verdict_sets_and_refuses_values_off_the_scale(capsys, coded):
    code, _out, err = run(
        capsys, coded, "indicator-verdict", "prosedur-persyaratan", "belum berkualitas"
    )
    assert code == 0 and "belum berkualitas" in err
    assert state(coded)[2] == 1
    before = state(coded)
    code, _out, err = run(capsys, coded, "indicator-verdict", "prosedur-persyaratan", "lumayan")
    assert code == 7 and "lumayan" in err
    assert state(coded) == before


# -- export ----------------------------------------------------------------------------------------


def test_export_docx_writes_under_exports_and_never_overwrites(capsys, coded, monkeypatch):
    monkeypatch.chdir(coded)
    before = state(coded)
    code, out, _err = run(capsys, coded, "export", "docx", "--tables", "factors,indicators")
    assert code == 0
    assert out.strip() == "exports/tabel-analisis.docx"
    document = docx.Document(str(coded / "exports" / "tabel-analisis.docx"))
    captions = [p.text for p in document.paragraphs if p.style.name == "Caption"]
    continued = [p.text for p in document.paragraphs if p.text.startswith("Lanjutan Tabel")]
    assert len(captions) == 2 and len(document.tables) == 2 + len(continued)
    code, out, err = run(capsys, coded, "export", "docx", "--tables", "factors,indicators")
    assert code == 0 and out.strip() == "exports/tabel-analisis (2).docx"
    assert "--force" in err
    assert state(coded) == before  # exporting only reads


def test_export_single_table_is_named_after_it_and_deterministic(capsys, coded, monkeypatch):
    monkeypatch.chdir(coded)
    run(capsys, coded, "export", "docx", "--tables", "factors")
    first = (coded / "exports" / "matriks-faktor.docx").read_bytes()
    code, out, _err = run(capsys, coded, "export", "docx", "--tables", "factors", "--force")
    assert code == 0 and out.strip() == "exports/matriks-faktor.docx"
    assert (coded / "exports" / "matriks-faktor.docx").read_bytes() == first


def test_export_out_file_is_refused_when_it_exists_unless_forced(capsys, coded, tmp_path):
    target = tmp_path / "bab4.docx"
    target.write_bytes(b"skripsi")
    code, out, err = run(
        capsys, coded, "export", "docx", "--tables", "factors", "--out", str(target)
    )
    assert code == 8 and out == "" and "--force" in err
    assert target.read_bytes() == b"skripsi"
    code, out, _err = run(
        capsys, coded, "export", "docx", "--tables", "factors", "--out", str(target), "--force"
    )
    assert code == 0 and target.read_bytes() != b"skripsi"


def test_export_out_in_a_missing_or_blocked_folder_fails_clearly(capsys, coded, tmp_path):
    code, _out, err = run(
        capsys, coded, "export", "xlsx", "--out", str(tmp_path / "nope" / "t.xlsx")
    )
    assert code == 8 and "nope" in err
    blocker = tmp_path / "file"
    blocker.write_text("x")
    code, _out, err = run(capsys, coded, "export", "md", "--out", str(blocker / "t.md"))
    assert code == 8 and str(blocker) in err


def test_export_csv_writes_one_file_per_table(capsys, coded, tmp_path):
    out_dir = tmp_path / "csv"
    out_dir.mkdir()
    code, out, _err = run(
        capsys,
        coded,
        "export",
        "csv",
        "--tables",
        "factors,triangulation:group",
        "--out",
        str(out_dir),
    )
    assert code == 0
    assert sorted(p.name for p in out_dir.iterdir()) == [
        "matriks-faktor.csv",
        "triangulasi-kelompok.csv",
    ]
    assert (out_dir / "matriks-faktor.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    code, _out, err = run(
        capsys,
        coded,
        "export",
        "csv",
        "--tables",
        "factors,efforts",
        "--out",
        str(out_dir / "x.csv"),
    )
    assert code == 8 and "folder" in err


def test_export_all_tables_to_xlsx(capsys, coded):
    code, out, _err = run(capsys, coded, "export", "xlsx")
    assert code == 0
    workbook = openpyxl.load_workbook(coded / "exports" / "tabel-analisis.xlsx")
    assert len(workbook.sheetnames) >= 8
    assert workbook.sheetnames[0].startswith("4.1 ")


def test_export_docx_with_quotes_and_font_options(capsys, coded):
    code, _out, _err = run(
        capsys,
        coded,
        "export",
        "docx",
        "--tables",
        "factors",
        "--quotes",
        "--font",
        "Arial",
        "--font-size",
        "11",
    )
    assert code == 0
    document = docx.Document(str(coded / "exports" / "matriks-faktor.docx"))
    assert document.styles["Normal"].font.name == "Arial"
    texts = [p.text for p in document.paragraphs]
    assert any(t.startswith("Lampiran") and "Tabel 4.1 Matriks Faktor" in t for t in texts)
    quotes = [c.text for row in document.tables[1].rows for c in row.cells]
    assert "“Tapi komputernya sering rusak.”" in quotes


def test_export_of_a_project_without_codings_is_refused(capsys, empty_project):
    code, out, err = run(capsys, empty_project, "export", "docx")
    assert code == 7 and out == "" and "coding" in err.lower()
    assert not list((empty_project / "exports").glob("*.docx"))


def test_export_unknown_table_is_refused_before_writing(capsys, coded):
    code, _out, err = run(capsys, coded, "export", "docx", "--tables", "factors,matriks")
    assert code == 7 and "matriks" in err and "factors" in err
    assert not list((coded / "exports").glob("*.docx"))


def test_export_when_exports_is_a_file_says_so(capsys, coded):
    exports = coded / "exports"
    exports.rmdir()
    exports.write_text("oops")
    code, out, err = run(capsys, coded, "export", "md", "--tables", "factors")
    assert code == 8 and out == "" and "exports" in err
    assert exports.read_text() == "oops"


def test_export_makes_a_missing_exports_folder(capsys, coded, monkeypatch):
    monkeypatch.chdir(coded)
    (coded / "exports").rmdir()
    code, out, _err = run(capsys, coded, "export", "md", "--tables", "factors")
    assert code == 0 and out.strip() == "exports/matriks-faktor.md"
    text = (coded / "exports" / "matriks-faktor.md").read_text(encoding="utf-8")
    assert "## Tabel 4.1 Matriks Faktor Pendukung dan Penghambat" in text


def test_export_csv_makes_the_folder_it_is_given(capsys, coded, tmp_path):
    target = tmp_path / "baru" / "bab4"
    code, out, err = run(capsys, coded, "export", "csv", "--out", str(target))
    assert code == 0, err
    names = sorted(p.name for p in target.iterdir())
    assert "rekap-indikator.csv" in names and "informan-penelitian.csv" in names
    text = (target / "rekap-indikator.csv").read_bytes()
    assert text.startswith(b"\xef\xbb\xbf# Tabel 4.5 Rekapitulasi Penilaian Indikator")

"""CLI: agreement blind / compare / report / resolve — the double-coding path end to end."""

from __future__ import annotations

import json
import re

import pytest
import yaml

from tests.cli.helpers import row_counts
from tests.core.coding_fixtures import import_template


def _transcript(code: str, group: str, answers: list[str]) -> str:
    turns = "\n\n".join(f"P: Pertanyaan {n}?\n\nI: {a}" for n, a in enumerate(answers, start=1))
    return f"---\ninformant: {code}\ngroup: {group}\n---\n\n{turns}\n"


TRANSCRIPTS = {
    "I1.txt": _transcript(
        "I1",
        "aparatur",
        ["Pelayanannya cepat. Komputernya sering rusak.", "Tidak ada biaya. Petugasnya ramah."],
    ),
    "I2.txt": _transcript(
        "I2", "aparatur", ["Syaratnya fotokopi KK. Saya disuruh pulang karena kurang."]
    ),
    "I3.txt": _transcript("I3", "masyarakat", ["Antreannya panjang. Ruang tunggunya panas."]),
    "I4.txt": _transcript("I4", "masyarakat", ["Petugasnya datang terlambat. Loket buka siang."]),
}
TABLES = ("codings", "agreement_comparisons", "agreement_decisions", "events")


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    """One imported project with four informants in two groups, built once."""
    return import_template(tmp_path_factory.mktemp("template"), "Uji antarkoder", TRANSCRIPTS)


@pytest.fixture
def proj_cli(proj, cli_for):
    """Coder A's runner in the project; paths may be given as Path values."""
    run = cli_for(proj)
    return lambda *args: run(*map(str, args))


@pytest.fixture
def second(tmp_path, cli_for, monkeypatch):
    """Run the CLI in the blind copy as the second coder (their own name and settings)."""
    root = tmp_path / "kedua"

    def invoke(*args: str):
        with monkeypatch.context() as mp:
            mp.setenv("QUALCODE_CODER", "budi")
            mp.setenv("QUALCODE_CONFIG_DIR", str(tmp_path / "config-b"))
            return cli_for(root)(*map(str, args))

    invoke.root = root
    return invoke


def _code(run, source: str, sentence: int, code: str, polarity: str = "netral") -> None:
    result = run("code", source, code, "--sentence", str(sentence), "-p", polarity)
    assert result[0] == 0, result[2]


def _json(run, *args: str) -> dict:
    code, out, err = run(*args, "--json")
    assert code == 0, err
    return json.loads(out)


def _row(report: dict, key: str) -> dict:
    return next(r for r in report["rows"] if r["key"] == key)


def test_blind_copy_has_the_transcripts_and_codebook_and_nothing_coded(proj, proj_cli, second):
    _code(proj_cli, "I1", 1, "waktu-kecepatan", "pendukung")
    code, out, err = proj_cli("agreement", "blind", second.root, "--sources", "I1,I3")
    assert code == 0, err
    assert out.split() == ["transcripts/I1.txt", "transcripts/I3.txt"]
    for name in ("I1.txt", "I3.txt"):
        copied = (second.root / "transcripts" / name).read_bytes()
        assert copied == (proj / "transcripts" / name).read_bytes()
    assert not (second.root / "transcripts" / "I2.txt").exists()
    assert (second.root / "codebooks" / "kepmenpan-63-2003.yaml").exists()
    snapshot = yaml.safe_load((second.root / "codings.yaml").read_text(encoding="utf-8"))
    assert snapshot["sources"] == [] and snapshot["memos"] == []
    assert [i["code"] for i in snapshot["informants"]] == ["I1", "I3"]
    status = json.loads(second("status", "--json")[1])
    assert status["codings"] == 0 and status["sources"] == 2


def test_blind_copy_refuses_a_folder_that_holds_files(proj_cli, second):
    second.root.mkdir()
    (second.root / "catatan.txt").write_text("milik saya", encoding="utf-8")
    code, _, err = proj_cli("agreement", "blind", second.root, "--sources", "I1")
    assert code == 9
    assert "tidak kosong" in err
    assert sorted(p.name for p in second.root.iterdir()) == ["catatan.txt"]


def test_a_sample_is_stratified_by_group_and_repeats_with_its_seed(proj_cli, tmp_path):
    picks = []
    for n, seed in enumerate((7, 7, 8)):
        code, out, err = proj_cli(
            "agreement", "blind", tmp_path / f"sampel{n}", "--sample", "2", "--seed", str(seed)
        )
        assert code == 0, err
        picks.append(out.split())
    assert picks[0] == picks[1]
    for chosen in picks:
        # One of each group: I1/I2 are aparatur, I3/I4 masyarakat.
        assert len([p for p in chosen if p[-6:] in ("I1.txt", "I2.txt")]) == 1
    code, _, err = proj_cli("agreement", "blind", tmp_path / "besar", "--sample", "9")
    assert code == 9 and "melebihi" in err


def _double_coded(proj_cli, second) -> None:
    """Coder A and coder B code I1 and I3: alike on two sentences, differently on three."""
    assert proj_cli("agreement", "blind", second.root, "--sources", "I1,I3")[0] == 0
    _code(proj_cli, "I1", 1, "waktu-kecepatan", "pendukung")
    _code(proj_cli, "I1", 2, "sarana-peralatan", "penghambat")
    _code(proj_cli, "I1", 5, "kompetensi-sikap", "pendukung")
    _code(proj_cli, "I3", 1, "sarana-antrean", "penghambat")
    _code(second, "I1", 1, "waktu-kecepatan", "pendukung")
    _code(second, "I1", 2, "sarana-peralatan", "pendukung")  # polarity differs
    _code(second, "I1", 4, "biaya-kewajaran", "pendukung")  # A left it uncoded
    _code(second, "I3", 1, "sarana-antrean", "penghambat")
    _code(second, "I3", 2, "sarana-kenyamanan", "penghambat")


def test_compare_with_the_second_coders_project(proj, proj_cli, second):
    _double_coded(proj_cli, second)
    found = _json(proj_cli, "agreement", "compare", second.root)
    assert found["coders"] == {"a": "nadia", "b": "budi"}
    assert found["sources"] == ["transcripts/I1.txt", "transcripts/I3.txt"]
    before = found["before"]
    assert before["units"] == 6  # informant sentences only: 4 in I1, 2 in I3
    overall = _row(before, "*")
    # Overall compares each sentence's set of codes: I1 #1, I1 #2 (polarity aside) and I3 #1.
    assert overall["sentences"]["agreed"] == 3
    # Polarity: three (sentence, code) pairs coded alike, one with another polarity.
    assert overall["polarity"] == {"pairs": 3, "agreed": 2, "percent": pytest.approx(200 / 3)}
    assert _row(before, "sarana-peralatan")["sentences"]["percent"] == 100.0
    # A code only one coder used: kappa 0 (agreement only on its absence).
    assert _row(before, "biaya-kewajaran")["sentences"]["kappa"] == 0.0
    listed = [(d["label"], d["sentence"], d["a"], d["b"]) for d in found["disagreements"]]
    assert [(label, n) for label, n, _, _ in listed] == [
        ("I1", 2),
        ("I1", 4),
        ("I1", 5),
        ("I3", 2),
    ]
    assert listed[0][2] == [{"code": "sarana-peralatan", "polarity": "penghambat"}]
    assert listed[0][3] == [{"code": "sarana-peralatan", "polarity": "pendukung"}]
    assert row_counts(proj, TABLES)["agreement_comparisons"] == 1


def test_compare_prints_figures_and_the_disagreement_list(proj_cli, second):
    _double_coded(proj_cli, second)
    code, out, err = proj_cli("agreement", "compare", second.root)
    assert code == 0, err
    assert "Hasil Uji Reliabilitas Antarkoder" in out
    assert "tingkat karakter" in out
    assert "Ketidaksepakatan (4)" in out
    assert re.search(r"1\. I1 #2\s+A: sarana-peralatan \(penghambat\)\s+\|\s+B: sarana", out)
    assert re.search(r"2\. I1 #4\s+A: —\s+\|\s+B: biaya-kewajaran \(pendukung\)", out)


def test_compare_with_a_codings_file_gives_the_same_figures(proj_cli, second, tmp_path):
    _double_coded(proj_cli, second)
    assert second("codings", "export", tmp_path / "budi.yaml")[0] == 0
    from_file = _json(proj_cli, "agreement", "compare", tmp_path / "budi.yaml")
    from_folder = _json(proj_cli, "agreement", "compare", second.root)
    assert from_file["before"] == from_folder["before"]


def test_one_coder_coded_nothing(proj_cli, second):
    assert proj_cli("agreement", "blind", second.root, "--sources", "I2")[0] == 0
    _code(proj_cli, "I2", 1, "prosedur-persyaratan", "penghambat")
    found = _json(proj_cli, "agreement", "compare", second.root)
    overall = _row(found["before"], "*")
    assert overall["marked_b"] == 0
    assert overall["sentences"]["kappa"] == 0.0


def test_nobody_coded_anything_reports_kappa_undefined(proj_cli, second):
    assert proj_cli("agreement", "blind", second.root, "--sources", "I4")[0] == 0
    found = _json(proj_cli, "agreement", "compare", second.root)
    overall = _row(found["before"], "*")["sentences"]
    assert overall["percent"] == 100.0
    assert overall["kappa"] is None and overall["alpha"] is None
    code, out, _ = proj_cli("agreement", "report")
    assert code == 0 and "tak terdefinisi" in out


def test_resolve_changes_the_codings_and_keeps_both_figures(proj, proj_cli, second):
    _double_coded(proj_cli, second)
    assert proj_cli("agreement", "compare", second.root)[0] == 0
    before_codings = _json(proj_cli, "codings", "list", "--source", "I1")
    # Disagreement 2: I1 #4, only B coded biaya-kewajaran; keep B.
    code, _, err = proj_cli("agreement", "resolve", "2", "--keep", "b")
    assert code == 0, err
    assert "1 dari 4" in err
    after_codings = _json(proj_cli, "codings", "list", "--source", "I1")
    added = [c for c in after_codings if c["code"] == "biaya-kewajaran"]
    assert len(added) == 1 and added[0]["coder"] == "budi"
    # Disagreement 3: I1 #5, only A coded kompetensi-sikap; keep neither removes it.
    assert proj_cli("agreement", "resolve", "3", "--keep", "neither")[0] == 0
    codes = [c["code"] for c in _json(proj_cli, "codings", "list", "--source", "I1")]
    assert "kompetensi-sikap" not in codes
    report = _json(proj_cli, "agreement", "report")
    assert _row(report["before"], "*")["sentences"]["agreed"] == 3
    assert _row(report["after"], "*")["sentences"]["agreed"] == 5
    assert report["after"]["decided"] == 2
    assert [d["decision"] for d in report["disagreements"]] == [None, "b", "neither", None]
    # Undo takes back the last decision and the coding it removed.
    assert proj_cli("undo")[0] == 0
    codes = [c["code"] for c in _json(proj_cli, "codings", "list", "--source", "I1")]
    assert "kompetensi-sikap" in codes
    assert _json(proj_cli, "agreement", "report")["after"]["decided"] == 1
    assert len(before_codings) + 1 == len(_json(proj_cli, "codings", "list", "--source", "I1"))


def test_resolve_refuses_a_number_not_listed(proj, proj_cli, second):
    _double_coded(proj_cli, second)
    assert proj_cli("agreement", "compare", second.root)[0] == 0
    counts = row_counts(proj, TABLES)
    code, _, err = proj_cli("agreement", "resolve", "9", "--keep", "a")
    assert code == 9 and "1 sampai 4" in err
    assert row_counts(proj, TABLES) == counts


def test_report_before_any_comparison_says_how_to_start(proj_cli):
    code, _, err = proj_cli("agreement", "report")
    assert code == 9
    assert "agreement blind" in err


def test_compare_refuses_a_folder_that_is_not_a_project(proj, proj_cli, tmp_path):
    (tmp_path / "kosong").mkdir()
    counts = row_counts(proj, TABLES)
    code, _, err = proj_cli("agreement", "compare", tmp_path / "kosong")
    assert code == 9 and "bukan proyek qualcode" in err
    assert row_counts(proj, TABLES) == counts


def test_the_chapter_three_table_goes_to_docx_and_markdown(proj, proj_cli, second, tmp_path):
    from docx import Document

    _double_coded(proj_cli, second)
    out = tmp_path / "reliabilitas.docx"
    code, _, err = proj_cli("agreement", "compare", second.root, "--out", out, "--number", "2")
    assert code == 0, err
    words = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}t"
    captions = [
        "".join(t.text or "" for t in p._p.iter(words)) for p in Document(str(out)).paragraphs
    ]
    assert "Tabel 3.2 Hasil Uji Reliabilitas Antarkoder" in captions
    md = tmp_path / "reliabilitas.md"
    assert proj_cli("agreement", "report", "--out", md)[0] == 0
    body = md.read_text(encoding="utf-8")
    assert "Tabel 3.1 Hasil Uji Reliabilitas Antarkoder" in body
    assert "Kappa Cohen" in body and "Alpha Krippendorff" in body

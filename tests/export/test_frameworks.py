"""Chapter IV with each shipped codebook: a small coded project exported and read back."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from qualcode.cli import run
from qualcode.core.codebook.model import load_codebook
from qualcode.i18n import set_language

ROOT = Path(__file__).resolve().parents[2]
INTERVIEW = (
    "P: Bagaimana pelayanannya?\n\n"
    "I: Petugasnya berseragam rapi. Tapi ruang tunggunya panas sekali.\n"
)


def qualcode(*args) -> None:
    """Run one command in-process; it must succeed."""
    try:
        run([str(a) for a in args])
    except SystemExit as exc:
        assert not exc.code, args


def coded_project(root: Path, codebook: str, first: str, second: str) -> Path:
    """A project with one interview whose two sentences are coded on two indicators."""
    set_language("id")
    qualcode("init", root, "--codebook", codebook)
    (root / "transcripts" / "I1_petugas.txt").write_text(INTERVIEW, encoding="utf-8")
    qualcode("import", root / "transcripts", "--project", root)
    for n, code, polarity in ((1, first, "pendukung"), (2, second, "penghambat")):
        source = "I1_petugas.txt"
        qualcode("code", source, code, "--sentence", n, "-p", polarity, "--project", root)
    return root


def chapter(root: Path) -> list[tuple[str, list[list[str]], list[str]]]:
    """(caption, rows, notes) of every table of the default DOCX export."""
    qualcode("export", "docx", "--out", root / "bab4.docx", "--project", root)
    document = docx.Document(str(root / "bab4.docx"))
    body = list(document.element.body.iterchildren())
    out = []
    paragraphs = {p._p: p.text for p in document.paragraphs}
    for table in document.tables:
        position = body.index(table._tbl)
        caption = paragraphs[body[position - 1]]
        rows = [[cell.text for cell in row.cells] for row in table.rows]
        if caption.startswith("Lanjutan Tabel"):  # the same table on its next page
            out[-1][1].extend(rows[1:])
            continue
        notes = []
        for el in body[position + 1 :]:
            text = paragraphs.get(el, "")
            if text.startswith("Sumber:"):
                break
            if text and not text.startswith("Lanjutan Tabel"):
                notes.append(text)
        out.append((caption, rows, notes))
    return out


def test_servqual_recap_reads_like_a_servqual_study(tmp_path):
    root = coded_project(
        tmp_path / "sq", "servqual.yaml", "tangibles-penampilan", "tangibles-kenyamanan"
    )
    codebook = load_codebook(ROOT / "codebooks" / "servqual.yaml")
    indicators = [i.id for d in codebook.dimensions for i in codebook.indicators(d.id)]
    assert len(indicators) == 25
    for n, indicator in enumerate(indicators[:23]):
        verdict = "berkualitas" if n < 18 else "belum berkualitas"
        qualcode("indicator-verdict", indicator, verdict, "--project", root)
    tables = chapter(root)
    recap = tables[4]  # after informants, findings, factors and efforts
    assert recap[0].endswith("Rekapitulasi Penilaian Indikator")
    groups = [row[0] for row in recap[1] if len(set(row)) == 1]
    assert groups == [codebook.code(d.id).label for d in codebook.dimensions]  # the five
    notes = recap[2]
    assert notes[0] == "18 dari 25 indikator berkualitas."
    assert notes[1].startswith("Indikator berkualitas: ") and notes[1].count(",") == 17
    assert notes[3].startswith("Belum diputuskan peneliti (2): ")
    assert "Usulan" not in " ".join(" ".join(r) for r in recap[1])


def test_edward_iii_factors_are_organised_by_the_four_variables(tmp_path):
    root = coded_project(
        tmp_path / "e3", "edward-iii.yaml", "komunikasi-transmisi", "sumber-daya-fasilitas"
    )
    tables = chapter(root)
    factors = next(t for t in tables if "Faktor" in t[0])
    assert factors[1][0] == ["Dimensi", "Faktor Pendukung", "Faktor Penghambat"]
    assert [row[0] for row in factors[1][1:]] == [
        "Komunikasi",
        "Sumber Daya",
        "Disposisi",
        "Struktur Birokrasi",
    ]
    assert factors[1][1][1].endswith("(I1)") and factors[1][2][2].endswith("(I1)")
    # Empty cells read "—" in every table of the chapter.
    for caption, rows, _notes in tables:
        assert all(cell.strip() for row in rows for cell in row), caption
    recap = next(t for t in tables if "Indikator" in t[0])
    assert recap[2][0] == "0 dari 11 indikator memadai."


@pytest.fixture(autouse=True)
def _config(tmp_path, monkeypatch):
    monkeypatch.setenv("QUALCODE_CONFIG_DIR", str(tmp_path / "config"))

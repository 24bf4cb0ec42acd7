"""YAML front matter in .md/.txt sources."""

from __future__ import annotations

import pytest

from qualcode.core.ingest.frontmatter import split_front_matter
from qualcode.core.ingest.parse import parse_file, parse_text
from qualcode.errors import IngestError

from .helpers import FIXTURES


def test_front_matter_fills_meta_and_leaves_the_text(segmenter):
    source = parse_file(FIXTURES / "frontmatter.md", segmenter=segmenter)
    meta = source.meta
    assert (meta.informant, meta.name, meta.role) == ("I09", "Anisa Putri", "Warga (mahasiswa)")
    assert (meta.group, meta.category, meta.technique) == ("masyarakat", "pendukung", "wawancara")
    assert meta.date == "2026-03-20"
    assert meta.extra == {"kampus": "Universitas Lembah Hijau"}
    assert meta.title == "Transkrip wawancara"
    assert "---" not in source.text and "informant:" not in source.text
    assert source.text.startswith("# Transkrip wawancara")
    assert source.warnings == ()


def test_front_matter_beats_the_file_name(write_text, segmenter):
    path = write_text("I5_salah.md", "---\ninformant: Informan 8\n---\nP: Halo?\n\nI: Ya.\n")
    assert parse_file(path, segmenter=segmenter).meta.informant == "I8"


def test_no_front_matter():
    assert split_front_matter("P: Halo\n---\nI: Ya", "a.md") == ([], "P: Halo\n---\nI: Ya")


def test_values_become_strings():
    pairs, body = split_front_matter(
        "---\numur: 45\naktif: true\nlayanan: [SKU, SKTM]\ndate: 2026-03-20\nkosong:\n---\nisi",
        "a.md",
    )
    assert pairs == [
        ("umur", "45"),
        ("aktif", "true"),
        ("layanan", "SKU, SKTM"),
        ("date", "2026-03-20"),
    ]
    assert body == "isi"


def test_bad_yaml_names_file_and_line():
    text = "---\ninformant: I9\nname: [Anisa\nrole: x\n---\nP: Halo"
    with pytest.raises(
        IngestError, match=r"wawancara\.md: baris \d+: front matter bukan YAML yang sah"
    ):
        split_front_matter(text, "wawancara.md")


def test_bad_yaml_line_number_points_into_the_file():
    text = "---\ninformant: I9\nname: Anisa\n  role: : x\n---\nP: Halo"
    with pytest.raises(IngestError) as info:
        split_front_matter(text, "a.md")
    assert "baris 4" in info.value.message


def test_unclosed_front_matter():
    with pytest.raises(IngestError, match="tidak pernah ditutup"):
        split_front_matter("---\ninformant: I9\nP: Halo", "a.md")


def test_front_matter_must_be_a_mapping():
    with pytest.raises(IngestError, match="kunci: nilai"):
        split_front_matter("---\n- a\n- b\n---\nisi", "a.md")


def test_unknown_technique_warns_and_falls_back(segmenter):
    source = parse_text(
        "---\ntechnique: obsrvasi\n---\nP: Halo?\n\nI: Ya.", filename="I2.md", segmenter=segmenter
    )
    assert source.meta.technique == "wawancara"
    assert any("obsrvasi" in w for w in source.warnings)


def test_non_code_informant_warns(segmenter):
    source = parse_text(
        "---\ninformant: Pak Joko\n---\nP: Halo?\n\nI: Ya.", filename="x.md", segmenter=segmenter
    )
    assert source.meta.informant is None
    assert source.meta.name == "Pak Joko"
    assert any("bukan kode informan" in w for w in source.warnings)


def test_only_front_matter_is_empty():
    with pytest.raises(IngestError, match="I9\\.md kosong\\."):
        parse_text("---\ninformant: I9\n---\n\n", filename="I9.md")

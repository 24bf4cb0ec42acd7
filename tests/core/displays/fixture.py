"""A tiny hand-made project with known answers: 4 informants, 6 sources, 19 codings.

Codebook "mini": sarana (sarana-alat, sarana-ruang) and sikap (sikap-ramah, sikap-disiplin).
Informants: I1 Camat (aparatur, kunci), I2 Petugas loket (aparatur, utama), I3 Warga
(masyarakat, pendukung), I10 Ketua RT (masyarakat, utama) — so masyarakat reads I10 before I3
(category before number). Sources: one interview each, one observation, one document.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import pytest

from qualcode.core.project import Project, init_project
from qualcode.core.store.sources import insert_source, insert_structure
from qualcode.i18n import get_language, set_language

CODEBOOK = """\
id: mini
title: Buku kode mini
reference: Uji
dimensions:
  - id: sarana
    label: Sarana
    definition: Sarana dan prasarana pelayanan.
    indicators:
      - id: sarana-alat
        label: Peralatan
        definition: Peralatan kerja di loket.
      - id: sarana-ruang
        label: Ruang tunggu
        definition: Kenyamanan ruang tunggu.
  - id: sikap
    label: Sikap Petugas
    definition: Sikap petugas pelayanan.
    indicators:
      - id: sikap-ramah
        label: Keramahan
        definition: Keramahan petugas.
      - id: sikap-disiplin
        label: Kedisiplinan
        definition: Kedisiplinan petugas.
"""

INFORMANTS = {
    "I1": ("Camat", "aparatur", "kunci"),
    "I2": ("Petugas loket", "aparatur", "utama"),
    "I3": ("Warga", "masyarakat", "pendukung"),
    "I10": ("Ketua RT", "masyarakat", "utama"),
}

# source name → (technique, informant, [(sentence, code, polarity, summary) ...]);
# a sentence given as (sentence, fragment) codes only that fragment of it.
SOURCES: dict[str, tuple[str, str | None, list[tuple]]] = {
    "I1.txt": (
        "wawancara",
        "I1",
        [
            (
                "Komputer di loket hanya tiga unit yang berfungsi.",
                "sarana-alat",
                "penghambat",
                "Komputer hanya 3 unit berfungsi",
            ),
            (
                "Ruang tunggu sudah kami perluas tahun lalu.",
                "sarana-ruang",
                "pendukung",
                "Ruang tunggu sudah diperluas",
            ),
            (
                "Kami mengusulkan tambahan komputer ke kabupaten.",
                "upaya.sarana",
                "pendukung",
                "Mengusulkan tambahan komputer ke kabupaten",
            ),
            (
                "Petugas kami ramah kepada warga.",
                "sikap-ramah",
                "pendukung",
                "Petugas ramah kepada warga",
            ),
        ],
    ),
    "I2.txt": (
        "wawancara",
        "I2",
        [
            (
                "Hanya tiga unit komputer yang berfungsi, jadi antrean panjang.",
                "sarana-alat",
                "penghambat",
                "Hanya 3 unit komputer yang berfungsi.",
            ),
            (
                (
                    "Petugas sering datang terlambat karena komputer lambat dinyalakan.",
                    "Petugas sering datang terlambat karena",
                ),
                "sikap-disiplin",
                "penghambat",
                "Petugas sering terlambat membuka loket",
            ),
            (
                (
                    "Petugas sering datang terlambat karena komputer lambat dinyalakan.",
                    "terlambat karena komputer lambat dinyalakan",
                ),
                "sarana-alat",
                "penghambat",
                "Komputer lambat dinyalakan",
            ),
            ("Kami selalu ramah dan sopan.", "sikap-ramah", "pendukung", "Petugas ramah dan sopan"),
            (
                "Kami berencana membuat jadwal piket loket.",
                "upaya.sikap",
                "pendukung",
                "Membuat jadwal piket loket",
            ),
        ],
    ),
    "I3.txt": (
        "wawancara",
        "I3",
        [
            (
                "Ruang tunggunya sempit dan panas.",
                "sarana-ruang",
                "penghambat",
                "Ruang tunggu sempit dan panas",
            ),
            (
                "Petugasnya ramah dan sopan kok.",
                "sikap-ramah",
                "pendukung",
                "Petugasnya ramah dan sopan",
            ),
            (
                "Loket baru buka jam setengah sembilan.",
                "sikap-disiplin",
                "penghambat",
                "Loket buka jam 08.30",
            ),
        ],
    ),
    "I10.txt": (
        "wawancara",
        "I10",
        [
            (
                "Komputernya cuma tiga yang jalan.",
                "sarana-alat",
                "penghambat",
                "Komputer hanya 3 unit yang berfungsi",
            ),
            ("Ruang tunggu sempit.", "sarana-ruang", "penghambat", "Ruang tunggu sempit"),
            ("Pelayanan umumnya baik.", "sarana", "netral", "Pelayanan umumnya baik"),
            (
                "Ada petugas yang judes kalau ramai.",
                "sikap-ramah",
                "penghambat",
                "Ada petugas judes saat ramai",
            ),
        ],
    ),
    "observasi.md": (
        "observasi",
        None,
        [
            ("Dua dari tiga kipas angin rusak.", "sarana-ruang", "penghambat", "Kipas angin rusak"),
            ("Loket dibuka pukul 08.30.", "sikap-disiplin", "penghambat", "Loket buka jam 08.30"),
        ],
    ),
    "dokumentasi.md": (
        "dokumentasi",
        None,
        [
            (
                "Daftar inventaris: 5 komputer, 2 rusak berat.",
                "sarana-alat",
                "penghambat",
                "Inventaris: 2 dari 5 komputer rusak berat",
            ),
        ],
    ),
}


@dataclass
class Built:
    """The project and a handle on its codings: uid_of[(source name, summary)] → uid."""

    project: Project
    ids: dict[tuple[str, str], int]
    uids: dict[tuple[str, str], str]

    def id(self, source: str, summary: str) -> int:
        return self.ids[(source, summary)]

    def uid(self, source: str, summary: str) -> str:
        return self.uids[(source, summary)]


def make_project(root: Path, *, codings: bool = True) -> Built:
    """Make the mini project under ``root`` (optionally without any coding) and open it."""
    (root / "codebooks").mkdir(parents=True)
    (root / "codebooks" / "mini.yaml").write_text(CODEBOOK, encoding="utf-8")
    init_project(root, title="Uji", codebook="mini.yaml")
    project = Project.open(root)
    ids: dict[tuple[str, str], int] = {}
    uids: dict[tuple[str, str], str] = {}
    with project.store.transaction("test.fill", "fill", kind="barrier") as tx:
        informant_ids = {
            code: tx.insert(
                "informants", {"code": code, "role": role, "grp": group, "category": category}
            )
            for code, (role, group, category) in INFORMANTS.items()
        }
        for name, (technique, informant, entries) in SOURCES.items():
            sentences = list(
                dict.fromkeys(e[0] if isinstance(e[0], str) else e[0][0] for e in entries)
            )
            text = " ".join(sentences)
            source_id = insert_source(
                tx,
                {
                    "path": f"transcripts/{name}",
                    "name": name,
                    "sha256": hashlib.sha256(text.encode()).hexdigest(),
                    "technique": technique,
                    "informant_id": informant_ids.get(informant) if informant else None,
                    "text": text,
                },
            )
            spans, at = [], 0
            for sentence in sentences:
                spans.append((0, at, at + len(sentence)))
                at += len(sentence) + 1
            insert_structure(tx, source_id, [("I", "informant", 0, len(text), None)], spans)
            if not codings:
                continue
            for n, (where, code, polarity, summary) in enumerate(entries):
                sentence, fragment = (where, where) if isinstance(where, str) else where
                start = text.index(sentence) + sentence.index(fragment)
                uid = f"{name}-{n}"
                ids[(name, summary)] = tx.insert(
                    "codings",
                    {
                        "uid": uid,
                        "source_id": source_id,
                        "start": start,
                        "end": start + len(fragment),
                        "code_id": code,
                        "polarity": polarity,
                        "summary": summary,
                        "quote": fragment,
                        "coder": "uji",
                        "created_at": "2026-03-20T08:00:00+00:00",
                        "updated_at": "2026-03-20T08:00:00+00:00",
                    },
                )
                uids[(name, summary)] = uid
    return Built(project, ids, uids)


def add_coding(built: Built, source: str, code: str, polarity: str, summary: str) -> int:
    """Code the first sentence of a source once more (for tests that change the data)."""
    store = built.project.store
    row = store.conn.execute("SELECT id, text FROM sources WHERE name = ?", (source,)).fetchone()
    end = row[1].index(".") + 1
    with store.transaction("test.add", "add") as tx:
        return tx.insert(
            "codings",
            {
                "uid": f"extra-{summary}",
                "source_id": row[0],
                "start": 0,
                "end": end,
                "code_id": code,
                "polarity": polarity,
                "summary": summary,
                "quote": row[1][:end],
                "coder": "uji",
                "created_at": "2026-03-21T08:00:00+00:00",
                "updated_at": "2026-03-21T08:00:00+00:00",
            },
        )


def delete_coding(built: Built, coding_id: int) -> None:
    """Remove one coding (as the coding engine would)."""
    with built.project.store.transaction("test.delete", "delete") as tx:
        tx.delete("codings", coding_id)


# -- fixtures of the display and conclusion tests (conftest.py and test_conclusions.py) ----------
@pytest.fixture(autouse=True)
def indonesian():
    """Messages in Indonesian; the language is restored after."""
    before = get_language()
    set_language("id")
    yield
    set_language(before)


@pytest.fixture
def built(tmp_path, monkeypatch):
    """The mini project, made afresh for each test and closed after."""
    monkeypatch.setenv("QUALCODE_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("QUALCODE_CODER", "uji")
    result = make_project(tmp_path / "p")
    yield result
    result.project.close()


@pytest.fixture
def project(built):
    return built.project

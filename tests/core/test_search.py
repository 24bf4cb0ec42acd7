"""Search: typo tolerance, phrases, KWIC, every filter, coding all hits, caching, bad input."""

from __future__ import annotations

import pytest

from qualcode.core.codebook.model import UnknownCodeError
from qualcode.core.coding import operations as coding
from qualcode.core.project import Project
from qualcode.core.search.query import code_hits, kwic, search, word_index
from qualcode.core.sources.importing import import_paths
from qualcode.errors import CodingError, QualcodeError
from tests.core.coding_fixtures import copy_template, import_template, table_counts

I1 = """---
informant: I1
group: aparatur
---
P: Bagaimana kondisi komputer di loket?

I: Komputernya sering rusak. Kalau mau tanda tangan Pak Camat harus nunggu.

P: Petugasnya ramah?

I: Petugas di sini ramah semua.
"""
I2 = """---
informant: I2
group: masyarakat
---
P: Apa kendalanya?

I: Komputr di loket cuma tiga. Persyaratan nggak jelas.
"""
OBSERVASI = """---
technique: observasi
---
Catatan: komputer di loket dua mati sepanjang pagi.
"""


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    transcripts = {"I1.txt": I1, "I2.txt": I2, "observasi_loket.md": OBSERVASI}
    return import_template(tmp_path_factory.mktemp("search"), "Uji cari", transcripts)


@pytest.fixture
def project(template, tmp_path, monkeypatch):
    proj = Project.open(copy_template(template, tmp_path, monkeypatch))
    yield proj
    proj.close()


def matches(hits) -> list[str]:
    return [h.match for h in hits]


def test_typos_and_affixes_are_tolerated_and_exact_matches_rank_first(project):
    hits = search(project, "komputr")
    assert matches(hits)[0] == "Komputr"
    assert {"Komputr", "komputer", "Komputernya"} <= set(matches(hits))
    assert hits[0].score == 100 and all(h.score <= 100 for h in hits)
    assert matches(search(project, "komputr", fuzzy=False)) == ["Komputr"]
    assert "Persyaratan" in matches(search(project, "persyratan"))


def test_phrases_allow_a_small_gap(project):
    [hit] = search(project, "tanda tangan camat")
    assert hit.match == "tanda tangan Pak Camat"
    assert search(project, "komputer rusak") and not search(project, "rusak komputer")


def test_hits_come_with_keyword_in_context_and_their_sentence(project):
    [hit] = search(project, "nunggu")
    text = project.store.scalar("SELECT text FROM sources WHERE id = ?", (hit.source_id,))
    assert text[hit.start : hit.end] == "nunggu"
    assert hit.kwic_left.endswith("harus ") and hit.kwic_right == "."
    assert hit.informant_code == "I1" and hit.speaker == "informant"
    assert hit.sentence_idx == 2
    left, match, right = kwic("a " * 40 + "kata kunci di sini " + "b " * 40, 80, 84)
    assert match == "kata" and left.startswith("…") and right.endswith("…")
    assert "\n" not in left + right


def test_interviewer_text_is_found_and_marked(project):
    hits = search(project, "petugasnya")
    assert [h.speaker for h in hits] == ["interviewer"]


def test_filters_by_informant_group_and_technique(project):
    assert {h.informant_code for h in search(project, "komputer", informant="i2")} == {"I2"}
    assert {h.informant_code for h in search(project, "komputer", group="aparatur")} == {"I1"}
    obs = search(project, "komputer", technique="observasi")
    assert len(obs) == 1 and obs[0].informant_code == "" and obs[0].speaker == "note"


def test_filters_by_code_polarity_and_coded(project):
    [hit] = search(project, "rusak")
    coding.code_sentence(
        project, hit.source_id, hit.sentence_idx, "sarana-peralatan", polarity="penghambat"
    )
    assert matches(search(project, "rusak", code="sarana-peralatan")) == ["rusak"]
    assert matches(search(project, "rusak", code="sarana")) == [
        "rusak"
    ]  # a dimension covers its indicators
    assert search(project, "rusak", code="waktu") == []
    assert matches(search(project, "rusak", polarity="penghambat")) == ["rusak"]
    assert search(project, "rusak", polarity="pendukung") == []
    assert matches(search(project, "rusak", coded=True)) == ["rusak"]
    assert search(project, "rusak", coded=False) == []
    assert "rusak" not in matches(search(project, "komputer rusak", coded=False))


def test_coding_all_hits_is_one_undoable_event(project):
    hits = search(project, "komputer")
    made = code_hits(project, hits, "sarana-peralatan", "penghambat")
    interviewer_hits = [h for h in hits if h.speaker == "interviewer"]
    assert interviewer_hits and len(made) == len(hits) - len(interviewer_hits)
    assert {c.code_id for c in made} == {"sarana-peralatan"}
    assert all(c.summary == "" for c in made)  # quotes are not summaries: left to condense
    event = project.store.events(limit=1)[0]
    assert event.action == "search.code_hits"
    coding.undo(project)
    assert project.store.scalar("SELECT count(*) FROM codings") == 0
    with pytest.raises(CodingError):
        code_hits(project, interviewer_hits, "sarana-peralatan", "penghambat")


def test_coding_hits_skips_sentences_already_coded_and_uses_a_given_summary(project):
    [made] = code_hits(
        project, search(project, "ramah"), "kompetensi-sikap", "pendukung", summary="Petugas ramah"
    )
    assert (made.quote, made.summary) == ("Petugas di sini ramah semua.", "Petugas ramah")
    before = table_counts(project)
    with pytest.raises(CodingError):  # the interviewer's question and an already-coded sentence
        code_hits(project, search(project, "petugas"), "kompetensi-sikap", "pendukung")
    assert table_counts(project) == before
    assert code_hits(project, search(project, "petugas"), "kompetensi", "pendukung")


def test_the_word_index_is_rebuilt_only_when_sources_change(project, tmp_path):
    first = word_index(project.store)
    [hit] = search(project, "rusak")
    coding.code_sentence(project, hit.source_id, hit.sentence_idx, "sarana")
    assert word_index(project.store) is first  # a coding does not touch the texts
    path = project.root / "transcripts" / "I2.txt"
    path.write_text(I2.replace("cuma tiga", "cuma dua, printernya macet"), encoding="utf-8")
    import_paths(project, [path])
    assert word_index(project.store) is not first
    assert matches(search(project, "printer")) == ["printernya"]


@pytest.mark.parametrize(
    "kwargs, error, message",
    [
        ({"query": "   "}, QualcodeError, "kosong"),
        ({"query": "?!"}, QualcodeError, "kosong"),
        ({"query": "rusak", "informant": "I99"}, QualcodeError, "Informan 'I99' tidak ada"),
        ({"query": "rusak", "group": "mahasiswa"}, QualcodeError, "Kelompok informan 'mahasiswa'"),
        ({"query": "rusak", "technique": "survei"}, QualcodeError, "Teknik 'survei'"),
        ({"query": "rusak", "code": "sarnaa"}, UnknownCodeError, "sarnaa"),
        ({"query": "rusak", "polarity": "bagus"}, CodingError, "Polaritas 'bagus'"),
        ({"query": "rusak", "limit": 0}, QualcodeError, "Batas hasil 0"),
    ],
)
def test_bad_queries_and_filters_fail_with_clear_messages(project, kwargs, error, message):
    before = table_counts(project)
    query = kwargs.pop("query")
    with pytest.raises(error) as info:
        search(project, query, **kwargs)
    assert message in str(info.value)
    assert table_counts(project) == before


def test_coding_hits_refuses_an_unknown_code_or_polarity(project):
    hits = search(project, "komputer")
    before = table_counts(project)
    with pytest.raises(UnknownCodeError):
        code_hits(project, hits, "sarnaa", "penghambat")
    with pytest.raises(CodingError):
        code_hits(project, hits, "sarana", "bagus")
    with pytest.raises(CodingError):
        code_hits(project, [], "sarana", "netral")
    assert table_counts(project) == before

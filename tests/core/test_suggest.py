"""Auto-suggest: negation, affixes, typos, context, accept/reject, and what is never suggested."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading

import pytest

from qualcode.core import nlp
from qualcode.core import suggest as core
from qualcode.core.codebook.model import UnknownCodeError, load_codebook, parse_codebook
from qualcode.core.coding import operations as coding
from qualcode.core.project import Project
from qualcode.core.store import suggest_sql
from qualcode.core.suggest.engine import QUESTION_PRIOR, question_context
from qualcode.core.suggest.matcher import Matcher, matcher_for, word_quality
from qualcode.core.suggest.polarity import polarity
from qualcode.core.suggest.specificity import specificity
from qualcode.core.suggest.stem import stem
from qualcode.core.suggest.summary import condense
from qualcode.core.suggest.tokens import Analyzer
from qualcode.errors import CodingError
from tests.core.coding_fixtures import REPO, copy_template, import_template, table_counts

KEPMENPAN = REPO / "codebooks" / "kepmenpan-63-2003.yaml"

I1 = """---
informant: I1
group: masyarakat
---
P: Bagaimana pelayanan petugas di loket?

I: Pelayanannya nggak ramah. Kurang jelas persyaratannya.

P: Apakah ada biaya yang dikenakan?

I: Tidak dipungut biaya. Komputr di loket sering rusak. Belum ada genset di kantor.

P: Komputernya rusak juga, Bu?

I: Nggak ada, Bu.
"""

MINI = """
id: mini
title: Mini
reference: Uji (2026)
dimensions:
  - id: pelayanan
    label: Pelayanan
    definition: Cara petugas melayani.
    indicators:
      - id: pelayanan-sikap
        label: Sikap
        definition: Sikap petugas.
        keywords: [pelayanan, tidak ramah]
  - id: sarana
    label: Sarana
    definition: Peralatan.
    indicators:
      - id: sarana-alat
        label: Alat
        definition: Peralatan kerja.
        keywords: [komputer, persyaratan]
"""


@pytest.fixture(scope="module")
def kepmenpan():
    """The shipped codebook; spaCy and its matcher load once for the whole module."""
    codebook = load_codebook(KEPMENPAN)
    matcher_for(codebook)
    return codebook


@pytest.fixture(scope="module")
def template(tmp_path_factory, kepmenpan):
    return import_template(tmp_path_factory.mktemp("suggest"), "Uji saran", {"I1.txt": I1})


@pytest.fixture
def project(template, tmp_path, monkeypatch):
    proj = Project.open(copy_template(template, tmp_path, monkeypatch))
    yield proj
    proj.close()


def hints(text: str, codebook) -> list[tuple[str, str]]:
    return [(h.code_id, h.polarity) for h in core.suggest_sentence(text, codebook)]


# -- polarity and negation ------------------------------------------------------------------
@pytest.mark.parametrize(
    "text, code, expected",
    [
        ("Pelayanannya nggak ramah.", "kompetensi-sikap", "penghambat"),
        ("Petugasnya ramah.", "kompetensi-sikap", "pendukung"),
        ("Tidak dipungut biaya.", "biaya-kewajaran", "pendukung"),
        ("Saya nggak bayar apa-apa.", "biaya-kewajaran", "pendukung"),
        ("Belum ada genset.", "sarana-peralatan", "penghambat"),
        ("Kurang jelas persyaratannya.", "prosedur-persyaratan", "penghambat"),
        ("Komputernya sering rusak.", "sarana-peralatan", "penghambat"),
    ],
)
def test_negation_decides_polarity(kepmenpan, text, code, expected):
    found = hints(text, kepmenpan)
    assert found[0] == (code, expected)


def polarity_of(text: str) -> str:
    return polarity(Analyzer().analyse_one(text)).label


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Sudah bagus, cuma komputernya sering rusak.", "penghambat"),  # after "cuma" counts double
        ("Memang lama, tapi petugasnya ramah dan sopan.", "pendukung"),
        ("Walaupun antre lama, petugasnya ramah.", "pendukung"),  # concessive clause counts half
        ("Kipasnya ada tiga, yang nyala cuma satu.", "penghambat"),
        ("Tidak ada antrean panjang.", "pendukung"),  # negated complaint
        ("Tidak ada pungutan apa pun.", "pendukung"),
        ("Saya datang hari Senin.", "netral"),  # no cue
        ("Baik, Mbak.", "netral"),  # an acknowledgement, not praise
        ("Nggak ada, Mbak.", "netral"),  # a bare answer means nothing alone
        ("Habis itu saya pulang.", "netral"),  # "habis itu" = after that
        ("Berkasnya diambil habis zuhur saja.", "netral"),  # "habis zuhur" = after noon prayer
        ("Iya, jujur lumayan berat.", "penghambat"),  # a discourse "jujur", a graded "berat"
        ("Petugasnya jujur.", "pendukung"),  # "jujur" said of someone is praise
        ("Ruangnya lumayan.", "pendukung"),  # "lumayan" alone still grades the place
        ("Katanya siapin uang pelicin, biar cepat.", "penghambat"),  # a goal is no praise
        ("Prosesnya cepat, biar warga tidak menunggu.", "pendukung"),
        ("Jaringan internet juga tidak stabil.", "penghambat"),
        ("Jaringannya naik turun.", "penghambat"),
        ("Yang menguasai aplikasi baru dua orang.", "penghambat"),  # too few of a good thing
        ("Mbak yang di loket satu itu cekatan.", "pendukung"),
    ],
)
def test_polarity_rules(text, expected):
    assert polarity_of(text) == expected


def test_a_wish_counts_against_and_an_effort_for(kepmenpan):
    assert hints("Harapan saya komputernya ditambah dan ruangannya dibikin nyaman.", kepmenpan)[0][
        1
    ] == ("penghambat")
    found = hints("Kami sudah mengusulkan penambahan komputer ke kabupaten.", kepmenpan)
    # An effort is its own category: upaya.<dimension>, not the dimension beside it.
    assert found[0] == ("upaya.sarana", "pendukung")
    assert ("sarana-peralatan", "pendukung") not in found


# -- matching: lemmas, affixes, spoken forms, typos -----------------------------------------------
def test_affixes_colloquial_forms_and_typos_match_codebook_keywords():
    codebook = parse_codebook(MINI, "mini.yaml")
    assert (
        hints("Saya dilayani dengan baik.", codebook)[0][0] == "pelayanan-sikap"
    )  # pelayanan ~ dilayani
    assert hints("Komputernya baru.", codebook)[0][0] == "sarana-alat"  # -nya
    assert hints("Komputr di loket.", codebook)[0][0] == "sarana-alat"  # typo
    assert hints("Persyratannya banyak.", codebook)[0][0] == "sarana-alat"  # typo + -nya
    found = core.suggest_sentence("Petugasnya nggak ramah.", codebook)
    assert found[0].code_id == "pelayanan-sikap" and "nggak ramah" in found[0].matched


def test_stemmer_uses_the_lemma_table_then_strips_affixes():
    table = nlp.lemma_table()
    knows = lambda w: table.knows(w) or w in {"komputer", "antri", "genset"}  # noqa: E731
    assert stem("dilayani", knows, table.lemma) == "layan"
    assert stem("pelayanannya", knows, table.lemma) == "layan"
    assert stem("komputernya", knows, table.lemma) == "komputer"
    assert stem("ngantri", knows, table.lemma) == "antri"
    assert stem("menunggu", knows, table.lemma) == "tunggu"
    assert stem("gensetnya", knows, table.lemma) == "genset"


def test_known_words_are_never_taken_for_typos():
    analyzer = Analyzer()
    tanggal, tangga = analyzer.token("tanggal"), analyzer.token("tangga")
    rumah, ramah = analyzer.token("rumah"), analyzer.token("ramah")
    assert word_quality(tanggal, tangga) == 0.0
    assert word_quality(rumah, ramah) == 0.0
    assert word_quality(analyzer.token("komputr"), analyzer.token("komputer")) > 0


def test_sentences_without_keywords_get_no_suggestion(kepmenpan):
    assert hints("Selamat pagi, Bu.", kepmenpan) == []
    assert hints("Saya tinggal di desa sebelah.", kepmenpan) == []


# -- specificity: generic words count less, specific phrases still count ---------------------------
SHARED = """
id: shared
title: Shared
reference: Uji (2026)
dimensions:
  - id: sikap
    label: Sikap
    definition: Cara petugas menyapa pemohon.
    indicators:
      - id: sikap-ramah
        label: Ramah
        definition: Petugas ramah.
        keywords: [petugas, ramah]
  - id: alat
    label: Alat
    definition: Peralatan yang dipakai petugas.
    indicators:
      - id: alat-kerja
        label: Kerja
        definition: Komputer dan printer.
        keywords: [komputer]
"""


def test_specificity_is_an_idf_over_dimensions():
    assert specificity(1, 6) == 1.0
    assert specificity(2, 6) == pytest.approx(0.75, abs=0.01)  # the former shared-keyword factor
    assert specificity(5, 6) < specificity(3, 6) < specificity(2, 6)
    assert specificity(3, 1) == 1.0  # a codebook of one dimension has no generic words
    assert specificity(9, 6) == specificity(6, 6)


def test_a_keyword_the_codebook_uses_for_other_dimensions_weighs_less():
    matcher = Matcher(parse_codebook(SHARED, "shared.yaml"))
    weight = {k.text: (k.weight, n) for k, n in zip(matcher.keywords, matcher.spread, strict=True)}
    assert weight["petugas"][1] == 2  # alat's definition speaks of "petugas" too
    assert weight["ramah"][1] == weight["komputer"][1] == 1
    assert weight["petugas"][0] < weight["ramah"][0] == weight["komputer"][0]
    again = Matcher(parse_codebook(SHARED, "shared.yaml"))
    assert [k.weight for k in again.keywords] == [k.weight for k in matcher.keywords]


@pytest.mark.parametrize(
    "text",
    [
        "Saya ngurus SKU, surat keterangan usaha.",
        "Saya ngurus domisili itu ke kecamatan.",
        "Orang bank bilang harus ada SKTM dari kecamatan.",
        "Saya petugas loket satu.",
        "Saya mendadak dipanggil rapat ke kabupaten.",
        "Saya ibu rumah tangga, anak dua.",
        "Saya nggak tahu, Mbak.",
    ],
)
def test_a_sentence_naming_only_a_document_or_a_person_gets_no_suggestion(kepmenpan, text):
    assert hints(text, kepmenpan) == []


@pytest.mark.parametrize(
    "text, code",
    [
        ("Suratnya jelas, ada nomor surat dan cap.", "produk-kejelasan"),
        ("Suratnya bener, nama sama NIK nggak ada yang salah.", "produk-kesesuaian"),
        ("Nama saya salah ketik di surat domisili itu.", "produk-kesesuaian"),
        ("Kata desa cukup fotokopi KTP aja.", "prosedur-persyaratan"),
        ("Berkasnya belum lengkap, jadi disuruh pulang.", "prosedur-persyaratan"),
        ("Warga dipanggil sesuai nomor antrean.", "sarana-antrean"),
        ("Bapaknya harus naik tangga ke lantai dua.", "sarana-aksesibilitas"),
        ("Jam dua belas nggak ada petugas di loket.", "kompetensi-disiplin"),
        ("Soalnya habis itu saya gantian piket loket sama Wulan.", "kompetensi-disiplin"),
    ],
)
def test_a_sentence_about_the_aspect_itself_is_still_suggested(kepmenpan, text, code):
    assert hints(text, kepmenpan)[0][0] == code


def test_a_question_keeps_its_generic_words_as_the_topic(kepmenpan):
    matcher = matcher_for(kepmenpan)
    asked = question_context(matcher, matcher.analyzer.analyse_one("Bagaimana dengan petugasnya?"))
    assert asked.priors == (("kompetensi", QUESTION_PRIOR),)


def test_the_matcher_is_cached_per_codebook_file(kepmenpan, tmp_path):
    assert matcher_for(kepmenpan) is matcher_for(load_codebook(KEPMENPAN))
    copy = tmp_path / "k.yaml"
    shutil.copy(KEPMENPAN, copy)
    first = matcher_for(load_codebook(copy))
    os.utime(copy, ns=(1, 1))
    assert matcher_for(load_codebook(copy)) is not first


def test_the_pipeline_loads_once_and_never_at_import():
    code = (
        "import sys\n"
        "import qualcode.core.suggest, qualcode.core.search.query, qualcode.core.nlp\n"
        "print('spacy' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO
    )
    assert result.stdout.strip() == "False"
    seen = []
    threads = [threading.Thread(target=lambda: seen.append(nlp.get_nlp())) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len({id(x) for x in seen}) == 1 and nlp.is_loaded()


# -- a project: interviewer text, context, reject, accept ----------------------------------------
def by_sentence(found) -> dict[int, list]:
    out: dict[int, list] = {}
    for s in found:
        out.setdefault(s.sentence_idx, []).append(s)
    return out


def test_interviewer_text_is_never_suggested(project):
    found = core.suggest_for_source(project, 1)
    codable = {r.idx for r in suggest_sql.codable_sentences(project.store, 1)}
    assert found and {s.sentence_idx for s in found} <= codable
    interviewer = suggest_sql.sentence_row(project.store, 1, 7)
    assert interviewer.kind == "interviewer" and "Komputernya" in interviewer.text
    assert 7 not in by_sentence(found)


def test_source_suggestions_carry_span_text_and_evidence(project):
    first = by_sentence(core.suggest_for_source(project, 1))[1][0]
    assert (first.code_id, first.dimension_id, first.polarity) == (
        "kompetensi-sikap",
        "kompetensi",
        "penghambat",
    )
    text = project.store.scalar("SELECT text FROM sources WHERE id = 1")
    assert text[first.start : first.end] == first.text == "Pelayanannya nggak ramah."
    assert "nggak ramah" in first.matched and 0 < first.score <= 1


def test_a_bare_no_to_a_question_about_problems_is_good_news(project):
    [answer] = by_sentence(core.suggest_for_source(project, 1))[8]
    assert answer.text == "Nggak ada, Bu." and answer.matched == ()
    assert (answer.dimension_id, answer.polarity) == ("sarana", "pendukung")


def test_a_rejected_suggestion_is_remembered_and_undoable(project):
    target = by_sentence(core.suggest_for_source(project, 1))[5][0]
    assert core.reject(project, target) is True
    assert core.reject(project, target) is False  # already remembered: no second event
    again = [s for s in core.suggest_for_source(project, 1) if s.sentence_idx == 5]
    assert target.code_id not in [s.code_id for s in again]
    assert project.store.events(limit=1)[0].action == "suggest.reject"
    coding.undo(project)
    assert target.code_id in [
        s.code_id for s in core.suggest_for_source(project, 1) if s.sentence_idx == 5
    ]


def test_accepting_makes_an_editable_coding_and_stops_the_suggestion(project):
    target = by_sentence(core.suggest_for_source(project, 1))[5][0]
    made = core.accept(project, target)
    assert (made.code_id, made.polarity, made.start, made.end) == (
        target.code_id,
        target.polarity,
        target.start,
        target.end,
    )
    # the sentence is not copied into the summary: the coding waits to be condensed
    assert made.summary == "" and made.quote == target.text and made.coder == "nadia"
    assert target.code_id not in [
        s.code_id for s in core.suggest_for_source(project, 1) if s.sentence_idx == 5
    ]
    edited = coding.update_coding(project, made.id, summary="Komputer di loket sering rusak")
    assert edited.summary == "Komputer di loket sering rusak"


def test_accept_with_a_chosen_summary_and_polarity(project):
    target = core.suggestion_for(project, 1, 6, "sarana-peralatan")
    assert target.polarity == "penghambat" and target.matched
    made = core.accept(project, target, summary="Tidak ada genset", polarity="netral")
    assert (made.summary, made.polarity) == ("Tidak ada genset", "netral")


def test_accept_many_is_one_event(project):
    found = core.suggest_for_source(project, 1, top_k=1)
    made = core.accept_many(project, found)
    assert len(made) == len(found) > 2
    coding.undo(project)
    assert project.store.scalar("SELECT count(*) FROM codings") == 0


@pytest.mark.parametrize(
    "args, error, message",
    [
        ((1, 7, "sarana"), CodingError, "pewawancara"),
        ((1, 99, "sarana"), CodingError, "tidak punya kalimat nomor 99"),
        ((1, 5, "sarnaa"), UnknownCodeError, "sarnaa"),
        ((7, 5, "sarana"), CodingError, "Sumber #7"),
    ],
)
def test_bad_targets_are_refused_and_change_nothing(project, args, error, message):
    before = table_counts(project)
    with pytest.raises(error) as info:
        core.suggestion_for(project, *args)
    assert message in str(info.value)
    assert table_counts(project) == before


def test_suggest_all_reports_progress_and_can_be_cancelled(project):
    seen = []
    found = list(
        core.suggest_all(project, progress=lambda done, total, item: seen.append((done, total)))
    )
    assert found and seen[0] == (0, 1) and seen[-1] == (1, 1)
    assert list(core.suggest_all(project, cancel=lambda: True)) == []


def test_condense_drops_fillers_and_forms_of_address():
    assert condense("Jadi, pelayanannya ya cepat sih, Mbak.") == "Pelayanannya cepat."
    assert condense('"Ini gratis ya, Pak, Bu."') == "Ini gratis."
    assert condense("Dari Bu Sekcam ada jadwal piket.") == "Dari Bu Sekcam ada jadwal piket."
    assert condense("Iya.") == "Iya."

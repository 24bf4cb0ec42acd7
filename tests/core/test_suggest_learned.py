"""Suggestions that learn from the project's own codings, abstain, and explain themselves."""

from __future__ import annotations

import numpy as np
import pytest

from qualcode.core import suggest as core
from qualcode.core.codebook.model import load_codebook
from qualcode.core.coding.operations import NewCoding, add_codings
from qualcode.core.project import Project
from qualcode.core.store import suggest_sql
from qualcode.core.suggest import learn, propose, training
from qualcode.core.suggest.engine import small_talk
from qualcode.core.suggest.features import HASH_SIZE, Dense, Featurizer, Rows
from qualcode.core.suggest.matcher import matcher_for
from tests.core.coding_fixtures import REPO, copy_template, import_template

# A study whose residents call the self-service kiosk "anjungan" — a word no codebook knows.
KIOSK = [
    "Anjungannya error lagi pagi ini.",
    "Anjungan di lobi sering nge-hang.",
    "Layar anjungan itu mati dari kemarin.",
    "Saya coba anjungan tapi kartunya nggak kebaca.",
    "Anjungan yang baru itu lemot sekali.",
    "Anjungannya cuma satu dan sering dipakai antre.",
    "Tombol di anjungan itu macet.",
    "Anjungan mandiri itu belum bisa cetak.",
    "Kalau anjungan rusak, kami ke loket.",
    "Anjungannya sudah diperbaiki tapi error lagi.",
]
OTHERS = [
    ("Petugasnya ramah sekali.", "kompetensi-sikap", "pendukung"),
    ("Mbaknya judes kalau ditanya.", "kompetensi-sikap", "penghambat"),
    ("Petugasnya sopan dan sabar.", "kompetensi-sikap", "pendukung"),
    ("Bapaknya cuek saja waktu saya tanya.", "kompetensi-sikap", "penghambat"),
    ("Saya tidak dipungut biaya.", "biaya-pungli", "pendukung"),
    ("Ada yang minta uang rokok.", "biaya-pungli", "penghambat"),
    ("Gratis, nggak bayar apa-apa.", "biaya-kewajaran", "pendukung"),
    ("Katanya ada biaya map sepuluh ribu.", "biaya-pungli", "penghambat"),
    ("Suratnya jadi hari itu juga.", "waktu-kecepatan", "pendukung"),
    ("Saya menunggu tiga hari untuk tanda tangan camat.", "waktu-kepastian", "penghambat"),
    ("Prosesnya lama sekali.", "waktu-kecepatan", "penghambat"),
    ("Cepat, setengah jam sudah selesai.", "waktu-kecepatan", "pendukung"),
    ("Syaratnya fotokopi KK dan surat pengantar.", "prosedur-persyaratan", "netral"),
    ("Saya disuruh pulang karena berkasnya kurang.", "prosedur-persyaratan", "penghambat"),
    ("Alurnya jelas, ada di banner.", "prosedur-alur", "pendukung"),
    ("Persyaratannya berubah-ubah terus.", "prosedur-persyaratan", "penghambat"),
    ("Nama saya salah ketik di surat.", "produk-kesesuaian", "penghambat"),
    ("Suratnya benar, tidak ada yang salah.", "produk-kesesuaian", "pendukung"),
    ("Ruang tunggunya panas.", "sarana-kenyamanan", "penghambat"),
    ("Kursinya kurang, banyak yang berdiri.", "sarana-kenyamanan", "penghambat"),
    ("Kami sudah mengusulkan pelatihan untuk petugas.", "upaya.kompetensi", "pendukung"),
    ("Kami berencana menambah kursi tunggu.", "upaya.sarana", "pendukung"),
]
SMALL_TALK = ["Iya.", "Oh gitu, Mbak.", "Selamat pagi, Bu."]


def interview(informant: str, answers: list[str]) -> str:
    turns = [f"---\ninformant: {informant}\ngroup: masyarakat\n---"]
    for n, answer in enumerate(answers):
        turns.append(f"P: Pertanyaan nomor {n + 1}, Bu?\n\nI: {answer}")
    return "\n\n".join(turns) + "\n"


TRAINING = KIOSK + [text for text, _, _ in OTHERS] + SMALL_TALK
TARGET = [
    "Anjungan di dekat pintu juga nge-hang.",
    "Iya.",
    "Oh gitu.",
    "Kapan suratnya jadi?",
    "Petugasnya ramah, Mbak.",
    "Kami juga berencana menambah kipas angin di ruang tunggu.",
]


@pytest.fixture(scope="module")
def kepmenpan():
    codebook = load_codebook(REPO / "codebooks" / "kepmenpan-63-2003.yaml")
    matcher_for(codebook)
    return codebook


@pytest.fixture(scope="module")
def template(tmp_path_factory, kepmenpan):
    return import_template(
        tmp_path_factory.mktemp("learned"),
        "Uji belajar",
        {"A.txt": interview("I1", TRAINING), "B.txt": interview("I2", TARGET)},
    )


@pytest.fixture
def project(template, tmp_path, monkeypatch):
    proj = Project.open(copy_template(template, tmp_path, monkeypatch))
    yield proj
    proj.close()


def sentence_of(project, source_id: int, text: str):
    return next(
        r for r in suggest_sql.codable_sentences(project.store, source_id) if r.text == text
    )


def code_training(project, how_many: int | None = None, start: int = 0) -> None:
    """Code source 1 by hand as a student would: the kiosk as sarana, the rest as listed."""
    plan = [(t, "sarana-peralatan", "penghambat") for t in KIOSK] + OTHERS
    items = []
    for text, code, polarity in plan[start:how_many]:
        row = sentence_of(project, 1, text)
        items.append(NewCoding(1, row.start, row.end, code, polarity, text))
    add_codings(project, items)


def by_text(found) -> dict[str, list]:
    out: dict[str, list] = {}
    for s in found:
        out.setdefault(s.text, []).append(s)
    return out


# -- abstaining ------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text, expected",
    [
        ("Iya.", True),
        ("Oh gitu, Mbak.", True),
        ("Hmm, betul.", True),
        ("Selamat pagi, Pak.", True),
        ("Biayanya berapa, Pak?", True),
        ("Komputernya sering rusak.", False),
        ("Nggak ada, Bu.", False),  # an elliptical answer: its question decides
    ],
)
def test_greetings_back_channel_and_questions_are_small_talk(kepmenpan, text, expected):
    toks = matcher_for(kepmenpan).analyzer.analyse_one(text)
    assert small_talk(toks) is expected


def test_the_confidence_is_a_probability_that_grows_with_the_evidence():
    low, mid, high = (propose.cold_confidence(s) for s in (0.1, 0.5, 0.9))
    assert 0 < low < mid < high < 1


def test_platt_scaling_recovers_a_known_calibration():
    rng = np.random.default_rng(7)
    scores = rng.uniform(-3, 3, 4000)
    labels = (rng.uniform(size=4000) < 1 / (1 + np.exp(-(2.0 * scores - 1.0)))).astype(float)
    a, b = learn.fit_platt(scores, labels)
    assert a == pytest.approx(2.0, abs=0.25) and b == pytest.approx(-1.0, abs=0.25)


# -- features --------------------------------------------------------------------------------------
def test_negation_and_contrast_mark_the_words_in_their_reach(kepmenpan):
    analyzer = matcher_for(kepmenpan).analyzer
    featurizer = Featurizer(6)
    dense = Dense((0.0,) * 6, 0.0, 0.0, "netral", False)

    def columns(text: str) -> set[int]:
        index, _ = featurizer.row(analyzer.analyse_one(text), dense)
        return {int(i) for i in index if i < HASH_SIZE}

    plain, negated = columns("Petugasnya ramah."), columns("Petugasnya tidak ramah.")
    assert negated - plain - columns("tidak") - columns("Petugasnya tidak")
    contrast = (
        columns("Alurnya jelas, tapi lama.") - columns("Alurnya jelas, tapi") - columns("lama")
    )
    assert contrast  # "lama" after "tapi" carries a mark of its own


def test_sparse_rows_multiply_like_the_dense_matrix():
    rows = Rows.stack(
        [(np.array([0, 3]), np.array([1.0, 2.0])), (np.array([1, 3, 4]), np.array([0.5, 1, 3]))]
    )
    dense = np.zeros((2, 5))
    for r in range(2):
        dense[r, rows.index[rows.indptr[r] : rows.indptr[r + 1]]] = rows.values[
            rows.indptr[r] : rows.indptr[r + 1]
        ]
    weights = np.arange(10.0).reshape(5, 2)
    assert np.allclose(rows.dot(weights), dense @ weights)
    gradient = np.array([[1.0, -1.0], [0.5, 2.0]])
    assert np.allclose(rows.transpose_dot(gradient, 5), dense.T @ gradient)


# -- learning from the project's codings ----------------------------------------------------------
def test_no_model_below_the_minimum_of_hand_codings(project):
    code_training(project, learn.MIN_CODINGS - 1)
    assert training.model_for(project, Featurizer(6)) is None
    assert not project.paths.suggest_model.exists()


def test_the_model_learns_the_projects_own_words_and_explains_itself(project):
    code_training(project)
    kiosk = "Anjungan di dekat pintu juga nge-hang."
    assert not by_text(core.suggest_for_source(project, 2, learn=False)).get(kiosk)
    found = by_text(core.suggest_for_source(project, 2))
    [best, *_] = found[kiosk]
    assert best.learned and best.dimension_id == "sarana"
    assert best.code_id == "sarana-peralatan"  # the code the student gave such sentences
    assert 0 < best.score <= 1
    assert best.similar and all(s.informant == "I1" for s in best.similar)
    assert all(s.text in KIOSK and s.code_id == "sarana-peralatan" for s in best.similar)
    for chatter in ("Iya.", "Oh gitu.", "Kapan suratnya jadi?"):
        assert chatter not in found  # small talk and questions: no suggestion, learned or not


def test_the_model_is_cached_by_revision_and_retrained_after_a_change(project, monkeypatch):
    code_training(project, 31)
    featurizer = Featurizer(6)
    first = training.model_for(project, featurizer)
    assert first is not None and project.paths.suggest_model.exists()

    def no_training(*args, **kwargs):
        raise AssertionError("trained again although nothing changed")

    monkeypatch.setattr(training, "train", no_training)
    assert training.model_for(project, featurizer).revision == first.revision
    monkeypatch.undo()
    code_training(project, start=31)  # more codings: a new revision
    second = training.model_for(project, featurizer)
    assert second.revision != first.revision
    assert learn.Model.load(project.paths.suggest_model, second.revision) is not None


def test_a_damaged_cache_is_retrained_not_an_error(project):
    code_training(project)
    path = project.paths.suggest_model
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"not a model")
    assert core.suggest_for_source(project, 2)
    assert learn.Model.load(path, training.revision(project)) is not None


def test_a_rejected_suggestion_teaches_the_model(project):
    code_training(project)
    kiosk = "Anjungan di dekat pintu juga nge-hang."
    featurizer = Featurizer(6)

    def sarana_probability() -> float:
        model = training.model_for(project, featurizer)
        read = [r for r in training.read_sources(project, [2]) if r[0].text == kiosk]
        row, reading, toks = read[0]
        matcher = matcher_for(project.codebook)
        rows = Rows.stack([featurizer.row(toks, training.dense_of(matcher, reading, toks))])
        return float(model.probabilities(rows)[0, model.labels.index("sarana")])

    before = sarana_probability()
    [suggestion] = [s for s in core.suggest_for_source(project, 2) if s.text == kiosk][:1]
    core.reject(project, suggestion)
    examples = training.examples(project, featurizer)
    assert any(e.text == kiosk and "sarana" in e.rejected for e in examples)
    assert sarana_probability() < before
    again = by_text(core.suggest_for_source(project, 2)).get(kiosk, [])
    assert suggestion.code_id not in [s.code_id for s in again]


def test_an_effort_is_proposed_as_the_effort_on_its_dimension_only(project):
    code_training(project)
    effort = "Kami juga berencana menambah kipas angin di ruang tunggu."
    for learned in (False, True):
        found = by_text(core.suggest_for_source(project, 2, learn=learned))[effort]
        assert found[0].code_id == "upaya.sarana" and found[0].polarity == "pendukung"
        assert not [s for s in found if s.code_id.startswith("sarana")]


# -- start-up: a text is tokenised once per project ------------------------------------------------
def test_a_second_run_reads_stored_tokens_and_never_loads_spacy(project):
    import subprocess
    import sys

    first = [(s.sentence_idx, s.code_id) for s in core.suggest_for_source(project, 2)]
    assert project.paths.token_cache.exists()
    code = (
        "import sys\n"
        "from qualcode.core.project import Project\n"
        "from qualcode.core import suggest\n"
        f"p = Project.open({str(project.root)!r}, readonly=True)\n"
        "print([(s.sentence_idx, s.code_id) for s in suggest.suggest_for_source(p, 2)])\n"
        "print('spacy' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO
    )
    listed, loaded = result.stdout.strip().splitlines()
    assert listed == str(first) and loaded == "False"


def test_stored_tokens_are_the_tokenizers_own_and_a_damaged_file_is_ignored(tmp_path, kepmenpan):
    from qualcode.core.suggest.tokens import Analyzer, TokenStore

    texts = ["Komputernya rusak-rusak, Mbak.", "Nggak ada, Bu!", ""]
    plain = list(Analyzer().analyse(texts))
    store = TokenStore(tmp_path / "tokens.json")
    assert list(Analyzer(store=store).analyse(texts)) == plain
    store.save()
    assert list(Analyzer(store=TokenStore(tmp_path / "tokens.json")).analyse(texts)) == plain
    (tmp_path / "tokens.json").write_text("{not json", encoding="utf-8")
    assert list(Analyzer(store=TokenStore(tmp_path / "tokens.json")).analyse(texts)) == plain


@pytest.mark.parametrize(
    "text, effort",
    [
        ("Katanya Pak Camat udah ngusulin genset baru.", True),  # a spoken form of "usul"
        ("Kami sudah mengusulkan penambahan komputer.", True),
        ("Antreannya tambah lama.", False),  # "tambah" here is "ever more", not "menambah"
        ("Habis itu saya gantian piket sama Wulan.", False),  # taking turns, not "mengganti"
    ],
)
def test_effort_words_met_only_through_an_everyday_root_are_no_effort(kepmenpan, text, effort):
    found = core.suggest_sentence(text, kepmenpan)
    assert any(h.code_id.startswith("upaya.") for h in found) is effort

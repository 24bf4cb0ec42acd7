"""SentenceSegmenter: spaCy's sentencizer rule, caching, long texts, lazy loading."""

from __future__ import annotations

import hashlib

from hypothesis import given, settings
from hypothesis import strategies as st

from qualcode.core.ingest.sentences import SentenceSegmenter

SAMPLES = [
    "Selamat pagi, Bu. Apakah Ibu bersedia?",
    "Saya antri dari jam 08.00... terus dipanggil jam 10! Kok lama ya?? Iya.",
    "\u201cGratis,\u201d katanya. (Tapi ada uang rokok.) Rp 10.000,\u2013 katanya.",
    "Kantor di Jl. Merdeka No. 12. Buka jam 08.00 s.d. 15.00 WIB.",
    "tanpa titik sama sekali",
    "  Spasi di depan.  Dua spasi.\n\nParagraf baru.\nBaris baru tanpa titik\n",
    "Drs. Haryanto Wibisono, M.Si. bilang begitu. Benar?! Ya.",
    "...",
    "?!",
    "A. B. C.",
]


def test_lazy_spacy(segmenter):
    fresh = SentenceSegmenter()
    assert fresh._nlp is None
    assert fresh.segment("") == []
    assert fresh._nlp is None  # nothing to tokenize, nothing loaded


def test_pipeline_is_blank_indonesian_with_a_sentencizer(segmenter):
    assert segmenter.nlp.lang == "id"
    assert segmenter.nlp.pipe_names == ["sentencizer"]


def test_spans_are_trimmed_and_ordered(segmenter):
    text = "  Spasi di depan.  Dua spasi.\n\nParagraf baru.\n"
    spans = segmenter.segment(text)
    assert [text[a:b] for a, b in spans] == ["Spasi di depan.", "Dua spasi.", "Paragraf baru."]


def test_abbreviations_do_not_end_sentences(segmenter):
    text = "Kantornya di Jl. Merdeka No. 12, biayanya Rp. 0. Bpk. Camat setuju."
    assert [text[a:b] for a, b in segmenter.segment(text)] == [
        "Kantornya di Jl. Merdeka No. 12, biayanya Rp. 0.",
        "Bpk. Camat setuju.",
    ]


def test_matches_spacy_sentencizer_on_samples(segmenter):
    for text in SAMPLES:
        assert segmenter.segment(text) == segmenter.reference_spans(text), text


def test_segment_many_matches_one_by_one(segmenter):
    together = segmenter.segment_many(SAMPLES)
    assert together == [segmenter.reference_spans(text) for text in SAMPLES]


_WORDS = st.sampled_from(
    [
        "Saya",
        "antri",
        "lama",
        "Mbak",
        "08.00",
        "Rp",
        "10.000",
        "Jl.",
        "No.",
        "dll.",
        "nggak",
        "e-KTP",
        "KK",
        "\u201cGratis\u201d",
        "(ya)",
    ]
)
_MARKS = st.sampled_from(["", "", "", ".", "?", "!", "...", ",", ";", "?!", "\u2026", ":", ")"])
_SPACES = st.sampled_from([" ", " ", " ", "  ", "\n", "\n\n", "\t", "\u00a0"])
_TOKENS = st.tuples(_WORDS, _MARKS, _SPACES).map("".join)


@settings(max_examples=150, deadline=None)
@given(st.lists(_TOKENS, max_size=30).map("".join))
def test_matches_spacy_sentencizer(segmenter, text):
    assert segmenter.segment(text) == segmenter.reference_spans(text)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.text(max_size=40), max_size=6))
def test_any_text_gives_trimmed_spans_in_order(segmenter, texts):
    for text, spans in zip(texts, segmenter.segment_many(texts), strict=True):
        previous = 0
        for start, end in spans:
            assert previous <= start < end <= len(text)
            assert text[start:end] == text[start:end].strip()
            previous = end


def test_cache_skips_tokenizing_unchanged_texts(segmenter):
    cache: dict[str, list[tuple[int, int]]] = {}
    cached = SentenceSegmenter(cache)
    cached._nlp, cached._punct = segmenter.nlp, segmenter._punct
    texts = ["Satu. Dua.", "Tiga?", "Satu. Dua."]
    first = cached.segment_many(texts)
    key = hashlib.sha256(b"Satu. Dua.").hexdigest()
    assert cache[key] == [(0, 5), (6, 10)]
    assert len(cache) == 2

    calls: list[str] = []
    original = segmenter.nlp.tokenizer

    class Counting:
        def __call__(self, text):
            calls.append(text)
            return original(text)

    cached._nlp = type("Pipeline", (), {"tokenizer": Counting()})()
    assert cached.segment_many(texts) == first
    assert calls == []
    assert cached.segment_many(["Tiga?", "Baru."]) == [[(0, 5)], [(0, 5)]]
    assert calls == ["Baru."]


def test_identical_texts_are_tokenized_once(segmenter):
    calls: list[str] = []
    original = segmenter.nlp.tokenizer
    counting = SentenceSegmenter()
    counting._punct = segmenter._punct

    class Counting:
        def __call__(self, text):
            calls.append(text)
            return original(text)

    counting._nlp = type("Pipeline", (), {"tokenizer": Counting()})()
    assert counting.segment_many(["Ya.", "Ya.", " ", "Tidak."]) == [
        [(0, 3)],
        [(0, 3)],
        [],
        [(0, 6)],
    ]
    assert calls == ["Ya.", "Tidak."]


def test_long_texts_are_cut_into_pieces(segmenter):
    small = SentenceSegmenter(chunk_chars=50)
    small._nlp, small._punct = segmenter.nlp, segmenter._punct
    text = "\n".join(f"Kalimat nomor {i} cukup panjang untuk dipotong." for i in range(20))
    spans = small.segment(text)
    assert [text[a:b] for a, b in spans] == text.split("\n")


def test_a_text_without_breaks_longer_than_a_piece(segmenter):
    small = SentenceSegmenter(chunk_chars=10)
    small._nlp, small._punct = segmenter.nlp, segmenter._punct
    text = "a" * 35
    spans = small.segment(text)
    assert spans[0][0] == 0 and spans[-1][1] == 35
    assert all(text[a:b] == text[a:b].strip() for a, b in spans)


def test_the_store_backed_cache_answers_a_reimport_without_tokenizing(segmenter, tmp_path):
    from qualcode.core.store.db import Store
    from qualcode.core.store.sources import SegmentCache

    texts = ["Satu. Dua.", "Tiga?", "Empat. Lima. Enam."]
    with Store(tmp_path / "p.db") as store:
        writer = SentenceSegmenter(SegmentCache(store))
        writer._nlp, writer._punct = segmenter.nlp, segmenter._punct
        first = writer.segment_many(texts)
        with store.transaction("import", "uji", kind="info") as tx:
            writer.cache.flush(tx)

        reader = SentenceSegmenter(SegmentCache(store))  # a later import: nothing in memory
        calls: list[str] = []
        original = segmenter.nlp.tokenizer

        class Counting:
            def __call__(self, text):
                calls.append(text)
                return original(text)

        reader._nlp = type("Pipeline", (), {"tokenizer": Counting()})()
        reader._punct = segmenter._punct
        assert reader.segment_many([*texts, "Baru."]) == [*first, [(0, 5)]]
        assert calls == ["Baru."]

"""SentenceSegmenter: spaCy's spans without spaCy, caching, long texts."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from qualcode.core.ingest.parse import parse_file
from qualcode.core.ingest.sentences import SentenceSegmenter, default_tokenizer

ROOT = Path(__file__).resolve().parents[3]
FIXTURES = Path(__file__).resolve().parent / "fixtures"

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
    "Biayanya Rp.50.000 atau Rp50.000,- dll. Suhu 30\u00b0C. Jaraknya 3.5 km.",
    "Lihat www.sukamaju.go.id atau https://paten.id/syarat?x=1. Email: nadia.s@mail.com. Ya.",
    "[00:12:30] Peneliti: Ya.\r\n[00:12:41] Informan: Betul.\r\n1. Satu.\r\n2. Dua.",
    "Dr. med Ani hadir. Dr. rer. nat. Budi juga. kantor.Saya pulang. anak-anak.Lalu",
    "(dll.) x/dll. [dll.] \u201cdll.\u201d e-KTP-nya. Ya...Tidak?!Mungkin.",
    "Ya.\n(tidak) Ya. (tidak) Ya.\u00a0Tidak. Ya.\tTidak.\x1cLalu.",
]


def _texts(path: Path) -> list[str]:
    """A transcript's whole text and each of its turns (what the import path segments)."""
    source = parse_file(path)
    return [source.text, *(source.text[turn.start : turn.end] for turn in source.turns)]


def test_matches_spacy_on_the_demo_and_every_ingest_fixture(segmenter, reference):
    paths = sorted((ROOT / "transcripts").iterdir()) + sorted(
        p for p in FIXTURES.rglob("*") if p.is_file()
    )
    names = {p.name for p in paths}
    assert {"observasi_2026-03-16.md", "dokumentasi_sop_paten.md"} <= names
    assert len(paths) >= 15 + 8
    checked = 0
    for path in paths:
        for text in _texts(path):
            assert segmenter.segment(text) == reference(text), (path.name, text[:80])
            checked += 1
    assert checked > 400


def test_matches_spacy_on_samples(segmenter, reference):
    for text in SAMPLES:
        assert segmenter.segment(text) == reference(text), text


def test_segment_many_matches_one_by_one(reference):
    together = SentenceSegmenter().segment_many(SAMPLES)
    assert together == [reference(text) for text in SAMPLES]


_PIECES = st.sampled_from(
    [
        "Saya", "antri", "lama", "Mbak", "nggak", "KK", "anak-anak", "e-KTP", "kantor.Saya",
        "08.00", "3.5", "10.000", "Rp", "Rp.", "Rp.50.000", "Rp50.000,-", "10km", "30\u00b0C.",
        "dll.", "Jl.", "No.", "s.d.", "Dr.", "med", "rer.", "nat.", "M.Si.", "A.Md.Kep.",
        "www.sukamaju.go.id", "https://paten.id/a?b=1", "nadia.s@mail.com", "[00:12:30]",
        "1.", "2)", "...", "\u2026", "?!", "?", "!", ".", ",", ";", ":", "-", "\u2013", "/",
        "\"", "'", "\u201c", "\u201d", "(", ")", "[", "]", "{", "}", "%", "<.<", "\u00b0",
        "hehe", "Ya", "Tidak", "I", "P",
    ]
)  # fmt: skip
_GLUE = st.sampled_from(["", "", " ", " ", " ", "  ", "\n", "\r\n", "\n\n", "\t", "\u00a0"])


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(_PIECES, _GLUE).map("".join), max_size=25).map("".join))
def test_matches_spacy_on_punctuation_heavy_text(segmenter, reference, text):
    assert segmenter.segment(text) == reference(text)


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=40))
def test_matches_spacy_on_any_text(segmenter, reference, text):
    assert segmenter.segment(text) == reference(text)


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


@settings(max_examples=100, deadline=None)
@given(st.lists(st.text(max_size=40), max_size=6))
def test_any_text_gives_trimmed_spans_in_order(segmenter, texts):
    for text, spans in zip(texts, segmenter.segment_many(texts), strict=True):
        previous = 0
        for start, end in spans:
            assert previous <= start < end <= len(text)
            assert text[start:end] == text[start:end].strip()
            previous = end


class _Counting:
    """The shipped tokenizer, recording every text it is asked to tokenize."""

    def __init__(self) -> None:
        self.calls: list[str] = []

    def marks(self, text: str):
        self.calls.append(text)
        return default_tokenizer().marks(text)


def test_cache_skips_tokenizing_unchanged_texts():
    cache: dict[str, list[tuple[int, int]]] = {}
    counting = _Counting()
    cached = SentenceSegmenter(cache, tokenizer=counting)
    texts = ["Satu. Dua.", "Tiga?", "Satu. Dua."]
    first = cached.segment_many(texts)
    key = hashlib.sha256(b"Satu. Dua.").hexdigest()
    assert cache[key] == [(0, 5), (6, 10)]
    assert len(cache) == 2
    assert counting.calls == ["Satu. Dua.", "Tiga?"]

    counting.calls.clear()
    assert cached.segment_many(texts) == first
    assert counting.calls == []
    assert cached.segment_many(["Tiga?", "Baru."]) == [[(0, 5)], [(0, 5)]]
    assert counting.calls == ["Baru."]


def test_identical_texts_are_tokenized_once():
    counting = _Counting()
    segmenter = SentenceSegmenter(tokenizer=counting)
    assert segmenter.segment_many(["Ya.", "Ya.", " ", "Tidak."]) == [
        [(0, 3)],
        [(0, 3)],
        [],
        [(0, 6)],
    ]
    assert counting.calls == ["Ya.", "Tidak."]


def test_long_texts_are_cut_into_pieces():
    small = SentenceSegmenter(chunk_chars=50)
    text = "\n".join(f"Kalimat nomor {i} cukup panjang untuk dipotong." for i in range(20))
    spans = small.segment(text)
    assert [text[a:b] for a, b in spans] == text.split("\n")


def test_a_text_without_breaks_longer_than_a_piece():
    small = SentenceSegmenter(chunk_chars=10)
    text = "a" * 35
    spans = small.segment(text)
    assert spans[0][0] == 0 and spans[-1][1] == 35
    assert all(text[a:b] == text[a:b].strip() for a, b in spans)


def test_the_store_backed_cache_answers_a_reimport_without_tokenizing(tmp_path):
    from qualcode.core.store.db import Store
    from qualcode.core.store.sources import SegmentCache

    texts = ["Satu. Dua.", "Tiga?", "Empat. Lima. Enam."]
    with Store(tmp_path / "p.db") as store:
        writer = SentenceSegmenter(SegmentCache(store))
        first = writer.segment_many(texts)
        with store.transaction("import", "uji", kind="info") as tx:
            writer.cache.flush(tx)

        counting = _Counting()
        reader = SentenceSegmenter(SegmentCache(store), tokenizer=counting)  # a later import
        assert reader.segment_many([*texts, "Baru."]) == [*first, [(0, 5)]]
        assert counting.calls == ["Baru."]


def test_segmenting_never_imports_spacy():
    code = (
        "import sys\n"
        "from qualcode.core.ingest.sentences import SentenceSegmenter\n"
        f"spans = SentenceSegmenter().segment_many({SAMPLES!r})\n"
        "assert len(spans) == len(%r) and all(spans)\n"
        "print(sorted(m for m in ('spacy', 'numpy', 'thinc') if m in sys.modules))\n"
    ) % (SAMPLES,)
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert result.stdout.strip() == "[]"

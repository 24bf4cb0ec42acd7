"""Property tests: whatever the input, offsets index the text and turns/sentences nest."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from qualcode.core.ingest.model import ParsedSource
from qualcode.core.ingest.parse import parse_file, parse_text
from qualcode.errors import IngestError

_LABELS = st.sampled_from(
    [
        "P: ",
        "I: ",
        "T: ",
        "J: ",
        "Peneliti: ",
        "Pewawancara : ",
        "Camat: ",
        "Ibu Sri: ",
        "**Anisa:** ",
        "**Peneliti**: ",
        "[00:01:02] Peneliti: ",
        "(00:03) Wulan: ",
        "00:04:05 I: ",
        "1. ",
        "2) ",
        "Jawab: ",
        "Jawaban:",
        "# ",
        "## Bagian ",
        "Nama: ",
        "Tanggal: 12 Maret 2026",
        "Kode Informan: I3",
        "Jam layanan: ",
        "---",
        "",
        "",
        "",
        "  ",
    ]
)
_WORDS = st.sampled_from(
    [
        "Selamat pagi",
        "Bu",
        "antri",
        "lama?",
        "banget.",
        "Rp 10.000,\u2013",
        "\u201cgratis\u201d",
        "Caf\u00e9",
        "Cafe\u0301",
        "08:00",
        "x",
        ":",
        "**",
        "\t",
        "\u00a0",
        "\u200b",
        "\ufeff",
        "?",
        "!",
        "...",
        "\u2028",
        "\r",
        "dll.",
        "Jl.",
        "\u0301",
    ]
)
_LINE = st.tuples(_LABELS, st.lists(_WORDS, max_size=6).map(" ".join)).map("".join)
_TEXT = st.lists(_LINE, min_size=1, max_size=25).map("\n".join)


def check(source: ParsedSource) -> None:
    text = source.text
    previous_end = 0
    for turn in source.turns:
        assert 0 <= turn.start < turn.end <= len(text)
        assert text[turn.start : turn.end] == text[turn.start : turn.end].strip()
        assert turn.start >= previous_end, "turns overlap or are out of order"
        previous_end = turn.end
        assert turn.kind in ("interviewer", "informant", "note")
    previous_end = 0
    for sentence in source.sentences:
        turn = source.turns[sentence.turn]
        assert turn.start <= sentence.start < sentence.end <= turn.end
        assert text[sentence.start : sentence.end] == text[sentence.start : sentence.end].strip()
        assert sentence.start >= previous_end, "sentences overlap or are out of order"
        previous_end = sentence.end
    assert source.turns, "a parsed source always has at least one turn"


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_TEXT, st.sampled_from(["I3_a.txt", "observasi_b.md", "x.md"]))
def test_offsets_are_consistent(segmenter, text, filename):
    try:
        source = parse_text(text, filename=filename, segmenter=segmenter)
    except IngestError as error:
        assert error.message.endswith(" kosong.") or "front matter" in error.message
        return
    check(source)


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=300), st.sampled_from(["a.txt", "observasi.txt"]))
def test_arbitrary_unicode_never_crashes(segmenter, text, filename):
    try:
        source = parse_text(text, filename=filename, segmenter=segmenter)
    except IngestError:
        return
    check(source)


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["Peneliti", "Camat", "P", "Bu Sri", "Jawab"]),
            st.lists(_WORDS, min_size=1, max_size=5).map(" ".join),
        ),
        max_size=8,
    ),
    st.booleans(),
)
def test_docx_offsets_are_consistent(make_docx, segmenter, turns, colon_in_bold):
    path = make_docx(turns=turns, colon_in_bold=colon_in_bold)
    check(parse_file(path, segmenter=segmenter))

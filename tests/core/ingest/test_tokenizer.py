"""RuleTokenizer makes spaCy's tokens: the same offsets and texts, whitespace tokens included."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qualcode.core.ingest.parse import parse_file
from qualcode.core.ingest.tokenizer import RuleTokenizer
from tests.core.ingest.test_sentences import _GLUE, _PIECES, SAMPLES

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture(scope="module")
def exact() -> RuleTokenizer:
    """The shipped rules with every chunk run through the patterns."""
    return RuleTokenizer.load(whole_alnum=False)


def _spacy_tokens(nlp, text: str) -> list[tuple[int, str]]:
    return [(token.idx, token.text) for token in nlp.tokenizer(text)]


def test_tokens_equal_spacys_on_the_demo_and_samples(exact, spacy_nlp):
    texts = [parse_file(p).text for p in sorted((ROOT / "transcripts").iterdir())]
    for text in [*texts, *SAMPLES]:
        assert exact.tokens(text) == _spacy_tokens(spacy_nlp, text), text[:80]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(_PIECES, _GLUE).map("".join), max_size=25).map("".join))
def test_tokens_equal_spacys_on_punctuation_heavy_text(exact, spacy_nlp, text):
    assert exact.tokens(text) == _spacy_tokens(spacy_nlp, text)


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=40))
def test_tokens_equal_spacys_on_any_text(exact, spacy_nlp, text):
    assert exact.tokens(text) == _spacy_tokens(spacy_nlp, text)


def test_special_cases_are_matched_across_split_tokens(exact, spacy_nlp):
    # "x/dll." splits at the slash; the pieces "dll" "." then spell the special case "dll.".
    text = "kertas x/dll. ada"
    tokens = exact.tokens(text)
    assert (9, "dll.") in tokens and exact.chunk_tokens("x/dll.") == ("x", "/", "dll", ".")
    assert tokens == _spacy_tokens(spacy_nlp, text)


def test_a_word_of_letters_and_digits_is_one_token_by_default():
    fast = RuleTokenizer.load()
    assert fast.tokens("10km lalu") == [(0, "10km"), (5, "lalu")]
    assert RuleTokenizer.load(whole_alnum=False).tokens("10km lalu") == [
        (0, "10"),
        (2, "km"),
        (5, "lalu"),
    ]


def test_the_patterns_compile_only_when_a_chunk_needs_them():
    fast = RuleTokenizer.load()
    fast.tokens("kata tanpa tanda baca")
    assert "_patterns" not in vars(fast)
    fast.tokens("Ya.")
    assert "_patterns" in vars(fast)


def test_a_run_longer_than_any_word_is_cut_in_linear_time_and_keeps_every_character():
    """A 1,000+ character run without whitespace (dots, brackets, a hash) is not run through
    spaCy's affix loop, which is quadratic on it; its tokens still cover it exactly, and the
    text around it is tokenized as spaCy does."""
    from qualcode.core.ingest.tokenizer import LONG_CHUNK

    exact = RuleTokenizer.load(whole_alnum=False)
    run = "(" * (LONG_CHUNK + 1) + "abc.def" + ")" * 5
    text = f"Kantornya buka. {run} Petugasnya ramah (sekali)."
    tokens = exact.tokens(text)
    assert "".join(piece for _, piece in tokens if not piece.isspace()) == text.replace(" ", "")
    for start, piece in tokens:
        assert text[start : start + len(piece)] == piece
    assert [p for _, p in tokens[:3]] == ["Kantornya", "buka", "."]
    assert [p for _, p in tokens[-6:]] == ["Petugasnya", "ramah", "(", "sekali", ")", "."]

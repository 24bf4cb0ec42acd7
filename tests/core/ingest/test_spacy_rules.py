"""The shipped tokenizer rules are the installed spaCy's, and the shortcuts they allow hold."""

from __future__ import annotations

import json

from qualcode.core.ingest.spacy_rules import ABBREVIATIONS, export_rules
from qualcode.core.ingest.tokenizer import RULES_PATH


def test_the_shipped_rules_are_the_installed_spacys(spacy_nlp):
    shipped = json.loads(RULES_PATH.read_text(encoding="utf-8"))
    exported = json.loads(json.dumps(export_rules(spacy_nlp), ensure_ascii=False))
    assert shipped == exported, (
        "spaCy's tokenizer rules changed: regenerate them with "
        "`python -m qualcode.core.ingest.spacy_rules`, then run tests/core/ingest"
    )


def test_the_rules_hold_qualcodes_abbreviations_and_spacys_sentence_marks(spacy_nlp):
    rules = export_rules(spacy_nlp)
    for abbreviation in ABBREVIATIONS:
        assert rules["special_cases"][abbreviation] == [abbreviation]
        assert rules["matcher"][abbreviation][-1] == "."
    assert {".", "!", "?", "\u3002"} <= set(rules["punct_chars"])
    assert rules["prefix"] and rules["suffix"] and rules["infix"] and rules["url_match"]


def test_multiword_special_cases_never_start_or_end_inside_a_word(spacy_nlp):
    """Why a chunk of letters and digits may stay one token: no special case needs its pieces.

    A special case spaCy matches across tokens could take a piece of such a chunk only if it
    had a space and a first (last) word of letters and digits that spaCy cuts off the end
    (start) of a chunk, such as a unit after digits ("10km") or a currency before them
    ("Rp50"); and its inner words of letters and digits must be single tokens.
    """
    tokenizer = spacy_nlp.tokenizer
    rules = export_rules(spacy_nlp)
    multiword = [text for text in rules["matcher"] if " " in text]
    assert "Dr. rer. nat." in multiword
    for text in multiword:
        words = text.split(" ")
        first, last = words[0], words[-1]
        if first.isalnum():
            assert tokenizer.find_suffix("1" + first) != len(first), text
        if last.isalnum():
            assert tokenizer.find_prefix(last + "1") != len(last), text
        for word in words:
            if word.isalnum():
                assert [t.text for t in tokenizer(word)] == [word], text


def test_no_special_case_holds_a_whitespace_token(spacy_nlp):
    """Why a whitespace run may stay one mark: no special case's tokens include whitespace."""
    rules = export_rules(spacy_nlp)
    for text, pattern in rules["matcher"].items():
        assert not any(token.isspace() for token in pattern), text
    for text, pieces in rules["special_cases"].items():
        assert not any(piece.isspace() for piece in pieces), text

"""The spaCy side of sentence splitting: the pipeline, its exported rules, and its own spans.

Imports have no spaCy at module level: this module is what the rules file is regenerated with
(``python -m qualcode.core.ingest.spacy_rules``) and what the tests hold the spaCy-free splitter
against; the import path never calls it.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from qualcode.core.ingest.tokenizer import RULES_PATH

if TYPE_CHECKING:
    from spacy.language import Language

Span = tuple[int, int]

# Abbreviations common in Indonesian transcripts that spaCy's "id" tokenizer splits off a
# period from, which the sentencizer would then take for a sentence end.
ABBREVIATIONS = (
    "Jl.", "Jln.", "Gg.", "Bpk.", "Bp.", "Sdr.", "Sdri.", "Ny.", "Nn.", "Tn.", "Ir.", "Jend.",
    "Kec.", "Kab.", "Kel.", "Ds.", "Dsn.", "Prov.", "Kp.", "Bag.", "Kep.", "Rp.", "Tgl.", "tgl.",
    "Telp.", "telp.", "Yth.", "yth.", "Pk.", "pk.", "Bln.", "bln.", "Thn.", "thn.", "Hal.",
    "Hlm.", "Lamp.", "Ket.", "ket.", "Kpd.", "kpd.", "sbb.",
)  # fmt: skip


def sentence_pipeline() -> Language:
    """spaCy's blank Indonesian pipeline with a sentencizer and qualcode's abbreviations."""
    from spacy.attrs import ORTH

    from qualcode.core.nlp import blank_indonesian

    nlp = blank_indonesian()
    nlp.add_pipe("sentencizer")
    for abbreviation in ABBREVIATIONS:
        nlp.tokenizer.add_special_case(abbreviation, [{ORTH: abbreviation}])
    return nlp


def export_rules(nlp: Language) -> dict[str, Any]:
    """The tokenizer's patterns and special cases and the sentencizer's marks, as plain data.

    ``matcher`` holds the special cases spaCy also looks for across tokens after splitting
    (with ``faster_heuristics``, those that contain an affix, an infix or a space), each with
    the tokens spaCy matches it by: its text tokenized without special cases.
    """
    from spacy.attrs import ORTH
    from spacy.tokenizer import Tokenizer

    tokenizer = nlp.tokenizer
    sentencizer = nlp.get_pipe("sentencizer")
    searches = {
        "prefix": tokenizer.prefix_search,
        "suffix": tokenizer.suffix_search,
        "infix": tokenizer.infix_finditer,
        "token_match": tokenizer.token_match,
        "url_match": tokenizer.url_match,
    }
    patterns = {name: _pattern(search) for name, search in searches.items()}
    flags = {search.__self__.flags for search in searches.values() if search is not None}
    if len(flags) > 1:
        raise ValueError(f"the tokenizer's patterns have different flags: {flags}")
    plain = Tokenizer(
        nlp.vocab,
        rules={},
        prefix_search=tokenizer.prefix_search,
        suffix_search=tokenizer.suffix_search,
        infix_finditer=tokenizer.infix_finditer,
        token_match=tokenizer.token_match,
        url_match=tokenizer.url_match,
    )
    special_cases = {
        text: [str(piece[ORTH]) for piece in pieces]
        for text, pieces in sorted(tokenizer.rules.items())
    }
    matcher = {
        text: [token.text for token in plain(text)]
        for text in special_cases
        if not tokenizer.faster_heuristics
        or tokenizer.find_prefix(text)
        or tokenizer.find_infix(text)
        or tokenizer.find_suffix(text)
        or " " in text
    }
    return {
        **patterns,
        "flags": flags.pop() if flags else 0,
        "special_cases": special_cases,
        "matcher": matcher,
        "punct_chars": sorted(sentencizer.punct_chars),
    }


def _pattern(search: Any) -> str | None:
    return None if search is None else search.__self__.pattern


def reference_spans(nlp: Language, text: str) -> list[Span]:
    """Trimmed sentence spans from spaCy's own tokenizer and sentencizer (the yardstick)."""
    spans = []
    for sentence in nlp(text).sents:
        raw = text[sentence.start_char : sentence.end_char]
        stripped = raw.strip()
        if stripped:
            start = sentence.start_char + len(raw) - len(raw.lstrip())
            spans.append((start, start + len(stripped)))
    return spans


def write_rules(path: Path = RULES_PATH) -> None:
    """Regenerate the shipped rules file from the installed spaCy."""
    text = json.dumps(export_rules(sentence_pipeline()), ensure_ascii=False, indent=1)
    path.write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    write_rules()

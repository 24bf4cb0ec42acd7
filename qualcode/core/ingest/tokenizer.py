"""spaCy's tokenizer algorithm in plain Python, driven by rules exported from spaCy.

Sentence spans come from spaCy's blank Indonesian tokenizer plus its sentencizer rule, but
importing spaCy and building that tokenizer costs ~0.9 s, most of a whole-process
``qualcode import``. This module reproduces the token boundaries of spaCy's ``Tokenizer`` (its
Cython ``__call__``: whitespace chunks, special cases, prefixes, suffixes, ``token_match``,
``url_match``, infixes, then the special-case matcher pass) from the very regex patterns and
special cases of that tokenizer, exported into ``qualcode/data/sentence_rules.json`` by
``qualcode.core.ingest.spacy_rules``. A test regenerates the file from the installed spaCy and
fails when it differs, and others hold the sentence spans equal to spaCy's.

Only the sentence rule reads the tokens (``marks``), which allows three shortcuts, each exact
for sentences: a whitespace-delimited chunk of letters and digits only (``str.isalnum``) is one
token without running the patterns (any pieces spaCy cuts it into are letters and digits too,
and a run of such tokens opens and ends sentences as one token does); a whitespace run is one
whitespace token; and the special-case matcher pass runs only on texts where some special
case's tokens occur in a row. ``tests/core/ingest/test_spacy_rules.py`` pins the conditions on
spaCy's special cases that make these hold; ``RuleTokenizer(whole_alnum=False).tokens`` takes no
shortcut and gives spaCy's tokens one for one.
"""

from __future__ import annotations

import functools
import json
import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

RULES_PATH = Path(__file__).resolve().parents[2] / "data" / "sentence_rules.json"
"""Tokenizer and sentencizer rules exported from spaCy (see ``spacy_rules.export_rules``)."""

_CHUNKS = re.compile(r"\S+|\s+")
"""Runs of non-space and of space characters (``\\s`` is ``str.isspace``, as in spaCy)."""

Token = tuple[int, str]
"""A token: its offset in the text and its text."""

Mark = tuple[int, int, int]
"""What the sentence rule needs of a token: its start, its end and its kind (below)."""

ORDINARY, SPACE, PUNCT, SENTENCE_MARK = 0, 1, 2, 3
"""Token kinds: a word (anything else), whitespace, punctuation (every character in a Unicode "P"
category, spaCy's ``is_punct``), one of the sentencizer's sentence-final marks."""

_ChunkMarks = tuple[tuple[Mark, ...] | None, str, str]

_SPLIT = re.compile(r"(\s+)").split

MAX_CACHED_CHUNKS = 200_000
"""Distinct chunks kept in the cache; past it the cache starts again (memory stays bounded)."""

LONG_CHUNK = 1_000
"""Longest chunk tokenized by spaCy's rules. A longer run without whitespace is no word (a line
of dots, a pasted hash or a hostile file), and spaCy's prefix/suffix loop is quadratic or worse
on it: 20,000 "(" take ~42 s in spaCy and in this port. Such a chunk is cut, in linear time,
into runs of word characters and single other characters, so its tokens (and sentences inside
it) can differ from spaCy's; nothing outside it changes."""

_WORDS_AND_MARKS = re.compile(r"\w+|\W").findall


@dataclass(frozen=True, slots=True)
class _Patterns:
    """The compiled searches of spaCy's tokenizer (None where spaCy has none)."""

    prefix: Callable[[str], re.Match[str] | None] | None
    suffix: Callable[[str], re.Match[str] | None] | None
    infix: Callable[[str], Iterator[re.Match[str]]] | None
    token_match: Callable[[str], re.Match[str] | None] | None
    url_match: Callable[[str], re.Match[str] | None] | None


def _length(search: Callable[[str], re.Match[str] | None] | None, string: str) -> int:
    """Length of the affix a search finds in a string (0 for none), as spaCy measures it."""
    match = search(string) if search is not None else None
    return match.end() - match.start() if match is not None else 0


class RuleTokenizer:
    """Tokenizes like spaCy's ``Tokenizer`` built from ``rules``; patterns compile on first use.

    ``tokens(text)`` returns (offset, text) pairs; whitespace other than one ``" "`` after a
    token is kept as tokens, as spaCy keeps it. Chunks are cached by their text.
    ``whole_alnum=False`` runs the patterns on letter-and-digit chunks too, for tokens equal to
    spaCy's one by one (the tests use it; sentences are the same either way).
    """

    def __init__(self, rules: dict[str, Any], *, whole_alnum: bool = True) -> None:
        self.rules = rules
        self.whole_alnum = whole_alnum
        self.special_cases: dict[str, tuple[str, ...]] = {
            text: tuple(pieces) for text, pieces in rules["special_cases"].items()
        }
        self.punct_chars = frozenset(rules["punct_chars"])
        patterns: dict[str, list[tuple[str, ...]]] = {}
        for pattern in rules["matcher"].values():
            patterns.setdefault(pattern[0], []).append(tuple(pattern))
        self._matcher = patterns
        self._cache: dict[str, tuple[str, ...]] = {}
        self._marks: dict[str, _ChunkMarks] = {}
        self._pairs = frozenset(
            pair
            for pattern in rules["matcher"].values()
            for pair in zip(pattern, pattern[1:], strict=False)
        )
        self._pair_heads = frozenset(head for head, _ in self._pairs)

    @classmethod
    def load(cls, path: Path = RULES_PATH, *, whole_alnum: bool = True) -> RuleTokenizer:
        """Read the shipped rules file."""
        return cls(json.loads(path.read_text(encoding="utf-8")), whole_alnum=whole_alnum)

    @cached_property
    def _patterns(self) -> _Patterns:
        """The rules' patterns, compiled when the first chunk needs them."""
        flags = self.rules["flags"]

        def compiled(name: str, method: str) -> Any:
            pattern = self.rules[name]
            return None if pattern is None else getattr(re.compile(pattern, flags), method)

        return _Patterns(
            prefix=compiled("prefix", "search"),
            suffix=compiled("suffix", "search"),
            infix=compiled("infix", "finditer"),
            token_match=compiled("token_match", "match"),
            url_match=compiled("url_match", "match"),
        )

    def tokens(self, text: str) -> list[Token]:
        """The tokens of a text as spaCy's tokenizer (with its special-case pass) makes them."""
        out: list[Token] = []
        after_token = False
        chunk_tokens = self.chunk_tokens
        for match in _CHUNKS.finditer(text):
            chunk = match.group()
            start = match.start()
            if after_token and chunk[0] == " ":  # one space after a token is its trailing space
                chunk = chunk[1:]
                start += 1
                if not chunk:
                    after_token = False
                    continue
            after_token = not chunk[0].isspace()
            for piece in chunk_tokens(chunk):
                out.append((start, piece))
                start += len(piece)
        if self._matcher:
            out = self._apply_matcher(text, out)
        return out

    def marks(self, text: str) -> list[Mark]:
        """The kinds and places of a text's tokens, all the sentence rule reads.

        Whitespace runs are one SPACE mark each (spaCy's pieces of them are all whitespace, and
        no special case holds whitespace tokens). The matcher pass can only change a text where
        a special case's tokens occur in a row: inside one chunk, or across the single space
        between two chunks; such a text goes through ``tokens`` and the pass.
        """
        out: list[Mark] = []
        cache = self._marks
        heads = self._pair_heads
        pairs = self._pairs
        position = 0
        last = ""  # the last token of the previous chunk, when only one space follows it
        for index, piece in enumerate(_SPLIT(text)):
            if index % 2:  # whitespace: one " " right after a token is that token's space
                if piece != " " or not position:  # at the very start it is a token
                    out.append((position, position + len(piece), SPACE))
                    last = ""
            elif piece:
                found = cache.get(piece)
                if found is None:
                    found = self._chunk_marks(piece)
                    if len(cache) >= MAX_CACHED_CHUNKS:
                        cache.clear()
                    cache[piece] = found
                marks, first_token, last_token = found
                if marks is None or (last in heads and (last, first_token) in pairs):
                    return [self.mark(start, token) for start, token in self.tokens(text)]
                if len(marks) == 1:
                    out.append((position, position + len(piece), marks[0][2]))
                else:
                    out.extend((position + a, position + b, kind) for a, b, kind in marks)
                last = last_token
            position += len(piece)
        return out

    def mark(self, start: int, token: str) -> Mark:
        """A token's mark."""
        if token in self.punct_chars:
            kind = SENTENCE_MARK
        elif token.isspace():
            kind = SPACE
        elif _is_punct(token):
            kind = PUNCT
        else:
            kind = ORDINARY
        return (start, start + len(token), kind)

    def _chunk_marks(self, chunk: str) -> _ChunkMarks:
        """A chunk's marks (relative to it; None if a special case matches inside it) and ends."""
        tokens = self.chunk_tokens(chunk)
        marks: tuple[Mark, ...] | None = None
        if not any(
            tokens[i : i + len(pattern)] == pattern
            for i, token in enumerate(tokens)
            for pattern in self._matcher.get(token, ())
        ):
            out = []
            start = 0
            for token in tokens:
                out.append(self.mark(start, token))
                start += len(token)
            marks = tuple(out)
        return marks, tokens[0], tokens[-1]

    def chunk_tokens(self, chunk: str) -> tuple[str, ...]:
        """Token texts of one whitespace-delimited chunk (concatenated, they are the chunk)."""
        found = self._cache.get(chunk)
        if found is None:
            if self.whole_alnum and chunk.isalnum():
                found = (chunk,)  # see the module notes
            elif len(chunk) > LONG_CHUNK:
                found = tuple(_WORDS_AND_MARKS(chunk))
            else:
                found = self._tokenize_chunk(chunk)
            if len(self._cache) >= MAX_CACHED_CHUNKS:
                self._cache.clear()
            self._cache[chunk] = found
        return found

    def _tokenize_chunk(self, chunk: str) -> tuple[str, ...]:
        """spaCy's ``_split_affixes`` then ``_attach_tokens``, for one chunk."""
        specials = self.special_cases
        if chunk in specials:
            return specials[chunk]
        patterns = self._patterns
        token_match = patterns.token_match
        prefixes: list[str] = []
        suffixes: list[str] = []
        string = chunk
        last_size = 0
        while string and len(string) != last_size:
            if token_match is not None and token_match(string):
                break
            if string in specials:
                break
            last_size = len(string)
            pre_len = _length(patterns.prefix, string)
            if pre_len:
                prefix = string[:pre_len]
                minus_pre = string[pre_len:]
                if minus_pre and minus_pre in specials:
                    string = minus_pre
                    prefixes.append(prefix)
                    break
            suf_len = _length(patterns.suffix, string[pre_len:])
            if suf_len:
                suffix = string[-suf_len:]
                minus_suf = string[:-suf_len]
                if minus_suf and minus_suf in specials:
                    string = minus_suf
                    suffixes.append(suffix)
                    break
            if pre_len and suf_len and (pre_len + suf_len) <= len(string):
                prefixes.append(string[:pre_len])
                suffixes.append(string[-suf_len:])
                string = string[pre_len:-suf_len]
            elif pre_len:
                prefixes.append(string[:pre_len])
                string = string[pre_len:]
            elif suf_len:
                suffixes.append(string[-suf_len:])
                string = string[:-suf_len]
        middle: tuple[str, ...] | list[str] = ()
        if string:
            if string in specials:
                middle = specials[string]
            elif (token_match is not None and token_match(string)) or (
                patterns.url_match is not None and patterns.url_match(string)
            ):
                middle = (string,)
            elif self.whole_alnum and string.isalnum():
                middle = (string,)  # no URL or infix pattern matches letters and digits alone
            else:
                middle = self._split_infixes(patterns.infix, string)
        return (*prefixes, *middle, *reversed(suffixes))

    @staticmethod
    def _split_infixes(
        infix: Callable[[str], Iterator[re.Match[str]]] | None, string: str
    ) -> list[str]:
        """spaCy's infix step: pieces between and at the infix matches."""
        if infix is None:
            return [string]
        pieces: list[str] = []
        start = 0
        for match in infix(string):
            infix_start, infix_end = match.start(), match.end()
            if infix_start == 0:  # spaCy skips a match at the very start of the string
                continue
            if infix_start != start:
                pieces.append(string[start:infix_start])
            if infix_start != infix_end:
                pieces.append(string[infix_start:infix_end])
            start = infix_end
        if string[start:]:
            pieces.append(string[start:])
        return pieces

    def _apply_matcher(self, text: str, tokens: list[Token]) -> list[Token]:
        """spaCy's special-case pass: token runs that spell a special case become its tokens."""
        matcher = self._matcher
        texts = [piece for _, piece in tokens]
        matches: list[tuple[int, int]] = []
        for i, piece in enumerate(texts):
            for pattern in matcher.get(piece, ()):
                end = i + len(pattern)
                if end <= len(texts) and tuple(texts[i:end]) == pattern:
                    matches.append((i, end))
        if not matches:
            return tokens
        # Longest first, then leftmost; a match whose first or last token is taken is dropped.
        matches.sort(key=lambda span: (span[0] - span[1], span[0]))
        seen: set[int] = set()
        kept: list[tuple[int, int]] = []
        for start, end in matches:
            if start not in seen and end - 1 not in seen:
                kept.append((start, end))
            seen.update(range(start, end))
        kept.sort()
        out: list[Token] = []
        position = 0
        for start, end in kept:
            out.extend(tokens[position:start])
            offset = tokens[start][0]
            last_offset, last_text = tokens[end - 1]
            special = self.special_cases.get(text[offset : last_offset + len(last_text)])
            if special is None:
                out.extend(tokens[start:end])
            else:
                for piece in special:
                    out.append((offset, piece))
                    offset += len(piece)
            position = end
        out.extend(tokens[position:])
        return out


@functools.lru_cache(maxsize=4096)
def _is_punct(text: str) -> bool:
    """spaCy's ``is_punct``: every character is in a Unicode punctuation category."""
    return all(unicodedata.category(char).startswith("P") for char in text)

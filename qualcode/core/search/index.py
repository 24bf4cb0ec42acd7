"""The word index behind search: every word of every source, its postings and its neighbours.

Built once per set of source texts. A query word finds vocabulary words exactly, by prefix
("komputer" → "komputernya") and by rapidfuzz similarity ("komputr" → "komputer", also inside
a longer word: "komputr" → "komputernya"); postings give every occurrence in text order.
"""

from __future__ import annotations

import heapq
import re
from array import array
from bisect import bisect_left
from collections.abc import Iterator, Sequence

from qualcode.core.store import search_sql
from qualcode.core.suggest.matcher import PHRASE_GAP

WORD = re.compile(r"\w+(?:[-'’]\w+)*")
GAP_PENALTY = 5.0
PREFIX_SCORE = 90.0
SUFFIX_ROOM = 6  # "komputr" also finds "komputernya": a typo before a suffix


class WordIndex:
    """Every word of every source: vocabulary, postings, and per-source token positions."""

    def __init__(self, rows: Sequence[search_sql.SourceRow], signature: str) -> None:
        self.signature = signature
        self.sources = list(rows)
        self.position = {row.id: n for n, row in enumerate(self.sources)}
        self.words: list[str] = []
        ids: dict[str, int] = {}
        self.tokens: list[tuple[array, array, array]] = []
        postings: dict[int, list[int]] = {}
        for n, row in enumerate(self.sources):
            starts, ends, word_ids = array("i"), array("i"), array("i")
            for k, m in enumerate(WORD.finditer(row.text)):
                word = m.group().casefold()
                wid = ids.get(word)
                if wid is None:
                    wid = ids[word] = len(self.words)
                    self.words.append(word)
                starts.append(m.start())
                ends.append(m.end())
                word_ids.append(wid)
                postings.setdefault(wid, []).append((n << 22) | k)
            self.tokens.append((starts, ends, word_ids))
        self.ids = ids
        self.postings = postings
        self.sorted_words = sorted(ids)
        self.by_length: dict[int, list[str]] = {}
        for word in self.words:
            self.by_length.setdefault(len(word), []).append(word)
        self._candidates: dict[tuple[str, bool], dict[int, float]] = {}
        self._choices: dict[int, tuple[list[str], dict[str, list[int]]]] = {}

    def candidates(self, query_word: str, fuzzy: bool) -> dict[int, float]:
        """Return the vocabulary words a query word matches, with a score (100 = exact)."""
        key = (query_word, fuzzy)
        found = self._candidates.get(key)
        if found is not None:
            return found
        from rapidfuzz import fuzz, process

        found = {}
        if len(query_word) >= 4:
            at = bisect_left(self.sorted_words, query_word)
            while at < len(self.sorted_words) and self.sorted_words[at].startswith(query_word):
                found[self.ids[self.sorted_words[at]]] = PREFIX_SCORE
                at += 1
        if fuzzy and len(query_word) >= 4:
            cutoff = 85.0 if len(query_word) <= 5 else 80.0
            near, heads = self._fuzzy_choices(len(query_word))
            for word, score, _ in process.extract(
                query_word, near, scorer=fuzz.ratio, score_cutoff=cutoff, limit=None
            ):
                wid = self.ids[word]
                found[wid] = max(found.get(wid, 0.0), min(float(score), PREFIX_SCORE - 1))
            # A typo in the stem of a longer word: "komputr" ~ "komputernya".
            for head, score, _ in process.extract(
                query_word, list(heads), scorer=fuzz.ratio, score_cutoff=cutoff, limit=None
            ):
                for wid in heads[head]:
                    found[wid] = max(found.get(wid, 0.0), min(float(score), PREFIX_SCORE - 1) - 5.0)
        exact = self.ids.get(query_word)
        if exact is not None:
            found[exact] = 100.0
        if len(self._candidates) > 10_000:
            self._candidates.clear()
        self._candidates[key] = found
        return found

    def _fuzzy_choices(self, size: int) -> tuple[list[str], dict[str, list[int]]]:
        """Words of about a query's length, and heads of longer words (cached per length)."""
        found = self._choices.get(size)
        if found is None:
            near = [w for n in range(size - 2, size + 3) for w in self.by_length.get(n, ())]
            heads: dict[str, list[int]] = {}
            for n in range(size + 3, size + SUFFIX_ROOM + 1):
                for word in self.by_length.get(n, ()):
                    heads.setdefault(word[: size + 1], []).append(self.ids[word])
            found = self._choices[size] = (near, heads)
        return found

    def ranked(
        self, query_words: list[str], fuzzy: bool, allowed: set[int] | None = None
    ) -> Iterator[tuple[int, int, int, float]]:
        """Yield (source position, first token, last token, score) best first, then in text order.

        ``allowed`` limits the sources (by position). A one-word query streams its postings in
        order, so a search that needs only the first hits stops early.
        """
        wanted = [self.candidates(w, fuzzy) for w in query_words]
        if any(not c for c in wanted):
            return
        if len(wanted) == 1:
            by_score: dict[float, list[array | list[int]]] = {}
            for wid, score in wanted[0].items():
                if wid in self.postings:
                    by_score.setdefault(score, []).append(self.postings[wid])
            for score in sorted(by_score, reverse=True):
                lists = by_score[score]
                for packed in heapq.merge(*lists) if len(lists) > 1 else lists[0]:
                    n = packed >> 22
                    if allowed is None or n in allowed:
                        k = packed & 0x3FFFFF
                        yield n, k, k, score
            return
        out = list(self._phrases(wanted, allowed))
        out.sort(key=lambda h: (-h[3], h[0], h[1]))
        yield from out

    def _phrases(
        self, wanted: list[dict[int, float]], allowed: set[int] | None
    ) -> Iterator[tuple[int, int, int, float]]:
        rest = wanted[1:]
        for wid, score in wanted[0].items():
            for packed in self.postings.get(wid, ()):
                n, k = packed >> 22, packed & 0x3FFFFF
                if allowed is not None and n not in allowed:
                    continue
                word_ids = self.tokens[n][2]
                total, last, gaps = score, k, 0
                for cands in rest:
                    step_found = None
                    for at in range(last + 1, min(last + PHRASE_GAP + 2, len(word_ids))):
                        got = cands.get(word_ids[at])
                        if got is not None:
                            step_found = (at, got)
                            break
                    if step_found is None:
                        last = -1
                        break
                    gaps += step_found[0] - last - 1
                    last, total = step_found[0], total + step_found[1]
                if last >= 0:
                    yield n, k, last, total / len(wanted) - GAP_PENALTY * gaps

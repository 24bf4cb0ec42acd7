"""Sentence polarity (pendukung / penghambat / netral) from the cue lexicon, with negation.

A sentence's polarity is the weighted sum of its cue words. A negator ("tidak", "nggak",
"belum", "kurang", "tanpa"…) flips the first cue within a short window after it, so "nggak ramah"
and "kurang jelas" count against and "tidak dipungut biaya" or "nggak bayar" count for; with no
cue in reach, "tidak ada"/"belum ada" (a lack) counts against, while a bare "Nggak ada, Mbak."
is only an answer (its sense depends on the question). A contrast marker ("tapi", "namun",
"hanya saja", a clause-opening "cuma") doubles the weight of what follows it; a concessive clause
("walaupun…") and a purpose clause ("biar cepet", a goal, not a state) count half. A
clause-opening "jujur" only marks candour, and "lumayan" only grades the cue after it.
"cuma tiga yang nyala" and "sampai tiga kali" count against.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from qualcode.core.suggest.lexicon import (
    CONCESSIVE,
    CONDITIONAL,
    CONTRAST,
    CONTRAST_OPENING,
    COUNT_LIMITERS,
    CUES,
    DEGREE,
    DISCOURSE,
    EXCESS,
    HOPES,
    INTERJECTIONS,
    LIMITERS,
    NEGATION_WINDOW,
    NEGATORS,
    NOT_CUES,
    NUMBERS,
    POLARITY_MARGIN,
    PURPOSE,
    TIME_UNITS,
    TRANSPARENT,
    WISHES,
)

LIMIT_WEIGHT = -0.5
PURPOSE_WEIGHT = 0.5


class Token(Protocol):
    """What polarity needs of a token: its normalised form, its light form, punctuation."""

    norm: str
    light: str
    punct: bool


@dataclass(frozen=True, slots=True)
class Polarity:
    """A sentence's polarity, its signed score, the cues that decided it, and its mood."""

    label: str
    score: float
    cues: tuple[str, ...]
    wish: bool = False
    hope: bool = False
    bare_no: bool = False


class _PhraseIndex:
    """Phrases of one table indexed by their first word, longest first (a lookup per token)."""

    def __init__(self, table) -> None:
        by_first: dict[str, list[tuple[str, ...]]] = {}
        for key in table:
            words = tuple(key.split())
            by_first.setdefault(words[0], []).append(words)
        self.by_first = {w: sorted(v, key=len, reverse=True) for w, v in by_first.items()}

    def at(self, tokens: Sequence[Token], i: int) -> tuple[str, int] | None:
        tok = tokens[i]
        best: tuple[str, int] | None = None
        for first in (tok.norm, tok.light) if tok.light != tok.norm else (tok.norm,):
            for words in self.by_first.get(first, ()):
                size = len(words)
                if best is not None and size <= best[1]:
                    break
                if i + size > len(tokens):
                    continue
                if _fits(tokens, i, words):
                    best = (" ".join(words), size)
                    break
        return best


def _fits(tokens: Sequence[Token], i: int, words: tuple[str, ...]) -> bool:
    last = len(words) - 1
    for k, word in enumerate(words):
        tok = tokens[i + k]
        if tok.punct:
            return False
        if tok.norm != word and not (k == last and tok.light == word):
            return False
    return True


_indexes: dict[int, _PhraseIndex] = {}


def phrase_at(tokens: Sequence[Token], i: int, table) -> tuple[str, int] | None:
    """Return the longest entry of ``table`` starting at token i (the last word may be light)."""
    index = _indexes.get(id(table))
    if index is None:
        index = _indexes[id(table)] = _PhraseIndex(table)
    return index.at(tokens, i)


def contains(tokens: Sequence[Token], table) -> bool:
    """Tell whether any entry of ``table`` (words or phrases) occurs in the tokens."""
    return any(not tok.punct and phrase_at(tokens, i, table) for i, tok in enumerate(tokens))


def _clause_weights(tokens: Sequence[Token]) -> list[float]:
    """Weight of each token: doubled after the last contrast, halved in a concessive clause
    and in a purpose clause."""
    weights = [1.0] * len(tokens)
    clause_start = True
    last_contrast = -1
    concessive_from = -1
    purpose_from = -1
    for i, tok in enumerate(tokens):
        if tok.punct:
            clause_start = True
            if purpose_from >= 0:
                for j in range(purpose_from, i):
                    weights[j] *= PURPOSE_WEIGHT
                purpose_from = -1
            if concessive_from >= 0:
                for j in range(concessive_from, i):
                    weights[j] *= 0.5
                concessive_from = -1
            continue
        if phrase_at(tokens, i, CONTRAST) is not None or (
            clause_start and tok.norm in CONTRAST_OPENING
        ):
            last_contrast = i
        if tok.norm in CONCESSIVE or (tok.norm in CONDITIONAL and _clause_has_more(tokens, i)):
            concessive_from = i
        if tok.norm in PURPOSE and purpose_from < 0:
            purpose_from = i
        clause_start = False
    if purpose_from >= 0:
        for j in range(purpose_from, len(tokens)):
            weights[j] *= PURPOSE_WEIGHT
    if concessive_from >= 0 and last_contrast < concessive_from:
        for j in range(concessive_from, len(tokens)):
            weights[j] *= 0.5
    if last_contrast >= 0:
        for j in range(last_contrast, len(tokens)):
            weights[j] *= 2.0
    return weights


def _clause_has_more(tokens: Sequence[Token], i: int) -> bool:
    """Tell whether the sentence goes on after the clause opened at i (a main clause follows)."""
    for k in range(i + 1, len(tokens)):
        if tokens[k].punct and tokens[k].norm == ",":
            return any(not t.punct for t in tokens[k + 1 :])
    return False


def polarity(tokens: Sequence[Token]) -> Polarity:
    """Return the polarity of one sentence from its tokens (see the module docstring)."""
    weights = _clause_weights(tokens)
    total = 0.0
    used: list[str] = []
    consumed: set[int] = set()
    bare_no = False
    n = len(tokens)
    i = 0
    while i < n:
        tok = tokens[i]
        if tok.punct or i in consumed:
            i += 1
            continue
        skip = phrase_at(tokens, i, NOT_CUES)
        if skip is not None:
            i += skip[1]
            continue
        found = phrase_at(tokens, i, CUES)
        if tok.norm in NEGATORS and (found is None or found[1] == 1):
            value, end, words = _negation(tokens, i, consumed)
            bare_no = bare_no or (i == 0 and not words and end > i)
            total += value * weights[i]
            if value:
                used.append(words)
            i = end
            continue
        if found is not None:
            key, size = found
            if _marker(tokens, i, key, size):
                i += size
                continue
            value = _cue_value(tokens, i, key)
            if value:
                total += value * weights[i]
                used.append(key)
            i += size
            continue
        if (tok.norm in LIMITERS or tok.norm in EXCESS) and _counts_too_many_or_few(tokens, i):
            total += LIMIT_WEIGHT * weights[i]
            used.append(f"{tok.norm} {tokens[i + 1].norm}")
            i += 2
            continue
        i += 1
    if total >= POLARITY_MARGIN:
        label = "pendukung"
    elif total <= -POLARITY_MARGIN:
        label = "penghambat"
    else:
        label = "netral"
    return Polarity(
        label,
        round(total, 3),
        tuple(used),
        wish=contains(tokens, WISHES),
        hope=contains(tokens, HOPES),
        bare_no=bare_no and not used,
    )


def _marker(tokens: Sequence[Token], i: int, key: str, size: int) -> bool:
    """Tell whether a cue word only marks discourse ("Jujur, …") or grades the next cue."""
    if key in DISCOURSE and (i == 0 or tokens[i - 1].punct):
        return True
    nxt = i + size
    return key in DEGREE and nxt < len(tokens) and phrase_at(tokens, nxt, CUES) is not None


def _cue_value(tokens: Sequence[Token], i: int, key: str) -> float:
    cue = CUES[key]
    if cue.availability and _limited(tokens, i):
        return -1.0
    if cue.value > 0 and _counted_after(tokens, i + len(key.split())):
        return -1.0  # "yang jago cuma satu-dua orang"
    if cue.value > 0 and key in INTERJECTIONS and i == 0 and (len(tokens) == 1 or tokens[1].punct):
        return 0.0  # "Baik, Mbak." acknowledges, it does not praise
    return cue.value


def _negation(tokens: Sequence[Token], i: int, consumed: set[int]) -> tuple[float, int, str]:
    """Resolve the negator at i: the flipped first cue in reach, else a default; return the end."""
    negator = tokens[i].norm
    default: float | None = None
    j = i + 1
    steps = 0
    while j < len(tokens) and steps < NEGATION_WINDOW:
        tok = tokens[j]
        if tok.punct or tok.norm in NEGATORS:
            break
        if phrase_at(tokens, j, NOT_CUES) is not None:
            return 0.0, j, ""
        found = phrase_at(tokens, j, CUES)
        if found is not None:
            key, size = found
            consumed.update(range(j, j + size))
            return CUES[key].negated, j + size, f"{negator} {key}"
        if tok.norm in TRANSPARENT:
            if tok.norm == "ada" and j + 1 < len(tokens) and tokens[j + 1].norm == "yang":
                default = 0.0 if default is None else default  # "nggak ada yang…" = nobody…
            elif default is None and TRANSPARENT[tok.norm] is not None:
                default = TRANSPARENT[tok.norm]
        else:
            steps += 1
        j += 1
    at_end = j >= len(tokens) or tokens[j].punct
    if i == 0 and at_end and all(tokens[k].norm in TRANSPARENT for k in range(i + 1, j)):
        # "Nggak ada, Mbak." answers a question; on its own it says nothing for or against.
        return 0.0, j, ""
    value = NEGATORS[negator] if default is None else default
    words = " ".join(t.norm for t in tokens[i : min(j, i + 2)])
    return value, i + 1, words


def _counted_after(tokens: Sequence[Token], j: int) -> bool:
    """Tell whether "cuma/hanya/baru" + a count follows within three words (too few of a good)."""
    for k in range(j, min(len(tokens) - 1, j + 3)):
        if tokens[k].punct:
            return False
        if tokens[k].norm in COUNT_LIMITERS and tokens[k + 1].norm in NUMBERS:
            return True
    return False


def _limited(tokens: Sequence[Token], i: int) -> bool:
    """Tell whether an availability cue is limited by "cuma/hanya" a few words around it."""
    for k in range(max(0, i - 4), min(len(tokens), i + 3)):
        if k != i and tokens[k].norm in LIMITERS and not tokens[k].punct:
            return True
    return False


def _counts_too_many_or_few(tokens: Sequence[Token], i: int) -> bool:
    """ "cuma satu", "sampai tiga kali" — but not a duration ("cuma lima menit") or a range."""
    if i + 1 >= len(tokens) or tokens[i + 1].norm not in NUMBERS:
        return False
    if (
        i + 2 < len(tokens)
        and tokens[i + 2].norm in TIME_UNITS
        and tokens[i].norm not in ("sampai", "sampe")
    ):
        return False
    if tokens[i].norm in ("sampai", "sampe") and i > 0 and tokens[i - 1].norm in NUMBERS:
        return False  # "dua sampai tiga hari" is a range
    return True

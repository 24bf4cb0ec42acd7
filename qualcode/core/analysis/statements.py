"""Merging near-duplicate condensed statements, so a factor said by five informants is one entry.

Statements are compared in a normalised form: NFKC, case-folded, words only, Indonesian filler
words dropped ("yang", "dan", "sekali", "kok"...) and negations made one word ("belum", "nggak",
"gak", "tak" → "tidak"). Two statements make the same point when:

* ``token_set_ratio >= SET_THRESHOLD`` (85): the words largely coincide, whatever their order
  or a few extra words ("Petugas ramah dan sopan" / "Petugasnya sopan dan ramah");
* ``token_sort_ratio >= SORT_THRESHOLD`` (65): guards token_set's blind spot, where a short
  statement is a subset of a much longer, different one ("Komputer rusak" / "Komputer rusak
  sehingga pelayanan lambat dan warga harus kembali besok");
* both or neither are negated ("Informasi persyaratan jelas" / "... tidak jelas");
* their numbers and their aspect words ("sudah", "akan", "masih"...) do not contradict (one's
  set contains the other's): "antre 2 jam" / "antre 3 jam", and "Komputer sudah diperbaiki" /
  "Komputer akan diperbaiki", are different claims a supervisor must see.

Clustering is leader-based, not transitive: statements are visited from the most common (then
longest) wording, each joins the most similar existing leader or becomes one; the leader's most
frequent original wording represents the cluster. Candidate pairs are found with vectorised
``rapidfuzz.process.cdist`` calls on token-sorted strings (the SORT guard), so only those few
pairs pay for ``token_set_ratio``.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar

import numpy as np
from rapidfuzz import fuzz, process

SET_THRESHOLD = 85
SORT_THRESHOLD = 65
FILLERS = frozenset(
    "yang dan atau di ke dari untuk pada dengan oleh ada adalah itu ini juga saja lagi kok sih "
    "deh dong lah pun memang katanya kan sangat sekali amat begitu".split()
)
NEGATIONS = frozenset("tidak tak nggak ngga enggak engga gak ga belum".split())
ASPECTS = frozenset("sudah telah akan sedang masih pernah".split())
NEGATION = "tidak"
_WORD = re.compile(r"\w+")
_TRAILING = " \t\n.,;:"
_CHUNK = 128  # keys scored at once against the leaders so far (bounded memory and work)

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Merged:
    """One merged statement: its representative wording and the items (codings) behind it."""

    text: str
    items: tuple


def clean(text: str) -> str:
    """Return a statement as shown: single spaces, no trailing full stop."""
    return " ".join(text.split()).rstrip(_TRAILING)


def normalise(text: str) -> str:
    """Return the comparison form: case-folded words, fillers dropped, negations unified."""
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)
    words = [NEGATION if word in NEGATIONS else word for word in _WORD.findall(text.casefold())]
    kept = [word for word in words if word not in FILLERS]
    return " ".join(kept or words)


def markers(key: str) -> tuple[frozenset[str], bool, frozenset[str]]:
    """What two statements must not contradict: numbers, negation, aspect words."""
    words = set(key.split())
    numbers = frozenset(w for w in words if w.isdigit())
    return numbers, NEGATION in words, frozenset(words & ASPECTS)


def compatible(a: tuple, b: tuple) -> bool:
    """Tell whether two statements' markers agree (same negation; nested numbers and aspects)."""
    return a[1] == b[1] and (a[0] <= b[0] or b[0] <= a[0]) and (a[2] <= b[2] or b[2] <= a[2])


def same_point(a: str, b: str) -> bool:
    """Tell whether two normalised statements say the same thing (the merge rule)."""
    return (
        fuzz.token_sort_ratio(a, b) >= SORT_THRESHOLD
        and fuzz.token_set_ratio(a, b) >= SET_THRESHOLD
        and compatible(markers(a), markers(b))
    )


def merge(items: Sequence[T], text_of: Callable[[T], str]) -> list[Merged]:
    """Merge items whose statements are near-duplicates; return one cluster per point made."""
    forms: dict[str, tuple[str, str]] = {}  # raw text → (shown, key); summaries repeat a lot
    wording: dict[str, dict[str, int]] = {}  # key → shown wording → count
    members: dict[str, list[T]] = {}
    for item in items:
        raw = text_of(item)
        form = forms.get(raw)
        if form is None:
            shown = clean(raw)
            form = forms[raw] = (shown, normalise(shown))
        shown, key = form
        group = members.get(key)
        if group is None:
            members[key] = [item]
            wording[key] = {shown: 1}
        else:
            group.append(item)
            variants = wording[key]
            variants[shown] = variants.get(shown, 0) + 1
    keys = sorted(members, key=lambda k: (-len(members[k]), -len(k), k))
    leader_of = _leaders(keys)
    clusters: dict[str, list[str]] = defaultdict(list)
    for key in keys:
        clusters[leader_of[key]].append(key)
    merged = []
    for leader, group_keys in clusters.items():
        text = _representative(wording[leader])
        collected = [item for key in group_keys for item in members[key]]
        merged.append(Merged(text, tuple(collected)))
    return merged


def _representative(variants: dict[str, int]) -> str:
    return min(variants, key=lambda text: (-variants[text], -len(text), text))


def _leaders(keys: list[str]) -> dict[str, str]:
    """Assign each key (in priority order) to the best earlier leader it matches, else itself.

    Keys are scored in chunks against the leaders found so far plus the chunk itself, so the
    work is about the lower triangle of leader pairs rather than every pair of keys.
    """
    sorted_forms = [" ".join(sorted(key.split())) for key in keys]
    marks: dict[int, tuple] = {}  # computed only for the few pairs that pass both scores
    leaders: list[int] = []
    leader_of: dict[str, str] = {}
    for begin in range(0, len(keys), _CHUNK):
        end = min(begin + _CHUNK, len(keys))
        before = len(leaders)
        candidates = leaders + list(range(begin, end))
        # token_sort_ratio is ratio() on token-sorted strings: one vectorised call prunes pairs.
        scores = process.cdist(
            sorted_forms[begin:end],
            [sorted_forms[j] for j in candidates],
            scorer=fuzz.ratio,
            score_cutoff=SORT_THRESHOLD,
            dtype=np.uint8,
            workers=1,  # threads only waited for each other on a busy 2-CPU machine
        )
        # candidate pairs of the whole chunk at once: (row, column) in row-major order
        rows, cols = scores.nonzero()
        starts = np.searchsorted(rows, np.arange(end - begin + 1))
        chunk_leaders = set()
        for i in range(begin, end):
            key = keys[i]
            best, best_score = -1, 0.0
            limit = before + i - begin  # earlier keys only
            for c in cols[starts[i - begin] : starts[i - begin + 1]].tolist():
                if c >= limit:
                    break
                j = candidates[c]
                if c >= before and j not in chunk_leaders:
                    continue
                other = keys[j]
                score = fuzz.token_set_ratio(key, other, score_cutoff=SET_THRESHOLD)
                if score <= best_score:
                    continue
                if i not in marks:
                    marks[i] = markers(key)
                if j not in marks:
                    marks[j] = markers(other)
                if compatible(marks[i], marks[j]):
                    best, best_score = j, score
            if best < 0:
                chunk_leaders.add(i)
                leaders.append(i)
                leader_of[key] = key
            else:
                leader_of[key] = keys[best]
    return leader_of

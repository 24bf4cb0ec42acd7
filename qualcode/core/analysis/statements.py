"""Which condensed statements a display may show as one line, and which it only proposes to merge.

A display never puts an informant's code beside words that informant did not say. So a line
merges automatically only statements that are the *same* once case, punctuation and whitespace
are ignored ("Ruang tunggu sempit." / "ruang tunggu sempit"), plus the merges the student
accepted (stored, with the wording the student chose).

Near-duplicates are only *proposed* (:func:`propose`): the student decides. They are compared in
a looser form: NFKC, case-folded, words only, Indonesian filler words dropped ("yang", "dan",
"sekali", "kok"...) and negations made one word ("belum", "nggak", "gak", "tak" → "tidak"). Two
statements are proposed together when:

* ``token_set_ratio >= SET_THRESHOLD`` (85): the words largely coincide, whatever their order
  or a few extra words ("Petugas ramah dan sopan" / "Petugasnya sopan dan ramah");
* ``token_sort_ratio >= SORT_THRESHOLD`` (65): guards token_set's blind spot, where a short
  statement is a subset of a much longer, different one ("Komputer rusak" / "Komputer rusak
  sehingga pelayanan lambat dan warga harus kembali besok");
* they share at least half their words (suffixes "-nya", "-lah", "-kah" ignored): guards
  token_set's other blind spot, two statements sharing a few words ("Tidak ada air di toilet" /
  "Tidak ada ruang laktasi, toilet kotor");
* their negation, their numbers, their aspect words ("sudah", "akan", "masih"...) and the
  documents they name (KK, KTP, akta, surat keterangan...) are the same: "antre 2 jam" /
  "antre 3 jam", "KK jadi hari itu juga" / "akta jadi hari itu juga" are different claims.

Statements are first partitioned by those markers, so two are compared only when they agree.
Within a partition proposals are leader-based, not transitive: statements are visited from the
most common (then longest) wording, each joins the most similar earlier leader or becomes one.
Candidates come from an index of the leaders' words, read rarest word first with a fixed budget,
so the cost is linear in the number of statements (each looks at a bounded number of others),
never all pairs.
"""

from __future__ import annotations

import heapq
import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from rapidfuzz import fuzz

SET_THRESHOLD = 85
SORT_THRESHOLD = 65
FILLERS = frozenset(
    "yang dan atau di ke dari untuk pada dengan oleh ada adalah itu ini juga saja lagi kok sih "
    "deh dong lah pun memang katanya kan sangat sekali amat begitu".split()
)
NEGATIONS = frozenset("tidak tak nggak ngga enggak engga gak ga belum bukan".split())
ASPECTS = frozenset("sudah telah akan sedang masih pernah".split())
# Documents a public-service statement names: two statements about different ones never merge.
DOCUMENTS = frozenset(
    """ktp ektp kk akta akte sertifikat surat paspor sim npwp skck ijazah bpjs kis kip kia
    domisili sktm imb pbb nib siup rekomendasi pengantar keterangan izin""".split()
)
# Number words count as numbers: "selesai tiga hari" and "selesai lima hari" are two claims.
NUMBER_WORDS = frozenset(
    """nol satu dua tiga empat lima enam tujuh delapan sembilan sepuluh sebelas belas puluh
    ratus ribu juta setengah separuh seminggu sehari sebulan setahun pertama kedua ketiga""".split()
)
NEGATION = "tidak"
_WORD = re.compile(r"\w+")
_TRAILING = " \t\n.,;:"
_SUFFIXES = ("nya", "lah", "kah")
CANDIDATE_BUDGET = 256  # index entries a statement reads: the bound that keeps the cost linear
SCORED = 8  # leaders sharing most words that are scored against a statement

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Merged:
    """One line of a display: its wording and the items (codings) behind it.

    ``merge`` is the uid of the student's stored merge the line comes from ('' when the items'
    statements are simply the same).
    """

    text: str
    items: tuple
    merge: str = ""


@dataclass(frozen=True, slots=True)
class Accepted:
    """A stored merge as displays apply it: its uid, its wording and its members' keys."""

    uid: str
    text: str
    members: frozenset[Hashable]


def clean(text: str) -> str:
    """Return a statement as shown: single spaces, no trailing full stop."""
    return " ".join(text.split()).rstrip(_TRAILING)


def identity(text: str) -> str:
    """Return the form two statements must share to be shown as one: case, punctuation and
    whitespace ignored, nothing else."""
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)
    return " ".join(_WORD.findall(text.casefold()))


def normalise(text: str) -> str:
    """Return the comparison form: case-folded words, fillers dropped, negations unified."""
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)
    words = [NEGATION if word in NEGATIONS else word for word in _WORD.findall(text.casefold())]
    kept = [word for word in words if word not in FILLERS]
    return " ".join(kept or words)


def _stem(word: str) -> str:
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            return word[: -len(suffix)]
    return word


def markers(key: str) -> tuple[frozenset[str], bool, frozenset[str], frozenset[str]]:
    """What two statements must share to be proposed together: numbers, negation, aspect
    words and named documents."""
    words = _stems(key)
    numbers = frozenset(w for w in words if w.isdigit() or w in NUMBER_WORDS)
    return numbers, NEGATION in words, frozenset(words & ASPECTS), frozenset(words & DOCUMENTS)


def shared_enough(a: frozenset[str], b: frozenset[str]) -> bool:
    """Tell whether two statements share at least half their (stemmed) words."""
    return 2 * len(a & b) >= len(a | b)


def same_point(a: str, b: str) -> bool:
    """Tell whether two normalised statements look alike enough to propose merging them."""
    return (
        fuzz.token_sort_ratio(a, b) >= SORT_THRESHOLD
        and fuzz.token_set_ratio(a, b) >= SET_THRESHOLD
        and shared_enough(_stems(a), _stems(b))
        and markers(a) == markers(b)
    )


def _stems(key: str) -> frozenset[str]:
    return frozenset(_stem(w) for w in key.split())


def merge(
    items: Sequence[T],
    text_of: Callable[[T], str],
    key_of: Callable[[T], Hashable] | None = None,
    accepted: Iterable[Accepted] = (),
) -> list[Merged]:
    """Group items into display lines: the same statement (see :func:`identity`) is one line,
    and so are the members of an accepted merge (when two or more of them are here)."""
    forms: dict[str, tuple[str, str]] = {}  # raw text → (shown, identity); summaries repeat
    wording: dict[str, dict[str, int]] = {}
    members: dict[str, list[T]] = {}
    in_merge: dict[Hashable, Accepted] = {}
    for stored in accepted:
        for key in stored.members:
            in_merge[key] = stored
    merged_items: dict[str, list[T]] = defaultdict(list)
    for item in items:
        if in_merge and key_of is not None:
            stored = in_merge.get(key_of(item))
            if stored is not None:
                merged_items[stored.uid].append(item)
                continue
        _add(item, text_of(item), forms, wording, members)
    by_uid = {stored.uid: stored for stored in in_merge.values()}
    out = []
    for uid, group in merged_items.items():
        if len(group) > 1:
            out.append(Merged(clean(by_uid[uid].text), tuple(group), uid))
        else:  # a lone member shows its own words
            _add(group[0], text_of(group[0]), forms, wording, members)
    for key, group in members.items():
        out.append(Merged(representative(wording[key]), tuple(group)))
    return out


def _add(item, raw: str, forms: dict, wording: dict, members: dict) -> None:
    form = forms.get(raw)
    if form is None:
        shown = clean(raw)
        form = forms[raw] = (shown, identity(shown))
    shown, key = form
    group = members.get(key)
    if group is None:
        members[key] = [item]
        wording[key] = {shown: 1}
    else:
        group.append(item)
        variants = wording[key]
        variants[shown] = variants.get(shown, 0) + 1


def representative(variants: dict[str, int]) -> str:
    """The wording that stands for several: the most frequent, then the longest."""
    return min(variants, key=lambda text: (-variants[text], -len(text), text))


def propose(items: Sequence[T], text_of: Callable[[T], str]) -> list[tuple[T, ...]]:
    """Group items whose statements look alike (but are not the same) into merge proposals.

    Returns only groups holding two or more different statements, most items first.
    """
    by_identity: dict[str, list[T]] = {}
    for item in items:
        by_identity.setdefault(identity(clean(text_of(item))), []).append(item)
    keys: dict[str, list[str]] = {}  # comparison form → identities
    counts: dict[str, int] = {}
    for ident, group in by_identity.items():
        key = normalise(ident)
        keys.setdefault(key, []).append(ident)
        counts[key] = counts.get(key, 0) + len(group)
    ordered = sorted(keys, key=lambda k: (-counts[k], -len(k), k))
    # Only statements whose numbers, negation, aspects and documents agree are ever compared.
    partitions: dict[tuple, list[str]] = defaultdict(list)
    for key in ordered:
        partitions[markers(key)].append(key)
    leader_of: dict[str, str] = {}
    for group in partitions.values():
        if len(group) > 1:
            leader_of.update(leaders(group))
        else:
            leader_of[group[0]] = group[0]
    clusters: dict[str, list[str]] = defaultdict(list)
    for key in ordered:
        clusters[leader_of[key]].extend(keys[key])
    proposals = [
        tuple(item for ident in idents for item in by_identity[ident])
        for idents in clusters.values()
        if len(idents) > 1
    ]
    proposals.sort(key=len, reverse=True)
    return proposals


def leaders(keys: list[str]) -> dict[str, str]:
    """Assign each comparison form (in priority order) to the best earlier leader it looks
    like, else itself. The forms share their markers (:func:`propose` partitions by them).

    Leaders are indexed by their words; a statement counts the words it shares with leaders,
    reading its rarest words' entries first and at most ``CANDIDATE_BUDGET`` of them, and only
    the ``SCORED`` leaders sharing most words are scored: bounded work per statement.
    """
    stems = [_stems(key) for key in keys]
    frequency: dict[str, int] = defaultdict(int)
    for words in stems:
        for word in words:
            frequency[word] += 1
    index: dict[str, list[int]] = defaultdict(list)  # word → leaders holding it
    leader_of: dict[str, str] = {}
    for i, key in enumerate(keys):
        shared: dict[int, int] = {}
        budget = CANDIDATE_BUDGET
        for word in sorted(stems[i], key=lambda w: (frequency[w], w)):
            posting = index.get(word)
            if not posting:
                continue
            for j in posting[:budget]:
                shared[j] = shared.get(j, 0) + 1
            budget -= len(posting)
            if budget <= 0:
                break
        best, best_score = -1, 0.0
        for j in heapq.nlargest(SCORED, shared, key=lambda j: (shared[j], -j)):
            other = keys[j]
            if not shared_enough(stems[i], stems[j]):
                continue
            if fuzz.token_sort_ratio(key, other, score_cutoff=SORT_THRESHOLD) == 0:
                continue
            score = fuzz.token_set_ratio(key, other, score_cutoff=SET_THRESHOLD)
            if score > best_score:
                best, best_score = j, score
        if best < 0:
            leader_of[key] = key
            for word in stems[i]:
                index[word].append(i)
        else:
            leader_of[key] = keys[best]
    return leader_of

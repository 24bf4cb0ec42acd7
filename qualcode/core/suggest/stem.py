"""A small Indonesian affix stripper, the fallback where spaCy's lookup table has no lemma.

spaCy's ``id_lemma_lookup`` knows "pelayanan" → "layan" but not "dilayani", "komputernya" or
"ngantri". :func:`stem` first asks the table, then strips particles (-lah, -kah, -tah, -pun),
possessives (-nya, -ku, -mu), suffixes (-kan, -an, -i, colloquial -in) and up to two prefixes
(meN-, peN-, di-, ke-, ber-, ter-, per-, colloquial ng-/ny-/n-), checking after each step
whether the form is a known word, so it never invents a root the dictionary does not hold.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

Knows = Callable[[str], bool]
Lemma = Callable[[str], "str | None"]

PARTICLES = ("lah", "kah", "tah", "pun")
POSSESSIVES = ("nya", "ku", "mu")
SUFFIXES = ("kan", "an", "in", "i")
MIN_ROOT = 3

_VOWELS = frozenset("aeiou")


def _strip_end(word: str, endings: tuple[str, ...]) -> str | None:
    for ending in endings:
        if word.endswith(ending) and len(word) - len(ending) >= MIN_ROOT:
            return word[: -len(ending)]
    return None


def suffix_forms(word: str) -> list[str]:
    """Return the word and its forms with particle, possessive and suffix removed, shallow first."""
    forms = [word]
    current = word
    for endings in (PARTICLES, POSSESSIVES, SUFFIXES):
        stripped = _strip_end(current, endings)
        if stripped is not None:
            current = stripped
            forms.append(current)
    return list(dict.fromkeys(forms))


def _prefix_forms(word: str) -> Iterator[str]:
    """Yield the word with one prefix removed, in every recoding the prefix allows."""
    w = word

    def rest(n: int) -> str:
        return w[n:]

    if w.startswith(("meny", "peny")) and len(w) > 5 and w[4] in _VOWELS:
        yield "s" + rest(4)
        yield rest(4)
    if w.startswith(("meng", "peng")) and len(w) > 5:
        if w[4] in _VOWELS:
            yield rest(4)
            yield "k" + rest(4)
        else:
            yield rest(4)
    if w.startswith(("mem", "pem")) and len(w) > 4:
        if w[3] in _VOWELS:
            yield "p" + rest(3)
            yield rest(3)
        elif w[3] in "bfpv":
            yield rest(3)
    if (
        w.startswith(("men", "pen"))
        and len(w) > 4
        and not w.startswith(("meng", "peng", "meny", "peny"))
    ):
        if w[3] in _VOWELS:
            yield "t" + rest(3)
            yield rest(3)
        elif w[3] in "cdjtsz":
            yield rest(3)
    if w.startswith(("me", "pe")) and len(w) > 4 and w[2] in "lmnrwy":
        yield rest(2)
    for prefix in ("ber", "ter", "per"):
        if w.startswith(prefix) and len(w) - 3 >= MIN_ROOT:
            yield rest(3)
            if w[3:4] == "r":
                yield rest(2)
    if w.startswith(("bel", "pel")) and len(w) > 5:
        yield rest(3)
    if w.startswith("be") and len(w) > 4 and w[2] not in _VOWELS:
        yield rest(2)
    if w.startswith(("di", "ke")) and len(w) - 2 >= MIN_ROOT:
        yield rest(2)
    # Colloquial nasal prefixes: ngantri → antri, ngurus → urus, nyerobot → serobot,
    # nunggu → tunggu, nanya → tanya.
    if w.startswith("ng") and len(w) > 4 and w[2] in _VOWELS:
        yield rest(2)
        yield "k" + rest(2)
    if w.startswith("ny") and len(w) > 4 and w[2] in _VOWELS:
        yield "s" + rest(2)
        yield "c" + rest(2)
    if w.startswith("n") and not w.startswith(("ng", "ny")) and len(w) > 4 and w[1] in _VOWELS:
        yield "t" + rest(1)


def candidates(word: str) -> list[str]:
    """Return every stripped form of the word worth checking, shallowest first."""
    seen: dict[str, None] = {}
    stages = suffix_forms(word)
    for form in stages[1:]:
        seen.setdefault(form, None)
    for form in stages:
        for once in _prefix_forms(form):
            if len(once) >= MIN_ROOT:
                seen.setdefault(once, None)
    for form in stages:
        for once in _prefix_forms(form):
            for twice in _prefix_forms(once):
                if len(twice) >= MIN_ROOT:
                    seen.setdefault(twice, None)
    seen.pop(word, None)
    return list(seen)


def light_form(word: str) -> str:
    """Return the word without a particle or possessive (-lah, -nya…), as typo checks compare."""
    stripped = _strip_end(word, PARTICLES) or word
    return _strip_end(stripped, POSSESSIVES) or stripped


def stem(word: str, knows: Knows, lemma: Lemma) -> str:
    """Return the root of a lower-case word: the table's lemma, else the first known stripped form.

    A word nobody knows (a typo, a name) comes back without its particle/possessive only.
    """
    found = lemma(word)
    if found and found != word:
        return found
    if knows(word) and not found:
        return word
    # The table maps some affixed forms to themselves ("dipungut" → "dipungut"): keep looking
    # for a root, but accept only one the table knows.
    for form in candidates(word):
        root = lemma(form)
        if root:
            return root
        if knows(form):
            return form
    return found or light_form(word)

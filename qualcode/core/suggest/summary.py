"""A first condensed summary of a spoken sentence, for the student to edit.

Condensing is the student's analytic work; this only clears the ground: it drops fillers,
greetings and forms of address ("ya", "sih", "Mbak", "jujur"), opening discourse markers
("Jadi", "Iya", "Terus") and quotation marks, and shortens very long sentences.
"""

from __future__ import annotations

import re

MAX_WORDS = 25

_FILLERS = frozenset(
    """ya yah sih kok lho loh deh dong kan nah nih tuh hmm hm eh em emm ehm wah wih aduh
    jujur sebenarnya sebetulnya gitu begitu kayaknya pokoknya""".split()
)
# Forms of address, dropped only when used to address the listener ("…, Mbak.").
_ADDRESS = frozenset("mbak mas pak bu bapak ibu dik dek bang kak".split())
_OPENERS = frozenset(
    """jadi iya ya nah terus trus lalu kalau kalo oh o ehm hmm wah baik oke ok nggak enggak
    tidak soalnya""".split()
)
_WORD = re.compile(r"\S+")
_STRIP = "\"'“”‘’«»()[]"


def _bare(word: str) -> str:
    return word.strip(_STRIP).strip(",.;:!?…").lower()


def condense(text: str) -> str:
    """Return a shortened, cleaned form of a sentence (never empty for a non-empty sentence)."""
    words = [w.strip(_STRIP) for w in _WORD.findall(text)]
    words = [w for w in words if w]
    while len(words) > 1 and _bare(words[0]) in _OPENERS and words[0].rstrip().endswith((",", "…")):
        words.pop(0)
    while (
        len(words) > 1
        and _bare(words[0]) in _OPENERS
        and _bare(words[0]) in ("jadi", "terus", "trus", "lalu", "nah", "iya", "soalnya")
    ):
        words.pop(0)
    kept: list[str] = []
    for n, word in enumerate(words):
        bare = _bare(word)
        vocative = bare in _ADDRESS and (
            word.endswith((",", ".", "?", "!"))
            or n == len(words) - 1
            or (kept and kept[-1].endswith(","))
        )
        if (bare in _FILLERS or vocative) and len(words) > 3:
            if (
                word.endswith((",", ".", "?", "!"))
                and kept
                and not kept[-1].endswith((",", ".", "?", "!"))
            ):
                kept[-1] += word[-1]
            continue
        kept.append(word)
    if not kept:
        kept = words or [text.strip()]
    if len(kept) > MAX_WORDS:
        kept = kept[:MAX_WORDS]
        kept[-1] = kept[-1].rstrip(",;:") + "…"
    result = " ".join(kept).strip()
    result = re.sub(r"\s+([,.;:!?])", r"\1", result)
    result = re.sub(r",+", ",", result).strip(", ")
    if not result:
        return text.strip()
    result = result[0].upper() + result[1:]
    if result[-1] not in ".!?…":
        result += "."
    return result

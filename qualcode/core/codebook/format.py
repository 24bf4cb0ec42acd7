"""What a codebook file may say: allowed keys, id rules, defaults, and the specs it becomes.

The walk in ``codebook/schema.py`` checks a file against these tables; the advice for a wrong key
lives here too, next to the tables it draws on.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from qualcode.i18n import t

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]*$")
RESERVED_IDS = frozenset({"upaya"})
DEFAULT_VERDICT_SCALE: tuple[str, ...] = ("baik", "cukup baik", "kurang baik")
DEFAULT_INDICATOR_VERDICTS: tuple[str, ...] = ("berkualitas", "belum berkualitas")

TOP_KEYS = (
    "id",
    "title",
    "title_en",
    "reference",
    "language",
    "description",
    "dimensions",
    "verdict_scale",
    "indicator_verdicts",
    "effort_keywords",
)
TOP_REQUIRED = ("id", "title", "reference", "dimensions")
DIMENSION_KEYS = ("id", "label", "label_en", "definition", "keywords", "example", "indicators")
DIMENSION_REQUIRED = ("id", "label", "definition", "indicators")
INDICATOR_KEYS = ("id", "label", "label_en", "definition", "keywords", "example")
INDICATOR_REQUIRED = ("id", "label", "definition")

# Words students reach for, mapped to the key the format uses; only ever a suggestion.
KEY_ALIASES = {
    "aspek": "dimensions",
    "bahasa": "language",
    "children": "indicators",
    "contoh": "example",
    "definisi": "definition",
    "deskripsi": "description",
    "dimensi": "dimensions",
    "indikator": "indicators",
    "judul": "title",
    "kata-kunci": "keywords",
    "kata_kunci": "keywords",
    "katakunci": "keywords",
    "keterangan": "description",
    "kode": "id",
    "name": "label",
    "nama": "label",
    "pengertian": "definition",
    "referensi": "reference",
    "rujukan": "reference",
    "sumber": "reference",
}
# Keys that are wrong in a specific, explainable way: key → message key in codebook.yaml.
KEY_ADVICE = {
    "upaya": "codebook.unknown_key_efforts",
    "efforts": "codebook.unknown_key_efforts",
    "indicators": "codebook.unknown_key_nested",
}


@dataclass(frozen=True, slots=True)
class CodeSpec:
    """One dimension or indicator as written in the file, after validation."""

    id: str
    label: str
    label_en: str | None
    definition: str
    keywords: tuple[str, ...]
    example: str
    line: int
    label_line: int
    indicators: tuple[CodeSpec, ...] = ()


@dataclass(frozen=True, slots=True)
class CodebookSpec:
    """A whole codebook file as written, after validation (efforts are not synthesized yet)."""

    id: str
    title: str
    title_en: str | None
    reference: str
    description: str | None
    language: str
    verdict_scale: tuple[str, ...]
    indicator_verdicts: tuple[str, ...]
    effort_keywords: tuple[str, ...]
    dimensions: tuple[CodeSpec, ...]


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with a codebook file, at a 1-based line."""

    line: int
    message: str


def slugify(text: str) -> str:
    """Turn any text into a valid id (lowercase ASCII letters, digits and hyphens)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def did_you_mean(word: str, choices: Iterable[str]) -> str | None:
    """Return the allowed key a wrong one most likely meant: a known alias or a close spelling."""
    choices = tuple(choices)
    alias = KEY_ALIASES.get(word.lower())
    if alias in choices:
        return alias
    match = process.extractOne(word, choices, scorer=fuzz.ratio, score_cutoff=60)
    return match[0] if match else None


def unknown_key_message(key: str, what: str, allowed: tuple[str, ...]) -> str:
    """Say why a key is not allowed: specific advice, a likely meant key, or the allowed list."""
    if key in KEY_ADVICE:
        return t(KEY_ADVICE[key], name=key, what=what)
    suggestion = did_you_mean(key, allowed)
    if suggestion:
        return t("codebook.unknown_key_suggest", name=key, what=what, suggestion=suggestion)
    return t("codebook.unknown_key_allowed", name=key, what=what, allowed=", ".join(allowed))

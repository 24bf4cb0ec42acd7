"""Codebooks: dimensions → indicators, plus one built-in effort (upaya) code per dimension.

A codebook is loaded from YAML (format: ``codebook/format.py``, read by ``codebook/schema.py``,
documented in ``codebooks/README.md``) and is immutable afterwards. Every codebook gets the
reserved category ``upaya`` whose children ``upaya.<dimension-id>`` record what actors do or
plan against the obstacles in that dimension.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from rapidfuzz import fuzz, process

from qualcode.core.codebook.format import (
    DEFAULT_INDICATOR_VERDICTS,
    DEFAULT_VERDICT_SCALE,
    CodebookSpec,
)
from qualcode.core.codebook.schema import read_codebook_text
from qualcode.errors import CodebookError, CodingError
from qualcode.i18n import t

CodeKind = Literal["dimension", "indicator", "effort_category", "effort"]

EFFORT_CATEGORY_ID = "upaya"
PATH_SEPARATOR = " › "

# Words that mark a passage as an effort (what is done or planned), whatever the dimension.
EFFORT_KEYWORDS: tuple[str, ...] = (
    "upaya",
    "berupaya",
    "mengupayakan",
    "diupayakan",
    "usaha",
    "berusaha",
    "mengusulkan",
    "diusulkan",
    "usulkan",
    "usulan",
    "mengajukan",
    "diajukan",
    "pengajuan",
    "berencana",
    "rencana",
    "rencananya",
    "direncanakan",
    "akan kami",
    "kami akan",
    "ke depan",
    "kedepannya",
    "sosialisasi",
    "mensosialisasikan",
    "disosialisasikan",
    "pelatihan",
    "bimtek",
    "bimbingan teknis",
    "diklat",
    "memperbaiki",
    "diperbaiki",
    "perbaikan",
    "membenahi",
    "pembenahan",
    "menambah",
    "ditambah",
    "penambahan",
    "pengadaan",
    "dianggarkan",
    "anggaran",
    "evaluasi",
    "mengevaluasi",
    "dievaluasi",
    "koordinasi",
    "berkoordinasi",
    "tindak lanjut",
    "ditindaklanjuti",
    "solusinya",
    "mengatasi",
    "menyiasati",
    "meningkatkan",
    "peningkatan",
    "mengganti",
    "diganti",
    "dipasang",
    "sedang kami",
    "sedang disusun",
)
_EFFORT_DEFINITION = (
    "Upaya yang sudah, sedang, atau akan dilakukan oleh pihak terkait untuk mengatasi hambatan "
    "pada dimensi {label}."
)
_EFFORT_EXAMPLE = (
    "Kami sudah mengusulkan perbaikannya ke kabupaten dan berencana menambahnya tahun ini."
)


def effort_id(dimension_id: str) -> str:
    """Return the id of the effort code that addresses a dimension (``upaya.<dimension-id>``)."""
    return f"{EFFORT_CATEGORY_ID}.{dimension_id}"


@dataclass(frozen=True, slots=True)
class Code:
    """One code of a codebook: a dimension, an indicator, the efforts category or an effort."""

    id: str
    label: str
    label_en: str | None
    definition: str
    keywords: tuple[str, ...]
    example: str
    kind: CodeKind
    parent: str | None
    addresses: str | None
    line: int

    def display_label(self, lang: str = "id") -> str:
        """Return the English label when asked for and set, else the Indonesian one."""
        if lang == "en" and self.label_en:
            return self.label_en
        return self.label


class UnknownCodeError(CodingError, KeyError):
    """A code id that the codebook does not define; the message names close matches."""

    def __init__(self, code_id: str, suggestions: Sequence[str] = ()) -> None:
        self.code_id = code_id
        self.suggestions = tuple(suggestions)
        if self.suggestions:
            message = t("codebook.unknown_code_close", code=code_id, ids=", ".join(suggestions))
        else:
            message = t("codebook.unknown_code", code=code_id)
        super().__init__(message)


@dataclass(frozen=True, slots=True)
class Codebook:
    """A loaded codebook: dimensions → indicators, then ``upaya`` → one effort per dimension.

    ``defined_codes`` holds the dimensions and indicators as written (each dimension followed by
    its indicators); the efforts are synthesized from them, so every codebook has them.
    """

    id: str
    title: str
    reference: str
    defined_codes: tuple[Code, ...]
    title_en: str | None = None
    description: str | None = None
    language: str = "id"
    path: Path | None = None
    verdict_scale: tuple[str, ...] = DEFAULT_VERDICT_SCALE
    indicator_verdicts: tuple[str, ...] = DEFAULT_INDICATOR_VERDICTS
    effort_keywords: tuple[str, ...] = EFFORT_KEYWORDS
    dimensions: tuple[Code, ...] = field(init=False)
    _codes: tuple[Code, ...] = field(init=False, repr=False, compare=False)
    _by_id: dict[str, Code] = field(init=False, repr=False, compare=False)
    _children: dict[str, tuple[Code, ...]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        dimensions = tuple(code for code in self.defined_codes if code.kind == "dimension")
        indicators: dict[str, list[Code]] = {dimension.id: [] for dimension in dimensions}
        for code in self.defined_codes:
            if code.kind == "indicator":
                if code.parent not in indicators:
                    raise ValueError(f"indicator {code.id!r} names no dimension ({code.parent!r})")
                indicators[code.parent].append(code)
            elif code.kind != "dimension":
                raise ValueError(f"code {code.id!r}: efforts are synthesized, not defined")
        category = Code(
            id=EFFORT_CATEGORY_ID,
            label="Upaya",
            label_en="Efforts",
            definition="Upaya yang dilakukan atau direncanakan untuk mengatasi hambatan.",
            keywords=self.effort_keywords,
            example=_EFFORT_EXAMPLE,
            kind="effort_category",
            parent=None,
            addresses=None,
            line=0,
        )
        efforts = tuple(_effort_for(dimension, self.effort_keywords) for dimension in dimensions)
        children = {dimension.id: tuple(indicators[dimension.id]) for dimension in dimensions}
        children[EFFORT_CATEGORY_ID] = efforts
        codes = (
            *(code for dimension in dimensions for code in (dimension, *children[dimension.id])),
            category,
            *efforts,
        )
        by_id: dict[str, Code] = {}
        for code in codes:
            if code.id in by_id:
                raise ValueError(f"codebook {self.id!r} defines code {code.id!r} twice")
            by_id[code.id] = code
        object.__setattr__(self, "dimensions", dimensions)
        object.__setattr__(self, "_codes", codes)
        object.__setattr__(self, "_by_id", by_id)
        object.__setattr__(self, "_children", children)

    def code(self, code_id: str) -> Code:
        """Return the code with this id, or raise UnknownCodeError naming close matches."""
        try:
            return self._by_id[code_id]
        except KeyError:
            raise UnknownCodeError(code_id, self.close_matches(code_id)) from None

    def has(self, code_id: str) -> bool:
        """Tell whether the codebook defines this id (efforts included)."""
        return code_id in self._by_id

    def close_matches(self, text: str, limit: int = 3) -> tuple[str, ...]:
        """Return the ids closest to ``text``, by id and then by label (for 'did you mean')."""
        query = text.strip().casefold()
        if not query:
            return ()
        ids = {code.id: code.id.casefold() for code in self._codes}
        found = [
            match[2]
            for match in process.extract(
                query, ids, scorer=fuzz.ratio, limit=limit, score_cutoff=60
            )
        ]
        if len(found) < limit and len(query) >= 4:
            words = {code.id: f"{code.id} {code.label}".casefold() for code in self._codes}
            found += [
                match[2]
                for match in process.extract(
                    query, words, scorer=fuzz.partial_ratio, limit=limit, score_cutoff=85
                )
            ]
        return tuple(dict.fromkeys(found))[:limit]

    def indicators(self, dimension_id: str | None = None) -> tuple[Code, ...]:
        """Return every indicator in file order, or only those of one dimension."""
        if dimension_id is None:
            return tuple(code for code in self._codes if code.kind == "indicator")
        dimension = self.code(dimension_id)
        if dimension.kind != "dimension":
            kind = {"indicator": "indicator", "effort": "effort"}.get(dimension.kind, "category")
            # keys: codebook.not_dimension_{indicator,effort,category}
            raise CodingError(
                t(f"codebook.not_dimension_{kind}", code=dimension_id),
                t("codebook.not_dimension_hint", ids=", ".join(d.id for d in self.dimensions)),
            )
        return self._children[dimension_id]

    def efforts(self) -> tuple[Code, ...]:
        """Return the synthesized effort codes, one per dimension, in dimension order."""
        return self._children[EFFORT_CATEGORY_ID]

    def all_codes(self) -> tuple[Code, ...]:
        """Return every code: each dimension followed by its indicators, then upaya and efforts."""
        return self._codes

    def children(self, code_id: str) -> tuple[Code, ...]:
        """Return a code's direct children (indicators of a dimension, efforts of upaya)."""
        self.code(code_id)
        return self._children.get(code_id, ())

    def dimension_of(self, code_id: str) -> Code:
        """Return the dimension a code belongs to (an effort belongs to the one it addresses)."""
        code = self.code(code_id)
        if code.kind == "dimension":
            return code
        if code.kind == "indicator":
            return self._by_id[code.parent or ""]
        if code.kind == "effort":
            return self._by_id[code.addresses or ""]
        raise CodingError(
            t("codebook.category_has_no_dimension", code=code_id),
            hint=t("codebook.category_has_no_dimension_hint"),
        )

    def path_label(self, code_id: str, lang: str = "id") -> str:
        """Return the code's place in the tree, e.g. 'Prosedur Pelayanan › Kejelasan persyaratan'.

        An effort reads 'Upaya › <dimension label>' rather than repeating 'Upaya' twice.
        """
        code = self.code(code_id)
        if code.kind == "effort":
            parts = [self._by_id[EFFORT_CATEGORY_ID], self._by_id[code.addresses or ""]]
        elif code.parent is not None:
            parts = [self._by_id[code.parent], code]
        else:
            parts = [code]
        return PATH_SEPARATOR.join(part.display_label(lang) for part in parts)


def _effort_for(dimension: Code, keywords: tuple[str, ...]) -> Code:
    return Code(
        id=effort_id(dimension.id),
        label=f"Upaya — {dimension.label}",
        label_en=f"Efforts — {dimension.label_en or dimension.label}",
        definition=_EFFORT_DEFINITION.format(label=dimension.label),
        keywords=keywords,
        example=_EFFORT_EXAMPLE,
        kind="effort",
        parent=EFFORT_CATEGORY_ID,
        addresses=dimension.id,
        line=0,
    )


def parse_codebook(text: str, filename: str) -> Codebook:
    """Build a codebook from YAML text; ``filename`` names it in problems. Raises CodebookError."""
    return _build(text, filename, path=None)


def load_codebook(path: Path | str) -> Codebook:
    """Load and validate a codebook file; raises CodebookError listing every problem."""
    path = Path(path)
    return _build(_read_text(path), str(path), path=path)


def check_codebook(path: Path | str) -> list[str]:
    """Return every problem of a codebook file as 'file:line: message'; [] when it is fine."""
    try:
        load_codebook(path)
    except CodebookError as error:
        return error.problems or [f"{path}: {error.message}"]
    return []


def _read_text(path: Path) -> str:
    from qualcode.core.limits import MAX_CODEBOOK_BYTES, check_size

    check_size(path, MAX_CODEBOOK_BYTES)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise CodebookError(
            t("codebook.not_found", path=path), hint=t("codebook.not_found_hint")
        ) from None
    except OSError as error:
        raise CodebookError(
            t("codebook.cannot_read", path=path, reason=error.strerror or error),
            hint=t("codebook.cannot_read_hint"),
        ) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        byte = f"{data[error.start]:02x}"
        raise CodebookError(
            t("codebook.summary_one", path=path),
            [f"{path}:{line}: {t('codebook.not_utf8', byte=byte)}"],
            hint=t("codebook.not_utf8_hint"),
        ) from None


def _build(text: str, filename: str, path: Path | None) -> Codebook:
    spec, problems = read_codebook_text(text)
    if spec is None:
        count = len(problems)
        raise CodebookError(
            t(
                "codebook.summary_one" if count == 1 else "codebook.summary_many",
                path=filename,
                count=count,
            ),
            [f"{filename}:{problem.line}: {problem.message}" for problem in problems],
            hint=t("codebook.summary_hint"),
        )
    return _from_spec(spec, path)


def _from_spec(spec: CodebookSpec, path: Path | None) -> Codebook:
    codes: list[Code] = []
    for dimension in spec.dimensions:
        codes.append(
            Code(
                id=dimension.id,
                label=dimension.label,
                label_en=dimension.label_en,
                definition=dimension.definition,
                keywords=dimension.keywords,
                example=dimension.example,
                kind="dimension",
                parent=None,
                addresses=None,
                line=dimension.line,
            )
        )
        codes.extend(
            Code(
                id=indicator.id,
                label=indicator.label,
                label_en=indicator.label_en,
                definition=indicator.definition,
                keywords=indicator.keywords,
                example=indicator.example,
                kind="indicator",
                parent=dimension.id,
                addresses=None,
                line=indicator.line,
            )
            for indicator in dimension.indicators
        )
    extra = tuple(
        word
        for word in spec.effort_keywords
        if word.casefold() not in {known.casefold() for known in EFFORT_KEYWORDS}
    )
    return Codebook(
        id=spec.id,
        title=spec.title,
        reference=spec.reference,
        defined_codes=tuple(codes),
        title_en=spec.title_en,
        description=spec.description,
        language=spec.language,
        path=path,
        verdict_scale=spec.verdict_scale,
        indicator_verdicts=spec.indicator_verdicts,
        effort_keywords=EFFORT_KEYWORDS + extra,
    )

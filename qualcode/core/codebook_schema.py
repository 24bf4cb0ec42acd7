"""The codebook YAML format: reads a file's text into validated specs, collecting every problem.

Each problem carries the 1-based line it concerns; the loader in ``codebook.py`` turns them into
``file:line: message`` strings. Nothing here raises for a user mistake.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

import yaml
from rapidfuzz import fuzz, process

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]*$")
RESERVED_IDS = frozenset({"upaya"})
DEFAULT_VERDICT_SCALE: tuple[str, ...] = ("baik", "cukup baik", "kurang baik")
DEFAULT_INDICATOR_VERDICTS: tuple[str, ...] = ("berkualitas", "belum berkualitas")

_LANGUAGE_PATTERN = re.compile(r"^[a-z]{2,3}$")
_NULL = "tag:yaml.org,2002:null"
_BOOL = "tag:yaml.org,2002:bool"

_TOP_KEYS = (
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
_TOP_REQUIRED = ("id", "title", "reference", "dimensions")
_DIMENSION_KEYS = ("id", "label", "label_en", "definition", "keywords", "example", "indicators")
_DIMENSION_REQUIRED = ("id", "label", "definition", "indicators")
_INDICATOR_KEYS = ("id", "label", "label_en", "definition", "keywords", "example")
_INDICATOR_REQUIRED = ("id", "label", "definition")

# Words students reach for, mapped to the key the format uses; only ever a suggestion.
_KEY_ALIASES = {
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
# Keys that are wrong in a specific, explainable way.
_KEY_ADVICE = {
    "upaya": "efforts (upaya) are added automatically, one per dimension; "
    "list extra effort words under 'effort_keywords' at the top level",
    "efforts": "efforts (upaya) are added automatically, one per dimension; "
    "list extra effort words under 'effort_keywords' at the top level",
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


def read_codebook_text(text: str) -> tuple[CodebookSpec | None, list[Problem]]:
    """Parse and validate codebook YAML; the spec is None whenever there is any problem."""
    reader = _Reader()
    spec = reader.read(text.removeprefix("\ufeff"))
    problems = reader.problems()
    return (spec if not problems else None), problems


def slugify(text: str) -> str:
    """Turn any text into a valid id (lowercase ASCII letters, digits and hyphens)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def _node_kind(node: yaml.Node) -> str:
    if isinstance(node, yaml.MappingNode):
        return "a mapping (key: value pairs)"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    if node.tag == _NULL:
        return "empty"
    return "text"


def _is_empty(node: yaml.Node) -> bool:
    """Tell whether a value is missing in effect: `key:` with nothing after it, or `[]`."""
    if isinstance(node, yaml.ScalarNode):
        return node.tag == _NULL
    return isinstance(node, yaml.SequenceNode) and not node.value


def _did_you_mean(word: str, choices: Iterable[str]) -> str | None:
    choices = tuple(choices)
    alias = _KEY_ALIASES.get(word.lower())
    if alias in choices:
        return alias
    match = process.extractOne(word, choices, scorer=fuzz.ratio, score_cutoff=60)
    return match[0] if match else None


class _Reader:
    """Walks the composed YAML node tree, collecting problems and building specs."""

    def __init__(self) -> None:
        self._problems: list[Problem] = []
        self._ids: dict[str, tuple[int, str]] = {}

    def problems(self) -> list[Problem]:
        return sorted(self._problems, key=lambda problem: problem.line)

    def report(self, line: int, message: str) -> None:
        self._problems.append(Problem(line, message))

    # -- document ---------------------------------------------------------------------------

    def read(self, text: str) -> CodebookSpec | None:
        root = self._compose(text)
        if root is None:
            return None
        if not isinstance(root, yaml.MappingNode):
            self.report(
                _line(root),
                f"a codebook must be a mapping of keys (id:, title:, reference:, dimensions:), "
                f"not {_node_kind(root)}",
            )
            return None
        fields = self.fields(root, "the codebook", _TOP_KEYS, _TOP_REQUIRED)
        codebook_id = self.identifier(fields, "the codebook", allow_reserved=True)
        title = self.text(fields, "title", "the codebook", required=True)
        reference = self.text(fields, "reference", "the codebook", required=True)
        language = self.text(fields, "language", "the codebook") or "id"
        if "language" in fields and not _LANGUAGE_PATTERN.match(language):
            self.report(
                _line(fields["language"]),
                f"language '{language}' is not a language code such as 'id' or 'en'",
            )
        verdicts = self.verdicts(fields, "verdict_scale", DEFAULT_VERDICT_SCALE)
        indicator_verdicts = self.verdicts(fields, "indicator_verdicts", DEFAULT_INDICATOR_VERDICTS)
        return CodebookSpec(
            id=codebook_id or "",
            title=title or "",
            title_en=self.text(fields, "title_en", "the codebook", single_line=True),
            reference=reference or "",
            description=self.text(fields, "description", "the codebook", single_line=False),
            language=language,
            verdict_scale=verdicts,
            indicator_verdicts=indicator_verdicts,
            effort_keywords=self.text_list(fields, "effort_keywords", "the codebook"),
            dimensions=self.dimensions(fields),
        )

    def _compose(self, text: str) -> yaml.Node | None:
        try:
            root = yaml.compose(text, Loader=yaml.SafeLoader)
        except yaml.MarkedYAMLError as error:
            mark = error.problem_mark or error.context_mark
            message = f"YAML syntax error: {error.problem or error.context}"
            if error.context and error.problem and error.problem.startswith("but "):
                message = f"YAML syntax error: {error.context}, {error.problem}"
            elif error.context and error.context_mark and error.problem_mark:
                message += f" ({error.context} at line {error.context_mark.line + 1})"
            if "'\\t'" in message:
                message += "; indent with spaces, not tabs"
            self.report(mark.line + 1 if mark else 1, message)
            return None
        except yaml.reader.ReaderError as error:
            line = text.count("\n", 0, error.position) + 1
            self.report(
                line, f"YAML syntax error: character #x{error.character:04x} is not allowed"
            )
            return None
        if root is None:
            self.report(
                1, "the file is empty; a codebook needs id, title, reference and dimensions"
            )
        return root

    # -- generic values ---------------------------------------------------------------------

    def fields(
        self,
        node: yaml.MappingNode,
        what: str,
        allowed: tuple[str, ...],
        required: tuple[str, ...],
    ) -> dict[str, yaml.Node]:
        """Return the mapping's known keys; report unknown, duplicate and missing ones."""
        found: dict[str, yaml.Node] = {}
        seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self.report(_line(key_node), f"keys in {what} must be plain words")
                continue
            key = key_node.value
            if key in seen:
                self.report(
                    _line(key_node),
                    f"duplicate key '{key}' in {what} (first at line {seen[key]}); keep only one",
                )
                continue
            seen[key] = _line(key_node)
            if key in allowed:
                found[key] = value_node
            else:
                self.report(_line(key_node), self._unknown_key_message(key, what, allowed))
        for key in required:
            if key not in seen:
                self.report(_line(node), f"{what} is missing required key '{key}'")
        return found

    @staticmethod
    def _unknown_key_message(key: str, what: str, allowed: tuple[str, ...]) -> str:
        message = f"unknown key '{key}' in {what}"
        if key in _KEY_ADVICE:
            return f"{message}: {_KEY_ADVICE[key]}"
        if key == "indicators":
            return f"{message}: only dimensions have indicators (a codebook has two levels)"
        suggestion = _did_you_mean(key, allowed)
        if suggestion:
            return f"{message} (did you mean '{suggestion}'?)"
        return f"{message}; allowed keys: {', '.join(allowed)}"

    def text(
        self,
        fields: dict[str, yaml.Node],
        key: str,
        what: str,
        *,
        required: bool = False,
        single_line: bool = True,
    ) -> str | None:
        """Return a text value (None when absent or empty), reporting wrong types."""
        node = fields.get(key)
        if node is None:
            return None
        if not isinstance(node, yaml.ScalarNode):
            self.report(_line(node), f"'{key}' of {what} must be text, not {_node_kind(node)}")
            return None
        if node.tag == _BOOL:
            self.report(
                _line(node),
                f"'{key}' of {what} reads as yes/no ({node.value}); put the text in quotes",
            )
            return None
        value = node.value.strip() if node.tag != _NULL else ""
        if single_line:
            value = " ".join(value.split())
        if not value:
            if required:
                self.report(_line(node), f"'{key}' of {what} is empty")
            return None
        return value

    def text_list(self, fields: dict[str, yaml.Node], key: str, what: str) -> tuple[str, ...]:
        """Return a list of texts (duplicates dropped, case-insensitively), reporting bad items."""
        node = fields.get(key)
        if node is None or (isinstance(node, yaml.ScalarNode) and node.tag == _NULL):
            return ()
        if not isinstance(node, yaml.SequenceNode):
            self.report(
                _line(node),
                f"'{key}' of {what} must be a list, not {_node_kind(node)}; "
                "write one '- item' per line, or [item, item]",
            )
            return ()
        items: list[str] = []
        folded: set[str] = set()
        for position, item in enumerate(node.value, start=1):
            where = f"item {position} of '{key}' in {what}"
            if not isinstance(item, yaml.ScalarNode):
                is_mapping = isinstance(item, yaml.MappingNode)
                hint = "; quote items that contain ': '" if is_mapping else ""
                self.report(_line(item), f"{where} must be text, not {_node_kind(item)}{hint}")
                continue
            if item.tag == _BOOL:
                self.report(
                    _line(item), f"{where} reads as yes/no ({item.value}); put it in quotes"
                )
                continue
            value = " ".join(item.value.split()) if item.tag != _NULL else ""
            if not value:
                self.report(_line(item), f"{where} is empty")
                continue
            if value.casefold() not in folded:
                folded.add(value.casefold())
                items.append(value)
        return tuple(items)

    def verdicts(
        self, fields: dict[str, yaml.Node], key: str, default: tuple[str, ...]
    ) -> tuple[str, ...]:
        """Return a verdict list: at least two distinct labels, or the default when absent."""
        if key not in fields:
            return default
        node = fields[key]
        values = self.text_list(fields, key, "the codebook")
        if isinstance(node, yaml.ScalarNode) and node.tag == _NULL:
            self.report(_line(node), f"'{key}' is empty; list at least two verdicts")
        elif isinstance(node, yaml.SequenceNode):
            written = [
                " ".join(item.value.split()).casefold()
                for item in node.value
                if isinstance(item, yaml.ScalarNode)
                and item.tag not in (_NULL, _BOOL)
                and item.value.strip()
            ]
            if len(set(written)) < len(written):
                self.report(_line(node), f"'{key}' lists the same verdict twice")
            elif len(values) < 2 and len(written) == len(node.value):
                self.report(_line(node), f"'{key}' needs at least two verdicts")
        return values or default

    def identifier(
        self, fields: dict[str, yaml.Node], what: str, *, allow_reserved: bool = False
    ) -> str | None:
        """Return the id, reporting bad syntax and reserved ids."""
        value = self.text(fields, "id", what, required=True)
        if value is None:
            return None
        line = _line(fields["id"])
        if "." in value:
            self.report(
                line,
                f"id '{value}' contains a dot; dots are reserved for built-in ids "
                "such as 'upaya.prosedur'",
            )
        elif not ID_PATTERN.match(value):
            suggestion = slugify(value)
            hint = f" (e.g. '{suggestion}')" if suggestion else ""
            self.report(
                line,
                f"id '{value}' is not valid: use lowercase letters a-z, digits and hyphens, "
                f"starting with a letter or digit{hint}",
            )
        elif value in RESERVED_IDS and not allow_reserved:
            self.report(
                line,
                f"id '{value}' is reserved for the built-in efforts category; "
                "efforts are added automatically for every dimension",
            )
        return value

    # -- codes ------------------------------------------------------------------------------

    def dimensions(self, fields: dict[str, yaml.Node]) -> tuple[CodeSpec, ...]:
        node = fields.get("dimensions")
        if node is None:
            return ()
        if _is_empty(node):
            self.report(_line(node), "the codebook has no dimensions; list at least one")
            return ()
        if not isinstance(node, yaml.SequenceNode):
            self.report(
                _line(node),
                f"'dimensions' must be a list of dimensions ('- id: ...'), not {_node_kind(node)}",
            )
            return ()
        specs = [self.code(item, "dimension", n) for n, item in enumerate(node.value, start=1)]
        dimensions = tuple(spec for spec in specs if spec is not None)
        self.check_sibling_labels(dimensions, "the codebook")
        return dimensions

    def code(self, node: yaml.Node, kind: str, position: int) -> CodeSpec | None:
        """Read one dimension or indicator mapping."""
        if not isinstance(node, yaml.MappingNode):
            self.report(
                _line(node),
                f"{kind} {position} must be a mapping with id, label, definition..., "
                f"not {_node_kind(node)}",
            )
            return None
        what = self._describe(node, kind, position)
        is_dimension = kind == "dimension"
        fields = self.fields(
            node,
            what,
            _DIMENSION_KEYS if is_dimension else _INDICATOR_KEYS,
            _DIMENSION_REQUIRED if is_dimension else _INDICATOR_REQUIRED,
        )
        code_id = self.identifier(fields, what)
        if code_id is not None:
            self.claim_id(code_id, _line(fields["id"]), kind)
        return CodeSpec(
            id=code_id or "",
            label=self.text(fields, "label", what, required=True) or "",
            label_en=self.text(fields, "label_en", what),
            definition=self.text(fields, "definition", what, required=True, single_line=False)
            or "",
            keywords=self.text_list(fields, "keywords", what),
            example=self.text(fields, "example", what, single_line=False) or "",
            line=_line(node),
            label_line=_line(fields["label"]) if "label" in fields else _line(node),
            indicators=self.indicators(fields, what, code_id) if is_dimension else (),
        )

    def indicators(
        self, fields: dict[str, yaml.Node], what: str, dimension_id: str | None
    ) -> tuple[CodeSpec, ...]:
        node = fields.get("indicators")
        if node is None:
            return ()
        if _is_empty(node):
            self.report(_line(node), f"{what} has no indicators; list at least one")
            return ()
        if not isinstance(node, yaml.SequenceNode):
            self.report(
                _line(node),
                f"'indicators' of {what} must be a list ('- id: ...'), not {_node_kind(node)}",
            )
            return ()
        specs = [self.code(item, "indicator", n) for n, item in enumerate(node.value, start=1)]
        indicators = tuple(spec for spec in specs if spec is not None)
        self.check_sibling_labels(indicators, what)
        return indicators

    @staticmethod
    def _describe(node: yaml.MappingNode, kind: str, position: int) -> str:
        for key_node, value_node in node.value:
            if (
                isinstance(key_node, yaml.ScalarNode)
                and key_node.value == "id"
                and isinstance(value_node, yaml.ScalarNode)
                and value_node.value.strip()
            ):
                return f"{kind} '{value_node.value.strip()}'"
        return f"{kind} {position}"

    def claim_id(self, code_id: str, line: int, kind: str) -> None:
        """Record an id in the codebook-wide namespace, reporting a second use."""
        if code_id in self._ids:
            first_line, first_kind = self._ids[code_id]
            self.report(
                line,
                f"duplicate id '{code_id}': already used by the {first_kind} at line "
                f"{first_line} (dimensions and indicators share one set of ids)",
            )
        else:
            self._ids[code_id] = (line, kind)

    def check_sibling_labels(self, codes: tuple[CodeSpec, ...], where: str) -> None:
        """Report two siblings with the same label: displays could not tell them apart."""
        seen: dict[str, int] = {}
        for spec in codes:
            folded = spec.label.casefold()
            if not folded:
                continue
            if folded in seen:
                self.report(
                    spec.label_line,
                    f"label '{spec.label}' is used twice in {where} (also at line {seen[folded]})",
                )
            else:
                seen[folded] = spec.label_line

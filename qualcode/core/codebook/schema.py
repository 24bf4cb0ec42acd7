"""The codebook YAML format: reads a file's text into validated specs, collecting every problem.

Each problem carries the 1-based line it concerns; the loader in ``codebook.py`` turns them into
``file:line: message`` strings. Nothing here raises for a user mistake.
"""

from __future__ import annotations

import re

import yaml

from qualcode.core.codebook.format import (
    DEFAULT_INDICATOR_VERDICTS,
    DEFAULT_VERDICT_SCALE,
    DIMENSION_KEYS,
    DIMENSION_REQUIRED,
    ID_PATTERN,
    INDICATOR_KEYS,
    INDICATOR_REQUIRED,
    RESERVED_IDS,
    TOP_KEYS,
    TOP_REQUIRED,
    CodebookSpec,
    CodeSpec,
    Problem,
    slugify,
    unknown_key_message,
)
from qualcode.core.limits import compose_yaml
from qualcode.core.yaml_syntax import explain_marked, explain_reader
from qualcode.i18n import t

_LANGUAGE_PATTERN = re.compile(r"^[a-z]{2,3}$")
_NULL = "tag:yaml.org,2002:null"
_BOOL = "tag:yaml.org,2002:bool"


def read_codebook_text(text: str) -> tuple[CodebookSpec | None, list[Problem]]:
    """Parse and validate codebook YAML; the spec is None whenever there is any problem."""
    reader = _Reader()
    spec = reader.read(text.removeprefix("\ufeff"))
    problems = reader.problems()
    return (spec if not problems else None), problems


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def _node_kind(node: yaml.Node) -> str:
    if isinstance(node, yaml.MappingNode):
        return t("codebook.node_mapping")
    if isinstance(node, yaml.SequenceNode):
        return t("codebook.node_list")
    if node.tag == _NULL:
        return t("codebook.node_empty")
    return t("codebook.node_text")


def _is_empty(node: yaml.Node) -> bool:
    """Tell whether a value is missing in effect: `key:` with nothing after it, or `[]`."""
    if isinstance(node, yaml.ScalarNode):
        return node.tag == _NULL
    return isinstance(node, yaml.SequenceNode) and not node.value


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
            self.report(_line(root), t("codebook.root_not_mapping", kind=_node_kind(root)))
            return None
        what = t("codebook.what_codebook")
        fields = self.fields(root, what, TOP_KEYS, TOP_REQUIRED)
        codebook_id = self.identifier(fields, what, allow_reserved=True)
        title = self.text(fields, "title", what, required=True)
        reference = self.text(fields, "reference", what, required=True)
        language = self.text(fields, "language", what) or "id"
        if "language" in fields and not _LANGUAGE_PATTERN.match(language):
            self.report(_line(fields["language"]), t("codebook.bad_language", value=language))
        verdicts = self.verdicts(fields, "verdict_scale", DEFAULT_VERDICT_SCALE)
        indicator_verdicts = self.verdicts(fields, "indicator_verdicts", DEFAULT_INDICATOR_VERDICTS)
        return CodebookSpec(
            id=codebook_id or "",
            title=title or "",
            title_en=self.text(fields, "title_en", what, single_line=True),
            reference=reference or "",
            description=self.text(fields, "description", what, single_line=False),
            language=language,
            verdict_scale=verdicts,
            indicator_verdicts=indicator_verdicts,
            effort_keywords=self.text_list(fields, "effort_keywords", what),
            dimensions=self.dimensions(fields),
        )

    def _compose(self, text: str) -> yaml.Node | None:
        try:
            root = compose_yaml(text)
        except yaml.MarkedYAMLError as error:
            line, detail = explain_marked(error)
            self.report(line, t("codebook.yaml_syntax", detail=detail))
            return None
        except yaml.reader.ReaderError as error:
            line, detail = explain_reader(error, text)
            self.report(line, t("codebook.yaml_syntax", detail=detail))
            return None
        if root is None:
            self.report(1, t("codebook.empty_file"))
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
                self.report(_line(key_node), t("codebook.key_not_plain", what=what))
                continue
            key = key_node.value
            if key in seen:
                self.report(
                    _line(key_node),
                    t("codebook.duplicate_key", name=key, what=what, line=seen[key]),
                )
                continue
            seen[key] = _line(key_node)
            if key in allowed:
                found[key] = value_node
            else:
                self.report(_line(key_node), unknown_key_message(key, what, allowed))
        for key in required:
            if key not in seen:
                self.report(_line(node), t("codebook.missing_key", name=key, what=what))
        return found

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
            self.report(
                _line(node), t("codebook.not_text", name=key, what=what, kind=_node_kind(node))
            )
            return None
        if node.tag == _BOOL:
            self.report(_line(node), t("codebook.yes_no", name=key, what=what, value=node.value))
            return None
        value = node.value.strip() if node.tag != _NULL else ""
        if single_line:
            value = " ".join(value.split())
        if not value:
            if required:
                self.report(_line(node), t("codebook.empty_value", name=key, what=what))
            return None
        return value

    def text_list(self, fields: dict[str, yaml.Node], key: str, what: str) -> tuple[str, ...]:
        """Return a list of texts (duplicates dropped, case-insensitively), reporting bad items."""
        node = fields.get(key)
        if node is None or (isinstance(node, yaml.ScalarNode) and node.tag == _NULL):
            return ()
        if not isinstance(node, yaml.SequenceNode):
            self.report(
                _line(node), t("codebook.not_list", name=key, what=what, kind=_node_kind(node))
            )
            return ()
        items: list[str] = []
        folded: set[str] = set()
        for position, item in enumerate(node.value, start=1):
            where = {"n": position, "name": key, "what": what}
            if not isinstance(item, yaml.ScalarNode):
                problem = (
                    "codebook.item_is_mapping"
                    if isinstance(item, yaml.MappingNode)
                    else "codebook.item_not_text"
                )
                self.report(_line(item), t(problem, kind=_node_kind(item), **where))
                continue
            if item.tag == _BOOL:
                self.report(_line(item), t("codebook.item_yes_no", value=item.value, **where))
                continue
            value = " ".join(item.value.split()) if item.tag != _NULL else ""
            if not value:
                self.report(_line(item), t("codebook.item_empty", **where))
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
        values = self.text_list(fields, key, t("codebook.what_codebook"))
        if isinstance(node, yaml.ScalarNode) and node.tag == _NULL:
            self.report(_line(node), t("codebook.verdicts_empty", name=key))
        elif isinstance(node, yaml.SequenceNode):
            written = [
                " ".join(item.value.split()).casefold()
                for item in node.value
                if isinstance(item, yaml.ScalarNode)
                and item.tag not in (_NULL, _BOOL)
                and item.value.strip()
            ]
            if len(set(written)) < len(written):
                self.report(_line(node), t("codebook.verdicts_twice", name=key))
            elif len(values) < 2 and len(written) == len(node.value):
                self.report(_line(node), t("codebook.verdicts_few", name=key))
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
            self.report(line, t("codebook.id_dot", id=value))
        elif not ID_PATTERN.match(value):
            suggestion = slugify(value)
            if suggestion:
                self.report(line, t("codebook.id_invalid_example", id=value, suggestion=suggestion))
            else:
                self.report(line, t("codebook.id_invalid", id=value))
        elif value in RESERVED_IDS and not allow_reserved:
            self.report(line, t("codebook.id_reserved", id=value))
        return value

    # -- codes ------------------------------------------------------------------------------

    def dimensions(self, fields: dict[str, yaml.Node]) -> tuple[CodeSpec, ...]:
        node = fields.get("dimensions")
        if node is None:
            return ()
        if _is_empty(node):
            self.report(_line(node), t("codebook.no_dimensions"))
            return ()
        if not isinstance(node, yaml.SequenceNode):
            self.report(_line(node), t("codebook.dimensions_not_list", kind=_node_kind(node)))
            return ()
        specs = [self.code(item, "dimension", n) for n, item in enumerate(node.value, start=1)]
        dimensions = tuple(spec for spec in specs if spec is not None)
        self.check_sibling_labels(dimensions, t("codebook.what_codebook"))
        return dimensions

    def code(self, node: yaml.Node, kind: str, position: int) -> CodeSpec | None:
        """Read one dimension or indicator mapping."""
        if not isinstance(node, yaml.MappingNode):
            # keys: codebook.what_{dimension,indicator}_n
            self.report(
                _line(node),
                t(
                    "codebook.code_not_mapping",
                    what=t(f"codebook.what_{kind}_n", n=position),
                    kind=_node_kind(node),
                ),
            )
            return None
        what = self._describe(node, kind, position)
        is_dimension = kind == "dimension"
        fields = self.fields(
            node,
            what,
            DIMENSION_KEYS if is_dimension else INDICATOR_KEYS,
            DIMENSION_REQUIRED if is_dimension else INDICATOR_REQUIRED,
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
            self.report(_line(node), t("codebook.no_indicators", what=what))
            return ()
        if not isinstance(node, yaml.SequenceNode):
            self.report(
                _line(node), t("codebook.indicators_not_list", what=what, kind=_node_kind(node))
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
                # keys: codebook.what_{dimension,indicator}
                return t(f"codebook.what_{kind}", id=value_node.value.strip())
        # keys: codebook.what_{dimension,indicator}_n
        return t(f"codebook.what_{kind}_n", n=position)

    def claim_id(self, code_id: str, line: int, kind: str) -> None:
        """Record an id in the codebook-wide namespace, reporting a second use."""
        if code_id in self._ids:
            first_line, first_kind = self._ids[code_id]
            # keys: codebook.kind_{dimension,indicator}
            self.report(
                line,
                t(
                    "codebook.duplicate_id",
                    id=code_id,
                    kind=t(f"codebook.kind_{first_kind}"),
                    line=first_line,
                ),
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
                    t("codebook.label_twice", label=spec.label, what=where, line=seen[folded]),
                )
            else:
                seen[folded] = spec.label_line

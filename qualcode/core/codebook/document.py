"""A codebook file's YAML held round-trip (ruamel.yaml) so edits keep comments, order and layout.

Only this module touches the YAML tree; ``codebook.edit`` decides what to change and validates
the result with the codebook loader. Comments ruamel attaches to the end of a code (the blank
line and separator before the next dimension) are handed on when that code is removed or moved,
so a file's separators stay where the student put them.
"""

from __future__ import annotations

import copy
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import yaml as pyyaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import FoldedScalarString, SingleQuotedScalarString

# (mapping, sequence, offset) indentations tried in order; the one that reproduces the file wins.
_INDENTS = ((2, 4, 2), (2, 2, 0), (4, 4, 2), (4, 6, 4), (4, 4, 0), (2, 4, 0), (3, 5, 2))
_FOLD_AT = 84  # fold long definitions near this column, like the shipped codebooks


@dataclass(frozen=True, slots=True)
class NewCode:
    """A code to add: a dimension (with its first indicators) or an indicator."""

    id: str
    label: str
    definition: str
    keywords: tuple[str, ...] = ()
    label_en: str | None = None
    example: str | None = None
    indicators: tuple[NewCode, ...] = ()


@dataclass(frozen=True, slots=True)
class Location:
    """Where a code sits: the list holding it, its index, and its dimension (for an indicator)."""

    seq: CommentedSeq
    index: int
    node: CommentedMap
    dimension: CommentedMap | None


class CodebookDocument:
    """The YAML tree of one codebook file, editable and dumpable with its comments."""

    def __init__(self, text: str) -> None:
        text = text.removeprefix("\ufeff")
        self._yaml, self.data = _load(text)
        self._depth = 0

    def dump(self) -> str:
        """Return the file's text after the edits."""
        buffer = io.StringIO()
        self._yaml.dump(self.data, buffer)
        return buffer.getvalue()

    # -- finding -------------------------------------------------------------------------------
    def dimensions(self) -> CommentedSeq:
        return self.data["dimensions"]

    def locate(self, code_id: str) -> Location:
        """Find a dimension or indicator by id (the caller has checked that it exists)."""
        for d_index, dimension in enumerate(self.dimensions()):
            if str(dimension.get("id")) == code_id:
                return Location(self.dimensions(), d_index, dimension, None)
            indicators = dimension.get("indicators") or []
            for i_index, indicator in enumerate(indicators):
                if str(indicator.get("id")) == code_id:
                    return Location(indicators, i_index, indicator, dimension)
        raise KeyError(code_id)

    # -- editing --------------------------------------------------------------------------------
    def set_value(self, code_id: str, key: str, value: str) -> None:
        """Set one field of a code (id, label...), keeping the comments around it."""
        node = self.locate(code_id).node
        node[key] = _scalar(value)

    def add_keywords(self, code_id: str, words: Iterable[str]) -> list[str]:
        """Append the words a code does not list yet (case-insensitively); return those added."""
        node = self.locate(code_id).node
        current = node.get("keywords")
        known = {str(word).casefold() for word in (current or [])}
        added = [word for word in dict.fromkeys(words) if word.casefold() not in known]
        if not added:
            return []
        if not isinstance(current, CommentedSeq):
            current = _flow([])
            _insert_after(node, "keywords", current, ("definition", "label_en", "label", "id"))
        for word in added:
            current.append(_scalar(word))
        return added

    def append(self, dimension_id: str | None, node: CommentedMap) -> None:
        """Append a code at the end of a dimension's indicators (or of the dimensions)."""
        seq = (
            self.dimensions()
            if dimension_id is None
            else self.locate(dimension_id).node["indicators"]
        )
        if len(seq):
            _put_trailing(node, _take_trailing(seq[-1]))
            if len(seq) > 1:  # space the old last code from the new one as its siblings are
                _put_trailing(seq[-1], _peek_rest(seq[-2]))
        seq.append(node)

    def remove(self, code_id: str) -> CommentedMap:
        """Take a code out of its list; what followed it now follows its former predecessor."""
        where = self.locate(code_id)
        node = where.seq[where.index]
        trailing = _take_trailing(node)
        del where.seq[where.index]
        if where.index == len(where.seq) and where.index > 0:
            _put_trailing(where.seq[-1], trailing)
        return node

    def indicator_nodes(self, dimension_id: str) -> list[CommentedMap]:
        return list(self.locate(dimension_id).node.get("indicators") or [])


def new_node(code: NewCode) -> CommentedMap:
    """Build the mapping of a new code in the shipped codebooks' key order and style."""
    node = CommentedMap()
    node["id"] = code.id
    node["label"] = _scalar(code.label)
    if code.label_en:
        node["label_en"] = _scalar(code.label_en)
    node["definition"] = _text_block(code.definition)
    if code.keywords:
        node["keywords"] = _flow([_scalar(word) for word in code.keywords])
    if code.example:
        node["example"] = _scalar(code.example)
    if code.indicators:
        node["indicators"] = CommentedSeq([new_node(child) for child in code.indicators])
    return node


# -- YAML details ---------------------------------------------------------------------------------
def _make_yaml(indent: tuple[int, int, int]) -> YAML:
    handler = YAML(typ="rt")
    handler.preserve_quotes = True
    handler.width = 4096  # never re-wrap a student's long lines
    mapping, sequence, offset = indent
    handler.indent(mapping=mapping, sequence=sequence, offset=offset)
    return handler


def _guess_indents(text: str) -> list[tuple[int, int, int]]:
    """Indentations read off the file: its first list item and its first indented block text."""
    guessed: list[tuple[int, int, int]] = []
    item = re.search(r"^( *)\S[^\n]*:[ \t]*\n((?: *#[^\n]*\n)*)( *)-( +)\S", text, re.MULTILINE)
    block = re.search(r"^( *)\S[^\n]*: *[>|][-+]?\d* *\n( +)\S", text, re.MULTILINE)
    if item:
        offset = len(item.group(3)) - len(item.group(1))
        sequence = offset + 1 + len(item.group(4))
        mappings = [len(block.group(2)) - len(block.group(1))] if block else []
        for mapping in [*mappings, 2, 4]:
            if mapping > 0 and (mapping, sequence, offset) not in guessed:
                guessed.append((mapping, sequence, offset))
    return guessed + [indent for indent in _INDENTS if indent not in guessed]


def _load(text: str) -> tuple[YAML, Any]:
    """Load with the indentation that reproduces the file best (ruamel cannot detect it)."""
    best: tuple[int, YAML, Any] | None = None
    for indent in _guess_indents(text):
        handler = _make_yaml(indent)
        data = handler.load(text)
        buffer = io.StringIO()
        handler.dump(data, buffer)
        if buffer.getvalue() == text:
            return handler, data
        lost = _difference(text, buffer.getvalue())
        if best is None or lost < best[0]:
            best = (lost, handler, data)
    assert best is not None
    return best[1], best[2]


def _difference(a: str, b: str) -> int:
    left, right = a.splitlines(), b.splitlines()
    return sum(1 for x, y in zip(left, right, strict=False) if x != y) + abs(len(left) - len(right))


def _scalar(value: str) -> Any:
    """Quote a text that YAML 1.1 readers would take for something else (yes, 12, null, a: b)."""
    try:
        plain = pyyaml.safe_load(value) == value
    except pyyaml.YAMLError:
        plain = False
    return value if plain and value == value.strip() else SingleQuotedScalarString(value)


def _text_block(value: str) -> Any:
    """A long text as a folded block (``>-``) wrapped near the shipped files' width."""
    if len(value) <= _FOLD_AT - 20 or "\n" in value or "  " in value:
        return _scalar(value)
    folded = FoldedScalarString(value)
    positions, line_start = [], 0
    for index, char in enumerate(value):
        if char == " " and index - line_start > _FOLD_AT - 12:
            positions.append(index)
            line_start = index + 1
    folded.fold_pos = positions
    return folded


def _flow(items: Sequence[Any]) -> CommentedSeq:
    seq = CommentedSeq(items)
    seq.fa.set_flow_style()
    return seq


def _insert_after(node: CommentedMap, key: str, value: Any, after: Sequence[str]) -> None:
    keys = list(node)
    for previous in after:
        if previous in keys:
            node.insert(keys.index(previous) + 1, key, value)
            return
    node[key] = value


def _block(value: Any) -> bool:
    return (
        isinstance(value, (CommentedMap, CommentedSeq)) and len(value) and not value.fa.flow_style()
    )


def _last_holder(node: Any) -> tuple[Any, Any, int] | None:
    """The deepest last entry of a node: where ruamel keeps the comment that follows the node."""
    while True:
        if isinstance(node, CommentedMap) and len(node):
            key = list(node)[-1]
            if _block(node[key]):
                node = node[key]
                continue
            return node, key, 2
        if isinstance(node, CommentedSeq) and len(node):
            if _block(node[-1]):
                node = node[-1]
                continue
            return node, len(node) - 1, 0
        return None


def _peek_trailing(node: Any) -> Any:
    holder = _last_holder(node)
    if holder is None:
        return None
    container, key, slot = holder
    entry = container.ca.items.get(key)
    return entry[slot] if entry and len(entry) > slot else None


def _split(token: Any) -> tuple[str | None, str | None]:
    """Split a trailing comment into the end-of-line comment and what follows on later lines.

    ruamel keeps both in one token: "# eol\n\n  # separator\n" after a value with an
    end-of-line comment, "\n\n  # separator\n" (starting with the line break) after one without.
    The end-of-line part stays with its code; the rest is what follows the code in its list.
    """
    if token is None:
        return None, None
    value = token.value
    if value.startswith("#"):
        first, _, remainder = value.partition("\n")
        return first + "\n", ("\n" + remainder) if remainder else None
    return None, value


def _with(token: Any, value: str | None) -> Any:
    if token is None or value is None:
        return None
    made = copy.copy(token)
    made.value = value
    return made


def _set_trailing(node: Any, token: Any) -> None:
    holder = _last_holder(node)
    if holder is None:
        return
    container, key, slot = holder
    entry = container.ca.items.get(key)
    if entry is None:
        if token is None:
            return
        entry = container.ca.items.setdefault(key, [None, None, None, None])
    while len(entry) <= slot:
        entry.append(None)
    entry[slot] = token


def _peek_rest(node: Any) -> Any:
    """What follows a code on later lines (a copy), without its end-of-line comment."""
    token = _peek_trailing(node)
    return _with(token, _split(token)[1])


def _take_trailing(node: Any) -> Any:
    """Detach what follows a code on later lines; its end-of-line comment stays."""
    token = _peek_trailing(node)
    eol, rest = _split(token)
    _set_trailing(node, _with(token, eol))
    return _with(token, rest)


def _put_trailing(node: Any, rest: Any) -> None:
    """Make ``rest`` follow a code, after the code's own end-of-line comment."""
    token = _peek_trailing(node)
    eol, _ = _split(token)
    if eol is None:
        _set_trailing(node, rest)
    elif rest is None:
        _set_trailing(node, _with(token, eol))
    else:
        _set_trailing(node, _with(token, eol + rest.value[1:]))

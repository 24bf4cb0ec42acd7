"""Bounded resources for every reader: YAML without aliases and with a nesting limit, size caps.

Every file qualcode reads from a project (codebooks, codings files, transcript front matter,
settings) goes through :func:`load_yaml` or :func:`compose_yaml`, so a hostile or broken file is
refused with a line number instead of hanging the program or exhausting memory ("billion
laughs" alias expansion, thousands of nested brackets). Files are size-checked before reading.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from qualcode.errors import InputLimitError
from qualcode.i18n import t

MAX_YAML_DEPTH = 64
"""Deepest nesting of lists and mappings any qualcode YAML file needs (a codebook uses 6)."""

MAX_CODEBOOK_BYTES = 1024 * 1024
"""A shipped codebook is 20-50 kB; 1 MiB is read (by the exact loader) in a few seconds."""

MAX_CODINGS_BYTES = 10 * 1024 * 1024
"""A codings file of 430 codings is ~250 kB; 10 MiB holds 18,000-35,000 codings and is read in
under 10 s and ~100 MB even on a loaded machine (benchmarks/bench_inputs.py)."""

MAX_SETTINGS_BYTES = 256 * 1024
"""Settings files hold a handful of keys."""

MAX_TEXT_CHARS = 4 * 1024 * 1024
"""Longest transcript text after decoding (~600,000 words, weeks of interviews)."""

_STR = "tag:yaml.org,2002:str"
_COLLECTION_TAGS = (None, "!", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map")
_NO_KEY = object()


class YamlLimitError(yaml.MarkedYAMLError):
    """An alias, or nesting deeper than the limit, at a marked place in the text."""


def _alias_error(event: Any) -> YamlLimitError:
    return YamlLimitError(None, None, t("safety.yaml_alias"), event.start_mark)


def _depth_error(event: Any) -> YamlLimitError:
    return YamlLimitError(
        None, None, t("safety.yaml_too_deep", limit=MAX_YAML_DEPTH), event.start_mark
    )


class _GuardedComposer:
    """Composer mix-in: refuse aliases, bound the nesting depth."""

    _depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            raise _alias_error(self.peek_event())
        if self.check_event(yaml.SequenceStartEvent, yaml.MappingStartEvent):
            self._depth += 1
            if self._depth > MAX_YAML_DEPTH:
                raise _depth_error(self.peek_event())
            try:
                return super().compose_node(parent, index)  # type: ignore[misc]
            finally:
                self._depth -= 1
        return super().compose_node(parent, index)  # type: ignore[misc]


class GuardedSafeLoader(_GuardedComposer, yaml.SafeLoader):
    """PyYAML's safe loader without aliases and with a depth limit."""


class _Builder:
    """Build Python values straight from libyaml's events, as PyYAML's safe loader would, but
    without aliases, within the depth limit, and without the node tree (3x faster, less memory).
    """

    def __init__(self) -> None:
        self.resolver = yaml.resolver.Resolver()
        self.constructor = yaml.constructor.SafeConstructor()

    def scalar(self, event: Any) -> Any:
        tag = event.tag
        if tag is None or tag == "!":
            tag = self.resolver.resolve(yaml.ScalarNode, event.value, event.implicit)
        if tag == _STR:
            return event.value
        construct = self.constructor.yaml_constructors.get(tag)
        if construct is None:
            raise yaml.constructor.ConstructorError(
                None, None, f"could not determine a constructor for the tag {tag!r}",
                event.start_mark,
            )  # fmt: skip
        node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
        return construct(self.constructor, node)

    def build(self, parser: Any) -> Any:
        parser.get_event()  # stream start
        if parser.check_event(yaml.StreamEndEvent):
            return None
        document = parser.get_event()
        stack: list[list[Any]] = []  # [container, key waiting for its value, start mark]
        root = None
        while True:
            event = parser.get_event()
            if isinstance(event, yaml.DocumentEndEvent):
                break
            if isinstance(event, yaml.AliasEvent):
                raise _alias_error(event)
            if isinstance(event, yaml.SequenceStartEvent | yaml.MappingStartEvent):
                if event.tag not in _COLLECTION_TAGS:
                    raise yaml.constructor.ConstructorError(
                        None, None, f"could not determine a constructor for the tag "
                        f"{event.tag!r}", event.start_mark,
                    )  # fmt: skip
                if len(stack) >= MAX_YAML_DEPTH:
                    raise _depth_error(event)
                empty = [] if isinstance(event, yaml.SequenceStartEvent) else {}
                stack.append([empty, _NO_KEY, event.start_mark])
                continue
            if isinstance(event, yaml.SequenceEndEvent | yaml.MappingEndEvent):
                value = stack.pop()[0]
            else:
                value = self.scalar(event)
            if not stack:
                root = value
                continue
            top = stack[-1]
            if isinstance(top[0], list):
                top[0].append(value)
            elif top[1] is _NO_KEY:
                if isinstance(value, list | dict):
                    raise yaml.constructor.ConstructorError(
                        "while constructing a mapping", top[2], "found unhashable key",
                        event.start_mark,
                    )  # fmt: skip
                top[1] = value
            else:
                top[0][top[1]] = value
                top[1] = _NO_KEY
        if not parser.check_event(yaml.StreamEndEvent):
            raise yaml.composer.ComposerError(
                "expected a single document in the stream", document.start_mark,
                "but found another document", parser.get_event().start_mark,
            )  # fmt: skip
        return root


def load_yaml(text: str) -> Any:
    """Load YAML safely with libyaml: aliases refused, nesting within the limit; raises
    yaml.YAMLError (``YamlLimitError`` for a limit), as PyYAML's safe loader would."""
    parser = getattr(yaml, "CSafeLoader", yaml.SafeLoader)(text)
    try:
        return _Builder().build(parser)
    finally:
        parser.dispose()


def compose_yaml(text: str) -> yaml.Node | None:
    """Compose YAML into nodes (with marks) under the same limits as :func:`load_yaml`."""
    return yaml.compose(text, Loader=GuardedSafeLoader)


def size_text(count: int) -> str:
    """A size in MB with one decimal, as the messages print it."""
    return f"{count / (1024 * 1024):.1f}"


def check_size(path: Path, limit: int) -> None:
    """Refuse a file larger than ``limit`` bytes before reading it."""
    try:
        size = Path(path).stat().st_size
    except OSError:
        return  # the reader reports a missing or unreadable file in its own words
    if size > limit:
        raise InputLimitError(
            t("safety.too_large", file=path, size=size_text(size), limit=size_text(limit)),
            t("safety.too_large_hint"),
        )


def check_text_length(text: str, name: str) -> None:
    """Refuse a decoded transcript longer than :data:`MAX_TEXT_CHARS`."""
    if len(text) > MAX_TEXT_CHARS:
        raise InputLimitError(
            t(
                "safety.text_too_long",
                file=name,
                size=size_text(len(text)),
                limit=size_text(MAX_TEXT_CHARS),
            ),
            t("ingest_errors.too_large_hint"),
        )

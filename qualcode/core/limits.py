"""Bounded resources for every reader: YAML without aliases and with a nesting limit, size caps.

Every file qualcode reads from a project (codebooks, codings files, transcript front matter,
settings) goes through :func:`load_yaml` or :func:`compose_yaml`, so a hostile or broken file is
refused with a line number instead of hanging the program or exhausting memory ("billion
laughs" alias expansion, thousands of nested brackets). Files are size-checked before reading.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from qualcode.errors import InputLimitError
from qualcode.i18n import t

MAX_YAML_DEPTH = 64
"""Deepest nesting of lists and mappings any qualcode YAML file needs (a codebook uses 6)."""

MAX_CODEBOOK_BYTES = 4 * 1024 * 1024
"""A codebook is a few dozen kB; 4 MiB leaves room for long definitions and examples."""

MAX_CODINGS_BYTES = 32 * 1024 * 1024
"""A codings file of 430 codings is ~250 kB; 32 MiB holds ~50,000 codings."""

MAX_SETTINGS_BYTES = 256 * 1024
"""Settings files hold a handful of keys."""

MAX_TEXT_CHARS = 4 * 1024 * 1024
"""Longest transcript text after decoding (~600,000 words, weeks of interviews)."""

# Characters that may open an alias/anchor, or nesting a quick scan cannot bound: any of them
# sends the text to the exact (pure-Python) loader instead of libyaml.
_SUSPECT = re.compile(r"(?:^|[\s\[{,])[*&][^\s\]},]", re.MULTILINE)
_BRACKETS = re.compile(r"[\[\]{}]")
_INDENT = re.compile(rf"^[ \t-]{{{MAX_YAML_DEPTH},}}", re.MULTILINE)


class YamlLimitError(yaml.MarkedYAMLError):
    """An alias, or nesting deeper than the limit, at a marked place in the text."""


class _GuardedComposer:
    """Composer mix-in: refuse aliases, bound the nesting depth."""

    _depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise YamlLimitError(None, None, t("safety.yaml_alias"), event.start_mark)
        if self.check_event(yaml.SequenceStartEvent, yaml.MappingStartEvent):
            self._depth += 1
            if self._depth > MAX_YAML_DEPTH:
                raise YamlLimitError(
                    None,
                    None,
                    t("safety.yaml_too_deep", limit=MAX_YAML_DEPTH),
                    self.peek_event().start_mark,
                )
            try:
                return super().compose_node(parent, index)  # type: ignore[misc]
            finally:
                self._depth -= 1
        return super().compose_node(parent, index)  # type: ignore[misc]


class GuardedSafeLoader(_GuardedComposer, yaml.SafeLoader):
    """PyYAML's safe loader without aliases and with a depth limit."""


def _quick_depth_bound(text: str) -> int:
    """A bound on nesting: open brackets at once, plus the limit when a line is indented
    (or dashed) at least as deep as the limit."""
    depth = worst = 0
    for match in _BRACKETS.finditer(text):
        if match.group(0) in "[{":
            depth += 1
            worst = max(worst, depth)
        else:
            depth = max(0, depth - 1)
    indent = MAX_YAML_DEPTH if _INDENT.search(text) else 0
    return worst + indent


def needs_exact_loader(text: str) -> bool:
    """Tell whether libyaml's fast loader could meet an alias or deep nesting in ``text``."""
    return bool(_SUSPECT.search(text)) or _quick_depth_bound(text) > MAX_YAML_DEPTH


def load_yaml(text: str) -> Any:
    """Load YAML safely: libyaml when the text cannot hold aliases or deep nesting, else the
    guarded pure-Python loader; raises yaml.YAMLError (``YamlLimitError`` for a limit)."""
    if needs_exact_loader(text):
        return yaml.load(text, Loader=GuardedSafeLoader)  # noqa: S506 - a safe loader
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load(text, Loader=loader)  # noqa: S506 - a safe loader


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

"""YAML front matter at the top of .txt/.md sources: `---` lines around `key: value` pairs."""

from __future__ import annotations

import datetime as _dt

from qualcode.errors import IngestError

_FENCE = "---"
_CLOSERS = ("---", "...")
_HINT = (
    "Front matter is `key: value` lines between two '---' lines at the very top, e.g.\n"
    "---\ninformant: I9\ntechnique: wawancara\ndate: 2026-03-20\n---"
)


def split_front_matter(text: str, filename: str) -> tuple[list[tuple[str, str]], str]:
    """Split normalised text into front-matter pairs (in file order) and the body after them."""
    if not text.startswith(_FENCE) or text.split("\n", 1)[0].rstrip() != _FENCE:
        return [], text
    lines = text.split("\n")
    close = next((i for i in range(1, len(lines)) if lines[i].rstrip() in _CLOSERS), None)
    if close is None:
        raise IngestError(
            f"{filename}: line 1: the front matter opened with '---' is never closed.",
            "Add a closing '---' line after the last key, or remove the opening '---'.",
        )
    data = _load_yaml("\n".join(lines[1:close]), filename)
    body = "\n".join(lines[close + 1 :]).lstrip("\n")
    return [(str(key), _scalar(value)) for key, value in data.items() if value is not None], body


def _load_yaml(block: str, filename: str) -> dict[object, object]:
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        data = yaml.load(block, Loader=loader)  # noqa: S506 - a safe loader
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = f"line {mark.line + 2}: " if mark is not None else ""
        problem = getattr(exc, "problem", None) or "invalid syntax"
        raise IngestError(
            f"{filename}: {line}the front matter is not valid YAML ({problem}).", _HINT
        ) from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise IngestError(
            f"{filename}: line 2: the front matter must be `key: value` lines, "
            f"not a {type(data).__name__}.",
            _HINT,
        )
    return data


def _scalar(value: object) -> str:
    if isinstance(value, _dt.datetime):
        return value.date().isoformat()
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return ", ".join(_scalar(item) for item in value)
    if isinstance(value, dict):
        return ", ".join(f"{key}: {_scalar(item)}" for key, item in value.items())
    return str(value).strip()

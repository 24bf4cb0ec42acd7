"""YAML front matter at the top of .txt/.md sources: `---` lines around `key: value` pairs."""

from __future__ import annotations

import datetime as _dt

from qualcode.errors import IngestError
from qualcode.i18n import t

_FENCE = "---"
_CLOSERS = ("---", "...")
_FIRST_LINE = 2
"""File line of the front matter's first key (line 1 is the opening '---')."""


def split_front_matter(text: str, filename: str) -> tuple[list[tuple[str, str]], str]:
    """Split normalised text into front-matter pairs (in file order) and the body after them."""
    if not text.startswith(_FENCE) or text.split("\n", 1)[0].rstrip() != _FENCE:
        return [], text
    lines = text.split("\n")
    close = next((i for i in range(1, len(lines)) if lines[i].rstrip() in _CLOSERS), None)
    if close is None:
        raise IngestError(
            t("ingest_errors.front_matter_unclosed", name=filename),
            t("ingest_errors.front_matter_unclosed_hint"),
        )
    data = _load_yaml("\n".join(lines[1:close]), filename)
    body = "\n".join(lines[close + 1 :]).lstrip("\n")
    return [(str(key), _scalar(value)) for key, value in data.items() if value is not None], body


def _load_yaml(block: str, filename: str) -> dict[object, object]:
    import yaml

    from qualcode.core.limits import load_yaml
    from qualcode.core.yaml_syntax import explain_marked, explain_reader

    offset = _FIRST_LINE - 1
    try:
        data = load_yaml(block)
    except yaml.MarkedYAMLError as exc:
        line, detail = explain_marked(exc, line_offset=offset)
        raise _invalid(filename, line, detail) from None
    except yaml.reader.ReaderError as exc:
        line, detail = explain_reader(exc, block, line_offset=offset)
        raise _invalid(filename, line, detail) from None
    except yaml.YAMLError as exc:
        raise _invalid(filename, _FIRST_LINE, str(exc)) from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        kind = "list" if isinstance(data, list) else "text"
        # keys: ingest_errors.front_matter_kind_{list,text}
        raise IngestError(
            t(
                "ingest_errors.front_matter_not_pairs",
                name=filename,
                kind=t(f"ingest_errors.front_matter_kind_{kind}"),
            ),
            t("ingest_errors.front_matter_hint"),
        )
    return data


def _invalid(filename: str, line: int, detail: str) -> IngestError:
    return IngestError(
        t("ingest_errors.front_matter_yaml", name=filename, line=line, detail=detail),
        t("ingest_errors.front_matter_hint"),
    )


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

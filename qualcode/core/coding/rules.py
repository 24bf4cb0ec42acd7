"""The rules every coding must satisfy, and how a coding's place is described to the student.

A span lies inside its source and is trimmed of surrounding whitespace; the code exists in the
project's codebook (the ``upaya`` category itself is not codable); the polarity is known;
interviewer text is refused unless forced; the same code twice on the same span is refused.
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence

from qualcode.core.records import POLARITIES, POLARITY_ALIASES, Coding
from qualcode.core.store import codings as repo
from qualcode.core.store.db import Store
from qualcode.errors import CodingError
from qualcode.i18n import t


def new_uid() -> str:
    """Return a fresh stable id for a coding or memo (12 hex digits)."""
    return secrets.token_hex(6)


def normalise_polarity(value: str) -> str:
    """Return the canonical polarity for ``value`` (English aliases accepted) or raise."""
    key = str(value).strip().lower()
    key = POLARITY_ALIASES.get(key, key)
    if key not in POLARITIES:
        raise CodingError(
            t("coding.bad_polarity", value=value),
            t("coding.polarity_choices", choices=", ".join(POLARITIES)),
        )
    return key


def check_code(project, code_id: str) -> str:
    """Return ``code_id`` if the codebook lets a passage be coded with it, else raise."""
    from qualcode.core.codebook.model import UnknownCodeError

    codebook = project.codebook
    code_id = str(code_id).strip()
    if not codebook.has(code_id):
        suggestions = codebook.close_matches(code_id) if code_id else ()
        exc = UnknownCodeError(code_id, suggestions)
        exc.message = t("coding.unknown_code", code=code_id, codebook=codebook.id)
        exc.hint = (
            t("coding.did_you_mean", ids=", ".join(suggestions))
            if suggestions
            else t("coding.list_codes_hint")
        )
        exc.args = (exc.message,)
        raise exc
    if codebook.code(code_id).kind == "effort_category":
        examples = ", ".join(code.id for code in codebook.efforts()[:2])
        raise CodingError(
            t("coding.effort_category", code=code_id),
            t("coding.effort_category_hint", examples=examples),
        )
    return code_id


def source_text(store: Store, source_id: int, cache: dict[int, str] | None = None) -> str:
    """Return a source's text (cached in ``cache`` when given), or raise naming the source."""
    if cache is not None and source_id in cache:
        return cache[source_id]
    text = repo.source_text(store, int(source_id))
    if text is None:
        raise CodingError(t("coding.no_source", id=source_id), t("coding.no_source_hint"))
    if cache is not None:
        cache[source_id] = text
    return text


def trim_span(store: Store, source_id: int, text: str, start: int, end: int) -> tuple[int, int]:
    """Check the span lies inside the text and trim surrounding whitespace; refuse an empty one."""
    where = repo.source_label(store, source_id)
    if not isinstance(start, int) or not isinstance(end, int) or isinstance(start, bool):
        raise CodingError(
            t("coding.bad_span", start=start, end=end, source=where, length=len(text))
        )
    if not 0 <= start < end <= len(text):
        raise CodingError(
            t("coding.bad_span", start=start, end=end, source=where, length=len(text)),
            t("coding.bad_span_hint"),
        )
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start == end:
        raise CodingError(t("coding.empty_span", start=start, end=end, source=where))
    return start, end


def check_interviewer(store: Store, source_id: int, start: int, end: int, force: bool) -> None:
    """Refuse a span inside (or overlapping) an interviewer turn, unless forced."""
    if force:
        return
    turn = repo.interviewer_turn_overlapping(store, source_id, start, end)
    if turn is not None:
        raise CodingError(
            t("coding.interviewer", source=repo.source_label(store, source_id), turn=turn),
            t("coding.interviewer_hint"),
        )


def place(store: Store, source_id: int, start: int, end: int) -> str:
    """Describe where a span is: 'I4 kalimat 12', 'I4 giliran 3' or 'I4 karakter 120–180'."""
    label = repo.source_label(store, source_id) or f"#{source_id}"
    unit = repo.unit_of_span(store, source_id, start, end)
    if unit is None:
        return t("coding.place_span", source=label, start=start, end=end)
    # keys: coding.place_{sentence,turn}
    return t(f"coding.place_{unit[0]}", source=label, n=unit[1])


def places(store: Store, codings: Sequence[Coding]) -> dict[int, str]:
    """Describe where many codings are (as ``place`` does), with a few queries per source."""
    result: dict[int, str] = {}
    units: dict[int, tuple[str, dict[tuple[int, int], tuple[str, int]]]] = {}
    for c in codings:
        if c.source_id not in units:
            label = repo.source_label(store, c.source_id) or f"#{c.source_id}"
            units[c.source_id] = (label, repo.unit_spans(store, c.source_id))
        label, spans = units[c.source_id]
        unit = spans.get((c.start, c.end))
        if unit is None:
            result[c.id] = t("coding.place_span", source=label, start=c.start, end=c.end)
        else:
            # keys: coding.place_{sentence,turn}
            result[c.id] = t(f"coding.place_{unit[0]}", source=label, n=unit[1])
    return result


def check_duplicate(
    store: Store, source_id: int, start: int, end: int, code_id: str, exclude_id: int | None = None
) -> None:
    """Refuse the same code twice on exactly the same span of a source."""
    duplicate = repo.find_duplicate(store, source_id, start, end, code_id, exclude_id)
    if duplicate is not None:
        raise CodingError(
            t(
                "coding.duplicate",
                code=code_id,
                where=place(store, source_id, start, end),
                id=duplicate.id,
            ),
            t("coding.duplicate_hint"),
        )

"""Typo-tolerant search across every source, with keyword-in-context hits and filters.

A word index of all source texts is built on first use and kept in the store's cache until the
sources change (checked through the store's revision, then a fingerprint of the sources). Each
query word is matched against the index's vocabulary exactly, by prefix ("komputer" →
"komputernya") and, unless ``fuzzy=False``, by rapidfuzz similarity ("komputr" → "komputer"); a
multi-word query is a phrase that may skip one word between its words. Exact matches rank
first. Hits can be coded in one undoable event with :func:`code_hits`.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from qualcode.core.records import TECHNIQUES, Coding
from qualcode.core.search.index import WORD, WordIndex
from qualcode.core.store import search_sql
from qualcode.errors import CodingError, QualcodeError
from qualcode.i18n import t

KWIC_WIDTH = 40
MAX_LIMIT = 100_000


@dataclass(frozen=True, slots=True)
class Hit:
    """One match in a source, with its keyword-in-context and where it is."""

    source_id: int
    start: int
    end: int
    sentence_idx: int | None
    score: float
    kwic_left: str
    match: str
    kwic_right: str
    informant_code: str
    source_name: str = ""
    speaker: str = ""


@dataclass(frozen=True, slots=True)
class _State:
    """What a search reads besides the index, valid for one store revision."""

    index: WordIndex
    sentences: dict[int, list[tuple[int, int, int, str, int, int]]]
    attributes: dict[int, tuple[str, str, str]]
    codings: dict[int, list[tuple[int, int, str, str]]] | None


def _state(store, with_codings: bool) -> _State:
    """Return the search state from the store's cache, refreshing only what a change touched."""
    revision = store.cache.revision()
    state: _State = store.cache.get("search", revision, lambda: _read_state(store))
    if with_codings and state.codings is None:
        codings = search_sql.coding_spans(store)
        state = _State(state.index, state.sentences, state.attributes, codings)
        store.cache.put("search", revision, state)
    return state


def _read_state(store) -> _State:
    """Read the search state; the word index is reused while the sources are unchanged."""
    previous: _State | None = store.cache.previous("search")
    signature = search_sql.sources_signature(store)
    if previous is not None and previous.index.signature == signature:
        index, sentences = previous.index, previous.sentences
    else:
        index = WordIndex(search_sql.source_rows(store), signature)
        sentences = search_sql.sentence_spans(store)
    return _State(index, sentences, search_sql.source_attributes(store), None)


def word_index(store) -> WordIndex:
    """Return the store's word index, rebuilding it only after the sources changed."""
    return _state(store, with_codings=False).index


@dataclass(frozen=True, slots=True)
class _Filters:
    informant: str | None
    group: str | None
    technique: str | None
    codes: frozenset[str] | None
    polarity: str | None
    coded: bool | None


def _check_filters(project, informant, group, technique, code, polarity, coded) -> _Filters:
    store = project.store
    if informant is not None:
        codes = search_sql.informant_codes(store)
        match = next((c for c in codes if c.upper() == str(informant).strip().upper()), None)
        if match is None:
            raise QualcodeError(
                t("search.unknown_informant", informant=informant),
                t("search.known_informants", codes=", ".join(codes) or "—"),
            )
        informant = match
    if group is not None:
        groups = search_sql.informant_groups(store)
        if str(group).strip().lower() not in groups:
            raise QualcodeError(
                t("search.unknown_group", group=group),
                t("search.known_groups", groups=", ".join(groups) or "—"),
            )
        group = str(group).strip().lower()
    if technique is not None:
        if str(technique).strip().lower() not in TECHNIQUES:
            raise QualcodeError(
                t("search.unknown_technique", technique=technique),
                t("search.known_techniques", techniques=", ".join(TECHNIQUES)),
            )
        technique = str(technique).strip().lower()
    codes_filter = None
    if code is not None:
        codes_filter = _code_family(project, str(code).strip())
    if polarity is not None:
        from qualcode.core.coding.rules import normalise_polarity

        polarity = normalise_polarity(polarity)
    return _Filters(informant, group, technique, codes_filter, polarity, coded)


def _code_family(project, code_id: str) -> frozenset[str]:
    """A code and the codes under it (a dimension's indicators, the efforts under "upaya")."""
    codebook = project.codebook
    if not codebook.has(code_id):
        from qualcode.core.coding.rules import check_code

        check_code(project, code_id)
    return frozenset({code_id, *(c.id for c in codebook.children(code_id))})


def search(
    project,
    query: str,
    *,
    informant: str | None = None,
    group: str | None = None,
    technique: str | None = None,
    code: str | None = None,
    polarity: str | None = None,
    coded: bool | None = None,
    fuzzy: bool = True,
    limit: int = 200,
) -> list[Hit]:
    """Find a word or phrase in every source (typos tolerated); best and exact matches first."""
    words = [m.group().casefold() for m in WORD.finditer(query or "")]
    if not words:
        raise QualcodeError(
            t("search.empty_query", query=(query or "").strip()), t("search.empty_query_hint")
        )
    if not isinstance(limit, int) or limit < 1 or limit > MAX_LIMIT:
        raise QualcodeError(t("search.bad_limit", limit=limit, most=MAX_LIMIT))
    filters = _check_filters(project, informant, group, technique, code, polarity, coded)
    state = _state(project.store, with_codings=_needs_codings(filters))
    index, attributes, sentences = state.index, state.attributes, state.sentences
    codings = state.codings or {}
    allowed = _allowed_sources(index, attributes, filters)
    found: list[tuple[float, int, int, int, tuple | None]] = []
    for n, first, last, score in index.ranked(words, fuzzy, allowed):
        row = index.sources[n]
        starts, ends, _ids = index.tokens[n]
        start, end = starts[first], ends[last]
        sentence = _sentence_at(sentences.get(row.id, ()), start)
        span = (sentence[0], sentence[1]) if sentence else (start, end)
        if not _passes(filters, codings.get(row.id, ()), span):
            continue
        found.append((score, n, start, end, sentence))
        if len(found) >= limit:
            break
    hits = []
    for score, n, start, end, sentence in found:
        row = index.sources[n]
        # The context stays inside the speaker's turn, never the interviewer's words around it.
        bounds = (sentence[4], sentence[5]) if sentence else (0, len(row.text))
        left, match, right = kwic(row.text, start, end, bounds=bounds)
        code_ = attributes.get(row.id, ("", row.informant_code, ""))[1]
        hits.append(
            Hit(
                row.id,
                start,
                end,
                sentence[2] if sentence else None,
                round(score, 1),
                left,
                match,
                right,
                code_,
                row.name,
                sentence[3] if sentence else "",
            )
        )
    return hits


def _allowed_sources(index: WordIndex, attributes: dict, filters: _Filters) -> set[int] | None:
    """Positions of the sources that pass the informant, group and technique filters."""
    if filters.informant is None and filters.group is None and filters.technique is None:
        return None
    allowed = set()
    for n, row in enumerate(index.sources):
        technique, informant, group = attributes.get(row.id, (row.technique, "", ""))
        if (
            (filters.informant is None or informant == filters.informant)
            and (filters.group is None or group == filters.group)
            and (filters.technique is None or technique == filters.technique)
        ):
            allowed.add(n)
    return allowed


def _needs_codings(filters: _Filters) -> bool:
    return filters.codes is not None or filters.polarity is not None or filters.coded is not None


def _sentence_at(
    spans: Sequence[tuple[int, int, int, str, int, int]], offset: int
) -> tuple[int, int, int, str, int, int] | None:
    at = bisect_right(spans, (offset, 1 << 62)) - 1
    if at >= 0 and spans[at][0] <= offset < spans[at][1]:
        return spans[at]
    return None


def _passes(
    filters: _Filters, codings: Sequence[tuple[int, int, str, str]], span: tuple[int, int]
) -> bool:
    if not _needs_codings(filters):
        return True
    start, end = span
    overlapping = [c for c in codings[: bisect_left(codings, (end,))] if c[1] > start]
    if filters.coded is not None and bool(overlapping) != filters.coded:
        return False
    if filters.codes is not None or filters.polarity is not None:
        return any(
            (filters.codes is None or c[2] in filters.codes)
            and (filters.polarity is None or c[3] == filters.polarity)
            for c in overlapping
        )
    return True


def kwic(
    text: str,
    start: int,
    end: int,
    width: int = KWIC_WIDTH,
    bounds: tuple[int, int] | None = None,
) -> tuple[str, str, str]:
    """Return (left context, match, right context) on one line, cut at word boundaries."""
    low, high = bounds if bounds is not None else (0, len(text))
    left_from = max(low, start - width)
    left = text[left_from:start]
    if left_from > low and " " in left:
        left = "…" + left[left.index(" ") + 1 :]
    right_to = min(high, end + width)
    right = text[end:right_to]
    if right_to < high and " " in right:
        right = right[: right.rindex(" ")] + "…"
    flat = lambda s: " ".join(s.split()) if s.strip() else ""  # noqa: E731
    lead = " " if left[-1:].isspace() else ""
    trail = " " if right[:1].isspace() else ""
    return flat(left) + lead, flat(text[start:end]), trail + flat(right)


def code_hits(
    project, hits: Sequence[Hit], code_id: str, polarity: str, summary: str | None = None
) -> list[Coding]:
    """Code every hit's sentence as one event (interviewer text and existing codings skipped)."""
    from qualcode.core.coding.operations import NewCoding, add_codings
    from qualcode.core.coding.rules import check_code, normalise_polarity
    from qualcode.core.store import codings as codings_sql

    code_id = check_code(project, code_id)
    polarity = normalise_polarity(polarity)
    if not hits:
        raise CodingError(t("search.nothing_to_code"), t("search.nothing_to_code_hint"))
    store = project.store
    spans = _state(store, with_codings=False).sentences
    existing = {
        (c.source_id, c.start, c.end) for c in codings_sql.list_codings(store, code_ids=[code_id])
    }
    items: dict[tuple[int, int, int], NewCoding] = {}
    for hit in hits:
        sentence = _sentence_at(spans.get(hit.source_id, ()), hit.start)
        if sentence is None or sentence[3] == "interviewer":
            continue
        key = (hit.source_id, sentence[0], sentence[1])
        if key in existing or key in items:
            continue
        items[key] = NewCoding(
            hit.source_id, sentence[0], sentence[1], code_id, polarity, summary or ""
        )
    if not items:
        raise CodingError(t("search.nothing_to_code"), t("search.nothing_to_code_hint"))
    return add_codings(
        project,
        list(items.values()),
        action="search.code_hits",
        description=t("search.event_code_hits", n=len(items), code=code_id),
    )

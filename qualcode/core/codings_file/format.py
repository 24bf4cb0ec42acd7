"""The codings snapshot file (``codings.yaml``): its values, its YAML text, and its checks.

The file is git-friendly: one YAML document in block style, keys in a fixed order, sources by
path, codings by position, one field a line, so a diff shows exactly what a student changed.

    format: qualcode-codings
    version: 1
    project: <title>
    codebook: <codebook id>
    informants: [{code, pseudonym, role, group, category, attributes?}]
    sources: [{path, sha256, informant?, codings: [{id, start, end, quote, code, polarity,
               summary, memo?, coder, created, updated, status?, flag_reason?}],
               rejected?: [{start, end, code}]}]      # suggestions the student turned down
    memos: [{id, kind, target?, title?, body, author, created, updated}]
    conclusions?: [...]                               # these two: ``analysis``
    indicator_verdicts?: [...]
    reviews?: [{id, kind, target?, anchor?, mark?, state, origin?, author, role?, created,
                updated, messages: [{id, author, role?, body, created, origin?}]}]
    statement_merges?: [{id, state: accepted | rejected, text?, members: [coding id], author,
                         created}]                    # written only when there are any

Memos are written in the order they were made, so a rebuilt store numbers them as before.
A coding's ``id`` is the uid the store keeps, so a conclusion's evidence can name it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, is_dataclass, replace
from datetime import date, datetime
from typing import Any

from qualcode.core.records import (
    MERGE_STATES,
    Coding,
    Conclusion,
    IndicatorVerdict,
    Informant,
    Memo,
    ReviewMessage,
    ReviewThread,
    StatementMerge,
    file_fields,
)
from qualcode.core.store.review_sql import MARKS, STATES, TARGET_KINDS
from qualcode.errors import CodingError
from qualcode.i18n import t

FORMAT = "qualcode-codings"
VERSION = 1
MAX_LISTED = 25
MERGES_KEY = "statement_merges"

MAX_NUMBER = 2**31 - 1
"""Largest number a codings file may hold (a text offset never comes near it)."""

# Upgrades of older files, by the version they start from: each returns the next version's data.
UPGRADES: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {}


@dataclass(frozen=True, slots=True)
class SnapSource:
    """A source's codings, identified by the source's path (and its content hash)."""

    path: str
    sha256: str
    informant: str | None
    codings: tuple[Coding, ...]  # as the file holds them: no row id, source_id 0
    rejected: tuple[tuple[int, int, str], ...] = ()


@dataclass(frozen=True, slots=True)
class Snapshot:
    """A whole codings file, checked."""

    version: int
    project: str
    codebook: str
    sources: tuple[SnapSource, ...]
    memos: tuple[Memo, ...]  # as the file holds them: no row id
    informants: tuple[Informant, ...]  # as the file holds them: no row id
    conclusions: tuple[Conclusion, ...] | None = None  # None: the file has no such key
    indicator_verdicts: tuple[IndicatorVerdict, ...] | None = None
    reviews: tuple[ReviewThread, ...] | None = None  # as the file holds them: no row ids
    statement_merges: tuple[StatementMerge, ...] | None = None  # no row ids

    @property
    def coding_count(self) -> int:
        return sum(len(s.codings) for s in self.sources)


# -- writing ----------------------------------------------------------------------------------
def to_data(snapshot: Snapshot) -> dict[str, Any]:
    """Return the plain data of a snapshot in the file's key order (optional keys left out)."""
    data: dict[str, Any] = {
        "format": FORMAT,
        "version": VERSION,
        "project": snapshot.project,
        "codebook": snapshot.codebook,
        "informants": [record_data(i) for i in snapshot.informants],
        "sources": [_source_data(s) for s in snapshot.sources],
        "memos": [record_data(m) for m in snapshot.memos],
    }
    data.update(analysis_data(snapshot))
    data.update(reviews_data(snapshot))
    data.update(merges_data(snapshot))
    return data


def _source_data(s: SnapSource) -> dict[str, Any]:
    data: dict[str, Any] = {"path": s.path, "sha256": s.sha256}
    if s.informant:
        data["informant"] = s.informant
    data["codings"] = [record_data(c) for c in s.codings]
    if s.rejected:
        data["rejected"] = [{"start": a, "end": b, "code": code} for a, b, code in s.rejected]
    return data


def record_data(record: Any) -> dict[str, Any]:
    """A record as the file writes it: its keys in field order, optional ones left out when
    they hold their empty value."""
    data: dict[str, Any] = {}
    for f, key, meta in file_fields(type(record)):
        value = getattr(record, f.name)
        if not (meta["optional"] and value == meta["empty"]):
            if isinstance(value, tuple):
                value = [record_data(v) if is_dataclass(v) else v for v in value]
            elif isinstance(value, dict):
                value = dict(sorted(value.items()))
            data[key] = value
    return data


def dump(snapshot: Snapshot) -> str:
    """Return the YAML text of a snapshot: deterministic, block style, Unicode kept."""
    import yaml

    # libyaml's emitter writes the same text as the pure-Python one here, ~10x faster.
    class Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
        pass

    def text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
        style = "|" if "\n" in value and value == value.strip(" ") else None
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)

    Dumper.add_representer(str, text)
    return yaml.dump(
        to_data(snapshot),
        Dumper=Dumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=10_000,
        indent=2,
    )


# -- reading ----------------------------------------------------------------------------------
class Problems(list):
    """The problems found in a file, each a line naming where it is."""

    def add(self, where: str, message: str, **params: object) -> None:
        # keys: codings_io.{bad_choice,bad_span,entry_twice,evidence_item,not_mapping}
        # keys: codings_io.field_{int,list,mapping,missing,text}
        self.append(f"  {where}: {t(f'codings_io.{message}', **params)}")


def plain_text(value: Any) -> str:
    """Return a scalar as the text the file means (dates as ISO, nothing as empty)."""
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return "" if value is None else str(value)


def get_int(entry: dict, key: str, where: str, problems: Problems) -> int:
    """Return an entry's whole-number field (0, noted as a problem, when it is not one)."""
    value = entry.get(key)
    if isinstance(value, bool) or not isinstance(value, int):
        problems.add(where, "field_int", field=key, value=value)
        return 0
    if not -MAX_NUMBER <= value <= MAX_NUMBER:
        problems.append(
            f"  {where}: {key}: {t('safety.number_out_of_range', value=value, limit=MAX_NUMBER)}"
        )
        return 0
    return value


def get_str(entry: dict, key: str, where: str, problems: Problems, required: bool = False) -> str:
    """Return an entry's text field ("" when absent, or noted as a problem when not text)."""
    value = entry.get(key)
    if value is None:
        if required:
            problems.add(where, "field_missing", field=key)
        return ""
    if isinstance(value, (dict, list)):
        problems.add(where, "field_text", field=key)
        return ""
    return plain_text(value)


def get_list(data: dict, key: str, where: str, problems: Problems) -> list:
    """Return a list field ([] when absent, or noted as a problem when not a list)."""
    value = data.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        problems.add(where, "field_list", field=key)
        return []
    return value


def mappings(
    data: dict,
    key: str,
    problems: Problems,
    label: str = "",
    where: Callable[[int], str] | None = None,
) -> Iterator[tuple[str, dict]]:
    """Yield each mapping of a list field with its place (``label key[n]`` unless ``where``
    says otherwise); anything else in the list is noted as a problem."""
    prefix = f"{label} " if label else ""
    for n, item in enumerate(get_list(data, key, label or key, problems)):
        spot = where(n) if where else f"{prefix}{key}[{n}]"
        if isinstance(item, dict):
            yield spot, item
        else:
            problems.add(spot, "not_mapping")


def parse(text: str, filename: str) -> Snapshot:
    """Read and check a codings file; raise CodingError naming every problem (and the file)."""
    import yaml

    from qualcode.core.limits import load_yaml

    try:
        data = load_yaml(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f":{mark.line + 1}" if mark is not None else ""
        raise CodingError(
            t("codings_io.bad_yaml", file=f"{filename}{line}", error=getattr(exc, "problem", exc)),
            t("codings_io.not_ours_hint"),
        ) from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise CodingError(t("codings_io.not_ours", file=filename), t("codings_io.not_ours_hint"))
    version = data.get("version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise CodingError(t("codings_io.bad_version", file=filename, version=version))
    if version > VERSION:
        raise CodingError(
            t("codings_io.too_new", file=filename, version=version, supported=VERSION),
            t("codings_io.too_new_hint"),
        )
    while version < VERSION:
        step = UPGRADES.get(version)
        if step is None:
            raise CodingError(t("codings_io.bad_version", file=filename, version=version))
        data = step(data)
        version += 1
    return _check(data, filename)


def _check(data: dict, filename: str) -> Snapshot:
    problems = Problems()
    informants = [_informant(e, w, problems) for w, e in mappings(data, "informants", problems)]
    sources = [_source(e, w, problems) for w, e in mappings(data, "sources", problems)]
    memos = [_memo(e, w, problems) for w, e in mappings(data, "memos", problems)]
    conclusions, verdicts = read_analysis(data, problems)
    reviews = read_reviews(data, problems)
    statement_merges = read_merges(data, problems)
    seen: dict[str, str] = {}
    for src in sources:
        for c in src.codings:
            if c.uid and c.uid in seen:
                problems.append(
                    f"  {src.path}: {t('codings_io.uid_twice', id=c.uid, other=seen[c.uid])}"
                )
            seen[c.uid] = src.path
    if problems:
        raise problems_error(
            t("codings_io.invalid", file=filename, n=len(problems)),
            problems,
            t("codings_io.invalid_hint"),
        )
    return Snapshot(
        version=VERSION,
        project=plain_text(data.get("project")),
        codebook=plain_text(data.get("codebook")),
        sources=tuple(sources),
        memos=tuple(memos),
        informants=tuple(informants),
        conclusions=conclusions,
        indicator_verdicts=verdicts,
        reviews=reviews,
        statement_merges=statement_merges,
    )


def problems_error(message: str, problems: list[str], hint: str | None = None) -> CodingError:
    """Build one error listing problems (the first MAX_LISTED, then how many more)."""
    shown = list(problems[:MAX_LISTED])
    if len(problems) > MAX_LISTED:
        shown.append("  " + t("codings_io.more", n=len(problems) - MAX_LISTED))
    return CodingError(message + "\n" + "\n".join(shown), hint)


def _informant(entry: dict, where: str, problems: Problems) -> Informant:
    def attributes(values: dict[str, Any]) -> None:
        found = entry.get("attributes") or {}
        if not isinstance(found, dict):
            problems.add(where, "field_mapping", field="attributes")
            found = {}
        values["attributes"] = {str(k): plain_text(v) for k, v in found.items()}

    return read_record(Informant, entry, where, problems, {"id": 0}, after={"code": attributes})


def _source(entry: dict, where: str, problems: Problems) -> SnapSource:
    path = get_str(entry, "path", where, problems, required=True)
    label = path or where

    def nth(n: int) -> str:
        return f"{label} {t('codings_io.coding_n', n=n + 1)}"

    codings = [_coding(c, w, problems) for w, c in mappings(entry, "codings", problems, label, nth)]
    rejected = []
    for spot, item in mappings(entry, "rejected", problems, label):
        start, end = get_int(item, "start", spot, problems), get_int(item, "end", spot, problems)
        rejected.append((start, end, get_str(item, "code", spot, problems, required=True)))
    informant = get_str(entry, "informant", where, problems) or None
    sha = get_str(entry, "sha256", where, problems)
    return SnapSource(path, sha, informant, tuple(codings), tuple(rejected))


def read_record(
    cls: type,
    entry: dict,
    where: str,
    problems: Problems,
    given: dict[str, Any],
    after: dict[str, Callable[[dict[str, Any]], None]] | None = None,
) -> Any:
    """Read a record's file keys (those not ``given``); ``after[name]`` checks the values read
    so far right after that field, so problems are listed in the file's key order."""
    values = dict(given)
    for f, key, meta in file_fields(cls):
        if f.name in values:
            continue
        if f.type in ("int", int):
            values[f.name] = get_int(entry, key, where, problems)
        else:
            text = get_str(entry, key, where, problems, required=meta["required"])
            values[f.name] = text or meta["empty"]
        if after and f.name in after:
            after[f.name](values)
    return cls(**values)


def _coding(entry: dict, where: str, problems: Problems) -> Coding:
    uid = get_str(entry, "id", where, problems)
    if uid:
        where = f"{where} ({uid})"
    before = len(problems)

    def span(values: dict[str, Any]) -> None:
        start, end = values["start"], values["end"]
        if len(problems) == before and not 0 <= start < end:
            problems.add(where, "bad_span", start=start, end=end)

    given = {"id": 0, "uid": uid, "source_id": 0}
    return read_record(Coding, entry, where, problems, given, after={"end": span})


def _memo(entry: dict, where: str, problems: Problems) -> Memo:
    return read_record(Memo, entry, where, problems, {"id": 0})


# -- the analysis sections: writing ---------------------------------------------------------------
def analysis_data(snapshot: Snapshot) -> dict[str, Any]:
    """Return the plain data of the snapshot's analysis keys (those it lacks left out)."""
    data: dict[str, Any] = {}
    if snapshot.conclusions is not None:
        data["conclusions"] = [record_data(c) for c in snapshot.conclusions]
    if snapshot.indicator_verdicts is not None:
        data["indicator_verdicts"] = [record_data(v) for v in snapshot.indicator_verdicts]
    return data


# -- the analysis sections: reading ---------------------------------------------------------------
def read_analysis(
    data: dict, problems: Problems
) -> tuple[tuple[Conclusion, ...] | None, tuple[IndicatorVerdict, ...] | None]:
    """Read the conclusions and indicator verdicts (None for a key the file lacks)."""
    return (
        _keyed(data, "conclusions", _conclusion, problems),
        _keyed(data, "indicator_verdicts", _verdict, problems),
    )


def _keyed(
    data: dict, key: str, read: Callable[[dict, str, Problems], Any], problems: Problems
) -> tuple | None:
    """Read an optional list holding one entry per id (None when the file has no such key)."""
    if key not in data:
        return None
    entries: dict[str, Any] = {}
    places: dict[str, str] = {}
    for where, entry in mappings(data, key, problems):
        item = read(entry, where, problems)
        ident = item.dimension_id if isinstance(item, Conclusion) else item.indicator_id
        if not ident:
            continue
        if ident in places:
            problems.add(f"{where} ({ident})", "entry_twice", id=ident, other=places[ident])
            continue
        places[ident] = where
        entries[ident] = item
    return tuple(entries.values())


def _conclusion(entry: dict, where: str, problems: Problems) -> Conclusion:
    dimension = get_str(entry, "dimension", where, problems, required=True)
    if dimension:
        where = f"{where} ({dimension})"
    evidence: list[str] = []
    for item in get_list(entry, "evidence", where, problems):
        if item is None or isinstance(item, (dict, list)):
            problems.add(where, "evidence_item", value=item)
        else:
            evidence.append(plain_text(item))
    given = {"dimension_id": dimension, "evidence": tuple(dict.fromkeys(evidence))}
    read = read_record(Conclusion, entry, where, problems, given)
    return replace(read, verdict=" ".join(read.verdict.split()), statement=read.statement.strip())


def _verdict(entry: dict, where: str, problems: Problems) -> IndicatorVerdict:
    indicator = get_str(entry, "indicator", where, problems, required=True)
    if indicator:
        where = f"{where} ({indicator})"
    read = read_record(IndicatorVerdict, entry, where, problems, {"indicator_id": indicator})
    return replace(read, verdict=" ".join(read.verdict.split()), note=read.note.strip())


# -- the reviews section: writing and reading ------------------------------------------------------
def reviews_data(snapshot: Snapshot) -> dict[str, Any]:
    """Return the plain data of the reviews key (left out when the snapshot has none)."""
    if snapshot.reviews is None or not snapshot.reviews:
        return {}
    return {"reviews": [record_data(th) for th in snapshot.reviews]}


# -- reading ----------------------------------------------------------------------------------
def read_reviews(data: dict, problems: Problems) -> tuple[ReviewThread, ...] | None:
    """Read the reviews key (None when the file has none), noting what is wrong."""
    if "reviews" not in data:
        return None
    seen: set[str] = set()
    out = []
    for where, entry in mappings(data, "reviews", problems):
        th = _thread(entry, where, problems)
        if th.uid in seen:
            problems.add(where, "entry_twice", id=th.uid, other="reviews")
            continue
        seen.add(th.uid)
        out.append(th)
    return tuple(out)


def _one_of(
    cls: type, name: str, key: str, choices: tuple[str, ...], where: str, problems: Problems
) -> Callable[[dict[str, Any]], None]:
    """A ``read_record`` check: the field must hold one of ``choices`` (else it is noted and
    takes the value an empty entry means)."""
    empty = next(meta["empty"] for f, _, meta in file_fields(cls) if f.name == name)

    def check(values: dict[str, Any]) -> None:
        if values[name] not in choices:
            problems.add(
                where, "bad_choice", field=key, value=values[name], choices=", ".join(choices)
            )
            values[name] = empty

    return check


def _thread(entry: dict, where: str, problems: Problems) -> ReviewThread:
    uid = get_str(entry, "id", where, problems, required=True)
    where = f"{where} ({uid})" if uid else where
    messages = [
        read_record(ReviewMessage, m, spot, problems, {"id": 0, "thread_uid": uid})
        for spot, m in mappings(entry, "messages", problems, where)
    ]

    after = {
        "target_kind": _one_of(ReviewThread, "target_kind", "kind", TARGET_KINDS, where, problems),
        "mark": _one_of(ReviewThread, "mark", "mark", ("", *MARKS), where, problems),
        "state": _one_of(ReviewThread, "state", "state", STATES, where, problems),
    }
    given = {"id": 0, "uid": uid, "messages": tuple(messages)}
    return read_record(ReviewThread, entry, where, problems, given, after=after)


# -- the statement merges section ------------------------------------------------------------
def merges_data(snapshot: Snapshot) -> dict[str, Any]:
    """The plain data of the section (nothing when there are no merge decisions)."""
    if not snapshot.statement_merges:
        return {}
    return {MERGES_KEY: [record_data(m) for m in snapshot.statement_merges]}


def read_merges(data: dict, problems: Problems) -> tuple[StatementMerge, ...] | None:
    """Read the section (None when the file has no such key)."""
    if MERGES_KEY not in data:
        return None
    found: dict[str, StatementMerge] = {}
    places: dict[str, str] = {}
    for where, entry in mappings(data, MERGES_KEY, problems):
        uid = get_str(entry, "id", where, problems, required=True)
        members = [
            plain_text(item)
            for item in get_list(entry, "members", where, problems)
            if item is not None and not isinstance(item, (dict, list))
        ]
        given = {"id": 0, "uid": uid, "members": tuple(dict.fromkeys(members))}
        check = {"state": _one_of(StatementMerge, "state", "state", MERGE_STATES, where, problems)}
        read = read_record(StatementMerge, entry, where, problems, given, after=check)
        if uid in found:
            problems.add(where, "entry_twice", id=uid, other=places[uid])
        elif uid:
            places[uid] = where
            found[uid] = replace(read, text=" ".join(read.text.split()))
    return tuple(found.values())

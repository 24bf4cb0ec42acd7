"""Transcript file to ParsedSource: read, decode, metadata, turns, sentences. No database."""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import os
from collections.abc import Mapping
from pathlib import Path

from qualcode.core.ingest.decode import decode_bytes, normalise_text, require_content
from qualcode.core.ingest.frontmatter import split_front_matter
from qualcode.core.ingest.lines import LineHint
from qualcode.core.ingest.meta import (
    MetaLayer,
    informant_from_filename,
    resolve_meta,
    technique_from_filename,
)
from qualcode.core.ingest.model import (
    MAX_BYTES,
    SUPPORTED_SUFFIXES,
    ParsedSentence,
    ParsedSource,
    ParsedTurn,
    SourceMeta,
)
from qualcode.core.ingest.sentences import SentenceSegmenter
from qualcode.core.ingest.turns import TurnScan, find_turns
from qualcode.errors import IngestError
from qualcode.i18n import t

ANSWER_SPEAKER = "Informan"
"""Speaker of unlabelled answers ("Jawab:") when the informant's name and code are unknown."""

_SUPPORTED = ", ".join(SUPPORTED_SUFFIXES)


@functools.lru_cache(maxsize=1)
def default_segmenter() -> SentenceSegmenter:
    """The shared segmenter used when the caller passes none (its rules load on first use)."""
    return SentenceSegmenter()


def parse_file(
    path: Path | str,
    *,
    max_bytes: int = MAX_BYTES,
    segmenter: SentenceSegmenter | None = None,
    meta_hint: Mapping[str, str] | None = None,
    label: str | None = None,
) -> ParsedSource:
    """Read a .txt, .md or .docx transcript into a ParsedSource; IngestError names the file.

    Messages name the file by ``label`` when given (e.g. its project-relative path), else by
    the path exactly as passed.
    """
    name = label or os.fspath(path)
    path = Path(path)
    data = _read(path, name, max_bytes)
    sha256 = hashlib.sha256(data).hexdigest()
    if path.suffix.lower() == ".docx":
        from qualcode.core.ingest.docx_reader import read_docx

        content = read_docx(data, name)
        require_content(content.text, name)
        identity = MetaLayer().add_all(content.identity)
        return _parse(
            content.text,
            name=name,
            stem=path.stem,
            sha256=sha256,
            encoding="docx",
            meta_hint=meta_hint,
            segmenter=segmenter,
            hints=content.hints,
            identity=identity,
        )
    text, encoding = decode_bytes(data, name)
    return _parse(
        text,
        name=name,
        stem=path.stem,
        sha256=sha256,
        encoding=encoding,
        meta_hint=meta_hint,
        segmenter=segmenter,
    )


def parse_text(
    text: str,
    *,
    filename: str = "<text>",
    meta_hint: Mapping[str, str] | None = None,
    segmenter: SentenceSegmenter | None = None,
) -> ParsedSource:
    """Parse already-decoded .txt/.md text; ``meta_hint`` fills what the text does not say."""
    sha256 = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    return _parse(
        text,
        name=filename,
        stem=Path(filename).stem,
        sha256=sha256,
        encoding="utf-8",
        meta_hint=meta_hint,
        segmenter=segmenter,
    )


def _read(path: Path, name: str, max_bytes: int) -> bytes:
    suffix = path.suffix.lower()
    if suffix == ".doc":
        raise IngestError(t("ingest_errors.old_doc", name=name), t("ingest_errors.old_doc_hint"))
    if suffix not in SUPPORTED_SUFFIXES:
        kind = (
            t("ingest_errors.unsupported_suffix", suffix=suffix)
            if suffix
            else t("ingest_errors.unsupported_no_suffix")
        )
        raise IngestError(
            t("ingest_errors.unsupported", name=name, kind=kind),
            t("ingest_errors.unsupported_hint", supported=_SUPPORTED),
        )
    try:
        if path.is_dir():
            raise IngestError(
                t("ingest_errors.folder", name=name),
                t("ingest_errors.folder_hint", supported=_SUPPORTED),
            )
        size = path.stat().st_size
        if size > max_bytes:
            raise _too_large(name, size, max_bytes)
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except FileNotFoundError:
        raise IngestError(
            t("ingest_errors.not_found", name=name), t("ingest_errors.not_found_hint")
        ) from None
    except PermissionError:
        raise IngestError(
            t("ingest_errors.permission", name=name), t("ingest_errors.permission_hint")
        ) from None
    except OSError as exc:
        raise IngestError(
            t("ingest_errors.unreadable", name=name, reason=exc.strerror or exc)
        ) from None
    if len(data) > max_bytes:
        raise _too_large(name, len(data), max_bytes)
    return data


def _too_large(name: str, size: int, limit: int) -> IngestError:
    return IngestError(
        t("ingest_errors.too_large", name=name, size=_size(size), limit=_size(limit)),
        t("ingest_errors.too_large_hint"),
    )


def _size(count: int) -> str:
    """A file size as people read it: 1,000 bytes or 20.0 MiB (Indonesian: 1.000 byte)."""
    if count < 1024 * 1024:
        grouped = f"{count:,}"
        return t("ingest_errors.size_bytes", bytes_en=grouped, bytes_id=grouped.replace(",", "."))
    mib = f"{count / (1024 * 1024):.1f}"
    return t("ingest_errors.size_mib", mib_en=mib, mib_id=mib.replace(".", ","))


def _parse(
    text: str,
    *,
    name: str,
    stem: str,
    sha256: str,
    encoding: str,
    meta_hint: Mapping[str, str] | None,
    segmenter: SentenceSegmenter | None,
    hints: dict[int, LineHint] | None = None,
    identity: MetaLayer | None = None,
) -> ParsedSource:
    from qualcode.core.limits import check_text_length

    check_text_length(text, name)
    if hints is None:
        text = normalise_text(text)
        require_content(text, name)
        pairs, text = split_front_matter(text, name)
        require_content(text, name)
        declared = [MetaLayer().add_all(pairs)]
    else:
        declared = [identity or MetaLayer()]
    hint = MetaLayer().add_all((meta_hint or {}).items())
    from_name = MetaLayer()
    if (code := informant_from_filename(stem)) is not None:
        from_name.fields["informant"] = code
    if (technique := technique_from_filename(stem)) is not None:
        from_name.fields["technique"] = technique

    guess = resolve_meta([*declared, hint, from_name]).technique
    scan = find_turns(text, notes=guess != "wawancara", hints=hints)
    header = MetaLayer().add_all(scan.header)
    layers = [*declared, header, hint, from_name]
    if resolve_meta(layers).technique != guess:
        scan = find_turns(text, notes=guess == "wawancara", hints=hints)
        header = MetaLayer().add_all(scan.header)
        layers = [*declared, header, hint, from_name]
    from_title = MetaLayer()
    if scan.title and (code := informant_from_filename(scan.title)) is not None:
        from_title.fields["informant"] = code
    meta = resolve_meta([*layers, from_title], fallback_title=scan.title)

    warnings = [w for layer in (*declared, header, hint) for w in layer.warnings]
    warnings.extend(scan.warnings)
    if meta.informant is None and meta.technique == "wawancara":
        warnings.append(t("ingest_errors.warn_no_informant"))
    turns = _name_answers(scan, meta)
    return ParsedSource(
        text=scan.text,
        turns=turns,
        sentences=_sentences(scan.text, turns, segmenter or default_segmenter()),
        meta=meta,
        sha256=sha256,
        encoding=encoding,
        warnings=tuple(warnings),
    )


def _name_answers(scan: TurnScan, meta: SourceMeta) -> tuple[ParsedTurn, ...]:
    """Give "Jawab:" answers and unlabelled text the informant's name, code or "Informan"."""
    if not scan.answers:
        return tuple(scan.turns)
    label = meta.name or meta.informant or ANSWER_SPEAKER
    return tuple(
        dataclasses.replace(turn, speaker=label) if index in scan.answers else turn
        for index, turn in enumerate(scan.turns)
    )


def _sentences(
    text: str, turns: tuple[ParsedTurn, ...], segmenter: SentenceSegmenter
) -> tuple[ParsedSentence, ...]:
    spans = segmenter.segment_many([text[turn.start : turn.end] for turn in turns])
    return tuple(
        ParsedSentence(turn=index, start=turn.start + start, end=turn.start + end)
        for index, (turn, found) in enumerate(zip(turns, spans, strict=True))
        for start, end in found
    )

"""Export a project's displays to files: which tables, which names, which folder.

Shared by the CLI (``qualcode export``) and the TUI: choose tables with ``parse_selection``,
then ``export_displays`` builds them, writes them under ``exports/`` (or ``out``), and returns
what it wrote. The project is only read.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from qualcode.core.store.analysis import coding_count
from qualcode.core.table import Table
from qualcode.errors import DisplayError, ExportError
from qualcode.export.chapter import thesis_tables
from qualcode.export.common import ExportOptions, slug
from qualcode.export.files import FORMATS, Written, check_folder, save
from qualcode.i18n import LANGUAGES, has, t

SUFFIXES = {fmt: f".{fmt}" for fmt in FORMATS}
# Options that make a different table rather than another view of the same one: the default
# export writes one table per choice (triangulation by technique and by group).
SPLIT_OPTIONS = ("by",)
# The displays whose cells are condensed statements: the DOCX appendix of quotes covers these
# when every table is exported (a chosen set gets the appendix for each chosen table).
STATEMENT_KINDS = ("informant-dimension", "findings", "factors", "efforts")


@dataclass(frozen=True, slots=True)
class ExportResult:
    """What an export wrote, and the displays it left out (each with the reason)."""

    written: tuple[Written, ...]
    skipped: tuple[tuple[TableRequest, str], ...] = ()


@dataclass(frozen=True, slots=True)
class TableRequest:
    """One display to export: its kind and the options it is built with."""

    kind: str
    options: tuple[tuple[str, str], ...] = ()

    @property
    def file_stem(self) -> str:
        """The file name of this table alone: "matriks-faktor", "triangulasi-group"…"""
        # keys: export.file_{informants,findings}?
        # keys: export.file_{informant_dimension,factors,efforts,indicators,triangulation}?
        # keys: export.file_{frequency,cooccurrence,contrast,quotes,conclusions}?
        key = f"export.file_{self.kind.replace('-', '_')}"
        stem = t(key) if has(key) else slug(self.kind)
        return "-".join([stem, *(_value_name(value) for _name, value in self.options)])


def _value_name(value: str) -> str:
    """An option value as a file name part, in the active language ("group" → "kelompok")."""
    # keys: export.file_value_{technique,group,summary,count,dimension,indicator}?
    key = f"export.file_value_{slug(value).replace('-', '_')}"
    return t(key) if has(key) else slug(value)


def _specs() -> dict[str, Any]:
    from qualcode.core.displays import DISPLAYS

    return DISPLAYS


def default_selection() -> list[TableRequest]:
    """The tables of chapter IV, in the order the chapter presents them (``chapter.CHAPTER``)."""
    from qualcode.export.chapter import CHAPTER

    return [TableRequest(kind, options) for kind, options in CHAPTER]


def all_selection() -> list[TableRequest]:
    """The chapter's tables, then every other display in pipeline order (a display with a "by"
    option once per choice)."""
    out = default_selection()
    for kind, spec in _specs().items():
        split = [name for name in spec.options if name in SPLIT_OPTIONS and spec.choices_of(name)]
        if split:
            name = split[0]
            more = [TableRequest(kind, ((name, value),)) for value in spec.choices_of(name)]
        else:
            more = [TableRequest(kind)]
        out.extend(request for request in more if request not in out)
    return out


def parse_selection(text: str | None) -> list[TableRequest]:
    """Parse "factors,triangulation:group,quotes:informant=I3" into requests (None: the
    chapter's tables; "all": every display).

    After a colon comes either a value of the kind's one option with fixed choices, or
    ``option=value`` pairs separated by ";". Unknown kinds and options are refused here,
    before the project is opened.
    """
    if text is None or not text.strip():
        return default_selection()
    if text.strip().lower() == "all":
        return all_selection()
    specs = _specs()
    out: list[TableRequest] = []
    for part in (p.strip() for p in text.split(",")):
        if not part:
            continue
        kind, _, rest = part.partition(":")
        kind = kind.strip()
        spec = specs.get(kind)
        if spec is None:
            raise DisplayError(
                t("export.unknown_kind", kind=kind),
                t("export.known_kinds", kinds=", ".join(specs)),
            )
        options: list[tuple[str, str]] = []
        for item in (i.strip() for i in rest.split(";") if i.strip()):
            name, eq, value = item.partition("=")
            if not eq:
                fixed = [n for n in spec.options if spec.choices_of(n)]
                if len(fixed) != 1:
                    raise DisplayError(
                        t("export.bad_table_option", spec=part),
                        t("export.table_option_hint", options=", ".join(spec.options) or "—"),
                    )
                name, value = fixed[0], item
            options.append((name.strip(), value.strip()))
        out.append(TableRequest(kind, tuple(options)))
    return out


def build_tables(
    project: Any, requests: Sequence[TableRequest], *, skip_failed: bool
) -> tuple[list[tuple[TableRequest, Table]], list[tuple[TableRequest, str]]]:
    """Build the requested displays. With ``skip_failed`` a display that cannot be made is left
    out and returned with its reason (the first failure is raised when none can be made)."""
    from qualcode.core.displays import build_display

    built: list[tuple[TableRequest, Table]] = []
    skipped: list[tuple[TableRequest, str]] = []
    first_error: DisplayError | None = None
    for request in requests:
        try:
            built.append((request, build_display(project, request.kind, **dict(request.options))))
        except DisplayError as exc:
            if not skip_failed:
                raise
            first_error = first_error or exc
            skipped.append((request, exc.message))
    if not built and first_error is not None:
        raise first_error
    return built, skipped


def anchor_tables(project: Any) -> list[Table]:
    """The tables a DOCX export of the project may hold, as written (every display, raw and in
    the thesis's wording in each language), so a comment made in Word finds its cell again."""
    built, _skipped = build_tables(project, all_selection(), skip_failed=True)
    raw = [table for _request, table in built]
    out = list(raw)
    for lang in LANGUAGES:
        out += thesis_tables(raw, ExportOptions(lang=lang))
    return out


def quote_lookup_for(project: Any) -> Callable[[Sequence[int]], list]:
    """Return the quote lookup the DOCX appendix uses, reading the project's store."""
    from qualcode.core.store.quote_refs import quote_refs

    return lambda ids: quote_refs(project.store, ids)


def _target(out: Path | None, default_folder: Path, stem: str, suffix: str) -> tuple[Path, bool]:
    """Return (path, chosen): ``out`` as a folder or a file (suffix added), else the default."""
    if out is None:
        return default_folder / f"{stem}{suffix}", False
    out = Path(out)
    if out.is_dir():
        return out / f"{stem}{suffix}", False
    if out.suffix.lower() != suffix:
        out = out.with_name(out.name + suffix)
    return out, True


def export_displays(
    project: Any,
    fmt: str,
    requests: Sequence[TableRequest] | None,
    options: ExportOptions,
    out: Path | None = None,
    force: bool = False,
) -> ExportResult:
    """Build the requested displays (all when None) and write them as ``fmt`` files.

    Exporting every display of a project without codings is refused (the tables would be
    empty); a display that cannot be made is then left out and reported in ``skipped``.
    """
    if fmt not in SUFFIXES:
        raise ExportError(t("export.unknown_format", fmt=fmt), ", ".join(SUFFIXES))
    explicit = requests is not None
    requests = list(requests) if requests is not None else default_selection()
    folder = project.paths.exports
    if out is None:
        _make_folder(folder)
        check_folder(folder)
    elif fmt == "csv" and not Path(out).exists() and Path(out).suffix.lower() != ".csv":
        # CSV writes a file a table: a new name without ".csv" is the folder to make for them.
        check_folder(_existing_parent(Path(out)))
        _make_folder(Path(out), parents=True)
    elif not Path(out).is_dir():
        check_folder(Path(out).parent)
    if not explicit and coding_count(project.store) == 0:
        raise DisplayError(t("export.no_codings"), t("export.no_codings_hint"))
    built, skipped = build_tables(project, requests, skip_failed=not explicit)
    tables = thesis_tables([table for _request, table in built], options)
    if fmt == "csv":
        written = _write_csv([r for r, _t in built], tables, options, out, folder, force)
        return ExportResult(tuple(written), tuple(skipped))
    stem = built[0][0].file_stem if len(built) == 1 else t("export.all_tables_name")
    if fmt == "html" and not explicit:
        stem = t("html_report.file_stem")
    path, chosen = _target(out, folder, stem, SUFFIXES[fmt])
    if fmt == "docx":
        from qualcode.export.docx import docx_bytes

        lookup = quote_lookup_for(project) if options.quotes else None
        data = docx_bytes(tables, options, lookup, None if explicit else STATEMENT_KINDS)
    elif fmt == "html":
        from qualcode.export.html_report import LEFT_OUT, html_report

        shown = tables if explicit else [tb for tb in tables if tb.kind not in LEFT_OUT]
        data = html_report(project, shown).encode("utf-8")
    elif fmt == "xlsx":
        from qualcode.export.tables import xlsx_bytes

        data = xlsx_bytes(tables, options)
    else:
        from qualcode.export.tables import markdown_bytes

        data = markdown_bytes(tables, options)
    return ExportResult((save(path, data, force=force, chosen=chosen),), tuple(skipped))


def _write_csv(
    requests: list[TableRequest],
    tables: list[Table],
    options: ExportOptions,
    out: Path | None,
    folder: Path,
    force: bool,
) -> list[Written]:
    """Write one CSV file per table (``out`` must then be a folder unless there is one table)."""
    from qualcode.export.tables import csv_bytes

    if out is not None and not Path(out).is_dir() and len(tables) > 1:
        raise ExportError(t("export.csv_needs_folder", path=out), t("export.csv_needs_folder_hint"))
    written = []
    for index, (request, table) in enumerate(zip(requests, tables, strict=True)):
        path, chosen = _target(out, folder, request.file_stem, ".csv")
        data = csv_bytes(table, options, index)
        written.append(save(path, data, force=force, chosen=chosen))
    return written


def _existing_parent(path: Path) -> Path:
    """The nearest existing folder above ``path`` (where a new folder would be made)."""
    parent = path.parent
    while not parent.exists() and parent != parent.parent:
        parent = parent.parent
    return parent


def _make_folder(folder: Path, parents: bool = False) -> None:
    """Make an export folder that is missing (its parent must exist unless ``parents``)."""
    if folder.exists() or not (parents or folder.parent.is_dir()):
        return
    try:
        folder.mkdir(parents=parents)
    except OSError as exc:
        raise ExportError(
            t("export.cannot_write", path=folder, error=exc.strerror or exc),
            t("export.folder_readonly_hint"),
        ) from None

"""Coding commands: code, uncode, coding edit/show, codings list/export/import."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from qualcode.cli.base import echo_json, err, main, open_project, out, with_project_option
from qualcode.errors import CodingError
from qualcode.i18n import t

POLARITY_CHOICE = click.Choice(
    ["pendukung", "penghambat", "netral", "supporting", "inhibiting", "neutral"]
)


def resolve_source(store, ref: str):
    """Return the one source a user's reference names (id, file, stem, informant) or raise."""
    from qualcode.core.store.sources import find_sources

    found = find_sources(store, ref)
    if not found:
        raise CodingError(t("cli_coding.no_source", ref=ref), t("cli_coding.no_source_hint"))
    if len(found) > 1:
        names = ", ".join(s.path for s in found)
        raise CodingError(
            t("cli_coding.ambiguous_source", ref=ref, names=names), t("cli_coding.ambiguous_hint")
        )
    return found[0]


def coding_json(coding, source_path: str | None = None) -> dict:
    """Return a coding as plain data for --json output."""
    data = {
        "id": coding.id,
        "uid": coding.uid,
        "source_id": coding.source_id,
        "start": coding.start,
        "end": coding.end,
        "code": coding.code_id,
        "polarity": coding.polarity,
        "summary": coding.summary,
        "memo": coding.memo,
        "quote": coding.quote,
        "coder": coding.coder,
        "created": coding.created_at,
        "updated": coding.updated_at,
        "status": coding.status,
        "flag_reason": coding.flag_reason,
    }
    if source_path is not None:
        data = {"source": source_path, **data}
    return data


def _parse_span(value: str) -> tuple[int, int]:
    start, sep, end = value.partition(":")
    if not sep or not start.strip().isdigit() or not end.strip().isdigit():
        raise CodingError(t("cli_coding.bad_span", value=value), t("cli_coding.bad_span_hint"))
    return int(start), int(end)


def _report(coding, where: str, verb: str) -> None:
    err().print(
        t(
            f"cli_coding.{verb}",
            id=coding.id,
            code=coding.code_id,
            where=where,
            polarity=coding.polarity,
        ),
        markup=False,
        highlight=False,
    )


@main.command("code", help=t("cli_coding.code_help"))
@click.argument("source")
@click.argument("code")
@click.option("--sentence", type=int, default=None, metavar="N", help=t("cli_coding.opt_sentence"))
@click.option("--turn", type=int, default=None, metavar="N", help=t("cli_coding.opt_turn"))
@click.option("--span", default=None, metavar="START:END", help=t("cli_coding.opt_span"))
@click.option(
    "--polarity",
    "-p",
    type=POLARITY_CHOICE,
    default="netral",
    show_default=True,
    help=t("cli_coding.opt_polarity"),
)
@click.option("--summary", "-s", default="", help=t("cli_coding.opt_summary"))
@click.option("--memo", "-m", default="", help=t("cli_coding.opt_memo"))
@click.option("--force", is_flag=True, help=t("cli_coding.opt_force"))
@click.option("--json", "as_json", is_flag=True, help=t("cli.opt_json"))
@with_project_option
def code_cmd(source, code, sentence, turn, span, polarity, summary, memo, force, as_json) -> None:
    from qualcode.core import coding as ops

    given = [
        name
        for name, value in (("--sentence", sentence), ("--turn", turn), ("--span", span))
        if value is not None
    ]
    if len(given) != 1:
        raise CodingError(
            t("cli_coding.one_unit", given=", ".join(given) or "—"), t("cli_coding.one_unit_hint")
        )
    with open_project() as project:
        src = resolve_source(project.store, source)
        kw = {"polarity": polarity, "summary": summary, "memo": memo, "force": force}
        if sentence is not None:
            made = ops.code_sentence(project, src.id, sentence, code, **kw)
        elif turn is not None:
            made = ops.code_turn(project, src.id, turn, code, **kw)
        else:
            start, end = _parse_span(span)
            made = ops.add_coding(project, src.id, start, end, code, **kw)
        where = ops.place(project.store, made.source_id, made.start, made.end)
    if as_json:
        echo_json(coding_json(made, src.path))
    else:
        click.echo(made.id)
    _report(made, where, "coded")


@main.command("uncode", help=t("cli_coding.uncode_help"))
@click.argument("coding_ids", nargs=-1, required=True, metavar="CODING_ID...")
@with_project_option
def uncode_cmd(coding_ids: tuple[str, ...]) -> None:
    from qualcode.core import coding as ops

    with open_project() as project:
        if len(coding_ids) == 1:
            found = ops.get_coding(project.store, coding_ids[0])
            where = ops.place(project.store, found.source_id, found.start, found.end)
            ops.remove_coding(project, found.id)
            _report(found, where, "removed")
            return
        n = ops.remove_codings(project, list(coding_ids))
    err().print(t("cli_coding.removed_many", n=n), markup=False)


@main.group("coding", help=t("cli_coding.coding_help"))
def coding_group() -> None:
    pass


@coding_group.command("edit", help=t("cli_coding.edit_help"))
@click.argument("coding_id")
@click.option("--code", "code_id", default=None, help=t("cli_coding.opt_code"))
@click.option(
    "--polarity", "-p", type=POLARITY_CHOICE, default=None, help=t("cli_coding.opt_polarity")
)
@click.option("--summary", "-s", default=None, help=t("cli_coding.opt_summary"))
@click.option("--memo", "-m", default=None, help=t("cli_coding.opt_memo"))
@click.option("--span", default=None, metavar="START:END", help=t("cli_coding.opt_span"))
@click.option(
    "--status",
    type=click.Choice(["ok", "flagged", "reviewed"]),
    default=None,
    help=t("cli_coding.opt_status"),
)
@click.option("--force", is_flag=True, help=t("cli_coding.opt_force"))
@click.option("--json", "as_json", is_flag=True, help=t("cli.opt_json"))
@with_project_option
def edit_cmd(coding_id, code_id, polarity, summary, memo, span, status, force, as_json) -> None:
    from qualcode.core import coding as ops

    start = end = None
    if span is not None:
        start, end = _parse_span(span)
    with open_project() as project:
        before = ops.get_coding(project.store, coding_id)
        after = ops.update_coding(
            project,
            before.id,
            code_id=code_id,
            polarity=polarity,
            summary=summary,
            memo=memo,
            start=start,
            end=end,
            status=status,
            force=force,
        )
        where = ops.place(project.store, after.source_id, after.start, after.end)
    if as_json:
        echo_json(coding_json(after))
    _report(after, where, "edited" if after != before else "unchanged")


@coding_group.command("show", help=t("cli_coding.show_help"))
@click.argument("coding_id")
@click.option("--json", "as_json", is_flag=True, help=t("cli.opt_json"))
@with_project_option
def show_cmd(coding_id: str, as_json: bool) -> None:
    from qualcode.core import coding as ops
    from qualcode.core.store.sources import source_by_id

    with open_project(readonly=True) as project:
        found = ops.get_coding(project.store, coding_id)
        src = source_by_id(project.store, found.source_id)
        where = ops.place(project.store, found.source_id, found.start, found.end)
        label = (
            project.codebook.path_label(found.code_id)
            if project.codebook.has(found.code_id)
            else found.code_id
        )
    if as_json:
        echo_json(coding_json(found, src.path if src else None))
        return
    rows = [
        ("id", f"{found.id} ({found.uid})"),
        ("where", f"{where} — {src.path if src else '?'} [{found.start}:{found.end}]"),
        ("code", f"{found.code_id} — {label}"),
        ("polarity", found.polarity),
        ("summary", found.summary),
        ("memo", found.memo),
        ("quote", found.quote),
        ("coder", f"{found.coder} ({found.created_at} / {found.updated_at})"),
        ("status", found.status + (f" — {found.flag_reason}" if found.flag_reason else "")),
    ]
    console = out()
    for key, value in rows:
        console.print(f"[bold]{t(f'cli_coding.col_{key}')}:[/] ", end="")
        console.print(value, markup=False, highlight=False)


@main.group("codings", help=t("cli_coding.codings_help"))
def codings_group() -> None:
    pass


@codings_group.command("list", help=t("cli_coding.list_help"))
@click.option("--source", "source_ref", default=None, help=t("cli_coding.opt_source"))
@click.option("--code", "codes", multiple=True, help=t("cli_coding.opt_code_filter"))
@click.option("--informant", multiple=True, help=t("cli_coding.opt_informant"))
@click.option(
    "--polarity",
    "-p",
    type=POLARITY_CHOICE,
    multiple=True,
    help=t("cli_coding.opt_polarity_filter"),
)
@click.option(
    "--status",
    type=click.Choice(["ok", "flagged", "reviewed"]),
    multiple=True,
    help=t("cli_coding.opt_status"),
)
@click.option("--group", multiple=True, help=t("cli_coding.opt_group"))
@click.option(
    "--technique",
    type=click.Choice(["wawancara", "observasi", "dokumentasi"]),
    multiple=True,
    help=t("cli_coding.opt_technique"),
)
@click.option("--json", "as_json", is_flag=True, help=t("cli.opt_json"))
@with_project_option
def list_cmd(source_ref, codes, informant, polarity, status, group, technique, as_json) -> None:
    from qualcode.core import coding as ops
    from qualcode.core.store.sources import sources

    with open_project(readonly=True) as project:
        code_ids = None
        if codes:
            code_ids = []
            for code in codes:
                if not project.codebook.has(code):
                    ops.check_code(project, code)  # raises, naming close matches
                code_ids.append(code)
                code_ids.extend(_descendants(project.codebook, code))
        found = ops.list_codings(
            project.store,
            source_id=resolve_source(project.store, source_ref).id if source_ref else None,
            code_ids=code_ids,
            informant=list(informant) or None,
            polarity=[ops.normalise_polarity(p) for p in polarity] or None,
            status=list(status) or None,
            group=list(group) or None,
            technique=list(technique) or None,
        )
        paths = {s.id: s.path for s in sources(project.store, with_text=False)}
        places = ops.places(project.store, found)
    if as_json:
        echo_json([coding_json(c, paths.get(c.source_id)) for c in found])
        return
    _print_table(found, places)
    err().print(t("cli_coding.listed", n=len(found)), markup=False)


def _descendants(codebook, code_id: str) -> list[str]:
    kids = []
    for child in codebook.children(code_id):
        kids.append(child.id)
        kids.extend(_descendants(codebook, child.id))
    return kids


def _print_table(found, places) -> None:
    from rich.table import Table

    table = Table(show_lines=False, header_style="bold")
    for key in ("id", "where", "code", "polarity", "summary", "quote"):
        table.add_column(
            t(f"cli_coding.col_{key}"), overflow="fold", justify="right" if key == "id" else "left"
        )
    for c in found:
        flag = " ⚑" if c.status == "flagged" else ""
        quote = c.quote if len(c.quote) <= 80 else c.quote[:77] + "…"
        table.add_row(
            str(c.id),
            places[c.id] + flag,
            c.code_id,
            c.polarity,
            c.summary,
            quote.replace("\n", " "),
        )
    out().print(table)


@codings_group.command("export", help=t("cli_coding.export_help"))
@click.argument(
    "file", required=False, type=click.Path(path_type=Path, dir_okay=False, allow_dash=True)
)
@click.option("--force", is_flag=True, help=t("cli_coding.opt_overwrite"))
@with_project_option
def export_cmd(file: Path | None, force: bool) -> None:
    from qualcode.core import codings_io

    with open_project(readonly=True) as project:
        if file is not None and str(file) == "-":
            sys.stdout.write(codings_io.snapshot_text(project))
            return
        target = file if file is not None else project.paths.snapshot
        n = codings_io.export_codings(project, target, force=force)
    err().print(t("cli_coding.exported", n=n, file=target), markup=False)


@codings_group.command("import", help=t("cli_coding.import_help"))
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--replace", "replace_all", is_flag=True, help=t("cli_coding.opt_replace"))
@click.option("--json", "as_json", is_flag=True, help=t("cli.opt_json"))
@with_project_option
def import_cmd(file: Path, replace_all: bool, as_json: bool) -> None:
    from qualcode.core import codings_io

    with open_project() as project:
        report = codings_io.import_codings(
            project, file, mode="replace" if replace_all else "merge"
        )
    counts = {
        key: getattr(report, key)
        for key in (
            "added",
            "updated",
            "unchanged",
            "removed",
            "kept_newer",
            "skipped",
            "memos_added",
            "memos_updated",
            "memos_removed",
            "informants_changed",
        )
    }
    analysis = {
        key: getattr(report, key)
        for key in (
            "conclusions_added",
            "conclusions_updated",
            "conclusions_removed",
            "verdicts_added",
            "verdicts_updated",
            "verdicts_removed",
        )
    }
    if as_json:
        echo_json(
            {
                **counts,
                **analysis,
                "moved": [
                    {
                        "source": m.path,
                        "uid": m.uid,
                        "code": m.code,
                        "from": list(m.old),
                        "to": list(m.new),
                        "how": m.how,
                    }
                    for m in report.moved
                ],
                "flagged": [
                    {"source": m.path, "uid": m.uid, "code": m.code, "quote": m.quote}
                    for m in report.flagged
                ],
                "warnings": report.warnings,
            }
        )
    console = err()
    for warning in report.warnings:
        console.print(f"{t('cli_coding.warning')}: {warning}", markup=False)
    for m in report.moved:
        console.print(
            t(
                "cli_coding.moved_one",
                path=m.path,
                uid=m.uid,
                code=m.code,
                old=f"{m.old[0]}:{m.old[1]}",
                new=f"{m.new[0]}:{m.new[1]}",
            ),
            markup=False,
        )
    for m in report.flagged:
        console.print(
            t("cli_coding.flagged_one", path=m.path, uid=m.uid, code=m.code, quote=m.quote[:60]),
            markup=False,
        )
    console.print(
        t("cli_coding.imported", moved=len(report.moved), flagged=len(report.flagged), **counts),
        markup=False,
    )
    if any(analysis.values()):
        console.print(t("codings_io.imported_analysis", **analysis), markup=False)

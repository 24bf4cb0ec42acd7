"""The codings as a whole: list with filters, export to and import from the codings file."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from qualcode.cli.base import echo_json, err, main, open_project, out, with_project_option
from qualcode.cli.cmd_coding import POLARITY_CHOICE, coding_json, resolve_source
from qualcode.i18n import t


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
    from qualcode.core.coding import rules
    from qualcode.core.store import codings as codings_sql

    with open_project(readonly=True) as project:
        code_ids = None
        if codes:
            code_ids = []
            for code in codes:
                if not project.codebook.has(code):
                    rules.check_code(project, code)  # raises, naming close matches
                code_ids.append(code)
                code_ids.extend(_descendants(project.codebook, code))
        found = codings_sql.list_codings(
            project.store,
            source_id=resolve_source(project.store, source_ref).id if source_ref else None,
            code_ids=code_ids,
            informant=list(informant) or None,
            polarity=[rules.normalise_polarity(p) for p in polarity] or None,
            status=list(status) or None,
            group=list(group) or None,
            technique=list(technique) or None,
        )
        _show(project, found, as_json, t("cli_coding.listed", n=len(found)))


@codings_group.command("uncondensed", help=t("cli_coding.uncondensed_help"))
@click.option("--source", "source_ref", default=None, help=t("cli_coding.opt_source"))
@click.option("--json", "as_json", is_flag=True, help=t("cli.opt_json"))
@with_project_option
def uncondensed_cmd(source_ref: str | None, as_json: bool) -> None:
    from qualcode.core.coding.condensing import uncondensed

    with open_project(readonly=True) as project:
        source_id = resolve_source(project.store, source_ref).id if source_ref else None
        found = uncondensed(project.store, source_id)
        _show(project, found, as_json, t("cli_coding.uncondensed_listed", n=len(found)))


def _show(project, found, as_json: bool, listed: str) -> None:
    """Print codings as a table (with a count on stderr) or as --json data."""
    from qualcode.core.coding import rules
    from qualcode.core.store.sources import sources

    paths = {s.id: s.path for s in sources(project.store, with_text=False)}
    if as_json:
        echo_json([coding_json(c, paths.get(c.source_id)) for c in found])
        return
    _print_table(found, rules.places(project.store, found))
    err().print(listed, markup=False)


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
        # keys: cli_coding.col_{id,where,code,polarity,summary,quote}
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
    from qualcode.core.codings_file import io as codings_io

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
    from qualcode.core.codings_file import io as codings_io

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

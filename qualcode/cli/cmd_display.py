"""Display, conclusion and export commands: matrix, conclude, indicator-verdict, export."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import click

from qualcode.cli.base import err, main, open_project, out, with_project_option
from qualcode.errors import DisplayError
from qualcode.export.files import FORMATS
from qualcode.i18n import get_language, t

# Semantic cell styles (core/table.py) as terminal styles.
RICH_STYLES = {
    "pendukung": "green",
    "penghambat": "red",
    "netral": "",
    "conflict": "yellow",
    "agree": "green",
    "muted": "dim",
    "strong": "bold",
    "verdict-good": "bold green",
    "verdict-bad": "bold red",
}


def _specs():
    from qualcode.core.displays import DISPLAYS

    return DISPLAYS


def _check_kind(kind: str) -> None:
    """Refuse an unknown display kind before opening anything, listing the known ones."""
    specs = _specs()
    if kind not in specs:
        raise DisplayError(
            t("export.unknown_kind", kind=kind),
            t("export.known_kinds", kinds=", ".join(specs)),
        )


def rich_table(table):
    """Return a Rich table of a display: grouped rows under a bold group line, styled cells."""
    from rich.table import Table as RichTable
    from rich.text import Text

    from qualcode.export.common import header_label

    view = RichTable(title=table.title, title_justify="left", show_lines=False, expand=False)
    for col in table.columns:
        view.add_column(
            header_label(col), justify="right" if col.numeric else "left", overflow="fold"
        )
    for group, rows in table.groups():
        if group:
            if view.row_count:
                view.add_section()
            view.add_row(Text(group, style="bold underline"), *[""] * (len(table.columns) - 1))
        for row in rows:
            view.add_row(*[Text(c.text, style=RICH_STYLES.get(c.style, "")) for c in row.cells])
    return view


def print_table(table) -> None:
    """Print a display and its notes to stdout."""
    console = out()
    if not table.rows:
        console.print(table.title, markup=False)
        console.print(t("export.empty_table"), markup=False)
    else:
        console.print(rich_table(table))
    for note in table.notes:
        console.print(note, markup=False, highlight=False)


def _list_kinds() -> None:
    from qualcode.core.displays import available_displays

    specs = _specs()
    console = out()
    for kind, title in available_displays():
        spec = specs[kind]
        opts = "  ".join(
            f"--{name} {'|'.join(spec.choices_of(name)) or '…'}" for name in spec.options
        )
        console.print(
            f"{kind:<22} {title}" + (f"  [dim]{opts}[/]" if opts else ""), highlight=False
        )


@main.command("matrix", help=t("cli_display.matrix_help"))
@click.argument("kind", required=False)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "csv", "md"]),
    default="table",
    help=t("cli_display.opt_format"),
)
@click.option(
    "--cells",
    type=click.Choice(["summary", "count"]),
    default=None,
    help=t("cli_display.opt_cells"),
)
@click.option(
    "--by", type=click.Choice(["technique", "group"]), default=None, help=t("cli_display.opt_by")
)
@click.option(
    "--level",
    type=click.Choice(["dimension", "indicator"]),
    default=None,
    help=t("cli_display.opt_level"),
)
@click.option("--code", default=None, help=t("cli_display.opt_code"))
@click.option("--informant", default=None, help=t("cli_display.opt_informant"))
@click.option("--polarity", default=None, help=t("cli_display.opt_polarity"))
@click.option("--list", "list_kinds", is_flag=True, help=t("cli_display.opt_list"))
@with_project_option
def matrix_cmd(kind, fmt, cells, by, level, code, informant, polarity, list_kinds) -> None:
    if list_kinds or not kind:
        if not list_kinds:
            err().print(t("cli_display.kind_needed"), markup=False)
        _list_kinds()
        if not list_kinds:
            raise click.exceptions.Exit(2)
        return
    _check_kind(kind)
    from qualcode.core.displays import build_display

    options = {
        "cells": cells,
        "by": by,
        "level": level,
        "code": code,
        "informant": informant,
        "polarity": polarity,
    }
    with open_project(readonly=True) as project:
        table = build_display(project, kind, **options)
        export_options = _export_options(project)
    if fmt == "table":
        print_table(table)
        return
    from qualcode.export.tables import csv_bytes, markdown_text

    if fmt == "csv":
        text = csv_bytes(table, export_options).decode("utf-8").lstrip("\ufeff")
    else:
        text = markdown_text([table], replace(export_options, title=""))
    click.echo(text, nl=False)


# -- conclusions ----------------------------------------------------------------------------------


@main.command("conclude", help=t("cli_display.conclude_help"))
@click.argument("dimension", required=False)
@click.option("--verdict", default=None, help=t("cli_display.opt_verdict"))
@click.option("--statement", default=None, help=t("cli_display.opt_statement"))
@click.option("--evidence", default=None, metavar="ID,ID…", help=t("cli_display.opt_evidence"))
@click.option("--clear", is_flag=True, help=t("cli_display.opt_clear"))
@click.option("--list", "list_all", is_flag=True, help=t("cli_display.opt_conclusions_list"))
@click.option("--flags", "show_flags", is_flag=True, help=t("cli_display.opt_flags"))
@with_project_option
def conclude_cmd(dimension, verdict, statement, evidence, clear, list_all, show_flags) -> None:
    from qualcode.core.analysis import conclusions as core

    changing = verdict is not None or statement is not None or evidence is not None or clear
    if list_all:
        from qualcode.core.displays import build_display

        with open_project(readonly=True) as project:
            table = build_display(project, "conclusions")
        print_table(table)
        return
    if not dimension and not show_flags:
        raise click.UsageError(t("cli_display.dimension_needed"))
    if show_flags and not changing:
        with open_project(readonly=True) as project:
            dims = [dimension] if dimension else [d.id for d in project.codebook.dimensions]
            found = [(d, core.verification_flags(project, d)) for d in dims]
            labels = {d: project.codebook.code(d).display_label(get_language()) for d in dims}
        _print_flags(found, labels)
        return
    evidence_ids = None
    if evidence is not None:
        evidence_ids = [part.strip() for part in evidence.split(",") if part.strip()]
    with open_project(readonly=not changing) as project:
        if clear:
            core.clear_conclusion(project, dimension)
        if verdict is not None or statement is not None or evidence_ids is not None:
            core.set_conclusion(
                project, dimension, verdict=verdict, statement=statement, evidence=evidence_ids
            )
        conclusion = core.get_conclusion(project, dimension)
        flags = core.verification_flags(project, dimension)
        label = project.codebook.code(dimension).display_label(get_language())
    console = out()
    console.print(f"[bold]{label}[/] ({dimension})", highlight=False)
    console.print(
        f"  {t('cli_display.verdict')}: {conclusion.verdict or '—'}", markup=False, highlight=False
    )
    console.print(
        f"  {t('cli_display.statement')}: {conclusion.statement or '—'}",
        markup=False,
        highlight=False,
    )
    evid = (
        t("cli_display.evidence_all") if not conclusion.evidence else str(len(conclusion.evidence))
    )
    console.print(f"  {t('cli_display.evidence')}: {evid}", markup=False, highlight=False)
    _print_flags([(dimension, flags)], {dimension: label}, indent="  ")


def _print_flags(found, labels, indent: str = "") -> None:
    console = out()
    for dim, flags in found:
        if not flags:
            console.print(
                f"{indent}[green]✓[/] {labels[dim]}: {t('cli_display.no_flags')}", highlight=False
            )
        for flag in flags:
            console.print(f"{indent}[yellow]⚠[/] {labels[dim]}: ", end="", highlight=False)
            console.print(f"{flag.message} [dim]({flag.id})[/]", highlight=False)


@main.command("indicator-verdict", help=t("cli_display.indicator_verdict_help"))
@click.argument("indicator")
@click.argument("verdict", required=False)
@click.option("--note", default="", help=t("cli_display.opt_note"))
@click.option("--clear", is_flag=True, help=t("cli_display.opt_clear_indicator"))
@with_project_option
def indicator_verdict_cmd(indicator, verdict, note, clear) -> None:
    from qualcode.core.analysis import conclusions as core

    if not clear and not verdict:
        raise click.UsageError(t("cli_display.verdict_needed"))
    with open_project() as project:
        if clear:
            core.clear_indicator_verdict(project, indicator)
        else:
            core.set_indicator_verdict(project, indicator, verdict, note)
        label = project.codebook.code(indicator).display_label(get_language())
    shown = t("cli_display.cleared") if clear else verdict
    err().print(
        t("cli_display.indicator_set", indicator=label, id=indicator, verdict=shown), markup=False
    )


# -- export -------------------------------------------------------------------------------------


def _export_options(project, **overrides):
    """Export options from the project's settings, stamped with the time of its last change."""
    from datetime import datetime

    from qualcode.export.common import ExportOptions

    stamp = None
    events = project.store.events(limit=1)
    if events:
        try:
            stamp = datetime.fromisoformat(events[0].at.replace("Z", "+00:00")).replace(tzinfo=None)
        except ValueError:
            stamp = None
    return ExportOptions.from_settings(project.settings, timestamp=stamp, **overrides)


@main.command("export", help=t("cli_display.export_help"))
@click.argument("fmt", metavar="FORMAT", type=click.Choice(FORMATS))
@click.option("--tables", default=None, metavar="KIND,KIND…", help=t("cli_display.opt_tables"))
@click.option(
    "--out",
    "out_path",
    type=click.Path(path_type=Path),
    default=None,
    help=t("cli_display.opt_out"),
)
@click.option("--force", is_flag=True, help=t("cli_display.opt_force"))
@click.option("--quotes", is_flag=True, help=t("cli_display.opt_quotes"))
@click.option("--font", default=None, help=t("cli_display.opt_font"))
@click.option(
    "--font-size", type=click.FloatRange(6, 30), default=None, help=t("cli_display.opt_font_size")
)
@click.option(
    "--table-font-size",
    type=click.FloatRange(6, 30),
    default=None,
    help=t("cli_display.opt_table_font_size"),
)
@click.option(
    "--chapter", type=click.IntRange(1, 99), default=None, help=t("cli_display.opt_chapter")
)
@click.option(
    "--number-from",
    type=click.IntRange(1, 999),
    default=None,
    help=t("cli_display.opt_number_from"),
)
@with_project_option
def export_cmd(
    fmt, tables, out_path, force, quotes, font, font_size, table_font_size, chapter, number_from
) -> None:
    from qualcode.export.project import export_displays, parse_selection

    chosen = parse_selection(tables) if tables else None
    if quotes and fmt != "docx":
        err().print(t("cli_display.quotes_docx_only"), markup=False)
    with open_project(readonly=True) as project:
        options = _export_options(
            project,
            font=font,
            font_size=font_size,
            table_font_size=table_font_size,
            chapter=chapter,
            first_number=number_from,
            quotes=quotes or None,
        )
        result = export_displays(project, fmt, chosen, options, out_path, force)
    for request, reason in result.skipped:
        err().print(t("cli_display.skipped", kind=request.kind, reason=reason), markup=False)
    for item in result.written:
        if item.renamed:
            err().print(
                t("cli_display.renamed", wanted=_shown(item.wanted), path=_shown(item.path)),
                markup=False,
            )
        click.echo(_shown(item.path))


def _shown(path: Path) -> str:
    """A path as the user can use it: relative to the current folder when inside it."""
    try:
        return str(Path(path).resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)

"""Inter-coder agreement: blind copy, compare with a second coder, report, resolve."""

from __future__ import annotations

from pathlib import Path

import click

from qualcode.cli.base import echo_json, err, main, open_project, out, with_project_option
from qualcode.i18n import t

KEEP_CHOICES = ("a", "b", "both", "neither")


def _refs(value: str | None) -> list[str]:
    return [part.strip() for part in (value or "").split(",") if part.strip()]


def report_options(func):
    """The options of a command that prints a comparison: JSON, or a table file for chapter III."""
    for option in reversed(
        (
            click.option("--json", "as_json", is_flag=True, help=t("cli.opt_json")),
            click.option(
                "--out",
                "out_file",
                type=click.Path(path_type=Path),
                default=None,
                help=t("cli_agreement.opt_out"),
            ),
            click.option(
                "--number",
                type=int,
                default=1,
                show_default=True,
                help=t("cli_agreement.opt_number"),
            ),
            click.option("--force", is_flag=True, help=t("cli_agreement.opt_force")),
        )
    ):
        func = option(func)
    return with_project_option(func)


@main.group("agreement", help=t("cli_agreement.group_help"))
def agreement_group() -> None:
    pass


@agreement_group.command("blind", help=t("cli_agreement.blind_help"))
@click.argument("out_dir", type=click.Path(path_type=Path))
@click.option("--sources", "sources", default=None, help=t("cli_agreement.opt_sources"))
@click.option("--sample", type=int, default=None, help=t("cli_agreement.opt_sample"))
@click.option("--seed", type=int, default=1, show_default=True, help=t("cli_agreement.opt_seed"))
@with_project_option
def blind_cmd(out_dir: Path, sources: str | None, sample: int | None, seed: int) -> None:
    from qualcode.core.agreement.blind import choose_sources, make_blind_copy

    with open_project() as project:
        chosen = choose_sources(project, _refs(sources), sample, seed)
        copy = make_blind_copy(project, out_dir, chosen)
    console = out()
    for src in copy.sources:
        console.print(src.path, markup=False, highlight=False)
    err().print(t("cli_agreement.blind_done", path=copy.path, n=len(copy.sources)), markup=False)


@agreement_group.command("compare", help=t("cli_agreement.compare_help"))
@click.argument("other", type=click.Path(path_type=Path))
@click.option("--sources", "sources", default=None, help=t("cli_agreement.opt_compare_sources"))
@report_options
def compare_cmd(other: Path, sources, as_json: bool, out_file, number: int, force: bool) -> None:
    from qualcode.core.agreement.session import record_comparison

    with open_project() as project:
        comparison = record_comparison(project, other, _refs(sources))
        for warning in comparison.warnings:
            err().print(warning, markup=False)
        _show(project, comparison, as_json, out_file, number, force)


@agreement_group.command("report", help=t("cli_agreement.report_help"))
@report_options
def report_cmd(as_json: bool, out_file, number: int, force: bool) -> None:
    from qualcode.core.agreement.session import load_comparison

    with open_project(readonly=True) as project:
        _show(project, load_comparison(project), as_json, out_file, number, force)


@agreement_group.command("resolve", help=t("cli_agreement.resolve_help"))
@click.argument("number", type=int)
@click.option(
    "--keep", type=click.Choice(KEEP_CHOICES), required=True, help=t("cli_agreement.opt_keep")
)
@with_project_option
def resolve_cmd(number: int, keep: str) -> None:
    from qualcode.core.agreement.session import AgreementError, load_comparison, resolve

    with open_project() as project:
        comparison = load_comparison(project)
        listed = comparison.after.disagreements
        if not 1 <= number <= len(listed):
            raise AgreementError(
                t("cli_agreement.no_such_disagreement", n=number, total=len(listed)),
                t("cli_agreement.list_hint"),
            )
        resolve(project, comparison, listed[number - 1], keep)
        after = load_comparison(project, comparison.id).after
    # keys: agreement.keep_{a,b,both,neither}
    err().print(
        t(
            "cli_agreement.resolved",
            n=number,
            choice=t(f"agreement.keep_{keep}"),
            decided=after.decided,
            total=len(after.disagreements),
        ),
        markup=False,
    )


# -- output ---------------------------------------------------------------------------------------
def _show(project, comparison, as_json: bool, out_file, number: int, force: bool) -> None:
    from qualcode.core.agreement.json_view import comparison_json

    if as_json:
        echo_json(comparison_json(project.codebook, comparison))
    else:
        _print(project, comparison)
    if out_file is not None:
        written = _write(project, comparison, out_file, number, force)
        err().print(t("cli_agreement.written", path=written), markup=False)


def _tables(project, comparison) -> list:
    from qualcode.core.agreement.table import report_table

    coders = (comparison.coder_a, comparison.coder_b)
    tables = [
        report_table(comparison.before, project.codebook, coders, "sentences"),
        report_table(comparison.before, project.codebook, coders, "characters"),
    ]
    if comparison.after.decided:
        tables.append(
            report_table(comparison.after, project.codebook, coders, "sentences", after=True)
        )
    return tables


def _print(project, comparison) -> None:
    from qualcode.cli.cmd_display import print_table
    from qualcode.core.agreement.json_view import pairs_text

    for table in _tables(project, comparison):
        print_table(table)
        out().print()
    listed = comparison.after.disagreements
    console = out()
    console.print(
        t("cli_agreement.disagreements", n=len(listed), a=comparison.coder_a, b=comparison.coder_b),
        markup=False,
    )
    for n, item in enumerate(listed, start=1):
        # keys: agreement.keep_{a,b,both,neither}
        decided = f"  [{t(f'agreement.keep_{item.choice}')}]" if item.choice else ""
        console.print(
            f"{n:>3}. {item.label} #{item.index}  A: {pairs_text(item.first)}"
            f"  |  B: {pairs_text(item.second)}{decided}",
            markup=False,
            highlight=False,
        )


def _write(project, comparison, out_file: Path, number: int, force: bool) -> Path:
    from datetime import datetime

    from qualcode.export.common import ExportOptions
    from qualcode.export.files import save
    from qualcode.export.tables import markdown_bytes

    suffix = out_file.suffix.lower()
    if suffix not in (".md", ".docx"):
        raise click.BadParameter(t("cli_agreement.bad_out", path=out_file), param_hint="--out")
    options = ExportOptions.from_settings(
        project.settings,
        chapter=3,
        first_number=number,
        timestamp=datetime.fromisoformat(comparison.created_at).replace(tzinfo=None),
    )
    if out_file.parent.resolve() == project.paths.exports.resolve():
        project.paths.exports.mkdir(exist_ok=True)  # the project's own exports folder, as 'export'
    tables = _tables(project, comparison)
    if suffix == ".md":
        data = markdown_bytes(tables, options)
    else:
        from qualcode.export.docx import docx_bytes

        data = docx_bytes(tables, options)
    return save(out_file, data, force=force, chosen=True).path

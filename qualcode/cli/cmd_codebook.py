"""Codebook commands: check, show, add, rename, move, merge, delete (``qualcode codebook ...``)."""

from __future__ import annotations

from pathlib import Path

import click

from qualcode.cli.base import (
    QualcodeGroup,
    echo_json,
    err,
    main,
    open_project,
    out,
    with_project_option,
)
from qualcode.i18n import t


@main.group("codebook", cls=QualcodeGroup, help=t("cli_codebook.group_help"))
def codebook_group() -> None:
    """The ``qualcode codebook`` group."""


@codebook_group.command("check", help=t("cli_codebook.check_help"))
@click.argument("file", required=False, type=click.Path(dir_okay=False, path_type=Path))
@with_project_option
def check_cmd(file: Path | None) -> int:
    from qualcode.core.codebook.model import check_codebook, load_codebook

    shown = None
    if file is None:
        with open_project(readonly=True) as project:
            file = project.codebook_path
            shown = project.paths.relative(file)
    problems = [_relative(problem, file, shown) for problem in check_codebook(file)]
    for problem in problems:
        click.echo(problem)
    if problems:
        err().print(
            t("cli_codebook.check_problems", n=len(problems), path=shown or file), markup=False
        )
        return 4
    book = load_codebook(file)
    err().print(
        t(
            "cli_codebook.check_ok",
            path=shown or file,
            dimensions=len(book.dimensions),
            indicators=len(book.indicators()),
        ),
        markup=False,
    )
    return 0


@codebook_group.command("show", help=t("cli_codebook.show_help"))
@click.option("--json", "as_json", is_flag=True, help=t("cli.opt_json"))
@with_project_option
def show_cmd(as_json: bool) -> None:
    from qualcode.core.codebook.edit import coding_counts, orphan_counts

    with open_project(readonly=True) as project:
        book = _codebook(project)
        counts, flagged = coding_counts(project)
        orphans = orphan_counts(project, counts)
        path = project.settings.codebook
    tree = [_node(book, code, counts, flagged) for code in book.all_codes() if code.parent is None]
    if as_json:
        echo_json(
            {
                "codebook": {"id": book.id, "title": book.title, "path": path},
                "codes": tree,
                "unknown_codes": orphans,
            }
        )
        return
    _print_tree(book.title, path, tree)
    if orphans:
        listed = ", ".join(f"{code} ({n})" for code, n in orphans.items())
        err().print(t("cli_codebook.orphans", codes=listed), markup=False)
        err().print(t("cli_codebook.orphans_hint"), markup=False)


def _relative(problem: str, path: Path, shown: str | None) -> str:
    """Name the project's codebook by its project-relative path, as qualcode.yaml does."""
    return shown + problem[len(str(path)) :] if shown and problem.startswith(str(path)) else problem


def _codebook(project):
    """The project's codebook; a broken file is reported with project-relative line references."""
    from qualcode.errors import CodebookError

    try:
        return project.codebook
    except CodebookError as error:
        path, shown = project.codebook_path, project.paths.relative(project.codebook_path)
        raise CodebookError(
            t("cli_codebook.broken", path=shown),
            [_relative(problem, path, shown) for problem in error.problems],
            hint=t("cli_codebook.broken_hint", path=shown),
        ) from None


def _node(book, code, counts: dict[str, int], flagged: dict[str, int]) -> dict:
    children = [_node(book, child, counts, flagged) for child in book.children(code.id)]
    own = counts.get(code.id, 0)
    return {
        "id": code.id,
        "label": code.label,
        "kind": code.kind,
        "codings": own,
        "flagged": flagged.get(code.id, 0),
        "total": own + sum(child["total"] for child in children),
        "children": children,
    }


def _print_tree(title: str, path: str, tree: list[dict]) -> None:
    from rich.table import Table

    table = Table(title=f"{title} ({path})", title_justify="left")
    width = max((len(n["id"]) + 2 * depth for n, depth in _walk(tree)), default=2)
    table.add_column(t("cli_codebook.col_id"), no_wrap=True, min_width=width)
    table.add_column(t("cli_codebook.col_label"))
    table.add_column(t("cli_codebook.col_codings"), justify="right")
    table.add_column(t("cli_codebook.col_total"), justify="right")
    table.add_column(t("cli_codebook.col_flagged"), justify="right")

    def add(node: dict, depth: int) -> None:
        style = "bold" if depth == 0 else ""
        table.add_row(
            "  " * depth + node["id"],
            node["label"],
            str(node["codings"]),
            str(node["total"]) if node["children"] else "",
            str(node["flagged"] or ""),
            style=style,
        )
        for child in node["children"]:
            add(child, depth + 1)

    for node in tree:
        add(node, 0)
    out().print(table)


def _walk(tree: list[dict], depth: int = 0):
    for node in tree:
        yield node, depth
        yield from _walk(node["children"], depth + 1)


def _report(result) -> None:
    console = out()
    for line in result.messages:
        console.print(line, markup=False, highlight=False)


@codebook_group.command("add", help=t("cli_codebook.add_help"))
@click.argument("code_id", metavar="ID")
@click.option("--label", required=True, help=t("cli_codebook.opt_label"))
@click.option("--parent", default=None, metavar="DIM", help=t("cli_codebook.opt_parent"))
@click.option("--definition", default="", help=t("cli_codebook.opt_definition"))
@click.option("--keyword", "keywords", multiple=True, help=t("cli_codebook.opt_keyword"))
@click.option("--label-en", default=None, help=t("cli_codebook.opt_label_en"))
@click.option("--example", default=None, help=t("cli_codebook.opt_example"))
@click.option(
    "--indicator", "indicator_id", default=None, metavar="ID", help=t("cli_codebook.opt_indicator")
)
@click.option("--indicator-label", default=None, help=t("cli_codebook.opt_indicator_label"))
@click.option("--indicator-definition", default="", help=t("cli_codebook.opt_indicator_definition"))
@with_project_option
def add_cmd(
    code_id,
    label,
    parent,
    definition,
    keywords,
    label_en,
    example,
    indicator_id,
    indicator_label,
    indicator_definition,
) -> None:
    from qualcode.core.codebook.document import NewCode
    from qualcode.core.codebook.edit import add_code

    children = ()
    if indicator_id is not None:
        if not indicator_label:
            raise click.UsageError(t("cli_codebook.indicator_needs_label"))
        children = (NewCode(indicator_id, indicator_label, indicator_definition),)
    code = NewCode(
        code_id, label, definition, tuple(keywords), label_en, example, indicators=children
    )
    with open_project() as project:
        _report(add_code(project, code, parent))


@codebook_group.command("rename", help=t("cli_codebook.rename_help"))
@click.argument("code_id", metavar="OLD")
@click.option("--id", "new_id", default=None, metavar="NEW", help=t("cli_codebook.opt_new_id"))
@click.option("--label", default=None, help=t("cli_codebook.opt_new_label"))
@with_project_option
def rename_cmd(code_id: str, new_id: str | None, label: str | None) -> None:
    from qualcode.core.codebook.edit import rename_code

    with open_project() as project:
        _report(rename_code(project, code_id, new_id=new_id, label=label))


@codebook_group.command("move", help=t("cli_codebook.move_help"))
@click.argument("code_id", metavar="ID")
@click.option("--to", "dimension", required=True, metavar="DIM", help=t("cli_codebook.opt_to"))
@with_project_option
def move_cmd(code_id: str, dimension: str) -> None:
    from qualcode.core.codebook.edit import move_code

    with open_project() as project:
        _report(move_code(project, code_id, dimension))


@codebook_group.command("merge", help=t("cli_codebook.merge_help"))
@click.argument("source", metavar="SOURCE")
@click.argument("target", metavar="INTO_TARGET")
@with_project_option
def merge_cmd(source: str, target: str) -> None:
    from qualcode.core.codebook.edit import merge_code

    with open_project() as project:
        _report(merge_code(project, source, target))


@codebook_group.command("delete", help=t("cli_codebook.delete_help"))
@click.argument("code_id", metavar="ID")
@click.option("--into", default=None, metavar="TARGET", help=t("cli_codebook.opt_into"))
@with_project_option
def delete_cmd(code_id: str, into: str | None) -> None:
    from qualcode.core.codebook.edit import delete_code

    with open_project() as project:
        _report(delete_code(project, code_id, into=into))

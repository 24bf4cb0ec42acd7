"""Memo commands: memo add, list, show, edit, remove (analytic memos, undoable)."""

from __future__ import annotations

import sys

import click

from qualcode.cli.base import echo_json, err, main, open_project, out, with_project_option
from qualcode.errors import QualcodeError
from qualcode.i18n import t

KINDS = ("code", "source", "informant", "coding", "project")


def memo_json(memo) -> dict:
    """Return a memo as plain data for --json output."""
    return {
        "id": memo.id,
        "uid": memo.uid,
        "kind": memo.target_kind,
        "target": memo.target,
        "title": memo.title,
        "body": memo.body,
        "author": memo.author,
        "created": memo.created_at,
        "updated": memo.updated_at,
    }


def _body(text: str | None, initial: str = "") -> str:
    """Take the memo text from the argument, from stdin ('-'), or from the user's editor."""
    if text == "-":
        return sys.stdin.read()
    if text is not None:
        return text
    if sys.stdin.isatty():
        return click.edit(initial) or ""
    return sys.stdin.read()


def _split(kind: str, args: tuple[str, ...]) -> tuple[str | None, str | None]:
    """Split the words after KIND into (target, text); a project memo has no target."""
    wanted = 1 if kind == "project" else 2
    if len(args) > wanted:
        raise QualcodeError(t("cli_memo.too_many", kind=kind), t("cli_memo.quote_hint"))
    if kind == "project":
        return None, args[0] if args else None
    if not args:
        # keys: memos.kind_{code,source,informant,coding}
        raise QualcodeError(
            t("cli_memo.need_target", kind=t(f"memos.kind_{kind}")), t("cli_memo.add_usage")
        )
    return args[0], args[1] if len(args) > 1 else None


@main.group("memo", help=t("cli_memo.memo_help"))
def memo_group() -> None:
    pass


@memo_group.command("add", help=t("cli_memo.add_help"))
@click.argument("kind", type=click.Choice(KINDS))
@click.argument("words", nargs=-1, metavar="[TARGET] [TEXT]")
@click.option("--title", default="", help=t("cli_memo.opt_title"))
@click.option("--json", "as_json", is_flag=True, help=t("cli.opt_json"))
@with_project_option
def add_cmd(kind: str, words: tuple[str, ...], title: str, as_json: bool) -> None:
    from qualcode.core.coding.memos import add_memo, resolve_target

    target, text = _split(kind, words)
    with open_project() as project:
        resolve_target(project, kind, target)  # refuse a bad target before asking for text
        memo = add_memo(project, kind, target, _body(text), title=title)
    if as_json:
        echo_json(memo_json(memo))
    else:
        click.echo(memo.id)
    err().print(t("cli_memo.added", id=memo.id, target=_target(memo)), markup=False)


def _target(memo) -> str:
    if memo.target_kind == "project":
        return t("memos.on_project")
    # keys: memos.kind_{code,source,informant,coding}
    return f"{t(f'memos.kind_{memo.target_kind}')} {memo.target}"


@memo_group.command("list", help=t("cli_memo.list_help"))
@click.argument("kind", type=click.Choice(KINDS), required=False)
@click.argument("target", required=False)
@click.option("--json", "as_json", is_flag=True, help=t("cli.opt_json"))
@with_project_option
def list_cmd(kind: str | None, target: str | None, as_json: bool) -> None:
    from qualcode.core.coding.memos import list_memos, resolve_target

    with open_project(readonly=True) as project:
        resolved = (
            resolve_target(project, kind, target)
            if kind and (target or kind == "project")
            else None
        )
        memos = list_memos(project.store, kind, resolved)
    if as_json:
        echo_json([memo_json(m) for m in memos])
        return
    from rich.table import Table

    table = Table(header_style="bold")
    for key in ("id", "target", "title", "body", "author", "updated"):
        # keys: cli_memo.col_{id,target,title,body,author,updated}
        table.add_column(
            t(f"cli_memo.col_{key}"), overflow="fold", justify="right" if key == "id" else "left"
        )
    for m in memos:
        table.add_row(
            str(m.id), _target(m), m.title, m.body, m.author, m.updated_at[:16].replace("T", " ")
        )
    out().print(table)
    err().print(t("cli_memo.listed", n=len(memos)), markup=False)


@memo_group.command("show", help=t("cli_memo.show_help"))
@click.argument("memo_id")
@click.option("--json", "as_json", is_flag=True, help=t("cli.opt_json"))
@with_project_option
def show_cmd(memo_id: str, as_json: bool) -> None:
    from qualcode.core.coding.memos import get_memo

    with open_project(readonly=True) as project:
        memo = get_memo(project.store, memo_id)
    if as_json:
        echo_json(memo_json(memo))
        return
    console = out()
    console.print(f"[bold]#{memo.id} {_target(memo)}[/] {memo.title}".rstrip(), highlight=False)
    console.print(f"[dim]{memo.author} · {memo.created_at} / {memo.updated_at}[/]", highlight=False)
    console.print(memo.body, markup=False, highlight=False)


@memo_group.command("edit", help=t("cli_memo.edit_help"))
@click.argument("memo_id")
@click.argument("text", required=False)
@click.option("--title", default=None, help=t("cli_memo.opt_title"))
@with_project_option
def edit_cmd(memo_id: str, text: str | None, title: str | None) -> None:
    from qualcode.core.coding.memos import edit_memo, get_memo

    with open_project() as project:
        memo = get_memo(project.store, memo_id)
        body = None if text is None and title is not None else _body(text, memo.body)
        after = edit_memo(project, memo.id, body=body, title=title)
    key = "cli_memo.edited" if after != memo else "cli_memo.unchanged"
    err().print(t(key, id=memo.id, target=_target(memo)), markup=False)


@memo_group.command("remove", help=t("cli_memo.remove_help"))
@click.argument("memo_id")
@with_project_option
def remove_cmd(memo_id: str) -> None:
    from qualcode.core.coding.memos import get_memo, remove_memo

    with open_project() as project:
        memo = get_memo(project.store, memo_id)
        remove_memo(project, memo.id)
    err().print(t("cli_memo.removed", id=memo.id, target=_target(memo)), markup=False)

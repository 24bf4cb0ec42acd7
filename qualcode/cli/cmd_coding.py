"""Coding commands: code, uncode, coding edit/show (codings list/export/import: cmd_codings)."""

from __future__ import annotations

import click

from qualcode.cli import base
from qualcode.cli.base import echo_json, err, main, open_project, out, with_project_option
from qualcode.core.records import POLARITIES, POLARITY_ALIASES
from qualcode.errors import CodingError
from qualcode.i18n import t

POLARITY_CHOICE = click.Choice([*POLARITIES, *POLARITY_ALIASES])


def resolve_source(store, ref: str):
    """Return the one source a user's reference names (id, file, stem, informant) or raise."""
    from qualcode.core.store.sources import one_source

    return one_source(store, ref, CodingError)


def coding_json(coding, source_path: str | None = None) -> dict:
    """Return a coding as plain data for --json output."""
    from qualcode.core.records import row_of

    # The store's names, but the codings file's for the code and the times, as before.
    names = {"code_id": "code", "created_at": "created", "updated_at": "updated"}
    data = {names.get(k, k): v for k, v in row_of(coding, without=()).items()}
    if source_path is not None:
        data = {"source": source_path, **data}
    return data


def _parse_span(value: str) -> tuple[int, int]:
    start, sep, end = value.partition(":")
    if not sep or not start.strip().isdigit() or not end.strip().isdigit():
        raise CodingError(t("cli_coding.bad_span", value=value), t("cli_coding.bad_span_hint"))
    return base.check_number(int(start)), base.check_number(int(end))


def _report(coding, where: str, verb: str) -> None:
    # keys: cli_coding.{coded,removed,edited,unchanged}
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
@click.option(
    "--sentence", type=base.NUMBER, default=None, metavar="N", help=t("cli_coding.opt_sentence")
)
@click.option("--turn", type=base.NUMBER, default=None, metavar="N", help=t("cli_coding.opt_turn"))
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
    from qualcode.core.coding import operations as ops
    from qualcode.core.coding import rules

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
        where = rules.place(project.store, made.source_id, made.start, made.end)
    if as_json:
        echo_json(coding_json(made, src.path))
    else:
        click.echo(made.id)
    _report(made, where, "coded")


@main.command("uncode", help=t("cli_coding.uncode_help"))
@click.argument("coding_ids", nargs=-1, required=True, metavar="CODING_ID...")
@with_project_option
def uncode_cmd(coding_ids: tuple[str, ...]) -> None:
    from qualcode.core.coding import operations as ops
    from qualcode.core.coding import rules

    with open_project() as project:
        if len(coding_ids) == 1:
            found = ops.get_coding(project.store, coding_ids[0])
            where = rules.place(project.store, found.source_id, found.start, found.end)
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
    from qualcode.core.coding import operations as ops
    from qualcode.core.coding import rules

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
        where = rules.place(project.store, after.source_id, after.start, after.end)
    if as_json:
        echo_json(coding_json(after))
    _report(after, where, "edited" if after != before else "unchanged")


@coding_group.command("show", help=t("cli_coding.show_help"))
@click.argument("coding_id")
@click.option("--json", "as_json", is_flag=True, help=t("cli.opt_json"))
@with_project_option
def show_cmd(coding_id: str, as_json: bool) -> None:
    from qualcode.core.coding import operations as ops
    from qualcode.core.coding import rules
    from qualcode.core.store.sources import source_by_id

    with open_project(readonly=True) as project:
        found = ops.get_coding(project.store, coding_id)
        src = source_by_id(project.store, found.source_id)
        where = rules.place(project.store, found.source_id, found.start, found.end)
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
        # keys: cli_coding.col_{id,where,code,polarity,summary,memo,quote,coder,status}
        console.print(f"[bold]{t(f'cli_coding.col_{key}')}:[/] ", end="")
        console.print(value, markup=False, highlight=False)

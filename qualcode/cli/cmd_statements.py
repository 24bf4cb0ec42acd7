"""Statements shown in the factor and efforts tables: merge proposals and accepted merges."""

from __future__ import annotations

from collections.abc import Callable

import click

from qualcode.cli.base import echo_json, err, main, open_project, out, with_project_option
from qualcode.i18n import t


def member_json(member) -> dict:
    """One member statement as plain data for --json output."""
    return {
        "coding": member.uid,
        "id": member.coding_id,
        "informant": member.speaker,
        "statement": member.statement,
        "quote": member.quote,
    }


def _print_members(members) -> None:
    console = out()
    for member in members:
        console.print(f"    {member.speaker:<6} {member.statement}", markup=False)
        quote = " ".join(member.quote.split())
        console.print(f"           “{quote}”  [{member.uid}]", markup=False)


@main.group("statements", help=t("cli_statements.group_help"))
def statements_group() -> None:
    pass


def _show(found: list, as_json: bool, data: Callable, heading: Callable, listed: str) -> None:
    """Print proposals or merges: a heading and the member statements each, or --json data."""
    if as_json:
        echo_json(
            [{**data(item), "members": [member_json(m) for m in item.members]} for item in found]
        )
        return
    for number, item in enumerate(found, start=1):
        out().print(f"{number}. {heading(item)}", markup=False)
        _print_members(item.members)
    err().print(listed, markup=False)


@statements_group.command("proposals", help=t("cli_statements.proposals_help"))
@click.option("--json", "as_json", is_flag=True, help=t("cli.opt_json"))
@with_project_option
def proposals_cmd(as_json: bool) -> None:
    from qualcode.core.analysis.merges import proposals

    with open_project(readonly=True) as project:
        found = proposals(project)
    _show(
        found,
        as_json,
        lambda p: {"id": p.id, "scope": p.scope, "cell": p.scope_label, "text": p.text},
        lambda p: (
            f"[{p.id}] {p.scope_label}: "
            + t("cli_statements.proposal", n=len(p.members), text=p.text)
        ),
        t("cli_statements.proposals_listed", n=len(found)),
    )


@statements_group.command("merge", help=t("cli_statements.merge_help"))
@click.argument("proposal", required=False)
@click.option("--codings", default=None, help=t("cli_statements.opt_codings"))
@click.option("--as", "text", default=None, help=t("cli_statements.opt_as"))
@with_project_option
def merge_cmd(proposal: str | None, codings: str | None, text: str | None) -> None:
    from qualcode.core.analysis.merges import accept, find_proposal
    from qualcode.errors import QualcodeError

    if (proposal is None) == (codings is None):
        raise QualcodeError(t("cli_statements.merge_what"), t("cli_statements.merge_usage"))
    with open_project() as project:
        if proposal is not None:
            found = find_proposal(project, proposal)
            uids = [m.uid for m in found.members]
            text = found.text if text is None else text
        else:
            uids = (codings or "").split(",")
        made = accept(project, uids, text)
    click.echo(made.uid)
    err().print(t("cli_statements.merged", n=len(made.members), text=made.text), markup=False)


@statements_group.command("reject", help=t("cli_statements.reject_help"))
@click.argument("proposal")
@with_project_option
def reject_cmd(proposal: str) -> None:
    from qualcode.core.analysis.merges import find_proposal, reject

    with open_project() as project:
        made = reject(project, find_proposal(project, proposal))
    err().print(t("cli_statements.rejected", n=len(made.members)), markup=False)


@statements_group.command("merges", help=t("cli_statements.merges_help"))
@click.option("--json", "as_json", is_flag=True, help=t("cli.opt_json"))
@with_project_option
def merges_cmd(as_json: bool) -> None:
    from qualcode.core.analysis.merges import merges

    with open_project(readonly=True) as project:
        found = merges(project)
    _show(
        found,
        as_json,
        lambda m: {"uid": m.uid, "text": m.text, "author": m.author, "created": m.created_at},
        lambda m: f"[{m.uid}] {m.text} ({', '.join(dict.fromkeys(x.speaker for x in m.members))})",
        t("cli_statements.merges_listed", n=len(found)),
    )


@statements_group.command("unmerge", help=t("cli_statements.unmerge_help"))
@click.argument("merge")
@with_project_option
def unmerge_cmd(merge: str) -> None:
    from qualcode.core.analysis.merges import unmerge

    with open_project() as project:
        gone = unmerge(project, merge)
    err().print(t("cli_statements.unmerged", text=gone.text), markup=False)

"""The action log: undo, redo and log (who changed what, and when)."""

from __future__ import annotations

from datetime import datetime

import click

from qualcode.cli.base import echo_json, err, main, open_project, out, with_project_option
from qualcode.i18n import t


def event_json(event) -> dict:
    """Return an event of the action log as plain data."""
    return {
        "id": event.id,
        "action": event.action,
        "description": event.description,
        "actor": event.actor,
        "role": event.role,
        "at": event.at,
        "kind": event.kind,
        "state": event.state,
    }


def _local(at: str) -> str:
    try:
        return datetime.fromisoformat(at).astimezone().strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return at


def _state(event) -> str:
    if event.kind == "info":
        return t("cli_coding.state_info")
    # keys: cli_coding.state_{done,undone,discarded}
    label = t(f"cli_coding.state_{event.state}")
    return label + (" ⛔" if event.kind == "barrier" else "")


@main.command("undo", help=t("cli_coding.undo_help"))
@click.option("--json", "as_json", is_flag=True, help=t("cli.opt_json"))
@with_project_option
def undo_cmd(as_json: bool) -> None:
    from qualcode.core.coding.operations import undo

    with open_project() as project:
        event = undo(project)
    if as_json:
        echo_json(event_json(event))
    err().print(t("cli_coding.undone", what=event.description), markup=False)


@main.command("redo", help=t("cli_coding.redo_help"))
@click.option("--json", "as_json", is_flag=True, help=t("cli.opt_json"))
@with_project_option
def redo_cmd(as_json: bool) -> None:
    from qualcode.core.coding.operations import redo

    with open_project() as project:
        event = redo(project)
    if as_json:
        echo_json(event_json(event))
    err().print(t("cli_coding.redone", what=event.description), markup=False)


@main.command("log", help=t("cli_coding.log_help"))
@click.option(
    "--limit",
    "-n",
    type=click.IntRange(min=1),
    default=30,
    show_default=True,
    help=t("cli_coding.opt_limit"),
)
@click.option("--changes-only", is_flag=True, help=t("cli_coding.opt_changes_only"))
@click.option("--json", "as_json", is_flag=True, help=t("cli.opt_json"))
@with_project_option
def log_cmd(limit: int, changes_only: bool, as_json: bool) -> None:
    with open_project(readonly=True) as project:
        events = project.store.events(limit=limit, include_info=not changes_only)
        target = project.store.undo_target()
    if as_json:
        echo_json([event_json(e) for e in events])
        return
    from rich.table import Table

    from qualcode.core.review.targets import who_label

    table = Table(header_style="bold")
    for key in ("event", "when", "who", "what", "state"):
        # keys: cli_coding.col_{event,when,who,what,state}
        table.add_column(
            t(f"cli_coding.col_{key}"),
            overflow="fold",
            justify="right" if key == "event" else "left",
        )
    for e in events:
        marker = " ←" if target is not None and e.id == target.id else ""
        style = "dim" if e.state != "done" or e.kind == "info" else None
        table.add_row(
            str(e.id),
            _local(e.at),
            who_label(e.actor, e.role if e.role == "pembimbing" else ""),  # a supervisor stands out
            e.description + marker,
            _state(e),
            style=style,
        )
    out().print(table)
    if target is not None:
        err().print(t("cli_coding.undo_would", what=target.description), markup=False)

"""Backups of the project database: ``qualcode backup list|create|restore ID``."""

from __future__ import annotations

import click

from qualcode.cli.base import echo_json, err, main, open_project, out, state, with_project_option
from qualcode.i18n import t


@main.group("backup", help=t("backup.group_help"))
def backup_group() -> None:
    pass


def _paths():
    from qualcode.core.project import Project

    return Project.locate(state().project_dir)


@backup_group.command("list", help=t("backup.list_help"))
@click.option("--json", "as_json", is_flag=True, help=t("cli.opt_json"))
@with_project_option
def list_cmd(as_json: bool) -> None:
    from rich.table import Table

    from qualcode.core.limits import size_text
    from qualcode.core.store.backup import list_backups

    found = list_backups(_paths().backups)
    if as_json:
        echo_json(
            [{"id": b.id, "reason": b.reason, "taken": b.when, "bytes": b.size} for b in found]
        )
        return
    if not found:
        err().print(t("backup.none"), markup=False)
        return
    table = Table(box=None, header_style="bold")
    for key in ("id", "when", "reason", "size"):
        # keys: backup.col_{id,when,reason,size}
        table.add_column(t(f"backup.col_{key}"))
    for b in found:
        table.add_row(b.id, b.when, b.reason, f"{size_text(b.size)} MB")
    out().print(table)


@backup_group.command("create", help=t("backup.create_help"))
@with_project_option
def create_cmd() -> None:
    with open_project() as project:
        taken = project.store.backup("manual")
    if taken is not None:
        err().print(t("backup.created", id=taken.id), markup=False)


@backup_group.command("restore", help=t("backup.restore_help"))
@click.argument("backup_id", metavar="ID")
@with_project_option
def restore_cmd(backup_id: str) -> None:
    from qualcode.core.store.backup import find_backup
    from qualcode.core.store.restore import restore_backup

    paths = _paths()
    chosen = find_backup(paths.backups, backup_id)
    before = restore_backup(paths.database, paths.backups, paths.lock, chosen.id)
    console = err()
    console.print(t("backup.restored", id=chosen.id, when=chosen.when), markup=False)
    if before is not None:
        console.print(t("backup.restored_undo", id=before.id), markup=False)
    else:
        console.print(t("backup.restored_damaged"), markup=False)

"""Review commands: the supervisor's comments, approvals and revision requests, and the student's
answers — review list, show, comment, reply, resolve, approve, revise, import, report."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from qualcode.cli.base import echo_json, err, main, open_project, out, with_project_option
from qualcode.core.store.review_sql import TARGET_KINDS
from qualcode.i18n import t

MARKABLE = ("coding", "conclusion", "verdict")
COLUMNS = ("id", "target", "state", "who", "last", "updated")
state_option = click.option(
    "--state",
    type=click.Choice(["open", "answered", "resolved", "unresolved"]),
    default=None,
    help=t("cli_review.opt_state"),
)


def thread_json(thread) -> dict:
    """Return a thread and its messages as plain data for --json output."""
    return {
        "id": thread.id,
        "uid": thread.uid,
        "kind": thread.target_kind,
        "target": thread.target,
        "anchor": thread.anchor,
        "mark": thread.mark,
        "state": thread.state,
        "author": thread.author,
        "role": thread.author_role,
        "created": thread.created_at,
        "updated": thread.updated_at,
        "messages": [
            {
                "uid": m.uid,
                "author": m.author,
                "role": m.author_role,
                "body": m.body,
                "created": m.created_at,
            }
            for m in thread.messages
        ],
    }


def _text(text: str | None) -> str:
    """The message from the argument, or from stdin when it is '-' or missing and piped."""
    if text == "-" or (text is None and not sys.stdin.isatty()):
        return sys.stdin.read()
    return text or ""


def _state(thread) -> str:
    from qualcode.core.review.targets import state_label

    return state_label(thread.state, thread.mark)


def _label(thread) -> str:
    from qualcode.core.review.targets import target_label

    return target_label(thread.target_kind, thread.target)


def _done(message_key: str, thread, as_json: bool) -> None:
    if as_json:
        echo_json(thread_json(thread))
    else:
        click.echo(thread.id)
    err().print(t(message_key, id=thread.id, target=_label(thread)), markup=False)


@main.group("review", help=t("cli_review.review_help"))
def review_group() -> None:
    pass


@review_group.command("list", help=t("cli_review.list_help"))
@state_option
@click.option(
    "--kind", type=click.Choice(TARGET_KINDS), default=None, help=t("cli_review.opt_kind")
)
@click.option("--person", default=None, help=t("cli_review.opt_person"))
@click.option("--json", "as_json", is_flag=True, help=t("cli.opt_json"))
@with_project_option
def list_cmd(state: str | None, kind: str | None, person: str | None, as_json: bool) -> None:
    from qualcode.core.review.threads import list_threads

    with open_project(readonly=True) as project:
        found = list_threads(project.store, state=state, target_kind=kind, person=person)
    if as_json:
        echo_json([thread_json(th) for th in found])
        return
    from rich.table import Table

    table = Table(header_style="bold")
    for key in COLUMNS:
        # keys: cli_review.col_{COLUMNS}
        table.add_column(
            t(f"cli_review.col_{key}"), overflow="fold", justify="right" if key == "id" else "left"
        )
    for th in found:
        last = th.messages[-1] if th.messages else None
        table.add_row(
            str(th.id),
            _label(th),
            _state(th),
            th.author,
            f"{last.author}: {last.body}" if last else "",
            th.updated_at[:16].replace("T", " "),
        )
    out().print(table)
    err().print(t("cli_review.listed", n=len(found)), markup=False)


@review_group.command("show", help=t("cli_review.show_help"))
@click.argument("thread_id")
@click.option("--json", "as_json", is_flag=True, help=t("cli.opt_json"))
@with_project_option
def show_cmd(thread_id: str, as_json: bool) -> None:
    from qualcode.core.review.threads import get_thread

    with open_project(readonly=True) as project:
        thread = get_thread(project.store, thread_id)
        quote = _target_text(project, thread)
    if as_json:
        echo_json(thread_json(thread))
        return
    console = out()
    console.print(f"#{thread.id} {_label(thread)} — {_state(thread)}", markup=False)
    if quote:
        console.print(quote, markup=False, style="italic")
    if thread.anchor:
        console.print(f"“{thread.anchor}”", markup=False, style="dim")
    from qualcode.core.review.targets import who_label

    for m in thread.messages:
        when = m.created_at[:16].replace("T", " ")
        console.print(f"{who_label(m.author, m.author_role)} · {when}", style="bold")
        console.print(m.body, markup=False, highlight=False)


def _target_text(project, thread) -> str:
    """The words a thread is about, when it is on a coding (so the reader sees them)."""
    if thread.target_kind != "coding":
        return ""
    from qualcode.core.store.codings import coding_by_uid

    found = coding_by_uid(project.store, thread.target)
    return f"“{found.quote}” — {found.code_id}" if found else ""


@review_group.command("comment", help=t("cli_review.comment_help"))
@click.argument("kind", type=click.Choice(TARGET_KINDS))
@click.argument("words", nargs=-1, metavar="[TARGET] TEXT")
@click.option("--json", "as_json", is_flag=True, help=t("cli.opt_json"))
@with_project_option
def comment_cmd(kind: str, words: tuple[str, ...], as_json: bool) -> None:
    from qualcode.core.review.threads import comment

    target, text = _split(kind, words)
    with open_project() as project:
        thread = comment(project, kind, target, _text(text))
    _done("cli_review.commented", thread, as_json)


def _split(kind: str, words: tuple[str, ...]) -> tuple[str | None, str | None]:
    if kind == "project":
        return None, words[0] if words else None
    if not words:
        from qualcode.core.review.targets import kind_label
        from qualcode.errors import QualcodeError

        raise QualcodeError(
            t("review.no_target", kind=kind_label(kind)), t("cli_review.comment_usage")
        )
    return words[0], words[1] if len(words) > 1 else None


@review_group.command("reply", help=t("cli_review.reply_help"))
@click.argument("thread_id")
@click.argument("text", required=False)
@click.option("--json", "as_json", is_flag=True, help=t("cli.opt_json"))
@with_project_option
def reply_cmd(thread_id: str, text: str | None, as_json: bool) -> None:
    from qualcode.core.review.threads import reply

    with open_project() as project:
        thread = reply(project, thread_id, _text(text))
    _done("cli_review.replied", thread, as_json)


@review_group.command("resolve", help=t("cli_review.resolve_help"))
@click.argument("thread_id")
@click.argument("text", required=False)
@click.option("--json", "as_json", is_flag=True, help=t("cli.opt_json"))
@with_project_option
def resolve_cmd(thread_id: str, text: str | None, as_json: bool) -> None:
    from qualcode.core.review.threads import resolve

    with open_project() as project:
        thread = resolve(project, thread_id, text or "")
    _done("cli_review.resolved", thread, as_json)


def _mark_command(name: str, done_key: str) -> None:
    """Add ``review approve`` or ``review revise``: a mark on a coding, conclusion or verdict."""

    # keys: cli_review.{approve,revise}_help
    help_text = t(f"cli_review.{name}_help")

    @review_group.command(name, help=help_text)
    @click.argument("kind", type=click.Choice(MARKABLE))
    @click.argument("target")
    @click.argument("text", required=False)
    @click.option("--json", "as_json", is_flag=True, help=t("cli.opt_json"))
    @with_project_option
    def mark_cmd(kind: str, target: str, text: str | None, as_json: bool) -> None:
        from qualcode.core.review import threads

        with open_project() as project:
            if name == "approve":
                thread = threads.approve(project, kind, target, text or "")
            else:
                thread = threads.revise(project, kind, target, _text(text))
        _done(done_key, thread, as_json)


_mark_command("approve", "cli_review.approved")
_mark_command("revise", "cli_review.revised")


@review_group.command("import", help=t("cli_review.import_help"))
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help=t("cli.opt_json"))
@with_project_option
def import_cmd(file: Path, as_json: bool) -> None:
    if file.suffix.lower() == ".docx":
        _import_docx(file, as_json)
        return
    from qualcode.core.review.exchange import import_review_file

    with open_project() as project:
        report = import_review_file(project, file)
    if as_json:
        echo_json(
            {
                "threads_added": report.threads_added,
                "threads_updated": report.threads_updated,
                "messages_added": report.messages_added,
            }
        )
    err().print(
        t(
            "cli_review.imported",
            file=file,
            threads=report.threads_added,
            updated=report.threads_updated,
            messages=report.messages_added,
        ),
        markup=False,
    )


def _comment_json(comment, target: str = "") -> dict:
    return {
        "author": comment.author,
        "date": comment.date,
        "text": comment.text,
        "words": comment.words,
        "target": target,
    }


def _import_docx(file: Path, as_json: bool) -> None:
    from qualcode.core.review.docx_comments import import_docx
    from qualcode.export.project import anchor_tables

    with open_project() as project:
        report = import_docx(project, file, lambda: anchor_tables(project))
    if as_json:
        echo_json(
            {
                "placed": [_comment_json(c, label) for c, label in report.placed],
                "unplaced": [_comment_json(c) for c in report.unplaced],
                "replies": [_comment_json(c) for c in report.replies],
                "already": report.already,
            }
        )
    else:
        console = out()
        for c, label in report.placed:
            console.print(f"{label} ← {c.author}: {c.text}", markup=False, highlight=False)
        if report.unplaced:
            console.print(t("cli_review.unplaced_head"), style="bold yellow")
            for c in report.unplaced:
                words = f" “{c.words}”" if c.words else ""
                console.print(f"  {c.author}: {c.text}{words}", markup=False, highlight=False)
    err().print(
        t(
            "cli_review.docx_imported",
            file=file,
            placed=len(report.placed),
            unplaced=len(report.unplaced),
            replies=len(report.replies),
            already=report.already,
        ),
        markup=False,
    )


@review_group.command("report", help=t("cli_review.report_help"))
@state_option
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help=t("cli_review.opt_out"),
)
@click.option("--force", is_flag=True, help=t("cli_review.opt_force"))
@with_project_option
def report_cmd(state: str | None, out: Path | None, force: bool) -> None:
    from qualcode.core.review.report import supervision_log
    from qualcode.export import review_log
    from qualcode.export.files import check_folder, save

    with open_project(readonly=True) as project:
        days = supervision_log(project, state)
        title = project.settings.title
        folder = out or project.paths.exports
    folder.mkdir(parents=True, exist_ok=True)
    check_folder(folder)
    stem = t("review_log.file_stem")
    written = [
        save(folder / f"{stem}.md", review_log.markdown_text(days, title).encode(), force=force),
        save(folder / f"{stem}.docx", review_log.docx_bytes(days, title), force=force),
    ]
    for w in written:
        click.echo(w.path)
    n = sum(len(day.entries) for day in days)
    err().print(t("cli_review.reported", n=n, days=len(days)), markup=False)

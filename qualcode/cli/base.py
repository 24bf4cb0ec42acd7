"""The ``main`` command group, shared options, output helpers and error reporting."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click

from qualcode.errors import InputLimitError, QualcodeError
from qualcode.i18n import t

MAX_NUMBER = 2**31 - 1
"""Largest sentence, turn or character number a command accepts."""


def check_number(value: int) -> int:
    """Refuse a number no source can reach (it would overflow the store's integers)."""
    if not -MAX_NUMBER <= value <= MAX_NUMBER:
        raise InputLimitError(t("safety.number_out_of_range", value=value, limit=MAX_NUMBER))
    return value


class _Number(click.ParamType):
    """A whole number within the range the store holds."""

    name = "integer"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> int:
        return check_number(click.INT.convert(value, param, ctx))


NUMBER = _Number()


@dataclass(slots=True)
class CliState:
    """Options given before the command."""

    project_dir: Path
    debug: bool = False
    acting: Any = None  # qualcode.settings.Acting: --as, --role, --review


def _console(stderr: bool = False):
    from rich.console import Console

    return Console(stderr=stderr, highlight=False, soft_wrap=True)


def out():
    """The console for data (stdout)."""
    return _console()


def err():
    """The console for messages and errors (stderr)."""
    return _console(stderr=True)


def echo_json(data: Any) -> None:
    """Print JSON to stdout (for scripts)."""
    click.echo(json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False))


def state(ctx: click.Context | None = None) -> CliState:
    """Return the options of the root command."""
    ctx = ctx or click.get_current_context()
    return ctx.find_root().obj


project_option = click.option(
    "--project",
    "project_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help=t("cli.opt_project"),
)


def with_project_option(func):
    """Let a command take ``--project DIR`` after its name too."""

    def store_dir(ctx: click.Context, _param: click.Parameter, value: Path | None) -> None:
        if value is not None:
            state(ctx).project_dir = value

    return click.option(
        "--project",
        "project_dir_local",
        type=click.Path(file_okay=False, path_type=Path),
        default=None,
        expose_value=False,
        callback=store_dir,
        is_eager=True,
        help=t("cli.opt_project"),
    )(func)


@contextmanager
def open_project(readonly: bool = False) -> Iterator[Any]:
    """Open the chosen project for one command, with a progress bar if it must be built first."""
    from qualcode.core.project import Project

    st = state()
    with progress_bar(t("cli.building")) as progress:
        project = Project.open(
            st.project_dir, readonly=readonly, progress=progress, acting=st.acting
        )
    for notice in project.notices:
        err().print(f"[yellow]{notice}[/]", markup=True, highlight=False)
    try:
        yield project
    finally:
        project.close()


@contextmanager
def progress_bar(label: str) -> Iterator[Any]:
    """Yield a ``progress(done, total, item)`` callback drawn as a bar on stderr.

    The bar (and rich.progress, a tenth of a second to import) is made only once work
    reports progress: a command on a project that needs no build never pays for it.
    """
    bar: Any = None
    task = None

    def update(done: int, total: int, item: str = "") -> None:
        nonlocal bar, task
        if task is None:
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

            bar = Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("{task.fields[item]}"),
                console=err(),
                transient=True,
            )
            bar.start()
            task = bar.add_task(label, total=total, item=item)
        bar.update(task, completed=done, total=total, item=item)

    try:
        yield update
    finally:
        if bar is not None:
            bar.stop()


# Commands in the order of the pipeline: collect, condense, display, conclude, export.
COMMAND_ORDER = (
    "init",
    "import",
    "status",
    "show",
    "informants",
    "informant",
    "codebook",
    "code",
    "uncode",
    "coding",
    "codings",
    "suggest",
    "search",
    "memo",
    "undo",
    "redo",
    "log",
    "backup",
    "matrix",
    "conclude",
    "indicator-verdict",
    "review",
    "export",
)


class QualcodeGroup(click.Group):
    """A group that lists commands in the pipeline's order, then any others by name."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        rank = {name: i for i, name in enumerate(COMMAND_ORDER)}
        return sorted(self.commands, key=lambda n: (rank.get(n, len(rank)), n))


@click.group(cls=QualcodeGroup, invoke_without_command=True, help=t("cli.main_help"))
@project_option
@click.option("--lang", type=click.Choice(["id", "en"]), default=None, help=t("cli.opt_lang"))
@click.option("--debug", is_flag=True, help=t("cli.opt_debug"))
@click.option("--as", "as_name", default=None, metavar="NAME", help=t("cli.opt_as"))
@click.option(
    "--role", type=click.Choice(["mahasiswa", "pembimbing"]), default=None, help=t("cli.opt_role")
)
@click.option("--review", "--read-only", "review", is_flag=True, help=t("cli.opt_review"))
@click.version_option(package_name="qualcode", message="qualcode %(version)s")
@click.pass_context
def main(
    ctx: click.Context,
    project_dir: Path | None,
    lang: str | None,
    debug: bool,
    as_name: str | None,
    role: str | None,
    review: bool,
) -> None:
    from qualcode.settings import Acting

    acting = Acting(name=(as_name or "").strip() or None, role=role, review=review)
    ctx.obj = CliState(project_dir=project_dir or Path("."), debug=debug, acting=acting)
    if ctx.invoked_subcommand is None:
        from qualcode.tui.app import run_app

        run_app(ctx.obj.project_dir, acting=acting)


def invoke(group: click.Group, argv: list[str]) -> int:
    """Run the CLI and turn every failure into a message and an exit code."""
    debug = "--debug" in argv
    try:
        result = group.main(argv, prog_name="qualcode", standalone_mode=False)
        return result if isinstance(result, int) else 0
    except QualcodeError as exc:
        if debug:
            raise
        return invoke_failure(exc)
    except click.exceptions.Abort:
        err().print(t("cli.aborted"))
        return 1
    except click.ClickException as exc:
        exc.show()
        return exc.exit_code
    except KeyboardInterrupt:
        err().print(t("cli.interrupted"))
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # noqa: BLE001 - the last line of defence against tracebacks
        if debug:
            raise
        named = _named_failure(exc)
        if named is not None:
            return invoke_failure(named)
        err().print(
            t("cli.unexpected", error=f"{type(exc).__name__}: {exc}")
            + "\n"
            + t("cli.unexpected_hint"),
            markup=False,
        )
        return 70


def _named_failure(exc: Exception) -> QualcodeError | None:
    """A full disk or an out-of-range number met outside the store's own handling."""
    from qualcode.core.store.db import disk_full_error, is_disk_full

    if is_disk_full(exc):
        return disk_full_error(exc)
    if isinstance(exc, OverflowError):
        return InputLimitError(t("safety.number_too_large", limit=MAX_NUMBER))
    return None


def invoke_failure(exc: QualcodeError) -> int:
    """Print a user error (message, then hint) and return its exit code."""
    console = err()
    console.print(f"[bold red]{t('cli.error')}:[/] {exc.message}", markup=True, highlight=False)
    if exc.hint:
        console.print(f"[dim]{exc.hint}[/]", markup=True, highlight=False)
    return exc.exit_code


def fail(message: str, hint: str | None = None) -> None:
    """Stop the command with a user error."""
    raise QualcodeError(message, hint)


def stdout_is_terminal() -> bool:
    return sys.stdout.isatty()

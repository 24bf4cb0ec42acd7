"""Project commands: init, import, status, show, informants, informant."""

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
    progress_bar,
    with_project_option,
)
from qualcode.i18n import t


@main.command("init", help=t("cli_project.init_help"))
@click.argument("directory", type=click.Path(path_type=Path))
@click.option("--title", default=None, help=t("cli_project.opt_title"))
@click.option("--codebook", default=None, help=t("cli_project.opt_codebook"))
def init_cmd(directory: Path, title: str | None, codebook: str | None) -> None:
    from qualcode.core.project import init_project

    root = init_project(directory, title=title, codebook=codebook)
    err().print(t("cli_project.init_done", path=root))


@main.command("import", help=t("cli_project.import_help"))
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@with_project_option
def import_cmd(paths: tuple[Path, ...]) -> int:
    from qualcode.core.sources.importing import collect_files, import_paths

    collect_files(paths)  # refuse a missing path before opening anything
    with open_project() as project, progress_bar(t("cli_project.importing")) as progress:
        report = import_paths(project, paths, progress=progress)
    console = out()
    for r in report.results:
        # keys: cli_project.status_{imported,updated,unchanged,failed}
        label = t(f"cli_project.status_{r.status}")
        line = f"{label:<12} {r.path}"
        if r.status == "updated":
            line += "  " + t("cli_project.moved", moved=r.moved, flagged=r.flagged)
        console.print(line, markup=False)
        for w in r.warnings:
            err().print(f"  {t('cli_project.warning')}: {r.path}: {w}", markup=False)
        if r.status == "failed":
            err().print(f"  {t('cli.error')}: {r.message}", markup=False)
    err().print(
        t(
            "cli_project.import_summary",
            imported=report.count("imported"),
            updated=report.count("updated"),
            unchanged=report.count("unchanged"),
            failed=report.count("failed"),
        )
    )
    return 1 if report.failed else 0


@main.command("status", help=t("cli_project.status_help"))
@click.option("--json", "as_json", is_flag=True, help=t("cli.opt_json"))
@with_project_option
def status_cmd(as_json: bool) -> None:
    from qualcode.core.sources.attention import needing_attention
    from qualcode.core.store import sources as repo
    from qualcode.core.store.consistency import codes_missing

    with open_project(readonly=True) as project:
        counts = repo.counts(project.store)
        attention = needing_attention(project.store)
        data = {
            "project": project.settings.title,
            "path": str(project.root),
            "codebook": project.settings.codebook,
            **counts,
            "codes_missing": codes_missing(project),
            "attention": [
                {"kind": a.kind, "ref": a.ref, "reason": a.reason, "message": a.message}
                for a in attention
            ],
        }
    if data["codes_missing"]:
        err().print(t("safety.codes_missing", codes=", ".join(data["codes_missing"])), markup=False)
    if as_json:
        echo_json(data)
        return
    from rich.table import Table

    table = Table(title=data["project"], show_header=False, title_justify="left")
    table.add_column(style="bold")
    table.add_column(justify="right")
    table.add_row(t("cli_project.codebook"), data["codebook"])
    for key in ("sources", "informants", "turns", "sentences", "codings", "flagged", "memos"):
        # keys: cli_project.count_{sources,informants,turns,sentences,codings,flagged,memos}
        table.add_row(t(f"cli_project.count_{key}"), str(data[key]))
    out().print(table)
    if attention:
        out().print(t("cli_project.attention", n=len(attention)), markup=False)
        for item in attention:
            out().print(f"  ⚠ {item.message}", markup=False)


@main.command("show", help=t("cli_project.show_help"))
@click.argument("source")
@click.option("--json", "as_json", is_flag=True, help=t("cli.opt_json"))
@with_project_option
def show_cmd(source: str, as_json: bool) -> None:
    from qualcode.core.store import sources as repo

    with open_project(readonly=True) as project:
        src = repo.one_source(project.store, source)
        informant = (
            repo.informant_by_id(project.store, src.informant_id) if src.informant_id else None
        )
        turns = repo.turns(project.store, src.id)
        sentences = repo.sentences(project.store, src.id)
    by_turn: dict[int, list] = {}
    for s in sentences:
        by_turn.setdefault(s.turn_id, []).append(s)
    if as_json:
        echo_json(
            {
                "source": src.path,
                "technique": src.technique,
                "informant": informant.code if informant else None,
                "turns": [
                    {
                        "index": tr.idx,
                        "speaker": tr.speaker,
                        "kind": tr.kind,
                        "start": tr.start,
                        "end": tr.end,
                        "timestamp": tr.timestamp,
                        "sentences": [
                            {
                                "index": s.idx,
                                "start": s.start,
                                "end": s.end,
                                "text": src.text[s.start : s.end],
                            }
                            for s in by_turn.get(tr.id, [])
                        ],
                    }
                    for tr in turns
                ],
            }
        )
        return
    console = out()
    who = f"{informant.code} {informant.pseudonym} ({informant.role})" if informant else "—"
    console.print(f"[bold]{src.path}[/]  {src.technique}  {who}")
    for tr in turns:
        style = "dim" if tr.kind == "interviewer" else "bold"
        stamp = f"[{tr.timestamp}] " if tr.timestamp else ""
        console.print(
            f"\n[{style}]{stamp}{tr.speaker or '—'}[/] [dim]({tr.kind}, {tr.start}–{tr.end})[/]"
        )
        for s in by_turn.get(tr.id, []):
            text = src.text[s.start : s.end].replace("\n", " ")
            console.print(
                f"  [dim]{s.idx:>4} {s.start:>6}–{s.end:<6}[/] {text}", highlight=False, markup=True
            )


@main.group(
    "informants",
    cls=QualcodeGroup,
    invoke_without_command=True,
    subcommand_metavar="[COMMAND [ARGS]...]",
    help=t("cli_project.informants_help"),
)
@click.option("--json", "as_json", is_flag=True, help=t("cli.opt_json"))
@with_project_option
@click.pass_context
def informants_cmd(ctx: click.Context, as_json: bool) -> None:
    if ctx.invoked_subcommand is None:
        _list_informants(as_json)


@informants_cmd.command("merge", help=t("cli_project.informants_merge_help"))
@click.argument("code", metavar="CODE")
@click.argument("into", metavar="INTO_CODE")
@with_project_option
def informants_merge_cmd(code: str, into: str) -> None:
    from qualcode.core.sources.informants import field_label, merge_informants

    with open_project() as project:
        done = merge_informants(project, code, into)
    console = out()
    console.print(
        t("cli_project.merged", code=done.merged, into=done.into.code, n=len(done.sources)),
        markup=False,
    )
    for name in done.sources:
        console.print(f"  {name}", markup=False)
    if done.memos:
        console.print(t("cli_project.merged_memos", n=done.memos), markup=False)
    if done.filled:
        filled = ", ".join(field_label(name) for name in done.filled)
        console.print(t("cli_project.merged_filled", fields=filled), markup=False)
    for name, kept, dropped in done.kept:
        said = t("cli_project.merged_kept", field=field_label(name), kept=kept, dropped=dropped)
        console.print(said, markup=False)
    if done.backup:
        console.print(t("cli_project.merged_undo", id=done.backup), markup=False)


@informants_cmd.command("remove", help=t("cli_project.informants_remove_help"))
@click.argument("code", metavar="CODE")
@with_project_option
def informants_remove_cmd(code: str) -> None:
    from qualcode.core.sources.informants import remove_informant

    with open_project() as project:
        gone = remove_informant(project, code)
    out().print(t("cli_project.removed", code=gone.code), markup=False)


def _list_informants(as_json: bool) -> None:
    from qualcode.core.store import sources as repo

    with open_project(readonly=True) as project:
        people = repo.informants(project.store)
        srcs = repo.sources(project.store, with_text=False)
    per = {}
    for s in srcs:
        per[s.informant_id] = per.get(s.informant_id, 0) + 1
    if as_json:
        echo_json(
            [
                {
                    "code": i.code,
                    "pseudonym": i.pseudonym,
                    "role": i.role,
                    "group": i.group,
                    "category": i.category,
                    "sources": per.get(i.id, 0),
                    "attributes": i.attributes,
                }
                for i in people
            ]
        )
        return
    from rich.table import Table

    table = Table()
    for key in ("code", "pseudonym", "role", "group", "category", "sources"):
        # keys: cli_project.col_{code,pseudonym,role,group,category,sources}
        table.add_column(t(f"cli_project.col_{key}"))
    for i in people:
        table.add_row(
            i.code, i.pseudonym, i.role, i.group or "—", i.category or "—", str(per.get(i.id, 0))
        )
    out().print(table)


@main.command("informant", help=t("cli_project.informant_help"))
@click.argument("code")
@click.option("--code", "new_code", default=None, help=t("cli_project.opt_new_code"))
@click.option("--pseudonym", default=None, help=t("cli_project.opt_pseudonym"))
@click.option("--role", default=None, help=t("cli_project.opt_role"))
@click.option(
    "--group",
    type=click.Choice(["aparatur", "masyarakat"]),
    default=None,
    help=t("cli_project.opt_group"),
)
@click.option(
    "--category",
    type=click.Choice(["kunci", "utama", "pendukung"]),
    default=None,
    help=t("cli_project.opt_category"),
)
@click.option("--set", "attrs", multiple=True, metavar="KEY=VALUE", help=t("cli_project.opt_set"))
@with_project_option
def informant_cmd(code, new_code, pseudonym, role, group, category, attrs) -> None:
    from qualcode.core.sources.informants import set_attributes

    extra = {}
    for item in attrs:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise click.BadParameter(t("cli_project.bad_set", item=item), param_hint="--set")
        extra[key.strip()] = value.strip()
    with open_project() as project:
        informant = set_attributes(
            project,
            code,
            code=new_code,
            pseudonym=pseudonym,
            role=role,
            group=group,
            category=category,
            attributes=extra,
        )
    out().print(
        f"{informant.code}  {informant.pseudonym}  {informant.role}  "
        f"{informant.group}  {informant.category}",
        markup=False,
    )

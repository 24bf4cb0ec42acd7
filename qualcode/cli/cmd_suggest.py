"""Auto-suggest and search commands: ``qualcode suggest`` and ``qualcode search``."""

from __future__ import annotations

import sys

import click

from qualcode.cli.base import (
    echo_json,
    err,
    main,
    open_project,
    out,
    progress_bar,
    stdout_is_terminal,
    with_project_option,
)
from qualcode.cli.cmd_coding import POLARITY_CHOICE
from qualcode.core.records import TECHNIQUES
from qualcode.core.store.sources import one_source
from qualcode.core.suggest.explain import explain_similar
from qualcode.errors import CodingError, QualcodeError
from qualcode.i18n import t

TECHNIQUE_CHOICE = click.Choice(TECHNIQUES)


def _confirm(question: str) -> bool:
    """Ask on the terminal; without one (a script, CI) refuse and say that --yes is needed."""
    try:
        interactive = sys.stdin.isatty()
    except (AttributeError, ValueError, OSError):
        interactive = False
    if not interactive:
        err().print(t("cli_suggest.needs_yes"), highlight=False)
        return False
    return click.confirm(question, err=True, default=False)


def _parse_target(value: str) -> tuple[str, int, str]:
    """Split SOURCE:SENTENCE:CODE (the source may itself hold colons only before the last two)."""
    parts = value.rsplit(":", 2)
    if (
        len(parts) != 3
        or not parts[1].strip().isdigit()
        or not parts[0].strip()
        or not parts[2].strip()
    ):
        raise QualcodeError(
            t("cli_suggest.bad_target", value=value), t("cli_suggest.bad_target_hint")
        )
    return parts[0].strip(), int(parts[1]), parts[2].strip()


def _label(store, source_id: int, cache: dict[int, str]) -> str:
    if source_id not in cache:
        from qualcode.core.store.codings import source_label

        cache[source_id] = source_label(store, source_id) or str(source_id)
    return cache[source_id]


def _suggestion_json(s, label: str) -> dict:
    return {
        "source": label,
        "source_id": s.source_id,
        "sentence": s.sentence_idx,
        "start": s.start,
        "end": s.end,
        "code": s.code_id,
        "dimension": s.dimension_id,
        "polarity": s.polarity,
        "score": s.score,
        "confidence": s.score,
        "learned": s.learned,
        "matched": list(s.matched),
        "similar": [
            {"text": x.text, "informant": x.informant, "code": x.code_id} for x in s.similar
        ],
        "text": s.text,
    }


def _print_suggestions(rows: list[tuple[str, object]]) -> None:
    console = out()
    for label, s in rows:
        if s.matched:
            matched = ", ".join(s.matched)
        else:
            matched = t("suggest_explain.no_keywords" if s.learned else "cli_suggest.from_context")
        text = " ".join(s.text.split())
        console.print(
            f"{label:<6} {s.sentence_idx:>4}  {s.code_id:<26} {s.polarity:<10} "
            f"{round(s.score * 100):>3}%  [{matched}]  {text}",
            markup=False,
            highlight=False,
            soft_wrap=True,
        )
        for similar in s.similar:
            console.print(
                "      ≈ " + explain_similar(similar),
                markup=False,
                highlight=False,
                soft_wrap=True,
            )


@main.command("suggest", help=t("cli_suggest.suggest_help"))
@click.argument("source", required=False)
@click.option(
    "--limit",
    type=click.IntRange(min=1),
    default=None,
    metavar="N",
    help=t("cli_suggest.opt_limit"),
)
@click.option(
    "--top", type=click.IntRange(1, 6), default=2, show_default=True, help=t("cli_suggest.opt_top")
)
@click.option(
    "--min-score",
    type=click.FloatRange(0.0, 1.0),
    default=None,
    help=t("cli_suggest.opt_min_score"),
)
@click.option(
    "--accept",
    "accept_target",
    default=None,
    metavar="SOURCE:SENTENCE:CODE",
    help=t("cli_suggest.opt_accept"),
)
@click.option(
    "--reject",
    "reject_target",
    default=None,
    metavar="SOURCE:SENTENCE:CODE",
    help=t("cli_suggest.opt_reject"),
)
@click.option("--accept-all", is_flag=True, help=t("cli_suggest.opt_accept_all"))
@click.option("--summary", "-s", default=None, help=t("cli_suggest.opt_summary"))
@click.option(
    "--polarity", "-p", type=POLARITY_CHOICE, default=None, help=t("cli_suggest.opt_polarity")
)
@click.option("--no-learn", "no_learn", is_flag=True, help=t("suggest_explain.opt_no_learn"))
@click.option("--yes", "-y", is_flag=True, help=t("cli_suggest.opt_yes"))
@click.option("--json", "as_json", is_flag=True, help=t("cli.opt_json"))
@with_project_option
def suggest_cmd(
    source,
    limit,
    top,
    min_score,
    accept_target,
    reject_target,
    accept_all,
    summary,
    polarity,
    no_learn,
    yes,
    as_json,
):
    actions = [
        n
        for n, v in (
            ("--accept", accept_target),
            ("--reject", reject_target),
            ("--accept-all", accept_all),
        )
        if v
    ]
    if len(actions) > 1:
        raise QualcodeError(t("cli_suggest.one_action", given=", ".join(actions)))
    if (summary is not None or polarity is not None) and not accept_target:
        raise QualcodeError(t("cli_suggest.accept_only"), t("cli_suggest.accept_only_hint"))
    if accept_target:
        return _accept_one(accept_target, summary, polarity, as_json)
    if reject_target:
        return _reject_one(reject_target)
    if accept_all and min_score is None:
        raise QualcodeError(t("cli_suggest.min_score_needed"), t("cli_suggest.min_score_hint"))
    return _list_or_accept_all(
        source, limit, top, min_score, accept_all, yes, as_json, learn=not no_learn
    )


def _list_or_accept_all(
    source, limit, top, min_score, accept_all, yes, as_json, *, learn: bool
) -> int:
    from qualcode.core import suggest as core

    with open_project(readonly=not accept_all) as project:
        store = project.store
        if source:
            src = one_source(store, source)
            found = core.suggest_for_source(project, src.id, top_k=top, learn=learn)
        else:
            with progress_bar(t("cli_suggest.suggesting")) as progress:
                found = list(core.suggest_all(project, top_k=top, learn=learn, progress=progress))
        if min_score is not None:
            found = [s for s in found if s.score >= min_score]
        if limit is not None:
            found = found[:limit]
        labels: dict[int, str] = {}
        rows = [(_label(store, s.source_id, labels), s) for s in found]
        if as_json and not accept_all:
            echo_json([_suggestion_json(s, label) for label, s in rows])
            return 0
        _print_suggestions(rows)
        if any(s.learned for _, s in rows):
            err().print(t("suggest_explain.learned"), highlight=False)
        err().print(t("cli_suggest.count", n=len(rows)), highlight=False)
        if not accept_all:
            return 0
        if not rows:
            raise QualcodeError(t("cli_suggest.nothing_to_accept"))
        if not yes and not _confirm(t("cli_suggest.confirm_all", n=len(rows))):
            err().print(t("cli_suggest.not_done"))
            return 1
        made = core.accept_many(project, [s for _, s in rows])
    err().print(t("cli_suggest.accepted_all", n=len(made)), highlight=False)
    if as_json:
        echo_json([c.id for c in made])
    return 0


def _accept_one(target: str, summary, polarity, as_json) -> int:
    from qualcode.core import suggest as core

    ref, idx, code = _parse_target(target)
    with open_project() as project:
        src = one_source(project.store, ref)
        suggestion = core.suggestion_for(project, src.id, idx, code)
        made = core.accept(project, suggestion, summary=summary, polarity=polarity)
    if as_json:
        echo_json(
            {
                "id": made.id,
                "code": made.code_id,
                "polarity": made.polarity,
                "summary": made.summary,
            }
        )
    else:
        click.echo(made.id)
    err().print(
        t(
            "cli_suggest.accepted",
            id=made.id,
            code=made.code_id,
            source=src.path,
            n=idx,
            polarity=made.polarity,
        ),
        markup=False,
        highlight=False,
    )
    return 0


def _reject_one(target: str) -> int:
    from qualcode.core import suggest as core

    ref, idx, code = _parse_target(target)
    with open_project() as project:
        src = one_source(project.store, ref)
        suggestion = core.suggestion_for(project, src.id, idx, code)
        made = core.reject(project, suggestion)
    key = "cli_suggest.rejected" if made else "cli_suggest.already_rejected"
    err().print(t(key, code=code, source=src.path, n=idx), markup=False, highlight=False)
    return 0


# -- search ------------------------------------------------------------------------------------
def _hit_json(h) -> dict:
    return {
        "source_id": h.source_id,
        "source": h.source_name,
        "informant": h.informant_code or None,
        "sentence": h.sentence_idx,
        "start": h.start,
        "end": h.end,
        "score": h.score,
        "left": h.kwic_left,
        "match": h.match,
        "right": h.kwic_right,
        "speaker": h.speaker,
    }


def _print_hits(hits) -> None:
    from rich.markup import escape

    console = out()
    rich = stdout_is_terminal()
    for h in hits:
        who = h.informant_code or h.source_name
        where = f"{who:<6} {h.sentence_idx if h.sentence_idx is not None else '—':>4}"
        if rich:
            left, match, right = escape(h.kwic_left), escape(h.match), escape(h.kwic_right)
            line = f"{escape(where)}  {left}[bold reverse]{match}[/]{right}"
            console.print(line, highlight=False, soft_wrap=True)
        else:
            console.print(
                f"{where}  {h.kwic_left}[{h.match}]{h.kwic_right}",
                markup=False,
                highlight=False,
                soft_wrap=True,
            )


@main.command("search", help=t("cli_suggest.search_help"))
@click.argument("query")
@click.option("--informant", "-i", default=None, help=t("cli_suggest.opt_informant"))
@click.option("--group", "-g", default=None, help=t("cli_suggest.opt_group"))
@click.option(
    "--technique", type=TECHNIQUE_CHOICE, default=None, help=t("cli_suggest.opt_technique")
)
@click.option("--coded-with", default=None, metavar="CODE", help=t("cli_suggest.opt_coded_with"))
@click.option(
    "--coded-polarity", type=POLARITY_CHOICE, default=None, help=t("cli_suggest.opt_coded_polarity")
)
@click.option("--coded/--uncoded", "coded", default=None, help=t("cli_suggest.opt_coded"))
@click.option("--exact", is_flag=True, help=t("cli_suggest.opt_exact"))
@click.option(
    "--limit",
    type=click.IntRange(min=1),
    default=200,
    show_default=True,
    help=t("cli_suggest.opt_search_limit"),
)
@click.option("--code", "code_as", default=None, metavar="CODE", help=t("cli_suggest.opt_code"))
@click.option(
    "--polarity", "-p", type=POLARITY_CHOICE, default=None, help=t("cli_suggest.opt_code_polarity")
)
@click.option("--summary", "-s", default=None, help=t("cli_suggest.opt_code_summary"))
@click.option("--yes", "-y", is_flag=True, help=t("cli_suggest.opt_yes"))
@click.option("--json", "as_json", is_flag=True, help=t("cli.opt_json"))
@with_project_option
def search_cmd(
    query,
    informant,
    group,
    technique,
    coded_with,
    coded_polarity,
    coded,
    exact,
    limit,
    code_as,
    polarity,
    summary,
    yes,
    as_json,
) -> int:
    from qualcode.core.search.query import code_hits, search

    if (polarity is not None or summary is not None) and code_as is None:
        raise CodingError(t("cli_suggest.code_needed"), t("cli_suggest.code_needed_hint"))
    if code_as is not None and polarity is None:
        raise CodingError(t("cli_suggest.polarity_needed"), t("cli_suggest.polarity_needed_hint"))
    with open_project(readonly=code_as is None) as project:
        hits = search(
            project,
            query,
            informant=informant,
            group=group,
            technique=technique,
            code=coded_with,
            polarity=coded_polarity,
            coded=coded,
            fuzzy=not exact,
            limit=limit,
        )
        if as_json and code_as is None:
            echo_json([_hit_json(h) for h in hits])
            return 0
        _print_hits(hits)
        err().print(t("cli_suggest.hits", n=len(hits)), highlight=False)
        if code_as is None:
            return 0
        if not hits:
            raise CodingError(t("search.nothing_to_code"), t("search.nothing_to_code_hint"))
        if not yes and not _confirm(t("cli_suggest.confirm_code", n=len(hits), code=code_as)):
            err().print(t("cli_suggest.not_done"))
            return 1
        made = code_hits(project, hits, code_as, polarity, summary)
    err().print(
        t("cli_suggest.coded_hits", n=len(made), code=code_as, skipped=len(hits) - len(made)),
        highlight=False,
    )
    if as_json:
        echo_json([c.id for c in made])
    return 0

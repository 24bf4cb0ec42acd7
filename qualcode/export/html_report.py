"""The evidence report for the browser: one self-contained HTML file (inline CSS and JS, no
network, no server) that opens from a USB stick or a chat attachment.

Every display (the list of quotes aside: every cell already expands to its quotes), each cell
with codings expanding on a click to its quotes — informant, role, source, turn, the words,
polarity and summary — and to the review threads on it; the conclusions with their verification
flags and evidence; and every review thread. The quotes are one JSON block the script reads, so a
cell carries only its coding ids.
"""

from __future__ import annotations

import json
from bisect import bisect_right
from collections.abc import Sequence
from html import escape
from pathlib import Path
from typing import Any

from qualcode.core.records import ReviewThread
from qualcode.core.review.anchors import cell_target
from qualcode.core.review.report import LogEntry, local_date, target_texts
from qualcode.core.review.targets import cell_key, state_label, target_label
from qualcode.core.review.targets import who_label as _who
from qualcode.core.store import review_sql
from qualcode.core.table import Table
from qualcode.i18n import get_language, t

LEFT_OUT = ("quotes",)  # the list of every quote: each cell already expands to its own

ASSETS = Path(__file__).resolve().parent  # evidence.css and evidence.js, inlined


def _asset(suffix: str) -> str:
    return (ASSETS / f"evidence.{suffix}").read_text(encoding="utf-8")


def _json_block(element_id: str, data: Any) -> str:
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
    return f'<script type="application/json" id="{element_id}">{text}</script>'


def _state(th: ReviewThread) -> str:
    return state_label(th.state, th.mark)


def _thread_json(th: ReviewThread) -> dict[str, Any]:
    return {
        "label": target_label(th.target_kind, th.target),
        "state": _state(th),
        "messages": [
            [_who(m.author, m.author_role), local_date(m.created_at), m.body] for m in th.messages
        ],
    }


def _quotes(project, facts) -> dict[int, tuple]:
    """Every coding as the script shows it: who, role, source, turn, words, polarity, code id,
    summary (code and polarity labels travel once, in the labels block)."""
    from qualcode.core.store.analysis import coding_quotes

    quotes = coding_quotes(project.store)
    starts = review_sql.turn_starts(project.store)
    out: dict[int, tuple] = {}
    for f in facts:
        turn = bisect_right(starts.get(f.source_id, (0,)), f.start)
        out[f.id] = (
            f.informant or f.source_name,
            f.role,
            f.source_name,
            turn,
            quotes.get(f.id, ""),
            f.polarity,
            f.code_id,
            f.summary,
        )
    return out


def _labels(project, facts) -> dict[str, Any]:
    """The words the script needs: its own, and each code's and polarity's label."""
    from qualcode.core.analysis.facts import polarity_label

    codebook = project.codebook
    codes = {f.code_id for f in facts}
    return {
        "turn": t("html_report.turn"),
        "summary": t("html_report.summary"),
        "quotes": t("html_report.quotes"),
        "more": t("html_report.more"),
        "codes": {c: codebook.code(c).label if codebook.has(c) else c for c in codes},
        "polarities": {p: polarity_label(p) for p in ("pendukung", "penghambat", "netral")},
    }


def _badges(threads: Sequence[ReviewThread]) -> str:
    if not threads:
        return ""
    marks = [th.mark for th in threads if th.mark]
    out = f'<span class="badge">{escape(t("html_report.threads_badge", n=len(threads)))}</span>'
    if marks:
        mark = escape(state_label(threads[-1].state, marks[-1]).split(" · ")[-1])
        out += f'<span class="badge {marks[-1]}">{mark}</span>'
    return out


def _table_html(table: Table, uid_of, threads_on, thread_ids) -> str:
    parts = [f"<table><thead><tr>{''.join(f'<th>{escape(c.label)}</th>' for c in table.columns)}"]
    parts.append("</tr></thead><tbody>")
    keys = [c.key for c in table.columns]
    width = len(keys)
    for group, rows in table.groups():
        if group:
            parts.append(f'<tr><td class="g" colspan="{width}">{escape(group)}</td></tr>')
        for row in rows:
            parts.append("<tr>")
            for j, cell in enumerate(row.cells):
                column = keys[j] if j < width else str(j)
                lines = "".join(f"<p>{escape(line)}</p>" for line in cell.text.split("\n"))
                style = f' class="{cell.style}"' if cell.style else ""
                if not cell.codings:
                    parts.append(f"<td{style}>{lines}</td>")
                    continue
                on: list[ReviewThread] = []
                if threads_on:
                    target = cell_target(table, row.key, column, cell.codings, uid_of)
                    on = threads_on.get((target.kind, target.target), [])
                tid = ""
                if on:
                    number = thread_ids.setdefault((target.kind, target.target), len(thread_ids))
                    tid = f' data-t="{number}"'
                ids = ",".join(map(str, dict.fromkeys(cell.codings)))
                key = escape(cell_key(table.kind, row.key, column))
                parts.append(
                    f'<td{style} data-k="{key}" data-c="{ids}"{tid}>{lines}{_badges(on)}</td>'
                )
            parts.append("</tr>")
    parts.append("</tbody></table>")
    if table.notes:
        parts.append("".join(f'<p class="note">{escape(n)}</p>' for n in table.notes))
    return "".join(parts)


def _conclusions_html(project, threads_on) -> str:
    from qualcode.core.analysis.conclusions import evidence_of, flags_for, get_conclusions
    from qualcode.core.analysis.facts import load

    analysis = load(project.store, project.codebook, project.settings)
    parts = []
    for conclusion in get_conclusions(project):
        dimension = project.codebook.code(conclusion.dimension_id).label
        parts.append(f"<h3>{escape(dimension)}</h3>")
        verdict = conclusion.verdict or "—"
        parts.append(f"<p><b>{escape(t('html_report.verdict'))}:</b> {escape(verdict)}</p>")
        if conclusion.statement:
            parts.append(f"<p>{escape(conclusion.statement)}</p>")
        for flag in flags_for(analysis, conclusion):
            parts.append(f'<p class="flag">⚑ {escape(flag.message)}</p>')
        for th in threads_on.get(("conclusion", conclusion.dimension_id), []):
            parts.append(_thread_html(th, target_label(th.target_kind, th.target), ""))
        evidence = evidence_of(analysis, conclusion)
        summary = escape(t("html_report.evidence", n=len(evidence)))
        ids = ",".join(str(f.id) for f in evidence)
        parts.append(f'<details data-e="{ids}"><summary>{summary}</summary></details>')
    return "".join(parts)


def _thread_html(th: ReviewThread, label: str, about: str) -> str:
    parts = [f'<div class="thread"><h4>#{th.id} {escape(label)} — {escape(_state(th))}</h4>']
    if about:
        parts.append(f'<p class="note">{escape(about)}</p>')
    if th.anchor and th.anchor not in about:
        parts.append(f'<p class="note">“{escape(th.anchor)}”</p>')
    for m in th.messages:
        who = escape(_who(m.author, m.author_role))
        parts.append(f'<div class="msg"><b>{who}</b> ({local_date(m.created_at)}): ')
        parts.append(f"{escape(m.body)}</div>")
    parts.append("</div>")
    return "".join(parts)


def html_report(project, tables: Sequence[Table]) -> str:
    """Return the evidence report of ``tables`` (and the project's conclusions and reviews)."""
    from qualcode.core.analysis.facts import load

    facts = load(project.store, project.codebook, project.settings).facts  # the displays' own
    uid_of = {f.id: f.uid for f in facts}
    threads = review_sql.list_threads(project.store)
    threads_on: dict[tuple[str, str], list[ReviewThread]] = {}
    for th in threads:
        threads_on.setdefault((th.target_kind, th.target), []).append(th)
    thread_ids: dict[tuple[str, str], int] = {}
    title = project.settings.title
    sections = []
    toc = []
    for n, table in enumerate(tables, start=1):
        anchor = f"t{n}"
        toc.append(f'<a href="#{anchor}">{n}. {escape(table.title)}</a>')
        body = _table_html(table, uid_of, threads_on, thread_ids)
        sections.append(
            f'<section id="{anchor}"><h2>{n}. {escape(table.title)}</h2>{body}</section>'
        )
    toc.append(f'<a href="#kesimpulan">{escape(t("html_report.conclusions"))}</a>')
    sections.append(
        f'<section id="kesimpulan"><h2>{escape(t("html_report.conclusions"))}</h2>'
        f"{_conclusions_html(project, threads_on)}</section>"
    )
    texts = target_texts(project, threads)
    entries = [
        LogEntry(
            th, target_label(th.target_kind, th.target), texts.get((th.target_kind, th.target), "")
        )
        for th in sorted(threads, key=lambda th: th.updated_at, reverse=True)
    ]
    toc.append(f'<a href="#telaah">{escape(t("html_report.reviews"))} ({len(threads)})</a>')
    reviews = "".join(_thread_html(e.thread, e.label, e.about) for e in entries) or (
        f'<p class="muted">{escape(t("review_log.empty"))}</p>'
    )
    sections.append(
        f'<section id="telaah"><h2>{escape(t("html_report.reviews"))}</h2>{reviews}</section>'
    )
    panel_threads = {
        str(number): [_thread_json(th) for th in threads_on.get(key, [])]
        for key, number in thread_ids.items()
    }
    labels = _labels(project, facts)
    lang = get_language()
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)} — {escape(t('html_report.title'))}</title>"
        f"<style>{_asset('css')}</style></head><body>"
        f"<header><h1>{escape(title)}</h1><p>{escape(t('html_report.subtitle'))}</p></header>"
        f"<main><nav>{''.join(toc)}</nav>{''.join(sections)}</main>"
        f"{_json_block('qc-quotes', _quotes(project, facts))}"
        f"{_json_block('qc-threads', panel_threads)}"
        f"{_json_block('qc-labels', labels)}"
        f"<script>{_asset('js')}</script></body></html>"
    )

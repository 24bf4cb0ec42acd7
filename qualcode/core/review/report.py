"""The supervision log: every thread with its target, what it is about, the supervisor's words,
the student's answer and the state, grouped by date — what a student brings to a bimbingan."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from qualcode.core.records import ReviewThread
from qualcode.core.review.targets import split_cell, target_label
from qualcode.core.store import analysis as analysis_repo
from qualcode.core.store import review_sql as repo
from qualcode.i18n import t


@dataclass(frozen=True, slots=True)
class LogEntry:
    """One thread as the log shows it: its target's label and the words it is about."""

    thread: ReviewThread
    label: str
    about: str


@dataclass(frozen=True, slots=True)
class LogDay:
    """The threads opened on one day (local date, ISO)."""

    date: str
    entries: tuple[LogEntry, ...]


def local_date(at: str) -> str:
    """Return the local calendar date of a stored timestamp."""
    try:
        return datetime.fromisoformat(at).astimezone().date().isoformat()
    except ValueError:
        return at[:10]


def target_texts(project, threads: list[ReviewThread]) -> dict[tuple[str, str], str]:
    """Return, per (kind, target), the words a reader needs to see what a thread is about."""
    store = project.store
    wanted = {(th.target_kind, th.target) for th in threads}
    out: dict[tuple[str, str], str] = {}
    coding_uids = [target for kind, target in wanted if kind == "coding"]
    if coding_uids:
        from qualcode.core.store.codings import coding_by_uid

        for uid in coding_uids:
            found = coding_by_uid(store, uid)
            out[("coding", uid)] = (
                f"“{found.quote}” — {found.code_id}, {found.polarity}"
                + (f": {found.summary}" if found.summary else "")
                if found
                else t("review.target_gone")
            )
    conclusions = analysis_repo.conclusion_rows(store)
    verdicts = analysis_repo.indicator_verdicts(store)
    for kind, target in wanted:
        if kind == "conclusion":
            row = conclusions.get(target)
            out[(kind, target)] = f"{row.verdict}: {row.statement}".strip(": ") if row else ""
        elif kind == "verdict":
            v = verdicts.get(target)
            out[(kind, target)] = (
                f"{v.verdict}" + (f" — {v.note}" if v and v.note else "") if v else ""
            )
        elif kind == "cell":
            display, row_key, column = split_cell(target)
            out[(kind, target)] = t(
                "review.cell_about", display=display, row=row_key, column=column
            )
        elif kind == "memo":
            from qualcode.core.store.memos import memo_by_uid

            memo = memo_by_uid(store, target)
            out[(kind, target)] = memo.body if memo else t("review.target_gone")
    return out


def supervision_log(project, state: str | None = None) -> list[LogDay]:
    """Return the threads (optionally of one state, or ``unresolved``) grouped by the day they
    were opened, oldest day first, each day in the order its threads were opened."""
    states = ("open", "answered") if state == "unresolved" else (state,) if state else None
    threads = repo.list_threads(project.store, states=states)
    texts = target_texts(project, threads)
    days: dict[str, list[LogEntry]] = {}
    for th in threads:
        entry = LogEntry(
            th,
            target_label(th.target_kind, th.target),
            texts.get((th.target_kind, th.target), ""),
        )
        days.setdefault(local_date(th.created_at), []).append(entry)
    return [LogDay(day, tuple(entries)) for day, entries in sorted(days.items())]

"""The supervision log as Markdown and as a Word document (``qualcode review report``)."""

from __future__ import annotations

import io
from collections.abc import Sequence

from qualcode.core.review.report import LogDay, LogEntry, local_date
from qualcode.core.review.targets import state_label
from qualcode.core.review.targets import who_label as _who
from qualcode.i18n import t


def _state(entry: LogEntry) -> str:
    return state_label(entry.thread.state, entry.thread.mark)


def _time(at: str) -> str:
    return at[11:16] if len(at) >= 16 else ""


def markdown_text(days: Sequence[LogDay], title: str) -> str:
    """Return the log as Markdown: a heading per day, a section per thread."""
    lines = [f"# {t('review_log.title')} — {title}", ""]
    if not days:
        lines.append(t("review_log.empty"))
    for day in days:
        lines += [f"## {day.date}", ""]
        for entry in day.entries:
            th = entry.thread
            lines.append(f"### #{th.id} {entry.label} — {_state(entry)}")
            lines.append("")
            if entry.about:
                lines += [f"> {entry.about}", ""]
            if th.anchor and th.anchor not in entry.about:
                lines += [f"{t('review_log.anchor')}: “{th.anchor}”", ""]
            for m in th.messages:
                when = f"{local_date(m.created_at)} {_time(m.created_at)}".strip()
                lines.append(f"- **{_who(m.author, m.author_role)}** ({when}): {m.body}")
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def docx_bytes(days: Sequence[LogDay], title: str) -> bytes:
    """Return the log as a Word document: a heading per day, a paragraph per message."""
    from docx import Document
    from docx.shared import Pt

    document = Document()
    style = document.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(12)
    document.add_heading(f"{t('review_log.title')} — {title}", level=1)
    if not days:
        document.add_paragraph(t("review_log.empty"))
    for day in days:
        document.add_heading(day.date, level=2)
        for entry in day.entries:
            th = entry.thread
            document.add_heading(f"#{th.id} {entry.label} — {_state(entry)}", level=3)
            if entry.about:
                document.add_paragraph(entry.about, style="Quote")
            if th.anchor and th.anchor not in entry.about:
                document.add_paragraph(f"{t('review_log.anchor')}: “{th.anchor}”")
            for m in th.messages:
                para = document.add_paragraph(style="List Bullet")
                para.add_run(_who(m.author, m.author_role)).bold = True
                para.add_run(f" ({local_date(m.created_at)} {_time(m.created_at)}): {m.body}")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()

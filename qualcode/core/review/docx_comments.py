"""Comments a supervisor made in Word or LibreOffice on an exported DOCX, brought back as review
threads on what they were made on.

The file's own XML is read (``word/comments.xml``, the ``commentRangeStart`` / ``commentRangeEnd``
marks in ``word/document.xml``, and ``word/commentsExtended.xml`` for replies), so any writer's
comments are understood. Each comment goes to the innermost qualcode bookmark (``anchors``) open
where it starts, else the first one starting inside it; one outside every table becomes a
project-level thread — never dropped. A reply (``paraIdParent``) becomes a message in its parent's
thread. Each comment is fingerprinted (author, date, text, words), so importing the same file
again adds nothing.
"""

from __future__ import annotations

import hashlib
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from qualcode.core.review.anchors import PREFIX, AnchorTarget, anchor_map, base_name
from qualcode.core.review.targets import target_label
from qualcode.core.review.threads import NewThread, open_thread
from qualcode.core.store import review_sql as repo
from qualcode.core.store.db import utc_now
from qualcode.core.table import Table
from qualcode.errors import QualcodeError
from qualcode.i18n import t

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
W14 = "{http://schemas.microsoft.com/office/word/2010/wordml}"
W15 = "{http://schemas.microsoft.com/office/word/2012/wordml}"


@dataclass(frozen=True, slots=True)
class WordComment:
    """One comment as the document holds it."""

    id: str
    author: str
    date: str
    text: str
    words: str = ""  # the document's words the comment was made on
    bookmark: str = ""  # the qualcode bookmark it sits in ("" when none)
    parent: str = ""  # the id of the comment it replies to
    enclosing: tuple[str, ...] = ()  # the qualcode bookmarks around ``bookmark``, inner first

    @property
    def fingerprint(self) -> str:
        raw = "\x1f".join((self.author, self.date, self.text, self.words))
        return "docx:" + hashlib.sha1(raw.encode("utf-8")).hexdigest()[:16]


@dataclass(slots=True)
class DocxImport:
    """What importing a commented DOCX did: placed comments (with their target label),
    unplaced ones (kept as project threads), replies, and comments already imported."""

    placed: list[tuple[WordComment, str]] = field(default_factory=list)
    unplaced: list[WordComment] = field(default_factory=list)
    replies: list[WordComment] = field(default_factory=list)
    already: int = 0

    @property
    def total(self) -> int:
        return len(self.placed) + len(self.unplaced) + len(self.replies)


# -- reading the document ------------------------------------------------------------------------
def _xml(archive: zipfile.ZipFile, name: str):
    from lxml import etree

    try:
        data = archive.read(name)
    except KeyError:
        return None
    return etree.fromstring(data, parser=etree.XMLParser(resolve_entities=False, huge_tree=True))


def _text(element) -> str:
    paragraphs = []
    for p in element.iter(f"{W}p"):
        paragraphs.append("".join(node.text or "" for node in p.iter(f"{W}t")))
    return "\n".join(paragraphs).strip()


def _date(value: str | None) -> str:
    if not value:
        return ""
    try:
        when = datetime.fromisoformat(value)
    except ValueError:
        return value
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return when.astimezone(timezone.utc).isoformat(timespec="seconds")


def read_comments(path: Path | str) -> list[WordComment]:
    """Return the comments of a DOCX with the words and the qualcode bookmark each sits on."""
    path = Path(path)
    try:
        archive = zipfile.ZipFile(path)
    except FileNotFoundError:
        raise QualcodeError(t("review.docx_missing", file=path)) from None
    except (zipfile.BadZipFile, OSError):
        raise QualcodeError(t("review.docx_bad", file=path), t("review.docx_bad_hint")) from None
    with archive:
        comments = _xml(archive, "word/comments.xml")
        if comments is None:
            return []
        document = _xml(archive, "word/document.xml")
        extended = _xml(archive, "word/commentsExtended.xml")
    places = _places(document) if document is not None else {}
    para_of: dict[str, str] = {}  # a comment's last paragraph id -> comment id
    raw = []
    for c in comments.iter(f"{W}comment"):
        cid = c.get(f"{W}id", "")
        paras = list(c.iter(f"{W}p"))
        if paras and paras[-1].get(f"{W14}paraId"):
            para_of[paras[-1].get(f"{W14}paraId")] = cid
        raw.append((cid, c.get(f"{W}author", ""), _date(c.get(f"{W}date")), _text(c)))
    parents: dict[str, str] = {}
    if extended is not None:
        for ex in extended.iter(f"{W15}commentEx"):
            parent = ex.get(f"{W15}paraIdParent")
            child = para_of.get(ex.get(f"{W15}paraId", ""))
            if parent and child and parent in para_of:
                parents[child] = para_of[parent]
    out = []
    for cid, author, date, text in raw:
        words, bookmark, enclosing = places.get(cid, ("", "", ()))
        out.append(
            WordComment(cid, author, date, text, words, bookmark, parents.get(cid, ""), enclosing)
        )
    return out


def _places(document) -> dict[str, tuple[str, str, tuple[str, ...]]]:
    """Per comment id: the words its range covers, the qualcode bookmark it belongs to and the
    bookmarks around that one (inner first: a cell's, around a listed statement's)."""
    open_marks: dict[str, str] = {}  # bookmark id -> name, in the order they opened
    ranges: dict[str, dict] = {}
    done: dict[str, tuple[str, str, tuple[str, ...]]] = {}
    for node in document.iter(
        f"{W}bookmarkStart",
        f"{W}bookmarkEnd",
        f"{W}commentRangeStart",
        f"{W}commentRangeEnd",
        f"{W}commentReference",
        f"{W}t",
        f"{W}p",
    ):
        tag = node.tag
        if tag == f"{W}t":
            for r in ranges.values():
                r["words"].append(node.text or "")
        elif tag == f"{W}p":
            for r in ranges.values():
                if r["words"] and r["words"][-1] != " ":
                    r["words"].append(" ")
        elif tag == f"{W}bookmarkStart":
            name = node.get(f"{W}name", "")
            if name.startswith(PREFIX):
                open_marks[node.get(f"{W}id", "")] = name
                for r in ranges.values():
                    r["inside"].append(name)
        elif tag == f"{W}bookmarkEnd":
            open_marks.pop(node.get(f"{W}id", ""), None)
        elif tag == f"{W}commentRangeStart":
            marks = tuple(reversed(open_marks.values()))
            ranges[node.get(f"{W}id", "")] = {
                "at": marks[0] if marks else "",
                "around": marks[1:],
                "inside": [],
                "words": [],
            }
        elif tag == f"{W}commentRangeEnd":
            r = ranges.pop(node.get(f"{W}id", ""), None)
            if r is not None:
                mark = r["at"] or (r["inside"][0] if r["inside"] else "")
                words = " ".join("".join(r["words"]).split())
                done[node.get(f"{W}id", "")] = (words, mark, r["around"])
        else:  # a reference without a range: the place it stands
            cid = node.get(f"{W}id", "")
            if cid not in done and cid not in ranges:
                marks = tuple(reversed(open_marks.values()))
                done[cid] = ("", marks[0] if marks else "", marks[1:])
    return done


# -- placing and writing -------------------------------------------------------------------------
def project_anchors(project, tables: Sequence[Table] | None = None) -> dict[str, AnchorTarget]:
    """Return what each bookmark of the project's DOCX export stands for: ``tables`` are the
    tables the export writes (the export layer builds them, ``export.project.anchor_tables``);
    without them every display is built as the workbench shows it."""
    if tables is None:
        tables = _display_tables(project)
    return anchor_map(tables, repo.coding_uids(project.store))


def _display_tables(project) -> list[Table]:
    """Every display with each choice of its first option, as the workbench builds it."""
    from qualcode.core.displays import DISPLAYS, build_display
    from qualcode.errors import DisplayError

    tables = []
    for kind, spec in DISPLAYS.items():
        choices = [(name, spec.choices_of(name)) for name in spec.options if spec.choices_of(name)]
        variants = [{choices[0][0]: v} for v in choices[0][1]] if choices else [{}]
        for options in variants:
            try:
                tables.append(build_display(project, kind, **options))
            except DisplayError:
                continue
    return tables


def import_docx(
    project, path: Path | str, tables: Callable[[], Sequence[Table]] | None = None
) -> DocxImport:
    """Attach a DOCX's comments to their targets as one undoable event (idempotent); ``tables``
    gives the tables the export wrote (see :func:`project_anchors`), built only when needed."""
    path = Path(path)
    comments = read_comments(path)
    report = DocxImport()
    store = project.store
    seen = repo.origins(store)
    fresh = [c for c in comments if c.fingerprint not in seen]
    report.already = len(comments) - len(fresh)
    if not fresh:
        return report
    anchors = (
        project_anchors(project, tables() if tables else None)
        if any(c.bookmark for c in fresh)
        else {}
    )
    supervisors = {s.casefold() for s in project.settings.supervisors}
    by_id = {c.id: c for c in comments}
    threads = {origin: uid_author for origin, uid_author in repo.threads_by_origin(store).items()}
    label = project.paths.relative(path)
    with store.transaction("review.import", t("review.event_import", file=label)) as tx:
        for c in sorted(fresh, key=lambda c: bool(c.parent)):
            role = "pembimbing" if c.author.casefold() in supervisors else ""
            parent = by_id.get(c.parent)
            home = threads.get(parent.fingerprint) if parent is not None else None
            if home is not None:
                _reply(tx, store, home, c, role)
                report.replies.append(c)
                continue
            # A statement's bookmark is named after its words; when those words were reworded
            # for the thesis the cell's bookmark around it still knows the target. (A row split
            # across pages numbers its parts' bookmarks: base_name drops the part.)
            names = [base_name(b) for b in (c.bookmark, *c.enclosing)]
            target = next((anchors[b] for b in names if b in anchors), None)
            kind, key = (target.kind, target.target) if target else ("project", "")
            words = (target.words if target and target.words else "") or c.words
            new = NewThread(
                kind,
                key,
                c.text or "—",
                anchor=words,
                origin=c.fingerprint,
                author=c.author or t("review.unknown_author"),
                author_role=role,
                created_at=c.date or utc_now(),
            )
            uid = open_thread(tx, project, new)
            threads[c.fingerprint] = (uid, new.author)
            if target:
                report.placed.append((c, target_label(kind, key)))
            else:
                report.unplaced.append(c)
    return report


def _reply(tx, store, home: tuple[str, str], c: WordComment, role: str) -> None:
    from qualcode.core.coding.rules import new_uid

    uid, thread_author = home
    when = c.date or utc_now()
    repo.insert_message(
        tx,
        {
            "uid": new_uid(),
            "thread_uid": uid,
            "body": c.text or "—",
            "author": c.author,
            "author_role": role,
            "origin": c.fingerprint,
            "created_at": when,
        },
    )
    thread = repo.thread_by_uid(store, uid)
    if thread is not None:
        state = "open" if c.author == thread_author else "answered"
        repo.update_thread(tx, thread.id, {"state": state, "updated_at": when})

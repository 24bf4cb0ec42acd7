"""Word .docx sources: paragraphs and tables in document order, bold speaker labels, identity.

The text a .docx becomes is one block per paragraph or table, blocks separated by a blank line;
a speaker paragraph reads "Label: utterance" so the label stays visible, and a ``LineHint``
tells the turn finder where the bold label ends. An identity table (Nama / Jabatan / Tanggal…)
becomes metadata and is left out of the text; any other table becomes "cell | cell" lines.
The package is read with zipfile and lxml, python-docx's own XML layer (see ``_Package``).
"""

from __future__ import annotations

import functools
import io
import re
from dataclasses import dataclass
from typing import Any

from qualcode.core.ingest.decode import normalise_text
from qualcode.core.ingest.lines import LineHint, label_role
from qualcode.core.ingest.meta import is_identity_key
from qualcode.errors import IngestError, InputLimitError
from qualcode.i18n import t

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_P, _TBL, _SDT, _SDT_CONTENT = f"{_W}p", f"{_W}tbl", f"{_W}sdt", f"{_W}sdtContent"
_R, _HYPERLINK, _T = f"{_W}r", f"{_W}hyperlink", f"{_W}t"
_TAB, _PTAB, _BR, _CR = f"{_W}tab", f"{_W}ptab", f"{_W}br", f"{_W}cr"
_NO_BREAK_HYPHEN = f"{_W}noBreakHyphen"
_CONTAINERS = frozenset(
    {
        f"{_W}ins",
        f"{_W}smartTag",
        f"{_W}customXml",
        f"{_W}fldSimple",
        f"{_W}sdt",
        f"{_W}sdtContent",
        f"{_W}moveTo",
    }
)
_HEADING_STYLES = ("heading", "judul", "title")
_SPEAKER_ROLES = ("interviewer", "informant", "answer")

_PREFIX_RE = re.compile(
    r"(?:\[[ \t]*\d{1,2}(?::\d{2}){1,2}(?:[.,]\d{1,3})?[ \t]*\]"
    r"|\([ \t]*\d{1,2}(?::\d{2}){1,2}(?:[.,]\d{1,3})?[ \t]*\)"
    r"|\d{1,2}:\d{2}(?::\d{2})?(?=[ \t]))[ \t]*(?:[-\u2013\u2014|][ \t]*)?"
)
_STAMP_RE = re.compile(r"\d{1,2}(?::\d{2}){1,2}(?:[.,]\d{1,3})?")
_LABEL_REACH = 100  # characters: a timestamp and a label of at most 60 characters
_MAX_UNPACKED_BYTES = 64 * 1024 * 1024  # one budget for every part read (zip bombs)
_MAX_ENTRIES = 2000  # a Word file has a few dozen parts


@dataclass(frozen=True, slots=True)
class DocxContent:
    """A .docx flattened to normalised text, with label hints and identity-table rows."""

    text: str
    hints: dict[int, LineHint]
    identity: tuple[tuple[str, str], ...]


def read_docx(data: bytes, filename: str) -> DocxContent:
    """Read a .docx file's bytes; raises IngestError naming the file when it is not one."""
    package = _Package(data, filename)
    blocks: list[str] = []
    hints: dict[int, LineHint] = {}
    identity: list[tuple[str, str]] = []
    line_count = 0
    for element in _body_blocks(package.body):
        if element.tag == _P:
            text, hint = _paragraph(element, package)
            block_hints = {0: hint} if hint is not None else {}
        else:
            rows = _table_rows(element)
            pairs = _identity_pairs(rows)
            if pairs is not None:
                identity.extend(pairs)
                continue
            text, block_hints = _table_text(rows)
        if not text:
            continue
        first_line = line_count + 1 if blocks else 0  # a blank line separates blocks
        hints.update((first_line + line, hint) for line, hint in block_hints.items())
        blocks.append(text)
        line_count = first_line + text.count("\n") + 1
    return DocxContent(text="\n\n".join(blocks), hints=hints, identity=tuple(identity))


class _Package:
    """The parts of a .docx that matter here: the main document, and its styles on demand.

    The parts are read with lxml (python-docx's own XML library) rather than through
    python-docx's ``Document()``, which parses every part up front: its styles part alone
    (350 kB in a python-docx or Word file) costs more than tokenizing the whole transcript.
    """

    def __init__(self, data: bytes, filename: str) -> None:
        import zipfile

        from lxml.etree import XMLSyntaxError

        self.filename = filename
        if data.startswith(b"\xd0\xcf\x11\xe0"):
            raise IngestError(
                t("ingest_errors.docx_is_old_doc", name=filename),
                t("ingest_errors.docx_is_old_doc_hint"),
            )
        if not data.startswith(b"PK"):
            raise IngestError(
                t("ingest_errors.docx_not_package", name=filename),
                t("ingest_errors.docx_repair_hint"),
            )
        try:
            self._zip = zipfile.ZipFile(io.BytesIO(data))
            self._budget = _MAX_UNPACKED_BYTES
            if len(self._zip.infolist()) > _MAX_ENTRIES:
                raise InputLimitError(
                    t("safety.docx_entries", file=filename, limit=_MAX_ENTRIES),
                    t("ingest_errors.docx_repair_hint"),
                )
            self._main = self._main_part()
            self.body = self._xml(self._main).find(f"{_W}body")
        except (
            zipfile.BadZipFile,
            KeyError,
            ValueError,
            XMLSyntaxError,
            EOFError,
            NotImplementedError,
            RecursionError,
        ) as exc:
            raise self._unreadable(_reason(exc, XMLSyntaxError)) from None
        if self.body is None:
            raise self._unreadable(t("ingest_errors.docx_no_body"))
        self._styles: dict[str, tuple[bool | None, str | None]] | None = None

    def _unreadable(self, reason: str) -> IngestError:
        return IngestError(
            t("ingest_errors.docx_unreadable", name=self.filename, reason=reason),
            t("ingest_errors.docx_repair_hint"),
        )

    def _xml(self, name: str) -> Any:
        from lxml import etree

        return etree.fromstring(self._read(name), _parser())

    def _read(self, name: str) -> bytes:
        """A part's bytes, counted against the one budget of unpacked bytes for the file."""
        info = self._zip.getinfo(name)
        data = b""
        if info.file_size <= self._budget:
            with self._zip.open(info) as part:
                data = part.read(self._budget + 1)  # the declared size may lie
        if info.file_size > self._budget or len(data) > self._budget:
            raise InputLimitError(
                t("safety.docx_unpacks", file=self.filename, limit=_MAX_UNPACKED_BYTES >> 20),
                t("ingest_errors.docx_repair_hint"),
            )
        self._budget -= len(data)
        return data

    def _main_part(self) -> str:
        from lxml import etree

        try:
            rels = etree.fromstring(self._read("_rels/.rels"), _parser())
        except KeyError:
            return "word/document.xml"
        for rel in rels:
            if str(rel.get("Type", "")).endswith("/officeDocument"):
                return str(rel.get("Target", "")).lstrip("/")
        raise KeyError("no main document part")

    def style_bold(self, style_id: str | None) -> bool | None:
        """Bold as set by a style and the styles it is based on; None when none says."""
        if style_id is None:
            return None
        if self._styles is None:
            self._styles = self._load_styles()
        seen: set[str] = set()
        while style_id is not None and style_id not in seen:
            seen.add(style_id)
            bold, style_id = self._styles.get(style_id, (None, None))
            if bold is not None:
                return bold
        return None

    def _load_styles(self) -> dict[str, tuple[bool | None, str | None]]:
        from lxml import etree

        folder = self._main.rpartition("/")[0]
        name = f"{folder}/styles.xml" if folder else "styles.xml"
        try:
            root = etree.fromstring(self._read(name), _parser())
        except (KeyError, etree.XMLSyntaxError):
            return {}
        styles = {}
        for style in root.iterchildren(f"{_W}style"):
            based = style.find(f"{_W}basedOn")
            styles[style.get(f"{_W}styleId", "")] = (
                _bold_of(style.find(f"{_W}rPr")),
                based.get(f"{_W}val") if based is not None else None,
            )
        return styles


def _body_blocks(body: Any) -> list[Any]:
    """Paragraphs and tables in document order, looking inside content controls."""
    blocks = []
    for child in body.iterchildren():
        if child.tag in (_P, _TBL):
            blocks.append(child)
        elif child.tag == _SDT:
            content = child.find(_SDT_CONTENT)
            if content is not None:
                blocks.extend(_body_blocks(content))
    return blocks


def _paragraph(element: Any, package: _Package) -> tuple[str, LineHint | None]:
    segments: list[tuple[str, Any]] = []
    for run in _runs(element):
        text = _run_text(run)
        if text:
            segments.append((text, None if run.getparent().tag == _HYPERLINK else run))
    raw = "".join(text for text, _ in segments)
    if not raw.strip():
        return "", None
    style = _style_id(element.find(f"{_W}pPr"), "pStyle")
    if style is not None and style.lower().startswith(_HEADING_STYLES):
        return normalise_text(raw), LineHint(heading=True)
    bold: list[tuple[str, bool]] = []
    # Only the runs up to the first colon can hold a label; one more tells a bold label from
    # a paragraph that is bold throughout.
    looking = 2
    for text, run in segments:
        bold.append((text, looking > 0 and run is not None and _run_bold(run, style, package)))
        if looking < 2 or ":" in text or "\n" in text:
            looking -= 1
    labelled = _labelled(bold)
    if labelled is None:
        return normalise_text(raw), None
    prefix, label, rest = labelled
    head = f"{prefix}{label}:"
    text = normalise_text(f"{head} {rest}" if rest else head)
    if not text.startswith(head):
        return normalise_text(raw), None
    stamp = _STAMP_RE.search(prefix)
    column = len(head) + 1 if rest else len(head)
    return text, LineHint(label=label, column=column, timestamp=stamp and stamp.group(0))


def _run_bold(run: Any, paragraph_style: str | None, package: _Package) -> bool:
    """Direct formatting first, then the run's character style, then the paragraph style."""
    properties = run.find(f"{_W}rPr")
    bold = _bold_of(properties)
    if bold is None:
        bold = package.style_bold(_style_id(properties, "rStyle"))
    if bold is None:
        bold = package.style_bold(paragraph_style)
    return bool(bold)


def _bold_of(properties: Any) -> bool | None:
    if properties is None:
        return None
    element = properties.find(f"{_W}b")
    if element is None:
        return None
    return element.get(f"{_W}val", "true").lower() not in ("0", "false", "off", "none")


def _style_id(properties: Any, tag: str) -> str | None:
    if properties is None:
        return None
    element = properties.find(f"{_W}{tag}")
    return None if element is None else element.get(f"{_W}val")


def _run_text(run: Any) -> str:
    """A run's text as Word shows it: tabs, line breaks and non-breaking hyphens included."""
    pieces = []
    for child in run.iterchildren():
        tag = child.tag
        if tag == _T:
            pieces.append(child.text or "")
        elif tag == _TAB or tag == _PTAB:
            pieces.append("\t")
        elif tag == _CR or (
            tag == _BR and child.get(f"{_W}type", "textWrapping") == "textWrapping"
        ):
            pieces.append("\n")
        elif tag == _NO_BREAK_HYPHEN:
            pieces.append("-")
    return "".join(pieces)


def _reason(exc: Exception, xml_error: type) -> str:
    """Why a package cannot be read, in the active language (English keeps the library's words)."""
    import zipfile

    detail = str(exc).strip().strip('"') or type(exc).__name__
    if isinstance(exc, (zipfile.BadZipFile, EOFError, NotImplementedError)):
        return t("ingest_errors.docx_reason_zip", detail=detail)
    if isinstance(exc, KeyError):
        return t("ingest_errors.docx_reason_missing_part", detail=detail)
    if isinstance(exc, xml_error):
        return t("ingest_errors.docx_reason_xml", detail=detail)
    return t("ingest_errors.docx_reason_other", detail=detail)


@functools.lru_cache(maxsize=1)
def _parser() -> Any:
    from lxml import etree

    return etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)


def _runs(element: Any) -> list[Any]:
    """Runs of a paragraph, including those inside hyperlinks and tracked insertions."""
    runs = []
    for child in element.iterchildren():
        if child.tag == _R:
            runs.append(child)
        elif child.tag == _HYPERLINK or child.tag in _CONTAINERS:
            runs.extend(_runs(child))
    return runs


def _labelled(segments: list[tuple[str, bool]]) -> tuple[str, str, str] | None:
    """Split "[ts] **Label**: rest" into (prefix, label, rest) when the label is bold."""
    full = "".join(text for text, _ in segments)
    flags: list[bool] = []  # per character, as far as a label can reach
    for text, bold in segments:
        flags.extend([bold] * min(len(text), _LABEL_REACH - len(flags)))
        if len(flags) >= _LABEL_REACH:
            break
    start = len(full) - len(full.lstrip())
    stamp = _PREFIX_RE.match(full, start)
    if stamp is not None:
        start = stamp.end()
    prefix = full[len(full) - len(full.lstrip()) : start]
    end = start
    reach = len(flags)
    while end < reach and (flags[end] or (full[end] in " \t" and end > start)):
        if full[end] == ":" or full[end] == "\n":
            break
        end += 1
    label = full[start:end].strip()
    after = end
    while after < reach and full[after] in " \t":
        after += 1
    if (
        not label
        or end == start
        or after >= reach
        or full[after] != ":"
        or not any(flags[start:end])
        or len(label) > 60
        or len(label.split()) > 8
    ):
        return None
    rest = full[after + 1 :].strip()
    opening = after + 1 + len(full[after + 1 :]) - len(full[after + 1 :].lstrip())
    if opening < reach and flags[opening] and label_role(label) not in _SPEAKER_ROLES:
        return None  # a bold sentence with a colon, not a label
    return prefix, label, rest


def _table_rows(table: Any) -> list[list[str]]:
    """Cell texts per row; a merged cell that spans columns appears once."""
    rows = []
    for tr in table.iterchildren(f"{_W}tr"):
        cells = []
        for tc in tr.iterchildren(f"{_W}tc"):
            texts = ["".join(_run_text(r) for r in _runs(p)) for p in tc.iterchildren(_P)]
            cells.append(normalise_text(" ".join(" ".join(texts).split())))
        rows.append(cells)
    return rows


def _identity_pairs(rows: list[list[str]]) -> list[tuple[str, str]] | None:
    """Rows of a two-column "Nama | Budi" table (or "Nama | : | Budi"), if it is one."""
    pairs = []
    for cells in rows:
        cells = [cell for cell in cells if cell]
        if len(cells) == 3 and cells[1] == ":":
            cells = [cells[0], cells[2]]
        if len(cells) == 2:
            pairs.append((cells[0].rstrip(":").strip(), cells[1].lstrip(":").strip()))
    keys = [key for key, _ in pairs]
    # Speaker words (Peneliti, Informan) are identity keys too; a transcript laid out as a
    # "speaker | utterance" table repeats them, an identity table does not.
    known = {key for key in keys if is_identity_key(key) and label_role(key) == "meta"}
    if len(known) >= 2 and len(pairs) * 2 >= len(rows) and len(set(keys)) * 5 >= len(keys) * 4:
        return pairs
    return None


def _table_text(rows: list[list[str]]) -> tuple[str, dict[int, LineHint]]:
    """A table as text: "Label: utterance" blocks for a speaker | utterance table, numbered
    questions with "Jawab:" answers for a Pertanyaan | Jawaban table, else "a | b" lines."""
    rows = [cells for cells in rows if any(cells)]
    if not rows:
        return "", {}
    header = [cell.lower() for cell in rows[0]]
    asked = next((i for i, cell in enumerate(header) if "pertanyaan" in cell), None)
    answered = next((i for i, cell in enumerate(header) if "jawaban" in cell), None)
    if asked is not None and answered is not None:
        blocks, number = [], 0
        for cells in rows[1:]:
            if max(asked, answered) < len(cells) and cells[asked]:
                number += 1
                blocks.append(f"{number}. {cells[asked]}\nJawab: {cells[answered]}".rstrip())
        return normalise_text("\n\n".join(blocks)), {}
    labels = [cells[0].rstrip(":").strip() for cells in rows]
    if len(rows) >= 2 and all(len(cells) == 2 for cells in rows) and _speaker_column(labels):
        blocks, hints = [], {}
        for label, cells in zip(labels, rows, strict=True):
            hints[2 * len(blocks)] = LineHint(label=label, column=len(label) + 2)
            blocks.append(f"{label}: {cells[1]}" if cells[1] else f"{label}:")
        return "\n\n".join(blocks), hints
    return normalise_text("\n".join(" | ".join(cells) for cells in rows)), {}


def _speaker_column(labels: list[str]) -> bool:
    """True when a first column holds speaker labels: short, recurring or known."""
    if any(not label or len(label) > 40 or len(label.split()) > 5 for label in labels):
        return False
    known = any(label_role(label) in ("interviewer", "informant", "answer") for label in labels)
    return known or len(set(labels)) * 2 <= len(labels)

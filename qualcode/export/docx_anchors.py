"""Invisible anchors in a Word table: a bookmark around each cell and each listed statement, so
a comment a supervisor makes in Word or LibreOffice finds its way back (``qualcode review import``).
The names and what they stand for: ``qualcode.core.review.anchors``."""

from __future__ import annotations

from qualcode.core.review.anchors import (
    anchor_key,
    bookmark_id,
    bookmark_name,
    statement_key,
    statement_lines,
)
from qualcode.core.table import CONTINUED, Table


def _wrap(paragraphs: list[str], name: str) -> list[str]:
    """Put a bookmark from the start of the first paragraph's text to the end of the last's."""
    number = bookmark_id(name)
    first, last = paragraphs[0], paragraphs[-1]
    start = f'<w:bookmarkStart w:id="{number}" w:name="{name}"/>'
    cut = first.find("</w:pPr>")
    cut = cut + len("</w:pPr>") if cut >= 0 else len("<w:p>")
    first = first[:cut] + start + first[cut:]
    if len(paragraphs) == 1:
        last = first
    end = f'<w:bookmarkEnd w:id="{number}"/>'
    last = last[: -len("</w:p>")] + end + "</w:p>"
    if len(paragraphs) == 1:
        return [last]
    return [first, *paragraphs[1:-1], last]


def anchored_cell(
    paragraphs_xml: str, table: Table, row_key: str, column_key: str, text: str
) -> str:
    """Return a cell's paragraphs (one per line of ``text``) with the cell's bookmark around them
    and, when it lists several statements, one around each statement's paragraph."""
    paragraphs = [p + "</w:p>" for p in paragraphs_xml.split("</w:p>") if p]
    if not paragraphs:
        return paragraphs_xml
    # A row split across pages goes on as "key~" (docx_pages): the same cell, a further part.
    row = row_key.rstrip(CONTINUED)
    part = len(row_key) - len(row)
    key = anchor_key(table, row, column_key)
    lines = text.split("\n") if text else [""]
    if statement_lines(text) and len(lines) == len(paragraphs):
        paragraphs = [
            _wrap([p], bookmark_name(statement_key(key, line), part))[0] if line.strip() else p
            for p, line in zip(paragraphs, lines, strict=True)
        ]
    return "".join(_wrap(paragraphs, bookmark_name(key, part)))

"""Commenting an exported DOCX the way Word does: python-docx's comments API, plus replies
(``commentsExtended.xml``, which python-docx does not write) added to the package by hand."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from lxml import etree

from qualcode.core.review.anchors import PREFIX

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W14_NS = "http://schemas.microsoft.com/office/word/2010/wordml"
W15_NS = "http://schemas.microsoft.com/office/word/2012/wordml"
W = f"{{{W_NS}}}"


def paragraphs_in(document, bookmark: str):
    """Return the python-docx paragraphs whose XML holds the bookmark's start."""
    found = []
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                for p in cell.paragraphs:
                    names = [b.get(f"{W}name") for b in p._p.iter(f"{W}bookmarkStart")]
                    if bookmark in names and p not in found:
                        found.append(p)
    return found


def bookmarks(document) -> list[str]:
    """Return the qualcode bookmark names in the document body, in order."""
    body = document.element.body
    return [
        b.get(f"{W}name")
        for b in body.iter(f"{W}bookmarkStart")
        if b.get(f"{W}name", "").startswith(PREFIX)
    ]


def add_replies(path: Path, replies: dict[int, int]) -> None:
    """Make comment ``child`` a reply to comment ``parent`` as Word does (paraIdParent)."""
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    comments = etree.fromstring(parts["word/comments.xml"])
    para_ids = {}
    for n, comment in enumerate(comments.iter(f"{W}comment")):
        last = list(comment.iter(f"{W}p"))[-1]
        para_id = f"{0x10000000 + n:08X}"
        last.set(f"{{{W14_NS}}}paraId", para_id)
        para_ids[int(comment.get(f"{W}id"))] = para_id
    parts["word/comments.xml"] = etree.tostring(comments, xml_declaration=True, standalone=True)
    entries = "".join(
        f'<w15:commentEx w15:paraId="{para_ids[child]}" w15:paraIdParent="{para_ids[parent]}"'
        ' w15:done="0"/>'
        for child, parent in replies.items()
    )
    parts["word/commentsExtended.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<w15:commentsEx xmlns:w15="{W15_NS}">{entries}</w15:commentsEx>'
    ).encode()
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"</Types>",
        b'<Override PartName="/word/commentsExtended.xml" ContentType="application/'
        b'vnd.openxmlformats-officedocument.wordprocessingml.commentsExtended+xml"/></Types>',
    )
    rels = "word/_rels/document.xml.rels"
    parts[rels] = parts[rels].replace(
        b"</Relationships>",
        b'<Relationship Id="rIdQcX" Type="http://schemas.microsoft.com/office/2011/relationships/'
        b'commentsExtended" Target="commentsExtended.xml"/></Relationships>',
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    path.write_bytes(buffer.getvalue())

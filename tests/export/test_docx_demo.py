"""The whole demo exported to DOCX and read back as a supervisor checks chapter IV: captions in
order above every table, the source line below, repeated bold headers, pages turned only for wide
tables, and no column narrower than a word it holds."""

from __future__ import annotations

import re

import docx
import pytest

from qualcode.core.project import Project
from qualcode.export.common import ExportOptions
from qualcode.export.docx_widths import CELL_PADDING, text_em
from qualcode.export.project import export_displays

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
SOURCE = "Sumber: Data olahan peneliti, 2026"


def text_of(el) -> str:
    return "".join(t.text or "" for t in el.iter(f"{W}t"))


@pytest.fixture(scope="module")
def chapter(demo_root, tmp_path_factory):
    """The demo's every table as one DOCX (Indonesian), and its body: (tag, element, landscape)."""
    out = tmp_path_factory.mktemp("bab4")
    with Project.open(demo_root, readonly=True) as project:
        options = ExportOptions.from_settings(project.settings, lang="id")
        result = export_displays(project, "docx", None, options, out)
    document = docx.Document(str(result.written[0].path))
    body = []
    pending = []
    for el in document.element.body:
        tag = el.tag.split("}")[1]
        if tag in ("p", "tbl"):
            pending.append((tag, el))
        sect = el if tag == "sectPr" else el.find(f"{W}pPr/{W}sectPr")
        if sect is not None:
            landscape = sect.find(f"{W}pgSz").get(f"{W}orient") == "landscape"
            body.extend((tag, item, landscape) for tag, item in pending)
            pending = []
    return document, body


def continued(body, i) -> bool:
    return text_of(body[i - 1][1]).startswith("Lanjutan Tabel")


def tables_with_captions(body) -> list[tuple[str, object, bool, int]]:
    """(caption, first part, landscape, position of the last part) of every table."""
    out = []
    for i, (tag, el, landscape) in enumerate(body):
        if tag == "tbl" and continued(body, i) and out:
            out[-1] = (*out[-1][:3], i)
        elif tag == "tbl":
            out.append((text_of(body[i - 1][1]), el, landscape, i))
    return out


def parts_of(body) -> list[list[object]]:
    """Every table as its parts (the first under its caption, the rest under "Lanjutan")."""
    out: list[list[object]] = []
    for i, (tag, el, _landscape) in enumerate(body):
        if tag == "tbl":
            if continued(body, i) and out:
                out[-1].append(el)
            else:
                out.append([el])
    return out


def test_a_table_continued_on_a_new_page_says_so_and_keeps_its_row_labels(chapter):
    _document, body = chapter
    seen = 0
    for n, (caption, _el, _landscape, _last) in enumerate(tables_with_captions(body), start=1):
        assert caption.startswith(f"Tabel 4.{n} ")
    captions = 0
    for i, (tag, el, _landscape) in enumerate(body):
        if tag == "p" and re.match(r"Tabel 4\.\d+ ", text_of(el)):
            captions += 1
        if tag == "tbl" and continued(body, i):
            seen += 1
            line = body[i - 1][1]
            assert text_of(line) == f"Lanjutan Tabel 4.{captions}"
            assert line.find(f"{W}pPr/{W}pageBreakBefore") is not None
            assert el.findall(f"{W}tr")[0].find(f"{W}trPr/{W}tblHeader") is not None
    assert seen >= 10  # the demo's long tables run over several pages each
    # A row cut at a page's foot goes on under its own label (the informant, the dimension).
    for parts in parts_of(body):
        for before, after in zip(parts, parts[1:], strict=False):
            last = before.findall(f"{W}tr")[-1].findall(f"{W}tc")
            first = after.findall(f"{W}tr")[1].findall(f"{W}tc")
            if len(last) == len(first) > 1 and text_of(last[0]) == text_of(first[0]):
                assert text_of(last[1]) != text_of(first[1])  # a cut row: the rest, not again


def test_every_table_has_its_caption_above_numbered_in_order_and_the_source_below(chapter):
    _document, body = chapter
    found = tables_with_captions(body)
    # The chapter's tables, in the order chapter IV presents them; nothing else by default.
    assert [caption.split(" ", 2)[2] for caption, *_rest in found] == [
        "Informan Penelitian",
        "Temuan Penelitian per Dimensi",
        "Matriks Faktor Pendukung dan Penghambat",
        "Upaya Mengatasi Faktor Penghambat",
        "Rekapitulasi Penilaian Indikator",
        "Triangulasi Teknik Pengumpulan Data",
        "Triangulasi Sumber: Aparatur dan Masyarakat",
        "Kesimpulan per Dimensi",
    ]
    for n, (caption, _el, _landscape, index) in enumerate(found, start=1):
        assert re.fullmatch(rf"Tabel 4\.{n} \S.+", caption), caption
        following = [text_of(el) for tag, el, _l in body[index + 1 :] if tag == "p"]
        notes_then_source = following[: following.index(SOURCE) + 1]
        assert notes_then_source and not any(t.startswith("Tabel 4.") for t in notes_then_source)


def test_headers_repeat_on_every_page_and_no_table_is_empty(chapter):
    _document, body = chapter
    for parts in parts_of(body):
        rows = [tr for tbl in parts for tr in tbl.findall(f"{W}tr")]
        for tbl in parts:
            header = tbl.findall(f"{W}tr")[0]
            assert header.find(f"{W}trPr/{W}tblHeader") is not None
        assert len(rows) > 2 and "(tidak ada data)" not in "".join(map(text_of, parts))


def test_only_wide_tables_turn_the_page(chapter):
    _document, body = chapter
    orientation = {
        caption.split(" ", 2)[2]: landscape
        for caption, _el, landscape, _i in tables_with_captions(body)
    }
    assert orientation["Temuan Penelitian per Dimensi"] is False
    assert orientation["Matriks Faktor Pendukung dan Penghambat"] is False
    assert orientation["Triangulasi Teknik Pengumpulan Data"] is True
    assert orientation["Triangulasi Sumber: Aparatur dan Masyarakat"] is True
    # The researcher's notes under the verdicts read in one wide column on a turned page.
    assert orientation["Rekapitulasi Penilaian Indikator"] is True


def test_the_indicator_checklist_ends_with_its_tally(chapter):
    _document, body = chapter
    for caption, tbl, _landscape, index in tables_with_captions(body):
        if caption.endswith("Rekapitulasi Penilaian Indikator"):
            headers = [text_of(tc) for tc in tbl.find(f"{W}tr").findall(f"{W}tc")]
            assert headers == ["Indikator", "Pendukung", "Penghambat", "Keputusan peneliti"]
            units = [text_of(tc) for tc in tbl.findall(f"{W}tr")[1].findall(f"{W}tc")]
            assert units[1:5] == ["Informan", "Kutipan", "Informan", "Kutipan"]
            assert "Usulan" not in text_of(tbl)  # the tool's proposal stays in the workbench
            widths = [int(g.get(f"{W}w")) for g in tbl.iter(f"{W}gridCol")]
            assert widths[-1] == max(widths)
            assert re.fullmatch(
                r"\d+ dari \d+ indikator berkualitas\.", text_of(body[index + 1][1])
            )
            return
    pytest.fail("no indicator checklist")


def test_no_word_is_wider_than_its_column(chapter):
    document, body = chapter
    sizes = {s.style_id: s.font.size.pt for s in document.styles if s.type == 1 and s.font.size}
    for caption, tbl, _landscape, _i in tables_with_captions(body):
        widths = [int(g.get(f"{W}w")) for g in tbl.iter(f"{W}gridCol")]
        for tr in tbl.findall(f"{W}tr"):
            cells = tr.findall(f"{W}tc")
            if len(cells) != len(widths):
                continue  # a merged group row or a spanning header
            for width, tc in zip(widths, cells, strict=True):
                for p in tc.findall(f"{W}p"):
                    style = p.find(f"{W}pPr/{W}pStyle").get(f"{W}val")
                    bold = "Kepala" in style or p.find(f".//{W}rPr/{W}b") is not None
                    ind = p.find(f"{W}pPr/{W}ind")
                    left = int(ind.get(f"{W}left")) if ind is not None else 0
                    em = sizes[style] * 20
                    for word in text_of(p).split():
                        if len(word) <= 16:  # a longer one (a file name) may break
                            need = text_em(word, bold) * em + left + 2 * CELL_PADDING
                            assert need <= width, (caption, word, need, width)

"""Where a long table's pages end: every row kept, a cut row's label repeated, no page over."""

from __future__ import annotations

from qualcode.core.table import Cell, Column, Row, Table
from qualcode.export.docx_pages import Page, header_height, paginate, per_line, row_height

PAGE = Page(height=13436, size=11, em=220)
WIDTHS = [1900, 6000]


def statements(n: int, words: int = 8) -> str:
    return "\n".join(f"+ Pernyataan {i} " + " ".join(["kata"] * words) for i in range(n))


def matrix(sizes: list[int]) -> Table:
    rows = tuple(
        Row(f"I{i}", (Cell(f"I{i} (Warga)", style="strong"), Cell(statements(n))), "Sarana")
        for i, n in enumerate(sizes, start=1)
    )
    return Table("findings", "Temuan", (Column("a", "Informan"), Column("b", "Temuan")), rows)


def test_every_statement_is_kept_once_in_order_and_cut_rows_repeat_their_label():
    table = matrix([3, 40, 5, 70, 2, 12, 9, 30])
    pages, _used = paginate(table, WIDTHS, PAGE, used=600)
    assert len(pages) > 3
    rows = [row for page in pages for row in page]
    joined: dict[str, list[str]] = {}
    for row in rows:
        key = row.key.rstrip("~")
        assert row.cells[0].text == f"{key} (Warga)"  # the label goes on with the row
        joined.setdefault(key, []).extend(row.cells[1].text.split("\n"))
    assert [(k, "\n".join(v)) for k, v in joined.items()] == [
        (row.key, row.cells[1].text) for row in table.rows
    ]


def test_no_page_holds_more_than_its_room_by_the_estimate():
    table = matrix([10, 60, 4, 4, 4, 25, 80, 3])
    chars = per_line(WIDTHS, PAGE.em)
    pages, _used = paginate(table, WIDTHS, PAGE, used=0)
    for page in pages:
        height = header_height(table, chars, PAGE) + sum(
            row_height(row.cells, chars, PAGE) for row in page
        )
        assert height <= PAGE.room + PAGE.line * 2  # the group's label row above it


def test_a_short_table_is_one_page_and_a_full_page_starts_it_on_the_next():
    table = matrix([2, 3])
    assert len(paginate(table, WIDTHS, PAGE, used=0)[0]) == 1
    pages, _used = paginate(table, WIDTHS, PAGE, used=PAGE.room - 100)
    assert [len(p) for p in pages] == [2]  # nothing fits: caption and rows move on together

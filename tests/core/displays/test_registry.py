"""The display registry: kinds, titles, options, and the errors a user can cause."""

from __future__ import annotations

import sqlite3

import pytest

from qualcode.core.displays import DISPLAYS, available_displays, build_display
from qualcode.errors import DisplayError
from qualcode.i18n import set_language
from tests.core.displays.fixture import add_coding

KINDS = [
    "informant-dimension",
    "findings",
    "factors",
    "efforts",
    "indicators",
    "triangulation",
    "frequency",
    "cooccurrence",
    "contrast",
    "quotes",
    "conclusions",
    "informants",
]


def test_kinds_are_stable_and_in_pipeline_order():
    assert list(DISPLAYS) == KINDS
    titles = dict(available_displays())
    assert titles["factors"] == "Matriks Faktor Pendukung dan Penghambat"
    set_language("en")
    assert dict(available_displays())["factors"] == "Supporting and Inhibiting Factors Matrix"


@pytest.mark.parametrize("kind", KINDS)
def test_every_display_is_a_table_whose_rows_fit_its_columns(project, kind):
    table = build_display(project, kind)
    assert table.kind == kind
    assert table.title
    assert table.rows
    for row in table.rows:
        assert len(row.cells) == len(table.columns), row.key


@pytest.mark.parametrize("kind", KINDS)
def test_a_display_is_deterministic(project, kind):
    assert build_display(project, kind) == build_display(project, kind)


def test_unknown_kind_lists_the_kinds(project):
    with pytest.raises(DisplayError) as caught:
        build_display(project, "faktor")
    assert "Tampilan 'faktor' tidak dikenal." == caught.value.message
    assert "factors" in caught.value.hint and "informant-dimension" in caught.value.hint


def test_unknown_option_names_the_accepted_ones(project):
    with pytest.raises(DisplayError) as caught:
        build_display(project, "triangulation", cells="count")
    assert "'triangulation' tidak punya pilihan 'cells'" in caught.value.message
    assert caught.value.hint == "Pilihan yang diterima: by"
    with pytest.raises(DisplayError) as caught:
        build_display(project, "factors", by="group")
    assert caught.value.hint == "Pilihan yang diterima: (tidak ada)"


def test_bad_option_value_lists_the_choices(project):
    with pytest.raises(DisplayError) as caught:
        build_display(project, "informant-dimension", cells="jumlah")
    assert "'jumlah'" in caught.value.message
    assert caught.value.hint == "Pilih salah satu: summary, count"


def test_an_option_given_as_none_means_the_default(project):
    table = build_display(project, "triangulation", by=None, cells=None)
    assert table.options == {"by": "technique"}


NOT_FROM_CODINGS = ("informants", "indicators", "conclusions")  # shown before any coding


@pytest.mark.parametrize("kind", [k for k in KINDS if k not in NOT_FROM_CODINGS])
def test_a_project_without_codings_says_to_code_first(empty, kind):
    with pytest.raises(DisplayError) as caught:
        build_display(empty, kind)
    assert caught.value.message == "Belum ada koding; kodekan data di tahap Kondensasi dulu."
    assert caught.value.exit_code != 0


def test_displays_read_a_readonly_project(built, tmp_path):
    built.project.close()
    from qualcode.core.project import Project

    with Project.open(tmp_path / "p", readonly=True) as readonly:
        assert build_display(readonly, "frequency").cell("@total", "codings").text == "19"


def test_a_change_is_seen_by_the_next_display(built):
    project = built.project
    assert build_display(project, "frequency").cell("@total", "codings").text == "19"
    add_coding(built, "I1.txt", "sikap", "netral", "Camat menjelaskan tugas petugas")
    assert build_display(project, "frequency").cell("@total", "codings").text == "20"
    project.store.undo()
    assert build_display(project, "frequency").cell("@total", "codings").text == "19"


def test_a_change_by_another_connection_is_seen(built, tmp_path):
    project = built.project
    assert build_display(project, "frequency").cell("@total", "codings").text == "19"
    conn = sqlite3.connect(project.paths.database)  # another process, e.g. the TUI
    conn.execute("DELETE FROM codings WHERE uid = 'I1.txt-0'")
    conn.commit()
    conn.close()
    assert build_display(project, "frequency").cell("@total", "codings").text == "18"


@pytest.mark.parametrize("lang", ["id", "en"])
def test_every_label_is_in_the_catalogue(built, lang):
    from qualcode.core.analysis.conclusions import set_conclusion

    set_conclusion(built.project, "sikap", verdict="baik")
    set_language(lang)
    texts = []
    for kind in KINDS:
        spec = DISPLAYS[kind]
        for option in spec.options:
            for value in spec.choices_of(option):
                table = build_display(built.project, kind, **{option: value})
                texts += [table.title, *table.notes, *(c.label + c.group for c in table.columns)]
                texts += [cell.text for row in table.rows for cell in row.cells]
                texts += [row.group for row in table.rows]
        table = build_display(built.project, kind)
        texts += [table.title, *table.notes, *(c.label + c.group for c in table.columns)]
        texts += [cell.text for row in table.rows for cell in row.cells]
        texts += [row.group for row in table.rows]
    missing = [text for text in texts if "displays." in text or "conclusions." in text]
    assert missing == []

"""Choosing tables for an export: the default set, --tables parsing, file names."""

from __future__ import annotations

import pytest

from qualcode.errors import DisplayError
from qualcode.export.project import TableRequest, default_selection, parse_selection


def test_default_selection_is_chapter_iv_in_order_and_all_is_every_display():
    requests = default_selection()
    assert requests == [
        TableRequest("informants"),
        TableRequest("findings"),
        TableRequest("factors"),
        TableRequest("efforts"),
        TableRequest("indicators"),
        TableRequest("triangulation", (("by", "technique"),)),
        TableRequest("triangulation", (("by", "group"),)),
        TableRequest("conclusions"),
    ]
    assert parse_selection(None) == requests == parse_selection("  ")
    every = [r.kind for r in parse_selection("all")]
    assert "quotes" in every and "cooccurrence" in every and "contrast" in every


def test_tables_take_a_choice_or_option_value_pairs():
    assert parse_selection(
        "factors, cooccurrence:indicator,quotes:informant=I3;polarity=penghambat"
    ) == [
        TableRequest("factors"),
        TableRequest("cooccurrence", (("level", "indicator"),)),
        TableRequest("quotes", (("informant", "I3"), ("polarity", "penghambat"))),
    ]


def test_unknown_kind_and_unclear_option_are_refused():
    with pytest.raises(DisplayError) as info:
        parse_selection("factors,faktor")
    assert "faktor" in info.value.message and "factors" in info.value.hint
    with pytest.raises(DisplayError) as info:
        parse_selection("quotes:I3")  # quotes has several free options: say which
    assert "quotes:informant=I3" in info.value.hint


def test_file_names_are_indonesian_and_carry_the_option():
    assert TableRequest("factors").file_stem == "matriks-faktor"
    assert TableRequest("triangulation", (("by", "group"),)).file_stem == "triangulasi-kelompok"
    assert TableRequest("quotes", (("informant", "I3"),)).file_stem == "daftar-kutipan-i3"

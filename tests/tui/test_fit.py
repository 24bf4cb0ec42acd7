"""Text cut to a column's width: at a word boundary, marked with "…", never "Prosedur Pel"."""

from __future__ import annotations

from rich.cells import cell_len

from qualcode.tui.fit import fit_words


def test_text_that_fits_is_left_whole():
    assert fit_words("Prosedur Pelayanan", 18) == "Prosedur Pelayanan"


def test_a_long_name_keeps_its_whole_words_and_ends_with_an_ellipsis():
    assert fit_words("Prosedur Pelayanan", 12) == "Prosedur…"
    assert fit_words("Ketepatan waktu sesuai standar", 25) == "Ketepatan waktu sesuai…"
    assert fit_words("Waktu Penyelesaian, Biaya", 20) == "Waktu Penyelesaian…"  # no "," left


def test_code_ids_break_at_their_hyphens():
    assert fit_words("sarana-peralatan", 10) == "sarana…"


def test_a_single_word_longer_than_the_room_is_cut_inside_it():
    assert fit_words("Kesederhanaanprosedur", 10) == "Kesederha…"


def test_the_result_never_exceeds_the_width_even_with_wide_characters():
    for text in ("Prosedur Pelayanan", "大きい 文字 です", "a b c d e f g", "x" * 40):
        for width in range(0, 30):
            fitted = fit_words(text, width)
            assert cell_len(fitted) <= width
            if fitted != text:
                assert fitted.endswith("…") or width < 1


def test_file_names_break_at_their_underscores():
    assert fit_words("I4_petugas_loket_rina", 16) == "I4_petugas…"

"""Coding operations: validation, edits, removal, batches, filters, and undo/redo."""

from __future__ import annotations

import pytest

from qualcode.core.codebook.model import UnknownCodeError
from qualcode.core.coding import operations as coding
from qualcode.core.coding.operations import NewCoding
from qualcode.core.project import Project
from qualcode.core.store import codings as repo
from qualcode.errors import CodingError, QualcodeError
from qualcode.i18n import set_language
from tests.core.coding_fixtures import (
    INTERVIEW_I1,
    INTERVIEW_I2,
    add_source,
    make_project,
    table_counts,
    transcript_text,
)

TEXT = transcript_text(INTERVIEW_I1)
KOMPUTER = "Tapi komputernya sering rusak."
CEPAT = "Pelayanannya cepat."


@pytest.fixture
def project(tmp_path, monkeypatch):
    proj = make_project(tmp_path, monkeypatch)
    yield proj
    proj.close()


@pytest.fixture
def i1(project):
    return add_source(project, "I1.txt", INTERVIEW_I1)


def span_of(quote: str, text: str = TEXT) -> tuple[int, int]:
    start = text.index(quote)
    return start, start + len(quote)


# -- making codings ---------------------------------------------------------------------------
def test_code_sentence_stores_quote_coder_times_and_a_specific_event(project, i1):
    made = coding.code_sentence(
        project, i1, 2, "sarana", polarity="penghambat", summary="Komputer sering rusak"
    )
    assert (made.start, made.end) == span_of(KOMPUTER)
    assert made.quote == KOMPUTER
    assert made.code_id == "sarana" and made.polarity == "penghambat"
    assert made.summary == "Komputer sering rusak"
    assert made.coder == "nadia"
    assert made.created_at == made.updated_at and made.created_at.startswith("20")
    assert made.status == "ok" and len(made.uid) == 12
    event = project.store.events(limit=1)[0]
    assert event.action == "coding.add"
    assert event.description == "kode sarana pada I1 kalimat 2"
    assert event.actor == "nadia"


def test_code_turn_codes_the_whole_answer(project, i1):
    made = coding.code_turn(project, i1, 1, "waktu", polarity="pendukung")
    assert made.quote == f"{CEPAT} {KOMPUTER}"
    assert project.store.events(limit=1)[0].description == "kode waktu pada I1 giliran 1"


def test_span_is_trimmed_of_surrounding_whitespace(project, i1):
    start, end = span_of(KOMPUTER)
    made = coding.add_coding(project, i1, start - 1, end + 2, "sarana")
    assert made.quote == KOMPUTER
    assert (made.start, made.end) == (start, end)


def test_any_span_is_described_by_its_characters(project, i1):
    start, end = span_of("komputernya")
    made = coding.add_coding(project, i1, start, end, "sarana-peralatan")
    assert made.quote == "komputernya"
    assert project.store.events(limit=1)[0].description == (
        f"kode sarana-peralatan pada I1 karakter {start}–{end}"
    )


def test_several_codes_on_one_passage_are_fine_but_not_the_same_twice(project, i1):
    coding.code_sentence(project, i1, 2, "sarana")
    coding.code_sentence(project, i1, 2, "sarana-peralatan")
    coding.code_sentence(project, i1, 2, "upaya.sarana")
    before = table_counts(project)
    with pytest.raises(CodingError, match="sudah dikodekan dengan sarana"):
        coding.code_sentence(project, i1, 2, "sarana", polarity="pendukung")
    assert table_counts(project) == before
    assert len(repo.list_codings(project.store)) == 3


def test_english_aliases_of_polarity_are_accepted(project, i1):
    made = coding.code_sentence(project, i1, 2, "sarana", polarity="Inhibiting")
    assert made.polarity == "penghambat"


@pytest.mark.parametrize(
    "args, message",
    [
        ((999, 0, 5, "sarana"), "Sumber #999 tidak ada"),
        (("I1", -1, 5, "sarana"), "di luar teks I1"),
        (("I1", 50, 50, "sarana"), "di luar teks I1"),
        (("I1", 60, 40, "sarana"), "di luar teks I1"),
        (("I1", 0, len(TEXT) + 1, "sarana"), "di luar teks I1"),
        (("I1", 40, 42, "sarana"), "kosong atau hanya berisi spasi"),
        (("I1", *span_of(KOMPUTER), "sarnaa"), "Kode 'sarnaa' tidak ada"),
        (("I1", *span_of(KOMPUTER), "upaya"), "kategori upaya"),
        (("I1", *span_of("Bagaimana pelayanan"), "sarana"), "pertanyaan pewawancara"),
        (("I1", span_of(KOMPUTER)[0], len(TEXT), "sarana"), "pertanyaan pewawancara"),
    ],
)
def test_invalid_codings_are_refused_and_change_nothing(project, i1, args, message):
    source = i1 if args[0] == "I1" else args[0]
    before = table_counts(project)
    with pytest.raises(CodingError, match=message):
        coding.add_coding(project, source, *args[1:])
    assert table_counts(project) == before


def test_unknown_code_suggests_close_ids(project, i1):
    with pytest.raises(UnknownCodeError) as info:
        coding.code_sentence(project, i1, 2, "sarnaa")
    assert "sarana" in info.value.hint
    assert isinstance(info.value, CodingError)


def test_bad_polarity_lists_the_choices(project, i1):
    with pytest.raises(CodingError, match="Polaritas 'positif'") as info:
        coding.code_sentence(project, i1, 2, "sarana", polarity="positif")
    assert "pendukung, penghambat, netral" in info.value.hint


def test_interviewer_text_can_be_forced(project, i1):
    made = coding.code_sentence(project, i1, 0, "prosedur", force=True)
    assert made.quote == "Bagaimana pelayanan di kantor kecamatan?"


def test_missing_sentence_or_turn_names_how_many_there_are(project, i1):
    with pytest.raises(CodingError, match="tidak punya kalimat 40 \\(ada 6 kalimat"):
        coding.code_sentence(project, i1, 40, "sarana")
    with pytest.raises(CodingError, match="tidak punya giliran bicara 9 \\(ada 4 giliran"):
        coding.code_turn(project, i1, 9, "sarana")


def test_messages_follow_the_language(project, i1):
    set_language("en")
    try:
        coding.code_sentence(project, i1, 2, "sarana")
        assert project.store.events(limit=1)[0].description == "code sarana on I1 sentence 2"
        with pytest.raises(CodingError, match="interviewer's question"):
            coding.code_sentence(project, i1, 0, "sarana")
    finally:
        set_language("id")


# -- batches ----------------------------------------------------------------------------------
def test_add_codings_is_one_event(project, i1):
    items = [
        NewCoding(i1, *span_of(CEPAT), "waktu", "pendukung", "Cepat"),
        NewCoding(i1, *span_of(KOMPUTER), "sarana", "penghambat", "Komputer rusak"),
    ]
    made = coding.add_codings(project, items, action="suggest.accept", description="terima 2 saran")
    assert [c.code_id for c in made] == ["waktu", "sarana"]
    event = project.store.events(limit=1)[0]
    assert (event.action, event.description) == ("suggest.accept", "terima 2 saran")
    coding.undo(project)
    assert repo.list_codings(project.store) == []


def test_add_codings_is_all_or_nothing_and_lists_every_bad_item(project, i1):
    items = [
        NewCoding(i1, *span_of(CEPAT), "waktu"),
        NewCoding(i1, *span_of(KOMPUTER), "tidak-ada"),
        NewCoding(i1, *span_of(CEPAT), "waktu"),
        NewCoding(i1, 0, 10, "sarana"),
    ]
    before = table_counts(project)
    with pytest.raises(CodingError) as info:
        coding.add_codings(project, items)
    message = info.value.message
    assert "3 dari 4 koding tidak sah" in message
    assert "#2: Kode 'tidak-ada'" in message
    assert "#3:" in message and "muncul dua kali (juga #1)" in message
    assert "#4:" in message and "pewawancara" in message
    assert table_counts(project) == before


# -- editing ----------------------------------------------------------------------------------
def test_update_changes_fields_and_keeps_the_coding(project, i1):
    made = coding.code_sentence(project, i1, 2, "sarana")
    changed = coding.update_coding(
        project,
        made.id,
        code_id="sarana-peralatan",
        polarity="penghambat",
        summary="  Komputer rusak  ",
        memo="cek observasi",
    )
    assert (changed.id, changed.uid, changed.created_at) == (made.id, made.uid, made.created_at)
    assert changed.code_id == "sarana-peralatan" and changed.polarity == "penghambat"
    assert changed.summary == "Komputer rusak" and changed.memo == "cek observasi"
    description = project.store.events(limit=1)[0].description
    assert description.startswith(f"ubah koding #{made.id} (sarana-peralatan, I1 kalimat 2)")
    assert "kode, polaritas, ringkasan, memo" in description


def test_update_span_refreshes_the_quote(project, i1):
    made = coding.code_sentence(project, i1, 2, "sarana")
    start, end = span_of("komputernya sering rusak")
    changed = coding.update_coding(project, made.id, start=start, end=end)
    assert changed.quote == "komputernya sering rusak"
    with pytest.raises(CodingError, match="pewawancara"):
        coding.update_coding(project, made.id, start=0)


def test_update_with_nothing_new_writes_no_event(project, i1):
    made = coding.code_sentence(project, i1, 2, "sarana", summary="x")
    events = len(project.store.events(limit=None))
    assert coding.update_coding(project, made.id, code_id="sarana", summary="x") == made
    assert len(project.store.events(limit=None)) == events


def test_update_refuses_duplicates_unknown_codes_and_statuses(project, i1):
    first = coding.code_sentence(project, i1, 2, "sarana")
    second = coding.code_sentence(project, i1, 2, "sarana-peralatan")
    before = table_counts(project)
    with pytest.raises(CodingError, match="sudah dikodekan"):
        coding.update_coding(project, second.id, code_id="sarana")
    with pytest.raises(UnknownCodeError):
        coding.update_coding(project, first.id, code_id="nope")
    with pytest.raises(CodingError, match="Status 'done'"):
        coding.update_coding(project, first.id, status="done")
    assert table_counts(project) == before


def test_moving_a_flagged_coding_clears_its_flag(project, i1):
    made = coding.code_sentence(project, i1, 2, "sarana")
    with project.store.transaction("t", "flag") as tx:
        repo.update_coding(tx, made.id, {"status": "flagged", "flag_reason": "hilang"})
    fixed = coding.update_coding(project, made.id, start=made.start, end=made.end)
    assert (fixed.status, fixed.flag_reason) == ("ok", "")
    reviewed = coding.update_coding(project, made.id, status="reviewed")
    assert reviewed.status == "reviewed"


def test_cycle_polarity_goes_round(project, i1):
    made = coding.code_sentence(project, i1, 2, "sarana", polarity="pendukung")
    seen = [coding.cycle_polarity(project, made.id).polarity for _ in range(3)]
    assert seen == ["penghambat", "netral", "pendukung"]
    assert project.store.events(limit=1)[0].description == (
        "polaritas sarana pada I1 kalimat 2: netral → pendukung"
    )


# -- removing ---------------------------------------------------------------------------------
def test_remove_and_undo_restore_the_same_row(project, i1):
    made = coding.code_sentence(project, i1, 2, "sarana", summary="s", memo="m")
    coding.remove_coding(project, made.id)
    assert repo.list_codings(project.store) == []
    assert coding.undo(project).description == "hapus kode sarana pada I1 kalimat 2"
    assert coding.get_coding(project.store, made.id) == made


def test_remove_codings_is_one_event_and_refuses_unknown_ids(project, i1):
    a = coding.code_sentence(project, i1, 1, "waktu")
    b = coding.code_sentence(project, i1, 2, "sarana")
    before = table_counts(project)
    with pytest.raises(CodingError, match="tidak ada: 77"):
        coding.remove_codings(project, [a.id, 77])
    assert table_counts(project) == before
    assert coding.remove_codings(project, [a.id, b.uid, a.id]) == 2
    assert repo.list_codings(project.store) == []
    coding.undo(project)
    assert {c.id for c in repo.list_codings(project.store)} == {a.id, b.id}


def test_get_coding_by_id_or_uid_and_unknown(project, i1):
    made = coding.code_sentence(project, i1, 2, "sarana")
    assert coding.get_coding(project.store, made.uid) == made
    assert coding.get_coding(project.store, str(made.id)) == made
    with pytest.raises(CodingError, match="Koding 99 tidak ada"):
        coding.get_coding(project.store, 99)


# -- undo / redo ------------------------------------------------------------------------------
def test_undo_redo_sequence_survives_a_restart(project, i1, tmp_path):
    made = coding.code_sentence(project, i1, 2, "sarana", summary="awal")
    coding.update_coding(project, made.id, summary="diubah")
    root = project.root
    project.close()
    with Project.open(root) as again:
        assert coding.undo(again).action == "coding.edit"
        assert coding.get_coding(again.store, made.id).summary == "awal"
        assert coding.undo(again).action == "coding.add"
        assert repo.list_codings(again.store) == []
        with pytest.raises(QualcodeError, match="Tidak ada perubahan yang bisa dibatalkan"):
            coding.undo(again)
    with Project.open(root) as third:
        assert coding.redo(third).action == "coding.add"
        assert coding.get_coding(third.store, made.id) == made
        assert coding.redo(third).action == "coding.edit"
        assert coding.get_coding(third.store, made.id).summary == "diubah"
        with pytest.raises(QualcodeError, match="Tidak ada perubahan yang bisa diulang"):
            coding.redo(third)


def test_a_new_change_after_undo_discards_the_redo(project, i1):
    coding.code_sentence(project, i1, 1, "waktu")
    coding.undo(project)
    coding.code_sentence(project, i1, 2, "sarana")
    with pytest.raises(QualcodeError):
        coding.redo(project)


# -- reading ----------------------------------------------------------------------------------
def test_list_codings_filters(project, i1):
    i2 = add_source(project, "I2.txt", INTERVIEW_I2, informant="I2")
    with project.store.transaction("x", "aparatur", kind="info") as tx:
        tx.execute("UPDATE informants SET grp = 'aparatur' WHERE code = 'I2'")
        tx.execute("UPDATE sources SET technique = 'observasi' WHERE id = ?", (i2,))
    a = coding.code_sentence(project, i1, 1, "waktu", polarity="pendukung")
    b = coding.code_sentence(project, i1, 2, "sarana", polarity="penghambat")
    c = coding.code_turn(project, i2, 1, "prosedur-persyaratan", polarity="penghambat")
    ids = lambda found: [x.id for x in found]  # noqa: E731
    store = project.store
    assert ids(repo.list_codings(store)) == [a.id, b.id, c.id]
    assert ids(repo.list_codings(store, source_id=i2)) == [c.id]
    assert ids(repo.list_codings(store, code_ids=["sarana", "waktu"])) == [a.id, b.id]
    assert ids(repo.list_codings(store, informant="i1")) == [a.id, b.id]
    assert ids(repo.list_codings(store, polarity="penghambat")) == [b.id, c.id]
    assert ids(repo.list_codings(store, group="aparatur")) == [c.id]
    assert ids(repo.list_codings(store, technique="observasi")) == [c.id]
    assert ids(repo.list_codings(store, status="flagged")) == []
    assert ids(repo.list_codings(store, informant="I1", polarity="pendukung")) == [a.id]


def test_coding_counts_per_source_follow_coding_and_undo(project, i1):
    i2 = add_source(project, "I2.txt", INTERVIEW_I2, informant="I2")
    assert repo.coding_counts_per_source(project.store) == {}
    coding.code_sentence(project, i1, 1, "waktu")
    coding.code_sentence(project, i1, 2, "sarana")
    coding.code_turn(project, i2, 1, "prosedur-persyaratan")
    assert repo.coding_counts_per_source(project.store) == {i1: 2, i2: 1}
    coding.undo(project)
    assert repo.coding_counts_per_source(project.store) == {i1: 2}


def test_codings_in_range_returns_overlapping_codings(project, i1):
    a = coding.code_sentence(project, i1, 1, "waktu")
    b = coding.code_sentence(project, i1, 2, "sarana")
    store = project.store
    assert [c.id for c in repo.codings_in_range(store, i1, 0, len(TEXT))] == [a.id, b.id]
    assert [c.id for c in repo.codings_in_range(store, i1, a.end - 1, a.end + 1)] == [a.id]
    assert repo.codings_in_range(store, i1, 0, a.start) == []
    assert repo.codings_in_range(store, i1, b.end, len(TEXT)) == []


def test_rejected_suggestions_are_remembered_and_undoable(project, i1):
    start, end = span_of(KOMPUTER)
    with project.store.transaction("suggest.reject", "tolak") as tx:
        assert repo.reject_suggestion(tx, i1, start, end, "sarana", "nadia", "t") is not None
        assert repo.reject_suggestion(tx, i1, start, end, "sarana", "nadia", "t") is None
    assert repo.is_rejected(project.store, i1, start, end, "sarana")
    assert repo.rejected_keys(project.store, i1) == {(i1, start, end, "sarana")}
    coding.undo(project)
    assert not repo.is_rejected(project.store, i1, start, end, "sarana")


def test_undo_of_a_codebook_edit_refreshes_the_cached_codebook(project):
    path = project.codebook_path
    assert project.codebook.id == "kepmenpan-63-2003"
    other = (path.parent / "servqual.yaml").read_text(encoding="utf-8")
    with project.store.transaction("codebook.edit", "ganti buku kode") as tx:
        tx.write_file(path, other)
    assert project.reload_codebook().id != "kepmenpan-63-2003"
    coding.undo(project)
    assert project.codebook.id == "kepmenpan-63-2003"
    coding.redo(project)
    assert project.codebook.id != "kepmenpan-63-2003"

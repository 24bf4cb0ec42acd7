"""Re-anchoring: codings follow their text into a new version of the transcript, never dropped."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from rapidfuzz.distance import Indel

from qualcode.core.coding.alignment import OffsetMap
from qualcode.core.coding.reanchor import (
    REASON_CHANGED,
    REASON_GONE,
    SIMILARITY_THRESHOLD,
    Span,
    apply_reanchor,
    plan_reanchor,
)
from qualcode.core.store import sources as repo
from qualcode.core.store.db import Store
from qualcode.i18n import t

OLD = (
    "P: Bagaimana pelayanan di kantor camat?\n"
    "I: Pelayanannya cukup baik, tapi antri lama sekali kalau pagi.\n"
    "P: Apakah persyaratannya jelas?\n"
    "I: Persyaratan sudah ditempel di papan pengumuman dekat loket.\n"
    "P: Terima kasih, Bu.\n"
)


def span(text: str, quote: str, nth: int = 0, id: int = 1) -> Span:
    """The span of the nth occurrence of ``quote`` in ``text``."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(quote, start + 1)
    return Span(id, start, start + len(quote), quote)


def one(old: str, new: str, quote: str, nth: int = 0):
    return plan_reanchor(old, new, [span(old, quote, nth)])[0]


def text_at(new: str, anchor) -> str:
    return new[anchor.start : anchor.end]


# -- hand-made cases ---------------------------------------------------------------------------
def test_unchanged_text_keeps_every_coding_where_it_is():
    spans = [span(OLD, "antri lama sekali"), span(OLD, "papan pengumuman", id=2)]
    anchors = plan_reanchor(OLD, OLD, spans)
    assert [(a.id, a.start, a.end, a.status) for a in anchors] == [
        (s.id, s.start, s.end, "unchanged") for s in spans
    ]


def test_insertion_before_shifts_the_span():
    new = "Catatan: wawancara di rumah informan.\n" + OLD
    anchor = one(OLD, new, "antri lama sekali")
    assert anchor.status == "moved"
    assert anchor.start == OLD.index("antri") + len("Catatan: wawancara di rumah informan.\n")
    assert text_at(new, anchor) == "antri lama sekali"


def test_deletion_before_shifts_the_span():
    new = OLD.replace("P: Bagaimana pelayanan di kantor camat?\n", "")
    anchor = one(OLD, new, "Persyaratan sudah ditempel")
    assert anchor.status == "moved"
    assert text_at(new, anchor) == "Persyaratan sudah ditempel"


def test_edits_after_the_span_leave_it_unchanged():
    new = OLD.replace("Terima kasih, Bu.", "Terima kasih banyak, Bu Camat.")
    anchor = one(OLD, new, "antri lama sekali")
    assert (anchor.status, anchor.start) == ("unchanged", OLD.index("antri"))


def test_typo_fixed_inside_the_span_moves_with_the_new_quote():
    old = OLD.replace("Pelayanannya cukup baik", "Pelayanannya cukp baik")
    anchor = one(old, OLD, "Pelayanannya cukp baik, tapi antri lama sekali kalau pagi.")
    assert anchor.status == "moved"
    assert anchor.quote == "Pelayanannya cukup baik, tapi antri lama sekali kalau pagi."
    assert text_at(OLD, anchor) == anchor.quote
    assert SIMILARITY_THRESHOLD <= anchor.score < 100


def test_typo_fixed_at_the_edge_of_a_short_quote():
    old = OLD.replace("antri lama", "antri lma")
    anchor = one(old, OLD, "antri lma")
    assert (anchor.status, text_at(OLD, anchor)) == ("moved", "antri lama")


def test_a_moved_paragraph_takes_its_coding_along():
    lines = OLD.splitlines(keepends=True)
    new = "".join([lines[0], lines[2], lines[3], lines[4], lines[1]])  # the answer moved last
    anchor = one(OLD, new, "antri lama sekali kalau pagi")
    assert anchor.status == "moved"
    assert anchor.start == new.index("antri lama sekali kalau pagi")


def test_a_moved_paragraph_with_a_typo_fixed_is_still_found():
    long_answer = "I: Menurut saya komputernya sering rusak jadi pelayanan terhambat lama.\n"
    old = OLD + long_answer
    fixed = long_answer.replace("komputernya", "komputer-nya")
    new = fixed + OLD
    anchor = one(old, new, "Menurut saya komputernya sering rusak jadi pelayanan terhambat lama.")
    assert anchor.status == "moved"
    assert (
        text_at(new, anchor)
        == "Menurut saya komputer-nya sering rusak jadi pelayanan terhambat lama."
    )


def test_removed_text_is_flagged_kept_and_placed_nearby():
    new = OLD.replace(" tapi antri lama sekali kalau pagi.", "")
    anchor = one(OLD, new, "antri lama sekali kalau pagi")
    assert anchor.status == "flagged"
    assert anchor.reason == REASON_GONE
    assert anchor.quote == "antri lama sekali kalau pagi"  # the student sees what was coded
    assert 0 <= anchor.start < anchor.end <= len(new)
    line = new.index("I: Pelayanannya")
    assert line <= anchor.start <= line + len("I: Pelayanannya cukup baik,")


def test_rewritten_text_is_flagged_as_changed_on_the_rewritten_place():
    new = OLD.replace(
        "tapi antri lama sekali kalau pagi", "tapi saya kira antrinya memang tidak lama"
    )
    anchor = one(OLD, new, "tapi antri lama sekali kalau pagi")
    assert (anchor.status, anchor.reason) == ("flagged", REASON_CHANGED)
    assert "antrinya memang" in text_at(new, anchor)
    assert anchor.quote == "tapi antri lama sekali kalau pagi"


def test_whole_text_replaced_flags_every_coding_with_valid_spans():
    new = "Dokumen ini berisi notulen rapat koordinasi desa yang lain sama sekali.\n"
    spans = [
        span(OLD, q, id=i) for i, q in enumerate(["antri lama sekali", "papan pengumuman", "Bu."])
    ]
    anchors = plan_reanchor(OLD, new, spans)
    assert [a.id for a in anchors] == [0, 1, 2]
    assert all(a.status == "flagged" for a in anchors)
    assert all(0 <= a.start < a.end <= len(new) for a in anchors)
    assert [a.quote for a in anchors] == [s.quote for s in spans]


def test_crlf_and_whitespace_only_changes_keep_the_coding():
    new = OLD.replace("\n", "\r\n").replace("cukup baik", "cukup  baik")
    anchor = one(OLD, new, "Pelayanannya cukup baik, tapi antri")
    assert anchor.status == "moved"
    assert text_at(new, anchor) == "Pelayanannya cukup  baik, tapi antri"
    assert anchor.quote == text_at(new, anchor)


def test_rewrapped_lines_keep_a_multi_line_coding():
    old = "I: Pelayanannya cukup baik,\ntapi antri lama sekali\nkalau pagi.\n"
    new = "I: Pelayanannya cukup baik, tapi antri\nlama sekali kalau pagi.\n"
    anchor = one(old, new, "Pelayanannya cukup baik,\ntapi antri lama sekali\nkalau pagi.")
    assert anchor.status == "moved"
    assert text_at(new, anchor) == "Pelayanannya cukup baik, tapi antri\nlama sekali kalau pagi."


def test_identical_quotes_keep_their_own_place():
    old = "P: Sudah lengkap?\nI: Iya.\nP: Dua kali datang?\nI: Iya.\nP: Bayar?\nI: Iya.\n"
    new = "P: Dua kali datang?\nI: Iya.\nP: Bayar?\nI: Iya.\nP: Sudah lengkap?\nI: Iya.\n"
    anchor = one(old, new, "Iya.", nth=1)  # the answer to "Dua kali datang?"
    assert anchor.start == new.index("Iya.", new.index("Dua kali"))
    inserted = "P: Boleh mulai?\nI: Iya.\n" + old
    anchor = one(old, inserted, "Iya.", nth=2)
    assert anchor.start == inserted.index("Iya.", inserted.index("Bayar?"))


def test_identical_quotes_pick_the_one_nearest_the_old_place():
    filler = "".join(f"P: Pertanyaan {n}?\nI: Jawaban biasa nomor {n}.\n" for n in range(20))
    old = "I: Antrinya panjang. Saya setuju.\n" + filler + "I: Saya setuju.\n"
    new = (
        "I: Saya setuju. Antrinya memang panjang sekali kalau pagi.\n"
        + filler
        + "I: Saya setuju.\n"
    )
    anchor = one(old, new, "Saya setuju.")
    assert (anchor.status, anchor.start) == ("moved", new.index("Saya setuju."))
    last = one(old, new, "Saya setuju.", nth=1)
    assert last.start == new.rindex("Saya setuju.")


def test_repeated_words_an_ambiguous_alignment_keeps_the_coded_words():
    # Deleting "pelayana" before the coding and appending after it aligns as well with the
    # coding moved onto "n pelaayan" (a word it never covered) as with it left intact.
    old = "pelayanan pelayanan pelayanan pelayanan"
    new = "n pelayanan pelaayanan pelayananaa"
    anchor = plan_reanchor(old, new, [Span(1, 8, 17, "n pelayan")])[0]
    assert (anchor.status, anchor.start, text_at(new, anchor)) == ("moved", 0, "n pelayan")


def test_a_typo_fixed_in_one_of_two_identical_sentences_never_moves_onto_the_other():
    quote = "Pelayanan kantr camat lambat sekali."
    sentence = f"I: {quote}\n"
    filler = "".join(f"P: Pertanyaan {n}?\nI: Jawaban biasa nomor {n}.\n" for n in range(5))
    old = sentence + filler + sentence
    new = old.replace("kantr", "kantor", 1)
    anchor = one(old, new, quote)  # the copy is far away: the fixed text is the coding's
    assert (anchor.status, anchor.start) == ("moved", 3)
    assert anchor.quote == "Pelayanan kantor camat lambat sekali."
    old = sentence + "P: Kenapa?\n" + sentence
    new = old.replace("kantr", "kantor", 1)
    anchor = one(old, new, quote)  # the copy is close by: which words were edited is unclear
    assert (anchor.status, anchor.reason, anchor.quote) == ("flagged", REASON_CHANGED, quote)
    assert anchor.start == 3


def test_span_at_the_very_end_of_the_text():
    old = OLD.rstrip("\n")
    quote = "Terima kasih, Bu."
    assert one(old, old + "\nP: Tambahan.", quote).status == "unchanged"
    anchor = one(old, "Pembuka.\n" + old, quote)
    assert (anchor.status, text_at("Pembuka.\n" + old, anchor)) == ("moved", quote)
    fixed = one(old.replace("Bu.", "Bu"), old, "Terima kasih, Bu")
    assert text_at(old, fixed) in ("Terima kasih, Bu", "Terima kasih, Bu.")


def test_span_at_the_very_start_excludes_text_inserted_before_it():
    quote = "P: Bagaimana pelayanan"
    new = "[00:00:01] " + OLD
    anchor = one(OLD, new, quote)
    assert (anchor.start, text_at(new, anchor)) == (len("[00:00:01] "), quote)


def test_insertion_inside_the_span_is_part_of_it_when_small():
    new = OLD.replace("antri lama sekali", "antri sangat lama sekali")
    anchor = one(OLD, new, "Pelayanannya cukup baik, tapi antri lama sekali kalau pagi.")
    assert anchor.status == "moved"
    assert (
        text_at(new, anchor) == "Pelayanannya cukup baik, tapi antri sangat lama sekali kalau pagi."
    )


def test_short_quotes_are_not_matched_fuzzily_elsewhere():
    old = "I: Iya.\nP: Kalau biayanya?\nI: Gratis.\n"
    new = "P: Kalau biayanya?\nI: Gratis kok.\n"
    anchor = one(old, new, "Iya.")
    assert anchor.status == "flagged"


def test_a_span_beyond_the_old_text_is_clamped_and_flagged_not_dropped():
    anchors = plan_reanchor("abc", "abcd", [Span(7, 10, 20, "zzz"), Span(8, 2, 1, "")])
    assert [a.id for a in anchors] == [7, 8]
    assert all(a.status == "flagged" and 0 <= a.start < a.end <= 4 for a in anchors)


def test_offset_map_shifts_and_collapses():
    offsets = OffsetMap("aaa XXX bbb", "aaa bbb ccc")
    assert offsets.start(0) == 0
    assert offsets.start(8) == 4  # 'b' follows the deleted XXX
    assert offsets.end(3) == 3


# -- properties ----------------------------------------------------------------------------------
WORDS = ["ya", "pelayanan", "antri", "lama", "camat", "berkas", "tidak", "sudah", "warga", "."]
words = st.lists(st.sampled_from(WORDS), min_size=3, max_size=60)
edit = st.tuples(st.floats(0, 1), st.integers(0, 12), st.text("abc yalm.\n", max_size=12))


def _apply_edits(text: str, start: int, end: int, edits) -> tuple[str, int, int]:
    """Apply edits that lie wholly before ``start`` or after ``end``; return the shifted span."""
    for where, length, insert in edits:
        before = int(where * (len(text) + 1)) <= start
        if before:
            pos = int(where * (start + 1))
            cut = min(length, start - pos)
            text = text[:pos] + insert + text[pos + cut :]
            shift = len(insert) - cut
            start, end = start + shift, end + shift
        else:
            pos = end + int(where * (len(text) - end + 1))
            pos = min(pos, len(text))
            cut = min(length, len(text) - pos)
            text = text[:pos] + insert + text[pos + cut :]
    return text, start, end


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(words, st.floats(0, 1), st.floats(0, 1), st.lists(edit, max_size=6))
@example(tokens=[".", ".", "."], a=0.5, b=0.5, edits=[(0.0, 1, ""), (1.0, 0, ".")])
@example(  # repeated words: the alignment put an outside insertion inside the span
    tokens=["pelayanan"] * 4, a=0.24, b=0.25, edits=[(0.0, 8, ""), (1.0, 0, "aa"), (0.25, 0, "a")]
)
@example(  # ... and moved it onto another "ya" that differs from its quote only in a space
    tokens=[".", "ya", "ya", "ya", "ya", ".", ".", "ya", "ya"],
    a=0.125,
    b=0.125,
    edits=[(0.0, 1, ""), (0.25, 5, ""), (0.75, 0, "a..a"), (0.5, 1, "")],
)
@example(
    tokens=["ya", ".", "ya"],
    a=0.75,
    b=1.0,
    edits=[(0.0, 2, ""), (1.0, 0, "yayaya"), (0.625, 0, ".")],
)
@example(  # the cheapest alignment deletes a space inside the span: "n pela" -> "npela"
    tokens=["pelayanan"] * 4, a=0.75, b=0.5, edits=[(0.0, 2, ""), (1.0, 0, "pelayanan")]
)
@example(
    tokens=["ya", "ya", "pelayanan"],
    a=0.6875,
    b=0.5,
    edits=[(0.0, 9, ""), (1.0, 0, " aaaaaa.ya"), (0.375, 5, "")],
)
@example(  # a 2-character quote the cheapest alignment re-spaces: " y" -> " \ny"
    tokens=["ya"] * 6, a=0.6875, b=0.25, edits=[(0.0, 9, ""), (1.0, 0, " a"), (1.0, 0, " \ny")]
)
@example(
    tokens=["ya", "pelayanan", "pelayanan"],
    a=0.5,
    b=0.5,
    edits=[(0.0, 3, ""), (1.0, 0, "pelayanan")],
)
def test_edits_outside_a_span_preserve_its_text(tokens, a, b, edits):
    old = " ".join(tokens)
    start = int(a * (len(old) - 1))
    end = start + 1 + int(b * (len(old) - start - 1))
    quote = old[start:end]
    new, moved_start, moved_end = _apply_edits(old, start, end, edits)
    anchor = plan_reanchor(old, new, [Span(1, start, end, quote)])[0]
    if anchor.status == "flagged":  # only when editing the coded words is the cheaper story
        assert (anchor.reason, anchor.quote) == (REASON_CHANGED, quote)
        edits_outside = Indel.distance(old[:start], new[:moved_start]) + Indel.distance(
            old[end:], new[moved_end:]
        )
        assert Indel.distance(old, new) < edits_outside
    else:
        assert new[anchor.start : anchor.end] == quote


@settings(max_examples=200, deadline=None)
@given(
    st.text("ab .\n", min_size=1, max_size=80),
    st.text("ab .\n", min_size=1, max_size=80),
    st.data(),
)
def test_every_coding_gets_a_valid_span(old, new, data):
    spans = []
    for n in range(data.draw(st.integers(1, 4))):
        start = data.draw(st.integers(0, len(old) - 1))
        end = data.draw(st.integers(start + 1, len(old)))
        spans.append(Span(n, start, end, old[start:end]))
    anchors = plan_reanchor(old, new, spans)
    assert [a.id for a in anchors] == [s.id for s in spans]
    for anchor, original in zip(anchors, spans, strict=True):
        assert 0 <= anchor.start < anchor.end <= len(new)
        if anchor.status == "flagged":
            assert anchor.quote == original.quote
        else:
            assert anchor.quote == new[anchor.start : anchor.end]


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60), st.text(max_size=60))
def test_offset_map_is_monotone_and_in_range(old, new):
    offsets = OffsetMap(old, new)
    starts = [offsets.start(i) for i in range(len(old) + 1)]
    ends = [offsets.end(i) for i in range(len(old) + 1)]
    assert starts == sorted(starts) and ends == sorted(ends)
    assert all(0 <= x <= len(new) for x in starts + ends)


@settings(max_examples=200, deadline=None)
@given(st.text("ab .\n", max_size=60), st.text("ab .\n", max_size=60), st.integers(-5, 65))
def test_offset_map_waypoints_lie_on_the_alignment(old, new, pos):
    offsets = OffsetMap(old, new)
    path = {(0, 0), (len(old), len(new))}
    for i1, i2, j1, j2, equal in offsets.regions:
        path |= {(i1 + k, j1 + k) for k in range(i2 - i1 + 1)} if equal else {(i1, j1), (i2, j2)}
    before, after = offsets.waypoint_before(pos), offsets.waypoint_after(pos)
    assert before in path and after in path
    assert before[0] <= max(pos, 0) and after[0] >= min(pos, len(old))


# -- in the store ------------------------------------------------------------------------------
@pytest.fixture()
def store(tmp_path):
    with Store(tmp_path / "p.db", actor="tester") as st_:
        yield st_


def _source(store: Store, text: str) -> int:
    row = {
        "path": "transcripts/I1.txt",
        "name": "I1",
        "sha256": "x",
        "technique": "wawancara",
        "text": text,
    }
    with store.transaction("source.import", "import", kind="info") as tx:
        return repo.insert_source(tx, row)


def _coding(store: Store, source_id: int, text: str, quote: str, **extra) -> int:
    start = text.index(quote)
    row = {
        "uid": f"u{start}",
        "source_id": source_id,
        "start": start,
        "end": start + len(quote),
        "code_id": "prosedur",
        "polarity": "penghambat",
        "quote": quote,
        "coder": "tester",
        "created_at": "2024-01-01T00:00:00+00:00",
        "updated_at": "2024-01-01T00:00:00+00:00",
        **extra,
    }
    with store.transaction("coding.add", "add") as tx:
        return tx.insert("codings", row)


def _reimport(store: Store, source_id: int, old: str, new: str) -> tuple[int, int]:
    with store.transaction("source.reimport", "re-import", kind="barrier") as tx:
        tx.execute("UPDATE sources SET text = ? WHERE id = ?", (new, source_id))
        return apply_reanchor(tx, source_id, old, new)


def _rows(store: Store):
    return {r["id"]: dict(r) for r in store.query("SELECT * FROM codings")}


def test_apply_moves_flags_and_records_every_change(store):
    sid = _source(store, OLD)
    moved_id = _coding(store, sid, OLD, "Persyaratan sudah ditempel")
    gone_id = _coding(store, sid, OLD, "antri lama sekali kalau pagi")
    new = "P: Pembuka.\n" + OLD.replace(" tapi antri lama sekali kalau pagi.", "")
    assert _reimport(store, sid, OLD, new) == (1, 1)
    rows = _rows(store)
    assert len(rows) == 2  # nothing dropped
    assert new[rows[moved_id]["start"] : rows[moved_id]["end"]] == "Persyaratan sudah ditempel"
    assert rows[moved_id]["status"] == "ok"
    gone = rows[gone_id]
    assert gone["status"] == "flagged"
    assert gone["flag_reason"] == t("reanchor.reason_gone")
    assert gone["quote"] == "antri lama sekali kalau pagi"
    assert 0 <= gone["start"] < gone["end"] <= len(new)
    event_id = store.scalar("SELECT max(id) FROM events WHERE action = 'source.reimport'")
    changed = store.query(
        "SELECT tbl, pk, after FROM event_changes WHERE event_id = ?", (event_id,)
    )
    assert {(c["tbl"], int(c["pk"])) for c in changed} == {
        ("codings", moved_id),
        ("codings", gone_id),
    }
    assert (
        json.loads([c for c in changed if int(c["pk"]) == gone_id][0]["after"])["status"]
        == "flagged"
    )


def test_apply_on_unchanged_codings_writes_nothing(store):
    sid = _source(store, OLD)
    _coding(store, sid, OLD, "papan pengumuman")
    new = OLD + "P: Tambahan di akhir.\n"
    assert _reimport(store, sid, OLD, new) == (0, 0)
    event_id = store.scalar("SELECT max(id) FROM events")
    assert store.scalar("SELECT count(*) FROM event_changes WHERE event_id = ?", (event_id,)) == 0


def test_a_flagged_coding_whose_text_returns_is_unflagged(store):
    sid = _source(store, OLD)
    cid = _coding(store, sid, OLD, "antri lama sekali kalau pagi")
    removed = OLD.replace(" tapi antri lama sekali kalau pagi.", "")
    assert _reimport(store, sid, OLD, removed) == (0, 1)
    assert _reimport(store, sid, removed, OLD) == (1, 0)
    row = _rows(store)[cid]
    assert (row["status"], row["flag_reason"]) == ("ok", "")
    assert OLD[row["start"] : row["end"]] == "antri lama sekali kalau pagi"


def test_a_flag_set_for_another_reason_is_kept(store):
    sid = _source(store, OLD)
    cid = _coding(
        store, sid, OLD, "papan pengumuman", status="flagged", flag_reason="cek dengan dosen"
    )
    _reimport(store, sid, OLD, "P: Pembuka.\n" + OLD)
    assert (_rows(store)[cid]["status"], _rows(store)[cid]["flag_reason"]) == (
        "flagged",
        "cek dengan dosen",
    )


def test_a_reviewed_coding_keeps_its_status_when_it_moves(store):
    sid = _source(store, OLD)
    cid = _coding(store, sid, OLD, "papan pengumuman", status="reviewed")
    assert _reimport(store, sid, OLD, "P: Pembuka.\n" + OLD) == (1, 0)
    assert _rows(store)[cid]["status"] == "reviewed"


def _rejection(store: Store, source_id: int, text: str, quote: str, code_id: str) -> int:
    start = text.index(quote)
    row = {
        "source_id": source_id,
        "start": start,
        "end": start + len(quote),
        "code_id": code_id,
        "author": "tester",
        "created_at": "x",
    }
    with store.transaction("suggestion.reject", "reject") as tx:
        return tx.insert("rejected_suggestions", row)


def test_rejected_suggestions_follow_their_text_or_are_forgotten(store):
    sid = _source(store, OLD)
    first = "P: Bagaimana pelayanan di kantor camat?"
    second = "P: Apakah persyaratannya jelas?"
    a = _rejection(store, sid, OLD, first, "prosedur")
    _rejection(store, sid, OLD, "antri lama sekali kalau pagi", "waktu")
    c = _rejection(store, sid, OLD, second, "prosedur")
    new = "P: Pembuka.\n" + OLD.replace(" tapi antri lama sekali kalau pagi.", "")
    _reimport(store, sid, OLD, new)
    rows = {r["id"]: r for r in store.query("SELECT * FROM rejected_suggestions")}
    assert set(rows) == {a, c}  # b's text is gone
    assert new[rows[a]["start"] : rows[a]["end"]] == first
    assert new[rows[c]["start"] : rows[c]["end"]] == second


def test_moving_rejections_onto_each_others_old_spans_does_not_collide(store):
    old = "Lama. Baru. Agak.\n"
    sid = _source(store, old)
    ids = [_rejection(store, sid, old, word, "waktu") for word in ("Lama.", "Baru.", "Agak.")]
    new = "Pagi. " + old  # 'Lama.' moves onto the very span 'Baru.' had, and so on
    _reimport(store, sid, old, new)
    rows = {r["id"]: r for r in store.query("SELECT * FROM rejected_suggestions")}
    assert [new[rows[i]["start"] : rows[i]["end"]] for i in ids] == ["Lama.", "Baru.", "Agak."]


def test_flag_reason_follows_the_language(store):
    assert t("reanchor.reason_gone", lang="en").startswith("the quoted text was not found")
    assert "tidak ditemukan lagi" in t("reanchor.reason_gone", lang="id")


# -- through the importer --------------------------------------------------------------------------
@pytest.fixture(scope="module")
def imported_template(tmp_path_factory):
    from tests.core.codebook_fixtures import build_template

    return build_template(tmp_path_factory)


def test_reimporting_a_fixed_transcript_moves_and_flags_codings(
    imported_template, tmp_path, monkeypatch
):
    from qualcode.core.project import Project
    from qualcode.core.sources.importing import import_paths
    from tests.core.codebook_fixtures import TRANSCRIPT, code, make_project

    root = make_project(imported_template, tmp_path, monkeypatch)
    with Project.open(root) as project:
        kept = code(project, "Berkasnya ditempel di loket.", "prosedur-alur")
        gone = code(project, "Kami berupaya menambah petugas.", "upaya.waktu")
        fixed = TRANSCRIPT.replace("Antrinya lama", "Antreannya lama").replace(
            " Kami berupaya menambah petugas.", ""
        )
        (root / "transcripts" / "I1.txt").write_text("P: Pembuka.\n\n" + fixed, encoding="utf-8")
        report = import_paths(project, [root / "transcripts"])
        [result] = report.results
        assert (result.status, result.moved, result.flagged) == ("updated", 1, 1)
        text = project.store.scalar("SELECT text FROM sources")
        rows = {r["id"]: r for r in project.store.query("SELECT * FROM codings")}
        assert text[rows[kept]["start"] : rows[kept]["end"]] == "Berkasnya ditempel di loket."
        assert rows[gone]["status"] == "flagged"
        assert rows[gone]["quote"] == "Kami berupaya menambah petugas."
        assert project.store.undo_target() is None  # the re-import is a barrier

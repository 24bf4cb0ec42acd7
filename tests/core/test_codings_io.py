"""The codings file: export, round trip, re-anchoring on changed transcripts, refusals, undo,
and the analysis it carries (memos, conclusions with evidence, indicator verdicts)."""

from __future__ import annotations

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from qualcode.core.analysis import conclusions as conclusions
from qualcode.core.coding import memos
from qualcode.core.coding import operations as coding
from qualcode.core.coding.anchor import find_quote
from qualcode.core.codings_file import io as codings_io
from qualcode.core.records import Conclusion
from qualcode.core.sources import informants as informants
from qualcode.core.store import analysis as analysis_repo
from qualcode.core.store import codings as codings_repo
from qualcode.core.store import sources as source_repo
from qualcode.errors import CodingError, QualcodeError
from tests.core.coding_fixtures import (
    INTERVIEW_I1,
    INTERVIEW_I2,
    add_source,
    make_project,
    replace_text,
    table_counts,
    transcript_text,
)

TEXT = transcript_text(INTERVIEW_I1)


def _fresh(tmp_path, monkeypatch, name):
    project = make_project(tmp_path / name, monkeypatch)
    add_source(project, "I1.txt", INTERVIEW_I1)
    add_source(project, "I2.txt", INTERVIEW_I2, informant="I2")
    return project


@pytest.fixture
def coded(tmp_path, monkeypatch):
    """A project with codings on two sources, memos, and informant attributes set by hand."""
    project = _fresh(tmp_path, monkeypatch, "a")
    coding.code_sentence(
        project,
        1,
        2,
        "sarana",
        polarity="penghambat",
        summary="Komputer rusak",
        memo="lihat observasi\nbaris kedua",
    )
    coding.code_sentence(project, 1, 1, "waktu", polarity="pendukung", summary="Cepat: 'ya'")
    coding.code_sentence(project, 1, 4, "biaya-kewajaran", polarity="pendukung", summary="Gratis")
    coding.code_turn(project, 2, 1, "prosedur-persyaratan", polarity="penghambat", summary="Syarat")
    memos.add_memo(project, "code", "sarana", "Sarana jadi hambatan utama", title="Sarana")
    memos.add_memo(project, "informant", "I2", "Pemohon KTP")
    informants.set_attributes(
        project, "I2", pseudonym="Bu Sari", category="utama", attributes={"usia": "45"}
    )
    yield project
    project.close()


@pytest.fixture
def empty(tmp_path, monkeypatch):
    project = _fresh(tmp_path, monkeypatch, "b")
    yield project
    project.close()


def _rows(project):
    return [
        (
            c.uid,
            c.source_id,
            c.start,
            c.end,
            c.code_id,
            c.polarity,
            c.summary,
            c.memo,
            c.quote,
            c.coder,
            c.created_at,
            c.updated_at,
            c.status,
        )
        for c in codings_repo.list_codings(project.store)
    ]


def _write(path, data):
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


# -- export -----------------------------------------------------------------------------------
def test_export_is_deterministic_ordered_and_readable(coded, tmp_path):
    target = tmp_path / "codings.yaml"
    assert codings_io.export_codings(coded, target) == 4
    text = target.read_text(encoding="utf-8")
    assert text == codings_io.snapshot_text(coded)
    data = yaml.safe_load(text)
    assert list(data)[:4] == ["format", "version", "project", "codebook"]
    assert (data["format"], data["version"], data["codebook"]) == (
        "qualcode-codings",
        1,
        "kepmenpan-63-2003",
    )
    assert [s["path"] for s in data["sources"]] == ["transcripts/I1.txt", "transcripts/I2.txt"]
    starts = [c["start"] for c in data["sources"][0]["codings"]]
    assert starts == sorted(starts)
    first = data["sources"][0]["codings"][0]
    assert list(first) == [
        "id",
        "start",
        "end",
        "quote",
        "code",
        "polarity",
        "summary",
        "coder",
        "created",
        "updated",
    ]
    assert "memo: |-\n      lihat observasi\n      baris kedua" in text
    assert "exported" not in text
    i2 = next(i for i in data["informants"] if i["code"] == "I2")
    assert (i2["pseudonym"], i2["category"], i2["attributes"]) == (
        "Bu Sari",
        "utama",
        {"usia": "45"},
    )


def test_export_refuses_to_overwrite_unless_forced(coded, tmp_path):
    target = tmp_path / "codings.yaml"
    target.write_text("keep me", encoding="utf-8")
    with pytest.raises(CodingError, match="sudah ada"):
        codings_io.export_codings(coded, target)
    assert target.read_text(encoding="utf-8") == "keep me"
    codings_io.export_codings(coded, target, force=True)
    assert target.read_text(encoding="utf-8").startswith("format: qualcode-codings")


# -- round trip -------------------------------------------------------------------------------
def test_round_trip_into_a_fresh_project_restores_everything(coded, empty, tmp_path):
    target = tmp_path / "codings.yaml"
    codings_io.export_codings(coded, target)
    report = codings_io.import_codings(empty, target)
    assert (report.added, report.moved, report.flagged) == (4, [], [])
    assert (report.memos_added, report.informants_changed) == (2, 1)
    assert _rows(empty) == _rows(coded)
    assert codings_io.snapshot_text(empty) == codings_io.snapshot_text(coded)
    i2 = source_repo.informant_by_code(empty.store, "I2")
    assert (i2.pseudonym, i2.attributes) == ("Bu Sari", {"usia": "45"})


def test_import_is_one_undoable_event(coded, empty, tmp_path):
    target = tmp_path / "codings.yaml"
    codings_io.export_codings(coded, target)
    codings_io.import_codings(empty, target)
    event = empty.store.events(limit=1)[0]
    assert event.action == "codings.import" and "+4" in event.description
    coding.undo(empty)
    assert codings_repo.list_codings(empty.store) == [] and memos.list_memos(empty.store) == []
    coding.redo(empty)
    assert _rows(empty) == _rows(coded)


def test_importing_the_same_file_again_changes_nothing(coded, tmp_path):
    target = tmp_path / "codings.yaml"
    codings_io.export_codings(coded, target)
    before = table_counts(coded)
    report = codings_io.import_codings(coded, target)
    assert (report.added, report.updated, report.unchanged) == (0, 0, 4)
    assert table_counts(coded) == before  # no event either


def test_merge_keeps_newer_project_edits_and_replace_takes_the_file(coded, tmp_path):
    target = tmp_path / "codings.yaml"
    codings_io.export_codings(coded, target)
    data = yaml.safe_load(target.read_text(encoding="utf-8"))
    first = data["sources"][0]["codings"][0]
    first["updated"] = "2000-01-01T00:00:00+00:00"
    first["summary"] = "versi lama"
    _write(target, data)
    extra = coding.code_sentence(coded, 1, 5, "kompetensi")
    report = codings_io.import_codings(coded, target)
    assert (report.kept_newer, report.updated) == (1, 0)
    assert coding.get_coding(coded.store, extra.id)
    report = codings_io.import_codings(coded, target, mode="replace")
    assert (report.updated, report.removed) == (1, 1)
    assert coding.get_coding(coded.store, first["id"]).summary == "versi lama"
    assert extra.uid not in {c.uid for c in codings_repo.list_codings(coded.store)}


def test_a_hand_written_file_without_ids_is_accepted(empty, tmp_path):
    start = TEXT.index("Petugasnya juga ramah.")
    data = {
        "format": "qualcode-codings",
        "version": 1,
        "sources": [
            {
                "path": "transcripts/I1.txt",
                "codings": [
                    {
                        "start": start,
                        "end": start + 22,
                        "quote": "Petugasnya juga ramah.",
                        "code": "kompetensi",
                    }
                ],
            }
        ],
    }
    report = codings_io.import_codings(empty, _write(tmp_path / "hand.yaml", data))
    made = codings_repo.list_codings(empty.store)[0]
    assert report.added == 1 and len(made.uid) == 12
    assert (made.polarity, made.coder) == ("netral", "nadia")


def test_a_renamed_transcript_is_found_by_its_content(coded, empty, tmp_path):
    memos.add_memo(coded, "source", "I1.txt", "Wawancara pagi")
    target = tmp_path / "codings.yaml"
    codings_io.export_codings(coded, target)
    with empty.store.transaction("x", "rename", kind="info") as tx:
        tx.execute("UPDATE sources SET path = 'transcripts/wawancara-I1.txt' WHERE id = 1")
    report = codings_io.import_codings(empty, target)
    assert report.added == 4
    assert any("wawancara-I1.txt" in w for w in report.warnings)
    [memo] = memos.list_memos(empty.store, "source")
    assert memo.target == "transcripts/wawancara-I1.txt"


# -- re-anchoring -----------------------------------------------------------------------------
def test_changed_transcript_moves_codings_and_flags_vanished_text(coded, empty, tmp_path):
    target = tmp_path / "codings.yaml"
    codings_io.export_codings(coded, target)
    changed = (
        TEXT.replace("Bagaimana pelayanan", "Menurut Bapak, bagaimana pelayanan")  # shifts all
        .replace("komputernya sering rusak", "komputer nya sering rusk")  # typos: fuzzy
        .replace("Tidak ada biaya, gratis.", "Hmm.")  # gone
    )
    replace_text(empty, 1, changed)
    report = codings_io.import_codings(empty, target)
    assert report.added == 4
    how = {m.code: m.how for m in report.moved}
    assert how == {"waktu": "moved", "sarana": "fuzzy"}
    assert [m.code for m in report.flagged] == ["biaya-kewajaran"]
    assert any("berubah" in w for w in report.warnings)
    by_code = {c.code_id: c for c in codings_repo.list_codings(empty.store)}
    assert (
        by_code["waktu"].quote
        == "Pelayanannya cepat."
        == changed[by_code["waktu"].start : by_code["waktu"].end]
    )
    assert by_code["sarana"].quote == "Tapi komputer nya sering rusk."
    lost = by_code["biaya-kewajaran"]
    assert lost.status == "flagged" and "tidak ditemukan" in lost.flag_reason
    assert lost.quote == "Tidak ada biaya, gratis."  # the words are kept for review
    assert 0 <= lost.start < lost.end <= len(changed)


@settings(max_examples=60, deadline=None)
@given(
    before=st.text(alphabet="abc ,.\n", max_size=40),
    quote=st.text(alphabet="xyzXYZ .", min_size=3, max_size=20).filter(lambda q: q.strip()),
    after=st.text(alphabet="abc ,.\n", max_size=40),
    inserted=st.text(alphabet="abc .", max_size=30),
)
def test_find_quote_follows_text_inserted_before_it(before, quote, after, inserted):
    old = before + quote + after
    new = inserted + old
    found = find_quote(new, len(before), len(before) + len(quote), quote)
    assert found.how in ("ok", "moved")
    assert new[found.start : found.end] == quote


# -- refusals ---------------------------------------------------------------------------------
def _refused(project, path, message, mode="merge"):
    before = table_counts(project), codings_io.snapshot_text(project)
    with pytest.raises(CodingError, match=message) as info:
        codings_io.import_codings(project, path, mode=mode)
    assert (table_counts(project), codings_io.snapshot_text(project)) == before
    return info.value


def test_refuses_files_that_are_not_codings_files(empty, tmp_path):
    _refused(
        empty, _write(tmp_path / "book.yaml", {"id": "x", "dimensions": []}), "bukan berkas koding"
    )
    bad = tmp_path / "bad.yaml"
    bad.write_text("format: qualcode-codings\nsources: [\n", encoding="utf-8")
    _refused(empty, bad, "bad.yaml:3.*bukan YAML yang sah")
    _refused(empty, tmp_path / "nothing.yaml", "tidak ada")
    latin = tmp_path / "latin.yaml"
    latin.write_bytes("format: qualcode-codings\nproject: caf\xe9\n".encode("latin-1"))
    _refused(empty, latin, "bukan teks UTF-8")


def test_refuses_a_newer_or_unknown_version(empty, tmp_path):
    error = _refused(
        empty,
        _write(tmp_path / "v2.yaml", {"format": "qualcode-codings", "version": 2}),
        "qualcode yang lebih baru",
    )
    assert "pip install -U" in error.hint
    _refused(
        empty,
        _write(tmp_path / "vx.yaml", {"format": "qualcode-codings", "version": "x"}),
        "versi format 'x'",
    )


def test_refuses_unknown_codes_and_missing_sources_listing_them_all(coded, empty, tmp_path):
    target = tmp_path / "codings.yaml"
    codings_io.export_codings(coded, target)
    data = yaml.safe_load(target.read_text(encoding="utf-8"))
    data["sources"][0]["codings"][0]["code"] = "sarnaa"
    data["sources"][0]["codings"][1]["code"] = "kecepatan"
    data["sources"].append({"path": "transcripts/I9.txt", "sha256": "0", "codings": []})
    error = _refused(empty, _write(target, data), "tidak cocok dengan proyek ini")
    assert "kode 'sarnaa' tidak ada" in error.message and "mungkin: sarana" in error.message
    assert "kode 'kecepatan' tidak ada" in error.message
    assert "sumber transcripts/I9.txt tidak ada" in error.message


def test_refuses_broken_entries_naming_each(empty, tmp_path):
    data = {
        "format": "qualcode-codings",
        "version": 1,
        "sources": [
            {
                "path": "transcripts/I1.txt",
                "codings": [
                    {"id": "a1", "start": "lima", "end": 9, "quote": "x", "code": "sarana"},
                    {"id": "a2", "start": 9, "end": 3, "quote": "x", "code": "sarana"},
                    {"id": "a3", "start": 1, "end": 3, "code": "sarana"},
                    "just text",
                ],
            }
        ],
    }
    error = _refused(empty, _write(tmp_path / "broken.yaml", data), "4 masalah")
    for piece in (
        "(a1): 'start' harus bilangan bulat",
        "(a2): rentang 9:3",
        "(a3): 'quote' tidak ada",
        "koding ke-4: harus berupa pemetaan",
    ):
        assert piece in error.message


def test_refuses_bad_values(empty, tmp_path):
    data = {
        "format": "qualcode-codings",
        "version": 1,
        "sources": [
            {
                "path": "transcripts/I1.txt",
                "codings": [
                    {"id": "b1", "start": 1, "end": 3, "quote": "x", "code": "upaya"},
                    {
                        "id": "b2",
                        "start": 1,
                        "end": 3,
                        "quote": "x",
                        "code": "sarana",
                        "polarity": "positif",
                    },
                ],
            }
        ],
    }
    error = _refused(empty, _write(tmp_path / "values.yaml", data), "2 masalah")
    assert "kategori upaya" in error.message and "polaritas 'positif'" in error.message


# -- first load -------------------------------------------------------------------------------
def test_load_snapshot_is_a_barrier_undo_does_not_cross(coded, empty, tmp_path):
    target = tmp_path / "codings.yaml"
    codings_io.export_codings(coded, target)
    report = codings_io.load_snapshot(empty, target)
    assert report.added == 4
    assert empty.store.events(limit=1)[0].kind == "barrier"
    with pytest.raises(QualcodeError, match="muat koding"):
        coding.undo(empty)
    assert len(codings_repo.list_codings(empty.store)) == 4


def test_rejected_suggestions_travel_with_the_file(coded, empty, tmp_path):
    from qualcode.core.store import codings as repo

    start = TEXT.index("Petugasnya juga ramah.")
    with coded.store.transaction("suggest.reject", "tolak") as tx:
        repo.reject_suggestion(tx, 1, start, start + 22, "kompetensi-sikap", "nadia", "t")
        repo.reject_suggestion(tx, 2, 0, 5, "biaya", "nadia", "t")
    target = tmp_path / "codings.yaml"
    codings_io.export_codings(coded, target)
    assert "rejected:\n  - start:" in target.read_text(encoding="utf-8")
    codings_io.import_codings(empty, target)
    assert repo.rejected_keys(empty.store) == repo.rejected_keys(coded.store)
    assert codings_io.snapshot_text(empty) == codings_io.snapshot_text(coded)


# -- memos, conclusions and indicator verdicts --------------------------------------------------
def _uid(project, code):
    return next(c.uid for c in codings_repo.list_codings(project.store) if c.code_id == code)


@pytest.fixture
def analysed(coded):
    """The coded project with memos on every kind of target, conclusions and verdicts."""
    sarana = _uid(coded, "sarana")
    conclusions.set_conclusion(
        coded,
        "sarana",
        verdict="kurang baik",
        statement="Sarana paling lemah:\nkomputer rusak.",
        evidence=[sarana],
    )
    conclusions.set_conclusion(coded, "waktu", verdict="baik")  # evidence: all of waktu
    conclusions.set_conclusion(coded, "prosedur", statement="Belum disimpulkan.")
    conclusions.set_indicator_verdict(coded, "sarana-peralatan", "belum berkualitas", "Rusak")
    conclusions.set_indicator_verdict(coded, "biaya-kewajaran", "berkualitas")
    memos.add_memo(coded, "coding", sarana, "Dikuatkan observasi")
    memos.add_memo(coded, "source", "I1.txt", "Wawancara pagi")
    memos.add_memo(coded, "project", None, "Sarana menonjol di semua kelompok", title="Pola")
    return coded


def _analysis(project):
    """Conclusions, indicator verdicts and memos as comparable values (row ids left out)."""
    memo_rows = [
        (m.uid, m.target_kind, m.target, m.title, m.body, m.author, m.created_at, m.updated_at)
        for m in memos.list_memos(project.store)
    ]
    verdicts = sorted(analysis_repo.indicator_verdicts(project.store).items())
    return conclusions.get_conclusions(project), verdicts, memo_rows


def test_export_writes_memos_conclusions_and_verdicts_in_a_fixed_order(analysed, tmp_path):
    target = tmp_path / "codings.yaml"
    codings_io.export_codings(analysed, target)
    data = yaml.safe_load(target.read_text(encoding="utf-8"))
    assert list(data)[-3:] == ["memos", "conclusions", "indicator_verdicts"]
    assert [m["kind"] for m in data["memos"]] == [
        "code",
        "informant",
        "coding",
        "source",
        "project",
    ]
    assert [c["dimension"] for c in data["conclusions"]] == ["prosedur", "waktu", "sarana"]
    sarana = data["conclusions"][2]
    assert list(sarana) == ["dimension", "verdict", "statement", "evidence", "author", "updated"]
    assert sarana["evidence"] == [_uid(analysed, "sarana")]
    assert "evidence" not in data["conclusions"][1]  # all codings of the dimension
    assert data["indicator_verdicts"] == [
        {
            "indicator": "biaya-kewajaran",
            "verdict": "berkualitas",
            "author": "nadia",
            "updated": data["indicator_verdicts"][0]["updated"],
        },
        {
            "indicator": "sarana-peralatan",
            "verdict": "belum berkualitas",
            "note": "Rusak",
            "author": "nadia",
            "updated": data["indicator_verdicts"][1]["updated"],
        },
    ]


def test_analysis_round_trips_into_a_fresh_project(analysed, empty, tmp_path):
    target = tmp_path / "codings.yaml"
    codings_io.export_codings(analysed, target)
    report = codings_io.import_codings(empty, target)
    assert (report.conclusions_added, report.verdicts_added, report.memos_added) == (3, 2, 5)
    assert _analysis(empty) == _analysis(analysed)
    assert codings_io.snapshot_text(empty) == codings_io.snapshot_text(analysed)
    assert [f.id for f in conclusions.verification_flags(empty, "sarana")] == [
        "one_informant",
        "one_technique",
    ]  # the evidence is the one chosen coding, found again by its id
    coding.undo(empty)  # all of it was one event
    assert _analysis(empty) == (
        [Conclusion(d.id) for d in empty.codebook.dimensions],
        [],
        [],
    )


def test_a_rebuilt_store_shows_the_analysis_and_numbers_memos_as_before(analysed, empty, tmp_path):
    target = tmp_path / "codings.yaml"
    codings_io.export_codings(analysed, target)
    codings_io.load_snapshot(empty, target)
    assert _analysis(empty) == _analysis(analysed)
    assert [m.id for m in memos.list_memos(empty.store)] == [1, 2, 3, 4, 5]
    assert memos.get_memo(empty.store, 1).body == "Sarana jadi hambatan utama"


def test_importing_the_analysis_again_changes_nothing(analysed, tmp_path):
    target = tmp_path / "codings.yaml"
    codings_io.export_codings(analysed, target)
    before = table_counts(analysed)
    report = codings_io.import_codings(analysed, target, mode="replace")
    assert (report.conclusions_added, report.conclusions_updated, report.verdicts_updated) == (
        0,
        0,
        0,
    )
    assert table_counts(analysed) == before


def test_merge_keeps_newer_project_conclusions_and_replace_takes_the_files(analysed, tmp_path):
    target = tmp_path / "codings.yaml"
    codings_io.export_codings(analysed, target)
    data = yaml.safe_load(target.read_text(encoding="utf-8"))
    data["conclusions"][2].update(verdict="cukup baik", updated="2000-01-01T00:00:00+00:00")
    del data["indicator_verdicts"][0]
    _write(target, data)
    conclusions.set_conclusion(analysed, "biaya", verdict="baik")
    report = codings_io.import_codings(analysed, target)
    assert (report.conclusions_updated, report.conclusions_removed, report.verdicts_removed) == (
        0,
        0,
        0,
    )
    assert conclusions.get_conclusion(analysed, "sarana").verdict == "kurang baik"
    report = codings_io.import_codings(analysed, target, mode="replace")
    assert (report.conclusions_updated, report.conclusions_removed, report.verdicts_removed) == (
        1,
        1,
        1,
    )
    assert conclusions.get_conclusion(analysed, "sarana").verdict == "cukup baik"
    assert conclusions.get_conclusion(analysed, "biaya").verdict == ""
    assert list(analysis_repo.indicator_verdicts(analysed.store)) == ["sarana-peralatan"]


def test_an_old_file_without_the_new_keys_loads_and_leaves_the_analysis_alone(
    analysed, empty, tmp_path
):
    target = tmp_path / "codings.yaml"
    codings_io.export_codings(analysed, target)
    data = yaml.safe_load(target.read_text(encoding="utf-8"))
    del data["conclusions"], data["indicator_verdicts"]
    _write(target, data)
    report = codings_io.load_snapshot(empty, target)
    assert (report.added, report.memos_added, report.conclusions_added) == (4, 5, 0)
    before = _analysis(analysed)
    codings_io.import_codings(analysed, target, mode="replace")
    assert _analysis(analysed) == before


def test_evidence_may_name_a_project_coding_in_a_merge_only(analysed, tmp_path):
    extra = coding.code_sentence(analysed, 1, 5, "sarana-peralatan", polarity="penghambat")
    target = tmp_path / "codings.yaml"
    codings_io.export_codings(analysed, target)
    data = yaml.safe_load(target.read_text(encoding="utf-8"))
    data["sources"][0]["codings"] = [
        c for c in data["sources"][0]["codings"] if c["id"] != extra.uid
    ]
    data["conclusions"][2]["evidence"].append(extra.uid)
    data["conclusions"][2]["updated"] = "2999-01-01T00:00:00+00:00"
    _write(target, data)
    codings_io.import_codings(analysed, target)
    assert conclusions.get_conclusion(analysed, "sarana").evidence[-1] == extra.uid
    error = _refused(analysed, target, "tidak cocok", mode="replace")
    assert "conclusions[2] (sarana): bukti menyebut koding" in error.message
    assert extra.uid in error.message


def test_a_coding_exported_after_its_evidence_was_deleted_is_left_out(analysed, tmp_path):
    coding.remove_codings(analysed, [_uid(analysed, "sarana")])
    data = yaml.safe_load(codings_io.snapshot_text(analysed))
    assert "evidence" not in data["conclusions"][2]
    assert analysis_repo.conclusion_rows(analysed.store)["sarana"].evidence  # the store keeps it


def _bad_analysis(analysed, tmp_path, change):
    target = tmp_path / "codings.yaml"
    codings_io.export_codings(analysed, target, force=True)
    data = yaml.safe_load(target.read_text(encoding="utf-8"))
    change(data)
    return _write(tmp_path / "analisis.yaml", data)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda d: d["conclusions"][0].update(dimension="prosedr"),
            "conclusions[0] (prosedr): bukan dimensi buku kode ini (dimensi: prosedur, waktu,",
        ),
        (
            lambda d: d["conclusions"][0].update(dimension="sarana-peralatan"),
            "conclusions[0] (sarana-peralatan): bukan dimensi",
        ),
        (
            lambda d: d["conclusions"][2].update(verdict="buruk"),
            "conclusions[2] (sarana): putusan 'buruk' tidak ada di skala buku kode "
            "(baik, cukup baik, kurang baik)",
        ),
        (
            lambda d: d["conclusions"][2]["evidence"].append("hilang123456"),
            "conclusions[2] (sarana): bukti menyebut koding yang tidak ada di berkas maupun "
            "proyek: hilang123456",
        ),
        (
            lambda d: d["indicator_verdicts"][1].update(indicator="sarana-peraltan"),
            "indicator_verdicts[1] (sarana-peraltan): bukan indikator buku kode ini "
            "— mungkin: sarana-peralatan",
        ),
        (
            lambda d: d["indicator_verdicts"][0].update(indicator="biaya"),
            "indicator_verdicts[0] (biaya): bukan indikator",
        ),
        (
            lambda d: d["indicator_verdicts"][1].update(verdict="kurang baik"),
            "indicator_verdicts[1] (sarana-peralatan): penilaian 'kurang baik' tidak ada di "
            "skala indikator buku kode (berkualitas, belum berkualitas)",
        ),
    ],
)
def test_refuses_analysis_the_codebook_cannot_hold(analysed, empty, tmp_path, change, message):
    path = _bad_analysis(analysed, tmp_path, change)
    for project in (empty, analysed):
        error = _refused(project, path, "analisis.yaml tidak cocok dengan proyek ini")
        assert message in error.message
    with pytest.raises(CodingError, match="tidak cocok"):
        codings_io.load_snapshot(empty, path)
    assert _analysis(empty) == (
        [Conclusion(d.id) for d in empty.codebook.dimensions],
        [],
        [],
    )


def test_refuses_broken_analysis_entries_naming_each(analysed, empty, tmp_path):
    def change(data):
        data["conclusions"][1]["dimension"] = "sarana"
        data["conclusions"][2]["evidence"] = [{"id": "x"}]
        data["conclusions"].append("teks saja")
        data["indicator_verdicts"][0].pop("verdict")
        data["indicator_verdicts"] = data["indicator_verdicts"] + [
            {"indicator": "biaya-kewajaran", "verdict": "berkualitas"}
        ]

    error = _refused(
        empty, _bad_analysis(analysed, tmp_path, change), "analisis.yaml punya 5 masalah"
    )
    for piece in (
        "conclusions[2] (sarana): 'sarana' muncul dua kali (juga di conclusions[1])",
        "conclusions[2] (sarana): setiap butir 'evidence' harus id koding",
        "conclusions[3]: harus berupa pemetaan",
        "indicator_verdicts[0] (biaya-kewajaran): 'verdict' tidak ada",
        "indicator_verdicts[2] (biaya-kewajaran): 'biaya-kewajaran' muncul dua kali",
    ):
        assert piece in error.message


def test_refusals_speak_english_too(analysed, empty, tmp_path):
    from qualcode.i18n import get_language, set_language

    path = _bad_analysis(analysed, tmp_path, lambda d: d["conclusions"][2].update(verdict="buruk"))
    before = get_language()
    set_language("en")
    try:
        with pytest.raises(CodingError) as info:
            codings_io.import_codings(empty, path)
    finally:
        set_language(before)
    assert "analisis.yaml does not fit this project" in info.value.message
    assert "verdict 'buruk' is not on the codebook's scale" in info.value.message


# -- the reviews section ----------------------------------------------------------------------
def _reviewed(coded):
    from qualcode.core.review import threads

    made = codings_repo.list_codings(coded.store)[0]
    threads.revise(coded, "coding", made.uid, "Kutipan terlalu pendek\nTambah konteks")
    opened = threads.comment(coded, "project", None, "Bab IV rapi")
    threads.reply(coded, opened.id, "Sudah diperbaiki", origin="word:7")
    return made.uid


def test_reviews_are_written_in_a_fixed_key_order_and_round_trip(coded, empty, tmp_path):
    uid = _reviewed(coded)
    out = tmp_path / "c.yaml"
    codings_io.export_codings(coded, out)
    data = yaml.safe_load(out.read_text(encoding="utf-8"))
    on_coding, on_project = data["reviews"]
    assert list(on_coding) == [
        *(
            "id",
            "kind",
            "target",
            "mark",
            "state",
            "author",
            "role",
            "created",
            "updated",
            "messages",
        )
    ]
    assert (on_coding["target"], on_coding["mark"], on_coding["state"]) == (
        uid,
        "needs_revision",
        "open",
    )
    assert "target" not in on_project and "mark" not in on_project  # empty keys left out
    assert list(on_project["messages"][1]) == ["id", "author", "role", "body", "created", "origin"]
    assert on_project["messages"][1]["origin"] == "word:7"
    codings_io.import_codings(empty, out)
    assert codings_io.snapshot_text(empty) == codings_io.snapshot_text(coded)


def test_refuses_broken_review_entries_naming_each(coded, empty, tmp_path):
    _reviewed(coded)
    codings_io.export_codings(coded, tmp_path / "c.yaml")
    data = yaml.safe_load((tmp_path / "c.yaml").read_text(encoding="utf-8"))
    first, second = data["reviews"]
    first["kind"], first["state"] = "bab", "selesai"
    second["messages"][0].pop("body")
    error = _refused(empty, _write(tmp_path / "rusak.yaml", data), "rusak.yaml punya 3 masalah")
    for piece in (
        f"reviews[0] ({first['id']}): 'kind' bernilai 'bab'; pilih salah satu: coding, cell",
        f"reviews[0] ({first['id']}): 'state' bernilai 'selesai'",
        f"reviews[1] ({second['id']}) messages[0]: 'body' tidak ada",
    ):
        assert piece in error.message

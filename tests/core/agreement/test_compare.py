"""The report over two coders' codings: alignment, per code/dimension/overall, polarity,
character level, disagreements, and figures after consensus."""

from __future__ import annotations

import pytest

from qualcode.core.agreement.compare import OVERALL, compare
from qualcode.core.agreement.units import Mark, SourceMaterial, Unit, marks_unit

metrics = pytest.importorskip("sklearn.metrics")

# Ten sentences of ten characters each, back to back: sentence i spans [10 i, 10 i + 10).
UNITS = tuple(Unit(i, 10 * i, 10 * i + 10) for i in range(10))
GROUPS = {"k1": "dim-k", "k2": "dim-k", "s1": "dim-s"}


def _group(code: str) -> str:
    return GROUPS.get(code, code)


def _order(code: str) -> tuple[int, str]:
    return (["dim-k", "k1", "k2", "dim-s", "s1"].index(code), code)


def _on(i: int, code: str, polarity: str = "netral") -> Mark:
    return Mark(10 * i, 10 * i + 10, code, polarity)


def _report(first, second, decisions=None, units=UNITS):
    material = SourceMaterial("t/a.txt", "I1", units, tuple(first), tuple(second))
    return compare([material], _group, _order, decisions)


FIRST = [_on(0, "k1"), _on(1, "k1"), _on(2, "k2", "pendukung"), _on(3, "s1"), _on(5, "k1")]
SECOND = [_on(0, "k1"), _on(1, "k2"), _on(2, "k2", "penghambat"), _on(3, "s1"), _on(6, "k1")]


def test_per_code_figures_match_scikit_learn_on_the_presence_vectors() -> None:
    report = _report(FIRST, SECOND)
    for code in ("k1", "k2", "s1"):
        a = [any(m.code == code and m.start == 10 * i for m in FIRST) for i in range(10)]
        b = [any(m.code == code and m.start == 10 * i for m in SECOND) for i in range(10)]
        row = report.row(code)
        assert row.sentences.units == 10
        assert row.sentences.agreed == sum(x == y for x, y in zip(a, b, strict=True))
        if len(set(a) | set(b)) > 1 and row.sentences.kappa is not None:
            assert row.sentences.kappa == pytest.approx(metrics.cohen_kappa_score(a, b))
    assert report.row("s1").sentences.kappa == 1.0
    assert report.row("k1").marked_first == 3 and report.row("k1").marked_second == 2


def test_a_dimension_agrees_where_its_codes_differ() -> None:
    report = _report(FIRST, SECOND)
    # Sentence 1: k1 against k2, both in dim-k, so the dimension agrees there.
    dims = report.row("dim-k").sentences
    assert dims.agreed == 8  # sentences 5 and 6 disagree
    assert [r.key for r in report.rows] == [OVERALL, "dim-k", "k1", "k2", "dim-s", "s1"]


def test_overall_takes_each_sentences_set_of_codes_as_one_category() -> None:
    report = _report(FIRST, SECOND)
    label = {0: "k1", 1: "k1", 2: "k2", 3: "s1", 5: "k1"}
    other = {0: "k1", 1: "k2", 2: "k2", 3: "s1", 6: "k1"}
    a = [label.get(i, "-") for i in range(10)]
    b = [other.get(i, "-") for i in range(10)]
    overall = report.row(OVERALL).sentences
    assert overall.kappa == pytest.approx(metrics.cohen_kappa_score(a, b))
    assert overall.percent == pytest.approx(70.0)


def test_polarity_counts_only_sentences_both_coded_with_the_code() -> None:
    report = _report(FIRST, SECOND)
    assert (report.row("k2").polarity_pairs, report.row("k2").polarity_agreed) == (1, 0)
    assert (report.row(OVERALL).polarity_pairs, report.row(OVERALL).polarity_agreed) == (3, 2)
    assert report.row("dim-s").polarity_percent == 100.0


def test_every_disagreement_is_listed_with_both_coders_codes() -> None:
    report = _report(FIRST, SECOND)
    listed = [(d.index, d.first, d.second) for d in report.disagreements]
    assert listed == [
        (1, (("k1", "netral"),), (("k2", "netral"),)),
        (2, (("k2", "pendukung"),), (("k2", "penghambat"),)),
        (5, (("k1", "netral"),), ()),
        (6, (), (("k1", "netral"),)),
    ]


def test_a_coding_spilling_into_the_next_sentence_does_not_mark_it() -> None:
    spill = Mark(10, 23, "k1", "netral")  # sentence 1 and three characters of sentence 2
    assert marks_unit(spill, UNITS[1]) and not marks_unit(spill, UNITS[2])
    inside = Mark(12, 15, "k1", "netral")  # a short span wholly inside sentence 1
    assert marks_unit(inside, UNITS[1])
    report = _report([spill], [_on(1, "k1")])
    assert report.row("k1").sentences.percent == 100.0
    # At character level the three spilled characters are a disagreement.
    chars = report.row("k1").characters
    assert (chars.units, chars.agreed) == (100, 97)


def test_character_level_counts_characters_of_sentences_only() -> None:
    units = (Unit(0, 0, 10), Unit(1, 20, 30))  # 10 characters between them are not units
    report = _report([Mark(0, 30, "k1", "netral")], [Mark(5, 25, "k1", "netral")], units=units)
    chars = report.row("k1").characters
    # A marks all 20 characters; B marks 5 of the first sentence and 5 of the second.
    assert (chars.units, chars.agreed) == (20, 10)
    assert report.characters == 20


def test_one_coder_coded_nothing() -> None:
    report = _report(FIRST, [])
    overall = report.row(OVERALL).sentences
    assert overall.kappa == 0.0
    assert report.row("k1").sentences.kappa == 0.0
    assert report.row(OVERALL).marked_second == 0
    assert len(report.disagreements) == 5


def test_perfect_agreement() -> None:
    report = _report(FIRST, FIRST)
    assert report.row(OVERALL).sentences.kappa == 1.0
    assert report.row(OVERALL).sentences.alpha == 1.0
    assert report.disagreements == ()


def test_every_sentence_coded_alike_leaves_kappa_undefined() -> None:
    everywhere = [_on(i, "k1") for i in range(10)]
    report = _report(everywhere, everywhere)
    row = report.row("k1").sentences
    assert row.percent == 100.0
    assert row.kappa is None and row.alpha is None


def test_consensus_counts_decided_sentences_as_agreed_and_keeps_the_rest() -> None:
    before = _report(FIRST, SECOND)
    decisions = {("t/a.txt", 10, 20): "b", ("t/a.txt", 50, 60): "neither"}
    after = _report(FIRST, SECOND, decisions)
    assert after.decided == 2
    assert before.row(OVERALL).sentences.agreed == 7
    assert after.row(OVERALL).sentences.agreed == 9
    # Only sentence 6 still differs in codes (sentence 2 differs in polarity, not in codes).
    assert after.row(OVERALL).characters.agreed == 100 - 10
    assert [d.choice for d in after.disagreements] == ["b", None, "neither", None]
    # Keeping B on sentence 1 puts k2 on both sides; 'neither' drops k1 from sentence 5.
    assert after.row("k2").marked_first == 2 and after.row("k1").marked_first == 1

"""Kappa and alpha checked against scikit-learn and the krippendorff package on the same data."""

from __future__ import annotations

import random
from collections import Counter

import pytest

from qualcode.core.agreement.stats import (
    binary_table,
    cohen_kappa,
    figures,
    krippendorff_alpha_nominal,
    percent_agreement,
)

krippendorff = pytest.importorskip("krippendorff")
metrics = pytest.importorskip("sklearn.metrics")


def _table(first: list, second: list) -> Counter:
    return Counter(zip(first, second, strict=True))


def _reference_alpha(first: list, second: list) -> float:
    values = sorted(set(first) | set(second))
    index = {v: n for n, v in enumerate(values)}
    data = [[index[v] for v in first], [index[v] for v in second]]
    return krippendorff.alpha(reliability_data=data, level_of_measurement="nominal")


@pytest.mark.parametrize("seed", range(12))
def test_kappa_and_alpha_match_the_reference_implementations(seed: int) -> None:
    rng = random.Random(seed)
    categories = ["none", "K1", "K2", "K1+K2"][: rng.randint(2, 4)]
    first = [rng.choice(categories) for _ in range(rng.randint(5, 200))]
    # The second coder mostly agrees, sometimes not, so kappa lands anywhere in (-1, 1].
    second = [v if rng.random() < 0.7 else rng.choice(categories) for v in first]
    table = _table(first, second)
    assert cohen_kappa(table) == pytest.approx(metrics.cohen_kappa_score(first, second))
    if len(set(first) | set(second)) > 1:
        assert krippendorff_alpha_nominal(table) == pytest.approx(_reference_alpha(first, second))


def test_binary_presence_matches_the_references() -> None:
    # 20 sentences: both coded 6, only A 2, only B 3, neither 9.
    first = [True] * 6 + [True] * 2 + [False] * 3 + [False] * 9
    second = [True] * 6 + [False] * 2 + [True] * 3 + [False] * 9
    table = binary_table(6, 2, 3, 9)
    assert percent_agreement(table) == pytest.approx(75.0)
    assert cohen_kappa(table) == pytest.approx(metrics.cohen_kappa_score(first, second))
    assert krippendorff_alpha_nominal(table) == pytest.approx(_reference_alpha(first, second))


def test_hand_worked_kappa() -> None:
    # 50 units: yes/yes 20, yes/no 5, no/yes 10, no/no 15 -> p_o = .7, p_e = .5, kappa = .4.
    table = binary_table(20, 5, 10, 15)
    assert cohen_kappa(table) == pytest.approx(0.4)
    assert percent_agreement(table) == pytest.approx(70.0)


def test_perfect_agreement_is_one() -> None:
    found = figures(binary_table(4, 0, 0, 6))
    assert (found.percent, found.kappa, found.alpha) == (100.0, 1.0, 1.0)


def test_all_units_one_category_is_undefined_not_zero_or_one() -> None:
    found = figures(binary_table(0, 0, 0, 12))
    assert found.percent == 100.0
    assert found.kappa is None
    assert found.alpha is None


def test_a_code_only_one_coder_used_gives_kappa_zero() -> None:
    # A marked 3 of 10 units, B none: agreement only on absence, exactly chance -> kappa 0.
    first = [True] * 3 + [False] * 7
    second = [False] * 10
    table = binary_table(0, 3, 0, 7)
    assert cohen_kappa(table) == pytest.approx(metrics.cohen_kappa_score(first, second))
    assert cohen_kappa(table) == 0.0
    assert krippendorff_alpha_nominal(table) == pytest.approx(_reference_alpha(first, second))
    assert krippendorff_alpha_nominal(table) < 0


def test_no_units_gives_nothing_defined() -> None:
    found = figures({})
    assert (found.units, found.percent, found.kappa, found.alpha) == (0, None, None, None)

"""Agreement statistics for two coders over units that both coders judged (no missing values).

Every function takes a contingency table: ``{(value of coder A, value of coder B): weight}``,
one entry per pair of values seen, the weight being the number of units (or characters) that
got that pair. A statistic that the data cannot define (no units, or chance agreement already
perfect because every unit fell in one category) is ``None``, never 0 or 1.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Mapping
from dataclasses import dataclass

Contingency = Mapping[tuple[Hashable, Hashable], int]


@dataclass(frozen=True, slots=True)
class Figures:
    """Agreement on one question (a code, a dimension, or all codes at once) over ``units``."""

    units: int
    agreed: int
    percent: float | None
    kappa: float | None
    alpha: float | None

    def as_dict(self) -> dict[str, float | int | None]:
        """Return the figures as plain data (for JSON)."""
        return {
            "units": self.units,
            "agreed": self.agreed,
            "percent": self.percent,
            "kappa": self.kappa,
            "alpha": self.alpha,
        }


def percent_agreement(table: Contingency) -> float | None:
    """Return the share of units (0–100) on which both coders chose the same value."""
    total = sum(table.values())
    if total == 0:
        return None
    return 100.0 * sum(n for (a, b), n in table.items() if a == b) / total


def cohen_kappa(table: Contingency) -> float | None:
    """Return Cohen's kappa, (p_o − p_e) / (1 − p_e); None when p_e is 1 or there are no units."""
    total = sum(table.values())
    if total == 0:
        return None
    first: Counter[Hashable] = Counter()
    second: Counter[Hashable] = Counter()
    agreed = 0
    for (a, b), n in table.items():
        first[a] += n
        second[b] += n
        if a == b:
            agreed += n
    # Integer arithmetic so that "chance agreement is perfect" is decided exactly.
    chance = sum(first[value] * second[value] for value in first)
    if chance == total * total:
        return None
    return (agreed * total - chance) / (total * total - chance)


def krippendorff_alpha_nominal(table: Contingency) -> float | None:
    """Return Krippendorff's alpha (nominal) for two coders; None when one value is all there is.

    With two coders and no missing values every unit is pairable, so the coincidence matrix is
    the contingency table plus its transpose, and α = 1 − (n − 1)·Σ_{c≠k} o_ck / Σ_{c≠k} n_c·n_k.
    """
    marginals: Counter[Hashable] = Counter()
    disagreeing = 0
    for (a, b), n in table.items():
        marginals[a] += n
        marginals[b] += n
        if a != b:
            disagreeing += 2 * n
    pairable = sum(marginals.values())
    expected = pairable * pairable - sum(m * m for m in marginals.values())
    if pairable < 2 or expected == 0:
        return None
    return 1.0 - (pairable - 1) * disagreeing / expected


def figures(table: Contingency) -> Figures:
    """Return units, agreements, percent agreement, kappa and alpha of one contingency table."""
    return Figures(
        units=sum(table.values()),
        agreed=sum(n for (a, b), n in table.items() if a == b),
        percent=percent_agreement(table),
        kappa=cohen_kappa(table),
        alpha=krippendorff_alpha_nominal(table),
    )


def binary_table(both: int, first_only: int, second_only: int, neither: int) -> dict:
    """Return the presence/absence contingency table of one code from its four counts."""
    table = {
        (True, True): both,
        (True, False): first_only,
        (False, True): second_only,
        (False, False): neither,
    }
    return {pair: n for pair, n in table.items() if n}

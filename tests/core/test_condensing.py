"""Codings still to condense: listed in reading order, the next one found after a position."""

from __future__ import annotations

from qualcode.core.coding.condensing import next_uncondensed, uncondensed
from tests.core.displays.fixture import add_coding, built, indonesian  # noqa: F401 - fixtures


def test_codings_without_a_summary_are_listed_and_stepped_through(built):  # noqa: F811
    store = built.project.store
    assert uncondensed(store) == []
    first = add_coding(built, "I2.txt", "sarana", "penghambat", "")
    second = add_coding(built, "I1.txt", "sarana", "penghambat", "  ")
    order = [s[0] for s in store.query("SELECT id FROM sources ORDER BY id")]
    i1, i2 = order[0], order[1]
    assert [c.id for c in uncondensed(store)] == [second, first]
    assert [c.id for c in uncondensed(store, i2)] == [first]
    assert next_uncondensed(store, order, i1, -1).id == second
    assert next_uncondensed(store, order, i1, 0).id == first  # past it: the next source's
    assert next_uncondensed(store, order, i2, 0).id == second  # wraps round
    assert next_uncondensed(store, [i2], None, -1).id == first  # only the listed sources
    assert next_uncondensed(store, [order[2]], None, -1) is None

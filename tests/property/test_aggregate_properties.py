"""Totals are order-independent and additive over partitions; dimensions never mix."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from shanxi_poverty.aggregate import Discrepancy, cagr, reconcile, total
from shanxi_poverty.errors import DimensionMismatchError
from shanxi_poverty.model import Measurement, Provenance, Qualifier, Span

pytestmark = pytest.mark.property

amounts = st.decimals(
    allow_nan=False, allow_infinity=False, places=2, min_value=-(10**9), max_value=10**9
)


def figures(units: list[str]) -> st.SearchStrategy[Measurement]:
    """Additive figures (no indicator, no subject) in one of ``units``."""
    return st.builds(
        Measurement,
        value=amounts,
        unit=st.sampled_from(units),
        qualifier=st.sampled_from(Qualifier),
    )


persons = figures(["人", "万人", "名", "口"])
households = figures(["户", "万户"])


@given(st.lists(persons, min_size=1, max_size=12), st.data())
def test_total_does_not_depend_on_order(ms: list[Measurement], data: st.DataObject) -> None:
    """Shuffling the figures changes neither the sum nor its qualifier."""
    shuffled = data.draw(st.permutations(ms))
    a, b = total(ms, unit="人"), total(shuffled, unit="人")
    assert (a.value, a.qualifier, a.count) == (b.value, b.qualifier, b.count)


@given(st.lists(persons, min_size=2, max_size=12), st.data())
def test_total_is_additive_over_partitions(ms: list[Measurement], data: st.DataObject) -> None:
    """The total of a union is the total of the parts' totals, value and qualifier alike."""
    cut = data.draw(st.integers(1, len(ms) - 1))
    left, right = total(ms[:cut], unit="人"), total(ms[cut:], unit="人")
    whole = total(ms, unit="人")
    assert whole.value == left.value + right.value
    assert whole.count == left.count + right.count
    parts = [
        Measurement(value=part.value, unit="人", qualifier=part.qualifier) for part in (left, right)
    ]
    assert total(parts, unit="人").qualifier is whole.qualifier


@given(st.lists(persons, min_size=1, max_size=6), st.lists(households, min_size=1, max_size=6))
def test_mixing_dimensions_raises(people: list[Measurement], homes: list[Measurement]) -> None:
    """Any list holding both persons and households refuses to total."""
    with pytest.raises(DimensionMismatchError):
        total([*people, *homes])
    with pytest.raises(DimensionMismatchError):
        total([*homes, *people])


@given(st.lists(persons, min_size=1, max_size=8), st.integers(1, 4))
def test_corrupted_figures_do_not_change_the_total(ms: list[Measurement], bad: int) -> None:
    """Unreadable figures are skipped and counted, never summed."""
    broken = [Measurement(value=None, unit="人", corrupted=True) for _ in range(bad)]
    t = total([*broken, *ms], unit="人")
    assert t.value == total(ms, unit="人").value
    assert len(t.skipped) == bad


@given(st.decimals(min_value=1, max_value=10**6, places=2), st.integers(2, 5))
def test_restatements_agree(value: Decimal, copies: int) -> None:
    """The same figure said several times reconciles to one variant with every source."""
    ms = [
        Measurement(
            value=value,
            unit="户",
            subject="农村危房改造",
            provenance=Provenance(f"{i}.txt", Span(0, 1), f"{value}户"),
        )
        for i in range(copies)
    ]
    [r] = reconcile(ms)
    assert r.kind is Discrepancy.NONE
    assert len(r.provenances) == copies


@given(st.integers(1, 10**6), st.integers(0, 99))
def test_rounded_restatement_is_rounding(wan_tenths: int, hundredths: int) -> None:
    """A two-decimal 万 figure and its one-decimal truncation reconcile as rounding."""
    fine = Decimal(wan_tenths * 100 + hundredths).scaleb(-2)  # e.g. 33.37
    coarse = fine.quantize(Decimal("0.1"), rounding="ROUND_DOWN")  # 33.3
    ms = [
        Measurement(
            value=v * 10000,
            unit="户",
            subject="农村危房改造",
            provenance=Provenance("x.txt", Span(0, 1), f"{v}万户"),
        )
        for v in (coarse, fine)
    ]
    [r] = reconcile(ms)
    expected = Discrepancy.NONE if coarse == fine else Discrepancy.ROUNDING
    assert r.kind is expected


@given(
    st.decimals(min_value=1, max_value=10**6, places=0),
    st.decimals(min_value=-50, max_value=100, places=1),
    st.integers(1, 20),
)
def test_cagr_inverts_compounding(start: Decimal, rate: Decimal, years: int) -> None:
    """Compounding the start value at the computed rate gives back the end value."""
    end = start * (1 + rate / 100) ** years
    if end <= 0:
        return
    assert abs(cagr(start, 2000, end, 2000 + years) - rate) < Decimal("1e-15")

"""Tests of the Chinese unit registry (shanxi_poverty.units)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from shanxi_poverty import DimensionMismatchError, UnknownUnitError
from shanxi_poverty.model import Dimension
from shanxi_poverty.units import add, canonical_unit, dimension_of, quantity, split_unit, to_base


def test_wan_persons_expand_exactly() -> None:
    """'329万人' is 3 290 000 persons."""
    q = quantity(Decimal(329), "万人").to("人")
    assert q.magnitude == Decimal(3290000)
    assert dimension_of("万人") is Dimension.PERSONS


def test_yi_yuan_is_exact_decimal() -> None:
    """'2.3亿元' is exactly 230 000 000 yuan, with no float rounding."""
    q = quantity(Decimal("2.3"), "亿元").to("元")
    assert isinstance(q.magnitude, Decimal)
    assert q.magnitude == Decimal(230000000)
    assert str(q.magnitude.normalize()) == "2.3E+8"


def test_traditional_mu_to_hectares() -> None:
    """'7千畝' is 7 000 mu, about 466.67 ha (1 mu = 1/15 ha)."""
    factor, label = split_unit("千畝")
    assert (factor, label) == (Decimal(1000), "亩")
    ha = quantity(Decimal(7) * factor, label).to("公顷").magnitude
    assert round(ha, 2) == Decimal("466.67")
    assert round(quantity(Decimal(1), "亩").to("平方米").magnitude, 2) == Decimal("666.67")


def test_percentage_points_are_not_percent() -> None:
    """'3.5个百分点' is not 3.5 %: different dimensions."""
    points = quantity(Decimal("3.5"), "个百分点")
    percent = quantity(Decimal("3.5"), "%")
    assert dimension_of("个百分点") is Dimension.PERCENTAGE_POINTS
    assert dimension_of("%") is Dimension.RATIO
    with pytest.raises(DimensionMismatchError):
        add(points, percent)


def test_persons_plus_households_raises_clear_error() -> None:
    """Adding households to persons raises a typed error naming both units."""
    with pytest.raises(DimensionMismatchError) as info:
        add(quantity(Decimal(55992), "人"), quantity(Decimal(20104), "户"))
    assert str(info.value) == "cannot add '人' and '户': they measure different dimensions"
    assert isinstance(info.value, TypeError)


def test_money_plus_households_raises() -> None:
    """Money and households never add."""
    with pytest.raises(DimensionMismatchError):
        add(quantity(Decimal(1), "万元"), quantity(Decimal(1), "户"))


def test_classifiers_of_things_add() -> None:
    """所 and 个 share the [item] dimension by design, so 13045所 + 1个 adds."""
    total = add(quantity(Decimal(13045), "所"), quantity(Decimal(1), "个"))
    assert total.magnitude == Decimal(13046)


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("萬元", (Decimal(10000), "元")),
        ("億元", (Decimal(100000000), "元")),
        ("个", (Decimal(1), "个")),
        ("個", (Decimal(1), "个")),
        ("戶", (Decimal(1), "户")),
        ("人次", (Decimal(1), "人次")),
        ("%", (Decimal(1), "%")),
        ("万亩", (Decimal(10000), "亩")),
        ("公里", (Decimal(1), "公里")),
        ("个百分点", (Decimal(1), "个百分点")),
        # a word defined whole is no prefix and unit
        ("千瓦", (Decimal(1), "千瓦")),
        ("万千瓦", (Decimal(10000), "千瓦")),
        ("千米", (Decimal(1), "公里")),
        ("千克", (Decimal(1), "公斤")),
    ],
)
def test_split_unit(written: str, expected: tuple[Decimal, str]) -> None:
    """Written units split into an exact multiplier and the simplified label."""
    assert split_unit(written) == expected


def test_unknown_unit_raises() -> None:
    """An unknown unit word raises UnknownUnitError naming it."""
    with pytest.raises(UnknownUnitError, match="unknown unit '斤两'"):
        canonical_unit("斤两")


def test_quantity_refuses_float() -> None:
    """Floats are refused: they cannot hold 2.3亿 exactly."""
    with pytest.raises(TypeError, match="not float"):
        quantity(2.3, "亿元")  # type: ignore[arg-type]


def test_to_base_converts_wan_yuan() -> None:
    """to_base turns 万元 into 元."""
    assert to_base(quantity(Decimal("1.5"), "万元")).magnitude == Decimal(15000)


def test_power_and_energy_are_dimensions_that_never_add() -> None:
    """Installed capacity (千瓦) and electricity generated (千瓦时) are dimensions of their
    own: 1 兆瓦 is 1000 千瓦, and capacity never adds to generation."""
    assert dimension_of("千瓦") is Dimension.POWER
    assert dimension_of("千瓦时") is Dimension.ENERGY
    assert to_base(quantity(1, "兆瓦")) == to_base(quantity(1000, "千瓦"))
    with pytest.raises(DimensionMismatchError):
        add(quantity(1, "千瓦"), quantity(1, "千瓦时"))

"""Any number written in arabic, full-width or Chinese numerals reads back to its value."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from hypothesis import given
from hypothesis import strategies as st

from shanxi_poverty.numerals import format_chinese, parse_number

if TYPE_CHECKING:
    from decimal import Decimal

pytestmark = pytest.mark.property

_FULL_WIDTH = str.maketrans("0123456789.", "０１２３４５６７８９．")
_MULTIPLIERS = {"": 1, "十": 10, "百": 100, "千": 1000, "万": 10**4, "亿": 10**8, "萬": 10**4}

integers = st.integers(min_value=0, max_value=10**16)
decimals = st.decimals(
    min_value=0, max_value=10**9, places=3, allow_nan=False, allow_infinity=False
)


@given(integers)
def test_chinese_round_trip(n: int) -> None:
    """format_chinese then parse_number is the identity on non-negative integers."""
    assert parse_number(format_chinese(n)) == n


@given(integers)
def test_arabic_and_full_width(n: int) -> None:
    """ASCII and full-width digit strings read as the same integer."""
    assert parse_number(str(n)) == n
    assert parse_number(str(n).translate(_FULL_WIDTH)) == n


@given(integers)
def test_thousands_separators(n: int) -> None:
    """Digits grouped with ',' every three read as the same integer."""
    assert parse_number(f"{n:,}") == n


@given(decimals, st.sampled_from(sorted(_MULTIPLIERS)), st.booleans())
def test_decimal_with_multiplier(value: Decimal, multiplier: str, full_width: bool) -> None:
    """A decimal with any multiplier (2.3亿, 1.5萬) is expanded exactly."""
    written = format(value, "f")
    if full_width:
        written = written.translate(_FULL_WIDTH)
    assert parse_number(written + multiplier) == value * _MULTIPLIERS[multiplier]


@given(st.integers(min_value=1, max_value=9999), st.sampled_from(["万", "亿"]))
def test_chinese_with_multiplier(n: int, multiplier: str) -> None:
    """A Chinese numeral followed by 万 or 亿 is multiplied out."""
    assert parse_number(format_chinese(n) + multiplier) == n * _MULTIPLIERS[multiplier]

"""Numbers as Chinese news writes them: arabic, full-width, Chinese and mixed."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from shanxi_poverty.errors import NumeralError
from shanxi_poverty.model import Numeral
from shanxi_poverty.numerals import (
    ParsedNumeral,
    _parse_integer_part,
    format_chinese,
    parse_number,
    parse_numeral,
    tidy_decimal,
)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("20104", "20104"),
        ("98.22", "98.22"),
        ("1,234,567", "1234567"),
        ("1,234.5", "1234.5"),
        ("２０２１", "2021"),
        ("１２，３４５", "12345"),
        ("12 345", "12345"),
        ("1\u202f234\u202f567.5", "1234567.5"),
        ("３．５", "3.5"),
        ("2.3亿", "230000000"),
        ("39.4億", "3940000000"),
        ("7千", "7000"),
        ("1.5萬", "15000"),
        ("13636.96万", "136369600"),
        ("3万5千", "35000"),
        ("1亿2千万", "120000000"),
        ("两", "2"),
        ("兩", "2"),
        ("十", "10"),
        ("十三", "13"),
        ("二十", "20"),
        ("三十五", "35"),
        ("一百零一", "101"),
        ("一千二百", "1200"),
        ("一千零五", "1005"),
        ("两千", "2000"),
        ("一万", "10000"),
        ("十万", "100000"),
        ("一亿零二万零三", "100020003"),
        ("〇", "0"),
        ("零", "0"),
        ("二〇二一", "2021"),
        ("廿", "20"),
        ("廿三", "23"),
        ("两万五", "25000"),
        ("一千二", "1200"),
        ("千", "1000"),
        ("万", "10000"),
        ("壹佰贰拾", "120"),
        ("  42 ", "42"),
    ],
)
def test_parse_number(text: str, value: str) -> None:
    """Every written form reads as the exact Decimal."""
    assert parse_number(text) == Decimal(value)


def test_decimal_is_exact() -> None:
    """2.3亿 is exactly 230000000 (a float would give 229999999.99999997)."""
    value = parse_number("2.3亿")
    assert value == 230000000
    assert str(value) == "230000000"
    assert isinstance(value, Decimal)


@pytest.mark.parametrize(
    ("text", "value", "unit", "numeral"),
    [
        ("百分之九十六", "96", "%", Numeral.CHINESE),
        ("百分之96", "96", "%", Numeral.ARABIC),
        ("96%", "96", "%", Numeral.ARABIC),
        ("98.22％", "98.22", "%", Numeral.ARABIC),
        ("千分之五", "5", "‰", Numeral.CHINESE),
        ("三分之一", str(Decimal(1) / Decimal(3)), None, Numeral.CHINESE),
        ("四分之三", "0.75", None, Numeral.CHINESE),
        ("329万", "3290000", None, Numeral.ARABIC),
        ("两", "2", None, Numeral.CHINESE),
        # the Chinese decimal point: digits read one by one after it, then 万/亿
        ("十五点五", "15.5", None, Numeral.CHINESE),
        ("百分之十五点五", "15.5", "%", Numeral.CHINESE),
        ("三点五亿", "350000000", None, Numeral.CHINESE),
        ("一点二万", "12000", None, Numeral.CHINESE),
        ("零点零五", "0.05", None, Numeral.CHINESE),
        ("两千三百点二五", "2300.25", None, Numeral.CHINESE),
    ],
)
def test_parse_numeral(text: str, value: str, unit: str | None, numeral: Numeral) -> None:
    """Percentages keep their figure and report the unit; fractions divide exactly to 28 digits."""
    assert parse_numeral(text) == ParsedNumeral(Decimal(value), unit, numeral)


@pytest.mark.parametrize(
    ("text", "position", "reason"),
    [
        ("", 0, "empty number"),
        ("3万x", 2, "unexpected character 'x'"),
        ("abc", 0, "unexpected character 'a'"),
        ("十百", 1, "unit '百' out of order"),
        ("三两", 1, "two numbers without a unit between"),
        ("12万34 5", 5, "unexpected character ' '"),
        ("百分之", 3, "percentage without a number"),
        ("分之一", 0, "fraction without a denominator"),
        ("三分之", 3, "fraction without a numerator"),
        ("零分之一", 0, "fraction with a zero denominator"),
        ("点五", 0, "decimal point without digits on both sides"),
        ("十五点", 2, "decimal point without digits on both sides"),
        ("三点五十", 3, "unexpected character '十'"),
    ],
)
def test_errors_carry_position(text: str, position: int, reason: str) -> None:
    """A bad number raises NumeralError with the offset where reading failed."""
    with pytest.raises(NumeralError) as info:
        parse_number(text)
    assert info.value.position == position
    assert info.value.reason == reason


def test_error_message_has_caret() -> None:
    """The message shows the text and a caret under the bad character."""
    with pytest.raises(NumeralError) as info:
        parse_number("3万x")
    assert str(info.value) == "unexpected character 'x'\n    3万x\n      ^"


def test_error_is_value_error() -> None:
    """NumeralError refines ValueError."""
    with pytest.raises(ValueError, match="empty number"):
        parse_number("   ")


@pytest.mark.parametrize(
    ("number", "text"),
    [
        (0, "零"),
        (7, "七"),
        (10, "十"),
        (13, "十三"),
        (20, "二十"),
        (101, "一百零一"),
        (110, "一百一十"),
        (1005, "一千零五"),
        (2013, "二千零一十三"),
        (10001, "一万零一"),
        (100000, "十万"),
        (3290000, "三百二十九万"),
        (100020003, "一亿零二万零三"),
        (10**8, "一亿"),
        (10**9, "十亿"),
    ],
)
def test_format_chinese(number: int, text: str) -> None:
    """Integers are written in standard Chinese numerals and read back."""
    assert format_chinese(number) == text
    assert parse_number(text) == number


def test_format_chinese_rejects_negative() -> None:
    """Negative numbers have no Chinese numeral form here."""
    with pytest.raises(ValueError, match="negative"):
        format_chinese(-1)


@given(st.from_regex(r"[0-9]{1,12}(\.[0-9]{1,6})?", fullmatch=True))
def test_plain_decimals_read_as_the_grammar_reads_them(text: str) -> None:
    """The shortcut for plain decimals (20104, 2.3) gives what the full grammar gives."""
    assert parse_numeral(text) == ParsedNumeral(tidy_decimal(_parse_integer_part(text, text, 0)))


@given(st.from_regex(r"[0-9]{1,12}(\.[0-9]{1,6})?[万萬亿億]", fullmatch=True))
def test_decimals_with_a_big_unit_read_as_the_grammar_reads_them(text: str) -> None:
    """The shortcut for a decimal and one 万/亿 (2.3万) gives what the full grammar gives."""
    assert parse_numeral(text) == ParsedNumeral(tidy_decimal(_parse_integer_part(text, text, 0)))

"""Numbers as Chinese news write them, read exactly as :class:`~decimal.Decimal`.

Arabic digits (ASCII or full-width, with a decimal point and thousands separated by ``,`` or
a space), Chinese numerals (两, 十三, 一千二百, 〇, 零, 廿, financial 壹贰叁, 点 decimals as in
十五点五), the two mixed (``2.3亿``, ``7千``, ``1.5萬``, ``3万5千``), digit-by-digit years
(二〇二一), percentages (``96%``, ``百分之九十六``) and fractions (``三分之一``).  Arithmetic is
Decimal throughout: ``2.3亿`` is exactly ``230000000``, never the float
``229999999.99999997``.

>>> parse_number("2.3亿")
Decimal('230000000')
>>> parse_number("一千二百"), parse_number("两万五"), parse_number("１２，３４５")
(Decimal('1200'), Decimal('25000'), Decimal('12345'))
>>> parse_numeral("百分之九十六")
ParsedNumeral(value=Decimal('96'), unit='%', numeral=<Numeral.CHINESE: 'chinese'>)
>>> format_chinese(1200), format_chinese(100020003)
('一千二百', '一亿零二万零三')
>>> parse_number("3万x")
Traceback (most recent call last):
...
shanxi_poverty.errors.NumeralError: unexpected character 'x'
    3万x
      ^
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Final

import attrs

from shanxi_poverty.errors import NumeralError
from shanxi_poverty.model import Numeral

__all__ = ["ParsedNumeral", "format_chinese", "parse_number", "parse_numeral"]


def __dir__() -> list[str]:
    return __all__


#: Chinese digits (simplified, traditional, financial) and their values.
DIGITS: Final[dict[str, int]] = {
    "〇": 0, "零": 0, "○": 0, "Ｏ": 0,
    "一": 1, "壹": 1, "幺": 1,
    "二": 2, "两": 2, "兩": 2, "贰": 2, "貳": 2,
    "三": 3, "叁": 3, "參": 3,
    "四": 4, "肆": 4,
    "五": 5, "伍": 5,
    "六": 6, "陆": 6, "陸": 6,
    "七": 7, "柒": 7,
    "八": 8, "捌": 8,
    "九": 9, "玖": 9,
}  # fmt: skip

#: The Chinese decimal point (十五点五), and the digits read one by one after it.
_POINT: Final = "点"
_CN_DIGIT_CHARS: Final = "".join(DIGITS)

#: Tens written as one character.
TENS: Final[dict[str, int]] = {"廿": 20, "卅": 30, "卌": 40}

#: Multipliers inside a 万-section (十 百 千).
SMALL_UNITS: Final[dict[str, int]] = {
    "十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000,
}  # fmt: skip

#: Multipliers that close a section (万 亿).
BIG_UNITS: Final[dict[str, int]] = {"万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8}

_FULL_WIDTH: Final = str.maketrans("０１２３４５６７８９．，％", "0123456789.,%")
_ASCII_DIGITS: Final = frozenset("0123456789")
#: The commonest numbers by far (20104, 2.3; 2.3万, 15亿): read by Decimal directly.
_PLAIN_DECIMAL: Final = re.compile(r"[0-9]+(?:\.[0-9]+)?")
# (possessive, and never starting inside a number: linear when searched, not only matched)
_DECIMAL_BIG_UNIT: Final = re.compile(r"(?<![0-9.])([0-9]++(?:\.[0-9]++)?+)([万萬亿億])")
_PERCENT_SIGNS: Final = ("%", "％")
_PERCENT_WORDS: Final[dict[str, str]] = {"百分之": "%", "千分之": "‰"}
_THOUSANDS_GROUP: Final = 3
_THOUSANDS_SEPARATORS: Final = ", \u00a0\u2009\u202f"


@attrs.frozen
class ParsedNumeral:
    """A number read from text.

    Args:
        value: the number (a percentage keeps its percent figure: ``96%`` → 96).
        unit: ``"%"`` or ``"‰"`` when the text was a percentage, else ``None``.
        numeral: whether digits were used.
    """

    value: Decimal
    unit: str | None = None
    numeral: Numeral = Numeral.ARABIC


def tidy_decimal(value: Decimal) -> Decimal:
    """An integral value without exponent or trailing zeros (``2.3 * 1e8`` → 230000000)."""
    if value == value.to_integral_value():
        return Decimal(int(value))
    return value.normalize()


def _read_arabic(text: str, pos: int) -> tuple[Decimal, int]:
    """Read ``digits (',' ddd)* ('.' digits)?`` at ``pos``; returns the value and end."""
    end = pos
    n = len(text)
    while end < n and text[end] in _ASCII_DIGITS:
        end += 1
    digits = text[pos:end]
    # thousands separators followed by exactly three digits: ',' after any digits, a space
    # only after a first group of one to three (12 345, not two table cells 2020 123)
    separators = "," if end - pos > _THOUSANDS_GROUP else _THOUSANDS_SEPARATORS
    while (
        end + _THOUSANDS_GROUP < n + 1
        and end < n
        and text[end] in separators
        and text[end + 1 : end + 1 + _THOUSANDS_GROUP].isascii()
        and text[end + 1 : end + 1 + _THOUSANDS_GROUP].isdigit()
        and len(text[end + 1 : end + 1 + _THOUSANDS_GROUP]) == _THOUSANDS_GROUP
        and not (end + 1 + _THOUSANDS_GROUP < n and text[end + 1 + _THOUSANDS_GROUP].isdigit())
    ):
        digits += text[end + 1 : end + 1 + _THOUSANDS_GROUP]
        end += 1 + _THOUSANDS_GROUP
    if end < n and text[end] == "." and end + 1 < n and text[end + 1] in _ASCII_DIGITS:
        frac_end = end + 1
        while frac_end < n and text[frac_end] in _ASCII_DIGITS:
            frac_end += 1
        digits += text[end:frac_end]
        end = frac_end
    return Decimal(digits), end


def _is_digit_string(text: str) -> bool:
    """Chinese digits read one by one (二〇二一), two or more of them."""
    return len(text) > 1 and all(c in DIGITS for c in text) and "两" not in text


def _parse_integer_part(original: str, text: str, offset: int) -> Decimal:
    """Grammar: ``number := (atom small_unit?)* big_unit ...`` read as 亿 > 万 > 千百十 sections.

    An atom is an arabic number (``2.3``) or one Chinese digit; 廿/卅 are whole tens; a unit
    with no atom before it counts once (``十三``, ``千亩``); a digit after the last unit is
    that unit's next place (``两万五`` = 25000, ``一千二`` = 1200) unless a 零 came between.
    """
    if _is_digit_string(text):
        return Decimal("".join(str(DIGITS[c]) for c in text))
    total = Decimal(0)  # closed by 亿
    section = Decimal(0)  # closed by 万
    small = Decimal(0)  # within a section
    pending: Decimal | None = None
    last_small = 10**5  # order of the last small unit in this section
    last_unit: int | None = None
    zero_seen = False
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        if ch in _ASCII_DIGITS:
            if pending is not None:
                raise NumeralError(original, offset + i, "two numbers without a unit between")
            pending, i = _read_arabic(text, i)
            continue
        if ch in TENS:
            if pending is not None or last_small <= SMALL_UNITS["十"]:
                raise NumeralError(original, offset + i, f"unit {ch!r} out of order")
            small += TENS[ch]
            last_small = last_unit = SMALL_UNITS["十"]
        elif ch in DIGITS:
            if pending is not None:
                raise NumeralError(original, offset + i, "two numbers without a unit between")
            if DIGITS[ch] == 0:
                zero_seen = True
                i += 1
                continue
            pending = Decimal(DIGITS[ch])
        elif ch in SMALL_UNITS:
            unit = SMALL_UNITS[ch]
            if unit >= last_small:
                raise NumeralError(original, offset + i, f"unit {ch!r} out of order")
            small += (Decimal(1) if pending is None else pending) * unit
            pending = None
            last_small = unit
            last_unit = unit
            zero_seen = False
        elif ch in BIG_UNITS:
            unit = BIG_UNITS[ch]
            amount = small + (pending if pending is not None else Decimal(0))
            if pending is None and small == 0 and section == 0 and total == 0:
                amount = Decimal(1)
            if unit == BIG_UNITS["亿"]:
                total = (total + section + amount) * unit
                section = Decimal(0)
            else:
                section = (section + amount) * unit
            small = Decimal(0)
            pending = None
            last_small = 10**5
            last_unit = unit
            zero_seen = False
        else:
            raise NumeralError(original, offset + i, f"unexpected character {ch!r}")
        i += 1
    if pending is not None:
        if last_unit is not None and last_unit >= 100 and not zero_seen and pending < 10:  # noqa: PLR2004
            pending *= last_unit // 10
        small += pending
    return total + section + small


def _parse_chinese_decimal(original: str, text: str, offset: int) -> Decimal:
    """A number with a Chinese decimal point: ``十五点五`` = 15.5, ``三点五亿`` = 350000000
    (integer part, 点, digits read one by one, then 万/亿); without 点, the integer grammar."""
    at = text.find(_POINT)
    if at < 0:
        return _parse_integer_part(original, text, offset)
    digits = len(text[at + 1 :]) - len(text[at + 1 :].lstrip(_CN_DIGIT_CHARS))
    if at == 0 or digits == 0:
        raise NumeralError(original, offset + at, "decimal point without digits on both sides")
    fraction = "".join(str(DIGITS[c]) for c in text[at + 1 : at + 1 + digits])
    value = _parse_integer_part(original, text[:at], offset) + Decimal(f"0.{fraction}")
    for i in range(at + 1 + digits, len(text)):
        if text[i] not in BIG_UNITS:
            raise NumeralError(original, offset + i, f"unexpected character {text[i]!r}")
        value *= BIG_UNITS[text[i]]
    return value


def _normalize(text: str) -> str:
    return text.strip().translate(_FULL_WIDTH)


def parse_numeral(text: str) -> ParsedNumeral:
    """Read a number, a percentage or a fraction.

    Args:
        text: the number as written (``2.3亿``, ``百分之九十六``, ``三分之一``, ``96%``).

    Returns:
        The value, the percent unit if any, and how it was written.  Fractions are divided
        with Decimal's 28-digit precision (``三分之一`` → 0.3333…).

    Raises:
        NumeralError: if the text is not a number, with the position where reading failed.

    .. versionadded:: 0.1.0
    """
    if _PLAIN_DECIMAL.fullmatch(text):
        return ParsedNumeral(tidy_decimal(Decimal(text)))
    if (scaled := _DECIMAL_BIG_UNIT.fullmatch(text)) is not None:
        return ParsedNumeral(tidy_decimal(Decimal(scaled[1]) * BIG_UNITS[scaled[2]]))
    lead = len(text) - len(text.lstrip())
    norm = _normalize(text)
    if not norm:
        raise NumeralError(text, 0, "empty number")
    numeral = Numeral.ARABIC if any(c in _ASCII_DIGITS for c in norm) else Numeral.CHINESE
    for word, unit in _PERCENT_WORDS.items():
        if norm.startswith(word):
            if len(norm) == len(word):
                raise NumeralError(text, lead + len(word), "percentage without a number")
            value = _parse_chinese_decimal(text, norm[len(word) :], lead + len(word))
            return ParsedNumeral(tidy_decimal(value), unit, numeral)
    if norm.endswith("%"):
        value = _parse_integer_part(text, norm[:-1], lead)
        return ParsedNumeral(tidy_decimal(value), "%", numeral)
    if "分之" in norm:
        at = norm.index("分之")
        if at == 0:
            raise NumeralError(text, lead, "fraction without a denominator")
        if at + 2 == len(norm):
            raise NumeralError(text, lead + at + 2, "fraction without a numerator")
        denominator = _parse_integer_part(text, norm[:at], lead)
        numerator = _parse_integer_part(text, norm[at + 2 :], lead + at + 2)
        if denominator == 0:
            raise NumeralError(text, lead, "fraction with a zero denominator")
        return ParsedNumeral(tidy_decimal(numerator / denominator), None, numeral)
    try:
        value = _parse_chinese_decimal(text, norm, lead)
    except InvalidOperation as exc:  # pragma: no cover - digits are checked before Decimal()
        raise NumeralError(text, lead, "not a number") from exc
    return ParsedNumeral(tidy_decimal(value), None, numeral)


def parse_number(text: str) -> Decimal:
    """The value of a written number (see :func:`parse_numeral`; a percentage gives its figure).

    >>> parse_number("1.5萬"), parse_number("廿三"), parse_number("一千零五")
    (Decimal('15000'), Decimal('23'), Decimal('1005'))

    Raises:
        NumeralError: if the text is not a number, with the position where reading failed.

    .. versionadded:: 0.1.0
    """
    return parse_numeral(text).value


_CHINESE_DIGITS: Final = "零一二三四五六七八九"
_SECTION: Final = 10**4


def _format_section(n: int) -> str:
    """A number below 10000 with 千百十, 零 for each gap."""
    out: list[str] = []
    zero = False
    for unit, name in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit = n // unit % 10
        if digit == 0:
            zero = bool(out)
            continue
        if zero:
            out.append("零")
            zero = False
        out.append(_CHINESE_DIGITS[digit] + name)
    return "".join(out)


def format_chinese(n: int) -> str:
    """Write a non-negative integer in Chinese numerals (the inverse of :func:`parse_number`).

    >>> format_chinese(0), format_chinese(13), format_chinese(2013), format_chinese(10**8)
    ('零', '十三', '二千零一十三', '一亿')

    Raises:
        ValueError: if ``n`` is negative.

    .. versionadded:: 0.1.0
    """
    if n < 0:
        msg = f"cannot write a negative number in Chinese numerals: {n}"
        raise ValueError(msg)
    if n == 0:
        return "零"
    text = _format_big(n)
    if text.startswith("一十"):
        text = text[1:]
    return text


def _format_big(n: int) -> str:
    """Sections of 亿 (recursively, so 亿亿 for 10**16) and 万."""
    for unit, name in ((10**8, "亿"), (_SECTION, "万")):
        if n >= unit:
            head, rest = divmod(n, unit)
            text = _format_big(head) + name
            if rest:
                text += ("零" if rest < unit // 10 else "") + _format_big(rest)
            return text
    return _format_section(n)

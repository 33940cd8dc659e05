"""Domain model: regions, programmes, indicators and measurements.

All classes are frozen, slotted and hashable :func:`attrs.frozen` value objects.  Values are
:class:`decimal.Decimal`, never ``float``: ``2.3亿元`` is exactly ``230000000``.

>>> from decimal import Decimal
>>> m = Measurement(value=Decimal("230000000"), unit="元")
>>> m.quantity
<Quantity(230000000, '元')>
>>> m.quantity.to("亿元").magnitude.normalize()
Decimal('2.3')
"""

from __future__ import annotations

import datetime as dt
import enum
from decimal import Decimal
from typing import TYPE_CHECKING, Final

import attrs

if TYPE_CHECKING:
    from collections.abc import Iterable

    from shanxi_poverty.units import Quantity

__all__ = [
    "Dimension",
    "FormerName",
    "Indicator",
    "Measurement",
    "Numeral",
    "Programme",
    "Provenance",
    "Qualifier",
    "Region",
    "RegionLevel",
    "Span",
    "TimeReference",
]


def __dir__() -> list[str]:
    return __all__


class RegionLevel(enum.StrEnum):
    """Administrative level of a :class:`Region`."""

    COUNTRY = "country"  #: 全国 / 中国
    PROVINCE = "province"  #: 省 (山西省)
    PREFECTURE = "prefecture"  #: 地级市 (太原市)
    COUNTY = "county"  #: 县 / 县级市 / 市辖区 (娄烦县)
    TOWNSHIP = "township"  #: 乡 / 镇 / 街道 (东河南镇)
    VILLAGE = "village"  #: 村 / 社区 (小王村)


class Qualifier(enum.StrEnum):
    """How exact a figure is, as the text says it."""

    EXACT = "exact"  #: no qualifier
    APPROX = "approx"  #: 约, 近, 左右, 接近, 大约
    MORE_THAN = "more_than"  #: 余, 多, 超过, 逾
    AT_LEAST = "at_least"  #: 以上, 不少于, 至少; the low end of a range
    AT_MOST = "at_most"  #: 以内, 以下, 不超过; the high end of a range
    LESS_THAN = "less_than"  #: 不足, 不到


class Numeral(enum.StrEnum):
    """How the number was written."""

    ARABIC = "arabic"  #: with digits (ASCII or full-width), possibly with 万/亿
    CHINESE = "chinese"  #: only Chinese numerals (两, 十三, 一千二百)


class Dimension(enum.StrEnum):
    """What an indicator or unit measures; quantities of different dimensions never add."""

    PERSONS = "persons"  #: 人, 名, 口
    HOUSEHOLDS = "households"  #: 户
    PERSON_TIMES = "person_times"  #: 人次
    MONEY = "money"  #: 元
    AREA = "area"  #: 亩, 公顷, 平方米
    LENGTH = "length"  #: 公里, 米
    MASS = "mass"  #: 吨, 斤
    VOLUME = "volume"  #: 立方米
    RATIO = "ratio"  #: %, 倍
    PERCENTAGE_POINTS = "percentage_points"  #: 个百分点
    ITEMS = "items"  #: counting classifiers of things: 个, 所, 处, 座, 家 ...
    DURATION = "duration"  #: 天, 年, 月
    EVENTS = "events"  #: 次, 场次, 期
    POWER = "power"  #: 千瓦, 兆瓦 (installed capacity)
    ENERGY = "energy"  #: 千瓦时, 度 (electricity generated)


@attrs.frozen
class FormerName:
    """A name a region had before, with the years it was valid.

    Args:
        name: the former full name (大同县).
        code: the former code, if it differed.
        valid_to: the year it stopped being used (the approval year of the change).
    """

    name: str
    code: str | None = None
    valid_to: int | None = None


def _strings(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(items)


def _former_names(items: Iterable[FormerName]) -> tuple[FormerName, ...]:
    return tuple(items)


_CODE_LENGTH = 6


def _check_code(
    _instance: object, _attribute: attrs.Attribute[str | None], value: str | None
) -> None:
    if value is not None and not (
        len(value) == _CODE_LENGTH and value.isascii() and value.isdigit()
    ):
        msg = f"region code must be 6 ASCII digits (GB/T 2260), got {value!r}"
        raise ValueError(msg)


@attrs.frozen
class Region:
    """An administrative division.

    Args:
        name: full simplified name (娄烦县).
        level: administrative level.
        code: official 6-digit GB/T 2260 code; ``None`` for townships and villages.
        short_name: short form used in running text (娄烦).
        parent_code: code of the enclosing division.
        parent_name: name of the enclosing division, for units below county level.
        former_names: names used before a 2016–2020 renaming or merger.
        valid_from: first year the code and name were in force, if known.
        valid_to: year the unit was abolished, ``None`` if current.
        aliases: other spellings (traditional script, older forms).
    """

    name: str
    level: RegionLevel = attrs.field(converter=RegionLevel)
    code: str | None = attrs.field(default=None, validator=_check_code)
    short_name: str | None = None
    parent_code: str | None = None
    parent_name: str | None = None
    former_names: tuple[FormerName, ...] = attrs.field(default=(), converter=_former_names)
    valid_from: int | None = None
    valid_to: int | None = None
    aliases: tuple[str, ...] = attrs.field(default=(), converter=_strings)

    @property
    def is_current(self) -> bool:
        """Whether the unit still exists."""
        return self.valid_to is None


@attrs.frozen
class Programme:
    """A named programme or policy of the campaign (易地扶贫搬迁, 光伏扶贫, 健康扶贫 …).

    Args:
        id: stable snake_case identifier.
        name_zh: Chinese name.
        name_en: English name.
        aliases: other Chinese names and traditional spellings.
    """

    id: str
    name_zh: str
    name_en: str
    aliases: tuple[str, ...] = attrs.field(default=(), converter=_strings)


@attrs.frozen
class Indicator:
    """What is counted (贫困人口脱贫, 贫困村出列, 农村居民人均可支配收入 …).

    Args:
        id: stable snake_case identifier.
        name_zh: Chinese name.
        name_en: English name.
        dimension: what it is measured in.
        additive: whether figures for regions may be summed (counts yes, rates and
            per-capita incomes no).
        programme: id of the programme it belongs to, if any.
        aliases: other Chinese phrasings.
    """

    id: str
    name_zh: str
    name_en: str
    dimension: Dimension = attrs.field(converter=Dimension)
    additive: bool
    programme: str | None = None
    aliases: tuple[str, ...] = attrs.field(default=(), converter=_strings)


def _check_span(instance: Span, _attribute: attrs.Attribute[int], value: int) -> None:
    if value < instance.start:
        msg = f"span end {value} is before its start {instance.start}"
        raise ValueError(msg)


@attrs.frozen(order=True)
class Span:
    """A half-open character range ``[start, end)`` in a text."""

    start: int = attrs.field(validator=attrs.validators.ge(0))
    end: int = attrs.field(validator=_check_span)

    def __len__(self) -> int:
        return self.end - self.start

    def overlaps(self, other: Span) -> bool:
        """Whether the two spans share at least one character, or touch when one is empty."""
        return self.start < other.end and other.start < self.end


@attrs.frozen
class Provenance:
    """Where a figure was said.

    Args:
        doc: document name (usually the file name).
        span: character range in the **raw** document text.
        text: the raw surface text, equal to ``raw[span.start:span.end]``.
        article: index of the article on a multi-article page, if any.
    """

    doc: str
    span: Span
    text: str
    article: int | None = None


@attrs.frozen
class TimeReference:
    """When a figure applies.

    Args:
        year: the calendar year the figure refers to.
        start_year: first year of a period (十三五 → 2016), if the figure covers one.
        end_year: last year of that period (十三五 → 2020).
        as_of: the date of an as-of statement (截至2021年10月末 → 2021-10-31).
        expression: the words the time was read from (去年, 截至目前).
    """

    year: int | None = None
    start_year: int | None = None
    end_year: int | None = None
    as_of: dt.date | None = None
    expression: str | None = None


#: The default time of a measurement: one shared instance (it is immutable) instead of a
#: new one for each of the two builds of every figure.
_NO_TIME: Final = TimeReference()


def _regions(items: Iterable[Region]) -> tuple[Region, ...]:
    return tuple(items)


# Converters that pass members through: calling an enum class on its own member is ~25x
# slower than a type check, and every figure is built twice (scan, then context).
def _qualifier(value: Qualifier | str) -> Qualifier:
    return value if type(value) is Qualifier else Qualifier(value)


def _numeral(value: Numeral | str) -> Numeral:
    return value if type(value) is Numeral else Numeral(value)


@attrs.frozen
class Measurement:
    """One figure from a document.

    Args:
        value: the number fully expanded in the written unit (``2.3亿元`` → 230000000);
            ``None`` when damaged text makes it unreadable.
        unit: the unit or classifier in simplified script without multiplier (元, 人, %).
        qualifier: how exact the figure is.
        numeral: how the number was written.
        indicator: what was counted, if resolved.
        programme: the programme it belongs to, if resolved.
        regions: the region(s) the figure is about; several for a joint figure.
        time: when the figure applies.
        subject: a short phrase naming what is measured, kept even when no
            :class:`Indicator` matches.
        provenance: where it was said.
        corrupted: whether the figure touches damaged (mojibake) text.
        range_id: links the low and high ends of a range (2至3个) stated as one mention.
    """

    value: Decimal | None
    unit: str
    qualifier: Qualifier = attrs.field(default=Qualifier.EXACT, converter=_qualifier)
    numeral: Numeral = attrs.field(default=Numeral.ARABIC, converter=_numeral)
    indicator: Indicator | None = None
    programme: Programme | None = None
    regions: tuple[Region, ...] = attrs.field(default=(), converter=_regions)
    time: TimeReference = _NO_TIME
    subject: str | None = None
    provenance: Provenance | None = None
    corrupted: bool = False
    range_id: int | None = None

    @property
    def region(self) -> Region | None:
        """The single region the figure is about, or ``None`` for none or several."""
        return self.regions[0] if len(self.regions) == 1 else None

    @property
    def year(self) -> int | None:
        """Shortcut for ``time.year``."""
        return self.time.year

    @property
    def quantity(self) -> Quantity:
        """The figure as a :class:`pint.Quantity` with a :class:`~decimal.Decimal` magnitude.

        Raises:
            ValueError: if the value is unreadable (``corrupted`` with no value).
            shanxi_poverty.UnknownUnitError: if the unit is not in the registry.
        """
        from shanxi_poverty.units import quantity  # noqa: PLC0415 - pint loads lazily

        if self.value is None:
            msg = "a measurement with no readable value has no quantity"
            raise ValueError(msg)
        return quantity(self.value, self.unit)

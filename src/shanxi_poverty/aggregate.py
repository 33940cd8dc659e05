"""Pure aggregation helpers over :class:`~shanxi_poverty.model.Measurement` records.

Every function here takes an iterable of measurements and returns plain values; none does I/O.
Arithmetic is exact :class:`~decimal.Decimal` arithmetic through the pint registry of
:mod:`shanxi_poverty.units`, so persons and households never add up, and ``33.3万户`` stays
exactly ``333000`` households.

>>> from decimal import Decimal
>>> from shanxi_poverty.model import Measurement, Qualifier
>>> figures = [
...     Measurement(value=Decimal(20104), unit="户"),
...     Measurement(value=Decimal(2000), unit="户", qualifier=Qualifier.MORE_THAN),
... ]
>>> t = total(figures, unit="万户")
>>> t.value, t.unit, t.qualifier.value, t.count
(Decimal('2.2104'), '万户', 'more_than', 2)
>>> cagr(Decimal(4875), 2013, Decimal(10352), 2020).quantize(Decimal("0.01"))
Decimal('11.36')

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import enum
import importlib
import re
from collections.abc import Callable, Hashable, Iterable, Sequence
from decimal import Decimal, localcontext
from typing import TYPE_CHECKING, Final, Protocol, TypeVar

import attrs

from shanxi_poverty.errors import (
    AggregationError,
    AmbiguousFigureError,
    DimensionMismatchError,
    EmptyAggregationError,
    MixedIndicatorsError,
    NotAdditiveError,
    UnknownUnitError,
)
from shanxi_poverty.model import (
    Dimension,
    Indicator,
    Measurement,
    Numeral,
    Provenance,
    Qualifier,
    Region,
)
from shanxi_poverty.serialize import RECORD_FIELDS, to_record
from shanxi_poverty.units import Quantity, add, dimension_of, quantity
from shanxi_poverty.units import to_base as _quantity_to_base

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "APPROX_TOLERANCE",
    "ChildrenOf",
    "Discrepancy",
    "GrowthCheck",
    "Mean",
    "Reconciliation",
    "RollUp",
    "Total",
    "Variant",
    "by_dimension",
    "by_indicator",
    "by_region",
    "by_subject",
    "by_year",
    "cagr",
    "check_growth_claim",
    "group_by",
    "is_additive",
    "maximum",
    "mean",
    "minimum",
    "reconcile",
    "roll_up",
    "to_base",
    "to_dataframe",
    "to_records",
    "to_unit",
    "total",
    "written_precision",
]


def __dir__() -> list[str]:
    return __all__


K = TypeVar("K", bound=Hashable)

#: A function giving the direct subdivisions of a region (a province's cities, a city's
#: counties).  :func:`roll_up` uses the gazetteer's when none is given.
ChildrenOf = Callable[[Region], Iterable[Region]]

#: How far from its value an approximate figure (约190万) may be and still agree with another
#: figure: 5 % of the value, or one unit of its last written digit if that is more.
APPROX_TOLERANCE: Final = Decimal("0.05")

#: Units of figures that never add across regions, whatever the indicator (ratios and
#: percentage points: %, 倍, 成, 个百分点).
_NON_ADDITIVE_DIMENSIONS: Final = frozenset({Dimension.RATIO, Dimension.PERCENTAGE_POINTS})

#: Words in a subject that mark a per-capita, average or rate figure (人均可支配收入, 年均增长).
_NON_ADDITIVE_SUBJECT_WORDS: Final = ("人均", "年均", "平均", "率", "比重", "比例")

#: Digits as written in a surface text: ASCII or full-width, with an optional decimal part.
_WRITTEN_NUMBER: Final = re.compile(r"[0-9０-９]++(?:[.．][0-9０-９]++)?")
_FULL_WIDTH: Final = str.maketrans("０１２３４５６７８９．", "0123456789.")

#: Working precision (significant digits) of :func:`cagr` and :func:`check_growth_claim`.
_GROWTH_PRECISION: Final = 40
#: Significant digits of the rates they return.
_GROWTH_RESULT_DIGITS: Final = 28

_HUNDRED: Final = Decimal(100)
_HALF: Final = Decimal("0.5")


# --- grouping -------------------------------------------------------------------------------


def group_by(
    measurements: Iterable[Measurement], key: Callable[[Measurement], K]
) -> dict[K, list[Measurement]]:
    """Group measurements by a key, keeping the input order inside each group.

    Args:
        measurements: the figures.
        key: a function of one measurement, e.g. :func:`by_region`, :func:`by_indicator`,
            :func:`by_year`, or a lambda combining them.

    Returns:
        A dict from key to the measurements with that key, in order of first appearance.

    >>> from decimal import Decimal
    >>> from shanxi_poverty.model import Measurement, TimeReference
    >>> ms = [
    ...     Measurement(value=Decimal(4875), unit="元", time=TimeReference(year=2013)),
    ...     Measurement(value=Decimal(10352), unit="元", time=TimeReference(year=2020)),
    ...     Measurement(value=Decimal(2166), unit="元", time=TimeReference(year=2013)),
    ... ]
    >>> {year: [m.value for m in group] for year, group in group_by(ms, by_year).items()}
    {2013: [Decimal('4875'), Decimal('2166')], 2020: [Decimal('10352')]}
    """
    groups: dict[K, list[Measurement]] = {}
    for m in measurements:
        groups.setdefault(key(m), []).append(m)
    return groups


def by_region(m: Measurement) -> tuple[Region, ...]:
    """Key function: the region(s) a figure is about (``()`` when none, several for joint ones)."""
    return m.regions


def by_indicator(m: Measurement) -> Indicator | None:
    """Key function: the resolved indicator, or ``None``."""
    return m.indicator


def by_subject(m: Measurement) -> str | None:
    """Key function: the indicator id when resolved, else the free-text subject."""
    return m.indicator.id if m.indicator is not None else m.subject


def by_year(m: Measurement) -> int | None:
    """Key function: the year the figure refers to (``time.year``)."""
    return m.time.year


def by_dimension(m: Measurement) -> Dimension | None:
    """Key function: what the unit measures (persons, households …); ``None`` if unknown.

    Grouping by dimension before :func:`total` keeps 户 and 人 apart.
    """
    try:
        return dimension_of(m.unit)
    except UnknownUnitError:
        return None


# --- totals ---------------------------------------------------------------------------------


def _tidy(value: Decimal) -> Decimal:
    """Drop the trailing zeros pint's conversions leave (``33.3000`` → ``33.3``)."""
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.normalize()


def _is_readable(m: Measurement) -> bool:
    return m.value is not None and not m.corrupted


def _magnitude(q: Quantity) -> Decimal:
    return Decimal(q.magnitude)


def _convert(q: Quantity, unit: str) -> Decimal:
    """The magnitude of ``q`` in ``unit``, refusing another dimension with our error."""
    target = quantity(Decimal(1), unit)
    if q.dimensionality != target.dimensionality:
        raise DimensionMismatchError(_unit_label(q), unit, operation="convert")
    return _magnitude(q.to(target.units))


def _unit_label(q: Quantity) -> str:
    name = str(q.units)
    return "%" if name == "percent" else name


def is_additive(m: Measurement) -> bool:
    """Whether figures like this one may be summed across regions.

    The indicator decides when it is resolved (:attr:`Indicator.additive`).  Otherwise a
    figure is taken as not additive when its unit is a ratio or percentage points
    (%, 倍, 成, 个百分点) or its subject names a per-capita, average or rate figure
    (人均, 年均, 平均, 率, 比重, 比例).

    >>> from decimal import Decimal
    >>> is_additive(Measurement(value=Decimal(96), unit="%"))
    False
    >>> is_additive(Measurement(value=Decimal(4875), unit="元", subject="农村居民人均可支配收入"))
    False
    >>> is_additive(Measurement(value=Decimal(20104), unit="户", subject="易地扶贫搬迁"))
    True
    """
    if m.indicator is not None:
        return m.indicator.additive
    if by_dimension(m) in _NON_ADDITIVE_DIMENSIONS:
        return False
    subject = m.subject or ""
    return not any(word in subject for word in _NON_ADDITIVE_SUBJECT_WORDS)


def _what(m: Measurement) -> str:
    """How a figure names what it counts, for error messages."""
    if m.indicator is not None:
        return m.indicator.id
    return f"{m.subject} [{m.unit}]" if m.subject else m.unit


def _combine_qualifiers(qualifiers: Iterable[Qualifier]) -> Qualifier:
    """The qualifier of a sum (or mean) of figures with these qualifiers; see :func:`total`."""
    present = set(qualifiers)
    if Qualifier.APPROX in present:
        return Qualifier.APPROX
    lower = present & {Qualifier.MORE_THAN, Qualifier.AT_LEAST}
    upper = present & {Qualifier.LESS_THAN, Qualifier.AT_MOST}
    if lower and upper:
        return Qualifier.APPROX
    if lower:
        return Qualifier.MORE_THAN if Qualifier.MORE_THAN in lower else Qualifier.AT_LEAST
    if upper:
        return Qualifier.LESS_THAN if Qualifier.LESS_THAN in upper else Qualifier.AT_MOST
    return Qualifier.EXACT


@attrs.frozen
class _Addend:
    """One term of a sum: a measurement, or the total of a sub-roll-up."""

    quantity: Quantity
    unit: str
    qualifier: Qualifier
    provenances: tuple[Provenance, ...]


def _addend(m: Measurement) -> _Addend:
    provenances = (m.provenance,) if m.provenance is not None else ()
    return _Addend(m.quantity, m.unit, m.qualifier, provenances)


@attrs.frozen
class Total:
    """The sum of several figures.

    Args:
        value: the exact sum, in ``unit``.
        unit: the unit label of ``value`` (the first figure's, or the one asked for).
        qualifier: how exact the sum is (see :func:`total` for the rules).
        dimension: what it measures.
        count: how many figures were summed.
        provenances: where the summed figures were said, in input order.
        skipped: figures left out because their value is unreadable (corrupted text).
    """

    value: Decimal
    unit: str
    qualifier: Qualifier
    dimension: Dimension
    count: int
    provenances: tuple[Provenance, ...] = ()
    skipped: tuple[Measurement, ...] = ()


@attrs.frozen
class Mean:
    """The unweighted mean of several figures; same fields as :class:`Total`.

    Args:
        value: the mean, in ``unit``.
        unit: the unit label of ``value``.
        qualifier: how exact it is (same rules as for :class:`Total`).
        dimension: what it measures.
        count: how many figures were averaged.
        provenances: where they were said.
        skipped: unreadable figures left out.
    """

    value: Decimal
    unit: str
    qualifier: Qualifier
    dimension: Dimension
    count: int
    provenances: tuple[Provenance, ...] = ()
    skipped: tuple[Measurement, ...] = ()


def _split_readable(
    measurements: Iterable[Measurement],
) -> tuple[list[Measurement], tuple[Measurement, ...]]:
    readable: list[Measurement] = []
    skipped: list[Measurement] = []
    for m in measurements:
        (readable if _is_readable(m) else skipped).append(m)
    return readable, tuple(skipped)


def _check_one_indicator(readable: Sequence[Measurement]) -> None:
    ids = sorted({m.indicator.id for m in readable if m.indicator is not None})
    if len(ids) > 1:
        raise MixedIndicatorsError(tuple(ids))


def _sum(addends: Sequence[_Addend], unit: str | None) -> tuple[Quantity, str]:
    """Sum quantities exactly; returns the sum and the unit label it is expressed in."""
    result = addends[0].quantity
    for term in addends[1:]:
        result = add(result, term.quantity)
    label = unit if unit is not None else addends[0].unit
    return result, label


def _summary_fields(
    addends: Sequence[_Addend], unit: str | None, *, divide: bool
) -> tuple[Decimal, str, Qualifier, Dimension, tuple[Provenance, ...]]:
    q, label = _sum(addends, unit)
    value = _convert(q, label)
    if divide:
        value /= len(addends)
    qualifier = _combine_qualifiers(a.qualifier for a in addends)
    provenances = tuple(p for a in addends for p in a.provenances)
    return _tidy(value), label, qualifier, dimension_of(addends[0].unit), provenances


def total(measurements: Iterable[Measurement], *, unit: str | None = None) -> Total:
    """Sum figures exactly, keeping their qualifiers and sources.

    Qualifiers propagate as bounds do:

    * all ``exact`` → ``exact``;
    * any ``approx`` (约, 近) → ``approx``;
    * otherwise, figures that are lower bounds (``more_than`` 余/多/超过, ``at_least`` 以上)
      make the sum a lower bound: ``more_than`` if any addend is ``more_than`` (a strict bound
      stays strict), else ``at_least``;
    * likewise upper bounds (``less_than`` 不足, ``at_most`` 以内) make it ``less_than`` if any
      addend is ``less_than``, else ``at_most``;
    * lower and upper bounds together bound nothing: the sum is only ``approx``.

    Unreadable figures (``value`` ``None`` or ``corrupted``) are never summed: they are left out
    and listed in :attr:`Total.skipped`.

    Args:
        measurements: figures of one dimension and one indicator.
        unit: the unit of the result (万人, 亿元, 公顷); by default the first figure's unit.

    Returns:
        The exact sum.

    Raises:
        DimensionMismatchError: if the figures measure different things (persons and
            households), or ``unit`` is of another dimension.
        NotAdditiveError: if the figures are rates, percentages or per-capita values
            (see :func:`is_additive`); use :func:`mean`, :func:`minimum` or :func:`maximum`.
        MixedIndicatorsError: if the figures belong to different indicators.
        EmptyAggregationError: if no readable figure is left.

    >>> from decimal import Decimal
    >>> from shanxi_poverty.model import Measurement
    >>> t = total([Measurement(value=Decimal(7000), unit="亩"),
    ...            Measurement(value=Decimal(8000), unit="亩")], unit="公顷")
    >>> t.value, t.unit
    (Decimal('1000'), '公顷')
    >>> total([Measurement(value=Decimal(2829), unit="户"),
    ...        Measurement(value=Decimal(7241), unit="人")])
    Traceback (most recent call last):
    ...
    shanxi_poverty.errors.DimensionMismatchError: cannot add '户' and '人': they measure ...
    """
    readable, skipped = _split_readable(measurements)
    if not readable:
        raise EmptyAggregationError("total", len(skipped))
    _check_one_indicator(readable)
    for m in readable:
        if not is_additive(m):
            raise NotAdditiveError(_what(m))
    value, label, qualifier, dimension, provenances = _summary_fields(
        [_addend(m) for m in readable], unit, divide=False
    )
    return Total(value, label, qualifier, dimension, len(readable), provenances, skipped)


def mean(measurements: Iterable[Measurement], *, unit: str | None = None) -> Mean:
    """The unweighted mean of figures of one dimension, e.g. rates of several counties.

    Qualifiers propagate as in :func:`total`.  The mean is computed in the current decimal
    context (28 significant digits by default).  It is not weighted by population: a mean of
    county poverty rates is not the city's rate.

    Args:
        measurements: the figures; unreadable ones are skipped and listed.
        unit: the unit of the result; by default the first figure's unit.

    Raises:
        DimensionMismatchError: if the figures measure different things.
        MixedIndicatorsError: if the figures belong to different indicators.
        EmptyAggregationError: if no readable figure is left.

    >>> from decimal import Decimal
    >>> mean([Measurement(value=Decimal("2.2"), unit="%"),
    ...       Measurement(value=Decimal("3.1"), unit="%")]).value
    Decimal('2.65')
    """
    readable, skipped = _split_readable(measurements)
    if not readable:
        raise EmptyAggregationError("mean", len(skipped))
    _check_one_indicator(readable)
    value, label, qualifier, dimension, provenances = _summary_fields(
        [_addend(m) for m in readable], unit, divide=True
    )
    return Mean(value, label, qualifier, dimension, len(readable), provenances, skipped)


def _extreme(measurements: Iterable[Measurement], *, largest: bool, name: str) -> Measurement:
    readable, skipped = _split_readable(measurements)
    if not readable:
        raise EmptyAggregationError(name, len(skipped))
    best = readable[0]
    best_q = best.quantity
    for m in readable[1:]:
        q = m.quantity
        if q.dimensionality != best_q.dimensionality:
            raise DimensionMismatchError(best.unit, m.unit, operation="compare")
        other = _convert(q, best.unit)
        current = _convert(best_q, best.unit)
        if (other > current) if largest else (other < current):
            best, best_q = m, q
    return best


def minimum(measurements: Iterable[Measurement]) -> Measurement:
    """The figure with the smallest value (compared exactly across units; first one on ties).

    The written values are compared; qualifiers are not interpreted.  Unreadable figures are
    skipped.

    Raises:
        DimensionMismatchError: if the figures measure different things.
        EmptyAggregationError: if no readable figure is given.

    >>> from decimal import Decimal
    >>> minimum([Measurement(value=Decimal("1.5"), unit="万亩"),
    ...          Measurement(value=Decimal(9000), unit="亩")]).unit
    '亩'
    """
    return _extreme(measurements, largest=False, name="minimum")


def maximum(measurements: Iterable[Measurement]) -> Measurement:
    """The figure with the largest value; see :func:`minimum`.

    >>> from decimal import Decimal
    >>> maximum([Measurement(value=Decimal("23.9"), unit="%"),
    ...          Measurement(value=Decimal("11.4"), unit="%")]).value
    Decimal('23.9')
    """
    return _extreme(measurements, largest=True, name="maximum")


# --- precision of written figures -----------------------------------------------------------


def _exponent(value: Decimal) -> int:
    exponent = value.as_tuple().exponent
    if not isinstance(exponent, int):  # pragma: no cover - NaN and infinities
        msg = f"not a finite number: {value}"
        raise AggregationError(msg)
    return exponent


def _power_of_ten(value: Decimal) -> int | None:
    """``k`` if ``value`` is exactly ``10**k``, else ``None``."""
    if value <= 0:
        return None
    normal = value.normalize()
    if normal.as_tuple().digits != (1,):
        return None
    return _exponent(normal)


def written_precision(m: Measurement) -> Decimal:
    """One unit of the last digit the figure was written with, in the measurement's unit.

    ``33.3万户`` is precise to 0.1万 = 1000 households, ``33.37万户`` to 100, ``13045个`` to 1.
    The digits are read from the provenance's surface text (ASCII or full-width, with the
    multiplier being the ratio of ``value`` to the written number).  Without a text, a
    figure written in Chinese numerals (三万) is precise to its lowest non-zero place, and any
    other to the exponent of its Decimal value (``Decimal("11.5")`` → 0.1,
    ``Decimal("3.33E+5")`` → 1000).

    Raises:
        AggregationError: if the value is unreadable.

    >>> from decimal import Decimal
    >>> from shanxi_poverty.model import Provenance, Span
    >>> written_precision(Measurement(value=Decimal(333000), unit="户",
    ...     provenance=Provenance("001.txt", Span(0, 13), "33.3萬(wàn)戶(hù)")))
    Decimal('1E+3')
    >>> written_precision(Measurement(value=Decimal("11.5"), unit="%"))
    Decimal('0.1')
    """
    if m.value is None:
        msg = "a figure with no readable value has no precision"
        raise AggregationError(msg)
    value = m.value
    text = m.provenance.text if m.provenance is not None else ""
    match = _WRITTEN_NUMBER.search(text)
    if match is not None:
        written = Decimal(match.group().translate(_FULL_WIDTH))
        if written != 0:
            scale = _power_of_ten(abs(value / written))
            if scale is not None:
                return Decimal(1).scaleb(scale + _exponent(written))
    if m.numeral is Numeral.CHINESE and value == value.to_integral_value() and value != 0:
        places = 0
        integer = abs(int(value))
        while integer % 10 == 0:
            integer //= 10
            places += 1
        return Decimal(1).scaleb(places)
    return Decimal(1).scaleb(_exponent(value))


# --- reconciliation -------------------------------------------------------------------------


class Discrepancy(enum.StrEnum):
    """How figures stated for the same thing relate, from the mildest to the worst."""

    NONE = "none"  #: the same value, unit and qualifier: a restatement
    UNIT_WORDING = "unit_wording"  #: the same magnitude with different classifiers (个 vs 所)
    ROUNDING = "rounding"  #: one is the other rounded or truncated to the digits it shows
    QUALIFIER = "qualifier"  #: different values that their qualifiers (约, 余, 以上) reconcile
    CONFLICT = "conflict"  #: values no rounding or qualifier explains (190万 vs 181.5万)


_SEVERITY: Final = tuple(Discrepancy)


@attrs.frozen
class Variant:
    """One distinct reading among the figures of a :class:`Reconciliation`.

    Args:
        value: the value, in ``unit``.
        unit: the unit label.
        qualifier: the qualifier.
        measurements: every figure with this reading, in input order.
    """

    value: Decimal
    unit: str
    qualifier: Qualifier
    measurements: tuple[Measurement, ...]

    @property
    def provenances(self) -> tuple[Provenance, ...]:
        """Where this reading was said."""
        return tuple(m.provenance for m in self.measurements if m.provenance is not None)


@attrs.frozen
class Reconciliation:
    """Figures for the same indicator (or subject), region and period, compared.

    Args:
        kind: the worst :class:`Discrepancy` between any two readings.
        variants: the distinct readings (value, unit, qualifier), in order of first appearance.
        consensus: the figure to use when they agree (the most precise one for ``rounding``,
            the exact one for ``qualifier``), ``None`` for a ``conflict``.
        notes: one English sentence per discrepancy found, naming the figures.
    """

    kind: Discrepancy
    variants: tuple[Variant, ...]
    consensus: Measurement | None
    notes: tuple[str, ...] = ()

    @property
    def measurements(self) -> tuple[Measurement, ...]:
        """Every figure of the group."""
        return tuple(m for v in self.variants for m in v.measurements)

    @property
    def provenances(self) -> tuple[Provenance, ...]:
        """Every place one of the figures was said."""
        return tuple(p for v in self.variants for p in v.provenances)

    @property
    def agrees(self) -> bool:
        """Whether the figures can be taken as one (anything but a ``conflict``)."""
        return self.kind is not Discrepancy.CONFLICT


@attrs.frozen
class _Reading:
    """A variant with its value and precision in base units, for comparisons."""

    variant: Variant
    base: Decimal
    precision: Decimal

    @property
    def label(self) -> str:
        v = self.variant
        marks = {
            Qualifier.EXACT: "",
            Qualifier.APPROX: "约",
            Qualifier.MORE_THAN: "超过",
            Qualifier.AT_LEAST: "至少",
            Qualifier.AT_MOST: "至多",
            Qualifier.LESS_THAN: "不足",
        }
        return f"{marks[v.qualifier]}{v.value}{v.unit}"


def _base(value: Decimal, unit: str) -> Decimal:
    return _magnitude(_quantity_to_base(quantity(value, unit)))


def _rounding_note(coarse: _Reading, fine: _Reading) -> str | None:
    """How ``coarse`` derives from ``fine`` by rounding or truncation, or ``None``."""
    step = coarse.precision
    difference = fine.base - coarse.base
    if abs(difference) * 2 <= step:
        how = "rounded"
    elif (fine.base >= 0) == (coarse.base >= 0) and 0 <= abs(fine.base) - abs(coarse.base) < step:
        how = "truncated"
    else:
        return None
    unit_step = _tidy(coarse.precision / _base(Decimal(1), coarse.variant.unit))
    return (
        f"{coarse.label} is {fine.label} {how} to {unit_step}{coarse.variant.unit} "
        "(the precision it is written with)"
    )


def _bounds(r: _Reading) -> tuple[Decimal | None, Decimal | None]:
    """The values a reading allows, as a closed interval (``None`` = unbounded)."""
    v, step = r.base, r.precision
    match r.variant.qualifier:
        case Qualifier.EXACT:
            return v - step / 2, v + step
        case Qualifier.APPROX:
            slack = max(step, abs(v) * APPROX_TOLERANCE)
            return v - slack, v + slack
        case Qualifier.MORE_THAN | Qualifier.AT_LEAST:
            return v, None
        case Qualifier.LESS_THAN | Qualifier.AT_MOST:  # pragma: no branch - closed enum
            return None, v


def _intersect(
    a: tuple[Decimal | None, Decimal | None], b: tuple[Decimal | None, Decimal | None]
) -> bool:
    low = max((x for x in (a[0], b[0]) if x is not None), default=None)
    high = min((x for x in (a[1], b[1]) if x is not None), default=None)
    return low is None or high is None or low <= high


def _classify(a: _Reading, b: _Reading) -> tuple[Discrepancy, list[str]]:
    """How two distinct readings relate, with notes."""
    va, vb = a.variant, b.variant
    notes: list[str] = []
    if va.unit != vb.unit:
        notes.append(f"{a.label} and {b.label} use different unit words")
    if a.base == b.base and va.qualifier is vb.qualifier:
        return Discrepancy.UNIT_WORDING if va.unit != vb.unit else Discrepancy.NONE, notes
    if va.qualifier is vb.qualifier and va.qualifier in {Qualifier.EXACT, Qualifier.APPROX}:
        coarse, fine = (a, b) if a.precision >= b.precision else (b, a)
        note = _rounding_note(coarse, fine)
        if note is not None:
            return Discrepancy.ROUNDING, [*notes, note]
    loose = va.qualifier is not vb.qualifier or va.qualifier is Qualifier.APPROX
    if loose and _intersect(_bounds(a), _bounds(b)):
        return Discrepancy.QUALIFIER, [*notes, f"{a.label} and {b.label} are compatible"]
    return Discrepancy.CONFLICT, [*notes, f"{a.label} conflicts with {b.label}"]


def _reconcile_key(m: Measurement) -> Hashable | None:
    if m.indicator is not None:
        what: tuple[str, str] = ("indicator", m.indicator.id)
    elif m.subject:
        what = ("subject", m.subject)
    else:
        return None
    regions = tuple(r.code or r.name for r in m.regions)
    t = m.time
    return (what, regions, t.year, t.start_year, t.end_year)


def _variants(group: Sequence[Measurement]) -> list[Variant]:
    found: dict[tuple[Decimal, str, Qualifier], list[Measurement]] = {}
    for m in group:
        assert m.value is not None  # noqa: S101 - readable figures only
        found.setdefault((m.value, m.unit, m.qualifier), []).append(m)
    return [Variant(v, u, q, tuple(ms)) for (v, u, q), ms in found.items()]


def _consensus(kind: Discrepancy, readings: Sequence[_Reading]) -> Measurement | None:
    if kind is Discrepancy.CONFLICT:
        return None
    if kind is Discrepancy.ROUNDING:
        return min(readings, key=lambda r: r.precision).variant.measurements[0]
    if kind is Discrepancy.QUALIFIER:
        exact = [r for r in readings if r.variant.qualifier is Qualifier.EXACT]
        if len({r.base for r in exact}) == 1:
            return exact[0].variant.measurements[0]
    return readings[0].variant.measurements[0]


def _reconcile_group(group: Sequence[Measurement]) -> Reconciliation:
    readings = []
    for v in _variants(group):
        precision = min(written_precision(m) for m in v.measurements)
        readings.append(_Reading(v, _base(v.value, v.unit), _base(precision, v.unit)))
    kind = Discrepancy.NONE
    notes: list[str] = []
    for i, a in enumerate(readings):
        for b in readings[i + 1 :]:
            pair_kind, pair_notes = _classify(a, b)
            notes.extend(pair_notes)
            kind = max(kind, pair_kind, key=_SEVERITY.index)
    return Reconciliation(
        kind, tuple(r.variant for r in readings), _consensus(kind, readings), tuple(notes)
    )


def reconcile(
    measurements: Iterable[Measurement],
    *,
    key: Callable[[Measurement], Hashable | None] | None = None,
    include_single: bool = False,
) -> list[Reconciliation]:
    """Compare figures stated more than once (by several documents, or twice in one).

    Figures are grouped by indicator id (or the exact subject when no indicator is resolved),
    region(s) and period (``time.year``, ``start_year``, ``end_year``), and by dimension, so
    2829户 and 7241人 of one subject are two statements, not a disagreement.  Within a group,
    identical readings are merged into one :class:`Variant` with every source kept, and each
    pair of distinct readings is classified:

    * ``unit_wording``: the same magnitude, different classifiers (13045个 vs 13045所);
    * ``rounding``: one is the other rounded (half a unit) or truncated (less than one unit) to
      the last digit it is written with (:func:`written_precision`): 33.3万户 is 33.37万户
      truncated to 0.1万户;
    * ``qualifier``: the values differ but their qualifiers allow both (约190万 and 185万;
      超过190万 and 195万); an approximate figure allows ±5 % (:data:`APPROX_TOLERANCE`);
    * ``conflict``: anything else (190万 vs 181.5万 people given safe drinking water).

    The group's :attr:`~Reconciliation.kind` is the worst pair's, in the order of
    :class:`Discrepancy`.  Unreadable (corrupted) figures and figures with neither indicator
    nor subject are left out.

    Args:
        measurements: the figures.
        key: groups figures instead of the default key; return ``None`` to leave a figure out.
        include_single: also return groups with a single figure.

    Returns:
        One reconciliation per group, in order of first appearance.

    >>> from decimal import Decimal
    >>> from shanxi_poverty.model import Provenance, Span
    >>> def fig(value, unit, text, doc):
    ...     return Measurement(value=Decimal(value), unit=unit, subject="农村危房改造",
    ...                        provenance=Provenance(doc, Span(0, len(text)), text))
    >>> [r] = reconcile([fig(333000, "户", "33.3万户", "001.txt"),
    ...                  fig(333700, "户", "33.37万户", "004.txt")])
    >>> r.kind.value, r.consensus.value
    ('rounding', Decimal('333700'))
    >>> r.notes
    ('333000户 is 333700户 truncated to 1000户 (the precision it is written with)',)
    """
    key_of = key if key is not None else _reconcile_key
    groups: dict[tuple[Hashable, Dimension | None], list[Measurement]] = {}
    for m in measurements:
        if not _is_readable(m):
            continue
        k = key_of(m)
        if k is None:
            continue
        groups.setdefault((k, by_dimension(m)), []).append(m)
    return [
        _reconcile_group(group) for group in groups.values() if include_single or len(group) > 1
    ]


# --- roll-up --------------------------------------------------------------------------------


class _Hierarchy(Protocol):
    def children(self, region: Region, /) -> Iterable[Region]: ...


def _gazetteer_children(region: Region) -> Iterable[Region]:
    """Children from :func:`shanxi_poverty.regions.load_gazetteer`, loaded on first use."""
    try:
        module = importlib.import_module("shanxi_poverty.regions")
        hierarchy: _Hierarchy = module.load_gazetteer()
    except (ImportError, AttributeError) as exc:
        msg = "no children_of given and the gazetteer (shanxi_poverty.regions) is unavailable"
        raise AggregationError(msg) from exc
    return hierarchy.children(region)


def _region_key(region: Region) -> str:
    return region.code or region.name


@attrs.frozen
class RollUp:
    """The figures of a region's subdivisions summed and compared with its own figure.

    Args:
        parent: the region rolled up to.
        total: the sum of the children present, ``None`` when none is.
        present: children with a figure (direct, or rolled up from complete grandchildren).
        missing: children with no usable figure.
        reported: the parent's own figure in the input, if any.
        difference: ``total − reported`` in the total's unit (positive: the children add up
            to more than the parent reports).
        relative_difference: ``difference / reported`` as a fraction.
        parts: the roll-ups that stood in for children with no figure of their own.
    """

    parent: Region
    total: Total | None
    present: tuple[Region, ...]
    missing: tuple[Region, ...]
    reported: Measurement | None = None
    difference: Decimal | None = None
    relative_difference: Decimal | None = None
    parts: tuple[RollUp, ...] = ()

    @property
    def complete(self) -> bool:
        """Whether every child has a figure."""
        return not self.missing

    @property
    def coverage(self) -> Decimal:
        """The share of children with a figure (1 when the region has no children)."""
        count = len(self.present) + len(self.missing)
        return Decimal(len(self.present)) / count if count else Decimal(1)


def _one_figure(region: Region, figures: Sequence[Measurement]) -> Measurement:
    """The single figure stated for a region; restatements of one value are allowed."""
    first = figures[0]
    base = _base(first.value or Decimal(0), first.unit)
    for m in figures[1:]:
        if m.quantity.dimensionality != first.quantity.dimensionality:
            raise DimensionMismatchError(first.unit, m.unit, operation="roll up")
        if _base(m.value or Decimal(0), m.unit) != base:
            values = tuple(f"{f.value}{f.unit}" for f in figures)
            raise AmbiguousFigureError(region.name, values)
    return first


def _roll_up(
    by_place: dict[str, list[Measurement]],
    parent: Region,
    children_of: ChildrenOf,
    unit: str | None,
    skipped: tuple[Measurement, ...],
    *,
    recursive: bool,
    ancestors: frozenset[str] = frozenset(),
) -> RollUp:
    lineage = ancestors | {_region_key(parent)}
    present: list[Region] = []
    missing: list[Region] = []
    addends: list[_Addend] = []
    figures: list[Measurement] = []
    parts: list[RollUp] = []
    for child in children_of(parent):
        own = by_place.get(_region_key(child))
        if own:
            figure = _one_figure(child, own)
            figures.append(figure)
            addends.append(_addend(figure))
            present.append(child)
            continue
        sub = (
            _roll_up(by_place, child, children_of, unit, (), recursive=True, ancestors=lineage)
            if recursive and _region_key(child) not in lineage
            else None
        )
        if sub is not None and sub.total is not None and sub.complete:
            t = sub.total
            addends.append(_Addend(quantity(t.value, t.unit), t.unit, t.qualifier, t.provenances))
            parts.append(sub)
            present.append(child)
        else:
            missing.append(child)
    reported_figures = by_place.get(_region_key(parent))
    reported = _one_figure(parent, reported_figures) if reported_figures else None
    if not addends:
        return RollUp(parent, None, (), tuple(missing), reported)
    _check_one_indicator([*figures, *([reported] if reported else [])])
    for m in figures:
        if not is_additive(m):
            raise NotAdditiveError(_what(m))
    value, label, qualifier, dimension, provenances = _summary_fields(addends, unit, divide=False)
    count = len(figures) + sum(p.total.count for p in parts if p.total is not None)
    summed = Total(value, label, qualifier, dimension, count, provenances, skipped)
    difference = relative = None
    if reported is not None:
        reported_value = _convert(reported.quantity, label)
        difference = _tidy(value - reported_value)
        relative = difference / reported_value if reported_value else None
    return RollUp(
        parent, summed, tuple(present), tuple(missing), reported, difference, relative, tuple(parts)
    )


def roll_up(
    measurements: Iterable[Measurement],
    parent: Region,
    *,
    children_of: ChildrenOf | None = None,
    unit: str | None = None,
    recursive: bool = True,
) -> RollUp:
    """Sum the figures of a region's subdivisions (counties → city → province).

    Pass figures of one indicator and one period.  A figure belongs to the region it is about
    when it names exactly one (joint figures are ignored); regions match by code, or by name
    when they have no code.  A child with no figure of its own counts as present when
    ``recursive`` and all of *its* children have figures (their sum stands in for it, see
    :attr:`RollUp.parts`).  A figure for ``parent`` itself is the reported figure the sum is
    compared with.  Unreadable figures are skipped and listed in the total.

    Args:
        measurements: the figures.
        parent: the region to roll up to.
        children_of: the direct subdivisions of a region; by default the gazetteer's
            (``shanxi_poverty.regions.load_gazetteer().children``).
        unit: the unit of the total; by default the first child figure's.
        recursive: roll up grandchildren for children without a figure.

    Raises:
        AmbiguousFigureError: if a region has two different figures (reconcile them first).
        DimensionMismatchError, NotAdditiveError, MixedIndicatorsError: as :func:`total`.
        AggregationError: if no ``children_of`` is given and the gazetteer is unavailable.

    >>> from decimal import Decimal
    >>> from shanxi_poverty.model import Region
    >>> city = Region("忻州市", "prefecture", "140900")
    >>> counties = [Region("静乐县", "county", "140926"), Region("神池县", "county", "140927"),
    ...             Region("五寨县", "county", "140928")]
    >>> figures = [Measurement(value=Decimal(1200), unit="户", regions=[counties[0]]),
    ...            Measurement(value=Decimal(800), unit="户", regions=[counties[2]]),
    ...            Measurement(value=Decimal(2500), unit="户", regions=[city])]
    >>> r = roll_up(figures, city, children_of=lambda region: counties if region == city else [])
    >>> r.total.value, [c.name for c in r.missing], r.coverage.quantize(Decimal("0.01"))
    (Decimal('2000'), ['神池县'], Decimal('0.67'))
    >>> r.difference, r.relative_difference
    (Decimal('-500'), Decimal('-0.2'))
    """
    readable, skipped = _split_readable(measurements)
    by_place: dict[str, list[Measurement]] = {}
    for m in readable:
        if m.region is not None:
            by_place.setdefault(_region_key(m.region), []).append(m)
    hierarchy = children_of if children_of is not None else _gazetteer_children
    return _roll_up(by_place, parent, hierarchy, unit, skipped, recursive=recursive)


# --- growth ---------------------------------------------------------------------------------


def _growth_percent(start: Decimal, end: Decimal, years: int) -> Decimal:
    with localcontext() as ctx:
        ctx.prec = _GROWTH_PRECISION
        rate = ((end / start) ** (Decimal(1) / Decimal(years)) - 1) * _HUNDRED
        ctx.prec = _GROWTH_RESULT_DIGITS
        return +rate


def cagr(start_value: Decimal, start_year: int, end_value: Decimal, end_year: int) -> Decimal:
    """The compound annual growth rate between two values, **in percent**.

    ``((end / start) ** (1 / years) - 1) * 100``, computed in a 40-digit decimal context and
    rounded to 28 significant digits; the fractional power is :class:`~decimal.Decimal`'s,
    almost always correctly rounded, so the result is exact far beyond any digit a text states.

    Args:
        start_value: the value in the first year (positive).
        start_year: the first year.
        end_value: the value in the last year (positive, same unit).
        end_year: the last year, after ``start_year``.

    Raises:
        AggregationError: if a value is not positive or the years are not increasing.

    >>> from decimal import Decimal
    >>> cagr(Decimal(2166), 2013, Decimal(9729), 2020).quantize(Decimal("0.001"))
    Decimal('23.937')
    """
    if end_year <= start_year:
        msg = f"growth needs end_year after start_year, got {start_year}–{end_year}"
        raise AggregationError(msg)
    if start_value <= 0 or end_value <= 0:
        msg = f"growth needs positive values, got {start_value} and {end_value}"
        raise AggregationError(msg)
    return _growth_percent(start_value, end_value, end_year - start_year)


@attrs.frozen
class GrowthCheck:
    """Whether a stated average annual growth rate fits its start and end figures.

    Args:
        computed: the growth rate from the figures as written, in percent.
        low: the lowest rate the figures allow given the rounding of their last digits.
        high: the highest such rate.
        stated: the rate the text states, in percent.
        tolerance: how far from ``stated`` the true rate may be, in percentage points (half a
            unit of the stated rate's last digit unless given).
        years: the number of years compounded.
        consistent: whether ``[low, high]`` meets the range the statement allows.
    """

    computed: Decimal
    low: Decimal
    high: Decimal
    stated: Decimal
    tolerance: Decimal
    years: int
    consistent: bool

    @property
    def difference(self) -> Decimal:
        """``computed − stated``, in percentage points."""
        return self.computed - self.stated


def _year(m: Measurement, role: str) -> int:
    year = m.time.year if m.time.year is not None else m.time.end_year
    if year is None:
        msg = f"the {role} figure {m.value}{m.unit} has no year"
        raise AggregationError(msg)
    return year


def check_growth_claim(
    start: Measurement,
    end: Measurement,
    stated_percent: Decimal | Measurement,
    *,
    tolerance: Decimal | None = None,
) -> GrowthCheck:
    """Check a stated average annual growth (年均增长11.4%) against its two figures.

    The stated rate is taken to be rounded to the digits it is written with, so by default it
    allows the true rate to lie within half a unit of its last digit (11.4% → ±0.05 points).
    The start and end figures are rounded too: each may be off by half a unit of its last
    written digit (:func:`written_precision`), which widens the computed rate to
    ``[low, high]``.  The claim is consistent when the two ranges meet.  A stated qualifier
    turns the claim into a bound: 超过10% (``more_than``/``at_least``) needs ``high`` at or
    above ``10 − tolerance``; 不足10% needs ``low`` at or below ``10 + tolerance``.

    Args:
        start: the first figure, with its year.
        end: the last figure, with its year (same dimension).
        stated_percent: the stated rate in percent, as a Decimal (its exponent gives the
            digits) or as the measurement of the ``%`` figure.
        tolerance: the allowed distance in percentage points, instead of half a unit of the
            stated rate's last digit.

    Raises:
        AggregationError: if a figure is unreadable or has no year, or the years do not
            increase.
        DimensionMismatchError: if the figures measure different things, or the stated
            measurement is not in %.

    >>> from decimal import Decimal
    >>> from shanxi_poverty.model import Measurement, TimeReference
    >>> check = check_growth_claim(
    ...     Measurement(value=Decimal(4875), unit="元", time=TimeReference(year=2013)),
    ...     Measurement(value=Decimal(10352), unit="元", time=TimeReference(year=2020)),
    ...     Decimal("11.4"))
    >>> check.consistent, check.computed.quantize(Decimal("0.001")), check.tolerance
    (True, Decimal('11.358'), Decimal('0.05'))
    """
    if start.value is None or end.value is None:
        msg = "cannot check growth on an unreadable figure"
        raise AggregationError(msg)
    start_year, end_year = _year(start, "start"), _year(end, "end")
    qualifier = Qualifier.EXACT
    if isinstance(stated_percent, Measurement):
        if stated_percent.value is None:
            msg = "the stated growth rate is unreadable"
            raise AggregationError(msg)
        stated = _convert(stated_percent.quantity, "%")
        step = _convert(quantity(written_precision(stated_percent), stated_percent.unit), "%")
        qualifier = stated_percent.qualifier
    else:
        stated = stated_percent
        step = Decimal(1).scaleb(_exponent(stated))
    allowed = tolerance if tolerance is not None else _tidy(step * _HALF)
    end_value = _convert(end.quantity, start.unit)
    end_step = _convert(quantity(written_precision(end), end.unit), start.unit) * _HALF
    start_step = written_precision(start) * _HALF
    computed = cagr(start.value, start_year, end_value, end_year)
    years = end_year - start_year
    low = _growth_percent(start.value + start_step, end_value - end_step, years)
    high = _growth_percent(start.value - start_step, end_value + end_step, years)
    match qualifier:
        case Qualifier.MORE_THAN | Qualifier.AT_LEAST:
            consistent = high >= stated - allowed
        case Qualifier.LESS_THAN | Qualifier.AT_MOST:
            consistent = low <= stated + allowed
        case _:
            consistent = low <= stated + allowed and high >= stated - allowed
    return GrowthCheck(computed, low, high, stated, allowed, years, consistent)


# --- conversion and export ------------------------------------------------------------------


def _quantity_of(figure: Measurement | Total | Mean) -> Quantity:
    if isinstance(figure, Measurement):
        if not _is_readable(figure):
            msg = "cannot convert an unreadable (corrupted) figure"
            raise AggregationError(msg)
        return figure.quantity
    return quantity(figure.value, figure.unit)


def to_unit(figure: Measurement | Total | Mean, unit: str) -> Decimal:
    """The value of a figure or total in another unit of the same dimension.

    Raises:
        DimensionMismatchError: if ``unit`` measures something else.
        AggregationError: if the figure is unreadable.

    >>> from decimal import Decimal
    >>> to_unit(Measurement(value=Decimal(230000000), unit="元"), "亿元")
    Decimal('2.3')
    """
    return _tidy(_convert(_quantity_of(figure), unit))


def to_base(figure: Measurement | Total | Mean) -> tuple[Decimal, str]:
    """The value of a figure in the base unit of its dimension, with that unit's label.

    >>> from decimal import Decimal
    >>> to_base(Measurement(value=Decimal("1.5"), unit="万亩"))
    (Decimal('10000000'), 'meter ** 2')
    """
    q = _quantity_to_base(_quantity_of(figure))
    return _tidy(_magnitude(q)), _unit_label(q)


def to_records(measurements: Iterable[Measurement]) -> list[dict[str, object]]:
    """Flat JSON-ready records (:func:`shanxi_poverty.serialize.to_record`) of measurements.

    >>> from decimal import Decimal
    >>> to_records([Measurement(value=Decimal(58), unit="个")])[0]["value"]
    58
    """
    return [to_record(m) for m in measurements]


def to_dataframe(measurements: Iterable[Measurement]) -> pd.DataFrame:
    """A :class:`pandas.DataFrame` of the flat records, one row per measurement.

    Columns are :data:`shanxi_poverty.serialize.RECORD_FIELDS`.  Needs the optional ``pandas``
    extra.

    Raises:
        ImportError: if pandas is not installed.
    """
    try:
        import pandas as pd  # noqa: PLC0415 - optional dependency
    except ImportError as exc:
        msg = "to_dataframe() needs pandas: pip install shanxi-poverty[pandas]"
        raise ImportError(msg) from exc
    return pd.DataFrame(to_records(measurements), columns=list(RECORD_FIELDS))

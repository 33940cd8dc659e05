"""Chinese units and classifiers through pint.

The registry is built once, lazily, from the package's ``data/units.txt`` on a pint
:class:`~pint.UnitRegistry` whose magnitudes are :class:`~decimal.Decimal`.  Multipliers
(十 百 千 万 亿, traditional 萬 億) are pint prefixes, so compound units resolve by themselves.

>>> from decimal import Decimal
>>> quantity(Decimal("2.3"), "亿元").to("元").magnitude == Decimal(230000000)
True
>>> str(quantity(Decimal(7000), "畝").to("公顷").magnitude.quantize(Decimal("0.01")))
'466.67'
>>> split_unit("萬人")
(Decimal('10000'), '人')
>>> dimension_of("个百分点") is Dimension.PERCENTAGE_POINTS, dimension_of("%") is Dimension.RATIO
(True, True)
>>> add(quantity(Decimal(1), "人"), quantity(Decimal(1), "户"))
Traceback (most recent call last):
...
shanxi_poverty.errors.DimensionMismatchError: cannot add '人' and '户': they measure different ...
"""

from __future__ import annotations

import functools
import json
from decimal import Decimal
from typing import TYPE_CHECKING, Final

from shanxi_poverty._resources import read_text
from shanxi_poverty.errors import DimensionMismatchError, UnknownUnitError
from shanxi_poverty.model import Dimension

if TYPE_CHECKING:
    from typing import TypeAlias

    import pint

    #: A pint quantity whose magnitude is a Decimal.
    Quantity: TypeAlias = pint.Quantity[Decimal]
    UnitRegistry: TypeAlias = pint.UnitRegistry[Decimal]
else:  # pint is imported lazily: it costs about 0.2 s
    Quantity = "pint.Quantity[Decimal]"
    UnitRegistry = "pint.UnitRegistry[Decimal]"

__all__ = [
    "Quantity",
    "add",
    "canonical_unit",
    "dimension_of",
    "quantity",
    "split_unit",
    "to_base",
    "unit_registry",
]


def __dir__() -> list[str]:
    return __all__


#: Labels that are not pint identifiers, mapped to the registry's name.
_LABEL_TO_PINT: Final = {"%": "percent", "％": "percent"}
_PINT_TO_LABEL: Final = {"percent": "%"}

#: The base dimensionality of each :class:`Dimension`, as pint prints it.
_DIMENSIONS: Final = {
    "[person]": Dimension.PERSONS,
    "[household]": Dimension.HOUSEHOLDS,
    "[person_time]": Dimension.PERSON_TIMES,
    "[currency]": Dimension.MONEY,
    "[length] ** 2": Dimension.AREA,
    "[length]": Dimension.LENGTH,
    "[mass]": Dimension.MASS,
    "[length] ** 3": Dimension.VOLUME,
    "dimensionless": Dimension.RATIO,
    "[percentage_point]": Dimension.PERCENTAGE_POINTS,
    "[item]": Dimension.ITEMS,
    "[time]": Dimension.DURATION,
    "[event]": Dimension.EVENTS,
    "[mass] * [length] ** 2 / [time] ** 3": Dimension.POWER,
    "[mass] * [length] ** 2 / [time] ** 2": Dimension.ENERGY,
}


@functools.cache
def unit_registry() -> UnitRegistry:
    """The shared registry of Chinese units (built on first use, then cached)."""
    import pint  # noqa: PLC0415 - lazy: keeps `import shanxi_poverty` fast

    registry: UnitRegistry = pint.UnitRegistry(non_int_type=Decimal, cache_folder=None)
    registry.load_definitions(read_text("units.txt").splitlines())
    return registry


def _pint_name(unit: str) -> str:
    return _LABEL_TO_PINT.get(unit, unit)


@functools.cache
def _unit_table() -> dict[str, tuple[Decimal, str, Dimension | None]]:
    """The unit words extraction reads, resolved ahead of time (``data/unit_table.json``,
    written by ``tasks/build_unit_table.py`` from pint), so extraction never imports pint.

    The dimension is ``None`` for units outside :class:`Dimension` (兆瓦 measures power)."""
    data: dict[str, dict[str, str | None]] = json.loads(read_text("unit_table.json"))
    return {
        word: (
            Decimal(str(e["factor"])),
            str(e["label"]),
            None if e["dimension"] is None else Dimension(e["dimension"]),
        )
        for word, e in data.items()
    }


@functools.cache
def split_unit(unit: str) -> tuple[Decimal, str]:
    """Split a written unit into its multiplier and canonical label.

    Args:
        unit: a unit word as written, possibly with multipliers and in traditional script
            (``萬元``, ``億元``, ``個``, ``%``).

    Returns:
        The multiplier as a Decimal and the canonical simplified label (``元``).

    Raises:
        UnknownUnitError: if the word is not a unit of the registry.
    """
    known = _unit_table().get(unit)
    if known is not None:
        return known[0], known[1]
    return _pint_split_unit(unit)


@functools.cache
def _defined_names() -> frozenset[str]:
    """Unit names and aliases ``units.txt`` defines (not its prefixes)."""
    names: set[str] = set()
    for line in read_text("units.txt").splitlines():
        parts = [p.strip() for p in line.split("#", 1)[0].split("=")]
        if len(parts) >= 2 and not parts[0].endswith("-"):  # noqa: PLR2004 - name = value
            names.update((parts[0], *parts[2:]))
    return frozenset(names)


def _pint_split_unit(unit: str) -> tuple[Decimal, str]:
    """:func:`split_unit` asked of the pint registry (no precomputed table)."""
    registry = unit_registry()
    name = _pint_name(unit)
    if name in _defined_names():  # 千瓦 is a unit, though pint also reads it as 千 + 瓦
        canonical = registry.get_name(name)
        return Decimal(1), _PINT_TO_LABEL.get(canonical, canonical)
    try:
        candidates = registry.parse_unit_name(name)
    except (AttributeError, ValueError) as exc:  # pragma: no cover - pint internals
        raise UnknownUnitError(unit) from exc
    if not candidates:
        raise UnknownUnitError(unit)
    prefix, base, _suffix = min(candidates, key=lambda c: len(c[0]))
    factor = Decimal(1)
    if prefix:
        factor = Decimal(registry.Quantity(Decimal(1), prefix + base).to(base).magnitude)
    label = _PINT_TO_LABEL.get(base, base)
    if factor == factor.to_integral_value():
        factor = Decimal(int(factor))
    return factor, label


def canonical_unit(unit: str) -> str:
    """The canonical simplified label of a unit word without multiplier (``個`` → ``个``).

    Raises:
        UnknownUnitError: if the word is not a unit of the registry.
    """
    return split_unit(unit)[1]


def quantity(value: Decimal | int | str, unit: str) -> Quantity:
    """Build a pint quantity with a Decimal magnitude.

    Args:
        value: the number (a ``str`` is read exactly as a Decimal; never pass a float).
        unit: a unit label or written unit (``元``, ``万元``, ``%``).

    Raises:
        UnknownUnitError: if the unit is not in the registry.
        TypeError: if ``value`` is a float.
    """
    if isinstance(value, float):
        msg = "pass Decimal, int or str, not float: floats cannot hold 2.3亿 exactly"
        raise TypeError(msg)
    registry = unit_registry()
    split_unit(unit)  # validates the name with a clear error
    result: Quantity = registry.Quantity(Decimal(value), _pint_name(unit))
    return result


@functools.cache
def dimension_of(unit: str) -> Dimension:
    """The :class:`~shanxi_poverty.model.Dimension` a unit measures.

    Raises:
        UnknownUnitError: if the unit is not in the registry, or measures something outside
            the dimensions this library knows (e.g. power).
    """
    known = _unit_table().get(unit)
    if known is None:
        return _pint_dimension_of(unit)
    if known[2] is None:
        raise UnknownUnitError(unit)
    return known[2]


def _pint_dimension_of(unit: str) -> Dimension:
    """:func:`dimension_of` asked of the pint registry (no precomputed table)."""
    registry = unit_registry()
    _pint_split_unit(unit)  # validates the name with a clear error
    dims = str(registry.Quantity(Decimal(1), _pint_name(unit)).dimensionality)
    try:
        return _DIMENSIONS[dims]
    except KeyError:
        raise UnknownUnitError(unit) from None


def _label(q: Quantity) -> str:
    name = str(q.units)
    return _PINT_TO_LABEL.get(name, name)


def add(left: Quantity, right: Quantity) -> Quantity:
    """Add two quantities, refusing to mix dimensions with a clear error.

    Raises:
        DimensionMismatchError: if they measure different things (persons and households,
            percent and percentage points, money and households).
    """
    if left.dimensionality != right.dimensionality:
        raise DimensionMismatchError(_label(left), _label(right))
    total: Quantity = left + right.to(left.units)
    return total


def to_base(q: Quantity) -> Quantity:
    """Convert to the base unit of its dimension (万元 → 元, 万亩 → m², 万人 → 人)."""
    return q.to(q.to_base_units().units)

"""The exception hierarchy of :mod:`shanxi_poverty`.

Every error the library raises on purpose derives from :class:`ShanxiPovertyError`, so
``except shanxi_poverty.ShanxiPovertyError`` catches all of them and nothing else.  Errors
about a place in a document carry the document name and the character offset in the raw
text (:attr:`DocumentError.doc`, :attr:`DocumentError.position`).
"""

from __future__ import annotations

__all__ = [
    "AggregationError",
    "AmbiguousFigureError",
    "BinaryInputError",
    "DimensionMismatchError",
    "DocumentError",
    "EmptyAggregationError",
    "EmptyDocumentError",
    "FormatError",
    "MixedIndicatorsError",
    "NotAdditiveError",
    "NumeralError",
    "RegionNotFoundError",
    "ShanxiPovertyError",
    "UndecodableInputError",
    "UnitError",
    "UnknownFormatError",
    "UnknownUnitError",
    "VocabularyError",
]


def __dir__() -> list[str]:
    return __all__


def _restore(
    cls: type[ShanxiPovertyError], args: tuple[object, ...], state: dict[str, object]
) -> ShanxiPovertyError:
    error = cls.__new__(cls)
    error.args = args
    error.__dict__.update(state)
    return error


class ShanxiPovertyError(Exception):
    """Base class of every error raised by :mod:`shanxi_poverty`.

    Errors pickle with all their attributes (they cross process pools and Dask workers).
    """

    def __reduce__(self) -> tuple[object, ...]:
        return _restore, (type(self), self.args, dict(self.__dict__))


class UnitError(ShanxiPovertyError, ValueError):
    """A unit or classifier is unknown or used wrongly."""


class UnknownUnitError(UnitError):
    """A unit word is not in the unit registry.

    Attributes:
        unit: the word that was looked up.
    """

    def __init__(self, unit: str) -> None:
        self.unit = unit
        super().__init__(f"unknown unit {unit!r}: not defined in shanxi_poverty's units.txt")


class DimensionMismatchError(UnitError, TypeError):
    """Quantities of different dimensions were combined (persons + households).

    Attributes:
        left: the unit on the left.
        right: the unit on the right.
    """

    def __init__(self, left: str, right: str, *, operation: str = "add") -> None:
        self.left = left
        self.right = right
        super().__init__(
            f"cannot {operation} {left!r} and {right!r}: they measure different dimensions"
        )


class NumeralError(ShanxiPovertyError, ValueError):
    """A string is not a number this library can read.

    Attributes:
        text: the string.
        position: offset in ``text`` where reading failed.
    """

    def __init__(self, text: str, position: int, reason: str) -> None:
        self.text = text
        self.position = position
        self.reason = reason
        caret = " " * position + "^"
        super().__init__(f"{reason}\n    {text}\n    {caret}")


class DocumentError(ShanxiPovertyError, ValueError):
    """A document cannot be read.

    Attributes:
        doc: the document name, when known.
        position: character offset in the raw text where the problem is, when known.
        reason: what is wrong, without the location.
    """

    def __init__(self, reason: str, *, doc: str | None = None, position: int | None = None) -> None:
        self.doc = doc
        self.position = position
        self.reason = reason
        where = doc or "<document>"
        if position is not None:
            where = f"{where}:{position}"
        super().__init__(f"{where}: {reason}")


class EmptyDocumentError(DocumentError):
    """The document holds no text (empty or only white space)."""


class BinaryInputError(DocumentError):
    """The input looks like binary data (NUL bytes or mostly control characters)."""


class UndecodableInputError(DocumentError):
    """The input bytes are not valid UTF-8."""


class FormatError(DocumentError):
    """The document does not follow the format it was parsed as (e.g. broken front matter)."""


class UnknownFormatError(ShanxiPovertyError, LookupError):
    """No source parser is registered under this name.

    Attributes:
        name: the format name asked for.
        known: the registered names.
    """

    def __init__(self, name: str, known: tuple[str, ...]) -> None:
        self.name = name
        self.known = known
        super().__init__(f"unknown source format {name!r}; known formats: {', '.join(known)}")


class RegionNotFoundError(ShanxiPovertyError, LookupError):
    """No region of the gazetteer matches a name or code."""

    def __init__(self, key: str) -> None:
        self.key = key
        super().__init__(f"no region named or coded {key!r} in the Shanxi gazetteer")


class VocabularyError(ShanxiPovertyError, LookupError):
    """No programme or indicator has this id or alias."""

    def __init__(self, kind: str, key: str) -> None:
        self.kind = kind
        self.key = key
        super().__init__(f"no {kind} with id or alias {key!r} in the vocabulary")


class AggregationError(ShanxiPovertyError, ValueError):
    """Measurements cannot be aggregated as asked."""


class NotAdditiveError(AggregationError):
    """A sum was asked of an indicator that is not additive (rates, per-capita incomes).

    Attributes:
        indicator: the indicator id.
    """

    def __init__(self, indicator: str) -> None:
        self.indicator = indicator
        super().__init__(
            f"indicator {indicator!r} is not additive across regions (a rate or per-capita "
            "figure); use mean(), minimum() or maximum() instead of total()"
        )


class EmptyAggregationError(AggregationError):
    """An aggregation was asked of no readable figure.

    Attributes:
        operation: what was asked (``total``, ``mean``, ``minimum`` …).
        skipped: how many unreadable (corrupted) figures were left out.
    """

    def __init__(self, operation: str, skipped: int = 0) -> None:
        self.operation = operation
        self.skipped = skipped
        super().__init__(
            f"{operation}() needs at least one readable figure; got none "
            f"({skipped} unreadable skipped)"
        )


class MixedIndicatorsError(AggregationError):
    """Figures of different indicators were to be aggregated together.

    Attributes:
        indicators: the indicator ids found, sorted.
    """

    def __init__(self, indicators: tuple[str, ...]) -> None:
        self.indicators = indicators
        super().__init__(
            f"cannot aggregate figures of different indicators: {', '.join(indicators)}; "
            "group them with group_by(measurements, by_indicator) first"
        )


class AmbiguousFigureError(AggregationError):
    """A region has several different figures where one was expected (in a roll-up).

    Attributes:
        region: the region's name.
        values: the figures found, as written values with units.
    """

    def __init__(self, region: str, values: tuple[str, ...]) -> None:
        self.region = region
        self.values = values
        super().__init__(
            f"{region} has {len(values)} different figures ({', '.join(values)}); "
            "reconcile() them and keep one"
        )

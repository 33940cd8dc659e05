"""Structured, unit-safe statistics from Chinese news reports on Shanxi's poverty-alleviation
campaign (脱贫攻坚, 乡村振兴).

>>> import shanxi_poverty as sp
>>> sp.Qualifier("more_than") is sp.Qualifier.MORE_THAN
True
"""

from __future__ import annotations

import importlib.metadata

from shanxi_poverty.document import (
    Article,
    Damage,
    Document,
    DocumentMeta,
    Duplicate,
    OffsetMap,
    Script,
)
from shanxi_poverty.errors import (
    AggregationError,
    BinaryInputError,
    DimensionMismatchError,
    DocumentError,
    EmptyDocumentError,
    FormatError,
    NotAdditiveError,
    NumeralError,
    RegionNotFoundError,
    ShanxiPovertyError,
    UndecodableInputError,
    UnitError,
    UnknownFormatError,
    UnknownUnitError,
    VocabularyError,
)
from shanxi_poverty.model import (
    Dimension,
    FormerName,
    Indicator,
    Measurement,
    Numeral,
    Programme,
    Provenance,
    Qualifier,
    Region,
    RegionLevel,
    Span,
    TimeReference,
)

__version__ = importlib.metadata.version("shanxi-poverty")

__all__ = [
    "AggregationError",
    "Article",
    "BinaryInputError",
    "Damage",
    "Dimension",
    "DimensionMismatchError",
    "Document",
    "DocumentError",
    "DocumentMeta",
    "Duplicate",
    "EmptyDocumentError",
    "FormatError",
    "FormerName",
    "Indicator",
    "Measurement",
    "NotAdditiveError",
    "Numeral",
    "NumeralError",
    "OffsetMap",
    "Programme",
    "Provenance",
    "Qualifier",
    "Region",
    "RegionLevel",
    "RegionNotFoundError",
    "Script",
    "ShanxiPovertyError",
    "Span",
    "TimeReference",
    "UndecodableInputError",
    "UnitError",
    "UnknownFormatError",
    "UnknownUnitError",
    "VocabularyError",
    "__version__",
]


def __dir__() -> list[str]:
    return __all__

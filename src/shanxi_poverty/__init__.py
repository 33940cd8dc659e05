"""Structured, unit-safe statistics from Chinese news reports on Shanxi's poverty-alleviation
campaign (脱贫攻坚, 乡村振兴).

>>> import shanxi_poverty as sp
>>> sp.Qualifier("more_than") is sp.Qualifier.MORE_THAN
True
"""

from __future__ import annotations

import importlib.metadata

from shanxi_poverty.aggregate import (
    Discrepancy,
    GrowthCheck,
    Reconciliation,
    RollUp,
    Total,
    cagr,
    check_growth_claim,
    group_by,
    mean,
    reconcile,
    roll_up,
    total,
)
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
    AmbiguousFigureError,
    BinaryInputError,
    DimensionMismatchError,
    DocumentError,
    EmptyAggregationError,
    EmptyDocumentError,
    FormatError,
    MixedIndicatorsError,
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
from shanxi_poverty.extract import (
    Exclusion,
    ExclusionReason,
    Mention,
    ScanResult,
    extract,
    extract_mentions,
    scan,
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
from shanxi_poverty.numerals import format_chinese, parse_number
from shanxi_poverty.pipeline import RawText, iter_documents, iter_measurements, map_documents
from shanxi_poverty.regions import Gazetteer, RegionMatch, find_regions, load_gazetteer
from shanxi_poverty.report import CorpusReport, GrowthClaim, build_report
from shanxi_poverty.sources import (
    SourceParser,
    decode_raw,
    detect_format,
    parse_document,
    register_format,
)
from shanxi_poverty.vocabulary import (
    Vocabulary,
    get_indicator,
    get_programme,
    load_vocabulary,
    match_indicator,
    match_programme,
)

__version__ = importlib.metadata.version("shanxi-poverty")

__all__ = [
    "AggregationError",
    "AmbiguousFigureError",
    "Article",
    "BinaryInputError",
    "CorpusReport",
    "Damage",
    "Dimension",
    "DimensionMismatchError",
    "Discrepancy",
    "Document",
    "DocumentError",
    "DocumentMeta",
    "Duplicate",
    "EmptyAggregationError",
    "EmptyDocumentError",
    "Exclusion",
    "ExclusionReason",
    "FormatError",
    "FormerName",
    "Gazetteer",
    "GrowthCheck",
    "GrowthClaim",
    "Indicator",
    "Measurement",
    "Mention",
    "MixedIndicatorsError",
    "NotAdditiveError",
    "Numeral",
    "NumeralError",
    "OffsetMap",
    "Programme",
    "Provenance",
    "Qualifier",
    "RawText",
    "Reconciliation",
    "Region",
    "RegionLevel",
    "RegionMatch",
    "RegionNotFoundError",
    "RollUp",
    "ScanResult",
    "Script",
    "ShanxiPovertyError",
    "SourceParser",
    "Span",
    "TimeReference",
    "Total",
    "UndecodableInputError",
    "UnitError",
    "UnknownFormatError",
    "UnknownUnitError",
    "Vocabulary",
    "VocabularyError",
    "__version__",
    "build_report",
    "cagr",
    "check_growth_claim",
    "decode_raw",
    "detect_format",
    "extract",
    "extract_mentions",
    "find_regions",
    "format_chinese",
    "get_indicator",
    "get_programme",
    "group_by",
    "iter_documents",
    "iter_measurements",
    "load_gazetteer",
    "load_vocabulary",
    "map_documents",
    "match_indicator",
    "match_programme",
    "mean",
    "parse_document",
    "parse_number",
    "reconcile",
    "register_format",
    "roll_up",
    "scan",
    "total",
]


def __dir__() -> list[str]:
    return __all__

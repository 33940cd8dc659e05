"""Quantity extraction: every figure of a document as a measurement.

>>> from shanxi_poverty.document import Document
>>> doc = Document.from_text("全市累计20104户、55992人全部脱贫，投入资金2.3亿元，巩固率超100%。")
>>> for m in extract_mentions(doc):
...     print(m.text, m.measurement.value, m.measurement.unit, m.measurement.qualifier.value)
20104户 20104 户 exact
55992人 55992 人 exact
2.3亿元 230000000 元 exact
100% 100 % more_than
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from shanxi_poverty.extract.quantities import (
    Exclusion,
    ExclusionReason,
    Mention,
    ScanResult,
    extract_mentions,
    scan,
)

if TYPE_CHECKING:
    from shanxi_poverty.document import Document
    from shanxi_poverty.model import Measurement

__all__ = [
    "Exclusion",
    "ExclusionReason",
    "Mention",
    "ScanResult",
    "extract",
    "extract_mentions",
    "scan",
]


def __dir__() -> list[str]:
    return __all__


def extract(doc: Document, *, errors: Literal["mark", "drop"] = "mark") -> list[Measurement]:
    """The measurements of a document with their context, in text order, without layout
    duplicates.

    Finds every figure (:func:`extract_mentions`), then resolves its region, time, indicator,
    programme and subject (:func:`~shanxi_poverty.extract.context.resolve_context`).

    Args:
        doc: the parsed document.
        errors: ``"mark"`` keeps figures in damaged text flagged ``corrupted``; ``"drop"``
            leaves them out.

    .. versionadded:: 0.1.0
    """
    from shanxi_poverty.extract.context import resolve_context  # noqa: PLC0415 - loads the gazetteer

    mentions = [m for m in extract_mentions(doc, errors=errors) if not m.duplicate]
    return resolve_context(doc, mentions)

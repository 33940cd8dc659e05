"""Serialisation: a cattrs converter for every model, and flat JSON Lines records.

Decimals become strings (exact), dates ISO 8601 strings, enums their values.

>>> from decimal import Decimal
>>> from shanxi_poverty.model import Measurement
>>> m = Measurement(value=Decimal("230000000"), unit="元", qualifier="more_than")
>>> data = converter().unstructure(m)
>>> data["value"], data["qualifier"]
('230000000', 'more_than')
>>> converter().structure(data, Measurement) == m
True
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from decimal import Decimal
from typing import TYPE_CHECKING

import cattrs

from shanxi_poverty.document import OffsetMap, Script, Segment
from shanxi_poverty.model import Dimension, Numeral, Qualifier, RegionLevel

if TYPE_CHECKING:
    import enum
    from collections.abc import Iterable

    from shanxi_poverty.document import Document, DocumentMeta
    from shanxi_poverty.model import Measurement

__all__ = [
    "RECORD_FIELDS",
    "converter",
    "document_record",
    "make_converter",
    "to_jsonl",
    "to_record",
]


def __dir__() -> list[str]:
    return __all__


#: Keys of a flat measurement record, in output order.
RECORD_FIELDS = (
    "doc",
    "text",
    "start",
    "end",
    "value",
    "unit",
    "qualifier",
    "region",
    "region_code",
    "year",
    "indicator",
    "programme",
    "subject",
    "corrupted",
)


def _enum_value(member: enum.StrEnum) -> str:
    return member.value


def make_converter() -> cattrs.Converter:
    """A new converter that (un)structures every model of the library to JSON-ready data."""
    conv = cattrs.Converter()
    # StrEnums would pass through as enum members; JSON-ready data wants plain strings.
    for enum_type in (Dimension, Numeral, Qualifier, RegionLevel, Script):
        conv.register_unstructure_hook(enum_type, _enum_value)
    conv.register_unstructure_hook(Decimal, str)
    conv.register_structure_hook(Decimal, lambda v, _: Decimal(str(v)))
    conv.register_unstructure_hook(dt.date, dt.date.isoformat)
    conv.register_structure_hook(dt.date, lambda v, _: dt.date.fromisoformat(v))
    # The private lookup cache of OffsetMap is derived, not data.
    conv.register_unstructure_hook(
        OffsetMap,
        lambda m: [[s.start, s.end, s.raw_start, s.raw_end] for s in m.segments],
    )
    conv.register_structure_hook(
        OffsetMap, lambda v, _: OffsetMap(tuple(Segment(*row) for row in v))
    )
    return conv


@functools.cache
def converter() -> cattrs.Converter:
    """The shared converter (see :func:`make_converter`)."""
    return make_converter()


def _number(value: Decimal | None) -> int | float | None:
    """JSON number for a Decimal: an int when integral, else the nearest float.

    JSON readers parse numbers as floats anyway; the exact value stays in the Decimal.
    """
    if value is None:
        return None
    if value == value.to_integral_value():
        return int(value)
    return float(value)


def to_record(m: Measurement) -> dict[str, object]:
    """A flat JSON-ready record of a measurement with the keys of :data:`RECORD_FIELDS`."""
    prov = m.provenance
    return {
        "doc": prov.doc if prov else None,
        "text": prov.text if prov else None,
        "start": prov.span.start if prov else None,
        "end": prov.span.end if prov else None,
        "value": _number(m.value),
        "unit": m.unit,
        "qualifier": m.qualifier.value,
        "region": "、".join(r.name for r in m.regions) or None,
        "region_code": "、".join(r.code or "" for r in m.regions) or None,
        "year": m.time.year,
        "indicator": m.indicator.id if m.indicator else None,
        "programme": m.programme.id if m.programme else None,
        "subject": m.subject,
        "corrupted": m.corrupted,
    }


def to_jsonl(measurements: Iterable[Measurement]) -> str:
    """Flat records as JSON Lines (UTF-8 text, Chinese kept as is), one per line."""
    return "".join(json.dumps(to_record(m), ensure_ascii=False) + "\n" for m in measurements)


def _meta_record(meta: DocumentMeta) -> dict[str, object]:
    return {
        "title": meta.title,
        "subtitle": meta.subtitle,
        "published": meta.published,
        "publisher": meta.publisher,
        "authors": list(meta.authors),
        "photo_credits": list(meta.photo_credits),
        "editor": meta.editor,
        "url": meta.url,
        "home_region": meta.home_region,
        "sections": list(meta.sections),
        "format": meta.format,
        "script": meta.script.value if meta.script else None,
        "noise": list(meta.noise),
    }


def document_record(doc: Document) -> dict[str, object]:
    """A JSON-ready record of a parsed document: metadata, normalised text, damage, articles.

    Damage spans are raw offsets; duplicate and article spans are offsets in ``text`` (the
    raw range of each is given too, as ``raw_start``/``raw_end``).
    """

    def span(start: int, end: int) -> dict[str, int]:
        raw_start, raw_end = doc.offsets.to_raw(start, end)
        return {"start": start, "end": end, "raw_start": raw_start, "raw_end": raw_end}

    return {
        "doc": doc.name,
        **_meta_record(doc.meta),
        "text": doc.text,
        "damage": [
            {
                "start": d.span.start,
                "end": d.span.end,
                "kind": d.kind,
                "repair": d.repair,
                "confident": d.confident,
            }
            for d in doc.damage
        ],
        "duplicates": [
            {
                **span(d.span.start, d.span.end),
                "original": span(d.original.start, d.original.end),
            }
            for d in doc.duplicates
        ],
        "articles": [
            {
                **span(a.span.start, a.span.end),
                **_meta_record(a.meta),
                "text": doc.text[a.span.start : a.span.end],
            }
            for a in doc.articles
        ],
    }

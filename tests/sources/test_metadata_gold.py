"""Agreement of parsed metadata with the gold ``*.meta.json`` of the seeds.

Run ``python -m pytest tests/sources/test_metadata_gold.py -s`` to print the per-field table.

Fields compared: title, published, publisher, authors, home_region, over the fields whose
gold value is not null (and not an empty list).  Values are compared in simplified script
(the gold keeps the traditional script of seeds 001 and 002; :class:`DocumentMeta` is
simplified), author lists as ordered lists.
"""

from __future__ import annotations

import json
from collections import Counter

from shanxi_poverty._opencc import default_converter
from shanxi_poverty.sources import parse_document

from ..conftest import GOLD, read_seed

FIELDS = ("title", "published", "publisher", "authors", "home_region")
FLOOR = 0.85


def _simplified(value: object) -> object:
    conv = default_converter()
    if isinstance(value, str):
        return conv.convert(value)
    if isinstance(value, list | tuple):
        return [conv.convert(str(v)) for v in value]
    return value


def metadata_agreement() -> tuple[dict[str, tuple[int, int]], list[str]]:
    """Per field ``(agreeing, gold non-null)`` and a line per disagreement."""
    table: dict[str, tuple[int, int]] = {}
    hits: Counter[str] = Counter()
    totals: Counter[str] = Counter()
    misses: list[str] = []
    for path in sorted(GOLD.glob("*.meta.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        doc = parse_document(read_seed(gold["doc"]), name=gold["doc"])
        for field in FIELDS:
            expected = gold.get(field)
            if expected is None or expected == []:
                continue
            got = getattr(doc.meta, field)
            got = list(got) if isinstance(got, tuple) else got
            totals[field] += 1
            if _simplified(expected) == _simplified(got):
                hits[field] += 1
            else:
                misses.append(f"{gold['doc']} {field}: gold {expected!r}, parsed {got!r}")
    for field in FIELDS:
        table[field] = (hits[field], totals[field])
    return table, misses


def test_metadata_agreement_with_gold() -> None:
    """At least 85 % of the non-null gold metadata fields are reproduced."""
    table, misses = metadata_agreement()
    hits = sum(h for h, _ in table.values())
    total = sum(t for _, t in table.values())
    for field, (h, t) in table.items():
        print(f"{field:12} {h}/{t}")  # noqa: T201 - the table is the point of -s
    print(f"{'overall':12} {hits}/{total} = {hits / total:.0%}")  # noqa: T201
    print("\n".join(misses))  # noqa: T201
    assert hits / total >= FLOOR, misses

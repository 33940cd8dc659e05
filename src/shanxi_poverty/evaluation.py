"""Accuracy of extraction against gold annotations in the gold JSON Lines schema.

Users who annotate their own corpora in the same schema (``docs/extraction.md``) measure
extraction the same way the project does.  The rules are those of the project's reference
scorer: a prediction matches a gold record of the same document when their spans overlap,
one to one, largest overlap first; optional gold records neither count as misses nor make
their match spurious; strict F1 counts a match only if value, unit, region and year are all
right.

>>> gold = [{"text": "20104户", "value": 20104, "unit": "户", "region": "太原市", "year": None}]
>>> pred = [{"start": 2, "end": 8, "value": 20104, "unit": "户", "region": "太原市", "year": None}]
>>> score_document("全市20104户", gold, pred).strict
1
"""

from __future__ import annotations

import json
import math
from collections import defaultdict
from collections.abc import Mapping
from typing import TYPE_CHECKING, Final

import attrs

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence
    from pathlib import Path

__all__ = [
    "FIELDS",
    "DocumentScore",
    "Report",
    "format_report",
    "load_gold",
    "score_document",
    "score_folder",
]


def __dir__() -> list[str]:
    return __all__


Record = dict[str, object]

#: Fields compared on matched pairs.
FIELDS: Final = ("value", "unit", "qualifier", "region", "year")
_QUANTITY: Final = ("value", "unit")
_STRICT: Final = ("value", "unit", "region", "year")


@attrs.frozen
class DocumentScore:
    """Counts for one document.

    ``correct`` holds, per field of :data:`FIELDS`, how many matched pairs agree.
    """

    doc: str
    gold: int
    predicted: int
    matched: int
    correct: Mapping[str, int]
    quantity: int
    strict: int
    misses: Mapping[str, tuple[str, ...]] = attrs.field(factory=dict)
    with_indicator: int = 0


def _f1(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


@attrs.frozen
class Report:
    """Scores of a set of documents."""

    documents: tuple[DocumentScore, ...]

    def _sum(self, name: str) -> int:
        return sum(int(getattr(d, name)) for d in self.documents)

    def accuracy(self, field: str) -> float:
        """Share of matched pairs whose ``field`` agrees."""
        matched = self._sum("matched")
        return sum(d.correct[field] for d in self.documents) / matched if matched else 0.0

    def indicator_coverage(self) -> float:
        """Share of matched (non-optional) gold figures whose prediction has an indicator."""
        matched = self._sum("matched")
        return self._sum("with_indicator") / matched if matched else 0.0

    def f1(self, kind: str) -> tuple[float, float, float]:
        """Precision, recall and F1 of ``kind``: ``detection``, ``quantity`` or ``strict``."""
        tp = self._sum("matched" if kind == "detection" else kind)
        return _f1(tp, self._sum("predicted"), self._sum("gold"))

    def summary(self) -> dict[str, object]:
        """The figures as one JSON-ready dict (same keys as the reference scorer)."""

        def prf(kind: str) -> dict[str, float]:
            p, r, f = self.f1(kind)
            return {"precision": p, "recall": r, "f1": f}

        return {
            "documents": len(self.documents),
            "gold": self._sum("gold"),
            "predicted": self._sum("predicted"),
            "detection": prf("detection"),
            "accuracy": {f: self.accuracy(f) for f in FIELDS},
            "quantity": prf("quantity"),
            "strict": prf("strict"),
            "indicator_coverage": self.indicator_coverage(),
        }


def _nth(haystack: str, needle: str, n: int) -> int:
    at = -1
    for _ in range(n):
        at = haystack.find(needle, at + 1)
        if at < 0:
            return -1
    return at


def _region_names(value: object) -> frozenset[str]:
    if value is None:
        return frozenset()
    return frozenset(p for p in str(value).replace("，", "、").split("、") if p)


def _to_float(value: object) -> float:
    return float(str(value))


def _same(field: str, gold: Mapping[str, object], pred: Mapping[str, object]) -> bool:
    g, p = gold.get(field), pred.get(field)
    if field == "value":
        if gold.get("corrupted") and g is None:
            return bool(pred.get("corrupted")) or p is None
        if g is None or p is None:
            return g is None and p is None
        try:
            return math.isclose(_to_float(g), _to_float(p), rel_tol=1e-9, abs_tol=1e-9)
        except ValueError:
            return False
    if field == "region":
        return _region_names(g) == _region_names(p)
    if field == "qualifier":
        return (g or "exact") == (p or "exact")
    if field == "year":
        return (None if g is None else int(str(g))) == (None if p in (None, "") else int(str(p)))
    return g == p


def _match(gold: Sequence[Record], pred: Sequence[Record]) -> list[tuple[int, int]]:
    pairs: list[tuple[int, int, int]] = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            try:
                lo = max(int(str(g["start"])), int(str(p["start"])))
                hi = min(int(str(g["end"])), int(str(p["end"])))
            except (KeyError, ValueError):
                continue
            if hi > lo:
                pairs.append((hi - lo, gi, pi))
    pairs.sort(key=lambda t: (-t[0], t[1], t[2]))
    used_g: set[int] = set()
    used_p: set[int] = set()
    out = []
    for _, gi, pi in pairs:
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            out.append((gi, pi))
    return out


def score_document(
    raw: str,
    gold: Iterable[Mapping[str, object]],
    pred: Iterable[Mapping[str, object]],
    *,
    doc: str = "",
) -> DocumentScore:
    """Score predictions (flat records with ``start``/``end``) against gold records of one
    document (located by ``text`` and ``occurrence`` in ``raw``)."""
    located: list[Record] = []
    for g in gold:
        text = str(g["text"])
        start = _nth(raw, text, int(str(g.get("occurrence", 1))))
        if start >= 0:
            located.append({**g, "start": start, "end": start + len(text)})
    preds = [dict(p) for p in pred]
    all_pairs = _match(located, preds)
    pairs = [(located[gi], preds[pi]) for gi, pi in all_pairs if not located[gi].get("optional")]
    optional_hits = len(all_pairs) - len(pairs)
    matched_g = {gi for gi, _ in all_pairs}
    matched_p = {pi for _, pi in all_pairs}
    misses: dict[str, list[str]] = defaultdict(list)
    misses["missed"] = [
        f"{doc}: {g['text']} ({g.get('subject', '')})"
        for gi, g in enumerate(located)
        if gi not in matched_g and not g.get("optional")
    ]
    misses["spurious"] = [
        f"{doc}: {p.get('text')}" for pi, p in enumerate(preds) if pi not in matched_p
    ]
    for g, p in pairs:
        for field in FIELDS:
            if not _same(field, g, p):
                misses[field].append(
                    f"{doc}: {g['text']}: gold {g.get(field)!r} got {p.get(field)!r}"
                )
    return DocumentScore(
        doc=doc,
        gold=sum(not g.get("optional") for g in located),
        predicted=len(preds) - optional_hits,
        matched=len(pairs),
        correct={f: sum(_same(f, g, p) for g, p in pairs) for f in FIELDS},
        quantity=sum(all(_same(f, g, p) for f in _QUANTITY) for g, p in pairs),
        strict=sum(all(_same(f, g, p) for f in _STRICT) for g, p in pairs),
        misses={k: tuple(v) for k, v in misses.items()},
        with_indicator=sum(p.get("indicator") is not None for _, p in pairs),
    )


def load_gold(text: str) -> list[Record]:
    """Gold records from JSON Lines text."""
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def score_folder(gold_dir: Path, docs_dir: Path) -> Report:
    """Extract every document of ``docs_dir`` that has ``<stem>.jsonl`` gold in ``gold_dir``
    with this library, and score it.

    Raises:
        FileNotFoundError: if a gold file has no document.
    """
    from shanxi_poverty.extract import extract  # noqa: PLC0415 - evaluation imports the pipeline
    from shanxi_poverty.serialize import to_record  # noqa: PLC0415
    from shanxi_poverty.sources import decode_raw, parse_document  # noqa: PLC0415

    scores = []
    for gold_file in sorted(gold_dir.glob("*.jsonl")):
        doc_path = docs_dir / f"{gold_file.stem}.txt"
        raw = decode_raw(doc_path.read_bytes(), name=doc_path.name)
        predictions = [to_record(m) for m in extract(parse_document(raw, name=doc_path.name))]
        gold = load_gold(gold_file.read_text(encoding="utf-8"))
        scores.append(score_document(raw, gold, predictions, doc=doc_path.name))
    return Report(tuple(scores))


def format_report(report: Report, *, errors: int = 0) -> str:
    """A plain-text table of the report, as the reference scorer prints it."""
    lines = [
        f"{'document':32} {'gold':>5} {'pred':>5} {'match':>5} "
        + " ".join(f"{f[:6]:>6}" for f in FIELDS)
        + f" {'strict':>6}"
    ]
    lines.extend(
        f"{d.doc:32} {d.gold:5} {d.predicted:5} {d.matched:5} "
        + " ".join(f"{d.correct[f]:6}" for f in FIELDS)
        + f" {d.strict:6}"
        for d in report.documents
    )
    if errors:
        kinds: dict[str, list[str]] = defaultdict(list)
        for d in report.documents:
            for kind, found in d.misses.items():
                kinds[kind].extend(found)
        for kind, rows in kinds.items():
            lines.append(f"\n{kind}: {len(rows)}")
            lines.extend("  " + row for row in rows[:errors])
    lines.append("")
    lines.append("detection  P {:.3f}  R {:.3f}  F1 {:.3f}".format(*report.f1("detection")))
    lines.append("accuracy   " + "  ".join(f"{f} {report.accuracy(f):.3f}" for f in FIELDS))
    lines.append("quantity   P {:.3f}  R {:.3f}  F1 {:.3f}".format(*report.f1("quantity")))
    lines.append(f"indicator  {report.indicator_coverage():.3f} of matched figures have one")
    lines.append("strict     P {:.3f}  R {:.3f}  F1 {:.3f}".format(*report.f1("strict")))
    return "\n".join(lines) + "\n"

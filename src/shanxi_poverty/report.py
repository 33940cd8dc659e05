"""The corpus report: figures per indicator and region, reconciled, with growth claims checked.

Pure functions over measurements (no I/O); ``shanxi-poverty report`` prints the result.

- :func:`find_growth_claims` pairs every stated average annual growth (年均增长11.4%) with the
  dated figures before it in the same passage (从2013年的4875元增长到2020年的10352元) and checks it
  with :func:`~shanxi_poverty.aggregate.check_growth_claim`.
- :func:`build_report` groups the figures, reconciles repeated ones (the same indicator,
  region and period, and a similar subject phrase) and collects the growth claims.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from typing import TYPE_CHECKING, Final

import attrs

from shanxi_poverty.aggregate import (
    Discrepancy,
    GrowthCheck,
    Reconciliation,
    check_growth_claim,
    reconcile,
)
from shanxi_poverty.errors import AggregationError, UnitError
from shanxi_poverty.model import Measurement
from shanxi_poverty.serialize import RECORD_FIELDS, to_record

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from shanxi_poverty.model import Region

__all__ = [
    "CorpusReport",
    "GrowthClaim",
    "build_report",
    "find_growth_claims",
    "format_csv",
    "format_table",
    "report_record",
]


def __dir__() -> list[str]:
    return __all__


#: How far before a stated rate (in raw characters) its start and end figures may stand.
CLAIM_WINDOW: Final = 160
#: Share of characters two subject phrases must share to be taken as the same statistic.
SUBJECT_SIMILARITY: Final = 0.5
#: Figures closer than this (in raw characters) in one document belong to one passage.
NEARBY: Final = 300
_AVERAGE_EXPRESSION: Final = "年均"


@attrs.frozen
class GrowthClaim:
    """A stated average annual growth rate and the figures it summarises.

    Args:
        stated: the ``%`` figure (年均增长11.4%).
        start: the first dated figure.
        end: the last dated figure.
        check: the result of :func:`~shanxi_poverty.aggregate.check_growth_claim`.
    """

    stated: Measurement
    start: Measurement
    end: Measurement
    check: GrowthCheck


@attrs.frozen
class CorpusReport:
    """Everything the corpus report shows.

    Args:
        figures: every measurement, in document order.
        reconciliations: groups of figures stated more than once, agreeing or not.
        growth_claims: stated growth rates checked against their figures.
    """

    figures: tuple[Measurement, ...]
    reconciliations: tuple[Reconciliation, ...]
    growth_claims: tuple[GrowthClaim, ...]

    @property
    def conflicts(self) -> tuple[Reconciliation, ...]:
        """The reconciliations whose figures really disagree."""
        return tuple(r for r in self.reconciliations if r.kind is Discrepancy.CONFLICT)


def _position(m: Measurement) -> tuple[str, int]:
    prov = m.provenance
    return (prov.doc, prov.span.start) if prov else ("", -1)


def _is_average_rate(m: Measurement) -> bool:
    return m.unit == "%" and m.time.expression == _AVERAGE_EXPRESSION


def find_growth_claims(measurements: Iterable[Measurement]) -> list[GrowthClaim]:
    """Stated average annual growth rates paired with the figures they summarise.

    A claim is a ``%`` figure read as an annual average over a period (its
    :class:`~shanxi_poverty.model.TimeReference` has ``expression == "年均"`` and a start and
    end year).  Its end figure is the nearest figure before it in the same document, within
    :data:`CLAIM_WINDOW` characters, dated the period's last year and not in %; its start
    figure is the nearest one before that with the same unit and region, dated the first
    year.  A claim about several regions together (两县年均增幅) is checked per region.

    >>> from decimal import Decimal
    >>> from shanxi_poverty.model import Measurement, Provenance, Span, TimeReference
    >>> def fig(value, unit, pos, **time):
    ...     return Measurement(value=Decimal(value), unit=unit, time=TimeReference(**time),
    ...                        provenance=Provenance("004.txt", Span(pos, pos + 5), value + unit))
    >>> [claim] = find_growth_claims([
    ...     fig("4875", "元", 10, year=2013), fig("10352", "元", 30, year=2020),
    ...     fig("11.4", "%", 50, start_year=2013, end_year=2020, expression="年均")])
    >>> claim.check.consistent, round(claim.check.computed, 2)
    (True, Decimal('11.36'))
    """
    ordered = sorted((m for m in measurements if m.provenance is not None), key=_position)
    claims: list[GrowthClaim] = []
    for i, stated in enumerate(ordered):
        t = stated.time
        if not _is_average_rate(stated) or t.start_year is None or t.end_year is None:
            continue
        doc, pos = _position(stated)
        window = [
            m
            for m in ordered[:i]
            if m.provenance is not None
            and m.provenance.doc == doc
            and pos - m.provenance.span.start <= CLAIM_WINDOW
            and m.unit != "%"
            and m.value is not None
        ]
        ends = [m for m in window if m.time.year == t.end_year]
        # A joint claim (两县年均增幅) is checked once per region, a single one once.
        targets: tuple[Region | None, ...] = stated.regions if len(stated.regions) > 1 else (None,)
        for target in targets:
            for end in reversed(ends):
                if target is not None and end.regions != (target,):
                    continue
                claim = _claim(stated, end, [m for m in window if _position(m) < _position(end)])
                if claim is not None:
                    claims.append(claim)
                    break
    return claims


def _claim(
    stated: Measurement, end: Measurement, before: Sequence[Measurement]
) -> GrowthClaim | None:
    starts = [
        m
        for m in before
        if m.time.year == stated.time.start_year and m.unit == end.unit and m.regions == end.regions
    ]
    if not starts:
        return None
    try:
        check = check_growth_claim(starts[-1], end, stated)
    except (AggregationError, UnitError):
        return None
    return GrowthClaim(stated, starts[-1], end, check)


def _similar(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return a == b
    common = len(set(a) & set(b))
    return common / len(set(a) | set(b)) >= SUBJECT_SIMILARITY


def _near(a: Measurement, b: Measurement) -> bool:
    """Whether two figures stand within :data:`NEARBY` characters of each other in one document."""
    (doc_a, pos_a), (doc_b, pos_b) = _position(a), _position(b)
    return doc_a == doc_b and abs(pos_a - pos_b) < NEARBY


def _clusters(group: Sequence[Measurement]) -> list[list[Measurement]]:
    """Split figures of one indicator, region and period by how alike their subjects are.

    Different values standing close together in one document are different statistics
    (省级龙头企业8家, 市级龙头企业9家), not one statistic stated twice.
    """
    clusters: list[list[Measurement]] = []
    for m in group:
        for cluster in clusters:
            if any(_similar(m.subject, other.subject) for other in cluster) and not any(
                _near(m, other) and m.value != other.value for other in cluster
            ):
                cluster.append(m)
                break
        else:
            clusters.append([m])
    return clusters


def _group_key(m: Measurement) -> tuple[object, ...] | None:
    if m.value is None or m.corrupted or _is_average_rate(m):
        return None
    what = m.indicator.id if m.indicator else m.subject
    if what is None:
        return None
    t = m.time
    programme = m.programme.id if m.programme else None
    return (
        what,
        programme,
        tuple(r.code or r.name for r in m.regions),
        t.year,
        t.start_year,
        t.end_year,
    )


def build_report(measurements: Iterable[Measurement]) -> CorpusReport:
    """Group, reconcile and check a corpus's measurements.

    Figures are reconciled when they share indicator (or subject), programme, region and
    period, and their subject phrases are alike (so 293户脱贫不稳定户 and 255户边缘易致贫户 are
    not taken for one statistic).  Only groups with more than one figure are kept.
    """
    figures = tuple(measurements)
    groups: dict[tuple[object, ...], list[Measurement]] = defaultdict(list)
    for m in figures:
        key = _group_key(m)
        if key is not None:
            groups[key].append(m)
    reconciliations: list[Reconciliation] = []
    for group in groups.values():
        for cluster in _clusters(group):
            if len(cluster) > 1:
                reconciliations.extend(reconcile(cluster, key=lambda _m: "same"))
    return CorpusReport(figures, tuple(reconciliations), tuple(find_growth_claims(figures)))


_SOURCE_FIELDS: Final = ("doc", "text", "start", "end")


def _source(m: Measurement) -> dict[str, object]:
    record = to_record(m)
    return {key: record[key] for key in _SOURCE_FIELDS}


def _figure(m: Measurement) -> dict[str, object]:
    return {**to_record(m), "value": None if m.value is None else str(m.value)}


def report_record(report: CorpusReport) -> dict[str, object]:
    """The report as one JSON-ready dict (exact values as decimal strings)."""
    return {
        "figures": [_figure(m) for m in report.figures],
        "reconciliations": [
            {
                "kind": r.kind.value,
                "indicator": r.measurements[0].indicator.id
                if r.measurements[0].indicator
                else None,
                "subject": r.measurements[0].subject,
                "region": "、".join(x.name for x in r.measurements[0].regions) or None,
                "year": r.measurements[0].time.year,
                "variants": [
                    {
                        "value": str(v.value),
                        "unit": v.unit,
                        "qualifier": v.qualifier.value,
                        "sources": [_source(m) for m in v.measurements],
                    }
                    for v in r.variants
                ],
                "consensus": None if r.consensus is None else str(r.consensus.value),
                "notes": list(r.notes),
            }
            for r in report.reconciliations
        ],
        "growth_claims": [
            {
                "stated": str(c.check.stated),
                "computed": str(round(c.check.computed, 4)),
                "low": str(round(c.check.low, 4)),
                "high": str(round(c.check.high, 4)),
                "tolerance": str(c.check.tolerance),
                "years": c.check.years,
                "consistent": c.check.consistent,
                "region": "、".join(x.name for x in c.end.regions) or None,
                "start": {
                    **_source(c.start),
                    "value": str(c.start.value),
                    "unit": c.start.unit,
                    "year": c.start.time.year,
                },
                "end": {
                    **_source(c.end),
                    "value": str(c.end.value),
                    "unit": c.end.unit,
                    "year": c.end.time.year,
                },
                "claim": _source(c.stated),
            }
            for c in report.growth_claims
        ],
    }


def format_table(report: CorpusReport) -> str:
    """The report as plain text: figures per indicator and region, then reconciliations and
    growth claims."""
    lines: list[str] = []
    # Figures with an indicator first, by indicator and region; the others by subject phrase.
    by_key: dict[tuple[bool, str, str], list[Measurement]] = defaultdict(list)
    for m in report.figures:
        what = (
            f"{m.indicator.name_zh} ({m.indicator.id})" if m.indicator else f"“{m.subject or '?'}”"
        )
        by_key[(m.indicator is None, what, "、".join(r.name for r in m.regions) or "-")].append(m)
    lines.append(f"FIGURES ({len(report.figures)}; indicator | region, then year value unit)")
    for (_, what, region), ms in sorted(by_key.items()):
        lines.append(f"{what} | {region}")
        for m in ms:
            src = _source(m)
            value = "?" if m.value is None else f"{m.value}"
            year = m.time.year if m.time.year is not None else "-"
            flag = " corrupted" if m.corrupted else ""
            where = f"{src['doc']}:{src['start']} {src['text']!s}"
            lines.append(f"    {year}  {value} {m.unit} {m.qualifier.value}{flag}  [{where}]")
    lines.append("")
    lines.append(
        f"RECONCILIATIONS ({len(report.reconciliations)}; conflicts {len(report.conflicts)})"
    )
    for r in report.reconciliations:
        first = r.measurements[0]
        label = first.indicator.id if first.indicator else (first.subject or "?")
        lines.append(f"{r.kind.value}: {label} | {'、'.join(x.name for x in first.regions) or '-'}")
        for v in r.variants:
            sources = ", ".join(
                f"{s['doc']}:{s['start']} {s['text']!s}" for s in map(_source, v.measurements)
            )
            lines.append(f"    {v.value} {v.unit} {v.qualifier.value}  [{sources}]")
        lines.extend(f"    note: {note}" for note in r.notes)
    lines.append("")
    lines.append(f"GROWTH CLAIMS ({len(report.growth_claims)})")
    for c in report.growth_claims:
        verdict = "consistent" if c.check.consistent else "INCONSISTENT"
        lines.append(
            f"{verdict}: stated {c.check.stated}% vs computed {round(c.check.computed, 2)}% "
            f"({c.start.value}{c.start.unit} {c.start.time.year} → "
            f"{c.end.value}{c.end.unit} {c.end.time.year}, "
            f"{'、'.join(x.name for x in c.end.regions) or '-'}) [{_source(c.stated)['doc']}]"
        )
    return "\n".join(lines) + "\n"


def format_csv(report: CorpusReport) -> str:
    """The report as CSV: one row per figure, with the reconciliation kind of its group and
    the growth-claim verdict of a stated rate."""
    kinds: dict[int, str] = {}
    for r in report.reconciliations:
        for m in r.measurements:
            kinds[id(m)] = r.kind.value
    verdicts = {
        id(c.stated): "consistent" if c.check.consistent else "inconsistent"
        for c in report.growth_claims
    }
    out = io.StringIO()
    writer = csv.DictWriter(
        out, fieldnames=[*RECORD_FIELDS, "reconciliation", "growth_claim"], lineterminator="\n"
    )
    writer.writeheader()
    for m in report.figures:
        writer.writerow(
            {
                **_figure(m),
                "reconciliation": kinds.get(id(m), ""),
                "growth_claim": verdicts.get(id(m), ""),
            }
        )
    return out.getvalue()

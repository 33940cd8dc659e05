"""Tests of the aggregation helpers (shanxi_poverty.aggregate) on the seeds' gold figures."""

from __future__ import annotations

import json
import pickle
import sys
from decimal import Decimal

import attrs
import pytest

from shanxi_poverty.aggregate import (
    Discrepancy,
    Total,
    by_dimension,
    by_indicator,
    by_region,
    by_subject,
    by_year,
    cagr,
    check_growth_claim,
    group_by,
    is_additive,
    maximum,
    mean,
    minimum,
    reconcile,
    roll_up,
    to_base,
    to_dataframe,
    to_records,
    to_unit,
    total,
    written_precision,
)
from shanxi_poverty.errors import (
    AggregationError,
    AmbiguousFigureError,
    DimensionMismatchError,
    EmptyAggregationError,
    MixedIndicatorsError,
    NotAdditiveError,
)
from shanxi_poverty.model import (
    Dimension,
    Indicator,
    Measurement,
    Numeral,
    Provenance,
    Qualifier,
    Region,
    RegionLevel,
    Span,
    TimeReference,
)

from .conftest import GOLD, SEEDS

SHANXI = Region("山西省", RegionLevel.PROVINCE, "140000", short_name="山西")
TAIYUAN = Region("太原市", RegionLevel.PREFECTURE, "140100", parent_code="140000")
#: The county-level units of 太原市 (shared/reference/shanxi_divisions.csv).
TAIYUAN_COUNTIES = tuple(
    Region(name, RegionLevel.COUNTY, code, parent_code="140100")
    for code, name in [
        ("140105", "小店区"),
        ("140106", "迎泽区"),
        ("140107", "杏花岭区"),
        ("140108", "尖草坪区"),
        ("140109", "万柏林区"),
        ("140110", "晋源区"),
        ("140121", "清徐县"),
        ("140122", "阳曲县"),
        ("140123", "娄烦县"),
        ("140181", "古交市"),
    ]
)
REGIONS = {r.name: r for r in (SHANXI, TAIYUAN, *TAIYUAN_COUNTIES)}
YANGQU, LOUFAN = REGIONS["阳曲县"], REGIONS["娄烦县"]

#: What the context resolver would attach: one indicator for two phrasings of one subject.
CLINICS = Indicator(
    "village_clinics_built", "新建改建村卫生室", "village clinics built", "items", additive=True
)
INDICATORS = {"新建改建卫生室": CLINICS, "新建改建村卫生室": CLINICS}


def children_of(region: Region) -> tuple[Region, ...]:
    """A two-level hierarchy: Shanxi → 太原市 → its ten county-level units."""
    if region == SHANXI:
        return (TAIYUAN,)
    if region == TAIYUAN:
        return TAIYUAN_COUNTIES
    return ()


def in_regions(m: Measurement, *regions: Region) -> Measurement:
    """``m`` about ``regions``."""
    return attrs.evolve(m, regions=regions)


def _region(name: str) -> Region:
    return REGIONS.get(name) or Region(name, RegionLevel.VILLAGE)


def _span(doc: str, text: str, occurrence: int) -> Span:
    raw = (SEEDS / doc).read_text(encoding="utf-8")
    start = -1
    for _ in range(occurrence):
        start = raw.index(text, start + 1)
    return Span(start, start + len(text))


def gold(doc_prefix: str) -> list[Measurement]:
    """The gold records of one seed as Measurements (as the extractor will produce them)."""
    [path] = GOLD.glob(f"{doc_prefix}_*.jsonl")
    result = []
    for line in path.read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        value = rec["value"]
        m = Measurement(
            value=None if value is None else Decimal(str(value)),
            unit=rec["unit"],
            qualifier=rec["qualifier"],
            numeral=rec["numeral"],
            indicator=INDICATORS.get(rec["subject"]),
            time=TimeReference(year=rec["year"]),
            subject=rec["subject"],
            provenance=Provenance(
                rec["doc"], _span(rec["doc"], rec["text"], rec["occurrence"]), rec["text"]
            ),
            corrupted=rec.get("corrupted", False),
        )
        names = (rec["region"] or "").split("、")
        result.append(in_regions(m, *(_region(n) for n in names if n)))
    return result


def find(measurements: list[Measurement], text: str, occurrence: int = 1) -> Measurement:
    """The gold figure written as ``text`` (its n-th occurrence)."""
    hits = [m for m in measurements if m.provenance and m.provenance.text == text]
    return hits[occurrence - 1]


def fig(
    value: str,
    unit: str,
    qualifier: Qualifier = Qualifier.EXACT,
    *,
    region: Region | None = None,
    subject: str | None = "测试",
    corrupted: bool = False,
) -> Measurement:
    """A hand-made figure."""
    m = Measurement(
        value=None if corrupted else Decimal(value),
        unit=unit,
        qualifier=qualifier,
        subject=subject,
        corrupted=corrupted,
    )
    return in_regions(m, region) if region else m


# --- grouping and totals --------------------------------------------------------------------


def test_group_by_year_keeps_order() -> None:
    """Seed 004's incomes group by year, in order of first appearance."""
    incomes = [m for m in gold("004") if m.unit == "元" and m.subject and "人均" in m.subject]
    groups = group_by(incomes, by_year)
    assert list(groups) == [2013, 2020]
    assert [m.value for m in groups[2013]] == [Decimal(4875), Decimal(2166)]


def test_ready_key_functions() -> None:
    """The key functions read region, indicator, subject, year and dimension."""
    clinics = find(gold("004"), "13045所")
    assert by_region(clinics) == (SHANXI,)
    assert by_indicator(clinics) is CLINICS
    assert by_subject(clinics) == "village_clinics_built"
    assert by_subject(find(gold("004"), "10352元")) == "贫困地区农村居民人均可支配收入"
    assert by_year(find(gold("004"), "10352元")) == 2020
    assert by_dimension(clinics) is Dimension.ITEMS
    assert by_dimension(fig("1", "千瓦")) is Dimension.POWER
    assert by_dimension(fig("1", "kelvin")) is None


def test_total_of_households_in_wan() -> None:
    """太原市's 293 + 255 + 956 monitored households total 1504户, or 0.1504万户."""
    ms = gold("000")
    households = [find(ms, t) for t in ("293户", "255户", "956户")]
    t = total(households)
    assert (t.value, t.unit, t.qualifier, t.count) == (Decimal(1504), "户", Qualifier.EXACT, 3)
    assert t.dimension is Dimension.HOUSEHOLDS
    assert [p.text for p in t.provenances] == ["293户", "255户", "956户"]
    assert total(households, unit="万户").value == Decimal("0.1504")


def test_total_of_money_in_yi_yuan() -> None:
    """1.76亿元 + 1.04亿元 of help funds are exactly 2.8亿元."""
    ms = gold("000")
    t = total([find(ms, "1.76亿元"), find(ms, "1.04亿元")], unit="亿元")
    assert (t.value, t.unit) == (Decimal("2.8"), "亿元")


def test_total_of_area_in_hectares() -> None:
    """7千亩 and 8千亩 add to exactly 1000公顷."""
    assert total([fig("7000", "亩"), fig("8000", "亩")], unit="公顷").value == Decimal(1000)


def test_persons_plus_households_raises() -> None:
    """太原市's 2829户 and 7241人 relocated never add up."""
    ms = gold("000")
    with pytest.raises(DimensionMismatchError) as info:
        total([find(ms, "2829户"), find(ms, "7241人")])
    assert str(info.value) == "cannot add '户' and '人': they measure different dimensions"


def test_total_in_a_unit_of_another_dimension_raises() -> None:
    """A total in households cannot be shown in 万人."""
    with pytest.raises(DimensionMismatchError) as info:
        total([fig("293", "户")], unit="万人")
    assert str(info.value) == "cannot convert '户' and '万人': they measure different dimensions"


def test_per_capita_income_refuses_to_sum() -> None:
    """娄烦县's and 阳曲县's per-capita incomes (4881元, 4714元) are not summed."""
    ms = gold("000")
    with pytest.raises(NotAdditiveError) as info:
        total([find(ms, "4881元"), find(ms, "4714元")])
    assert str(info.value) == (
        "indicator '建档立卡贫困人口人均可支配收入 [元]' is not additive across regions (a rate or "
        "per-capita figure); use mean(), minimum() or maximum() instead of total()"
    )


def test_percentages_refuse_to_sum_and_offer_mean() -> None:
    """Rates (%) refuse total() but have a mean, a minimum and a maximum."""
    rates = [fig("96", "%", Qualifier.AT_LEAST), fig("92", "%", Qualifier.AT_LEAST)]
    with pytest.raises(NotAdditiveError):
        total(rates)
    m = mean(rates)
    assert (m.value, m.unit, m.qualifier, m.count) == (Decimal(94), "%", Qualifier.AT_LEAST, 2)
    assert minimum(rates).value == Decimal(92)
    assert maximum(rates).value == Decimal(96)


def test_indicator_decides_additivity() -> None:
    """A resolved indicator overrides the unit and subject heuristics."""
    rate = Indicator("incidence", "贫困发生率", "poverty incidence", "ratio", additive=False)
    count = Indicator("households", "户数", "households", "households", additive=True)
    assert not is_additive(Measurement(value=Decimal(3), unit="户", indicator=rate))
    assert is_additive(Measurement(value=Decimal(3), unit="%", indicator=count))
    assert not is_additive(fig("3.5", "个百分点", subject=None))
    with pytest.raises(NotAdditiveError) as info:
        total([Measurement(value=Decimal(3), unit="户", indicator=rate)])
    assert info.value.indicator == "incidence"


def test_mixed_indicators_refuse_to_sum() -> None:
    """Poverty counties (58个) and poverty villages (7993个) are both items, but never add."""
    counties = Indicator("poverty_counties", "贫困县", "poverty counties", "items", additive=True)
    villages = Indicator("poverty_villages", "贫困村", "poverty villages", "items", additive=True)
    with pytest.raises(MixedIndicatorsError) as info:
        total(
            [
                Measurement(value=Decimal(58), unit="个", indicator=counties),
                Measurement(value=Decimal(7993), unit="个", indicator=villages),
            ]
        )
    assert str(info.value) == (
        "cannot aggregate figures of different indicators: poverty_counties, poverty_villages; "
        "group them with group_by(measurements, by_indicator) first"
    )


@pytest.mark.parametrize(
    ("qualifiers", "expected"),
    [
        ([Qualifier.EXACT, Qualifier.EXACT], Qualifier.EXACT),
        ([Qualifier.EXACT, Qualifier.APPROX], Qualifier.APPROX),
        ([Qualifier.MORE_THAN, Qualifier.APPROX], Qualifier.APPROX),
        ([Qualifier.EXACT, Qualifier.MORE_THAN], Qualifier.MORE_THAN),
        ([Qualifier.AT_LEAST, Qualifier.MORE_THAN], Qualifier.MORE_THAN),
        ([Qualifier.EXACT, Qualifier.AT_LEAST], Qualifier.AT_LEAST),
        ([Qualifier.EXACT, Qualifier.LESS_THAN], Qualifier.LESS_THAN),
        ([Qualifier.AT_MOST, Qualifier.LESS_THAN], Qualifier.LESS_THAN),
        ([Qualifier.AT_MOST, Qualifier.EXACT], Qualifier.AT_MOST),
        ([Qualifier.AT_LEAST, Qualifier.AT_MOST], Qualifier.APPROX),
    ],
)
def test_qualifier_propagation(qualifiers: list[Qualifier], expected: Qualifier) -> None:
    """A sum is exact, approximate, or a lower/upper bound as its addends are."""
    assert total([fig("10", "户", q) for q in qualifiers]).qualifier is expected


def test_seed_more_than_figures_make_a_lower_bound() -> None:
    """2万余户 visited + 293户 monitored would be more than 20293户."""
    ms = gold("000")
    t = total([find(ms, "2万余户"), find(ms, "293户")])
    assert (t.value, t.qualifier) == (Decimal(20293), Qualifier.MORE_THAN)


def test_corrupted_figures_are_skipped_and_reported() -> None:
    """An unreadable figure is never summed: it is listed in Total.skipped."""
    bad = fig("0", "户", corrupted=True)
    t = total([fig("293", "户"), bad, fig("255", "户")])
    assert (t.value, t.count, t.skipped) == (Decimal(548), 2, (bad,))
    with pytest.raises(EmptyAggregationError) as info:
        total([bad])
    assert (
        str(info.value)
        == "total() needs at least one readable figure; got none (1 unreadable skipped)"
    )
    with pytest.raises(EmptyAggregationError):
        mean([])
    with pytest.raises(EmptyAggregationError):
        minimum([bad])


def test_minimum_compares_across_units() -> None:
    """1.5万亩 is more than 9000亩; mixing dimensions cannot be compared."""
    assert minimum([fig("1.5", "万亩"), fig("9000", "亩")]).unit == "亩"
    with pytest.raises(DimensionMismatchError):
        maximum([fig("1", "户"), fig("2", "人")])


# --- reconciliation -------------------------------------------------------------------------


def test_reconcile_drinking_water_is_a_conflict() -> None:
    """解决190万 (seed 001) vs 181.5万 (seed 004, twice) 贫困人口的饮水困难 conflict."""
    [r] = [
        r
        for r in reconcile([*gold("001"), *gold("004")])
        if r.measurements[0].unit == "人" and r.measurements[0].subject == "解决饮水困难的贫困人口"
    ]
    assert r.kind is Discrepancy.CONFLICT
    assert not r.agrees
    assert r.consensus is None
    assert [(v.value, len(v.measurements)) for v in r.variants] == [
        (Decimal(1900000), 1),
        (Decimal(1815000), 2),
    ]
    assert {p.doc for p in r.provenances} == {
        "001_a02f32b729930850.txt",
        "004_4bac74a652b9b693.txt",
    }
    assert r.notes == ("1900000人 conflicts with 1815000人",)


def test_reconcile_dilapidated_housing_is_rounding() -> None:
    """农村危房改造33.3万户 (seed 001) is 33.37万户 (seed 004) cut to one decimal."""
    [r] = [
        r
        for r in reconcile([*gold("001"), *gold("004")])
        if r.measurements[0].subject == "农村危房改造"
    ]
    assert r.kind is Discrepancy.ROUNDING
    assert r.agrees
    assert r.consensus is not None
    assert r.consensus.value == Decimal(333700)
    assert len(r.provenances) == 3
    assert r.notes == (
        "333000户 is 333700户 truncated to 1000户 (the precision it is written with)",
    )


def test_reconcile_village_clinics_is_unit_wording() -> None:
    """新建改建村卫生室13045个 (seed 001) and 13045所 (seed 004, twice) differ only in wording."""
    [r] = [r for r in reconcile([*gold("001"), *gold("004")]) if r.measurements[0].indicator]
    assert r.kind is Discrepancy.UNIT_WORDING
    assert [(v.value, v.unit) for v in r.variants] == [
        (Decimal(13045), "个"),
        (Decimal(13045), "所"),
    ]
    assert r.consensus is not None
    assert r.consensus.unit == "个"
    assert [p.doc[:3] for p in r.provenances] == ["001", "004", "004"]


def test_reconcile_restatements_agree() -> None:
    """A figure repeated in one document merges into one variant with both sources."""
    [r] = reconcile([m for m in gold("004") if m.subject == "农村危房改造"])
    assert r.kind is Discrepancy.NONE
    assert len(r.variants) == 1
    assert len(r.variants[0].provenances) == 2


def test_reconcile_keeps_dimensions_apart() -> None:
    """2829户 and 7241人 of one subject are two statements, not a disagreement."""
    a = fig("2829", "户", subject="易地扶贫搬迁")
    b = fig("7241", "人", subject="易地扶贫搬迁")
    assert reconcile([a, b]) == []
    assert len(reconcile([a, b], include_single=True)) == 2


@pytest.mark.parametrize(
    ("a", "b", "kind"),
    [
        (("190", Qualifier.APPROX), ("185", Qualifier.EXACT), Discrepancy.QUALIFIER),
        (("190", Qualifier.MORE_THAN), ("195", Qualifier.EXACT), Discrepancy.QUALIFIER),
        (("190", Qualifier.MORE_THAN), ("181.5", Qualifier.EXACT), Discrepancy.CONFLICT),
        (("190", Qualifier.LESS_THAN), ("181.5", Qualifier.EXACT), Discrepancy.QUALIFIER),
        (("190", Qualifier.APPROX), ("150", Qualifier.APPROX), Discrepancy.CONFLICT),
        (("190", Qualifier.EXACT), ("190", Qualifier.MORE_THAN), Discrepancy.QUALIFIER),
        (("33.4", Qualifier.EXACT), ("33.37", Qualifier.EXACT), Discrepancy.ROUNDING),
        (("33.3", Qualifier.EXACT), ("33.4", Qualifier.EXACT), Discrepancy.CONFLICT),
    ],
)
def test_reconcile_classes(
    a: tuple[str, Qualifier], b: tuple[str, Qualifier], kind: Discrepancy
) -> None:
    """Qualifiers (约, 余, 不足) reconcile what they allow; rounding needs the written digits."""
    ms = [
        Measurement(
            value=Decimal(v) * 10000,
            unit="人",
            qualifier=q,
            subject="饮水",
            provenance=Provenance("x.txt", Span(0, len(v) + 1), f"{v}万"),
        )
        for v, q in (a, b)
    ]
    [r] = reconcile(ms)
    assert r.kind is kind


def test_reconcile_qualifier_consensus_is_the_exact_figure() -> None:
    """超过190万 and 195万 agree; the exact 195万 is the figure to use."""
    more = fig("1900000", "人", Qualifier.MORE_THAN)
    exact = fig("1950000", "人")
    [r] = reconcile([more, exact])
    assert r.consensus is exact


def test_reconcile_custom_key_and_skips() -> None:
    """A custom key can merge phrasings; unreadable and subject-less figures are left out."""
    a = fig("13045", "个", subject="新建改建卫生室")
    b = fig("13045", "所", subject="新建改建村卫生室")
    assert reconcile([a, b]) == []
    [r] = reconcile(
        [a, b, fig("1", "个", corrupted=True), fig("1", "个", subject=None)],
        key=lambda m: "clinics" if m.subject else None,
    )
    assert r.kind is Discrepancy.UNIT_WORDING


@pytest.mark.parametrize(
    ("text", "value", "numeral", "expected"),
    [
        ("33.3萬(wàn)戶(hù)", "333000", Numeral.ARABIC, Decimal(1000)),
        ("33.37万户", "333700", Numeral.ARABIC, Decimal(100)),
        ("１３０４５所", "13045", Numeral.ARABIC, Decimal(1)),
        ("2.3亿元", "230000000", Numeral.ARABIC, Decimal(10000000)),
        ("三万", "30000", Numeral.CHINESE, Decimal(10000)),
        ("两个", "2", Numeral.CHINESE, Decimal(1)),
    ],
)
def test_written_precision(text: str, value: str, numeral: Numeral, expected: Decimal) -> None:
    """The precision is one unit of the last written digit, multiplier included."""
    m = Measurement(
        value=Decimal(value),
        unit="户",
        numeral=numeral,
        provenance=Provenance("x.txt", Span(0, len(text)), text),
    )
    assert written_precision(m) == expected


def test_written_precision_without_text() -> None:
    """Without a text the Decimal's exponent tells; an unreadable figure has none."""
    assert written_precision(fig("11.5", "%")) == Decimal("0.1")
    assert written_precision(fig("329", "人")) == Decimal(1)
    with pytest.raises(AggregationError):
        written_precision(fig("0", "人", corrupted=True))


# --- roll-up --------------------------------------------------------------------------------


def _relocated(region: Region, households: int) -> Measurement:
    m = Measurement(value=Decimal(households), unit="户", subject="易地扶贫搬迁户数")
    return in_regions(m, region)


def test_roll_up_counties_to_taiyuan() -> None:
    """娄烦县 + 阳曲县 (illustrative split) add up to 太原市's reported 2829户 (seed 000)."""
    taiyuan = find(gold("000"), "2829户")
    figures = [_relocated(LOUFAN, 1800), _relocated(YANGQU, 1029), taiyuan]
    r = roll_up(figures, TAIYUAN, children_of=children_of)
    assert r.total is not None
    assert (r.total.value, r.total.unit, r.total.count) == (Decimal(2829), "户", 2)
    assert r.present == (YANGQU, LOUFAN)
    assert len(r.missing) == 8
    assert r.coverage == Decimal("0.2")
    assert not r.complete
    assert r.reported is taiyuan
    assert (r.difference, r.relative_difference) == (Decimal(0), Decimal(0))


def test_roll_up_reports_difference() -> None:
    """Children adding to less than the parent figure show a negative difference."""
    figures = [_relocated(LOUFAN, 1800), _relocated(TAIYUAN, 2000)]
    r = roll_up(figures, TAIYUAN, children_of=children_of, unit="万户")
    assert r.total is not None
    assert (r.total.value, r.total.unit) == (Decimal("0.18"), "万户")
    assert (r.difference, r.relative_difference) == (Decimal("-0.02"), Decimal("-0.1"))


def test_roll_up_is_recursive() -> None:
    """With every county of 太原市 present, their sum stands in for the city in Shanxi's."""
    figures = [_relocated(c, 10) for c in TAIYUAN_COUNTIES]
    r = roll_up(figures, SHANXI, children_of=children_of)
    assert r.total is not None
    assert (r.total.value, r.total.count, r.complete) == (Decimal(100), 10, True)
    assert r.present == (TAIYUAN,)
    assert r.parts[0].parent == TAIYUAN
    assert roll_up(figures, SHANXI, children_of=children_of, recursive=False).missing == (TAIYUAN,)


def test_roll_up_with_no_child_figure() -> None:
    """No child figure: no total, every child missing, coverage 0."""
    r = roll_up([_relocated(TAIYUAN, 2829)], TAIYUAN, children_of=children_of)
    assert r.total is None
    assert r.coverage == 0
    assert r.reported is not None
    assert roll_up([], LOUFAN, children_of=children_of).coverage == 1


def test_roll_up_refuses_per_capita_income() -> None:
    """Per-capita incomes of 娄烦县 and 阳曲县 (2016) do not roll up to 太原市."""
    ms = gold("000")
    with pytest.raises(NotAdditiveError):
        roll_up([find(ms, "4881元"), find(ms, "4714元")], TAIYUAN, children_of=children_of)


def test_roll_up_ambiguous_child() -> None:
    """Two different figures for one county must be reconciled first; restatements are fine."""
    with pytest.raises(AmbiguousFigureError) as info:
        roll_up(
            [_relocated(LOUFAN, 1800), _relocated(LOUFAN, 1700)], TAIYUAN, children_of=children_of
        )
    assert str(info.value) == (
        "娄烦县 has 2 different figures (1800户, 1700户); reconcile() them and keep one"
    )
    r = roll_up(
        [_relocated(LOUFAN, 1800), _relocated(LOUFAN, 1800)], TAIYUAN, children_of=children_of
    )
    assert r.total is not None
    assert r.total.value == Decimal(1800)


def test_roll_up_with_the_gazetteer() -> None:
    """By default the children come from the gazetteer (shanxi_poverty.regions)."""
    regions = pytest.importorskip("shanxi_poverty.regions")
    g = regions.load_gazetteer()
    taiyuan, loufan = g.get("太原市"), g.get("娄烦县")
    r = roll_up([_relocated(loufan, 1800)], taiyuan)
    assert r.total is not None
    assert r.present == (loufan,)
    assert len(r.missing) == 9


def test_roll_up_without_gazetteer(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without children_of and without a gazetteer the error says what to pass."""
    monkeypatch.setitem(sys.modules, "shanxi_poverty.regions", None)
    with pytest.raises(AggregationError) as info:
        roll_up([], TAIYUAN)
    assert "no children_of given" in str(info.value)


# --- growth ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("doc", "start", "end", "stated", "computed"),
    [
        ("004", "4875元", "10352元", "11.4%", "11.36"),
        ("004", "2166元", "9729元", "23.9%", "23.94"),
        ("001", "4875元", "9379元", "11.5%", "11.52"),
    ],
)
def test_seed_growth_claims_are_consistent(
    doc: str, start: str, end: str, stated: str, computed: str
) -> None:
    """The seeds' 年均增长 rates agree with their start and end incomes."""
    ms = gold(doc)
    check = check_growth_claim(find(ms, start), find(ms, end), find(ms, stated))
    assert check.consistent
    assert check.computed.quantize(Decimal("0.01")) == Decimal(computed)
    assert check.tolerance == Decimal("0.05")
    assert check.low < check.computed < check.high
    assert abs(check.difference) < check.tolerance


def test_growth_claim_as_decimal_and_inconsistent() -> None:
    """12.0% and 11.0% do not fit 4875元 → 10352元 in seven years; a bare 11% (±0.5) does."""
    ms = gold("004")
    start, end = find(ms, "4875元"), find(ms, "10352元")
    check = check_growth_claim(start, end, Decimal("12.0"))
    assert not check.consistent
    assert check.years == 7
    assert not check_growth_claim(start, end, Decimal("11.0")).consistent
    assert check_growth_claim(start, end, Decimal(11)).consistent
    assert check_growth_claim(start, end, Decimal("11.0"), tolerance=Decimal("0.4")).consistent


def test_growth_claim_bounds() -> None:
    """超过10% is a lower bound: 11.36% satisfies it; 不足10% does not."""
    ms = gold("004")
    start, end = find(ms, "4875元"), find(ms, "10352元")
    assert check_growth_claim(start, end, fig("10", "%", Qualifier.MORE_THAN)).consistent
    assert not check_growth_claim(start, end, fig("10", "%", Qualifier.LESS_THAN)).consistent


def test_growth_errors() -> None:
    """Growth needs readable positive figures with increasing years."""
    start = Measurement(value=Decimal(4875), unit="元", time=TimeReference(year=2013))
    no_year = Measurement(value=Decimal(10352), unit="元")
    with pytest.raises(AggregationError) as info:
        check_growth_claim(start, no_year, Decimal("11.4"))
    assert str(info.value) == "the end figure 10352元 has no year"
    with pytest.raises(AggregationError):
        check_growth_claim(start, fig("0", "元", corrupted=True), Decimal("11.4"))
    with pytest.raises(AggregationError):
        check_growth_claim(start, start, fig("0", "%", corrupted=True))
    with pytest.raises(AggregationError):
        cagr(Decimal(1), 2020, Decimal(2), 2020)
    with pytest.raises(AggregationError):
        cagr(Decimal(0), 2013, Decimal(2), 2020)


def test_cagr_is_exact_for_doubling() -> None:
    """Doubling in one year is 100 %; 1 → 4 in two years is 100 % a year."""
    assert cagr(Decimal(1), 2019, Decimal(2), 2020) == Decimal(100)
    assert cagr(Decimal(1), 2018, Decimal(4), 2020) == Decimal(100)


# --- conversion and export ------------------------------------------------------------------


def test_to_unit_and_to_base() -> None:
    """2.3亿元 is 23000万元; a Total converts too; 1.5万亩 is 10⁷ m²."""
    yuan = find(gold("000"), "2.3亿元")
    assert to_unit(yuan, "万元") == Decimal(23000)
    t = Total(Decimal(2829), "户", Qualifier.EXACT, Dimension.HOUSEHOLDS, 1)
    assert to_unit(t, "万户") == Decimal("0.2829")
    assert to_base(fig("1.5", "万亩")) == (Decimal(10000000), "meter ** 2")
    assert to_base(fig("96", "%")) == (Decimal("0.96"), "dimensionless")
    with pytest.raises(DimensionMismatchError):
        to_unit(yuan, "户")
    with pytest.raises(AggregationError):
        to_unit(fig("0", "元", corrupted=True), "元")


def test_to_records_uses_serialize() -> None:
    """Records are serialize.to_record's flat dicts."""
    [rec] = to_records([find(gold("001"), "33.3萬(wàn)戶(hù)")])
    assert (rec["value"], rec["unit"], rec["region"], rec["text"]) == (
        333000,
        "户",
        "山西省",
        "33.3萬(wàn)戶(hù)",
    )


def test_to_dataframe() -> None:
    """One row per figure, the record fields as columns."""
    pytest.importorskip("pandas")
    df = to_dataframe(gold("004"))
    assert len(df) == len(gold("004"))
    assert list(df.columns[:5]) == ["doc", "text", "start", "end", "value"]


def test_to_dataframe_without_pandas(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without pandas the error names the extra to install."""
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ImportError) as info:
        to_dataframe([])
    assert str(info.value) == "to_dataframe() needs pandas: pip install shanxi-poverty[pandas]"


def test_new_errors_pickle() -> None:
    """The aggregation errors survive a pickle round trip."""
    for exc in (
        EmptyAggregationError("total", 2),
        MixedIndicatorsError(("a", "b")),
        AmbiguousFigureError("娄烦县", ("1800户", "1700户")),
    ):
        again = pickle.loads(pickle.dumps(exc))  # noqa: S301 - our own object
        assert str(again) == str(exc)
        assert type(again) is type(exc)


def test_written_precision_falls_back_when_text_disagrees() -> None:
    """A text whose digits are not the value (1,234; 0) falls back to the value's exponent."""
    for text, value in (("1,234户", "1234"), ("0户", "0"), ("5户", "0")):
        m = Measurement(
            value=Decimal(value),
            unit="户",
            provenance=Provenance("x.txt", Span(0, len(text)), text),
        )
        assert written_precision(m) == Decimal(1)


def test_reconcile_leaves_out_figures_without_subject() -> None:
    """With the default key, a figure naming nothing is not compared."""
    assert reconcile([fig("1", "个", subject=None), fig("2", "个", subject=None)]) == []


def test_roll_up_ignores_joint_figures_and_refuses_mixed_dimensions() -> None:
    """A figure for 娄烦县、阳曲县 jointly is no county's; 户 and 人 for one county do not mix."""
    joint = in_regions(fig("2829", "户"), LOUFAN, YANGQU)
    assert roll_up([joint], TAIYUAN, children_of=children_of).total is None
    with pytest.raises(DimensionMismatchError) as info:
        roll_up(
            [_relocated(LOUFAN, 1800), in_regions(fig("7241", "人"), LOUFAN)],
            TAIYUAN,
            children_of=children_of,
        )
    assert str(info.value) == "cannot roll up '户' and '人': they measure different dimensions"

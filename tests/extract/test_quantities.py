"""The quantity scanner on real snippets of the seeds, one rule at a time."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, cast

import attrs
import pytest

from shanxi_poverty import parse_document
from shanxi_poverty.document import Damage, Document, Duplicate, OffsetMap, TextBuilder
from shanxi_poverty.extract import (
    Exclusion,
    ExclusionReason,
    Mention,
    extract,
    extract_mentions,
    scan,
)
from shanxi_poverty.model import Measurement, Numeral, Qualifier, Span


def _mentions(text: str) -> list[Mention]:
    return extract_mentions(Document.from_text(text, name="t.txt"))


def _one(text: str) -> Mention:
    found = _mentions(text)
    assert len(found) == 1, [m.text for m in found]
    return found[0]


def _summary(text: str) -> list[tuple[str, str | None, str, str]]:
    return [
        (
            m.text,
            None if m.measurement.value is None else str(m.measurement.value),
            m.measurement.unit,
            m.measurement.qualifier.value,
        )
        for m in _mentions(text)
    ]


@pytest.mark.parametrize(
    ("text", "span", "value", "unit", "written"),
    [
        ("全市累计20104户全部脱贫", "20104户", "20104", "户", "户"),
        ("我市投入资金2.3亿元", "2.3亿元", "230000000", "元", "亿元"),
        ("民企投资39.4亿元", "39.4亿元", "3940000000", "元", "亿元"),
        ("新建改建农村公路4.28万公里", "4.28万公里", "42800", "公里", "万公里"),
        ("清理垃圾121.7万吨", "121.7万吨", "1217000", "吨", "万吨"),
        ("黄河流域防护林7千亩", "7千亩", "7000", "亩", "千亩"),
        ("经济林1.5万亩", "1.5万亩", "15000", "亩", "万亩"),
        ("惠及185.67万人次", "185.67万人次", "1856700", "人次", "万人次"),
        ("集中供水率99.24%", "99.24%", "99.24", "%", "%"),
        ("比上年提高3.5个百分点", "3.5个百分点", "3.5", "个百分点", "个百分点"),
        ("收入增长2倍", "2倍", "2", "倍", "倍"),
        ("共有55992名建档立卡贫困人口", "55992名", "55992", "名", "名"),
        ("全部参保30964口", "30964口", "30964", "口", "口"),
        ("完成581.6亩", "581.6亩", "581.6", "亩", "亩"),
        ("环村、环厂千亩林带全面建成", "千亩", "1000", "亩", "亩"),
        ("培训班为期7天", "7天", "7", "天", "天"),
        ("培训班为期7\n\n天", "7\n\n天", "7", "天", "天"),
        ("年收入１２０００元", "１２０００元", "12000", "元", "元"),
        ("两个贫困县全部摘帽", "两个", "2", "个", "个"),
        ("娄烦、阳曲两县农村居民", "两县", "2", "县", "县"),
        ("每年培养十万软件人才", "十万", "100000", "人", "人"),
        ("支持一万人创业", "一万人", "10000", "人", "人"),
        ("卢振花已经70多岁了", "70多岁", "70", "岁", "岁"),
        ("个人自付比例控制在百分之十以内", "百分之十", "10", "%", "%"),
        ("发放扶贫小额贷款3.2万笔", "3.2万笔", "32000", "笔", "万笔"),
        ("投放鱼苗10万尾", "10万尾", "100000", "尾", "万尾"),
        ("办理土地流转120宗", "120宗", "120", "宗", "宗"),
        # 千瓦 and 千米 are units of their own, not 千 × 瓦
        ("总装机容量8.5万千瓦", "8.5万千瓦", "85000", "千瓦", "万千瓦"),
        ("电站装机300千瓦", "300千瓦", "300", "千瓦", "千瓦"),
        ("硬化道路120千米", "120千米", "120", "公里", "千米"),
        # thousands grouped by a space or a thin space, after a first group of 1-3 digits
        ("人均可支配收入12 345元", "12 345元", "12345", "元", "元"),
        ("资金1\u2009234.5万元", "1\u2009234.5万元", "12345000", "元", "万元"),
        ("2020 123人", "123人", "123", "人", "人"),
        ("共1 2345人", "2345人", "2345", "人", "人"),
    ],
)
def test_value_unit_and_span(text: str, span: str, value: str, unit: str, written: str) -> None:
    """Span runs from the number to the unit, value is expanded, unit is the simplified label."""
    m = _one(text)
    assert m.text == span
    assert m.measurement.value == Decimal(value)
    assert m.measurement.unit == unit
    assert m.unit_written == written
    assert text[m.start : m.end] == span


@pytest.mark.parametrize(
    ("text", "span", "value", "qualifier"),
    [
        ("走访贫困户2万余户", "2万余户", "20000", Qualifier.MORE_THAN),
        ("有机芦笋种植基地1000多亩", "1000多亩", "1000", Qualifier.MORE_THAN),
        ("投入资金7亿余元", "7亿余元", "700000000", Qualifier.MORE_THAN),
        ("收入20多万元", "20多万元", "200000", Qualifier.MORE_THAN),
        ("收集群众意见建议超过10万条", "10万条", "100000", Qualifier.MORE_THAN),
        ("九年义务教育巩固率超100%", "100%", "100", Qualifier.MORE_THAN),
        ("入园率达96%以上", "96%", "96", Qualifier.AT_LEAST),
        ("不少于50种药品", "50种", "50", Qualifier.AT_LEAST),
        ("累计培训近5000人次", "5000人次", "5000", Qualifier.APPROX),
        ("涉及金额约3013万元", "3013万元", "30130000", Qualifier.APPROX),
        ("高于市场平均价14%左右", "14%", "14", Qualifier.APPROX),
        ("比例控制在10%以内", "10%", "10", Qualifier.AT_MOST),
        ("不超过5天", "5天", "5", Qualifier.AT_MOST),
        ("覆盖率不足60%", "60%", "60", Qualifier.LESS_THAN),
        ("劳务用工达到了200多人左右", "200多人", "200", Qualifier.MORE_THAN),
        ("比2020年全年就业人数多4457人", "4457人", "4457", Qualifier.EXACT),
        ("绿化率达47%", "47%", "47", Qualifier.EXACT),
        ("最近3个月", "3个月", "3", Qualifier.EXACT),
        ("签约3个项目", "3个", "3", Qualifier.EXACT),
        ("就近安置3000人", "3000人", "3000", Qualifier.EXACT),
        ("贫困发生率低于1%", "1%", "1", Qualifier.LESS_THAN),
        ("上万人参与", "万人", "10000", Qualifier.AT_LEAST),
        # a word of two characters or more stands whatever comes before it (贴 of 补贴)
        ("每人每月补贴不低于500元", "500元", "500", Qualifier.AT_LEAST),
        ("两项补贴超过9万人", "9万人", "90000", Qualifier.MORE_THAN),
        ("贴近3000人", "3000人", "3000", Qualifier.EXACT),
    ],
)
def test_qualifiers(text: str, span: str, value: str, qualifier: Qualifier) -> None:
    """余/多 inside the span, words before and after it outside the span, set the qualifier."""
    m = _one(text)
    assert (m.text, m.measurement.value, m.measurement.qualifier) == (
        span,
        Decimal(value),
        qualifier,
    )


@pytest.mark.parametrize(
    ("text", "span", "value", "unit"),
    [
        ("标准下329万农村贫困人口全部脱贫", "329万", "3290000", "人"),
        ("共宣传发动72.3万农户", "72.3万", "723000", "户"),
        ("拨付300万专项资金", "300万", "3000000", "元"),
        ("带动91.8万脱贫劳动力外出务工", "91.8万", "918000", "人"),
        ("已评选出8万余星级文明户", "8万余", "80000", "户"),
        ("11万确需同步搬迁的农户人口", "11万", "110000", "人"),
        ("1.96万农村第一书记奋战在帮扶第一线", "1.96万", "19600", "人"),
    ],
)
def test_implied_unit(text: str, span: str, value: str, unit: str) -> None:
    """A bare 万-number takes its unit from the noun after it; the span is what is written."""
    m = _one(text)
    assert (m.text, m.measurement.value, m.measurement.unit) == (span, Decimal(value), unit)
    assert m.implied_unit


def test_implied_unit_with_qualifier_after() -> None:
    """A qualifier word between the number and the noun still applies (74万左右贫困人口)."""
    m = _one("74万左右贫困人口脱贫")
    assert (m.text, m.measurement.unit, m.measurement.qualifier) == ("74万", "人", Qualifier.APPROX)


def test_implied_unit_from_noun_before() -> None:
    """A 万-number ending its phrase takes the unit of the nearest noun before it in the clause."""
    assert _summary("贫困人口从329万减少到25.5万,全县人口46万。共投入资金3000万") == [
        ("329万", "3290000", "人", "exact"),
        ("25.5万", "255000", "人", "exact"),
        ("46万", "460000", "人", "exact"),
        ("3000万", "30000000", "元", "exact"),
    ]


def test_implied_unit_needs_multiplier() -> None:
    """A bare number without 万/亿 before a noun is not a figure (no unit, no multiplier)."""
    assert _mentions("人均500树") == []


def test_lists() -> None:
    """Mentions of one enumeration share a list id and keep their own units."""
    found = _mentions("完成2829户、7241人的搬迁任务")
    assert [(m.text, m.list_id, m.list_index) for m in found] == [
        ("2829户", 1, 0),
        ("7241人", 1, 1),
    ]


def test_respectively_gives_four_figures() -> None:
    """分别由2016年的4881元、4714元增长至2020年的10982元、10783元: four figures, two lists."""
    text = "人均可支配收入分别由2016年的4881元、4714元增长至2020年的10982元、10783元"
    found = _mentions(text)
    assert [(m.text, m.list_id, m.list_index) for m in found] == [
        ("4881元", 1, 0),
        ("4714元", 1, 1),
        ("10982元", 2, 0),
        ("10783元", 2, 1),
    ]


def test_range() -> None:
    """2至3个: low end '2' (at_least, implied 个) and high end '3个' (at_most), one range id."""
    low, high = _mentions("58个贫困县均培育2至3个脱贫主导产业")[1:]
    assert (low.text, low.measurement.value, low.measurement.unit) == ("2", Decimal(2), "个")
    assert low.measurement.qualifier is Qualifier.AT_LEAST
    assert low.implied_unit
    assert (high.text, high.measurement.value, high.measurement.qualifier) == (
        "3个",
        Decimal(3),
        Qualifier.AT_MOST,
    )
    assert low.measurement.range_id == high.measurement.range_id is not None
    assert low.list_id is None


def test_range_shares_multiplier() -> None:
    """2至3万人: the low end takes the multiplier of the high end."""
    low, high = _mentions("惠及2至3万人")
    assert (low.measurement.value, high.measurement.value) == (Decimal(20000), Decimal(30000))


def test_numeral_kind() -> None:
    """Digits give numeral 'arabic', Chinese numerals only give 'chinese'."""
    a, b = _mentions("160个贫困村,两个贫困县")
    assert (a.measurement.numeral, b.measurement.numeral) == (Numeral.ARABIC, Numeral.CHINESE)


@pytest.mark.parametrize(
    ("text", "reason", "excluded"),
    [
        ("贫困地区农民人均可支配收入从2013年的4875元", ExclusionReason.YEAR, "2013"),
        ("2016-2020年", ExclusionReason.YEAR, "2016"),
        ("二〇二一年", ExclusionReason.YEAR, "二〇二一"),
        ("5月20日,省政府新闻办召开发布会", ExclusionReason.DATE, "5月20日"),
        ("九月的并州,五谷丰熟", ExclusionReason.DATE, "九月"),
        ("五年前,张云娥来到石板上村", ExclusionReason.DATE, "五年前"),
        ("2021-01-20 10:34:19 来源:山西日报", ExclusionReason.DATE, "2021-01-20 10:34:19"),
        ("发布时间 10:34", ExclusionReason.TIME, "10:34"),
        ("表1 衔接资金（单位：万元）", ExclusionReason.OTHER, "万"),
        ("在22个省级重点帮扶县中名列第6", ExclusionReason.ORDINAL, "第6"),
        ("选派第一书记和工作队", ExclusionReason.ORDINAL, "第一"),
        ("全面建设社会主义现代化国家、向第二个百年奋斗目标进军", ExclusionReason.ORDINAL, "第二"),
        ("一是在过渡期保持主要帮扶政策总体稳定,二是持续巩固", ExclusionReason.ORDINAL, "二是"),
        ("“两不愁三保障”全面实现", ExclusionReason.NAME_OR_SLOGAN, "两不愁三保障"),
        ("落实“四个不摘”要求", ExclusionReason.NAME_OR_SLOGAN, "四个不摘"),
        ("党的十八大以来", ExclusionReason.NAME_OR_SLOGAN, "十八大"),
        ("“五级书记”抓扶贫", ExclusionReason.NAME_OR_SLOGAN, "五级书记"),
        ("健康扶贫“三保险三救助”惠及", ExclusionReason.NAME_OR_SLOGAN, "三保险三救助"),
        ("农村人居环境“六乱”整治", ExclusionReason.NAME_OR_SLOGAN, "六乱"),
        ("全面推进乡村五大振兴", ExclusionReason.NAME_OR_SLOGAN, "五大"),
        ("实施一县一策", ExclusionReason.NAME_OR_SLOGAN, "一县一策"),
        ("五进九销深化消费扶贫", ExclusionReason.NAME_OR_SLOGAN, "五进九销"),
        ("创建“三零”村达标", ExclusionReason.NAME_OR_SLOGAN, "三零"),
        ("“五有”机制", ExclusionReason.NAME_OR_SLOGAN, "五有"),
        ("按照一村一队、一队三人要求", ExclusionReason.NAME_OR_SLOGAN, "一队三人"),
        ("重点布局八大工程", ExclusionReason.NAME_OR_SLOGAN, "八大"),
        ("一盘棋", ExclusionReason.NAME_OR_SLOGAN, "一盘棋"),
        ("“十四五”时期", ExclusionReason.PLAN_PERIOD, "十四五"),
        ("制定十三五脱贫攻坚规划", ExclusionReason.PLAN_PERIOD, "十三五"),
        ("脱贫攻坚任务十分繁重", ExclusionReason.ADVERB, "十分"),
        ("一些地方", ExclusionReason.ADVERB, "一些"),
        ("统一战线", ExclusionReason.ADVERB, "统一"),
        ("城乡一体", ExclusionReason.ADVERB, "一体"),
        ("沁县作为一个农业县", ExclusionReason.ADVERB, "一"),
        (
            "详见http://finews.zning.xyz/NewsShare.html?infoCode=NW202201102242171631",
            ExclusionReason.URL_OR_ID,
            "NW202201102242171631",
        ),
        ("咨询电话0351-4040123", ExclusionReason.PHONE, "0351-4040123"),
        ("手机13912345678", ExclusionReason.PHONE, "13912345678"),
        ("本报第3版", ExclusionReason.PAGE, "第3版"),
        ("奋斗百年路", ExclusionReason.NAME_OR_SLOGAN, "百年"),
        ("五年夺取新胜利", ExclusionReason.OTHER, "五"),
    ],
)
def test_exclusions(text: str, reason: ExclusionReason, excluded: str) -> None:
    """Dates, years, times, ordinals, names, plans, adverbs, URLs, phones, pages are not figures."""
    result = scan(Document.from_text(text))
    assert result.mentions == () or all(excluded not in m.text for m in result.mentions)
    hits = [e for e in result.exclusions if excluded in e.text or e.text in excluded]
    assert hits, result.exclusions
    assert hits[0].reason is reason


def test_every_numeral_run_is_accounted_for() -> None:
    """Each numeral run lies inside a mention or an exclusion."""
    text = "2016年,我省制定“十三五”规划,重点布局八大工程,58个贫困县均培育2至3个产业,一些村"
    result = scan(Document.from_text(text))
    spans = [(m.start, m.end) for m in result.mentions] + [
        (e.start, e.end) for e in result.exclusions
    ]
    for i, ch in enumerate(text):
        if ch.isdigit() or ch in "一二两三四五六七八九十百千万亿":
            assert any(lo <= i < hi for lo, hi in spans), (i, ch)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("连续5年大幅增长", [("5年", "5", "年", "exact")]),
        ("5年来,我省坚决贯彻", [("5年", "5", "年", "exact")]),
        ("近五年来", [("五年", "5", "年", "approx")]),
        ("八年精准扶贫", []),
        ("2020年全年", []),
    ],
)
def test_durations_in_years_need_a_cue(
    text: str, expected: list[tuple[str, str, str, str]]
) -> None:
    """N年 is a duration only with a cue (连续, 为期, 近, …来); otherwise a year or a set phrase."""
    assert _summary(text) == expected


def test_chinese_counts() -> None:
    """Chinese-numeral counts with a classifier are figures; 一 + classifier is an article."""
    assert _summary("社会扶贫、对口帮扶四项工作;一个普通小山村;七个问题") == [
        ("四项", "4", "项", "exact"),
        ("七个", "7", "个", "exact"),
    ]


# Document's tuple fields use ``converter=tuple``, which mypy's attrs plugin types as
# ``Iterable[_T_co]`` with the type variable unsolved: the casts below work around it.


def _damaged_doc() -> Document:
    raw = "下撥?6萬元資金"
    builder = TextBuilder(raw)
    builder.replace("下拨?6万元资金", 0, len(raw))
    text, _ = builder.build()
    offsets = OffsetMap.identity(len(raw))
    damage: tuple[Damage, ...] = (Damage(Span(2, 3), "mojibake"),)
    return attrs.evolve(Document("d.txt", raw, text, offsets), damage=cast("Any", damage))


def test_damage_marks_corrupted() -> None:
    """A figure touching damaged text is corrupted with no value; its unit is kept."""
    (m,) = extract_mentions(_damaged_doc())
    assert m.text == "6萬元"
    assert m.measurement.corrupted
    assert m.measurement.value is None
    assert m.measurement.unit == "元"


def test_damage_drop() -> None:
    """errors='drop' leaves damaged figures out and records them as damaged exclusions."""
    result = scan(_damaged_doc(), errors="drop")
    assert result.mentions == ()
    assert [e.reason for e in result.exclusions] == [ExclusionReason.DAMAGED]


def test_confident_repair_keeps_value() -> None:
    """A figure next to damage that was repaired with certainty keeps its value."""
    doc = _damaged_doc()
    damage: tuple[Damage, ...] = (Damage(Span(2, 3), "mojibake", repair="拨", confident=True),)
    repaired = attrs.evolve(doc, damage=cast("Any", damage))
    (m,) = extract_mentions(repaired)
    assert (m.measurement.corrupted, m.measurement.value) == (True, Decimal(60000))


def test_layout_duplicates_flagged_and_skipped() -> None:
    """A figure in a layout copy is flagged duplicate and left out of extract()."""
    text = "建设300个示范村。建设300个示范村。"
    duplicates: tuple[Duplicate, ...] = (Duplicate(Span(9, 18), Span(0, 9)),)
    doc = attrs.evolve(Document.from_text(text, name="dup.txt"), duplicates=cast("Any", duplicates))
    mentions = extract_mentions(doc)
    assert [m.duplicate for m in mentions] == [False, True]
    assert len(extract(doc)) == 1


def test_raw_span_maps_through_normalisation() -> None:
    """Spans are found in the normalised text and reported in the raw text."""
    raw = "脫貧329萬(wàn)貧困人口"
    builder = TextBuilder(raw)
    builder.replace("脱贫", 0, 2)
    builder.keep(2, 5)
    builder.replace("万", 5, 6)
    builder.drop(6, 11)
    builder.replace("贫困人口", 11, 15)
    text, offsets = builder.build()
    doc = Document("tw.txt", raw, text, offsets)
    (m,) = extract_mentions(doc)
    prov = m.measurement.provenance
    assert prov is not None
    assert prov.text == raw[prov.span.start : prov.span.end] == "329萬"
    assert (m.start, m.end) == (2, 6)
    assert m.measurement.unit == "人"


def test_provenance_fields() -> None:
    """Provenance carries the document name and the article index."""
    (m,) = _mentions("建设300个示范村")
    prov = m.measurement.provenance
    assert prov is not None
    assert (prov.doc, prov.article) == ("t.txt", None)
    assert m.measurement.regions == ()
    assert m.measurement.time.year is None


def test_exclusion_is_frozen() -> None:
    """Exclusions are value objects."""
    e = Exclusion(0, 4, "2013", "year")
    assert e.reason is ExclusionReason.YEAR
    assert hash(e) == hash(Exclusion(0, 4, "2013", ExclusionReason.YEAR))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "分别为3、5和7个",
            [("3", "3", "个", "exact"), ("5", "5", "个", "exact"), ("7个", "7", "个", "exact")],
        ),
        (
            "分别增长12、15万元",
            [("12", "120000", "元", "exact"), ("15万元", "150000", "元", "exact")],
        ),
        ("数十个村", []),
        ("投资数百万元", []),
        ("参保缴费人数136298人", [("136298人", "136298", "人", "exact")]),
        ("上万人参与", [("万人", "10000", "人", "at_least")]),
        ("全县10万人口", [("10万人口", "100000", "人", "exact")]),
        ("小寨村三家村五台山", []),
        ("建成3片、一片林", [("3片", "3", "片", "exact")]),
        ("一笔资金到位，首尾相连", []),  # 笔 and 尾 count after digits only
        # …or after 余/多, which make the numeral a count
        ("结成一对一帮扶对子三千余对", [("三千余对", "3000", "对", "more_than")]),
        ("发放两千多笔贷款", [("两千多笔", "2000", "笔", "more_than")]),
        ("结成帮扶对子3000对", [("3000对", "3000", "对", "exact")]),
        ("一对夫妻", []),
        ("共识别2000对象", []),
        # a Chinese decimal point
        ("人均增收达百分之十五点五", [("百分之十五点五", "15.5", "%", "exact")]),
        ("投资三点五亿元", [("三点五亿元", "350000000", "元", "exact")]),
        ("收入一点二万元", [("一点二万元", "12000", "元", "exact")]),
        ("增长十五点五个百分点", [("十五点五个百分点", "15.5", "个百分点", "exact")]),
        ("下午三点五分召开", []),  # a clock time
        ("要好一点，", []),
        ("第1、2名", []),
        ("一、加强领导（二）完善机制", []),
        ("新建改造农村饮水安全工程1.8万处", [("1.8万处", "18000", "处", "exact")]),
        ("培训时长40小时", [("40小时", "40", "小时", "exact")]),
        ("贫困发生率下降三分之一", [("三分之一", str(Decimal(100) / 3), "%", "exact")]),
        ("3.5百分点", [("3.5百分点", "3.5", "个百分点", "exact")]),
        ("5千米", [("5千米", "5", "公里", "exact")]),
    ],
)
def test_more_rules(text: str, expected: list[tuple[str, str, str, str]]) -> None:
    """Bare-number lists, vague numerals, 上万, 人口, place names, list markers, fractions."""
    assert _summary(text) == expected


def test_bare_list_shares_list_id() -> None:
    """Bare numbers of a list take the unit of the last one and share its list id."""
    found = _mentions("分别为3、5和7个")
    assert {m.list_id for m in found} == {1}
    assert [m.implied_unit for m in found] == [True, True, False]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "贫困发生率由2013年底的13.6%降至2019年底的0.3%",
            [("13.6%", "13.6", "%", "exact"), ("0.3%", "0.3", "%", "exact")],
        ),
        ("高于城镇居民2.1个百分点", [("2.1个百分点", "2.1", "个百分点", "exact")]),
        ("光伏扶贫电站装机容量约300万千瓦", [("300万千瓦", "3000000", "千瓦", "approx")]),
        ("10余万人受益", [("10余万人", "100000", "人", "more_than")]),
        (
            "万余人参加,百余家企业",
            [("万余人", "10000", "人", "more_than"), ("百余家", "100", "家", "more_than")],
        ),
        ("收入增长了近一倍", [("一倍", "1", "倍", "approx")]),
        ("1至10月,全省新增就业5.1万人", [("5.1万人", "51000", "人", "exact")]),
        ("已完成投资的85％", [("85％", "85", "%", "exact")]),
        ("面积966 平方公里", [("966 平方公里", "966", "平方公里", "exact")]),
        ("肉驴1 万余头", [("1 万余头", "10000", "头", "more_than")]),
        ("截至2017 年底,建成30 个园区", [("30 个", "30", "个", "exact")]),
    ],
)
def test_news_phrasings(text: str, expected: list[tuple[str, str, str, str]]) -> None:
    """Common phrasings of poverty-alleviation reports beyond the seeds."""
    assert _summary(text) == expected


def test_damage_after_unit_keeps_value() -> None:
    """Damage that only begins after the unit leaves the number readable: value kept, flagged."""
    raw = "收入20多萬元?/p>"
    text = "收入20多万元?/p>"
    damage: tuple[Damage, ...] = (Damage(Span(7, 9), "mojibake"),)
    doc = attrs.evolve(
        Document("d.txt", raw, text, OffsetMap.identity(len(raw))), damage=cast("Any", damage)
    )
    (m,) = extract_mentions(doc)
    assert (m.text, m.measurement.corrupted, m.measurement.value) == (
        "20多萬元",
        True,
        Decimal(200000),
    )


def test_adjacent_mentions_form_a_list() -> None:
    """Two figures with nothing between them (233户764人) are one enumeration."""
    found = _mentions("共有建档立卡贫困户233户764人")
    assert [(m.text, m.list_id, m.list_index) for m in found] == [("233户", 1, 0), ("764人", 1, 1)]


def test_table_cells_take_the_unit_of_their_column_header() -> None:
    """A bare number that is a whole cell of a table (tab-separated lines, the first the
    header) takes the unit its column header names in brackets, with its multiplier; the
    header's words are its subject, and the row's place its region."""
    raw = (
        "<html><body><h1>运城市脱贫攻坚工作综述</h1><table>"
        "<tr><th>县名</th><th>脱贫人口（人）</th><th>衔接资金（单位：万元）</th><th>备注</th></tr>"
        "<tr><td>夏县</td><td>65432</td><td>1.5</td><td>12</td></tr>"
        "<tr><td>平陆县</td><td>43,210</td><td></td><td>7</td></tr>"
        "</table><p>全市脱贫12万人。</p></body></html>"
    )
    doc = parse_document(raw, name="page.html")
    found = {m.provenance.text: m for m in extract(doc) if m.provenance}
    assert (found["65432"].value, found["65432"].unit) == (Decimal(65432), "人")
    assert (found["1.5"].value, found["1.5"].unit) == (Decimal(15000), "元")
    assert found["43,210"].value == Decimal(43210)
    assert found["65432"].subject == "脱贫人口"
    assert found["65432"].indicator is not None
    assert [r.name for r in found["65432"].regions] == ["夏县"]
    assert [r.name for r in found["43,210"].regions] == ["平陆县"]
    # a column without a unit in its header gives its numbers none: they stay excluded
    assert "12" not in found
    assert "7" not in found
    assert "12万人" in found


def test_tab_lines_without_unit_headers_give_no_figures() -> None:
    """Tabs alone make no table figure: the header must name a unit."""
    doc = Document.from_text("县名\t人口\n夏县\t65432\n")
    assert [m.text for m in extract_mentions(doc)] == []


def _table(raw: str) -> dict[str, Measurement]:
    doc = parse_document(raw, name="bulletin.txt")
    return {m.provenance.text: m for m in extract(doc) if m.provenance}


def test_plain_text_table_with_caption_and_unit_line() -> None:
    """A table printed as text (cells aligned by spaces, a bulletin exported from PDF): the
    unit line gives one unit per column from the right, the caption the year and topic,
    a padded name (兴  县) is one cell and one county, and a continuation (表2（续）) keeps
    all of them."""
    raw = (
        "吕梁市2020年国民经济和社会发展统计公报\n\n"
        "全市农村居民收入较快增长。\n\n"
        "表2  2020年贫困县（区）农村居民人均可支配收入\n\n"
        "                                   单位：元、%\n"
        "    县（区）           人均可支配收入          比上年增长\n"
        "    离石区                 12,456                   7.1\n"
        "    兴  县                  8,912                   8.9\n\n"
        "                                 — 5 —\n"
        "                                   表2（续）\n"
        "    县（区）           人均可支配收入          比上年增长\n"
        "    岚  县                  9,870                   9.1\n\n"
        "    注：贫困县合计为10个贫困县农村住户抽样调查数据加权汇总结果。\n"
    )
    found = _table(raw)
    rows = [(t, found[t].value, found[t].unit, found[t].year) for t in ("12,456", "7.1", "9,870")]
    assert rows == [
        ("12,456", Decimal(12456), "元", 2020),
        ("7.1", Decimal("7.1"), "%", 2020),
        ("9,870", Decimal(9870), "元", 2020),
    ]
    assert [r.name for r in found["8,912"].regions] == ["兴县"]
    assert [r.name for r in found["9.1"].regions] == ["岚县"]
    assert found["12,456"].indicator is not None
    assert found["12,456"].indicator.id == "rural_income"


def test_table_header_and_row_years() -> None:
    """A column header naming a year dates its column; a row's year cell dates its row; a
    unit in brackets with no number (（万人）) is no figure."""
    raw = (
        "各县脱贫情况\n"
        "县名\t2019年（人）\t2020年（人）\n夏县\t1234\t567\n\n正文。\n\n"
        "年份   脱贫人口（万人）   贫困发生率（%）\n2016   20.1   10.2\n2017年   25.3   8.1\n"
    )
    found = _table(raw)
    assert [(found[t].value, found[t].year) for t in ("1234", "567", "20.1", "8.1")] == [
        (Decimal(1234), 2019),
        (Decimal(567), 2020),
        (Decimal(201000), 2016),
        (Decimal("8.1"), 2017),
    ]
    assert "万人" not in found


def test_markdown_table() -> None:
    """A Markdown table's rows are table rows; a sentence above gives its year."""
    raw = (
        "下面这张表口径是2021年末：\n\n| 县 | 脱贫人口（人） | 人均收入（元） |\n|---|---|---|\n"
        "| 兴县 | 80712 | 11865 |\n| 临县 | 148356 | 11420 |\n\n六个县里临县最多。\n"
    )
    found = _table(raw)
    assert [(found[t].unit, found[t].year) for t in ("80712", "11420")] == [
        ("人", 2021),
        ("元", 2021),
    ]
    assert [r.name for r in found["148356"].regions] == ["临县"]
    assert found["80712"].subject == "脱贫人口"


@pytest.mark.parametrize(
    ("text", "span", "value", "qualifier"),
    [
        ("种薯销售收入突破420万元", "420万元", "4200000", Qualifier.MORE_THAN),
        ("纳入监测对象一千一百零五人", "一千一百零五人", "1105", Qualifier.EXACT),
        ("人均纯收入达到一万一千三百元", "一万一千三百元", "11300", Qualifier.EXACT),
        # 几 and 来 inside a span: more than ten, about a thousand
        ("车间有十几名妇女务工", "十几名", "10", Qualifier.MORE_THAN),
        ("亩产也就一千来斤", "一千来斤", "1000", Qualifier.APPROX),
        ("增收十几万元", "十几万元", "100000", Qualifier.MORE_THAN),
    ],
)
def test_third_probe_round_figures(text: str, span: str, value: str, qualifier: Qualifier) -> None:
    """突破 is more than; 一千一百 is a number, not a 一X一Y slogan; 几 and 来 between number
    and unit make a figure vague as 余 does."""
    found = {m.text: m for m in _mentions(text)}
    assert (found[span].measurement.value, found[span].measurement.qualifier) == (
        Decimal(value),
        qualifier,
    )


def test_html_table_with_spanning_header() -> None:
    """A header row whose cells span columns (2021年 over 收入 and 增速) gives each column
    its year; the unit row under it lacks the first column (rowspan) and is aligned right."""
    raw = (
        "<html><body><h1>吕梁：脱贫群众收入稳步增长</h1><table>"
        '<tr><td rowspan="2">县（区）</td><td colspan="2">2021年</td>'
        '<td colspan="2">2022年1—6月</td></tr>'
        "<tr><td>人均纯收入（元）</td><td>增速（%）</td><td>人均纯收入（元）</td><td>增速（%）</td></tr>"
        "<tr><td>临县</td><td>11286</td><td>15.3</td><td>5937</td><td>14.6</td></tr>"
        "</table></body></html>"
    )
    found = _table(raw)
    assert [(found[t].unit, found[t].year) for t in ("11286", "15.3", "5937", "14.6")] == [
        ("元", 2021),
        ("%", 2021),
        ("元", 2022),
        ("%", 2022),
    ]
    assert [r.name for r in found["11286"].regions] == ["临县"]


def test_table_under_an_introducing_sentence() -> None:
    """A sentence that introduces the table (…汇总如下。) gives it its year."""
    raw = (
        "数据更新时间：2020-03-10\n\n现将截至2019年底各县脱贫情况汇总如下。\n\n"
        "县（市、区）\t贫困人口（人）\t贫困发生率（%）\n吉县\t18536\t0.15\n"
    )
    found = _table(raw)
    assert [found[t].year for t in ("18536", "0.15")] == [2019, 2019]


def test_case_counts_after_digits_only() -> None:
    """起 counts cases after digits (矛盾纠纷63起), not in 一起 (together)."""
    assert [m.text for m in _mentions("排查化解矛盾纠纷63起，大家一起努力")] == ["63起"]


def test_aligned_row_with_empty_cells_goes_by_display_column() -> None:
    """A row of a table aligned by spaces that leaves cells empty (a 合计 row) puts each
    cell under the header column it stands under, counting a Chinese character as two
    columns wide; a header word that implies a unit (人口) gives its column that unit."""
    raw = (
        "龙泉镇奖补名单公示\n\n"
        "序号  村名      户主姓名  人口  补助金额（元）  备注\n"
        "1     南关村    王建军    4     3000            新栽梨树\n"
        "合计                      52    28100\n\n"
        "公示期7天。\n"
    )
    found = _table(raw)
    assert (found["52"].value, found["52"].unit) == (Decimal(52), "人")
    assert (found["28100"].value, found["28100"].unit) == (Decimal(28100), "元")
    assert (found["3000"].value, found["3000"].unit) == (Decimal(3000), "元")


def test_header_cells_wrapped_over_lines_and_rank_column() -> None:
    """Header cells that wrap onto the next lines (比上年 / 增长) are joined back into one
    header; the units declared per column (元、%) go to the last columns but a rank column
    (增速位次)."""
    raw = (
        "表1　2023年吕梁市脱贫县农村居民人均可支配收入\n"
        "单位：元、%\n"
        "县（市、区）\t人均可支配收入\t比上年\n增长\t增速\n位次\n"
        "全市\t13586\t8.1\t—\n"
        "离石区\t16892\t7.6\t10\n\n"
        "正文。\n"
    )
    found = _table(raw)
    assert (found["16892"].unit, found["16892"].year) == ("元", 2023)
    assert (found["7.6"].unit, found["7.6"].year) == ("%", 2023)
    assert [r.name for r in found["16892"].regions] == ["离石区"]
    assert "10" not in found  # the rank


def test_row_pasted_one_cell_per_line_and_the_total_row() -> None:
    """A row pasted one cell per line is read as a row and the table goes on after it; a
    合计 row (its label padded to its column, 合    计) holds its figures in the columns that
    name a unit, and is of the document's region, not of a county of the rows."""
    raw = (
        "临汾市财政局关于下达资金的通知\n\n全市资金分配如下。\n\n"
        "单位：万元\n"
        "序号\t县（市、区）\t分配金额\t其中：产业发展\t备注\n"
        "1\t古县\t290\t165\t\n"
        "2\n大宁县\n470\n265\n重点帮扶县\n"
        "3\t隰县\t435\t245\t\n"
        "合    计                1195      675\n\n"
        "说明：本表分配金额含产业发展资金。\n"
    )
    found = _table(raw)
    assert (found["470"].value, [r.name for r in found["470"].regions]) == (
        Decimal(4700000),
        ["大宁县"],
    )
    assert [r.name for r in found["435"].regions] == ["隰县"]
    assert (found["1195"].value, found["675"].value) == (Decimal(11950000), Decimal(6750000))
    assert [r.name for r in found["1195"].regions] == ["临汾市"]


def test_taiwan_units_orders_and_a_currency_after_the_qualifier() -> None:
    """Units of Taiwan sources (台斤, 公尺, 瓩), orders (单), and a qualifier before a
    currency name (約新台幣5萬元)."""
    summary = {
        m.text: (m.measurement.value, m.measurement.unit, m.measurement.qualifier)
        for m in _mentions(
            "产量1,350台斤，海拔1000公尺，装置容量200瓩，卖出2.6万单，收入约新台币5万元。"
        )
    }
    assert summary == {
        "1,350台斤": (Decimal(1350), "台斤", Qualifier.EXACT),
        "1000公尺": (Decimal(1000), "米", Qualifier.EXACT),
        "200瓩": (Decimal(200), "千瓦", Qualifier.EXACT),
        "2.6万单": (Decimal(26000), "单", Qualifier.EXACT),
        "5万元": (Decimal(50000), "元", Qualifier.APPROX),
    }


def test_person_times_implied_by_a_label() -> None:
    """A bare 万 figure after 人次 (观看人次：52.3万) counts person-times."""
    m = _one("直播观看人次：52.3万").measurement
    assert (m.value, m.unit) == (Decimal(523000), "人次")


def test_a_unit_word_opening_on_a_multiplier_is_no_figure() -> None:
    """每千瓦 is "per kilowatt", not 1000 瓦; 千亩 stays 1000 亩 and 十千瓦 10 千瓦."""
    summary = [
        (m.text, m.measurement.value, m.measurement.unit)
        for m in _mentions("电站按每千瓦0.75元结算，新建千亩园区和十千瓦的电站。")
    ]
    assert summary == [
        ("0.75元", Decimal("0.75"), "元"),
        ("千亩", Decimal(1000), "亩"),
        ("十千瓦", Decimal(10), "千瓦"),
    ]

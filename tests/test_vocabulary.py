"""Tests of the programme and indicator vocabulary (shanxi_poverty.vocabulary)."""

from __future__ import annotations

import json
import pickle
import re
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from shanxi_poverty import Dimension, Indicator, VocabularyError
from shanxi_poverty._resources import read_text
from shanxi_poverty.vocabulary import (
    Vocabulary,
    _clean,
    _compatible,
    _unit_dimension,
    find_programmes,
    get_indicator,
    get_programme,
    indicators,
    load_vocabulary,
    match_indicator,
    match_programme,
    programmes,
)

GOLD = Path(__file__).resolve().parent / "gold" / "data"
SNAKE = re.compile(r"[a-z][a-z0-9]*(?:_[a-z0-9]+)*")


def _gold_subjects() -> list[tuple[str, str, bool]]:
    out = []
    for path in sorted(GOLD.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            if record.get("subject"):
                out.append((record["subject"], record["unit"], bool(record.get("optional"))))
    return out


def test_ids_are_unique_snake_case() -> None:
    """Programme and indicator ids are unique snake_case identifiers."""
    for items in (programmes(), indicators()):
        ids = [item.id for item in items]
        assert len(ids) == len(set(ids))
        assert all(SNAKE.fullmatch(i) for i in ids)


def test_aliases_are_unique() -> None:
    """No name or alias belongs to two indicators, or to two programmes."""
    for items in (programmes(), indicators()):
        names = Counter(n for item in items for n in {item.name_zh, *item.aliases})
        assert [n for n, count in names.items() if count > 1] == []


def test_indicator_fields_are_valid() -> None:
    """Dimensions are Dimension values; programmes exist; rates are not additive."""
    known = {p.id for p in programmes()}
    for ind in indicators():
        assert isinstance(ind.dimension, Dimension)
        assert ind.programme is None or ind.programme in known
        if ind.dimension is Dimension.RATIO:
            assert not ind.additive, ind.id
        if "人均" in ind.name_zh:
            assert not ind.additive, ind.id


def test_coverage_of_the_campaign() -> None:
    """The vocabulary covers the campaign broadly, not only the seeds."""
    assert len(programmes()) >= 20
    assert len(indicators()) >= 100
    assert {p.id for p in programmes()} >= {
        "relocation", "industry", "photovoltaic", "health", "education", "microcredit",
        "return_prevention", "consumption", "ecology", "workshops",
    }  # fmt: skip


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        ("relocation", "relocation"),
        ("易地扶贫搬迁", "relocation"),
        ("挪穷窝", "relocation"),
        ("易地扶貧搬遷", "relocation"),
        ("消费帮扶", "consumption"),
        ("帮扶车间", "workshops"),
    ],
)
def test_get_programme(key: str, expected: str) -> None:
    """A programme is found by id, name, alias or traditional spelling."""
    assert get_programme(key).id == expected


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        ("counties_exited", "counties_exited"),
        ("贫困县摘帽", "counties_exited"),
        ("贫困村销号", "poor_villages_exited"),
        ("貧困村出列", "poor_villages_exited"),
        ("“全面改薄”学校", "schools_upgraded"),
    ],
)
def test_get_indicator(key: str, expected: str) -> None:
    """An indicator is found by id, name, alias or traditional spelling."""
    assert get_indicator(key).id == expected


def test_unknown_keys_raise() -> None:
    """Unknown ids raise VocabularyError with a clear message."""
    with pytest.raises(VocabularyError) as info:
        get_indicator("no_such_indicator")
    assert str(info.value) == "no indicator with id or alias 'no_such_indicator' in the vocabulary"
    with pytest.raises(VocabularyError, match="no programme"):
        get_programme("扶贫")


def test_vocabulary_error_pickles() -> None:
    """VocabularyError survives a pickle round-trip with its fields."""
    err = pickle.loads(pickle.dumps(VocabularyError("indicator", "x")))  # noqa: S301 - own bytes
    assert (err.kind, err.key, str(err)) == (
        "indicator",
        "x",
        str(VocabularyError("indicator", "x")),
    )


@pytest.mark.parametrize(
    ("phrase", "unit", "expected"),
    [
        ("易地扶贫搬迁人口", "人", "relocated_people"),
        ("易地扶贫搬迁户数", "户", "relocated_households"),
        ("易地扶贫搬迁", "户", "relocated_households"),
        ("贫困地区农村居民人均可支配收入", "元", "rural_income_poor_areas"),
        ("建档立卡贫困人口人均纯收入", "元", "registered_poor_net_income"),
        ("建档立卡贫困人口人均可支配收入", "元", "registered_poor_disposable_income"),
        ("农村居民人均可支配收入", "元", "rural_income"),
        ("贫困人口脱贫", "人", "people_lifted_out"),
        ("贫困人口脱贫", "户", "households_lifted_out"),
        ("贫困村出列", "个", "poor_villages_exited"),
        ("贫困县摘帽", "个", "counties_exited"),
        ("建档立卡贫困人口", "人", "registered_poor_population"),
        ("贫困发生率下降", "个百分点", "poverty_incidence"),
        ("贫困地区农民人均可支配收入年均增长", "%", "rural_income_poor_areas_growth"),
        ("光伏扶贫村级电站", "座", "pv_village_stations"),
        ("选派驻村工作队的脱贫村", "个", "formerly_poor_villages"),
        ("健康扶贫“三保险三救助”惠及", "人次", "health_assistance_person_times"),
        ("新建改造农村饮水安全工程", "处", "water_projects"),
        ("贫困人口脱贫", "种不知道的单位", "people_lifted_out"),
        # installed capacity is power, not a count of stations
        ("全县村级光伏电站总装机容量", "千瓦", "pv_capacity"),
        ("光伏电站发电量", "千瓦时", "pv_generation"),
        # the person-times twins of persons
        ("累计培训贫困劳动力", "人次", "training_person_times"),
        ("累计培训贫困劳动力", "人", "trainees"),
        ("资助贫困学生", "人次", "students_aided_person_times"),
        ("确保脱贫劳动力务工规模稳定在", "人", "workers_employed"),
        ("发放产业奖补资金", "元", "industry_subsidies"),
    ],
)
def test_match_indicator(phrase: str, unit: str, expected: str) -> None:
    """Phrases map to the right indicator; the unit separates persons from households."""
    found = match_indicator(phrase, unit=unit)
    assert found is not None
    assert found.id == expected


@pytest.mark.parametrize(
    ("phrase", "unit"),
    [("脱贫攻坚历时", "年"), ("卢振花年龄", "岁"), ("", None), ("贫困县摘帽", "元")],
)
def test_match_indicator_none(phrase: str, unit: str | None) -> None:
    """No indicator when nothing fits, or only indicators of another dimension."""
    assert match_indicator(phrase, unit=unit) is None


def test_gold_subjects_share() -> None:
    """At least 75 % of gold subjects (85 % of required records) map to an indicator."""
    subjects = _gold_subjects()
    matched = [match_indicator(s, unit=u) is not None for s, u, _ in subjects]
    required = [m for m, (_s, _u, optional) in zip(matched, subjects, strict=True) if not optional]
    assert sum(matched) / len(matched) >= 0.75
    assert sum(required) / len(required) >= 0.85


def test_match_and_find_programmes() -> None:
    """Programme names are found leftmost-longest."""
    assert match_programme("推进光伏扶贫") == get_programme("photovoltaic")
    assert match_programme("没有项目") is None
    assert [(s, e, p.id) for s, e, p in find_programmes("易地扶贫搬迁后续扶持和扶贫车间")] == [
        (0, 6, "relocation"),
        (6, 10, "relocation"),
        (11, 15, "workshops"),
    ]


def _programme_words() -> list[str]:
    names = [n for p in programmes() for n in (p.name_zh, *p.aliases)]
    return sorted({w for n in names for w in (n, n[:2], n[1:])} | {"和", "的", "，"})


@given(words=st.lists(st.sampled_from(_programme_words()), max_size=8))
def test_match_programme_is_the_longest_then_leftmost_found(words: list[str]) -> None:
    """The programme of a phrase is the longest name found in it, the leftmost of equals."""
    phrase = "".join(words)
    found = find_programmes(phrase)
    expected = max(found, key=lambda hit: (hit[1] - hit[0], -hit[0]))[2] if found else None
    assert match_programme(phrase) == expected


def test_vocabulary_from_toml_and_cache() -> None:
    """load_vocabulary is cached and equal to a vocabulary built from the data files."""
    assert load_vocabulary() is load_vocabulary()
    fresh = Vocabulary.from_toml(read_text("programmes.toml"), read_text("indicators.toml"))
    assert fresh.indicators() == indicators()
    assert fresh.programmes() == programmes()


def test_docs_list_every_entry() -> None:
    """docs/vocabulary.md has a table row for every programme and indicator."""
    docs = (Path(__file__).resolve().parent.parent / "docs" / "vocabulary.md").read_text("utf-8")
    rows = [(p.id, p.name_zh) for p in programmes()] + [(i.id, i.name_zh) for i in indicators()]
    for id_, name_zh in rows:
        assert f"| `{id_}` | {name_zh} |" in docs, id_


def _reference_match_indicator(phrase: str, unit: str | None) -> Indicator | None:
    """match_indicator written from its docstring: every alias occurrence is a candidate,
    kept if its indicator (or that one's counterpart) fits the unit; the longest wins, then
    the one ending last; the head after the last 的 first."""
    voc = load_vocabulary()
    text = _clean(phrase)
    dimension = _unit_dimension(unit)

    def best(start_from: int) -> Indicator | None:
        found: list[tuple[int, int, Indicator]] = []
        for alias, ind in voc._indicator_index.items():
            twin = voc._indicators.get(voc._counterparts.get(ind.id, ""))
            fits = ind if _compatible(ind, dimension) else None
            if fits is None and twin is not None and _compatible(twin, dimension):
                fits = twin
            if fits is None:
                continue
            at = text.find(alias, start_from)
            while at >= 0:
                found.append((len(alias), at + len(alias), fits))
                at = text.find(alias, at + 1)
        return max(found, key=lambda hit: hit[:2])[2] if found else None

    head = text.rfind("的") + 1
    if 0 < head < len(text) and (in_head := best(head)) is not None:
        return in_head
    return best(0)


def _indicator_words() -> list[str]:
    names = [n for i in indicators() for n in (i.name_zh, *i.aliases)]
    return sorted({w for n in names for w in (n, n[:2], n[1:], n[-2:])} | {"的", "，", "“"})


@given(
    words=st.lists(st.sampled_from(_indicator_words()), max_size=6),
    unit=st.sampled_from([None, "户", "人", "万人", "%", "个百分点", "万元", "亩", "个", "xyz"]),
)
def test_match_indicator_is_the_longest_fitting_alias_ending_last(
    words: list[str], unit: str | None
) -> None:
    phrase = "".join(words)
    assert match_indicator(phrase, unit=unit) == _reference_match_indicator(phrase, unit)


def test_match_indicator_agrees_with_the_reference_on_gold_subjects() -> None:
    for subject, unit, _ in _gold_subjects():
        assert match_indicator(subject, unit=unit) == _reference_match_indicator(subject, unit)

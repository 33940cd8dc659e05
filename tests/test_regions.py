"""Tests of the gazetteer and the place-name scanner (shanxi_poverty.regions)."""

from __future__ import annotations

import pickle

import pytest

from shanxi_poverty import RegionLevel, RegionNotFoundError
from shanxi_poverty._opencc import default_converter
from shanxi_poverty.model import Region
from shanxi_poverty.regions import Gazetteer, find_regions, load_gazetteer

GAZ = load_gazetteer()
ALL = GAZ.all()


def _key(region: Region) -> str:
    """A name that denotes ``region`` alone: the name, or <prefecture><name> for 城区 etc."""
    if len(GAZ.candidates(region.name)) == 1:
        return region.name
    parent = GAZ.parent(region)
    assert parent is not None
    return parent.name + region.name


def _year(region: Region) -> int | None:
    """A year in which ``region`` was in force (the one before its abolition)."""
    return None if region.valid_to is None else region.valid_to - 1


def test_counts() -> None:
    """The gazetteer holds country, province, 11 prefectures, 117 + 11 county-level units."""
    levels = [r.level for r in ALL]
    assert levels.count(RegionLevel.COUNTRY) == 1
    assert levels.count(RegionLevel.PROVINCE) == 1
    assert levels.count(RegionLevel.PREFECTURE) == 11
    counties = [r for r in ALL if r.level is RegionLevel.COUNTY]
    assert sum(r.is_current for r in counties) == 117
    assert sum(not r.is_current for r in counties) == 11


@pytest.mark.parametrize("region", ALL, ids=lambda r: f"{r.code}{r.name}")
def test_every_entry_resolves_by_code(region: Region) -> None:
    """Every entry is found by its code."""
    assert GAZ.get(region.code or "") == region


@pytest.mark.parametrize("region", ALL, ids=lambda r: f"{r.code}{r.name}")
def test_every_entry_resolves_by_name(region: Region) -> None:
    """Every entry is found by its full name (with its prefecture where the name is shared)."""
    assert GAZ.get(_key(region), year=_year(region)) == region


@pytest.mark.parametrize("region", ALL, ids=lambda r: f"{r.code}{r.name}")
def test_every_entry_resolves_by_short_name(region: Region) -> None:
    """Every entry is found by its short name, unless the short name is shared (城区)."""
    assert region.short_name
    found = GAZ.candidates(region.short_name, year=_year(region))
    if region.short_name in {"城区", "矿区", "郊区"}:
        assert len(found) > 1
    else:
        assert found == (region,)


def _traditional(region: Region) -> list[str]:
    return [a for a in region.aliases if default_converter().convert(a) == region.name]


@pytest.mark.parametrize(
    "region", [r for r in ALL if _traditional(r)], ids=lambda r: f"{r.code}{r.name}"
)
def test_every_entry_resolves_by_traditional_spelling(region: Region) -> None:
    """Every entry whose name differs in traditional script is found by that spelling."""
    key = _traditional(region)[0]
    if len(GAZ.candidates(key)) > 1:  # 城區: qualified by its prefecture
        parent = GAZ.parent(region)
        assert parent is not None
        key = parent.name + key
    assert GAZ.get(key, year=_year(region)) == region


@pytest.mark.parametrize(
    ("old", "new", "code", "valid_to"),
    [
        ("大同县", "云州区", "140227", 2018),
        ("长治县", "上党区", "140421", 2018),
        ("南郊区", "云冈区", "140211", 2018),
        ("怀仁县", "怀仁市", "140624", 2018),
        ("屯留县", "屯留区", "140424", 2018),
        ("潞城市", "潞城区", "140481", 2018),
        ("太谷县", "太谷区", "140726", 2019),
        ("大同市城区", "平城区", "140202", 2018),
        ("大同市矿区", "云冈区", "140203", 2018),
        ("长治市城区", "潞州区", "140402", 2018),
        ("长治郊区", "潞州区", "140411", 2018),
    ],
)
def test_former_names(old: str, new: str, code: str, valid_to: int) -> None:
    """A former name gives the current unit, and the old unit before the change year."""
    assert GAZ.get(old).name == new
    assert GAZ.get(old, year=valid_to).name == new
    before = GAZ.get(old, year=valid_to - 1)
    assert (before.code, before.valid_to) == (code, valid_to)
    assert any(f.code == code and f.valid_to == valid_to for f in GAZ.get(new).former_names)


def test_new_unit_before_its_creation_is_its_predecessor() -> None:
    """云州区 asked for 2016 is 大同县; 太谷区 in 2019 is 太谷县 only before 2019."""
    assert GAZ.get("云州区", year=2016).name == "大同县"
    assert GAZ.get("太谷区", year=2018).name == "太谷县"
    assert GAZ.get("太谷区", year=2020).name == "太谷区"


@pytest.mark.parametrize(
    ("name", "expected"), [("全国", "中国"), ("中国", "中国"), ("山西", "山西省")]
)
def test_country_and_province(name: str, expected: str) -> None:
    """全国 and 中国 are the country (code 100000); 山西 is the province."""
    assert GAZ.get(name).name == expected
    assert GAZ.get("中国").code == "100000"


@pytest.mark.parametrize("key", ["城区", "矿区", "郊区", "北京市", "", "999999"])
def test_unknown_or_ambiguous_names_raise(key: str) -> None:
    """An unknown code or name, or a name shared by several units, raises."""
    with pytest.raises(RegionNotFoundError) as info:
        GAZ.get(key)
    assert info.value.key == key


def test_error_message_and_pickle() -> None:
    """The error names the key and survives pickling."""
    err = RegionNotFoundError("城区")
    assert str(err) == "no region named or coded '城区' in the Shanxi gazetteer"
    copy = pickle.loads(pickle.dumps(err))  # noqa: S301 - our own bytes
    assert isinstance(copy, RegionNotFoundError)


def test_shared_names_resolve_with_their_prefecture() -> None:
    """阳泉城区 and 晋城市城区 are different districts; 云岗区 is a misspelling of 云冈区."""
    assert GAZ.get("阳泉城区").code == "140302"
    assert GAZ.get("晋城市城区").code == "140502"
    assert GAZ.get("云岗区").code == "140214"


def test_hierarchy() -> None:
    """parent, ancestors, children and counties_of follow the codes."""
    qin = GAZ.get("沁县")
    assert GAZ.parent(qin) == GAZ.get("长治市")
    assert [r.name for r in GAZ.ancestors(qin)] == ["长治市", "山西省", "中国"]
    assert GAZ.parent(GAZ.get("中国")) is None
    assert len(GAZ.children(GAZ.get("山西省"))) == 11
    assert len(GAZ.counties_of("长治市")) == 12
    assert len(GAZ.counties_of("长治市", year=2017)) == 13
    assert {r.name for r in GAZ.counties_of(GAZ.get("大同市"), year=2017)} >= {"大同县", "南郊区"}
    assert sum(len(GAZ.counties_of(p)) for p in GAZ.children(GAZ.get("山西省"))) == 117
    assert sum(len(GAZ.counties_of(p, year=2017)) for p in GAZ.children(GAZ.get("山西省"))) == 119


def test_poverty_counties() -> None:
    """57 identified poverty counties; 大同县 shares 云州区's status."""
    assert len(GAZ.poverty_counties()) == 57
    assert sum(GAZ.poverty_county(r).national for r in GAZ.poverty_counties()) == 36  # type: ignore[union-attr]
    yunzhou = GAZ.poverty_county(GAZ.get("大同县", year=2016))
    assert yunzhou is not None
    assert yunzhou.national
    assert GAZ.poverty_county(GAZ.get("小店区")) is None


def test_gazetteer_needs_codes() -> None:
    """A gazetteer is built from coded regions only."""
    with pytest.raises(ValueError, match="need a code"):
        Gazetteer([Region(name="小王村", level=RegionLevel.VILLAGE)])


# -- scanner ---------------------------------------------------------------------------------


def _found(text: str, **kwargs: object) -> list[tuple[str, str, str]]:
    return [
        (m.text, m.region.name, m.region.level.value)
        for m in find_regions(text, **kwargs)  # type: ignore[arg-type]
    ]


def test_list_of_short_names() -> None:
    """娄烦、阳曲两县 (seed 000) gives both counties."""
    assert _found("娄烦、阳曲两县农村居民和贫困人口人均可支配收入") == [
        ("娄烦", "娄烦县", "county"),
        ("阳曲", "阳曲县", "county"),
    ]


def test_traditional_seed_sentence() -> None:
    """靈丘縣平型關腳下的東河南鎮小寨村 (seed 001) after t2s: county, township, village."""
    raw = "1月18日，靈丘縣平型關腳下的東河南鎮小寨村，兩年前新建的房子"
    text = default_converter().convert(raw)
    matches = find_regions(text)
    assert [(m.text, m.region.level) for m in matches] == [
        ("灵丘县", RegionLevel.COUNTY),
        ("东河南镇", RegionLevel.TOWNSHIP),
        ("小寨村", RegionLevel.VILLAGE),
    ]
    town, village = matches[1].region, matches[2].region
    assert (town.parent_name, town.parent_code) == ("灵丘县", "140224")
    assert (village.parent_name, village.parent_code) == ("东河南镇", "140224")
    assert all(text[m.start : m.end] == m.text for m in matches)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("小王村位于沁县新店镇小王村的农业产业园", ["沁县", "新店镇", "小王村"]),
        ("在夏县北大里村调研", ["夏县", "北大里村"]),
        ("夏县西村的美丽乡村", ["夏县", "西村"]),
        ("位于郭村镇石板上村的农业产业园", ["郭村镇", "石板上村"]),
        ("王泉村被并入牛寺乡走马岭村", ["王泉村", "牛寺乡", "走马岭村"]),
        ("河津市龙门村环村、环厂千亩林带", ["河津市", "龙门村"]),
    ],
)
def test_townships_and_villages(text: str, expected: list[str]) -> None:
    """Township and village names in seed sentences (002, 003)."""
    found = [m.text for m in find_regions(text)]
    assert found[-len(expected) :] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a township whose stem alone is refused (水 ends 山水, 水乡), right before a village
        ("大宁县昕水镇白村新建香菇大棚", [("昕水镇", "大宁县"), ("白村", "昕水镇")]),
        ("在昕水镇红村调研", [("昕水镇", None), ("红村", "昕水镇")]),
        # a one-character stem before 镇 is no township name
        ("城镇张村", [("城镇张村", None)]),
    ],
)
def test_township_inside_a_village_stem(text: str, expected: list[tuple[str, str | None]]) -> None:
    """A township suffix inside a village's stem splits it into the township and its village,
    the village's parent being the township."""
    found = [(m.text, m.region.parent_name) for m in find_regions(text, settlements=True)]
    assert found[-len(expected) :] == expected


def test_village_parent_from_within() -> None:
    """With no county in the clause, ``within`` places a village."""
    qin = load_gazetteer().get("沁县")
    (match,) = find_regions("驻村工作队进驻王泉村", within=qin)
    assert (match.region.name, match.region.parent_code) == ("王泉村", "140430")


@pytest.mark.parametrize(
    "text",
    [
        "成立农民专业合作社和合作社联合社",  # 合作社 is not 合作市
        "搬迁安置点建设",  # 搬迁安置 is not 迁安
        "创建国家级示范县",  # 示范县 is not 范县
        "城区包乡、单位包村",  # 城区 alone is ambiguous
        "村集体经济、村民、村级组织、160个贫困村、行政村、全村、每村、村村通、驻村、本村",
        "乡村振兴、城乡融合、以城带乡、城镇化、各乡镇、十里八乡、小康村、自然村",
        "古交说",  # 2-character short names need a suffix or list context
        "东方山水",
        "长治久安",
        "吕梁山区、太行山区",
        "相应县级部门",
        "振兴县域经济",
        "心怀仁爱",
        "推广灵活就业",
        "新建改建村卫生室",
        "一村一品、一村一队",
        "荣登中国银行网络销售平台（文章来源：中国农网）",
    ],
)
def test_no_false_matches(text: str) -> None:
    """Common nouns and words that contain place-name characters are not places."""
    assert find_regions(text) == []


def test_short_names_need_context() -> None:
    """方山 alone is not a place; 方山县 and 方山、岚县 are."""
    assert _found("方山县") == [("方山县", "方山县", "county")]
    assert _found("方山、岚县")[0] == ("方山", "方山县", "county")
    assert _found("古交、娄烦") == [("古交", "古交市", "county"), ("娄烦", "娄烦县", "county")]
    assert _found("平定、和顺两县") == [("平定", "平定县", "county"), ("和顺", "和顺县", "county")]


def test_shared_district_names_need_their_city() -> None:
    """城区 is read only after a prefecture, or with ``within``."""
    assert _found("阳泉城区")[-1] == ("城区", "城区", "county")
    assert find_regions("阳泉城区")[-1].region.code == "140302"
    jincheng = load_gazetteer().get("晋城市")
    assert find_regions("城区", within=jincheng)[0].region.code == "140502"


def test_country() -> None:
    """全国 and a stand-alone 中国 are the country."""
    assert [m.region.code for m in find_regions("在全国率先出台，中国的减贫")] == [
        "100000",
        "100000",
    ]


def test_former_names_in_text_follow_the_year() -> None:
    """大同县 in a 2016 text is the old county; without a year it is 云州区."""
    assert find_regions("大同县")[0].region.name == "云州区"
    assert find_regions("大同县", year=2016)[0].region.code == "140227"


@pytest.mark.parametrize(
    ("text", "left_out"),
    [
        ("在沁源郭道镇调研", ["郭道镇"]),  # the township still confirms the short name 沁源
        ("古交说", []),
        ("娄烦、阳曲两县农村居民", []),
        ("小王村位于沁县新店镇小王村的农业产业园", ["小王村", "新店镇", "小王村"]),
    ],
)
def test_divisions_only(text: str, left_out: list[str]) -> None:
    """``settlements=False`` returns the same divisions, townships and villages left out."""
    everything = find_regions(text)
    divisions = find_regions(text, settlements=False)
    assert divisions == [m for m in everything if m.region.code is not None]
    assert [m.text for m in everything if m not in divisions] == left_out


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("岚城镇地处县城周边", ["岚城镇"]),
        ("，古城镇的群众", ["古城镇"]),
        ("岚县岚城镇", ["岚县", "岚城镇"]),
        ("王家村是岚城镇最大的种植村", ["王家村", "岚城镇"]),
        ("北关村土地平坦", ["北关村"]),
        # common nouns stay common nouns
        ("推进小城镇建设，加快城镇化", []),
        ("回到家乡，城乡居民，老家乡亲", []),
        ("传承乡土文化，浓浓乡愁", []),
        ("最大的种植村和养殖村", []),
    ],
)
def test_settlement_names_beside_common_nouns(text: str, names: list[str]) -> None:
    """城 and 家 end township stems only where the stem stands alone (岚城镇, not 小城镇 or
    家乡); villages may end in 家 (王家村) and be followed by 土 (村土地)."""
    assert [m.text for m in find_regions(text)] == names


def test_village_names_ending_in_jiashan() -> None:
    """李家山村 is a village, though 山村 alone (偏远山村) is a common noun."""
    assert [m.text for m in find_regions("。李家山村流转土地，偏远山村，这个小山村")] == [
        "李家山村"
    ]


def test_enclosing_division() -> None:
    """The nearest division holding every region given; the country above provinces."""
    g = load_gazetteer()
    assert g.enclosing([g.get("兴县"), g.get("临县")]) == g.get("吕梁市")
    assert g.enclosing([g.get("兴县"), g.get("夏县")]) == g.get("山西省")
    assert g.enclosing([g.get("兴县")]) == g.get("吕梁市")
    assert g.enclosing([g.get("中国")]) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a nickname after a naming verb, or any settlement name in quotes: a label
        ("一个被大陆媒体称为「挂壁公路村」的小山村", []),
        ("这里被誉为“光伏第一村”", []),
        ("过去是个“空壳村”，锡崖沟村有121户", ["锡崖沟村"]),
        # a pronoun ends the stem on its left (咱西坡村); 我们村 names no village
        ("咱西坡村有186户", ["西坡村"]),
        ("也给关心我们村的朋友们汇报", []),
    ],
)
def test_nicknames_labels_and_pronouns_are_no_settlement_names(
    text: str, expected: list[str]
) -> None:
    assert [m.region.name for m in find_regions(text)] == expected

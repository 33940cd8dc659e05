"""Traditional web dumps: pinyin annotations, CMS header/footer, spam, mojibake (001, 002)."""

from __future__ import annotations

import json
import re

import pytest

from shanxi_poverty.extract import extract
from shanxi_poverty.serialize import document_record
from shanxi_poverty.sources import parse_document

from ..conftest import read_fixture, read_seed

#: What must not survive normalisation.
PINYIN = re.compile(r"[a-zü]{0,6}[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]{0,6}\s?\)")
ENTITY = re.compile(r"&[A-Za-z]{2,10};|&#[0-9]{1,7};")
TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?=[\s/>])[^<>]*>")

SEED_001 = "001_a02f32b729930850.txt"
SEED_002 = "002_fd23042564914def.txt"

#: The nine mojibake runs of seed 002 (gold metadata), each as a raw substring.
MOJIBAKE_002 = [
    "??紤]",
    "?shù)卣谡鞯萌罕姷囊庖娭?",
    "?,F(xiàn)",
    "?yōu)?ldquo;",
    "?lián)?",
    "??粗矍暗木跋?",
    "??h",
    "?qū)崿F(xiàn)",
    "?。T",
]


@pytest.mark.parametrize("seed", [SEED_001, SEED_002, "003_39e63ac0ebec21db.txt"])
def test_no_annotation_entity_or_tag_left(seed: str) -> None:
    """The normalised text holds no pinyin annotation, HTML entity or tag."""
    doc = parse_document(read_seed(seed), name=seed)
    assert not PINYIN.search(doc.text)
    assert not ENTITY.search(doc.text)
    assert not TAG.search(doc.text)


def test_001_metadata() -> None:
    """Seed 001: bracketed subtitle, title, CMS date and source, editor, closing byline."""
    doc = parse_document(read_seed(SEED_001), name=SEED_001)
    meta = doc.meta
    assert meta.format == "web-traditional-pinyin"
    assert meta.script == "traditional"
    assert meta.title == "脱贫攻坚 山西亮丽成绩单"
    assert meta.subtitle == "奋斗百年路 启航新征程——山西脱贫攻坚答卷"
    assert meta.published == "2021-01-20T10:34:19+08:00"
    assert meta.publisher == "山西日报"
    assert meta.authors == ("李全宏",)
    assert meta.editor == "吉政"
    assert meta.home_region == "山西省"
    assert meta.sections == (
        "“五级书记”抓扶贫 齐心协力交总账",
        "精准施策强推进 重点工程显成效",
        "攻坚克难补短板 巩固提升奔小康",
    )


def test_001_boilerplate_removed() -> None:
    """CMS header, editor line, copyright footer and spam leave the text."""
    doc = parse_document(read_seed(SEED_001), name=SEED_001)
    for junk in ("浏览次数", "责任编辑", "版权声明", "丝袜", "来源:山西日报"):
        assert junk not in doc.text
    assert any("spam" in n for n in doc.meta.noise)


def test_001_annotated_number_maps_to_raw_without_trailing_annotation() -> None:
    """``329万`` maps to raw ``329萬``: the annotation after the last character is left out."""
    doc = parse_document(read_seed(SEED_001), name=SEED_001)
    pos = doc.text.index("329万")
    lo, hi = doc.offsets.to_raw(pos, pos + 4)
    assert doc.raw[lo:hi] == "329萬"


def test_001_annotation_inside_span_is_kept_in_raw() -> None:
    """A dropped annotation inside a range belongs to its raw span: 58个贫困县."""
    doc = parse_document(read_seed(SEED_001), name=SEED_001)
    pos = doc.text.index("58个贫困县")
    lo, hi = doc.offsets.to_raw(pos, pos + 6)
    assert doc.raw[lo:hi] == "58個(gè)貧困縣"


def test_002_nine_mojibake_runs_flagged() -> None:
    """Every one of the nine mojibake runs of seed 002 is recorded as damage."""
    doc = parse_document(read_seed(SEED_002), name=SEED_002)
    runs = [doc.raw[d.span.start : d.span.end] for d in doc.damage if d.kind == "mojibake"]
    assert runs == MOJIBAKE_002
    assert doc.meta.format == "web-traditional-pinyin-mojibake"


def test_002_number_touching_damage_is_detectable() -> None:
    """``6万元`` after ``?lián)?`` touches damage; the tail is gone from the text."""
    doc = parse_document(read_seed(SEED_002), name=SEED_002)
    pos = doc.text.index("6万元资金")
    span = doc.raw_span(pos, pos + 3)
    assert doc.raw[span.start : span.end] == "6萬元"
    assert doc.is_damaged(span)
    assert "lián" not in doc.text
    assert "ldquo" not in doc.text
    clean = doc.text.index("2000万元")
    assert not doc.is_damaged(doc.raw_span(clean, clean + 6))


def test_002_metadata() -> None:
    """Seed 002: dateline, dash subtitle, two-line headings, closing byline."""
    doc = parse_document(read_seed(SEED_002), name=SEED_002)
    meta = doc.meta
    assert meta.title is None
    assert meta.subtitle == "山西沁县聚力巩固拓展脱贫攻坚成果有效衔接乡村振兴工作综述"
    assert meta.published == "2021-12-15T09:20:00+08:00"
    assert meta.home_region == "沁县"
    assert meta.sections == (
        "放大优势 牵紧牵牢产业基础“牛鼻子”",
        "久久为功 用足用活政策衔接“强心剂”",
        "躬身入局 拧紧拧实干部队伍“螺丝钉”",
    )
    # The first name is inside the damaged run ?。T波: only the readable two are kept.
    assert meta.authors == ("黄新", "张鹏伟")


def test_mojibake_fixture() -> None:
    """The mojibake excerpt: its six runs are flagged and its entity decoded or dropped."""
    doc = parse_document(read_fixture("002_mojibake.txt"), name="002_mojibake.txt")
    assert len([d for d in doc.damage if d.kind == "mojibake"]) == 6
    assert not ENTITY.search(doc.text)


def test_pinyin_fixture_record() -> None:
    """The record of a web dump is JSON-ready with raw damage offsets."""
    doc = parse_document(read_fixture("001_pinyin_cms.txt"), name="001_pinyin_cms.txt")
    record = document_record(doc)
    json.dumps(record, ensure_ascii=False)
    assert record["title"] == "脱贫攻坚 山西亮丽成绩单"
    damage = record["damage"]
    assert isinstance(damage, list)
    assert {d["kind"] for d in damage} == {"broken-markup"}
    first = damage[0]
    assert doc.raw[first["start"] : first["end"]] == "?!?/p>"


@pytest.mark.parametrize(
    ("header", "published"),
    [
        ("發佈時間：2021-02-25 09:30 來源：人民網-山西頻道", "2021-02-25T09:30:00+08:00"),
        ("發布日期: 2021年2月25日", "2021-02-25"),
        ("時間：2021/02/25", "2021-02-25"),
        ("點擊次數：2021", None),  # a label that is no date label, and no date
    ],
)
def test_labelled_date_line_is_the_publication_date(header: str, published: str | None) -> None:
    """A header line that gives its date after a label (发布时间：) dates the page, as a
    line that starts with the date does."""
    raw = f"山西：脫貧攻堅取得決定性勝利\n\n{header}\n\n全省329萬農村貧困人口實現脫貧。\n"
    assert parse_document(raw, name="page.txt").meta.published == published


def test_bracketed_dateline_is_no_title() -> None:
    """【大公報訊】 opening the first sentence is a dateline, not a 【subtitle】title line:
    the headline above it stays the title, and its place makes the home region."""
    raw = (
        "山西呂梁：昔日貧困山區今日旺\n\n2021年02月25日 10:15  來源：大公網\n\n"
        "【大公報訊】記者從山西呂梁市扶貧辦獲悉，近五年來，呂梁累計減貧59.2萬人。\n\n"
        "臨縣累計脫貧16.1萬人。全縣種植紅棗80萬畝。興縣建成光伏電站200座。\n"
    )
    doc = parse_document(raw, name="page.txt")
    assert doc.meta.title == "山西吕梁：昔日贫困山区今日旺"
    assert doc.meta.subtitle is None
    assert doc.meta.home_region == "吕梁市"


def test_title_after_site_name_and_breadcrumb() -> None:
    """A traditional page that opens on its site's name and a breadcrumb: the title is the
    headline after them, and the related headlines at the foot are no sections."""
    raw = (
        "大公報 大公網\n首頁 &gt; 新聞 &gt; 中國 &gt; 內地\n\n"
        "山西岢嵐：整村搬遷拔「窮根」 窮山溝變身旅遊村\n\n2019年10月17日 星期四\n\n"
        "　　【大公報訊】記者 郭若溪 太原報道：宋家溝村去年接待遊客20萬人次。"
        "記者在岢嵐縣看到，搬遷後的新村住房寬敞明亮，遊客絡繹不絕。\n\n"
        "【相關新聞】 • 山西：光伏扶貧惠及貧困戶逾25萬戶 • 晉陝峽谷沿黃公路助脫貧\n"
        "©2019 大公網 版權所有\n"
    )
    doc = parse_document(raw, name="page.txt")
    assert doc.meta.title == "山西岢岚：整村搬迁拔「穷根」 穷山沟变身旅游村"
    assert doc.meta.sections == ()
    assert [m.provenance.text for m in extract(doc) if m.provenance] == ["20萬人次"]


def test_column_kicker_and_two_line_title() -> None:
    """A magazine page: the masthead is no title, a 【column】 line alone is skipped, and
    the headline's second line is its subtitle."""
    raw = (
        "大地旅人雙週刊　第２１７期\n2020/11/05 出版\n\n【鄉村紀行】\n太行山上的「掛壁公路」村\n"
        "錫崖溝：從絕壁鑿路到民宿經濟\n\n　　陵川縣古郊鄉錫崖溝村去年接待遊客18萬人次。\n"
    )
    doc = parse_document(raw, name="magazine.txt")
    assert (doc.meta.title, doc.meta.subtitle) == (
        "太行山上的「挂壁公路」村",
        "锡崖沟：从绝壁凿路到民宿经济",
    )
    assert doc.meta.published == "2020-11-05"

"""Plain newspaper text: single articles (seed 000) and pages of articles (seed 004)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from shanxi_poverty.extract import extract
from shanxi_poverty.sources import parse_document

from ..conftest import read_fixture, read_seed

if TYPE_CHECKING:
    from shanxi_poverty.document import Document


def _raw_of(doc: Document, start: int, end: int) -> str:
    lo, hi = doc.offsets.to_raw(start, end)
    return doc.raw[lo:hi]


def test_single_article_metadata() -> None:
    """Seed 000: kicker skipped, headline, sections, byline and photo credits."""
    doc = parse_document(read_seed("000_6a0511461683ecc0.txt"), name="000.txt")
    meta = doc.meta
    assert meta.format == "plain-newspaper"
    assert meta.script == "simplified"
    assert meta.title == "乡村振兴谱新篇"
    assert meta.authors == ("周皓",)
    assert meta.photo_credits == ("韩双喜", "米国伟")
    assert meta.home_region == "太原市"
    assert meta.sections == (
        "脱贫攻坚书写“太原答卷”",
        "全面小康凝聚“太原经验”",
        "乡村振兴亮出“太原模式”",
        "短评",
        "实现脱贫攻坚与乡村振兴有效衔接",
    )
    assert doc.articles == ()


def test_single_article_rejoins_column_breaks() -> None:
    """Sentences cut by blank lines are rejoined: 易地扶贫搬迁 / 后续扶持成果, 一 / 是."""
    doc = parse_document(read_seed("000_6a0511461683ecc0.txt"), name="000.txt")
    assert "易地扶贫搬迁后续扶持成果。" in doc.text
    assert "四方面的工作,一是在过渡期" in doc.text
    assert "摄乡村振兴" not in doc.text


def test_figures_map_to_raw() -> None:
    """A figure of the normalised text maps back to the same raw characters."""
    doc = parse_document(read_seed("000_6a0511461683ecc0.txt"), name="000.txt")
    pos = doc.text.index("20104户")
    assert _raw_of(doc, pos, pos + 6) == "20104户"


def test_page_articles() -> None:
    """Seed 004 holds four articles, each with its headline and byline authors."""
    doc = parse_document(read_seed("004_4bac74a652b9b693.txt"), name="004.txt")
    assert [a.meta.title for a in doc.articles] == [
        "脱贫攻坚“大考”闪耀“山西模式”",
        "决胜脱贫攻坚战 “四大变化”暖民心",
        "我省农村贫困人口 全部实现“两不愁三保障”",
        "职业技能培训打出“组合拳”",
    ]
    assert [a.meta.authors for a in doc.articles] == [
        ("周皓",),
        ("周皓",),
        ("周皓",),
        ("张勇", "赵圣杰", "魏晖"),
    ]
    assert [a.meta.home_region for a in doc.articles] == ["山西省", "山西省", "山西省", "太原市"]
    starts = [
        "山西是全国脱贫攻坚",
        "我省脱贫攻坚战取得",
        "稳定实现“两不愁三保障”",
        "通过推行职业技能",
    ]
    for article, words in zip(doc.articles, starts, strict=True):
        assert words in doc.text[article.span.start : article.span.end]


def test_page_metadata() -> None:
    """The upper headline is the page title, the first article headline the subtitle."""
    doc = parse_document(read_seed("004_4bac74a652b9b693.txt"), name="004.txt")
    assert doc.meta.title == "奋力蹚出有中国特色山西特点的减贫之路"
    assert doc.meta.subtitle == "脱贫攻坚“大考”闪耀“山西模式”"
    assert doc.meta.authors == ("周皓", "张勇", "赵圣杰", "魏晖")
    assert doc.meta.home_region == "山西省"
    assert doc.meta.published is None
    assert doc.meta.publisher is None


def test_page_repeated_passage_flagged_once() -> None:
    """The repeated 域品牌 paragraph is one Duplicate: the later copy, not the first."""
    doc = parse_document(read_seed("004_4bac74a652b9b693.txt"), name="004.txt")
    assert len(doc.duplicates) == 1
    dup = doc.duplicates[0]
    copy = doc.text[dup.span.start : dup.span.end]
    assert copy == doc.text[dup.original.start : dup.original.end]
    assert copy.startswith("域品牌,成为稳定脱贫持续增收“硬支撑”。")
    assert dup.original.start < dup.span.start
    assert doc.is_duplicate(dup.span.start)
    assert not doc.is_duplicate(dup.original.start)
    raw_lo, _ = doc.offsets.to_raw(dup.span.start, dup.span.end)
    assert doc.raw.count("\n", 0, raw_lo) == 28  # line 29 of the seed


def test_page_rejoins_words_and_numbers_cut_by_columns() -> None:
    """区 / 域品牌 and 为期7 / 天 are rejoined; the raw span keeps the break."""
    doc = parse_document(read_seed("004_4bac74a652b9b693.txt"), name="004.txt")
    assert "“隰县玉露香”等区域品牌" in doc.text
    pos = doc.text.index("为期7天")
    assert _raw_of(doc, pos + 2, pos + 4) == "7\n\n天"
    assert "入户面对面指导等方式" in doc.text
    assert "此外,我市还持续推进" in doc.text


def test_page_fixture() -> None:
    """The page excerpt keeps its articles and its repeated passage."""
    doc = parse_document(read_fixture("004_page.txt"), name="004_page.txt")
    assert len(doc.articles) == 3
    assert len(doc.duplicates) == 1


def test_caption_fixture() -> None:
    """The caption excerpt: credit read, caption not joined to the headline."""
    doc = parse_document(read_fixture("000_captions_byline.txt"), name="000_captions.txt")
    assert doc.meta.photo_credits == ("韩双喜",)
    assert doc.meta.title == "乡村振兴谱新篇"
    assert doc.meta.authors == ("周皓",)
    assert "记者 韩双喜 摄\n乡村振兴谱新篇" in doc.text


def test_labelled_date_line_dates_a_plain_page() -> None:
    """发布时间：… in the header of a simplified page is its publication date, and 今年 in
    it counts from that date."""
    raw = "我省脱贫攻坚取得决定性胜利\n\n发布时间：2021-02-25 09:30\n\n今年，全省新增就业1200人。\n"
    doc = parse_document(raw, name="page.txt")
    assert doc.meta.published == "2021-02-25T09:30:00+08:00"
    assert [m.year for m in extract(doc)] == [2021]


def test_date_inside_a_header_line_dates_the_page() -> None:
    """A short header line that holds a date after other words (the publisher, a 来源：
    credit) gives the publication date, and is no section heading."""
    for header, published in [
        ("长治市统计局  2021年3月20日", "2021-03-20"),
        ("来源：大同日报  发布时间：2020-10-12", "2020-10-12"),
    ]:
        raw = f"长治市2020年国民经济和社会发展统计公报\n\n{header}\n\n全市新增就业1200人。\n"
        doc = parse_document(raw, name="page.txt")
        assert doc.meta.published == published
        assert header not in doc.meta.sections


def test_date_in_a_sentence_is_no_publication_date() -> None:
    """A body sentence that mentions a date is not a header line."""
    raw = "脱贫攻坚总结\n\n全省于2021年2月25日召开表彰大会，表彰先进集体100个。\n"
    assert parse_document(raw, name="page.txt").meta.published is None


def test_web_page_header_runs_past_four_lines() -> None:
    """A county site's page: site name, address, menu and breadcrumb come before the title,
    and the date and source line after it; all of it is header, the title is the title."""
    raw = (
        "岚县人民政府门户网站\nwww.sxlanxian.gov.cn\n首页 | 政务公开 | 新闻中心 | 政务服务\n"
        "当前位置：首页 > 新闻中心 > 乡镇动态\n\n岚城镇：小土豆变身“金蛋蛋”\n\n"
        "发布时间：2021-04-16 来源：岚县乡村振兴局 浏览次数：\n\n"
        "　　岚城镇去年马铃薯总产量达到9.2万吨。\n\n"
        "主办单位：岚县人民政府办公室　　承办单位：岚县融媒体中心\n"
    )
    doc = parse_document(raw, name="page.txt")
    assert doc.meta.title == "岚城镇：小土豆变身“金蛋蛋”"
    assert (doc.meta.published, doc.meta.publisher) == ("2021-04-16", "岚县乡村振兴局")
    assert doc.meta.sections == ()
    assert [(m.year, [r.name for r in m.regions]) for m in extract(doc)] == [(2020, ["岚城镇"])]


def test_repost_is_dated_by_its_original() -> None:
    """A forum repost gives the original's date (原文发布时间：…) after its own; 今年 in the
    article counts from the original."""
    raw = (
        "吉县：小苹果撑起脱贫大产业【转帖】\n\n楼主 果乡人\n发表于 2019-5-6 21:37:12\n\n"
        "原文发布时间：2017年10月18日  来源：临汾日报\n\n今年，全县苹果产值达到15亿元。\n"
    )
    doc = parse_document(raw, name="post.txt")
    assert doc.meta.published == "2017-10-18"
    assert [m.year for m in extract(doc)] == [2017]


def test_notice_signed_with_its_date_and_a_post_title_with_exclamations() -> None:
    """An official notice's date is the one it is signed with at its end (in Arabic or
    Chinese numerals); a post's first line is its title though it has ！ in it; a line of
    hashtags is no heading; table rows are no headings."""
    notice = parse_document(
        "关于2023年度奖补资金发放名单的公示\n\n各村：\n\n现将名单予以公示。\n\n"
        "序号\t村名\t人口\n1\t南关村\t4\n\n"
        "龙泉镇人民政府\n二〇二三年五月八日\n",
        name="notice.txt",
    )
    assert notice.meta.published == "2023-05-08"
    assert all("\t" not in s for s in notice.meta.sections)
    post = parse_document(
        "🔥县长进直播间！吉县苹果3小时卖爆了！\n\n临汾融媒\n\n#双11助农# #县长带货#\n\n"
        "家人们！今晚的直播间真的太火了，短短3小时就卖出了2.6万单。\n",
        name="post.txt",
    )
    assert post.meta.title == "🔥县长进直播间！吉县苹果3小时卖爆了！"
    assert "#双11助农# #县长带货#" not in post.meta.sections
    assert any("hashtags" in n for n in post.meta.noise)

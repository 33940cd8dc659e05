"""Context resolution: the region, year, indicator and programme of every figure.

The resolver reads the normalised text around each :class:`~shanxi_poverty.extract.Mention`.
Sentences end at 。！？ and line breaks; clauses also end at ，：；.

**Region** — the first rule that applies:

1. the nearest place named before the figure *in its clause*: a gazetteer match, a township
   or village, or a coordinated list (娄烦、阳曲两县 keeps both); 分别 lists pair values with
   the listed places in order (also from an earlier clause of the sentence when the 分别
   clause names no place); adjacent names (太原市迎泽区) keep the most specific; places
   followed by 等 are examples of more (壶关县、平顺县等8个贫困县), so the figure gets the
   division enclosing them all (长治市); a place right after 高于/低于/比/较/占 … is what the
   figure is compared with or a share of (增速高于全省平均水平1.3个百分点, 占全省的63.2%),
   and does not count;
2. the *topic* of the sentence: a place or deixis word in its first clause (with 等 after
   it, the division enclosing its places, as in 1; not one named as a neighbour, 与西沟村相邻的
   池底村);
3. for a sentence that opens with a connective or demonstrative (同时, 此外, 其中, 此批, 该 …),
   the topic of the sentence before;
4. the place the figure's paragraph opens on, in its first clause (在临县城庄镇刘家圪垛村，…),
   for a sentence that says no 全县/三市 of its own;
5. the home region of the article or document (from its metadata, or the township or
   village its title names alone when the text says 全镇/该村 of its level), or of the
   section: a section heading that names one city or county (在临县碛口看红枣) is its
   section's home.  A table's 合计 row is of the article's or document's home.

The bare name of a village or township the text names in full (锡崖沟 after 锡崖沟村, three
characters or more) is that place.

Deixis words (我省, 全省, 我市, 全市, 该市, 全县, 该县, 本县 …) resolve against the places
named before them in their sentence, nearest first (临县是全国有名的红枣之乡，全县…: 临县),
then the home region, then, when none is of their level or inside one, the
places named shortly before them in their article (全县 in a 吕梁 feature, after a sentence
about 临县; 全市 in a provincial paper, after one about 大同市).  A place name that opens a
media name (吕梁日报讯, 山西新闻网) is no place.  全村, 该村, 本村, 村里, 全镇, 该乡, 乡里,
镇里, 我们村 … stand for the village or township named last before them in their article (within
400 characters), and 当地/本地 for the place named last before them, of any level;
上述地区/这些县 stand for the last list of places named before them in their article, and
四市/两县 standing alone for the last list of as many places within 400 characters; all are
ignored when there is none.  Place names inside a quoted brand (“天镇保姆”) are not places, and a
figure whose clause is about a company (该公司, 有限公司) has no region.

**Time** — the nearest time anchor before the figure in its sentence (for a connective sentence,
in its paragraph, or from the paragraph before when it opens one), else the first one in the words
right after it in its clause (3个贫困村2018年退出), not a target (到2020年), else the time its
paragraph opens on when that time is the paragraph's whole first clause (2020年，… 今年以来，…
截至2020年底，… 2018年12月，…).  Anchors: an explicit year (2016年的4881元, 二〇一六年), an as-of
date (截至2021年10月末, 截至5月17日), a dated day (5月14日; of the year before when later in the
year than the publication date), a relative expression (今年, 去年, 前年, 今年以来, 年内, 一年来,
上半年, 前三季度, 近日, 日前, 昨天; anywhere in its clause but right after a comparison verb such
as 与/超过/不如) against the publication date (当年 after a year named in its paragraph is that
year, 上年 the year before it, 上半年/一季度 of it; 同年, 次年 and 翌年 follow the year last named
before them), or a plan period (十三五 = 2016–2020); 一年来 in a text published in January or
February is the year before; the last day of a range (2023年5月8日至5月14日) has the first day's
year.  In a text of dated entries (a diary, a blog: lines that are only a date, 2018年3月26日　阴,
naming two dates or more) each entry's date dates its figures as a section heading would, and the
relative words inside it are told from that date.  The base of a multiple (是2017年的3.5倍) is no
anchor.  全年 and 年末 take the year of the last anchor with a year before them in their article
(a statistical bulletin's 2020年 title; not the year of a date such as 2021年3月20日, nor of a
from-value).  A year after 比/较 (比2020年, 比上年, 较去年) is a comparison, not an anchor.  A
year after 由/从 and before 的 (由2014年的17.1%降至0) dates only the figures right after it (one,
or one list), not the value they change to or later clauses.  目前/当前 state no year: a figure
after them gets none, as with 截至目前.  A figure with no time yet takes the one year its section
heading names (一、过去一年…工作回顾), unless its paragraph speaks of a period or total (五年来,
以来, 期间, 累计).  A table cell's year comes from its column, row or caption
(:mod:`shanxi_poverty.extract.quantities`).  Annual averages (年均增长11.4%) keep their period and
no single year.  For an undated document the publication year is estimated as the latest year the
text names (not counting targets such as 到2025年).

**Indicator and programme** come from the shipped vocabulary, matched on the clause around the
figure (up to the next clause or list boundary after it, passing over a bracketed aside such
as 县（市、区）) and checked against the unit's dimension; the subject phrase is kept either
way.  An average per household, person or village (户均, 人均, 每户 … before the figure in
its clause) gets no additive indicator: 户均4.5万元 is not an amount of credit disbursed,
and summing it over regions would be wrong.
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import re
from collections import Counter
from typing import TYPE_CHECKING, Final, NamedTuple

import attrs
import regex

from shanxi_poverty.model import (
    Indicator,
    Measurement,
    Programme,
    Region,
    RegionLevel,
    TimeReference,
)
from shanxi_poverty.normalize import _DATED_LINE

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Mapping, Sequence

    from shanxi_poverty.document import Document
    from shanxi_poverty.extract import Mention
    from shanxi_poverty.regions import Gazetteer, RegionMatch

__all__ = ["resolve_context"]


def __dir__() -> list[str]:
    return __all__


# Piece boundaries use ``re``: its finditer is faster than ``regex``'s on plain classes.
_SENTENCE_END: Final = re.compile(r"[。！？!?\n]++")
#: The words after a figure up to the next clause or list boundary; a bracketed aside that
#: closes within 20 characters is passed over whole (13个县（市、区）全部摘帽).
_PHRASE: Final = re.compile(
    r"(?:[（(][^（）()\n。！？!?；;]{0,20}+[）)]"  # a bracketed aside, whole
    r"|[^，,：:。！？!?；;\n、])*+"
)
_SEGMENT_END: Final = re.compile(r"[。！？!?；;\n]++")
_CLAUSE_END: Final = re.compile(r"[，,：:。！？!?；;\n]++")
#: Where a time that opens a paragraph ends its first clause (2020年， 截至2020年底，; a
#: timeline's 2018年12月， and 2019年7月15日，).
_OPENER_END: Final = re.compile(
    r"(?:[底末]|(?:1[0-2]|0?[1-9]|[一二三四五六七八九十]{1,2})月(?:[0-9]{1,2}日)?)?[，,]"
)
_PARAGRAPH_END: Final = re.compile(r"\n\n*+")  # opens on a literal: skipped to in C

# The patterns scanned over whole texts below are compiled by whichever engine runs them
# faster (``re`` skips to the start of a short word alternation faster; ``regex`` first
# looks for a literal every match holds, 月, 年, 公司); both find the same matches
# (``tests/test_pattern_rewrites.py`` checks it).

#: Deixis words; group ``level`` is the level they point at.
_DEIXIS: Final = re.compile(r"(?:我|全|本|该|此|各)(?P<level>省|市|县|区)(?![委长])")
#: 全村/该村/本村/村里, 全镇/该乡/乡里 …: the village or township named last before them.
_SETTLEMENT_DEIXIS: Final = re.compile(r"(?:我们|咱们|[我全本该此咱])[村镇乡]|[村乡镇]里")
#: Before 镇里/乡里 these make another word (城镇里, 家乡里).
_NOT_SETTLEMENT_AFTER: Final = frozenset("城家故老")
#: 当地/本地: the place named last before them, of any level.
_LOCAL_DEIXIS: Final = re.compile(r"[当本]地")
#: A word that points to a place of its own (全县, 该镇, 三市): a sentence holding one does
#: not take the place its paragraph opened on.
_OWN_DEIXIS: Final = re.compile(r"[全本我该此两二三四五六七八九十各][省市县区乡镇村]")
#: After a place named as a landmark of another (与西沟村相邻的池底村, 与陕西接壤的…).
_NEIGHBOUR: Final = re.compile(r"相邻|毗邻|接壤|交界|相连|隔河相望")
#: The row of a table's totals (合计 3790 2130), which holds no place name.
_TOTAL_ROW: Final = re.compile(r"(?:合计|总计|小计)[\t |]")
#: The places of a list named before: 上述地区, 这些县, 以上各市; 四市, 两县.
_LISTED_DEIXIS: Final = re.compile(
    r"(?:上述|以上|这些|这几个)(?:各)?(?:地区|地方|县区|县市|市县|县|市|地)"
    # (the count checked behind once found, so that the scan skips to its characters)
    r"|(?P<count>[两二三四五六七八九十])(?<![0-9一二两三四五六七八九十百千万第].)个?[市县](?![委长级域])"
)
_COUNT: Final = {c: i for i, c in enumerate("〇一二三四五六七八九十") if i} | {"两": 2}
_SETTLEMENT_LEVEL: Final = {
    "村": RegionLevel.VILLAGE,
    "镇": RegionLevel.TOWNSHIP,
    "乡": RegionLevel.TOWNSHIP,
}
_SETTLED: Final = frozenset(_SETTLEMENT_LEVEL.values())
#: A place name right before one of these names a newspaper or station (吕梁日报讯, 山西
#: 新闻网), not the place a figure is about.
_MEDIA: Final = re.compile(r"日报|晚报|晨报|新闻网|电视台|广播电视台|融媒体|电台")
#: Words that make a clause about a company rather than a place.
_COMPANY: Final = regex.compile(r"(?:该|这家|此)(?:公司|企业)|公司(?<![家个属营]公司)")
#: Sentence openers that continue the previous sentence's context.
_CONNECTIVE: Final = regex.compile(
    r"(?:同时|此外|另外|其中|并且|而且|此批|此次|该批|这批|这些|此|该|还)"
)
_QUOTE: Final = re.compile(r"“[^“”\n]{1,20}+”")

# These open on a literal or a class, with their lookbehind after it, so that the engine
# skips to the positions where a match can start.
_YEAR: Final = regex.compile(r"(?P<year>(?:19|20)(?<![0-9]..)[0-9]{2})年")
#: A year in Chinese numerals (二〇一九年, 二零二〇年), not inside a longer numeral.
_CN_YEAR: Final = re.compile(
    r"[一二](?<![〇零○一二三四五六七八九十百千万].)[〇零○一二三四五六七八九]{3}年"
)
_CN_DIGITS: Final = str.maketrans("〇零○一二三四五六七八九", "000123456789")
_COMPARISON: Final = regex.compile(r"(?:比|较|同比|相比)$")
#: 到/至 right before a year make it a target (到2025年), not an anchor.
_TARGET: Final = frozenset("到至")
_RATIO_OF: Final = re.compile(r"[底末]?的[0-9０-９.．一二两三四五六七八九十]{1,8}+多?倍")
_AS_OF_WORDS: Final = frozenset({"截至", "止到"})  # 截至2020年, 截止到2020年
#: 由/从 before 2014年的: a from-value of a change (由2014年的17.1%降至0).
_FROM: Final = frozenset("由从")
#: What follows the time of a from-value: 的, or 底的/末的 (由上年底的15.8%).
_OF_TIME: Final = re.compile(r"[底末]?的")
#: 目前/当前: the present, no year stated; a figure after it takes no earlier year.
_NOW: Final = re.compile(r"目前|当前")
_DAY: Final = regex.compile(
    r"(?P<month>1[0-2](?<![0-9年]..)|[1-9](?<![0-9年].))月(?P<day>[1-9]|[12][0-9]|3[01])日"
)
#: The first day of a range of days that names its year, right before the last day
#: (2023年5月8日至5月14日).
_DATE_RANGE_FROM: Final = regex.compile(
    r"(?P<year>(?:19|20)[0-9]{2})年[0-9]{1,2}月[0-9]{1,2}日(?:至|到|—|-|～|~)$"
)
_DATE_RANGE_FROM_MAX: Final = 14
_AS_OF: Final = regex.compile(
    r"截[至止]到?+(?:(?P<year>(?:19|20)[0-9]{2})年)?+"
    r"(?:(?P<month>1[0-2]|0?[1-9])月(?:(?P<day>[0-9]{1,2})日|底|末)?+)?+(?P<now>目前|现在|当前|今天)?+"
)
_RELATIVE_WORDS: Final = (
    *("今年", "去年", "前年", "明年", "上年", "当年", "同年", "次年", "翌年", "年内", "本年"),
    *("一年来", "近一年来", "过去一年"),
    # days just before publication (近日，左权县举办…): of the publication year
    *("近日", "日前", "昨天", "昨日", "昨晚", "今天", "今日", "今晚", "今晨", "当天", "当日"),
    *("本周", "本月"),
)
_RELATIVE: Final = re.compile(f"(?P<word>{'|'.join(_RELATIVE_WORDS)})")
#: Parts of a year (上半年, 前三季度, 一季度), of this year unless right after a year
#: (去年上半年, 2020年一季度).  Found by their tails, rare characters, for a fast scan:
#: the words themselves open on characters as common as 一 and 上.
_YEAR_PART_TAIL: Final = re.compile(r"半年|季度")
_YEAR_PART: Final = re.compile(r"[上下]半年|前三季度|第?[一二三四]季度")
_RELATIVE_OFFSET: Final = {"去年": -1, "上年": -1, "前年": -2, "明年": 1}
#: "Over the past year": the publication year, or the year before when the text is published
#: by the end of February (the year-end reviews of January).
_PAST_YEAR: Final = frozenset({"一年来", "近一年来", "过去一年"})
_LOOKS_BACK_UNTIL: Final = 2
#: Years told from the year last named before them, not from the publication date: 当年
#: and 上年 from one named earlier in their paragraph (2016年，…当年搬迁1620户; 2016年12月，
#: …由上年底的15.8%), falling back on the publication year; 同年, 次年 and 翌年 from one
#: named anywhere before them in the text (a timeline's 2017年6月，… ¶ 同年9月，…).
_ANAPHORIC_OFFSET: Final = {"当年": 0, "上年": -1, "同年": 0, "次年": 1, "翌年": 1}
_ANAPHORIC_IN_PARAGRAPH: Final = frozenset({"当年", "上年"})
#: How far back 同年/次年 look for the year they follow.
_ANAPHORA_LOOKBACK: Final = 2000
#: The whole year, or its end, of the year the text is about (全年全市地区生产总值, 年末).
_FULL_YEAR: Final = re.compile(r"全年|年末")
_MONTH: Final = re.compile(r"[0-9一二三四五六七八九十]{1,2}月")
_PLAN: Final = regex.compile(r"(?P<plan>十[一二三四五]五)")
_PLAN_YEARS: Final = {
    "十一五": 2006,
    "十二五": 2011,
    "十三五": 2016,
    "十四五": 2021,
    "十五五": 2026,
}
_AVERAGE: Final = regex.compile(r"(?:年均|平均每年|每年平均|年平均)[^，,。；;]{0,6}+$")
_SINCE: Final = regex.compile(r"以来")
_RESPECTIVELY: Final = "分别"
#: How far back (in characters) context is read for a figure, whatever the punctuation.
MAX_LOOKBACK: Final = 400
#: Words that make a % figure a growth rate of what the passage measures (年均增长11.4%).
_GROWTH: Final = regex.compile(r"增长|增幅|增速|提高")
#: Words that make a figure an average per household, person or village (户均4.5万元):
#: it is no amount of an additive indicator, which would be summed over regions.
_PER_UNIT: Final = re.compile(r"户均|人均|村均|每户|每人|每村|平均每")
#: A growth indicator's id is its base indicator's id with this suffix (indicators.toml).
_GROWTH_SUFFIX: Final = "_growth"
#: The campaign as a whole: too broad to give a figure a default indicator.
_CATCH_ALL_PROGRAMME: Final = "campaign"
_DECEMBER: Final = 12
_FIRST_YEAR: Final = 1900
_LAST_YEAR: Final = 2099
_CLAUSE_STOPS: Final = "，,。；;\n"
_SENTENCE_STOPS: Final = "。！？!?\n"
#: More or less than: after these, a time word or a place is what something is compared with.
_MORE_OR_LESS: Final = frozenset({"超过", "高于", "低于", "多于", "少于"})
#: Words after which a relative time word is what something is compared with (与去年持平,
#: 产量超过去年); anywhere else in its clause it anchors the figures after it (在去年,
#: 全县今年, 合作社今年新建), as it does after 比上年 (比 and 较 are checked before the word).
_COMPARED_VERBS: Final = _MORE_OR_LESS | {"不如", "与", "和", "同", "跟", "于"}
#: A dateline and byline opening a paragraph: 本报讯（记者 赵刚）, 吕梁日报讯(记者 王强),
#: （记者 刘芳）.
_DATELINE: Final = re.compile(
    r"(?:[^，,。；;\n（(]{0,10}讯\s{0,2})?[（(][^（()）\n]{1,40}[）)]\s{0,2}"
)
_COORDINATORS: Final = frozenset({"、", "和", "与", "及", "以及"})
#: A first clause that only says where the news comes from (本报讯 记者从省乡村振兴局获悉，):
#: a time right after it still opens the paragraph.
_REPORTING_FRAME: Final = re.compile(
    r"(?:[^，,。；;\n]{0,10}讯\s{0,2})?[^，,。；;\n]{0,30}(?:获悉|了解到|得知)[，,：:]"
)
#: Before a place: it is what the figure is compared with (增速高于全省平均水平1.3个百分点,
#: 比全国高2个百分点) or a share of (占全省的78.6%), not what it is about.
_COMPARED_WITH: Final = _MORE_OR_LESS | {"比", "较", "快于", "慢于", "超出", "占"}
#: After named places: they are examples of more (壶关县、平顺县等8个贫困县).
_ET_CETERA: Final = "等"
#: Words of a period or total over years, which a section heading's year does not date.
_PERIOD_WORDS: Final = re.compile(r"年来|以来|期间|累计")
#: Levels of the place a section heading names that make it the section's home region.
_SECTION_LEVELS: Final = frozenset({RegionLevel.PREFECTURE, RegionLevel.COUNTY})


@attrs.frozen
class _Place:
    """A place reference: named regions (one, or a coordinated list) or a deixis word."""

    start: int
    end: int
    regions: tuple[Region, ...] = ()
    deixis_level: str | None = None
    company: bool = False


@attrs.frozen
class _Time:
    start: int
    end: int
    time: TimeReference
    #: 由2014年的17.1%: the year of the from-values right after it only (one, or a list:
    #: 分别由2016年的4881元、4714元), not of the figure they change to (降至1.2%) or of
    #: later clauses' figures.
    from_value: bool = False


def _boundaries(text: str, pattern: re.Pattern[str]) -> list[int]:
    """Start offsets of the pieces of ``text`` split by ``pattern`` (always begins with 0)."""
    starts = [0]
    starts += [m.end() for m in pattern.finditer(text)]
    if starts[-1] == len(text) > 0:
        starts.pop()  # a piece starting at the very end would be empty
    return starts


def _within(piece_start: int, pos: int) -> int:
    """Where a backwards look from ``pos`` stops: the piece start, at most
    :data:`MAX_LOOKBACK` characters back (keeps long unpunctuated lines linear)."""
    return max(piece_start, pos - MAX_LOOKBACK)


class _Pieces(NamedTuple):
    """Where a figure stands: its sentence (index and start), and where a look back from the
    figure stops in its sentence, clause and segment (:func:`_within`).  Found once per
    figure and shared by its region, time and phrases."""

    s_index: int
    sentence: int
    sentence_from: int
    clause_from: int
    segment_from: int


def _piece(starts: list[int], pos: int) -> tuple[int, int]:
    """Index and start of the piece holding ``pos``."""
    i = bisect.bisect_right(starts, pos) - 1
    return i, starts[i]


def _named_years(text: str) -> list[tuple[int, int, int]]:
    """``(start, end, year)`` of every year written out with 年, in Arabic or Chinese
    numerals (2019年, 二〇一九年), in text order."""
    found = [(m.start(), m.end(), int(m["year"])) for m in _YEAR.finditer(text)]
    for m in _CN_YEAR.finditer(text):
        year = int(m[0][:-1].translate(_CN_DIGITS))
        if _FIRST_YEAR <= year <= _LAST_YEAR:
            found.append((m.start(), m.end(), year))
    return sorted(found)


def _without_dateline(opener: str) -> str:
    """The words of a clause before a time word, less a dateline and byline that open it
    (本报讯（记者 赵刚）去年，…: 去年 is still in adverbial position)."""
    if opener and opener[-1] in "）)" and (dateline := _DATELINE.match(opener)):
        return opener[dateline.end() :]
    return opener


def _start_before(text: str, pos: int, stops: str) -> int:
    """Where the piece holding ``pos`` starts: after the last of ``stops`` before it (at most
    ``MAX_LOOKBACK`` back)."""
    lookback = max(0, pos - MAX_LOOKBACK)
    return max(lookback, *(text.rfind(c, lookback, pos) + 1 for c in stops))


def _year_parts(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, word)`` of the parts of a year not right after a year (上半年 but not
    去年上半年), found from their tails."""
    found = []
    for tail in _YEAR_PART_TAIL.finditer(text):
        for start in range(max(0, tail.start() - 2), tail.start()):
            part = _YEAR_PART.match(text, start, tail.end())
            if part is not None and part.end() == tail.end():
                if start == 0 or text[start - 1] != "年":
                    found.append((start, tail.end(), part[0]))
                break
    return found


def _after_comparison(text: str, pos: int) -> bool:
    """Whether a comparison word (比, 较, 同比, 相比) ends right before ``pos``."""
    return _COMPARISON.search(text, max(0, pos - 2), pos) is not None


def _settlement_word_level(word: str) -> RegionLevel:
    """The level a match of :data:`_SETTLEMENT_DEIXIS` stands for (全村, 该镇, 我们村; 村里,
    乡里)."""
    return _SETTLEMENT_LEVEL[word[-2] if word[-1] == "里" else word[-1]]


def _is_from_value(text: str, start: int, end: int) -> bool:
    """Whether the time anchor ``text[start:end]`` dates the from-value of a change
    (由2014年的17.1%降至0, 从上年底的15.8%)."""
    return start > 0 and text[start - 1] in _FROM and _OF_TIME.match(text, end) is not None


def _ratio_base(text: str, end: int) -> bool:
    """Whether the time ending at ``end`` is the base of a multiple (是2017年的3.5倍, 为去年
    的2倍), not the time of the figure."""
    return _RATIO_OF.match(text, end) is not None


def _after_target(text: str, pos: int) -> bool:
    """Whether 到/至 comes right before ``pos`` (到2025年: a target), not as part of 截至/截止到
    (截至2020年底: an as-of date)."""
    return pos > 0 and text[pos - 1] in _TARGET and text[pos - 2 : pos] not in _AS_OF_WORDS


def _estimated_year(text: str) -> int | None:
    """The latest year named in ``text``, not counting targets (到2025年)."""
    years = [year for start, _, year in _named_years(text) if not _after_target(text, start)]
    return max(years) if years else None


def _month_end(year: int, month: int) -> dt.date:
    following = dt.date(year + (month == _DECEMBER), month % _DECEMBER + 1, 1)
    return following - dt.timedelta(days=1)


def _date(year: int | None, month: str | None, day: str | None) -> dt.date | None:
    if year is None or not month:
        return None
    if not day:
        return _month_end(year, int(month))
    try:
        return dt.date(year, int(month), int(day))
    except ValueError:
        return None


def _bare_settlements(
    text: str, matches: list[RegionMatch], *, same_text: bool = True
) -> list[RegionMatch]:
    """The bare names (the stem alone, three or more characters) of the villages and
    townships among ``matches`` where they stand in ``text`` not before their suffix and,
    when ``matches`` were found in ``text`` itself (``same_text``), outside every match: 锡崖沟
    of 锡崖沟村."""
    from shanxi_poverty.regions import RegionMatch  # noqa: PLC0415

    stems = {
        m.text[:-1]: m.region
        for m in matches
        if m.region.level in _SETTLED and m.text[-1] in _SETTLEMENT_LEVEL and len(m.text) > 3  # noqa: PLR2004
    }
    if not stems:
        return []
    starts = [m.start for m in matches]
    pattern = re.compile("|".join(map(re.escape, sorted(stems, key=len, reverse=True))))
    found = []
    for m in pattern.finditer(text):
        if text[m.end() : m.end() + 1] in _SETTLEMENT_LEVEL:
            continue  # the full name
        i = bisect.bisect_right(starts, m.start()) - 1
        if same_text and i >= 0 and matches[i].end > m.start():
            continue  # inside another name
        found.append(RegionMatch(m.start(), m.end(), stems[m[0]], m[0]))
    return found


def _find_times(text: str, doc_year: int | None, doc_date: dt.date | None = None) -> list[_Time]:
    """Every time anchor of the text, in order; ``doc_date`` is the publication date, when
    known (一年来 in January looks back over the year before, and 2月27日 in a text of 26
    January is of the year before too)."""
    doc_month = doc_date.month if doc_date is not None else None
    times: list[_Time] = []
    taken: set[int] = set()  # positions already inside an anchor (anchors are short)

    def add(start: int, end: int, time: TimeReference, *, from_value: bool = False) -> None:
        if taken.isdisjoint(range(start, end)):
            times.append(_Time(start, end, time, from_value))
            taken.update(range(start, end))

    for m in _AS_OF.finditer(text):
        if m["year"] is None and m["month"] is None and m["now"] is None:
            continue
        year = int(m["year"]) if m["year"] else (None if m["now"] else doc_year)
        add(
            m.start(),
            m.end(),
            TimeReference(year=year, as_of=_date(year, m["month"], m["day"]), expression=m[0]),
        )
    for start, end, year in _named_years(text):
        if _after_comparison(text, start) or _ratio_base(text, end):
            continue
        if text.startswith("以来", end):
            period = TimeReference(start_year=year, expression=text[start:end] + "以来")
            add(start, end + 2, period)
        else:
            add(
                start,
                end,
                TimeReference(year=year, expression=text[start:end]),
                from_value=_is_from_value(text, start, end),
            )
    for now in _NOW.finditer(text):  # after 截至目前, which is an as-of anchor
        add(now.start(), now.end(), TimeReference(expression=now[0]))
    for day in _DAY.finditer(text):
        year = doc_year
        if ranged := _DATE_RANGE_FROM.search(
            text, max(0, day.start() - _DATE_RANGE_FROM_MAX), day.start()
        ):
            year = int(ranged["year"])  # 2023年5月8日至5月14日: the first day's year
        elif (
            year is not None
            and doc_date is not None
            and (int(day["month"]), int(day["day"])) > (doc_date.month, doc_date.day)
        ):
            year -= 1  # a day later in the year than the text: the year before's
        add(
            day.start(),
            day.end(),
            TimeReference(
                year=year, as_of=_date(year, day["month"], day["day"]), expression=day[0]
            ),
        )
    relatives = [(m.start(), m.end(), m["word"]) for m in _RELATIVE.finditer(text)]
    parts = _year_parts(text)
    part_starts = {start for start, _, _ in parts}
    relatives += parts
    for start, end, word in sorted(relatives):
        if _after_comparison(text, start) or _ratio_base(text, end):
            continue
        lead = text[max(0, start - 2) : start]
        if lead[-1:] in _COMPARED_VERBS or lead in _COMPARED_VERBS:
            continue
        from_value = _is_from_value(text, start, end)
        # a part of a year (一季度, 上半年) is of the year its paragraph named before it
        in_paragraph = word in _ANAPHORIC_IN_PARAGRAPH or start in part_starts
        if word in _ANAPHORIC_OFFSET or in_paragraph:
            scope = (
                text.rfind("\n", 0, start) + 1
                if in_paragraph
                else max(0, start - _ANAPHORA_LOOKBACK)
            )
            named = [int(m["year"]) for m in _YEAR.finditer(text, scope, start)]
            if named:
                year = named[-1] + _ANAPHORIC_OFFSET.get(word, 0)
                add(start, end, TimeReference(year=year, expression=word), from_value=from_value)
                continue
            if not in_paragraph:
                continue  # 同年 with no year before it: no year to tell
        if doc_year is None:
            continue
        since = text.startswith("以来", end)
        offset = _RELATIVE_OFFSET.get(word, 0)
        if word in _PAST_YEAR and doc_month is not None and doc_month <= _LOOKS_BACK_UNTIL:
            offset = -1  # 一年来 in a review of January or February: the year just ended
        time = TimeReference(year=doc_year + offset, expression=word + ("以来" if since else ""))
        add(start, end + (2 if since else 0), time, from_value=from_value)
    for m in _PLAN.finditer(text):
        first = _PLAN_YEARS[m["plan"]]
        add(
            m.start(),
            m.end(),
            TimeReference(start_year=first, end_year=first + 4, expression=m["plan"]),
        )
    times.sort(key=lambda t: t.start)
    return times


#: The relative time words told from the date of the entry they stand in, not from the
#: publication date (今天 in a diary entry of 2018年3月26日 is that day): all but those told
#: from a year named before them.
_NOW_RELATIVE: Final = frozenset(_RELATIVE_WORDS) - _ANAPHORIC_OFFSET.keys()


def _dated_entries(text: str) -> list[_Time]:
    """The dated lines that head the entries of a text made of them (a diary, a blog's
    updates; ``normalize._DATED_LINE``), with their date's year, when they name at least
    two different dates (a page header repeated on every page names one)."""
    lines = list(_DATED_LINE.finditer(text))
    if len({m[0].strip() for m in lines}) < 2:  # noqa: PLR2004 - entries, not one header
        return []
    return [
        _Time(m.start(), m.end(), TimeReference(year=int(m["year"]), expression=m[0].strip()))
        for m in lines
    ]


def _rebased(times: list[_Time], entries: list[_Time]) -> list[_Time]:
    """``times`` with the relative words inside a dated entry (:data:`_NOW_RELATIVE`)
    told from the entry's year."""
    starts = [entry.start for entry in entries]
    out = []
    for anchor in times:
        word = (anchor.time.expression or "").removesuffix("以来")
        i = bisect.bisect_right(starts, anchor.start) - 1
        entry_year = entries[i].time.year if i >= 0 else None
        if word in _NOW_RELATIVE and entry_year is not None and anchor.time.year is not None:
            year = entry_year + _RELATIVE_OFFSET.get(word, 0)
            out.append(attrs.evolve(anchor, time=attrs.evolve(anchor.time, year=year)))
        else:
            out.append(anchor)
    return out


class _Resolver:
    """Per-document indexes of sentences, clauses, places and times."""

    def __init__(self, doc: Document) -> None:
        from shanxi_poverty.regions import load_gazetteer  # noqa: PLC0415 - loads data

        self.doc = doc
        self.text = doc.text
        self.gazetteer: Gazetteer = load_gazetteer()
        self.sentences = _boundaries(self.text, _SENTENCE_END)
        self.segments = _boundaries(self.text, _SEGMENT_END)
        self.clauses = _boundaries(self.text, _CLAUSE_END)
        self.paragraphs = _boundaries(self.text, _PARAGRAPH_END)
        date = doc.meta.published_date
        self.doc_year = date.year if date is not None else _estimated_year(self.text)
        self.division_home = self._home_of(doc.meta.home_region)
        self.region_matches = self._region_matches()
        self.homes = self._homes()
        self.article_starts = [start for start, _ in self.homes]
        self.section_spans = self._section_spans()
        self.home_changes = self._home_changes()
        self.home_starts = [start for start, _ in self.home_changes]
        self.dated_entries = _dated_entries(self.text)
        times = self._with_full_years(_find_times(self.text, self.doc_year, date))
        self.times = _rebased(times, self.dated_entries) if self.dated_entries else times
        self.time_starts = [t.start for t in self.times]
        self.section_times = self._section_times()
        self.section_starts = [start for start, _ in self.section_times]
        self.named_places: list[_Place] = []  # single named places, set by _find_places
        self.places = self._find_places()
        self.place_starts = [p.start for p in self.places]
        self._phrase_ends: dict[int, int] = {}
        self.openers = self._paragraph_openers()

    def _with_full_years(self, times: list[_Time]) -> list[_Time]:
        """``times`` and the anchors 全年/年末 make: the year of the last anchor with a year
        before them in their article (the statistical bulletin's 2020年 title, a 今年 two
        paragraphs up; not the year of a date, 2021年3月20日), when there is one.  Not after
        a year (2020年全年, part of it) or a comparison (比全年)."""
        starts = [t.start for t in times]
        added = []
        for m in _FULL_YEAR.finditer(self.text):
            start = m.start()
            if (start > 0 and self.text[start - 1] == "年") or _after_comparison(self.text, start):
                continue
            article = self.article_starts[bisect.bisect_right(self.article_starts, start) - 1]
            i = bisect.bisect_left(starts, start) - 1
            if i >= 0 and times[i].end > start:
                continue  # inside an anchor
            while i >= 0 and times[i].start >= article:
                earlier = times[i]
                if (
                    earlier.time.year is not None
                    and not earlier.from_value
                    and not _MONTH.match(self.text, earlier.end)  # a date line's year
                ):
                    time = TimeReference(year=earlier.time.year, expression=m[0])
                    added.append(_Time(start, m.end(), time))
                    break
                i -= 1
        return sorted(times + added, key=lambda t: t.start) if added else times

    # -- places ---------------------------------------------------------------------------
    def _home_of(self, name: str | None) -> Region | None:
        if not name:
            return None
        try:
            return self.gazetteer.get(name)
        except LookupError:
            return None

    def _homes(self) -> list[tuple[int, Region | None]]:
        """Home region from each article start on (the document's before the first)."""
        doc_home = self.division_home
        heading = " ".join(t for t in (self.doc.meta.title, self.doc.meta.subtitle) if t)
        doc_home = self._settlement_home(heading, doc_home) or doc_home
        homes: list[tuple[int, Region | None]] = [(0, doc_home)]
        homes.extend(
            (a.span.start, self._home_of(a.meta.home_region) or doc_home) for a in self.doc.articles
        )
        return homes

    def _settlement_home(self, title: str | None, home: Region | None) -> Region | None:
        """The township or village a title names, when it is the only one it names and the
        text says 全镇/该村 … of its level: a township's work summary (碛口镇2022年工作总结) is
        at home in the township, inside the home county."""
        from shanxi_poverty.regions import find_regions  # noqa: PLC0415

        if not title:
            return None
        named = {
            m.region.name: m.region
            for m in find_regions(title, within=home, gazetteer=self.gazetteer)
            if m.region.level in _SETTLED
        }
        # or its bare name (锡崖沟：从绝壁凿路到民宿经济), when the text names it in full
        for m in _bare_settlements(title, self.region_matches, same_text=False):
            named.setdefault(m.region.name, m.region)
        if len(named) != 1:
            return None
        (settlement,) = named.values()
        levels = {_settlement_word_level(m[0]) for m in _SETTLEMENT_DEIXIS.finditer(self.text)}
        return settlement if settlement.level in levels else None

    def _home_changes(self) -> list[tuple[int, Region | None]]:
        """Where the home region changes, and to what: at each article start (the article's
        home), and at each section heading (the one city or county it names, if it names
        one, 在临县碛口看红枣 in a feature about several counties; else its article's
        home), in text order."""
        from shanxi_poverty.regions import find_regions  # noqa: PLC0415

        changes = list(self.homes)
        for found, at in self.section_spans:
            named = {
                m.region
                for m in find_regions(
                    self.text[found:at], settlements=False, gazetteer=self.gazetteer
                )
                if m.region.level in _SECTION_LEVELS
            }
            article = bisect.bisect_right(self.article_starts, found) - 1
            changes.append((found, named.pop() if len(named) == 1 else self.homes[article][1]))
        # stable: a section starting where its article does follows the article's entry
        return sorted(changes, key=lambda change: change[0])

    def _section_spans(self) -> list[tuple[int, int]]:
        """Where each section heading of the metadata stands in the text, in order."""
        spans = []
        at = 0
        for heading in self.doc.meta.sections:
            found = self.text.find(heading, at)
            if found >= 0:
                at = found + len(heading)
                spans.append((found, at))
        return spans

    def _section_times(self) -> list[tuple[int, TimeReference | None]]:
        """Where each section heading starts, and the one year its time words name, if they
        name one (一、过去一年和“十三五”时期工作回顾 in a report of January 2021: 2020)."""
        out = []
        for start, end in self.section_spans:
            years = {t.time.year: t.time for t in self._times_between(start, end) if t.end <= end}
            years.pop(None, None)
            out.append((start, years.popitem()[1] if len(years) == 1 else None))
        if self.dated_entries:
            out = sorted(out + [(entry.start, entry.time) for entry in self.dated_entries])
        return out

    def _section_time(self, pos: int) -> TimeReference | None:
        """The time of the section holding ``pos``, if its heading names one, unless the
        paragraph before ``pos`` speaks of a period (五年来, 以来, 累计: totals over years)."""
        i = bisect.bisect_right(self.section_starts, pos) - 1
        time = self.section_times[i][1] if i >= 0 else None
        if time is None or _PERIOD_WORDS.search(self.text, _piece(self.paragraphs, pos)[1], pos):
            return None
        return time

    def home_at(self, pos: int) -> Region | None:
        """The home region at ``pos``: of its section, else of its article or document."""
        i = bisect.bisect_right(self.home_starts, pos) - 1
        return self.home_changes[max(i, 0)][1]

    def _region_matches(self) -> list[RegionMatch]:
        """The place names of the text, with the bare names of the villages and townships it
        also names in full (锡崖沟 after 锡崖沟村)."""
        from shanxi_poverty.regions import find_regions  # noqa: PLC0415

        matches: list[RegionMatch] = find_regions(
            self.text, within=self.division_home, year=self.doc_year, gazetteer=self.gazetteer
        )
        bare = _bare_settlements(self.text, matches)
        return sorted(matches + bare, key=lambda m: m.start) if bare else matches

    def _find_places(self) -> list[_Place]:
        # Quotes do not nest or overlap, so the one that may hold a match is the last one
        # opening before it.
        quoted = [(m.start(), m.end()) for m in _QUOTE.finditer(self.text)]
        quote_starts = [lo for lo, _ in quoted]
        matches = self.region_matches
        places: list[_Place] = []
        # every township and village named, also those an adjacent name absorbs below
        # (方山县峪口镇张家塔村 is one place, 张家塔村, but 该镇 after it is still 峪口镇)
        settlements: list[_Place] = []
        for match in matches:
            if _MEDIA.match(self.text, match.end):
                continue
            i = bisect.bisect_left(quote_starts, match.start) - 1
            if i >= 0:
                lo, hi = quoted[i]
                if match.end < hi and self.text[lo + 1 : hi - 1] != match.text:
                    continue  # a brand such as “天镇保姆”, not a place
            if match.region.level in _SETTLED:
                settlements.append(_Place(match.start, match.end, (match.region,)))
            previous = places[-1] if places and places[-1].deixis_level is None else None
            gap = self.text[previous.end : match.start] if previous else None
            if previous is not None and gap in _COORDINATORS:
                places[-1] = _Place(previous.start, match.end, (*previous.regions, match.region))
            elif previous is not None and gap == "" and len(previous.regions) == 1:
                places[-1] = _Place(previous.start, match.end, (match.region,))  # 太原市迎泽区
            else:
                places.append(_Place(match.start, match.end, (match.region,)))
        self.named_places = [p for p in places if len(p.regions) == 1]
        places.extend(
            self._settlement_deixis(settlements)
            + self._local_deixis(places)
            + self._listed_deixis(places)
        )
        places.extend(
            _Place(m.start(), m.end(), deixis_level=m["level"]) for m in _DEIXIS.finditer(self.text)
        )
        places.extend(
            _Place(m.start(), m.end(), company=True) for m in _COMPANY.finditer(self.text)
        )
        places.sort(key=lambda p: p.start)
        return places

    def _settlement_deixis(self, settlements: list[_Place]) -> list[_Place]:
        """全村/该镇 … as the village or township of their level named last before them in
        their article (within ``MAX_LOOKBACK``); left out when none is, so that the figure
        falls back to the places around it as if the word were not there.  ``settlements``:
        the townships and villages named, one place each, in text order."""
        if not settlements:  # nothing for the words to stand for: no need to look for them
            return []
        by_level = {
            level: [p for p in settlements if p.regions[0].level is level] for level in _SETTLED
        }
        found = []
        for m in _SETTLEMENT_DEIXIS.finditer(self.text):
            word, start = m[0], m.start()
            # 村里, 乡里: unless part of 城镇里, 家乡里
            if word[1] == "里" and start > 0 and self.text[start - 1] in _NOT_SETTLEMENT_AFTER:
                continue
            if (place := self._named_last(by_level[_settlement_word_level(word)], m)) is not None:
                found.append(place)
        return found

    def _local_deixis(self, named: list[_Place]) -> list[_Place]:
        """当地/本地 as the place named last before them in their article (within
        ``MAX_LOOKBACK``), of any level; left out when none is."""
        named = [p for p in named if p.regions]
        return [
            place
            for m in _LOCAL_DEIXIS.finditer(self.text)
            if (place := self._named_last(named, m)) is not None
        ]

    def _listed_deixis(self, named: list[_Place]) -> list[_Place]:
        """上述地区/这些县 as the last list of places named before them in their article, and
        四市/两县 standing alone as the last list of as many places within ``MAX_LOOKBACK``
        (大同、忻州、吕梁、临汾是…4个市，四市累计…); left out when there is none."""
        lists = [p for p in named if len(p.regions) > 1]
        if not lists:
            return []
        found = []
        for m in _LISTED_DEIXIS.finditer(self.text):
            i = bisect.bisect_left(lists, m.start(), key=lambda p: p.start) - 1
            if i < 0 or lists[i].end == m.start():  # 娄烦、阳曲两县 is the list itself
                continue
            article = self.article_starts[bisect.bisect_right(self.article_starts, m.start()) - 1]
            listed = lists[i]
            if listed.start < article:
                continue
            if m["count"] is not None and (
                listed.start < m.start() - MAX_LOOKBACK
                or _COUNT.get(m["count"]) != len(listed.regions)
            ):
                continue
            found.append(_Place(m.start(), m.end(), listed.regions))
        return found

    def _named_last(self, named: list[_Place], word: re.Match[str]) -> _Place | None:
        """``word`` standing for the last of ``named`` (places in text order) before it in
        its article and within ``MAX_LOOKBACK``, if any."""
        i = bisect.bisect_left(named, word.start(), key=lambda p: p.start) - 1
        if i < 0:
            return None
        article = self.article_starts[bisect.bisect_right(self.article_starts, word.start()) - 1]
        if named[i].start < max(article, word.start() - MAX_LOOKBACK):
            return None
        return _Place(word.start(), word.end(), named[i].regions)

    def _named_before(self, pos: int) -> Iterator[Region]:
        """Regions of the single places named before ``pos`` in its article and within
        ``MAX_LOOKBACK``, last first."""
        article = self.article_starts[bisect.bisect_right(self.article_starts, pos) - 1]
        lowest = max(article, pos - MAX_LOOKBACK)
        i = bisect.bisect_left(self.named_places, pos, key=lambda p: p.start) - 1
        while i >= 0 and self.named_places[i].start >= lowest:
            yield self.named_places[i].regions[0]
            i -= 1

    def _places_between(self, start: int, end: int) -> list[_Place]:
        i = bisect.bisect_left(self.place_starts, start)
        out = []
        while i < len(self.places) and self.places[i].start < end:
            if self.places[i].end <= end:
                out.append(self.places[i])
            i += 1
        return out

    def _deixis(self, level: str, pos: int, focus: Iterable[Region]) -> tuple[Region, ...]:
        home = self.home_at(pos)
        wanted = {"省": RegionLevel.PROVINCE, "市": RegionLevel.PREFECTURE}.get(
            level, RegionLevel.COUNTY
        )
        # the places named in the sentence, nearest first (临县是全国有名的红枣之乡，全县…:
        # 全国 is of no county), the home region, then, when none is of the level (全县 in a
        # 吕梁 feature, after a sentence about 临县), those named shortly before
        for region in itertools.chain(focus, (home,), self._named_before(pos)):
            if region is None:
                continue
            for candidate in (region, *self.gazetteer.ancestors(region)):
                if candidate.level is wanted:
                    return (candidate,)
        if wanted is RegionLevel.PROVINCE:
            return (self.gazetteer.get("山西省"),)
        return (home,) if home is not None else ()

    def _place_regions(
        self, place: _Place, pos: int, context: Sequence[_Place]
    ) -> tuple[Region, ...]:
        if place.company:
            return ()
        if place.deixis_level is not None:
            named = (earlier.regions[-1] for earlier in reversed(context) if earlier.regions)
            return self._deixis(place.deixis_level, pos, named)
        return place.regions

    def _compared_with(self, place: _Place) -> bool:
        """Whether ``place`` follows a comparison word (高于全省, 比全国): what a figure is
        compared with, not what it is about."""
        start = place.start
        text = self.text
        return (
            text[start - 1 : start] in _COMPARED_WITH or text[start - 2 : start] in _COMPARED_WITH
        )

    def _enclosing(self, regions: tuple[Region, ...]) -> tuple[Region, ...]:
        """The nearest division enclosing all of ``regions`` (``regions`` if there is none)."""
        shared = self.gazetteer.enclosing(regions)
        return regions if shared is None else (shared,)

    def _topic(self, start: int, end: int) -> tuple[Region, ...] | None:
        """Regions of the first place named in ``[start, end)``, if any, passing over one
        named as a neighbour (与西沟村相邻的池底村: 池底村)."""
        places = self._places_between(start, end)
        if not places:
            return None
        first = next((p for p in places if not _NEIGHBOUR.match(self.text, p.end)), places[0])
        regions = self._place_regions(first, first.start, places)
        if first.regions and self.text.startswith(_ET_CETERA, first.end):
            return self._enclosing(regions)  # 天镇、广灵、阳高等县: examples of 大同市's
        return regions

    def pieces(self, pos: int) -> _Pieces:
        """The sentence, clause and segment holding ``pos``."""
        s_index, sentence = _piece(self.sentences, pos)
        return _Pieces(
            s_index,
            sentence,
            _within(sentence, pos),
            _within(_piece(self.clauses, pos)[1], pos),
            _within(_piece(self.segments, pos)[1], pos),
        )

    def regions_for(
        self, mention: Mention, pieces: _Pieces, list_sizes: Mapping[int, int]
    ) -> tuple[Region, ...]:
        start = mention.start
        s_index, sentence = pieces.s_index, pieces.sentence
        before = self._places_between(pieces.clause_from, start)
        if any(self._compared_with(p) for p in before):
            before = [p for p in before if not self._compared_with(p)]
        if before:
            focus = before[-1]
            context = self._places_between(pieces.sentence_from, start)
            regions = self._place_regions(focus, start, context)
            if focus.regions and self.text.startswith(_ET_CETERA, focus.end):
                # 壶关县、平顺县等8个县: examples of more, in the place named before them in
                # the clause (该镇桥沟村等5个村), else in the division enclosing them
                if len(before) > 1:
                    return self._place_regions(before[-2], start, context)
                return self._enclosing(regions)
            if (
                len(regions) > 1
                and mention.list_index is not None
                and _RESPECTIVELY in self.text[focus.end : start]
                and mention.list_id is not None
                and list_sizes.get(mention.list_id) == len(regions)
            ):
                return (regions[mention.list_index],)
            return regions
        paragraph = _piece(self.paragraphs, start)[1]
        article = bisect.bisect_right(self.article_starts, start) - 1
        if _TOTAL_ROW.match(self.text, paragraph):  # a table's 合计 row: the whole the rows add to
            home = self.homes[article][1]
            return (home,) if home is not None else ()
        paired = self._paired_with_earlier_list(mention, pieces, list_sizes)
        if paired is not None:
            return paired
        for scope_from in (pieces.segment_from, pieces.sentence_from):
            topic = self._topic(scope_from, start)
            if topic is not None:
                return topic
        if s_index > 0 and _CONNECTIVE.match(self.text, sentence):
            previous = self._topic(_within(self.sentences[s_index - 1], sentence), sentence)
            if previous is not None:
                return previous
        # the place a paragraph opens on (在临县城庄镇刘家圪垛村，…) for its later sentences
        # that name none and say no 全县/三市 of their own
        opening = max(paragraph, self.article_starts[article])
        if opening < pieces.sentence_from and not _OWN_DEIXIS.search(
            self.text, pieces.sentence_from, start
        ):
            k = bisect.bisect_right(self.clauses, opening)
            opening_end = self.clauses[k] if k < len(self.clauses) else len(self.text)
            topic = self._topic(opening, min(opening_end, pieces.sentence_from))
            if topic is not None:
                return topic
        home = self.home_at(start)
        return (home,) if home is not None else ()

    def _paired_with_earlier_list(
        self, mention: Mention, pieces: _Pieces, list_sizes: Mapping[int, int]
    ) -> tuple[Region, ...] | None:
        """The place of the same rank in a list of places named in an earlier clause of the
        sentence, for a 分别 list in a clause that names none (阳曲县、娄烦县…分别达到10256元、
        9874元，较上年分别增长12.1%、11.8%)."""
        if (
            mention.list_index is None
            or mention.list_id is None
            or _RESPECTIVELY not in self.text[pieces.clause_from : mention.start]
        ):
            return None
        for place in reversed(self._places_between(pieces.sentence_from, pieces.clause_from)):
            if len(place.regions) > 1:
                if len(place.regions) != list_sizes.get(mention.list_id):
                    return None
                return (place.regions[mention.list_index],)
        return None

    # -- time -----------------------------------------------------------------------------
    def time_for(
        self, mention: Mention, pieces: _Pieces, list_start: int | None = None
    ) -> TimeReference:
        """The time of a figure; ``list_start`` is where the list it belongs to starts."""
        start = mention.start
        first = start if list_start is None else list_start
        sentence = pieces.sentence
        if _AVERAGE.search(self.text[pieces.clause_from : start]):
            years = [
                t.time.year for t in self._times_between(sentence, start) if t.time.year is not None
            ]
            if len(years) >= 2:  # noqa: PLR2004 - a from–to pair
                return TimeReference(start_year=min(years), end_year=max(years), expression="年均")
            return TimeReference(expression="年均")
        scope = sentence
        if _CONNECTIVE.match(self.text, sentence):
            p_index, scope = _piece(self.paragraphs, start)
            if scope == sentence and p_index > 0:  # 其中, … opening a paragraph: the one before
                scope = self.paragraphs[p_index - 1]
        before = [
            t
            for t in self._times_between(scope, start)
            if t.end <= start
            and not (t.from_value and not _OF_TIME.fullmatch(self.text, t.end, first))
        ]
        if before:
            return before[-1].time
        return (
            self._time_in_phrase(mention.end)
            or self._paragraph_time(start)
            or self._section_time(start)
            or TimeReference()
        )

    def _paragraph_openers(self) -> dict[int, _Time]:
        """Paragraph start → the time the paragraph opens on, alone in its first clause
        (2020年，… 今年以来，… 截至2020年底，…; after a dateline, 本报讯（记者 赵刚）去年，…,
        or a clause saying where the news comes from, 记者从省乡村振兴局获悉，2021年，…)."""
        openers: dict[int, _Time] = {}
        for anchor in self.times:
            p_start = _piece(self.paragraphs, anchor.start)[1]
            lead = _without_dateline(self.text[p_start : anchor.start])
            if (
                p_start not in openers
                and _OPENER_END.match(self.text, anchor.end)
                and (not lead.strip() or _REPORTING_FRAME.fullmatch(lead.strip()))
            ):
                openers[p_start] = anchor
        return openers

    def _paragraph_time(self, pos: int) -> TimeReference | None:
        """The time the paragraph of ``pos`` opens on, if any and before ``pos``: the time
        of the figures of its later sentences too."""
        if not self.openers:
            return None
        anchor = self.openers.get(_piece(self.paragraphs, pos)[1])
        return anchor.time if anchor is not None and anchor.start < pos else None

    def _time_in_phrase(self, end: int) -> TimeReference | None:
        """The first time anchor in the words right after a figure (88.2万贫困人口今年全部脱贫,
        3个村2018年退出), when none comes before it; not a target (到2025年)."""
        phrase_end = self.phrase_end(end)
        i = bisect.bisect_left(self.time_starts, end)
        while i < len(self.times) and self.times[i].start < phrase_end:
            anchor = self.times[i]
            if anchor.end <= phrase_end and not _after_target(self.text, anchor.start):
                return anchor.time
            i += 1
        return None

    def phrase_end(self, end: int) -> int:
        """Where the words after a figure ending at ``end`` stop: the next clause or list
        boundary outside brackets (found once per figure, asked for twice)."""
        found = self._phrase_ends.get(end)
        if found is None:
            stop = min(len(self.text), end + MAX_LOOKBACK)
            phrase = _PHRASE.match(self.text, end, stop)
            found = self._phrase_ends[end] = phrase.end() if phrase else stop
        return found

    def _times_between(self, scope: int, pos: int) -> list[_Time]:
        """Time anchors starting in ``[_within(scope, pos), pos)``."""
        lo = bisect.bisect_left(self.time_starts, _within(scope, pos))
        hi = bisect.bisect_left(self.time_starts, pos)
        return self.times[lo:hi]

    def segment_text(self, mention: Mention, pieces: _Pieces) -> str:
        """The text from the start of the figure's sentence segment to the figure's end."""
        return self.text[pieces.segment_from : mention.end]

    def clause_text(self, mention: Mention, pieces: _Pieces) -> str:
        """The clause holding the figure, up to the end of the figure's phrase (the next
        clause or list boundary outside brackets: in 选派413支工作队、16名第一书记 the teams
        stop at 、)."""
        return self.text[pieces.clause_from : self.phrase_end(mention.end)]


def resolve_context(doc: Document, mentions: Sequence[Mention]) -> list[Measurement]:
    """Measurements with region, time, indicator, programme and subject filled in.

    Args:
        doc: the parsed document the mentions were found in.
        mentions: mentions from :func:`shanxi_poverty.extract.extract_mentions`.

    Returns:
        One measurement per mention, in order.
    """
    from shanxi_poverty.vocabulary import (  # noqa: PLC0415
        default_indicator,
        get_programme,
        match_indicator,
        match_programme,
    )

    resolver = _Resolver(doc)
    # Items of a list (20104户、55992人全部脱贫) share the words after its last item.
    list_starts: dict[int, int] = {}
    list_ends: dict[int, Mention] = {}
    list_sizes: Counter[int] = Counter()
    for item in mentions:
        if item.list_id is not None:
            list_starts.setdefault(item.list_id, item.start)
            list_ends[item.list_id] = item
            list_sizes[item.list_id] += 1
    out: list[Measurement] = []
    for mention in mentions:
        m = mention.measurement
        pieces = resolver.pieces(mention.start)
        context = resolver.clause_text(mention, pieces)
        segment = resolver.segment_text(mention, pieces)
        clause_start = pieces.clause_from
        subject = m.subject or _subject_phrase(resolver.text, mention, clause_start)
        last = list_ends.get(mention.list_id) if mention.list_id is not None else None
        if last is not None and last is not mention:
            subject = _subject_phrase(resolver.text, last, clause_start) or subject
        # The figure's clause first, then the words it counts, then its whole passage.
        indicator = None
        for phrase in (context, subject, segment):
            if phrase and (indicator := match_indicator(phrase, unit=m.unit)) is not None:
                break
        # The programme is often named once at the head of a passage (特色产业扶贫…惠及127.7万人).
        programme = match_programme(context) or match_programme(segment)
        if programme is None and indicator is not None and indicator.programme:
            programme = get_programme(indicator.programme)
        if indicator is None and m.unit == "%" and _GROWTH.search(context):
            indicator = _growth_indicator(segment)
        if indicator is None and programme is not None and programme.id != _CATCH_ALL_PROGRAMME:
            indicator = default_indicator(programme.id, unit=m.unit)
        if (
            indicator is not None
            and indicator.additive
            and _PER_UNIT.search(resolver.text, clause_start, mention.start)
        ):
            indicator = None
        out.append(
            _with_context(
                m,
                regions=resolver.regions_for(mention, pieces, list_sizes),
                # a table cell's year comes from its column, row or caption (quantities)
                time=m.time
                if m.time.year is not None
                else resolver.time_for(
                    mention,
                    pieces,
                    None if mention.list_id is None else list_starts[mention.list_id],
                ),
                indicator=indicator,
                programme=programme,
                subject=subject,
            )
        )
    return out


def _with_context(
    m: Measurement,
    *,
    regions: tuple[Region, ...],
    time: TimeReference,
    indicator: Indicator | None,
    programme: Programme | None,
    subject: str | None,
) -> Measurement:
    """``attrs.evolve(m, regions=…, …)`` written out: evolve looks up the class's fields on
    every call, twice as slow for a model built once per figure.  Every other field of
    :class:`Measurement` is carried over (``tests/extract/test_context.py`` checks it
    against ``attrs.evolve``)."""
    return Measurement(
        value=m.value,
        unit=m.unit,
        qualifier=m.qualifier,
        numeral=m.numeral,
        indicator=indicator,
        programme=programme,
        regions=regions,
        time=time,
        subject=subject,
        provenance=m.provenance,
        corrupted=m.corrupted,
        range_id=m.range_id,
    )


#: The noun phrase right after a figure (329万农村贫困人口的…), up to a possessive 的.
def _growth_indicator(passage: str) -> Indicator | None:
    """The growth indicator of what ``passage`` measures (收入…年均增长 → income growth)."""
    from shanxi_poverty.errors import VocabularyError  # noqa: PLC0415
    from shanxi_poverty.vocabulary import get_indicator, match_indicator  # noqa: PLC0415

    base = match_indicator(passage)
    if base is None:
        return None
    if base.id.endswith(_GROWTH_SUFFIX):
        return base
    try:
        return get_indicator(base.id + _GROWTH_SUFFIX)
    except VocabularyError:
        return None


_SUBJECT_AFTER: Final = regex.compile(r"[\p{Han}“”]{2,10}?(?=的|[^\p{Han}“”]|$)|[\p{Han}]{2,10}+")
_SUBJECT_BEFORE: Final = regex.compile(r"[\p{Han}“”]{2,10}+$")


_AFTER_QUALIFIER: Final = regex.compile(r"(?:以上|以下|以内|左右|上下|之多)")


def _subject_phrase(text: str, mention: Mention, clause_start: int) -> str | None:
    """A short phrase naming what is measured: the words after the figure (the noun its
    classifier counts), else the words before it in its clause (投入资金2.3亿元)."""
    end = mention.end
    qualifier = _AFTER_QUALIFIER.match(text, end)
    if qualifier:
        end = qualifier.end()
    after = _SUBJECT_AFTER.match(text, end)
    if after:
        return after[0].strip("“”")
    before = _SUBJECT_BEFORE.search(text[clause_start : mention.start])
    return before[0].strip("“”") if before else None

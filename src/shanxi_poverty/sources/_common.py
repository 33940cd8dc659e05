"""Shared machinery of the source parsers: the normalisation pipeline and metadata readers.

Every parser runs the same two stages:

1. :func:`prepare`: damage detection on the raw text, then the character-level steps of
   :mod:`shanxi_poverty.normalize` (damage tails, newlines, markup, entities, pinyin, width,
   script).  Metadata is read from this *clean* text, which still has every line.
2. :func:`finish`: boilerplate lines dropped (``data/noise.toml``), format-specific steps,
   then the layout step (one paragraph per line, cut sentences rejoined).
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections import Counter
from typing import TYPE_CHECKING, Final

import attrs

from shanxi_poverty.document import Article, Damage, Document, Duplicate, OffsetMap, Script
from shanxi_poverty.model import Span
from shanxi_poverty.normalize import (
    CJK,
    compose,
    find_noise,
    is_traditional,
    load_noise_rules,
    normalize_damage,
    normalize_entities,
    normalize_gbk_latin1,
    normalize_layout,
    normalize_markup,
    normalize_newlines,
    normalize_noise,
    normalize_pinyin,
    normalize_script,
    normalize_width,
)
from shanxi_poverty.numerals import parse_number
from shanxi_poverty.sources._mojibake import find_damage

if TYPE_CHECKING:
    from collections.abc import Iterable

    from shanxi_poverty._opencc import TextConverter
    from shanxi_poverty.document import DocumentMeta
    from shanxi_poverty.normalize import Step

__all__ = [
    "PINYIN_ANNOTATION",
    "Prepared",
    "find_authors",
    "find_editor",
    "find_photo_credits",
    "find_published",
    "find_publisher",
    "finish",
    "guess_home_region",
    "header_lines",
    "headline_lines",
    "is_byline",
    "is_exclaimed_headline",
    "is_headline",
    "is_noise_line",
    "prepare",
]

_NAME: Final = rf"[{CJK}]{{2,4}}"
_ROLES: Final = frozenset({"记者", "本报记者", "通讯员", "实习生", "特约记者", "见习记者", "摄影"})
_BYLINE_LINE: Final = re.compile(
    rf"^(?:本报记者|特约记者|记者|通讯员)[\s:：]{{0,2}}{_NAME}(?:[\s、]{{1,2}}{_NAME}){{0,5}}$"
)
_BRACKET_BYLINE: Final = re.compile(r"本报讯\s{0,2}[(（]([^()（）\n]{2,60})[)）]")
#: A line opening on (记者 刘芳), without 本报讯.
_OPENING_BYLINE: Final = re.compile(
    r"[(（](?=本报记者|特约记者|记者|通讯员)([^()（）\n]{2,60})[)）]"
)
#: 作者：张三 in a header line, up to the next label (点击：) or the line end.
_AUTHOR_LABEL: Final = re.compile(
    r"作者\s{0,2}[:：]\s{0,3}([^:：\n]{2,30}?)(?=\s{1,4}\S{1,6}[:：]|\s*$)"
)
_CLOSING_BYLINE: Final = re.compile(
    rf"(?:[(（]\s{{0,2}}({_NAME})|({_NAME}(?:[ 、]{{1,2}}{_NAME}){{1,5}}))\s{{0,2}}[)）]\s*$"
)
_PHOTO: Final = re.compile(
    rf"(?:记者|摄影|通讯员)\s{{0,2}}({_NAME}(?:\s{{1,2}}{_NAME}){{0,2}})\s{{0,2}}摄"
)
_EDITOR: Final = re.compile(rf"(?:责任编辑|责编)[\]】]?\s{{0,3}}[:：]\s{{0,3}}({_NAME})")
_PUBLISHER: Final = re.compile(r"(?:文章来源|来源|稿源)\s{0,2}[:：]\s{0,3}([^\s,，)）|｜]{2,20})")
_DATETIME: Final = re.compile(
    r"(\d{4})\s?[-/年.]\s?(\d{1,2})\s?[-/月.]\s?(\d{1,2})日?"
    r"(?:[\sT]{1,3}(\d{1,2})[:：时](\d{2})(?:[:：分](\d{2}))?)?"
)
#: A date in Chinese numerals, as official documents are signed (二〇二三年五月八日).
_CN_DATE: Final = re.compile(
    r"([〇零○一二三四五六七八九]{4})年([一二三四五六七八九十]{1,2})月([一二三四五六七八九十]{1,3})日"
)
#: How many of a text's last lines may hold its signature date.
_SIGNATURE_LINES: Final = 3
#: A label before a header line's date: 发布时间：2021-02-25 09:30, 日期: 2021年5月20日.
_DATE_LABEL: Final = re.compile(r"(?:发布|发表|发稿|更新|出版|刊发|稿件)?(?:时间|日期)\s?[:：]\s*")
#: The label of a reposted article's own date.
_ORIGINAL_DATE: Final = re.compile(r"原文(?:发布|发表)?(?:时间|日期)\s?[:：]\s*")
_SENTENCE_END: Final = re.compile(r"[。！？!?；;]")
_CLAUSE_PUNCT: Final = re.compile(r"[,，;；]")
_EXCLAMATION: Final = re.compile(r"[！？!?]")
_HEADLINE_MAX: Final = 40
_HEADER_LINES: Final = 4
_HEADER_LINES_MAX: Final = 10
_HEADER_LINE_MAX: Final = 60
_BAD_HEADLINE_END: Final = frozenset(",，、:：")


@attrs.frozen
class Prepared:
    """A raw text after the character-level steps, before boilerplate and layout.

    Args:
        raw: the raw text.
        text: the clean simplified text (every line kept).
        offsets: map from ``text`` to ``raw``.
        damage: damaged raw stretches.
        script: the script of the raw text.
    """

    raw: str
    text: str
    offsets: OffsetMap
    damage: tuple[Damage, ...]
    script: Script

    @property
    def lines(self) -> list[str]:
        """The stripped lines of :attr:`text`."""
        return [line.strip(" \t\u3000\xa0\ufeff") for line in self.text.split("\n")]


def prepare(
    raw: str,
    *,
    markup: bool = False,
    before: Iterable[Step] = (),
    converter: TextConverter | None = None,
) -> Prepared:
    """Run the character-level steps on ``raw`` (see the module docstring).

    Args:
        raw: the raw text.
        markup: whether to remove HTML tags (after the ``before`` steps).
        before: format-specific steps run first (e.g. dropping front matter).
        converter: the traditional → simplified converter (default: OpenCC).
    """
    damage = tuple(find_damage(raw))
    spans = [d.span for d in damage]

    def damage_step(text: str) -> tuple[str, OffsetMap]:
        return normalize_damage(text, spans)

    def script_step(text: str) -> tuple[str, OffsetMap]:
        return normalize_script(text, converter)

    steps: list[Step] = [damage_step, normalize_gbk_latin1, normalize_newlines, *before]
    if markup:
        steps.append(normalize_markup)
    steps += [normalize_entities, normalize_pinyin, normalize_width, script_step]
    text, offsets = compose(raw, *steps)
    script = Script.TRADITIONAL if is_traditional(raw, converter) else Script.SIMPLIFIED
    return Prepared(raw, text, offsets, damage, script)


def finish(prepared: Prepared, *steps: Step, rejoin: bool = True) -> tuple[str, OffsetMap]:
    """Drop boilerplate lines, run ``steps``, lay out paragraphs; map back to the raw text.

    ``rejoin`` is passed to :func:`~shanxi_poverty.normalize.normalize_layout`.
    """

    def layout(text: str) -> tuple[str, OffsetMap]:
        return normalize_layout(text, rejoin=rejoin)

    text, offsets = compose(prepared.text, normalize_noise, *steps, layout)
    return text, offsets.then(prepared.offsets)


# -- metadata -----------------------------------------------------------------------------


def is_noise_line(line: str) -> bool:
    """Whether a line is boilerplate of one of the noise rules (``data/noise.toml``)."""
    return any(rule.pattern.search(line) for rule in load_noise_rules())


def is_byline(line: str) -> bool:
    """Whether a line is only a byline (``记者 周皓``, ``本报记者李全宏``)."""
    return bool(_BYLINE_LINE.match(line))


def is_headline(line: str) -> bool:
    """Whether a line looks like a headline or section heading (short, no sentence end)."""
    return (
        0 < len(line) <= _HEADLINE_MAX
        and "\t" not in line  # a table row
        and not _SENTENCE_END.search(line)
        and not _CLAUSE_PUNCT.search(line)
        and line[-1] not in _BAD_HEADLINE_END
        and not is_byline(line)
        and not line.startswith(("本报讯", "——", "<", "[", "http"))
        and not _DATETIME.search(line)  # a dated line is a header line, not a heading
        and not is_noise_line(line)
        and bool(re.search(f"[{CJK}]", line))
    )


def is_exclaimed_headline(line: str) -> bool:
    """Whether a line is a headline but for the ！ or ？ in it (县长进直播间！…卖爆了！), as
    the titles of social-media posts are; a body paragraph of that length holds a 。 or ，."""
    plain = _EXCLAMATION.sub("", line)
    return plain != line and bool(plain) and is_headline(plain)


def headline_lines(lines: Iterable[str]) -> list[str]:
    """Headings in order; consecutive heading lines (a two-line heading) joined by a space.
    The first line is a heading also when it has ！ or ？ in it, as a post's title does
    (:func:`is_exclaimed_headline`)."""
    out: list[str] = []
    previous_was_heading = False
    first = True
    for line in lines:
        if not line:
            previous_was_heading = False
            continue
        if is_headline(line) or (first and is_exclaimed_headline(line)):
            if previous_was_heading and out:
                out[-1] = f"{out[-1]} {line}"
            else:
                out.append(line)
            previous_was_heading = True
        else:
            previous_was_heading = False
        first = False
    return out


def _names(text: str) -> list[str]:
    return [t for t in re.split(r"[\s、,，]+", text) if t and t not in _ROLES]


def _strip_role(token: str) -> str:
    for role in sorted(_ROLES, key=len, reverse=True):
        if token.startswith(role) and len(token) > len(role) + 1:
            return token[len(role) :]
    return token


def find_authors(lines: Iterable[str]) -> list[str]:
    """Reporter names from bylines: ``本报讯(记者 张勇 通讯员 赵圣杰)``, a paragraph opening
    on ``(记者 刘芳)``, a ``作者：张三`` label, a closing ``本报记者李全宏`` or ``记者 周皓``
    line, or a closing ``(冯波 黄新)``.

    >>> find_authors(["发布时间：2022-03-15 来源：临汾新闻网 作者：张三 点击：1024"])
    ['张三']
    >>> find_authors(["（记者 刘芳）在左权县拐儿镇，谷子种植面积扩大到1.2万亩。"])
    ['刘芳']
    """
    found: list[str] = []
    lines = [line for line in lines if line]
    for line in lines:
        for m in _BRACKET_BYLINE.finditer(line):
            found += [_strip_role(t) for t in _names(m.group(1))]
        if line[0] in "(（" and (opening := _OPENING_BYLINE.match(line)):
            found += [_strip_role(t) for t in _names(opening.group(1))]
        if "作者" in line and (label := _AUTHOR_LABEL.search(line)):
            found += _names(label.group(1))
        if is_byline(line):
            found += [_strip_role(t) for t in _names(line)]
    if lines and not found:
        for line in reversed(lines):
            if is_noise_line(line):
                continue
            closing = _CLOSING_BYLINE.search(line)
            if closing is not None:
                found += _names(closing.group(1) or closing.group(2))
            break
    return list(dict.fromkeys(n for n in found if re.fullmatch(_NAME, n)))


def find_photo_credits(lines: Iterable[str]) -> list[str]:
    """Photographers named in captions (``记者 韩双喜 摄``)."""
    found: list[str] = []
    for line in lines:
        if "摄" not in line:  # in every match; a substring test is cheaper than a search
            continue
        for m in _PHOTO.finditer(line):
            found += _names(m.group(1))
    return list(dict.fromkeys(found))


def find_editor(lines: Iterable[str]) -> str | None:
    """The editor of a ``责任编辑: 吉政`` footer."""
    for line in lines:
        m = _EDITOR.search(line) if "编" in line else None  # 编 is in every match
        if m:
            return m.group(1)
    return None


def find_publisher(lines: Iterable[str]) -> str | None:
    """The source named in a ``来源:山西日报`` header or ``（文章来源：中国农网）`` credit."""
    for line in lines:
        m = _PUBLISHER.search(line) if "源" in line else None  # 源 is in every match
        if m:
            return m.group(1)
    return None


def parse_datetime(text: str) -> str | None:
    """ISO 8601 of the first date in ``text``: a date, or a datetime at ``+08:00``.

    >>> parse_datetime("2021-01-20 10:34:19 来源:山西日报")
    '2021-01-20T10:34:19+08:00'
    >>> parse_datetime("2021年5月20日")
    '2021-05-20'
    """
    m = _DATETIME.search(text)
    if not m:
        return None
    year, month, day, hour, minute, second = m.groups()
    try:
        date = dt.date(int(year), int(month), int(day))
        if hour is None:
            return date.isoformat()
        moment = dt.datetime(
            date.year,
            date.month,
            date.day,
            int(hour),
            int(minute),
            int(second or 0),
            tzinfo=dt.timezone(dt.timedelta(hours=8)),
        )
    except ValueError:
        return None
    return moment.isoformat()


def _header_date(line: str) -> re.Match[str] | None:
    """The date of a header line: at its start, after a date label (发布时间：, 日期:), or
    anywhere in a short line that is no sentence (``长治市统计局  2021年3月20日``)."""
    if found := _DATETIME.match(line):
        return found
    label = _DATE_LABEL.search(line)
    if label and (found := _DATETIME.match(line, label.end())):
        return found
    if (
        len(line) <= _HEADER_LINE_MAX
        and not _CLAUSE_PUNCT.search(line)
        and not _SENTENCE_END.search(line)
    ):
        return _DATETIME.search(line)
    return None


def header_lines(lines: Iterable[str]) -> list[str]:
    """The non-blank lines of a text's header: the first four, and on up to ten while no
    body paragraph has come (a web page's header runs longer: site name, menus,
    breadcrumb, title, then the date and source line)."""
    out: list[str] = []
    body_seen = False
    for line in lines:
        if not line:
            continue
        if len(out) >= _HEADER_LINES_MAX or (len(out) >= _HEADER_LINES and body_seen):
            break
        out.append(line)
        body_seen = body_seen or (len(line) > _HEADLINE_MAX and bool(_SENTENCE_END.search(line)))
    return out


def find_published(lines: Iterable[str]) -> str | None:
    """The date of one of the :func:`header_lines`: the original's date of a repost, else
    a line that starts with a date, gives it after a date label, or is a short header line
    holding one.

    >>> find_published(["标题", "发布时间：2021-02-25 09:30 来源：人民网"])
    '2021-02-25T09:30:00+08:00'
    >>> find_published(["长治市2020年统计公报", "长治市统计局  2021年3月20日"])
    '2021-03-20'
    >>> find_published(["发表于 2019-5-6 21:37:12", "原文发布时间：2017年10月18日"])
    '2017-10-18'

    With no date in the header, the date an official document is signed with at its end
    (see :func:`_signature_date`).
    """
    lines = list(lines)
    header = header_lines(lines)
    # a repost names the original's date (原文发布时间：2017年10月18日) after its own
    for line in header:
        if (label := _ORIGINAL_DATE.search(line)) and (found := _DATETIME.match(line, label.end())):
            return parse_datetime(found[0])
    for line in header:
        if found := _header_date(line):
            return parse_datetime(found[0])
    return _signature_date(lines)


def _signature_date(lines: list[str]) -> str | None:
    """The date alone on one of the last lines, under the issuing body's name: how an
    official notice or report is signed (隰县龙泉镇人民政府 ¶ 2023年5月8日).

    >>> _signature_date(["…予以公示。", "龙泉镇人民政府", "二〇二三年五月八日"])
    '2023-05-08'
    """
    tail = [line.strip() for line in lines if line.strip()][-_SIGNATURE_LINES:]
    for line in reversed(tail):
        if _DATETIME.fullmatch(line):
            return parse_datetime(line)
        if found := _CN_DATE.fullmatch(line):
            year, month, day = (int(parse_number(part)) for part in found.groups())
            try:
                return dt.date(year, month, day).isoformat()
            except ValueError:
                return None
    return None


# -- home region --------------------------------------------------------------------------

_LEVEL_RANK: Final = {"province": 0, "prefecture": 1, "county": 2}
#: 我省/全省/本省, 我市/全市/本市, 我县/全县/本县 in one pass (no two can overlap).
_DEICTIC: Final = re.compile("[我全本]([省市县])")
_DEICTIC_LEVEL: Final = {"省": "province", "市": "prefecture", "县": "county"}


@attrs.frozen
class _Place:
    name: str
    level: str


def _find_places(text: str) -> list[_Place]:
    """Province, prefecture and county names in ``text`` (via the gazetteer), in order."""
    from shanxi_poverty.regions import find_regions  # noqa: PLC0415 - gazetteer loads lazily

    return [
        _Place(m.region.name, m.region.level.value)
        for m in find_regions(text, settlements=False)
        if m.region.level.value in _LEVEL_RANK
    ]


def _enclosing(names: list[str]) -> str | None:
    """The nearest division of a level of ``_LEVEL_RANK`` that holds every one of ``names``."""
    from shanxi_poverty.regions import load_gazetteer  # noqa: PLC0415 - loads lazily

    gazetteer = load_gazetteer()
    shared = gazetteer.enclosing(gazetteer.get(name) for name in names)
    return shared.name if shared is not None and shared.level.value in _LEVEL_RANK else None


def _deictic_level(text: str) -> str | None:
    """The level of the most used 我省/我市/我县 words (the higher level on a tie)."""
    counts = Counter(_DEICTIC.findall(text))
    level = max(_DEICTIC_LEVEL, key=lambda word: counts[word])
    return _DEICTIC_LEVEL[level] if counts[level] else None


def _most_specific(places: list[_Place]) -> str:
    return max(places, key=lambda p: _LEVEL_RANK.get(p.level, -1)).name


def guess_home_region(doc_text: str, meta: DocumentMeta) -> str | None:
    """The region that 我省 / 我市 / 全县 refer to.

    The level comes from the most used of 我省/全省, 我市/全市 and 我县/全县; the place is the
    first of that level named by the publisher (山西日报), then the title or subtitle (山西运城
    → 运城市), then the most frequent in the text.  When the publisher and title name none of
    that level, the title names a wider place and the text names several of that level
    (全县 said of one of the counties of a 山西吕梁 feature), the title's place wins, as
    does the division holding several places of that level that the title names (再访兴县、
    临县 → 吕梁市).  With no
    such words, the most specific place of the publisher or title wins, else the most
    frequent place of the text.

    Place names are found with :func:`shanxi_poverty.regions.find_regions`.
    """
    level = _deictic_level(doc_text)
    if level == "province":
        return "山西省"
    heading = " ".join(t for t in (meta.title, meta.subtitle) if t)
    titled = _find_places(heading)
    published_by = _find_places(meta.publisher or "")
    named = published_by + titled
    if level is not None:
        of_level = list(dict.fromkeys(p.name for p in titled if p.level == level))
        if (
            len(of_level) > 1
            and not any(p.level == level for p in published_by)
            and (shared := _enclosing(of_level)) is not None
        ):
            return shared  # 再访兴县、临县: a feature about several counties of one city
        for place in named:
            if place.level == level:
                return place.name
    elif named:
        return _most_specific(named)
    # only now the whole text's places, the costly scan
    places = _find_places(doc_text)
    in_text = [p.name for p in places]
    if level is not None:
        by_name = {p.name: p for p in places}
        ranked = Counter(n for n in in_text if by_name[n].level == level).most_common()
        wider = [p for p in titled if _LEVEL_RANK.get(p.level, -1) < _LEVEL_RANK[level]]
        if wider and len(ranked) > 1:  # 全县 of one of several counties, under a 吕梁 title
            return _most_specific(wider)
        if ranked:
            return ranked[0][0]
        if named:
            return _most_specific(named)
    ranked = Counter(in_text).most_common(1)
    return ranked[0][0] if ranked else None


# -- document assembly --------------------------------------------------------------------

_DUPLICATE_MIN: Final = 30
#: A pinyin annotation leaked after a character, (shù); it opens on its "(", a literal
#: ``re`` skips ahead to, with the character checked behind it.
PINYIN_ANNOTATION: Final = re.compile(
    rf"\((?<=[{CJK}]\()\s?[a-zāáǎàēéěèīíǐìōóǒòūúǔùüǖǘǚǜ]{{1,7}}\s?\)"
)
_ENTITY_COUNT: Final = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z]{2,10});")
_TAG_COUNT: Final = re.compile(r"</?[A-Za-z][A-Za-z0-9]{0,10}(?=[\s/>])[^<>]{0,500}>")


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of every non-empty line of a laid-out text."""
    spans: list[tuple[int, int]] = []
    start = 0
    for line in text.split("\n"):
        if line:
            spans.append((start, start + len(line)))
        start += len(line) + 1
    return spans


#: The end of a paragraph cut short by a site (a preview, a teaser): an ellipsis, with
#: 展开全文 or 阅读全文 and an icon's letter after it.
_TRUNCATED_END: Final = re.compile(r"(?:\.{3,6}|…{1,2})\s*+(?:展开全文|阅读全文|全文)?[A-Za-z>»]?$")
_TRUNCATED_END_MAX: Final = 16  # its longest match, looked for at a paragraph's end only


def find_duplicates(text: str) -> list[Duplicate]:
    """Paragraphs (30 characters or more) repeated later, alone or inside a longer paragraph.

    A paragraph cut short (``…7993个贫 ...展开全文``, a site's preview of the text below it)
    counts up to its ellipsis, so the full text's opening is the repeat.

    The later copy is the duplicate; the first occurrence stays the original.  Earlier
    paragraphs are indexed by their first 30 characters, so the search is linear in the
    length of the text.
    """
    spans = paragraph_spans(text)
    candidates = _repeat_positions(text, spans)
    by_prefix: dict[str, tuple[int, int]] = {}
    found: list[Duplicate] = []
    for start, end in spans:
        if candidates is None:
            positions: Iterable[int] = range(start, end - _DUPLICATE_MIN + 1)
        else:
            lo = bisect.bisect_left(candidates, start)
            hi = bisect.bisect_right(candidates, end - _DUPLICATE_MIN)
            positions = candidates[lo:hi]
        skip_to = start
        for pos in positions:
            if pos < skip_to:
                continue
            original = by_prefix.get(text[pos : pos + _DUPLICATE_MIN])
            length = original[1] - original[0] if original else 0
            if (
                original is not None
                and pos + length <= end
                and text[pos : pos + length] == text[original[0] : original[1]]
            ):
                found.append(Duplicate(span=Span(pos, pos + length), original=Span(*original)))
                skip_to = pos + length
        if end - start >= _DUPLICATE_MIN:
            # a preview cut short (…7993个贫 ...展开全文) is the opening of the full text
            cut = _TRUNCATED_END.search(text, max(start, end - _TRUNCATED_END_MAX), end)
            kept = end
            if cut is not None:
                preview = text[start : cut.start()].rstrip()
                kept = start + len(preview) if len(preview) >= _DUPLICATE_MIN else end
            by_prefix.setdefault(text[start : start + _DUPLICATE_MIN], (start, kept))
    return found


#: Above this many characters scanned (paragraphs × text length), :func:`find_duplicates`
#: tries every position instead of searching for each paragraph's opening.
_SEARCH_BUDGET = 20_000_000  # not Final: tests lower it to reach the fallback


def _repeat_positions(text: str, spans: list[tuple[int, int]]) -> list[int] | None:
    """Sorted positions where a paragraph's first 30 characters occur again (every
    occurrence but the first), found with ``str.find``; ``None`` when that would cost more
    than :data:`_SEARCH_BUDGET`.  Only there can a duplicate start."""
    openings = {text[s : s + _DUPLICATE_MIN] for s, e in spans if e - s >= _DUPLICATE_MIN}
    if len(openings) * len(text) > _SEARCH_BUDGET:
        return None
    positions: set[int] = set()
    for opening in openings:
        pos = text.find(opening)
        while (pos := text.find(opening, pos + 1)) >= 0:
            positions.add(pos)
    return sorted(positions)


def noise_descriptions(prepared: Prepared) -> list[str]:
    """Short descriptions of the junk found in a document."""
    notes: list[str] = []
    if prepared.script is Script.TRADITIONAL:
        notes.append("text in traditional script (converted to simplified)")
    pinyin = len(PINYIN_ANNOTATION.findall(prepared.raw))
    if pinyin:
        notes.append(f"pinyin ruby annotations leaked after characters ({pinyin})")
    kinds = Counter(d.kind for d in prepared.damage)
    if kinds["mojibake"]:
        notes.append(f"GBK mojibake runs decoded one byte out of step ({kinds['mojibake']})")
    if kinds["broken-markup"]:
        notes.append(f"broken HTML closing tags such as '?!?/p>' ({kinds['broken-markup']})")
    if kinds["replacement-character"]:
        notes.append("U+FFFD replacement characters")
    if _ENTITY_COUNT.search(prepared.raw):
        notes.append("HTML entities")
    if _TAG_COUNT.search(prepared.raw):
        notes.append("HTML markup")
    notes += find_noise(prepared.text)
    return notes


def run_in_headings(text: str) -> list[str]:
    """Headings run into their paragraph: a short first clause ending in 。 with no comma."""
    out: list[str] = []
    for start, end in paragraph_spans(text):
        m = _RUN_IN.match(text, start, end)
        if m:
            out.append(m.group(1))
    return out


_RUN_IN: Final = re.compile(rf"([{CJK}“”]{{6,13}})。")


def build_document(
    name: str,
    prepared: Prepared,
    text: str,
    offsets: OffsetMap,
    meta: DocumentMeta,
    *,
    articles: Iterable[Article] = (),
    duplicates: Iterable[Duplicate] | None = None,
) -> Document:
    """Assemble the document, filling ``script``, ``noise`` and ``home_region`` when unset."""
    if meta.script is None:
        meta = attrs.evolve(meta, script=prepared.script)
    if not meta.noise:
        meta = attrs.evolve(meta, noise=noise_descriptions(prepared))
    if meta.home_region is None:
        meta = attrs.evolve(meta, home_region=guess_home_region(text, meta))
    return Document(
        name=name,
        raw=prepared.raw,
        text=text,
        offsets=offsets,
        meta=meta,
        damage=prepared.damage,
        articles=tuple(articles),
        duplicates=tuple(find_duplicates(text) if duplicates is None else duplicates),
    )

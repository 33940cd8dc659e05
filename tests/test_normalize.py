"""Normalisation steps: each returns text and an exact map back to its input."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import TYPE_CHECKING

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from shanxi_poverty.model import Span
from shanxi_poverty.normalize import (
    _CHAR_MEMOS,
    _CJK_CHAR,
    NoiseRule,
    _changing_chars,
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

from .conftest import read_seed

if TYPE_CHECKING:
    from shanxi_poverty.document import OffsetMap


def _raw(source: str, offsets: OffsetMap, start: int, end: int) -> str:
    lo, hi = offsets.to_raw(start, end)
    return source[lo:hi]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("成績(jì)單", "成績單"),
        ("社會(huì )主義", "社會主義"),
        ("329萬(wàn)貧困人口", "329萬貧困人口"),
        ("沁州黃小米(集團)有限公司", "沁州黃小米(集團)有限公司"),
        ("英文(abc)不動", "英文(abc)不動"),
        ("F(xiàn)", "F(xiàn)"),
    ],
)
def test_normalize_pinyin(raw: str, expected: str) -> None:
    """Pinyin with tone marks after a CJK character goes; other parentheses stay."""
    assert normalize_pinyin(raw)[0] == expected


def test_pinyin_map_excludes_trailing_annotation() -> None:
    """``329萬(wàn)`` → ``329萬``: the range ends before the dropped annotation."""
    source = "共329萬(wàn)人"
    _, offsets = normalize_pinyin(source)
    assert _raw(source, offsets, 1, 5) == "329萬"
    assert _raw(source, offsets, 1, 6) == "329萬(wàn)人"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("&ldquo;我要振兴&rdquo;", "“我要振兴”"),
        ("A&amp;B", "A&B"),
        ("&#20004;&#x4E07;", "两万"),
        ("&nbsp;正文", " 正文"),
        ("&notanentity;", "&notanentity;"),
    ],
)
def test_normalize_entities(raw: str, expected: str) -> None:
    """Known entities are decoded; unknown ones stay."""
    assert normalize_entities(raw)[0] == expected


def test_entity_maps_to_whole_entity() -> None:
    """A decoded quote maps back to the whole entity."""
    source = "为&ldquo;我"
    text, offsets = normalize_entities(source)
    assert text == "为“我"
    assert _raw(source, offsets, 1, 2) == "&ldquo;"


def test_normalize_markup() -> None:
    """Block tags become one line break, inline tags vanish, scripts go with their body."""
    source = "<p>正文<strong>加粗</strong></p><script>var a = '<p>';</script><p>第二段</p>"
    assert normalize_markup(source)[0] == "\n正文加粗\n第二段\n"


def test_markup_keeps_autolinks() -> None:
    """``<http://…>`` is not a tag."""
    assert normalize_markup("<http://x.cn/a>")[0] == "<http://x.cn/a>"


def test_normalize_width_is_one_to_one() -> None:
    """Full-width digits and signs become ASCII with an aligned map."""
    source = "增长１２．５％，共１，２００户"
    text, offsets = normalize_width(source)
    assert text == "增长12.5%，共1,200户"
    assert len(text) == len(source)
    assert _raw(source, offsets, 2, 7) == "１２．５％"


def test_normalize_newlines() -> None:
    """CRLF and CR become LF; each LF maps to its raw pair."""
    source = "甲\r\n乙\r丙"
    text, offsets = normalize_newlines(source)
    assert text == "甲\n乙\n丙"
    assert _raw(source, offsets, 1, 2) == "\r\n"


def test_normalize_script() -> None:
    """Traditional becomes simplified, one character for one."""
    source = "鞏固拓展脫貧攻堅成果"
    text, offsets = normalize_script(source)
    assert text == "巩固拓展脱贫攻坚成果"
    assert _raw(source, offsets, 2, 4) == "拓展"


def test_normalize_script_fast_path() -> None:
    """Simplified text comes back unchanged with an identity map."""
    text, offsets = normalize_script("巩固拓展脱贫攻坚成果")
    assert text == "巩固拓展脱贫攻坚成果"
    assert len(offsets.segments) == 1


class _Expanding:
    """A converter that changes lengths, as OpenCC may for phrases."""

    def convert(self, text: str, /) -> str:
        return text.replace("萬", "万万") if len(text) > 1 else text.replace("萬", "万")


def test_normalize_script_length_change_falls_back_per_character() -> None:
    """When a run changes length, it is converted character by character."""
    source = "共329萬人"
    text, offsets = normalize_script(source, _Expanding())
    assert text == "共329万人"
    assert _raw(source, offsets, 1, 5) == "329萬"


def test_is_traditional() -> None:
    """Script detection counts characters that change under t2s."""
    assert is_traditional("鄉村振興")
    assert not is_traditional("乡村振兴")
    assert not is_traditional("2021 abc")


class _OwnConverter:
    """The default converter behind a new identity, so that it gets a fresh memo."""

    def __init__(self) -> None:
        from shanxi_poverty._opencc import default_converter  # noqa: PLC0415

        self._inner = default_converter()

    def convert(self, text: str, /) -> str:
        return self._inner.convert(text)


def _changing_reference(text: str, converter: _OwnConverter) -> frozenset[str]:
    return frozenset(c for c in set(text) if _CJK_CHAR.fullmatch(c) and converter.convert(c) != c)


# simplified, traditional, ASCII, an astral CJK character and a lone surrogate
_SCRIPT_CHARS = "乡村振兴脱贫攻坚鄉村振興脫貧攻堅萬人元亩户abc 12\n\U00020000\U0002a6a5\ud800"


@settings(max_examples=60, deadline=None)
@given(texts=st.lists(st.text(alphabet=_SCRIPT_CHARS, max_size=30), min_size=1, max_size=12))
def test_changing_chars_memo_matches_reference(texts: list[str]) -> None:
    """The memo's one-search answer for text of known, unchanging characters equals the
    character-by-character answer, whatever order texts arrive in."""
    converter = _OwnConverter()
    for text in texts:
        assert _changing_chars(text, converter) == _changing_reference(text, converter)


def test_changing_chars_memo_on_seeds_and_recompiles(seed_names: list[str]) -> None:
    """Over the seeds (hundreds of new characters each), the answers equal the reference,
    the memo's pattern is compiled again as new characters come in, and simplified text of
    known characters is then recognised by the pattern alone."""
    converter = _OwnConverter()
    patterns = set()
    for name in seed_names:
        text = read_seed(name)
        for part in (text, text[: len(text) // 2], text.replace("的", "")):
            assert _changing_chars(part, converter) == _changing_reference(part, converter)
        pattern = _CHAR_MEMOS[id(converter)].maybe_changing
        assert pattern is not None
        patterns.add(pattern.pattern)
    assert len(patterns) > 1
    simplified = read_seed(seed_names[0])
    assert _CHAR_MEMOS[id(converter)].maybe_changing.search(simplified) is None  # type: ignore[union-attr]


def test_changing_chars_memo_learns_late_characters() -> None:
    """A few characters first seen after the pattern was compiled do not keep a simplified
    text on the slow path: the second such text recompiles the pattern."""
    converter = _OwnConverter()
    _changing_chars("巩固拓展脱贫攻坚成果", converter)
    memo = _CHAR_MEMOS[id(converter)]
    late = "巩固拓展脱贫攻坚成果同乡村振兴有效衔接"
    assert _changing_chars(late, converter) == frozenset()
    assert memo.maybe_changing is not None
    assert memo.maybe_changing.search(late) is not None  # 同乡村… came after the compile
    again = late + "巩固"  # no new character: only the stale pattern sent it the slow way
    assert _changing_chars(again, converter) == frozenset()
    assert memo.maybe_changing.search(again) is None


def test_normalize_damage() -> None:
    """Inside damage, pinyin tails and entity remnants go; outside nothing changes."""
    source = "轉變?yōu)?ldquo;我要振興"
    text, _ = normalize_damage(source, [Span(2, 14)])
    assert text == "轉變??我要振興"
    assert normalize_damage("山(shān)", [])[0] == "山(shān)"


def test_normalize_layout_rejoins_and_keeps_breaks() -> None:
    """Cut sentences are rejoined; headings and article breaks stay."""
    source = "标题\n\n第一段写到一半,全力做好巩固拓展\n\n脱贫攻坚成果。\n\n\n\n下一篇标题"
    text, offsets = normalize_layout(source)
    assert text == "标题\n第一段写到一半,全力做好巩固拓展脱贫攻坚成果。\n\n\n下一篇标题"
    pos = text.index("拓展脱贫")
    assert _raw(source, offsets, pos, pos + 4) == "拓展\n\n脱贫"


def test_normalize_layout_does_not_join_headings() -> None:
    """A short heading without punctuation never swallows the next line."""
    assert normalize_layout("放大优势\n牵紧牵牢产业基础“牛鼻子”\n正文。")[0] == (
        "放大优势\n牵紧牵牢产业基础“牛鼻子”\n正文。"
    )


def test_normalize_layout_without_rejoin() -> None:
    """With rejoin off, lines stay separate."""
    assert normalize_layout("甲,乙\n丙。", rejoin=False)[0] == "甲,乙\n丙。"


def test_noise_rules_load() -> None:
    """The packaged noise rules load and have unique names."""
    rules = load_noise_rules()
    names = [r.name for r in rules]
    assert len(names) == len(set(names))
    assert {"cms-header", "editor-footer", "copyright", "spam"} <= set(names)


@pytest.mark.parametrize(
    "line",
    [
        "2021-01-20 10:34:19 来源:山西日报   浏览次数:",
        "责任编辑: 吉政",
        "版权声明:凡临汾日报刊载的稿件,未经书面授权,任何媒体不得转载发布。",
        "精品黑色丝袜在线观看_亚洲中文字幕乱码",
        "（文章来源：中国农网）",
        "[返回中国农网新闻](//finews.withounder.com/c.html)｜[返回首页](//finews.withounder.com/)",
        "首页 > 新闻中心 > 县域经济",
        "当前位置：首页 » 要闻",
        "发布时间：2022-03-15 来源：临汾新闻网 作者：张三 点击：1024",
        "联系电话：0357-2011234  晋ICP备12345678号",
        "晋公网安备 14010502000001号",
        "相关新闻：",
        "全市新增高标准农田12万亩（2022-03-08）",
        "首页 | 政务公开 | 新闻中心 | 政务服务 | 互动交流",
        "岚县人民政府门户网站",
        "www.sxlanxian.gov.cn",
        "大公报 大公网",
        "【字体：大 中 小】 【打印】 【关闭】",
        "主办单位：岚县人民政府办公室  承办单位：岚县融媒体中心",
        "网站标识码：1411270001  建议使用1366×768分辨率浏览",
        "©2019 大公网 版权所有",
        "【相关新闻】 • 山西：光伏扶贫惠及贫困户逾25万户",
    ],
)
def test_normalize_noise_drops_boilerplate(line: str) -> None:
    """Boilerplate lines are dropped with their newline; the text around stays."""
    assert normalize_noise(f"正文一。\n{line}\n正文二。")[0] == "正文一。\n正文二。"


@pytest.mark.parametrize(
    "line",
    [
        "首页工作是抓好产业。",  # 首页 without a breadcrumb separator
        "全市新增高标准农田12万亩，比上年增加2万亩（2022-03-08）",  # a sentence
        "电话回访贫困户1200户。",
        "相关新闻报道显示，全省新增就业1.2万人。",
        "大地旅人双周刊 第217期",  # a masthead: reported, kept
        "织密防返贫保障网",  # a heading ending in 网
        "产业、就业、兜底|三管齐下",  # two items are no menu
    ],
)
def test_normalize_noise_keeps_body_lines_like_page_furniture(line: str) -> None:
    """Lines that only resemble breadcrumbs, footers or related links stay."""
    source = f"正文一。\n{line}\n正文二。"
    assert normalize_noise(source)[0] == source


def test_related_headlines_go_with_their_heading() -> None:
    """The short headlines listed under 往期回顾/相关新闻 are dropped with it, up to the first
    line that is a sentence; their figures are not the article's."""
    source = (
        "正文一。\n👇往期回顾👇\n\n▶ 隰县：2000余名脱贫劳动力实现就业\n"
        "▶ 玉露香梨出口突破五千吨\n正文二，全县新增就业1200人。"
    )
    assert normalize_noise(source)[0] == "正文一。\n\n正文二，全县新增就业1200人。"


def test_kept_noise_is_reported_not_dropped() -> None:
    """Kickers and captions are reported but stay in the text."""
    source = "开启新征程·喜迎党代会\n阳曲县易地搬迁小区。记者 韩双喜 摄"
    assert normalize_noise(source)[0] == source
    assert len(find_noise(source)) == 2


def test_compose_maps_to_original() -> None:
    """Composed steps map the final text to the first input."""
    source = "<p>成績(jì)單:&ldquo;３２９萬(wàn)&rdquo;</p>"
    text, offsets = compose(
        source,
        normalize_markup,
        normalize_entities,
        normalize_pinyin,
        normalize_width,
        normalize_script,
    )
    assert text == "\n成绩单:“329万”\n"
    pos = text.index("329万")
    assert _raw(source, offsets, pos, pos + 4) == "３２９萬"


def test_opencc_adapter_reimplemented() -> None:
    """The adapter picks the installed OpenCC and converts through the typed Protocol."""
    from shanxi_poverty._opencc import TextConverter, backend, default_converter  # noqa: PLC0415

    conv = default_converter()
    assert isinstance(conv, TextConverter)
    assert backend() in {"reimplemented", "compiled"}
    assert conv.convert("鄉村振興萬個會議") == "乡村振兴万个会议"


class _BrokenOpenCC:
    """Stands for an ``opencc`` module half-overwritten by the other distribution."""

    def OpenCC(self, config: str) -> object:  # noqa: N802 - mimics the real API
        msg = f"no such configuration: {config}"
        raise FileNotFoundError(msg)


def test_broken_opencc_install_gives_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    """A broken shared 'opencc' import raises ImportError naming the repair command."""
    import sys  # noqa: PLC0415

    from shanxi_poverty import _opencc  # noqa: PLC0415

    _opencc.default_converter.cache_clear()
    monkeypatch.setitem(sys.modules, "opencc", _BrokenOpenCC())
    try:
        with pytest.raises(
            ImportError, match="pip install --force-reinstall opencc-python-reimplemented"
        ):
            _opencc.default_converter()
    finally:
        _opencc.default_converter.cache_clear()


_NOISE_TOKENS = [
    "2021-01-20", "10:34:19", " ", "来源", ":", "：", "山西日报", "浏览次数", "点击", "1024",
    "首页", ">", "当前位置", "联系电话", "0357-2011234", "晋ICP备", "12345678号", "公网安备",
    "相关新闻", "（2022-03-08）", "（", "）", "文章来源", "https://", "a.cn/x", "·", "中",
    "新闻", "。", "，",
]  # fmt: skip


@given(st.lists(st.sampled_from(_NOISE_TOKENS), max_size=80).map("".join))
def test_noise_rule_max_length_bounds_what_its_pattern_matches(line: str) -> None:
    """A rule's ``max_length`` is sound: its pattern never matches a longer stripped line,
    so skipping longer lines loses nothing."""
    line = line.strip()
    for rule in load_noise_rules():
        if rule.max_length is not None and rule.pattern.search(line):
            assert len(line) <= rule.max_length, rule.name


def test_noise_rules_skip_lines_longer_than_their_bound() -> None:
    """A line longer than a rule's ``max_length`` is not searched by it."""
    rule = NoiseRule("short", "a short line", re.compile("噪声"), max_length=4)
    assert normalize_noise("正文。\n噪声\n正文。", [rule])[0] == "正文。\n正文。"
    long_line = "这一行很长，提到噪声。"
    assert (
        normalize_noise(f"正文。\n{long_line}\n正文。", [rule])[0] == f"正文。\n{long_line}\n正文。"
    )


def test_layout_keeps_table_rows_apart() -> None:
    """Rows of a table printed as text are never joined like lines cut mid-sentence, and a
    name padded to its column's width (兴  县) loses its padding."""
    text = "县（区）      人均可支配收入\n离石区        12,456\n兴  县        8,912\n"
    assert (
        normalize_layout(text)[0]
        == "县（区）      人均可支配收入\n离石区        12,456\n兴县        8,912"
    )


def test_infobox_lines_are_not_joined() -> None:
    """A key：value line of an infobox does not continue the line above it."""
    text = "地理位置：山西省西部，吕梁山西麓、黄河东岸\n面积：1808平方公里\n"
    assert (
        normalize_layout(text)[0]
        == "地理位置：山西省西部，吕梁山西麓、黄河东岸\n面积：1808平方公里"
    )


def test_table_markup_keeps_columns_aligned() -> None:
    """Every cell after a row's first starts after a tab, an empty one too, and a paragraph
    inside a cell does not break the row."""
    source = (
        "<table><tr><th>县名</th><th>脱贫人口（人）</th><th>资金（万元）</th></tr>"
        "<tr><td><p>夏县</p></td><td></td><td>1.5</td></tr></table>"
    )
    text = normalize_markup(source)[0]
    assert text.strip("\n").split("\n") == ["县名\t脱贫人口（人）\t资金（万元）", "夏县\t\t1.5"]


def test_layout_keeps_a_dated_entry_heading_and_joins_a_padded_total() -> None:
    """A line that is only a date (a diary entry's heading) is not joined to the paragraph
    below it; a table's 合    计 padded to its column is one cell."""
    text = "2018年3月26日　阴，有风\n今天正式进村，全村186户。\n名称  数量\n合    计    52\n"
    out = normalize_layout(text)[0]
    assert out.split("\n")[:2] == ["2018年3月26日　阴，有风", "今天正式进村，全村186户。"]
    assert "合计    52" in out


def test_page_numbers_and_running_heads_in_a_cut_sentence() -> None:
    """A page number on its own line (3, — 186 —) between the two halves of a sentence cut
    by a page break is dropped and the halves joined; a running head (·187·) is noise; a
    yearbook entry opening on 【概况】 joins its next line like any paragraph; a number
    between lines of a row pasted one cell per line stays."""
    head = "县委常委会、县政府常务会议定期研究脱贫攻坚工作，专题部署产业扶贫和易地搬迁，"
    text = f"{head}\n—  186  —\n\n实行周调度和月通报制度。\n\n{head}\n\n3\n\n增收4000余元。\n"
    out = normalize_layout(text)[0]
    assert out == f"{head}实行周调度和月通报制度。\n{head}增收4000余元。"
    entry = "【概况】2019年，静乐县是全省10个深度贫困县之一，也是全市\n脱贫攻坚任务最重的县。"
    assert normalize_layout(entry)[0] == entry.replace("\n", "")
    assert normalize_layout("6\n大宁县\n470\n265")[0] == "6\n大宁县\n470\n265"
    [found] = find_noise("脱贫攻坚                                    ·187·")
    assert "running head" in found


def test_site_banner_with_a_bar_is_a_site_name() -> None:
    """A banner of media names joined by a bar (黄河新闻网 | 山西网络广播电视台) is the site's
    name, not the page's title; a headline with a bar is not."""
    [found] = find_noise("黄河新闻网 | 山西网络广播电视台")
    assert "site name" in found
    assert find_noise("岢岚：搬出穷山沟 拔掉穷根子") == []


def test_gbk_read_as_latin1_is_decoded_in_place() -> None:
    """GBK text read as Latin-1 is decoded character by character, so offsets lead back to
    the byte pairs; pinyin (xiàn), café, × and ² are no such text."""
    raw = "合作社Ä¿Ç°È«ÏØ¹²ÓÐ136¸ö，沁縣(qìn xiàn)café ×2 m²"
    text, offsets = normalize_gbk_latin1(raw)
    assert text == "合作社目前全县共有136个，沁縣(qìn xiàn)café ×2 m²"
    start = text.index("136个")
    assert raw[slice(*offsets.to_raw(start, start + 4))] == "136¸ö"
    assert normalize_gbk_latin1("沁縣(qìn xiàn)café ×2 m²")[0] == "沁縣(qìn xiàn)café ×2 m²"


def test_gbk_read_as_latin1_figures_keep_their_raw_text() -> None:
    """A figure in such a stretch is found, with its raw text; it is flagged as lying in
    damaged text but keeps its value, the repair being certain (``gbk-as-latin1``)."""
    from shanxi_poverty import extract, parse_document  # noqa: PLC0415

    raw = "吉县苹果\n\nÏØ¹ûÒµ¾Ö¸ºÔðÈË½éÉÜ£¬Ä¿Ç°È«ÏØ¹²ÓÐÆ»¹û×¨ÒµºÏ×÷Éç136¸ö¡£\n"
    doc = parse_document(raw, name="repost.txt")
    [m] = extract(doc)
    assert (m.value, m.unit, m.corrupted) == (Decimal(136), "个", True)
    assert m.provenance is not None
    assert m.provenance.text == "136¸ö"
    assert [d.kind for d in doc.damage] == ["gbk-as-latin1"]

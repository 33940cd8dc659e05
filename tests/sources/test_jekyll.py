"""Jekyll posts: YAML front matter, one-line HTML body, markdown footer (seed 003)."""

from __future__ import annotations

import pytest
import yaml

from shanxi_poverty.errors import FormatError
from shanxi_poverty.sources import parse_document
from shanxi_poverty.sources.jekyll import _load_yaml, split_front_matter

from ..conftest import read_fixture, read_seed

SEED = "003_39e63ac0ebec21db.txt"


def test_metadata() -> None:
    """Front matter title and date, source credit, share URL and strong headings."""
    doc = parse_document(read_seed(SEED), name=SEED)
    meta = doc.meta
    assert meta.format == "jekyll-html"
    assert meta.title == "山西运城：固好脱贫成果 启好振兴之路"
    assert meta.published == "2022-01-10T16:20:36+08:00"
    assert meta.publisher == "中国农网"
    assert (
        meta.url == "http://finews.zning.xyz/html_News/NewsShare.html?infoCode=NW202201102242171631"
    )
    assert meta.home_region == "运城市"
    assert meta.authors == ()
    assert meta.sections == (
        "筑牢返贫预警防线",
        "产业与就业双线作战",
        "驻村队伍接续帮扶",
        "村貌乡风靓起来",
    )


def test_body_text() -> None:
    """Paragraphs become lines; credit, URL and navigation footer leave the text."""
    doc = parse_document(read_seed(SEED), name=SEED)
    assert doc.text.startswith("随着脱贫工作进入巩固提升与乡村振兴的衔接段")
    assert "\n筑牢返贫预警防线\n" in doc.text
    for junk in ("layout:", "文章来源", "http", "返回首页", "](", "<p>"):
        assert junk not in doc.text


def test_offsets_into_html_body() -> None:
    """A figure inside the HTML body maps back to the raw characters."""
    doc = parse_document(read_seed(SEED), name=SEED)
    pos = doc.text.index("8万余星级文明户")
    lo, hi = doc.offsets.to_raw(pos, pos + 4)
    assert doc.raw[lo:hi] == "8万余星"


def test_fixture() -> None:
    """The front-matter excerpt parses with the same metadata."""
    doc = parse_document(read_fixture("003_front_matter.txt"), name="003_front_matter.txt")
    assert doc.meta.title == "山西运城：固好脱贫成果 启好振兴之路"
    assert doc.meta.sections == ("筑牢返贫预警防线",)


def test_markdown_links_keep_text() -> None:
    """A markdown link inside the body keeps its text."""
    raw = "---\ntitle: 标题\n---\n<p>详见[运城市报告](http://x.cn/a)全文。</p>\n"
    doc = parse_document(raw, name="post.md")
    assert doc.text == "详见运城市报告全文。"


def test_front_matter_not_closed() -> None:
    """An unclosed front matter block is a FormatError."""
    with pytest.raises(FormatError, match="not closed"):
        split_front_matter("---\ntitle: 标题\n<p>正文</p>", name="post.md")


def test_front_matter_not_yaml() -> None:
    """Front matter that is not YAML is a FormatError with its position."""
    raw = "---\ntitle: [未闭合\n---\n<p>正文</p>"
    with pytest.raises(FormatError) as info:
        parse_document(raw, name="post.md", format="jekyll-html")
    assert info.value.doc == "post.md"
    assert info.value.position is not None
    assert "front matter is not valid YAML" in str(info.value)


def test_front_matter_not_mapping() -> None:
    """Front matter that is a YAML list is a FormatError."""
    with pytest.raises(FormatError, match="not a YAML mapping"):
        parse_document("---\n- a\n- b\n---\n正文", name="post.md", format="jekyll-html")


_FRONT_MATTERS = (
    "title: 标题\ndate: 2021-02-25 10:00:00 +0800\ntags: [脱贫, 乡村振兴]\n",
    "title: '引号: 里的冒号'\nsubtitle: \"双引号\\t转义\"\ncount: 12\nratio: 1.5\nflag: yes\n",
    "authors:\n  - 张三\n  - 李四\nmeta:\n  source: 山西日报\n  page: 3\nempty:\n",
    "day: 2020-05-17\nnull_value: ~\nlong: >\n  折叠的\n  长文本\nlit: |\n  第一行\n  第二行\n",
)


@pytest.mark.parametrize("block", _FRONT_MATTERS)
def test_fast_yaml_loader_equals_safe_load(block: str) -> None:
    """The libyaml loader, when present, gives what ``yaml.safe_load`` gives."""
    assert _load_yaml(block) == yaml.safe_load(block)


def test_seed_front_matter_loads_as_with_safe_load(seed_names: list[str]) -> None:
    """The Jekyll seed's front matter reads the same through either loader."""
    raw = next(read_seed(n) for n in seed_names if n.startswith("003"))
    block = raw[4 : raw.index("\n---", 4)]
    assert _load_yaml(block) == yaml.safe_load(block)


def test_invalid_yaml_is_reported_by_the_pure_python_loader() -> None:
    """libyaml words its errors differently; a block it rejects is parsed again by the
    pure-Python loader, so errors read the same whether or not PyYAML has libyaml."""
    block = "标题: 一\n作者: [未闭合\n"
    with pytest.raises(yaml.YAMLError) as fast:
        _load_yaml(block)
    with pytest.raises(yaml.YAMLError) as slow:
        yaml.safe_load(block)
    assert str(fast.value) == str(slow.value)

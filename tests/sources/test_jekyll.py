"""Jekyll posts: YAML front matter, one-line HTML body, markdown footer (seed 003)."""

from __future__ import annotations

import pytest

from shanxi_poverty.errors import FormatError
from shanxi_poverty.sources import parse_document
from shanxi_poverty.sources.jekyll import split_front_matter

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

"""Saved HTML pages (hand-written fixture: no seed is one)."""

from __future__ import annotations

import re

from shanxi_poverty.sources import detect_format, parse_document

from ..conftest import read_fixture

#: What must not survive normalisation.
PINYIN = re.compile(r"[a-zü]{0,6}[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]{0,6}\s?\)")
ENTITY = re.compile(r"&[A-Za-z]{2,10};|&#[0-9]{1,7};")
TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?=[\s/>])[^<>]*>")

FIXTURE = "html_page.html"


def test_detected() -> None:
    """A page with a doctype is an html-page."""
    assert detect_format(read_fixture(FIXTURE)) == "html-page"


def test_metadata() -> None:
    """Head metadata: h1 title, description, author, site name, time, canonical URL."""
    meta = parse_document(read_fixture(FIXTURE), name=FIXTURE).meta
    assert meta.title == "娄烦县：易地搬迁群众稳得住能致富"
    assert meta.subtitle == "娄烦县扎实做好易地扶贫搬迁后续扶持工作"
    assert meta.authors == ("王晓丽",)
    assert meta.publisher == "山西新闻网"
    assert meta.published == "2021-06-18T09:30:00+08:00"
    assert meta.url == "http://www.sxrb.com/sxxww/xwpd/sx/2021-06/18/c_1127574125.htm"
    assert meta.home_region == "娄烦县"
    assert meta.sections == ("产业就业双支撑", "社区治理有温度")


def test_text() -> None:
    """Navigation, head, scripts, aside and footer leave; entities and widths are normalised."""
    doc = parse_document(read_fixture(FIXTURE), name=FIXTURE)
    assert doc.text.splitlines()[0] == "娄烦县：易地搬迁群众稳得住能致富"
    assert "搬迁贫困人口12345人" in doc.text
    assert "满意度达到98.5%" in doc.text
    assert "“在家门口就能挣钱" in doc.text
    for junk in ("首页", "pageId", "相关新闻", "版权所有", "ICP", "DOCTYPE"):
        assert junk not in doc.text
    assert not TAG.search(doc.text)
    assert not ENTITY.search(doc.text)


def test_full_width_figure_maps_to_raw() -> None:
    """``98.5%`` in the text maps to the raw full-width ``９８．５％``."""
    doc = parse_document(read_fixture(FIXTURE), name=FIXTURE)
    pos = doc.text.index("98.5%")
    lo, hi = doc.offsets.to_raw(pos, pos + 5)
    assert doc.raw[lo:hi] == "９８．５％"


def test_table_cells_do_not_run_together() -> None:
    """Neighbouring table cells are kept apart (a tab), so that their numbers do not read as
    one (65432 and 1230, not 654321230)."""
    raw = (
        "<html><body><h1>运城市脱贫攻坚工作综述</h1><table>"
        "<tr><th>县名</th><th>脱贫人口（人）</th><th>监测对象（户）</th></tr>"
        "<tr><td>夏县</td><td>65432</td><td>1230</td></tr></table></body></html>"
    )
    doc = parse_document(raw, name="page.html")
    assert "夏县\t65432\t1230" in doc.text
    assert "654321230" not in doc.text

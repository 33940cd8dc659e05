"""The scanner never crashes, maps every span back to the raw text, and reports no date,
year, ordinal or slogan as a quantity on the seeds."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from shanxi_poverty.document import Document, TextBuilder
from shanxi_poverty.extract import ExclusionReason, scan
from shanxi_poverty.extract._rules import RUN

pytestmark = pytest.mark.property

SEEDS = Path(__file__).resolve().parents[2] / "seeds"

_PIECES = [
    "2.3亿元", "20104户", "、", "万", "余", "多", "两个", "第", "年", "月", "日", "十三五", "约",
    "以上", "左右", "至", "3个", "百分之", "九十六", "分之", "%", "：", "\n", "“", "”", "(wàn)",
    "七", "千", "亩", "1000", ".", ",", "-", "一", "些", "人口", "http://x.cn/1", "萬", "個",
]  # fmt: skip

texts = st.lists(st.sampled_from(_PIECES) | st.text(max_size=4), max_size=40).map("".join)


@given(texts)
def test_scan_never_crashes_and_spans_match(text: str) -> None:
    """On arbitrary text every mention's raw text is raw[start:end] of its span."""
    result = scan(Document.from_text(text))
    for m in result.mentions:
        prov = m.measurement.provenance
        assert prov is not None
        assert prov.text == text[prov.span.start : prov.span.end]
        assert 0 <= m.start < m.end <= len(text)
    for e in result.exclusions:
        assert e.text == text[e.start : e.end]


@given(texts)
def test_every_numeral_run_is_accounted_for(text: str) -> None:
    """Every numeral run starts inside a mention or an exclusion."""
    result = scan(Document.from_text(text))
    spans = [(m.start, m.end) for m in result.mentions]
    spans += [(e.start, e.end) for e in result.exclusions]
    for run in RUN.finditer(text):
        assert any(lo <= run.start() < hi for lo, hi in spans), run.group()


@given(texts, st.data())
def test_spans_match_through_edits(text: str, data: st.DataObject) -> None:
    """With characters dropped and replaced by normalisation, raw spans still match."""
    builder = TextBuilder(text)
    for i, ch in enumerate(text):
        op = data.draw(st.sampled_from(["keep", "keep", "drop", "wide"]))
        if op == "keep":
            builder.keep(i, i + 1)
        elif op == "drop":
            builder.drop(i, i + 1)
        else:
            builder.replace(ch + ch, i, i + 1)
    norm, offsets = builder.build()
    doc = Document("edited.txt", text, norm, offsets)
    for m in scan(doc).mentions:
        prov = m.measurement.provenance
        assert prov is not None
        assert prov.text == text[prov.span.start : prov.span.end]


@pytest.mark.parametrize("name", sorted(p.name for p in SEEDS.glob("*.txt")))
def test_no_excluded_kind_reported_on_seeds(name: str) -> None:
    """No year, date, ordinal, plan or slogan numeral of a seed ends up inside a mention."""
    raw = (SEEDS / name).read_text(encoding="utf-8")
    result = scan(Document.from_text(raw, name=name))
    banned = {
        ExclusionReason.YEAR,
        ExclusionReason.DATE,
        ExclusionReason.ORDINAL,
        ExclusionReason.NAME_OR_SLOGAN,
        ExclusionReason.PLAN_PERIOD,
    }
    for m in result.mentions:
        for e in result.exclusions:
            if e.reason in banned:
                assert not (e.start < m.end and m.start < e.end), (m.text, e)
    texts_found = {m.text for m in result.mentions}
    for forbidden in ("十三五", "十四五", "十八大", "两不愁三保障", "第一", "2020年", "2016年"):
        assert not any(forbidden in t for t in texts_found)


@pytest.mark.parametrize(
    "text",
    [
        "1" * 40000 + "x",
        "12、" * 13000,
        "http://" + "a" * 40000,
        "a" * 40000 + "@",
        "“一" * 20000,
        "万" * 40000 + "人",
        "2至" * 20000,
        "1/" * 20000,
        "第1、" * 10000,
    ],
)
def test_scan_is_linear_on_adversarial_text(text: str) -> None:
    """Patterns are possessive/bounded: 40,000 hostile characters scan in well under a second
    or two (a quadratic pattern takes minutes)."""
    started = time.perf_counter()
    scan(Document.from_text(text))
    assert time.perf_counter() - started < 10

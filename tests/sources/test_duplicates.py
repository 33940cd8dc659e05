"""Repeated paragraphs (sources._common.find_duplicates) against a position-by-position
reference."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from shanxi_poverty.document import Duplicate
from shanxi_poverty.model import Span
from shanxi_poverty.sources import _common
from shanxi_poverty.sources._common import find_duplicates, paragraph_spans

MIN = 30


def _reference(text: str) -> list[Duplicate]:
    """Every position of every paragraph tried against the openings of earlier paragraphs."""
    by_prefix: dict[str, tuple[int, int]] = {}
    found: list[Duplicate] = []
    for start, end in paragraph_spans(text):
        pos = start
        while pos + MIN <= end:
            original = by_prefix.get(text[pos : pos + MIN])
            length = original[1] - original[0] if original else 0
            if (
                original is not None
                and pos + length <= end
                and text[pos : pos + length] == text[original[0] : original[1]]
            ):
                found.append(Duplicate(span=Span(pos, pos + length), original=Span(*original)))
                pos += length
            else:
                pos += 1
        if end - start >= MIN:
            preview = _CUT.sub("", text[start:end]).rstrip()
            kept = start + len(preview) if len(preview) >= MIN else end
            by_prefix.setdefault(text[start : start + MIN], (start, kept))
    return found


_CUT = re.compile(r"(?:\.{3,6}|…{1,2})\s*(?:展开全文|阅读全文|全文)?[A-Za-z>»]?$")


_PIECE = st.text(alphabet="脱贫攻坚ab.…", min_size=25, max_size=45)


@st.composite
def _pages(draw: st.DrawFn) -> str:
    """Paragraphs of a small alphabet, later ones often holding an earlier one."""
    paragraphs: list[str] = []
    for _ in range(draw(st.integers(1, 8))):
        own = draw(_PIECE)
        holds_earlier: bool = draw(st.booleans())
        if paragraphs and holds_earlier:
            own = own[: draw(st.integers(0, 10))] + draw(st.sampled_from(paragraphs)) + own[:5]
        paragraphs.append(own)
    return "\n".join(paragraphs)


def test_layout_duplicate_is_found() -> None:
    first = "全市累计投入财政专项扶贫资金十二亿元，实施产业扶贫项目三百多个。"
    text = f"{first}\n其他段落。\n导语{first}结尾"
    [dup] = find_duplicates(text)
    assert text[dup.span.start : dup.span.end] == first
    assert (dup.original.start, dup.original.end) == (0, len(first))


def test_preview_cut_short_is_the_opening_of_the_full_text() -> None:
    """A site's preview cut short (…7993个贫 ...展开全文) holds the opening of the full text
    below it: that opening is the repeat, the preview the original."""
    full = (
        "我省329万贫困人口全部脱贫，58个贫困县全部摘帽，"
        "7993个贫困村全部出列，历史性地解决了绝对贫困问题。"
    )
    preview = full[:40] + " ...展开全文c"
    text = f"{preview}\n【全文】\n{full}"
    [dup] = find_duplicates(text)
    assert text[dup.span.start : dup.span.end] == full[:40]
    assert (dup.original.start, dup.original.end) == (0, 40)


@pytest.mark.parametrize("budget", [_common._SEARCH_BUDGET, 0], ids=["search", "every-position"])
@given(text=_pages())
def test_same_as_trying_every_position(budget: int, text: str) -> None:
    old = _common._SEARCH_BUDGET
    _common._SEARCH_BUDGET = budget
    try:
        assert find_duplicates(text) == _reference(text)
    finally:
        _common._SEARCH_BUDGET = old

"""Property tests: parsing never crashes and every offset maps back exactly."""

from __future__ import annotations

import html
import unicodedata
from typing import TYPE_CHECKING

import pytest
from hypothesis import given
from hypothesis import strategies as st

from shanxi_poverty._opencc import default_converter
from shanxi_poverty.errors import DocumentError
from shanxi_poverty.normalize import (
    normalize_layout,
    normalize_pinyin,
    normalize_width,
)
from shanxi_poverty.sources import decode_raw, formats, parse_document

if TYPE_CHECKING:
    from collections.abc import Callable

pytestmark = pytest.mark.property

_CJK = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF)
_TRADITIONAL = st.sampled_from(list("鄉村振興萬個會議績單貧縣發展億畝戶們這"))
_PIECES = st.one_of(
    st.text(_CJK, min_size=1, max_size=6),
    _TRADITIONAL,
    st.sampled_from(
        [
            "(jì)",
            "(huì )",
            "(wàn)",
            "&ldquo;",
            "&rdquo;",
            "&amp;",
            "&nbsp;",
            "&bogus;",
            "<p>",
            "</p>",
            "<strong>",
            "<br/>",
            "?shù)",
            "??",
            "?lián)?",
            "?ldquo;",
            "?!?/p>",
            "\r\n",
            "\n",
            "\n\n",
            "\n\n\n\n",
            "\r",
            " ",
            "\u3000",
            "\ufeff",
            "１２．５％",
            "329",
            "2.3亿元",
            ",",
            "。",
            "本报讯(记者 周皓)",
            "记者 韩双喜 摄",
            "---\n",
            "责任编辑: 吉政",
            "【",
            "】",
            "——",
            "\ufffd",
            "(",
            ")",
            "F",
        ]
    ),
)
_DOCUMENTS = st.lists(_PIECES, max_size=40).map("".join)


def _sources(char: str) -> set[str]:
    """Raw spellings a normalised character may come from."""
    out = {char}
    conv = default_converter()
    out |= {t for t in ("鄉村振興萬個會議績單貧縣發展億畝戶們這") if conv.convert(t) == char}
    out |= {unicodedata.normalize("NFKC", char)}
    return out


def _check_offsets(raw: str, text: str, to_raw: Callable[[int, int], tuple[int, int]]) -> None:
    conv = default_converter()
    for i, char in enumerate(text):
        lo, hi = to_raw(i, i + 1)
        assert 0 <= lo <= hi <= len(raw)
        piece = raw[lo:hi]
        if hi - lo == 1:
            assert (
                piece == char
                or conv.convert(piece) == char
                or unicodedata.normalize("NFKC", piece) == char
                or (char == "\n" and piece == "\r")
                or (char == " " and piece in {"\u3000", "\xa0"})
            ), (i, char, piece)
        else:
            # A replaced range: an entity, a line break, a tag run or a CRLF.
            assert (
                html.unescape(piece) in {char, "\xa0"}
                or char in {"\n", " "}
                or piece.startswith("<")
            ), (i, char, piece)


@given(_DOCUMENTS, st.sampled_from([None, *formats()]))
def test_parse_never_crashes_and_offsets_map_back(raw: str, fmt: str | None) -> None:
    """Any text parses (or raises a DocumentError) and every character maps back."""
    try:
        doc = parse_document(raw, name="prop.txt", format=fmt)
    except DocumentError:
        return
    assert doc.offsets.length == len(doc.text)
    _check_offsets(doc.raw, doc.text, doc.offsets.to_raw)
    for d in doc.damage:
        assert 0 <= d.span.start <= d.span.end <= len(raw)
    for article in doc.articles:
        assert 0 <= article.span.start <= article.span.end <= len(doc.text)


@given(st.binary(max_size=200))
def test_decode_never_crashes(data: bytes) -> None:
    """Arbitrary bytes decode or raise a typed DocumentError."""
    try:
        text = decode_raw(data, name="b.bin")
    except DocumentError as exc:
        position = exc.position
    else:
        assert text.strip()
        return
    assert position is not None


@given(_DOCUMENTS)
def test_offset_maps_monotone_and_in_bounds(raw: str) -> None:
    """Each step's map is monotone and inside its input."""
    for step in (normalize_pinyin, normalize_width, normalize_layout):
        text, offsets = step(raw)
        last = 0
        for seg in offsets.segments:
            assert last <= seg.raw_start <= seg.raw_end <= len(raw)
            last = seg.raw_end
        assert offsets.length == len(text)


@given(_DOCUMENTS)
def test_steps_idempotent(raw: str) -> None:
    """Pinyin stripping, width folding and layout are idempotent."""
    for step in (normalize_pinyin, normalize_width, normalize_layout):
        once = step(raw)[0]
        assert step(once)[0] == once

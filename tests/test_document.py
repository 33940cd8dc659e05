"""Tests of the offset map between normalised and raw text."""

from __future__ import annotations

import pytest

from shanxi_poverty.document import Document, OffsetMap, TextBuilder


def _strip_pinyin(raw: str) -> tuple[str, OffsetMap]:
    b = TextBuilder(raw)
    b.keep(0, 4)  # 329萬
    b.drop(4, 9)  # (wàn)
    b.keep(9, len(raw))
    return b.build()


def test_dropped_annotation_after_span_is_not_included() -> None:
    """'329萬(wàn)人' → '329萬人'; the span '329萬' maps to raw '329萬' exactly."""
    raw = "329萬(wàn)人"
    text, offsets = _strip_pinyin(raw)
    assert text == "329萬人"
    lo, hi = offsets.to_raw(0, 4)
    assert raw[lo:hi] == "329萬"
    lo, hi = offsets.to_raw(0, 5)
    assert raw[lo:hi] == "329萬(wàn)人"


def test_replacement_maps_to_whole_source() -> None:
    """An entity replaced by one character maps to the whole entity."""
    raw = "a&ldquo;b"
    b = TextBuilder(raw)
    b.keep(0, 1)
    b.replace("“", 1, 8)
    b.keep(8, 9)
    text, offsets = b.build()
    assert text == "a“b"
    assert offsets.to_raw(1, 2) == (1, 8)
    assert offsets.to_raw(0, 3) == (0, 9)


def test_inserted_text_maps_to_empty_range() -> None:
    """Inserted text has no source and maps to an empty raw range."""
    b = TextBuilder("ab")
    b.keep(0, 1)
    b.insert("\n")
    b.keep(1, 2)
    text, offsets = b.build()
    assert text == "a\nb"
    assert offsets.to_raw(1, 2) == (1, 1)


def test_composition_of_two_steps() -> None:
    """Two steps composed map straight back to the raw text."""
    raw = "<p>329萬(wàn)元</p>"
    first = TextBuilder(raw)
    first.drop(0, 3)
    first.keep(3, len(raw) - 4)
    text1, map1 = first.build()
    assert text1 == "329萬(wàn)元"
    second = TextBuilder(text1)
    second.keep(0, 4)
    second.drop(4, 9)
    second.keep(9, 10)
    text2, map2 = second.build()
    composed = map2.then(map1)
    lo, hi = composed.to_raw(0, 5)
    assert text2 == "329萬元"
    assert raw[lo:hi] == "329萬(wàn)元"
    lo, hi = composed.to_raw(0, 4)
    assert raw[lo:hi] == "329萬"


def test_out_of_order_ranges_are_refused() -> None:
    """The builder refuses a range before what it already consumed."""
    b = TextBuilder("abc")
    b.keep(1, 2)
    with pytest.raises(ValueError, match="out of order"):
        b.keep(0, 1)


def test_out_of_bounds_lookup_raises() -> None:
    """Looking up past the end of the text raises IndexError."""
    with pytest.raises(IndexError):
        OffsetMap.identity(3).to_raw(2, 4)


def test_document_from_text_is_identity() -> None:
    """A document made from plain text maps every span onto itself."""
    doc = Document.from_text("全市20104户", name="x.txt")
    span = doc.raw_span(2, 8)
    assert doc.raw[span.start : span.end] == "20104户"

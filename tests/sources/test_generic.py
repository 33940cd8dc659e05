"""The plain-text fallback."""

from __future__ import annotations

from shanxi_poverty.sources import detect_format, parse_document


def test_fallback_detected() -> None:
    """Text with no newspaper, web or markup signal is plain-text."""
    assert detect_format("Poverty report 2020\n\nNo Chinese here.") == "plain-text"


def test_fallback_normalises() -> None:
    """The fallback still converts script, width and annotations."""
    doc = parse_document(
        "某村脫貧報告\n\n全村１２０戶(hù)脫貧。", name="x.txt", format="plain-text"
    )
    assert doc.text == "某村脱贫报告\n全村120户脱贫。"
    assert doc.meta.title == "某村脱贫报告"
    assert doc.meta.script == "traditional"


def test_fallback_crlf() -> None:
    """CRLF line ends are normalised and offsets stay exact."""
    raw = "標題\r\n\r\n全縣脫貧2000戶。\r\n"
    doc = parse_document(raw, name="crlf.txt", format="plain-text")
    assert doc.text == "标题\n全县脱贫2000户。"
    pos = doc.text.index("2000户")
    lo, hi = doc.offsets.to_raw(pos, pos + 5)
    assert raw[lo:hi] == "2000戶"

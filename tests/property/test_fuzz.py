"""Fuzz tests: damaged input never crashes parsing or extraction.

Only the documented :class:`~shanxi_poverty.errors.ShanxiPovertyError` subclasses may
escape, and every measurement points at its raw text.  See ``docs/reliability.md`` for the
kinds of bad input and what happens with each.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from shanxi_poverty.audit import audit
from shanxi_poverty.errors import (
    BinaryInputError,
    DocumentError,
    EmptyDocumentError,
    FormatError,
    UndecodableInputError,
)
from shanxi_poverty.extract import extract, scan
from shanxi_poverty.sources import decode_raw, parse_document
from tests.conftest import SEEDS, read_seed

pytestmark = pytest.mark.property

SEED_NAMES = sorted(p.name for p in SEEDS.glob("*.txt"))
SEED_TEXTS = [read_seed(n) for n in SEED_NAMES]
#: The errors parse_document / decode_raw document.
DOCUMENTED = (DocumentError,)

#: Pieces that make text look like our sources: figures, HTML, front matter, noise.
PIECES = st.sampled_from(
    [
        "全市",
        "20104户",
        "2.3亿元",
        "百分之九十六",
        "3万5千",
        "第3",
        "2021年",
        "5月20日",
        "<p>",
        "</p>",
        "<div>",
        "&nbsp;",
        "&#",
        "---\n",
        "title: x\n",
        "績(jì)效",
        "\r\n",
        "\n",
        "\x00",
        "\ufffd",
        "锟斤拷",
        "（",
        "）",
        "一",
        "万",
        "余",
        "多",
        "、",
        "，",
    ]
)
noisy_text = st.lists(PIECES | st.text(max_size=5), max_size=40).map("".join)


def _check(raw: str, name: str = "fuzz.txt") -> None:
    """Parse and extract; only documented errors; provenance equals the raw text."""
    try:
        doc = parse_document(raw, name=name)
    except DOCUMENTED:
        return
    for m in extract(doc):
        assert m.provenance is not None
        span = m.provenance.span
        assert 0 <= span.start <= span.end <= len(raw)
        assert m.provenance.text == raw[span.start : span.end]
    assert audit(doc) == []


@given(st.text())
def test_random_unicode(raw: str) -> None:
    """Any Unicode string parses or raises a documented error."""
    _check(raw)


@given(noisy_text)
def test_source_like_noise(raw: str) -> None:
    """Figures, markup, entities and noise pieces mixed at random."""
    _check(raw)


@given(st.binary(max_size=400))
def test_random_bytes(data: bytes) -> None:
    """Bytes decode strictly or raise a documented error; with replacement they parse."""
    try:
        raw = decode_raw(data, name="b.txt")
    except (UndecodableInputError, BinaryInputError, EmptyDocumentError) as exc:
        located = (exc.doc, exc.position is not None)
        assert located == ("b.txt", True)
    else:
        _check(raw)
    _check(data.decode("utf-8", errors="replace"))


@given(st.sampled_from(range(len(SEED_NAMES))), st.data())
@settings(max_examples=40, suppress_health_check=[HealthCheck.too_slow])
def test_truncated_seeds(index: int, data: st.DataObject) -> None:
    """A seed cut at any point (also mid-tag, mid-front-matter) still parses."""
    raw = SEED_TEXTS[index]
    cut = data.draw(st.integers(0, len(raw)))
    _check(raw[:cut], SEED_NAMES[index])
    _check(raw[cut:], SEED_NAMES[index])


@pytest.mark.parametrize("newline", ["\r\n", "\r"], ids=["crlf", "cr"])
@pytest.mark.parametrize("index", range(len(SEED_NAMES)))
def test_crlf_seeds(index: int, newline: str) -> None:
    """CRLF and CR line ends give the same figures as LF (raw text keeps the CR)."""
    raw = SEED_TEXTS[index]
    lf = [m.provenance.text for m in extract(parse_document(raw, name="a")) if m.provenance]
    converted = raw.replace("\n", newline)
    _check(converted)
    crlf = extract(parse_document(converted, name="a"))
    texts = [m.provenance.text.replace(newline, "\n") for m in crlf if m.provenance]
    assert texts == lf


@pytest.mark.parametrize("position", [0, 100, -1])
def test_nul_characters(position: int) -> None:
    """A NUL byte in a file is a BinaryInputError; a NUL character in a str still parses."""
    raw = SEED_TEXTS[0]
    data = raw.encode()
    cut = position % len(data)
    with pytest.raises(BinaryInputError) as exc:
        decode_raw(data[:cut] + b"\x00" + data[cut:], name="n.txt")
    assert exc.value.position == cut
    _check(raw[:100] + "\x00" + raw[100:])


@given(st.text(max_size=60), st.text(max_size=60))
def test_bad_front_matter(head: str, body: str) -> None:
    """Front matter that is not YAML, not a mapping or not closed raises FormatError or
    falls back to another format; nothing else escapes."""
    _check(f"---\n{head}\n---\n<p>{body}全市20104户</p>")
    _check(f"---\n{head}\n<p>{body}</p>")


@pytest.mark.parametrize(
    "front",
    [
        "title: [unclosed",
        "- a list\n- not a mapping",
        ": : :\n\t- x",
        "a: &a [1,2]\nb: [*a,*a,*a]\nc: *b",
        "!!python/object/apply:os.system ['true']",
    ],
)
def test_broken_yaml_is_format_error(front: str) -> None:
    """Broken YAML in a Jekyll post is a FormatError with the document name."""
    raw = f"---\n{front}\n---\n<p>全市20104户</p>"
    try:
        doc = parse_document(raw, name="post.md", format="jekyll-html")
    except FormatError as exc:
        assert exc.doc == "post.md"  # noqa: PT017 - a fallback parse is also allowed
    else:
        _check(doc.raw)


def test_one_megabyte_line() -> None:
    """A 1 MB line with no newline (three figures in it) parses and extracts.

    Few figures: context resolution reads a figure's whole sentence, so a long line dense
    with figures is quadratic (see docs/reliability.md).
    """
    chunk = "贫困群众" * 87_500
    raw = "".join(f"{chunk}全市{i}户" for i in range(1, 4))
    assert len(raw) > 1_000_000
    assert "\n" not in raw
    doc = parse_document(raw, name="long.txt")
    found = [m.provenance.text for m in extract(doc) if m.provenance]
    assert found == ["1户", "2户", "3户"]
    assert audit(doc) == []


@pytest.mark.parametrize(
    "raw",
    [
        "<html><body>" + "<div>" * 10_000 + "全市20104户" + "</div>" * 10_000,
        "<html><body>" + "<div><p><span>" * 3_000 + "全市20104户",
        "<html><body><p>全市20104户<p" * 2_000,
        "<" * 50_000 + "全市20104户",
        "<!--" * 10_000 + "全市20104户",
        "<script>" + "全市20104户" * 100,
        "&" * 50_000 + "&#99999999999;全市20104户&#x110000;",
    ],
    ids=[
        "nested-div",
        "unclosed-nested",
        "unclosed-p",
        "lt-run",
        "comment",
        "script",
        "ampersands",
    ],
)
def test_malformed_html(raw: str) -> None:
    """Deeply nested, unclosed and broken HTML parses without error."""
    _check(raw, "page.html")


def test_scan_accounts_for_every_numeral_on_noise() -> None:
    """The audit and the scanner agree on a dense mix of every numeral kind."""
    raw = "第一是十三五期间一些村2021年5月20日投入2.3亿元、3万5千户，两不愁三保障，１２３人。"
    doc = parse_document(raw * 50, name="mix.txt")
    result = scan(doc)
    assert result.mentions
    assert audit(doc, result=result) == []

"""Format registry, detection, decoding and bad input."""

from __future__ import annotations

import attrs
import pytest

from shanxi_poverty.document import Document
from shanxi_poverty.errors import (
    BinaryInputError,
    EmptyDocumentError,
    UndecodableInputError,
    UnknownFormatError,
)
from shanxi_poverty.sources import (
    SourceParser,
    decode_raw,
    detect_format,
    formats,
    get_parser,
    parse_document,
    register_format,
)

from ..conftest import read_seed


@pytest.mark.parametrize(
    ("seed", "expected"),
    [
        ("000_6a0511461683ecc0.txt", "plain-newspaper"),
        ("001_a02f32b729930850.txt", "web-traditional-pinyin"),
        ("002_fd23042564914def.txt", "web-traditional-pinyin-mojibake"),
        ("003_39e63ac0ebec21db.txt", "jekyll-html"),
        ("004_4bac74a652b9b693.txt", "plain-newspaper"),
    ],
)
def test_detect_format_seeds(seed: str, expected: str) -> None:
    """Each seed is detected as the format of its gold metadata."""
    assert detect_format(read_seed(seed)) == expected


def test_formats_registered() -> None:
    """Every built-in format is registered and satisfies the Protocol."""
    assert set(formats()) >= {
        "plain-newspaper",
        "web-traditional-pinyin",
        "web-traditional-pinyin-mojibake",
        "jekyll-html",
        "html-page",
        "plain-text",
    }
    assert all(isinstance(get_parser(name), SourceParser) for name in formats())


def test_unknown_format() -> None:
    """Asking for an unregistered format names the known ones."""
    with pytest.raises(UnknownFormatError, match="unknown source format 'pdf'; known formats: "):
        parse_document("脱贫", format="pdf")


def test_forced_format() -> None:
    """A format given by name is used even when another would be detected."""
    doc = parse_document("全县１２０户脱贫。", name="x.txt", format="plain-text")
    assert doc.meta.format == "plain-text"
    assert doc.text == "全县120户脱贫。"


@attrs.frozen
class _Upper:
    name: str = "shouting"

    def sniff(self, raw: str, /) -> float:
        return 1.0 if raw.startswith("!!") else 0.0

    def parse(self, raw: str, /, *, name: str) -> Document:
        return Document.from_text(raw, name=name)


def test_register_format() -> None:
    """A registered parser takes part in detection."""
    register_format(_Upper())
    try:
        assert detect_format("!!脱贫") == "shouting"
        assert parse_document("!!脱贫").text == "!!脱贫"
    finally:
        from shanxi_poverty import sources  # noqa: PLC0415

        sources._REGISTRY.pop("shouting")


@pytest.mark.parametrize("raw", ["", "   \n\n\t", "\ufeff\n\u3000"])
def test_parse_empty(raw: str) -> None:
    """An empty or blank document is an EmptyDocumentError at position 0."""
    with pytest.raises(EmptyDocumentError) as info:
        parse_document(raw, name="blank.txt")
    assert str(info.value) == "blank.txt:0: the document holds no text"


def test_decode_raw_keeps_bom_and_crlf() -> None:
    """Decoding keeps the BOM and CRLF, so raw offsets count every character."""
    assert decode_raw("\ufeff脱贫\r\n".encode()) == "\ufeff脱贫\r\n"


def test_decode_raw_undecodable_position() -> None:
    """Invalid UTF-8 raises with the byte offset of the bad byte."""
    data = "脱贫".encode() + "攻坚".encode("gbk")
    with pytest.raises(UndecodableInputError) as info:
        decode_raw(data, name="gbk.txt")
    assert info.value.position == 6
    assert info.value.doc == "gbk.txt"
    assert str(info.value).startswith("gbk.txt:6: invalid UTF-8 byte 0xb9")


def test_decode_raw_nul_is_binary() -> None:
    """A NUL byte marks binary input, at its offset."""
    with pytest.raises(BinaryInputError) as info:
        decode_raw(b"PK\x03\x04\x00\x00", name="a.zip")
    assert info.value.position == 4


def test_decode_raw_control_bytes_are_binary() -> None:
    """Mostly control bytes are binary even without NUL."""
    with pytest.raises(BinaryInputError, match="control bytes"):
        decode_raw(bytes(range(1, 32)) * 4)


@pytest.mark.parametrize("data", [b"", b"  \r\n", "\u3000\n".encode()])
def test_decode_raw_empty(data: bytes) -> None:
    """Blank files are EmptyDocumentError."""
    with pytest.raises(EmptyDocumentError):
        decode_raw(data, name="e.txt")


@pytest.mark.parametrize(
    "seed",
    [
        "000_6a0511461683ecc0.txt",
        "001_a02f32b729930850.txt",
        "002_fd23042564914def.txt",
        "003_39e63ac0ebec21db.txt",
        "004_4bac74a652b9b693.txt",
    ],
)
def test_every_character_maps_back(seed: str) -> None:
    """Each normalised character of a seed maps to itself, its traditional or full-width form,
    or (for a line break or quote) to the raw piece it replaced."""
    from shanxi_poverty._opencc import default_converter  # noqa: PLC0415

    conv = default_converter()
    doc = parse_document(read_seed(seed), name=seed)
    for i, char in enumerate(doc.text):
        lo, hi = doc.offsets.to_raw(i, i + 1)
        piece = doc.raw[lo:hi]
        if char == "\n":
            # A line break may stand for blank lines, dropped boilerplate lines or tags.
            assert "\n" in piece or "<" in piece, (i, piece)
        elif hi - lo == 1:
            assert conv.convert(piece) == char or piece == char, (i, char, piece)
        else:
            assert piece.startswith("&"), (i, char, piece)

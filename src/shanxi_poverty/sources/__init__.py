"""Source formats: raw text of any supported kind → :class:`~shanxi_poverty.document.Document`.

One module per kind of source, each a :class:`SourceParser`:

========================================  ==========================================
format                                    kind of document
========================================  ==========================================
``plain-newspaper``                       plain newspaper text, one article or a page
``web-traditional-pinyin``                traditional web dump with pinyin annotations
``web-traditional-pinyin-mojibake``       ... with GBK mojibake runs
``jekyll-html``                           Jekyll post: YAML front matter + HTML body
``html-page``                             a saved HTML page
``plain-text``                            anything else (fallback)
========================================  ==========================================

>>> doc = parse_document("乡村振兴谱新篇\\n\\n全市20104户脱贫。\\n\\n记者 周皓", name="a.txt")
>>> doc.meta.format, doc.meta.title, doc.meta.authors
('plain-newspaper', '乡村振兴谱新篇', ('周皓',))
>>> doc.raw[slice(*doc.offsets.to_raw(doc.text.index("20104户"), doc.text.index("户") + 1))]
'20104户'

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final, Protocol, runtime_checkable

from shanxi_poverty.errors import (
    BinaryInputError,
    EmptyDocumentError,
    UndecodableInputError,
    UnknownFormatError,
)

if TYPE_CHECKING:
    from shanxi_poverty.document import Document

__all__ = [
    "SourceParser",
    "decode_raw",
    "detect_format",
    "formats",
    "get_parser",
    "parse_document",
    "register_format",
]


def __dir__() -> list[str]:
    return __all__


@runtime_checkable
class SourceParser(Protocol):
    """A parser for one kind of source.

    ``sniff`` scores how well a raw text fits the format, from 0 (not at all) to 1 (surely);
    :func:`detect_format` picks the highest score.
    """

    @property
    def name(self) -> str:
        """The format name (a slug such as ``jekyll-html``)."""
        ...

    def sniff(self, raw: str, /) -> float:
        """How well ``raw`` fits this format, from 0.0 to 1.0."""
        ...

    def parse(self, raw: str, /, *, name: str) -> Document:
        """Parse ``raw`` into a document called ``name``."""
        ...


_REGISTRY: dict[str, SourceParser] = {}
_CONTROL_LIMIT: Final = 0.1
_SAMPLE: Final = 4096
_ALLOWED_CONTROLS: Final = frozenset(b"\t\n\r\x0c")


def _builtins() -> dict[str, SourceParser]:
    if not _REGISTRY:
        from shanxi_poverty.sources import (  # noqa: PLC0415 - parsers import this module
            generic,
            html_page,
            jekyll,
            plain,
            web_traditional,
        )

        for parser in (
            plain.PARSER,
            web_traditional.PARSER,
            web_traditional.MOJIBAKE_PARSER,
            jekyll.PARSER,
            html_page.PARSER,
            generic.PARSER,
        ):
            _REGISTRY.setdefault(parser.name, parser)
    return _REGISTRY


def register_format(parser: SourceParser) -> None:
    """Register ``parser`` under ``parser.name`` (replacing a parser of that name)."""
    _builtins()[parser.name] = parser


def formats() -> tuple[str, ...]:
    """Names of the registered formats."""
    return tuple(_builtins())


def get_parser(format: str) -> SourceParser:  # noqa: A002 - the gold schema's field name
    """The parser registered as ``format``.

    Raises:
        UnknownFormatError: if no parser has that name.
    """
    registry = _builtins()
    try:
        return registry[format]
    except KeyError:
        raise UnknownFormatError(format, tuple(registry)) from None


def detect_format(raw: str) -> str:
    """The name of the registered format that fits ``raw`` best.

    >>> detect_format("---\\ntitle: 标题\\n---\\n<p>正文</p>")
    'jekyll-html'
    """
    best, best_score = "plain-text", -1.0
    for name, parser in _builtins().items():
        score = parser.sniff(raw)
        if score > best_score:
            best, best_score = name, score
    return best


def parse_document(
    raw: str,
    *,
    name: str | None = None,
    format: str | None = None,  # noqa: A002 - the gold schema's field name
) -> Document:
    """Parse raw text into a :class:`~shanxi_poverty.document.Document`.

    Args:
        raw: the text as read (see :func:`decode_raw`).
        name: document name, usually the file name.
        format: a registered format name; detected when ``None``.

    Raises:
        EmptyDocumentError: if ``raw`` holds only white space.
        UnknownFormatError: if ``format`` is not registered.
        FormatError: if the text does not follow the format asked for.
    """
    doc_name = name or "<text>"
    if not raw.strip(" \t\r\n\f\v\u3000\xa0\ufeff\u200b"):
        raise EmptyDocumentError("the document holds no text", doc=doc_name, position=0)
    parser = get_parser(format) if format is not None else get_parser(detect_format(raw))
    return parser.parse(raw, name=doc_name)


def decode_raw(data: bytes, *, name: str | None = None) -> str:
    """Decode file bytes as strict UTF-8, without newline translation.

    A byte-order mark is kept (the normalised text drops it), so raw offsets count every
    character of the file.

    Raises:
        EmptyDocumentError: if there is no text (empty or only white space).
        BinaryInputError: if the bytes look binary (a NUL byte, or many control bytes).
        UndecodableInputError: if the bytes are not UTF-8; ``position`` is the byte offset.

    >>> decode_raw("脱贫".encode())
    '脱贫'
    >>> decode_raw(b"\\xe8\\x84\\xb1\\xff", name="a.txt")
    Traceback (most recent call last):
    ...
    shanxi_poverty.errors.UndecodableInputError: a.txt:3: invalid UTF-8 byte 0xff ...
    """
    nul = data.find(b"\x00")
    if nul >= 0:
        raise BinaryInputError("binary data: NUL byte", doc=name, position=nul)
    sample = data[:_SAMPLE]
    controls = [i for i, b in enumerate(sample) if b < 0x20 and b not in _ALLOWED_CONTROLS]  # noqa: PLR2004
    if sample and len(controls) > _CONTROL_LIMIT * len(sample):
        raise BinaryInputError(
            f"binary data: {len(controls)} control bytes in the first {len(sample)}",
            doc=name,
            position=controls[0],
        )
    try:
        text = data.decode("utf-8", errors="strict")
    except UnicodeDecodeError as exc:
        bad = data[exc.start]
        raise UndecodableInputError(
            f"invalid UTF-8 byte 0x{bad:02x} ({exc.reason}); the file is not UTF-8",
            doc=name,
            position=exc.start,
        ) from exc
    if not text.strip(" \t\r\n\f\v\u3000\xa0\ufeff\u200b"):
        raise EmptyDocumentError("the document holds no text", doc=name, position=0)
    return text

"""Saved HTML pages (``html-page``): ``<head>`` metadata, navigation, article body.

Metadata comes from ``<title>``, ``<meta>`` tags (``og:title``, ``og:site_name``,
``og:url``, ``article:published_time``, ``author``, ``source``, ``publishdate``) and
``<link rel="canonical">``; the first ``<h1>`` wins over ``<title>``.  The head, ``<nav>``,
``<header>``, ``<footer>``, ``<aside>``, ``<form>``, scripts and styles leave the text;
``<h2>``–``<h4>`` headings of the body become :attr:`DocumentMeta.sections
<shanxi_poverty.document.DocumentMeta.sections>`.

>>> raw = ('<!DOCTYPE html><html><head><title>标题 - 网站</title>'
...        '<meta property="og:site_name" content="山西新闻网"></head>'
...        '<body><nav>首页</nav><h1>沁县脱贫</h1><p>全县１２０户脱贫。</p></body></html>')
>>> doc = PARSER.parse(raw, name="page.html")
>>> doc.meta.title, doc.meta.publisher, doc.meta.home_region, doc.text
('沁县脱贫', '山西新闻网', '沁县', '沁县脱贫\\n全县120户脱贫。')
"""

from __future__ import annotations

import html
import re
from typing import TYPE_CHECKING, Final

import attrs

from shanxi_poverty.document import DocumentMeta, TextBuilder
from shanxi_poverty.normalize import compose, iter_tags, normalize_pinyin, normalize_script
from shanxi_poverty.sources import _common

if TYPE_CHECKING:
    from shanxi_poverty.document import Document, OffsetMap

__all__ = ["PARSER", "HtmlPageParser"]

_SNIFF: Final = re.compile(r"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]", re.IGNORECASE)
_FURNITURE: Final = frozenset({"head", "nav", "header", "footer", "aside", "form", "noscript"})
_TITLE: Final = re.compile(r"<title[^<>]{0,200}>([^<>]{0,300})</title>", re.IGNORECASE)
_H1: Final = re.compile(r"<h1[^<>]{0,200}>(.{0,300}?)</h1>", re.IGNORECASE | re.DOTALL)
_HEADING: Final = re.compile(r"<h([2-4])[^<>]{0,200}>(.{0,300}?)</h\1>", re.IGNORECASE | re.DOTALL)
_META: Final = re.compile(r"<meta\b([^<>]{0,2000})>", re.IGNORECASE)
_ATTR: Final = re.compile(
    r"""([a-zA-Z:_-]{1,40})\s{0,3}=\s{0,3}(?:"([^"]{0,2000})"|'([^']{0,2000})')"""
)
_CANONICAL: Final = re.compile(
    r"""<link\b[^<>]{0,500}rel\s{0,3}=\s{0,3}["']canonical["'][^<>]{0,500}>""", re.IGNORECASE
)
_TAG: Final = re.compile(r"<[^<>]{0,2000}>")
_TITLE_SUFFIX: Final = re.compile(r"\s{0,3}[-_|｜]\s{0,3}[^-_|｜]{1,40}$")


def _meta_tags(raw: str) -> dict[str, str]:
    """``name``/``property`` → ``content`` of every ``<meta>`` tag (lower-case keys)."""
    out: dict[str, str] = {}
    for m in _META.finditer(raw):
        attrs_ = {
            a.group(1).lower(): a.group(2) or a.group(3) or "" for a in _ATTR.finditer(m.group(1))
        }
        key = attrs_.get("name") or attrs_.get("property") or attrs_.get("itemprop")
        if key and "content" in attrs_:
            out.setdefault(key.lower(), attrs_["content"])
    return out


def _clean(fragment: str) -> str:
    text = html.unescape(_TAG.sub("", fragment)).strip()
    return compose(re.sub(r"\s+", " ", text), normalize_pinyin, normalize_script)[0]


def _furniture(text: str) -> list[tuple[int, int]]:
    """Raw ranges of page furniture elements (head, nav, header, footer, aside, form).

    Linear: a tag whose closing tag is missing is remembered and not searched for again.
    """
    spans: list[tuple[int, int]] = []
    unclosed: set[str] = set()
    skip_to = 0
    for start, end, name in iter_tags(text):
        if start < skip_to or name not in _FURNITURE or name in unclosed:
            continue
        if text[start + 1] == "/":
            continue
        close = re.compile(rf"</{name}\s*>", re.IGNORECASE).search(text, end)
        if close is None:
            unclosed.add(name)
            continue
        spans.append((start, close.end()))
        skip_to = close.end()
    return spans


def _drop_furniture(text: str) -> tuple[str, OffsetMap]:
    b = TextBuilder(text)
    pos = 0
    for start, end in _furniture(text):
        b.keep(pos, start)
        b.replace("\n", start, end)
        pos = end
    b.keep(pos, len(text))
    return b.build()


@attrs.frozen
class HtmlPageParser:
    """Parser of saved HTML pages (see the module docstring)."""

    name: str = "html-page"

    def sniff(self, raw: str, /) -> float:
        """High when a doctype, ``<html>``, ``<head>`` or ``<body>`` tag opens the text."""
        return 0.9 if _SNIFF.search(raw[:3000]) else 0.0

    def parse(self, raw: str, /, *, name: str) -> Document:
        """Parse an HTML page."""
        prepared = _common.prepare(raw, markup=True, before=(_drop_furniture,))
        text, offsets = _common.finish(prepared, rejoin=False)
        lines = prepared.lines
        tags = _meta_tags(raw)
        h1 = _H1.search(raw)
        title_tag = _TITLE.search(raw)
        title = tags.get("og:title") or (h1.group(1) if h1 else None)
        if not title and title_tag:
            title = _TITLE_SUFFIX.sub("", title_tag.group(1).strip())
        published = (
            tags.get("article:published_time")
            or tags.get("publishdate")
            or tags.get("pubdate")
            or tags.get("date")
        )
        canonical = _CANONICAL.search(raw)
        url = tags.get("og:url")
        if not url and canonical:
            href = re.search(r"""href\s{0,3}=\s{0,3}["']([^"']{1,1000})["']""", canonical.group())
            url = href.group(1) if href else None
        authors = [a for a in re.split(r"[\s,，、]+", _clean(tags.get("author", ""))) if a]
        meta = DocumentMeta(
            title=_clean(title) if title else None,
            subtitle=_clean(tags["description"]) if tags.get("description") else None,
            published=_common.parse_datetime(published)
            if published
            else _common.find_published(lines),
            publisher=_clean(tags.get("og:site_name") or tags.get("source") or "")
            or _common.find_publisher(lines),
            authors=authors or _common.find_authors(lines),
            photo_credits=_common.find_photo_credits(lines),
            editor=_common.find_editor(lines),
            url=url,
            sections=[_clean(m.group(2)) for m in _HEADING.finditer(_drop_furniture(raw)[0])],
            format=self.name,
        )
        return _common.build_document(name, prepared, text, offsets, meta)


PARSER: Final = HtmlPageParser()

"""Plain newspaper text (``plain-newspaper``): one article, or a page of several.

A single article has an optional kicker, a headline, in-article section headings, photo
captions (``记者 韩双喜 摄``) and a closing byline (``记者 周皓``).  A page holds several
articles, each a headline line followed by a ``本报讯(记者 …)`` byline paragraph; an upper
headline (引题) above the first one is the page title.  Both kinds share the layout noise of
print: sentences cut across column breaks are rejoined (``为期7`` / ``天`` → ``为期7天``) and a
passage the layout repeats is recorded as a :class:`~shanxi_poverty.document.Duplicate`.

>>> raw = (
...     "标题一\\n\\n本报讯(记者 周皓)全省脱贫。\\n\\n\\n\\n"
...     "标题二\\n\\n本报讯(记者 张勇)我市培训129人。"
... )
>>> doc = PARSER.parse(raw, name="page.txt")
>>> [a.meta.title for a in doc.articles], doc.meta.authors
(['标题一', '标题二'], ('周皓', '张勇'))
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Final

import attrs

from shanxi_poverty.document import Article, DocumentMeta
from shanxi_poverty.model import Span
from shanxi_poverty.normalize import CJK
from shanxi_poverty.sources import _common

if TYPE_CHECKING:
    from shanxi_poverty.document import Document

__all__ = ["PARSER", "PlainNewspaperParser"]

FORMAT: Final = "plain-newspaper"
_DATELINE: Final = re.compile(r"本报讯")
_BYLINE: Final = re.compile(rf"(?:记者|通讯员)\s{{0,2}}[{CJK}]{{2,4}}")
_LOCAL: Final = re.compile("我省|我市|全省|全市|我县|全县")
_MARKUP: Final = re.compile(r"<(?:p|div|br|html|body)\b|^---\s*$", re.IGNORECASE | re.MULTILINE)
#: A pinyin annotation after a character, opening on its "(" (a literal ``re`` skips to).
_PINYIN: Final = re.compile(rf"\((?<=[{CJK}]\()[a-zāáǎàēéěèīíǐìōóǒòūúǔù]{{1,7}}\s?\)")
_PAGE_MIN_ARTICLES: Final = 2


@attrs.frozen
class PlainNewspaperParser:
    """Parser of plain newspaper text (see the module docstring)."""

    name: str = FORMAT

    def sniff(self, raw: str, /) -> float:
        """High for plain text with newspaper bylines (本报讯, 记者) or 我省/我市 references."""
        head = raw[:20000]
        if _MARKUP.search(head) or len(_PINYIN.findall(head)) >= 3:  # noqa: PLR2004
            return 0.05
        score = 0.05
        if _DATELINE.search(head):
            score += 0.4
        if _BYLINE.search(head):
            score += 0.2
        if _LOCAL.search(head):
            score += 0.15
        return score

    def parse(self, raw: str, /, *, name: str) -> Document:
        """Parse one article or a page of articles."""
        prepared = _common.prepare(raw)
        text, offsets = _common.finish(prepared)
        lines = prepared.lines
        starts = [s for s, e in _common.paragraph_spans(text) if _DATELINE.match(text, s, e)]
        base = DocumentMeta(
            authors=_common.find_authors(lines),
            photo_credits=_common.find_photo_credits(lines),
            editor=_common.find_editor(lines),
            published=_common.find_published(lines),
            publisher=_common.find_publisher(_common.header_lines(lines)),
            format=self.name,
        )
        if len(starts) >= _PAGE_MIN_ARTICLES:
            meta, articles = _page(text, starts, base, prepared)
            return _common.build_document(name, prepared, text, offsets, meta, articles=articles)
        headings = _common.headline_lines(lines)
        title = headings[0] if headings else None
        sections = [h for h in headings[1:] if h != title]
        meta = attrs.evolve(base, title=title, sections=sections)
        return _common.build_document(name, prepared, text, offsets, meta)


def _headlines_before(text: str, pos: int) -> list[tuple[int, str]]:
    """The heading lines (with their start) right above position ``pos``, top first."""
    out: list[tuple[int, str]] = []
    end = pos - 1
    while end > 0:
        while end > 0 and text[end - 1] == "\n":
            end -= 1
        start = text.rfind("\n", 0, end) + 1
        line = text[start:end]
        if not line or not _common.is_headline(line):
            break
        out.insert(0, (start, line))
        end = start - 1
    return out


def _page(
    text: str, starts: list[int], base: DocumentMeta, prepared: _common.Prepared
) -> tuple[DocumentMeta, list[Article]]:
    """Page metadata and one :class:`Article` per ``本报讯`` byline."""
    heads = [_headlines_before(text, s) for s in starts]
    bounds = [h[0][0] if h else s for h, s in zip(heads, starts, strict=True)]
    bounds.append(len(text))
    articles: list[Article] = []
    for i, start in enumerate(bounds[:-1]):
        end = bounds[i + 1]
        body = text[start:end].rstrip("\n")
        lines = body.split("\n")
        article_title = heads[i][-1][1] if heads[i] else None
        meta = DocumentMeta(
            title=article_title,
            authors=_common.find_authors(lines),
            photo_credits=_common.find_photo_credits(lines),
            format=base.format,
            script=prepared.script,
            sections=_common.run_in_headings(body),
        )
        meta = attrs.evolve(meta, home_region=_common.guess_home_region(body, meta))
        articles.append(Article(span=Span(start, start + len(body)), meta=meta))
    first = heads[0]
    title = first[0][1] if first else None
    subtitle = first[1][1] if len(first) > 1 else None
    sections = [s for a in articles for s in a.meta.sections]
    meta = attrs.evolve(base, title=title, subtitle=subtitle, sections=sections)
    return meta, articles


PARSER: Final = PlainNewspaperParser()

"""Jekyll posts (``jekyll-html``): YAML front matter, then an HTML body.

The front matter is read with PyYAML's ``safe_load`` (title, date, author,
categories, tags).  The body is HTML, often on one line, with section headings as
``<p><strong>…</strong></p>``; after it come a bare share URL in angle brackets and a
markdown navigation footer (``[返回首页](…)``).  Markdown links elsewhere keep their text.

>>> raw = '---\\ntitle: "山西运城：脱贫"\\ndate: 2022-01-10 16:20:36 +0800\\n---\\n<p>全市脱贫。'
>>> doc = PARSER.parse(raw, name="post.md")
>>> doc.meta.title, doc.meta.published, doc.text
('山西运城：脱贫', '2022-01-10T16:20:36+08:00', '全市脱贫。')
"""

from __future__ import annotations

import datetime as dt
import html
import re
from typing import TYPE_CHECKING, Final

import attrs
import yaml

from shanxi_poverty.document import DocumentMeta, TextBuilder
from shanxi_poverty.errors import FormatError
from shanxi_poverty.normalize import compose, normalize_pinyin, normalize_script
from shanxi_poverty.sources import _common

if TYPE_CHECKING:
    from shanxi_poverty.document import Document, OffsetMap

__all__ = ["PARSER", "JekyllParser", "split_front_matter"]

_FRONT: Final = re.compile(r"\A\ufeff?---[ \t]*\r?\n")
_CLOSE: Final = re.compile(r"^---[ \t]*$", re.MULTILINE)
_LINK: Final = re.compile(r"\[([^\[\]\n]{0,200})\]\(([^()\s]{0,500})\)")
_AUTOLINK: Final = re.compile(r"<(https?://[^\s<>]{1,500})>")
_SECTION: Final = re.compile(
    r"<p[^<>]{0,200}>\s{0,5}<(strong|b)>([^<>]{1,80})</\1>\s{0,5}</p>"
    r"|<h[2-4][^<>]{0,200}>([^<>]{1,80})</h[2-4]>",
    re.IGNORECASE,
)


#: PyYAML's libyaml-based loader when the wheel has it: it parses several times faster.
_FAST_LOADER: Final = getattr(yaml, "CSafeLoader", None)


def _load_yaml(block: str) -> object:
    """``yaml.safe_load``, through libyaml when available.  A block libyaml rejects is parsed
    again by the pure-Python loader, which decides what is valid and reports errors with
    character offsets."""
    if _FAST_LOADER is not None:
        try:
            return yaml.load(block, Loader=_FAST_LOADER)  # noqa: S506 - a safe loader
        except yaml.YAMLError:
            pass
    return yaml.safe_load(block)


def split_front_matter(raw: str, *, name: str = "<text>") -> tuple[dict[str, object], int]:
    """The front matter as a mapping, and the raw offset where the body starts.

    Raises:
        FormatError: if the front matter is not closed, not YAML, or not a mapping.
    """
    m = _FRONT.match(raw)
    if not m:
        raise FormatError(
            "no front matter: the text does not start with '---'", doc=name, position=0
        )
    close = _CLOSE.search(raw, m.end())
    if not close:
        raise FormatError("front matter is not closed by a '---' line", doc=name, position=0)
    block = raw[m.end() : close.start()]
    try:
        data = _load_yaml(block)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        position = m.end() + (mark.index if mark is not None else 0)
        raise FormatError(
            f"front matter is not valid YAML: {exc}", doc=name, position=position
        ) from exc
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise FormatError("front matter is not a YAML mapping", doc=name, position=m.end())
    body = close.end() + 1 if close.end() < len(raw) else close.end()
    return {str(k): v for k, v in data.items()}, body


def _published(value: object) -> str | None:
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=dt.timezone(dt.timedelta(hours=8)))
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        for fmt in ("%Y-%m-%d %H:%M:%S %z", "%Y-%m-%d %H:%M %z", "%Y-%m-%dT%H:%M:%S%z"):
            try:
                return dt.datetime.strptime(value.strip(), fmt).isoformat()  # noqa: DTZ007 - %z
            except ValueError:
                continue
        return _common.parse_datetime(value)
    return None


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [v for v in re.split(r"[\s,，、]+", value) if v]
    if isinstance(value, list):
        return [str(v) for v in value if v]
    return []


def _simplify(text: str) -> str:
    return compose(html.unescape(text).strip(), normalize_pinyin, normalize_script)[0]


def _markdown_links(text: str) -> tuple[str, OffsetMap]:
    """``[text](url)`` → ``text``."""
    b = TextBuilder(text)
    pos = 0
    for m in _LINK.finditer(text):
        b.keep(pos, m.start())
        b.drop(m.start(), m.start(1))
        b.keep(m.start(1), m.end(1))
        b.drop(m.end(1), m.end())
        pos = m.end()
    b.keep(pos, len(text))
    return b.build()


@attrs.frozen
class JekyllParser:
    """Parser of Jekyll posts (see the module docstring)."""

    name: str = "jekyll-html"

    def sniff(self, raw: str, /) -> float:
        """Near 1 when the text opens with a closed ``---`` front matter block."""
        m = _FRONT.match(raw)
        if not m or not _CLOSE.search(raw, m.end(), m.end() + 5000):
            return 0.0
        return 0.95

    def parse(self, raw: str, /, *, name: str) -> Document:
        """Parse front matter and body.

        Raises:
            FormatError: if the front matter is broken.
        """
        front, body_start = split_front_matter(raw, name=name)

        def drop_front(text: str) -> tuple[str, OffsetMap]:
            b = TextBuilder(text)
            b.drop(0, min(body_start, len(text)))
            b.keep(min(body_start, len(text)), len(text))
            return b.build()

        prepared = _common.prepare(raw, markup=True, before=(drop_front,))
        text, offsets = _common.finish(prepared, _markdown_links, rejoin=False)
        lines = prepared.lines
        body = raw[body_start:]
        title = front.get("title")
        url = front.get("url") or front.get("link")
        autolink = _AUTOLINK.search(body)
        sections = [_simplify(m.group(2) or m.group(3)) for m in _SECTION.finditer(body)]
        meta = DocumentMeta(
            title=_simplify(str(title)) if title else None,
            subtitle=_simplify(str(front["subtitle"])) if front.get("subtitle") else None,
            published=_published(front.get("date")),
            publisher=_common.find_publisher(lines)
            or (_simplify(str(front["source"])) if front.get("source") else None),
            authors=_strings(front.get("author") or front.get("authors"))
            or _common.find_authors(lines),
            photo_credits=_common.find_photo_credits(lines),
            editor=_common.find_editor(lines),
            url=str(url) if url else (autolink.group(1) if autolink else None),
            sections=sections,
            format=self.name,
        )
        return _common.build_document(name, prepared, text, offsets, meta)


PARSER: Final = JekyllParser()

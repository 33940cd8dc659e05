"""The fallback format (``plain-text``): any text no other parser claims.

Runs every character-level step (pinyin, entities, width, script; markup only when the text
has tags), drops boilerplate lines and reads what metadata the generic readers find.

>>> doc = PARSER.parse("某村脫貧報告\\n\\n全村１２０戶脫貧。", name="x.txt")
>>> doc.meta.title, doc.text
('某村脱贫报告', '某村脱贫报告\\n全村120户脱贫。')
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Final

import attrs

from shanxi_poverty.document import DocumentMeta
from shanxi_poverty.sources import _common

if TYPE_CHECKING:
    from shanxi_poverty.document import Document

__all__ = ["PARSER", "PlainTextParser"]

_TAGS: Final = re.compile(r"</?(?:p|div|br|span|strong|a|h[1-6])\b[^<>]{0,500}>", re.IGNORECASE)
_MIN_TAGS: Final = 2


@attrs.frozen
class PlainTextParser:
    """Parser of any text (see the module docstring)."""

    name: str = "plain-text"

    def sniff(self, raw: str, /) -> float:  # noqa: ARG002 - the fallback fits everything
        """A low constant score: used only when nothing else fits."""
        return 0.1

    def parse(self, raw: str, /, *, name: str) -> Document:
        """Parse ``raw`` with the generic steps."""
        markup = len(_TAGS.findall(raw[:20000])) >= _MIN_TAGS
        prepared = _common.prepare(raw, markup=markup)
        text, offsets = _common.finish(prepared)
        lines = prepared.lines
        headings = _common.headline_lines(lines)
        meta = DocumentMeta(
            title=headings[0] if headings else None,
            published=_common.find_published(lines),
            publisher=_common.find_publisher(_common.header_lines(lines)),
            authors=_common.find_authors(lines),
            photo_credits=_common.find_photo_credits(lines),
            editor=_common.find_editor(lines),
            sections=headings[1:],
            format=self.name,
        )
        return _common.build_document(name, prepared, text, offsets, meta)


PARSER: Final = PlainTextParser()

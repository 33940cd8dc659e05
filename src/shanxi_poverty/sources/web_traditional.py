"""Traditional-script web dumps (``web-traditional-pinyin``, ``web-traditional-pinyin-mojibake``).

Articles republished by a site that converted them to traditional script and leaked the
pinyin of its ruby annotations into the text (``成績(jì)單``, ``會(huì )``).  A CMS header
line carries the date, source (來源) and an empty page-view counter (瀏覽次數); a footer
carries the editor (責任編輯), a copyright notice (版權聲明) and sometimes spam lines.  Some
pages also hold GBK mojibake runs (``當?shù)卣谡鞯…``), recorded as
:class:`~shanxi_poverty.document.Damage`; the ``-mojibake`` format is the same parser,
chosen when such runs are found.

>>> raw = (
...     "【專題】脫貧攻堅 成績(jì)單\\n\\n2021-01-20 10:34:19 來(lái)源:山西日報   瀏覽次數:\\n"
...     "\\n  329萬(wàn)貧困人口全部脫貧。\\n\\n責任編輯: 吉政"
... )
>>> doc = PARSER.parse(raw, name="web.txt")
>>> doc.meta.title, doc.meta.subtitle, doc.meta.published, doc.meta.publisher, doc.meta.editor
('脱贫攻坚 成绩单', '专题', '2021-01-20T10:34:19+08:00', '山西日报', '吉政')
>>> doc.text
'【专题】脱贫攻坚 成绩单\\n\\n\\n329万贫困人口全部脱贫。'
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Final

import attrs

from shanxi_poverty.document import DocumentMeta
from shanxi_poverty.normalize import is_traditional
from shanxi_poverty.sources import _common
from shanxi_poverty.sources._mojibake import find_damage

if TYPE_CHECKING:
    from shanxi_poverty.document import Document

__all__ = ["MOJIBAKE_PARSER", "PARSER", "WebTraditionalParser"]

_KICKER: Final = re.compile(r"【[^】]{1,12}】")
_BRACKETED_TITLE: Final = re.compile(r"^【([^】]{1,60})】(.{1,80})$")
_SUBTITLE: Final = re.compile(r"^[—-]{2}\s?(.{2,80})$")
_MIN_PINYIN: Final = 3
_MIN_RUNS: Final = 2


@attrs.frozen
class WebTraditionalParser:
    """Parser of traditional web dumps (see the module docstring).

    Args:
        name: the format name.
        mojibake: whether this is the variant for pages with mojibake runs.
    """

    name: str = "web-traditional-pinyin"
    mojibake: bool = False

    def sniff(self, raw: str, /) -> float:
        """High for text with pinyin annotations or in traditional script."""
        head = raw[:20000]
        pinyin = len(_common.PINYIN_ANNOTATION.findall(head)) >= _MIN_PINYIN
        if not pinyin and not is_traditional(head[:3000]):
            return 0.0
        runs = sum(d.kind == "mojibake" for d in find_damage(head)) >= _MIN_RUNS
        score = 0.7 if pinyin else 0.55
        if runs:
            return score + 0.1 if self.mojibake else score
        return 0.0 if self.mojibake else score

    def parse(self, raw: str, /, *, name: str) -> Document:
        """Parse a web dump; header, footer and spam lines leave the text."""
        prepared = _common.prepare(raw)
        text, offsets = _common.finish(prepared)
        lines = prepared.lines
        title, subtitle, skip = _titles(lines)
        body = lines[skip:]
        heads = [h for h in _common.headline_lines(body) if h not in {title, subtitle}]
        runs = sum(d.kind == "mojibake" for d in prepared.damage) >= _MIN_RUNS
        fmt = "web-traditional-pinyin-mojibake" if runs else "web-traditional-pinyin"
        meta = DocumentMeta(
            title=title,
            subtitle=subtitle,
            published=_common.find_published(lines),
            publisher=_common.find_publisher(_common.header_lines(lines)),
            authors=_common.find_authors(body),
            photo_credits=_common.find_photo_credits(body),
            editor=_common.find_editor(lines),
            sections=heads,
            format=fmt,
        )
        return _common.build_document(name, prepared, text, offsets, meta)


def _titles(lines: list[str]) -> tuple[str | None, str | None, int]:
    """Title, subtitle and the number of leading lines they (and the header) take."""
    title: str | None = None
    subtitle: str | None = None
    used = 0
    for i, line in enumerate(lines[:8]):
        if not line:
            continue
        if _KICKER.fullmatch(line):  # 【乡村纪行】 alone: a column's name above the title
            used = i + 1
            continue
        if (m := _BRACKETED_TITLE.match(line)) and _common.is_headline(m.group(2)):
            subtitle, title = m.group(1).strip(), m.group(2).strip()
            used = i + 1
        elif m := _SUBTITLE.match(line):
            subtitle = m.group(1).strip()
            used = i + 1
        elif title is None and subtitle is None and _common.is_headline(line):
            title = line
            used = i + 1
        elif title is not None and subtitle is None and _common.is_headline(line):
            subtitle = line  # a second headline line under the title
            used = i + 1
        elif _common.find_published([line]) or _common.find_publisher([line]):
            used = i + 1
        elif not _common.is_noise_line(line):  # a site name or breadcrumb may come first
            break
    return title, subtitle, used


PARSER: Final = WebTraditionalParser()
MOJIBAKE_PARSER: Final = WebTraditionalParser("web-traditional-pinyin-mojibake", mojibake=True)

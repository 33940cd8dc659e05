"""Detection of damaged stretches of raw text (mojibake, broken markup, U+FFFD).

The mojibake this library meets is GBK text decoded one byte out of step, then converted to
traditional script with pinyin annotations added: the first mis-paired character shows as
``?`` and keeps only its pinyin *tail* (``?shù)``, ``?lián)``), pairs that decode to nothing
vanish, the re-paired bytes show as rare characters (``卣谡鞯``, ``粗矍暗木跋``) and a stray
byte shows as ``?`` or eats the next ASCII character (``?ldquo;``, ``?,F``).

A run starts at one of these signals and extends over at most twelve CJK characters to its
terminator (``?`` or a stray ASCII letter), so every pattern here is linear.

>>> [(d.span.start, d.span.end, d.kind) for d in find_damage("當?shù)卣谡鞯萌罕姷囊庖娭?,決定")]
[(1, 16, 'mojibake')]
"""

from __future__ import annotations

import re
from typing import Final

from shanxi_poverty.document import Damage
from shanxi_poverty.model import Span
from shanxi_poverty.normalize import CJK, PINYIN_LETTERS, gbk_read_as_latin1

__all__ = ["find_damage"]

_TONE: Final = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
_TAIL: Final = rf"(?=[a-zü]{{0,6}}[{_TONE}])[{PINYIN_LETTERS}]{{1,7}}\s?\)"
_ANNOTATION: Final = rf"\(\s?[{PINYIN_LETTERS}]{{1,7}}\s?\)"
_ENTITY_REST: Final = r"(?:[lr][ds]quo|[lr]aquo|quot|nbsp|amp|mdash);"

_START: Final = (
    rf"\?{_TAIL}"  # ?shù)  the first mis-paired character, only its pinyin tail left
    rf"|\?\?(?=[{CJK}A-Za-z\]\[])"  # ??紤  two unmappable pairs before garbage
    r"|\?[,，。](?=[A-Za-z])"  # ?,F  a full-width mark re-paired, then a trail byte
)
_TERMINATOR: Final = (
    rf"\?(?:{_ENTITY_REST})?"  # stray lead byte, possibly eating the "&" of an entity
    rf"|[A-Za-z\]\[](?![A-Za-z])(?:{_ANNOTATION})?"  # a lone trail byte read as ASCII
)
_RUN: Final = re.compile(rf"(?:{_START})(?:[{CJK}]{{0,12}}?(?:{_TERMINATOR}))?")
_BROKEN_TAG: Final = re.compile(r"\?[!！]?\?/[A-Za-z]{1,8}>")
#: Opens on the literal (not on a repeat of it) so that ``re`` skips ahead to it in C.
_REPLACEMENT: Final = re.compile("\ufffd\ufffd{0,999}")


def _repaired(raw: str, start: int, end: int, pieces: list[tuple[int, str]]) -> str:
    """``raw[start:end]`` with each byte pair of ``pieces`` decoded."""
    out, pos = [], start
    for at, char in pieces:
        out += [raw[pos:at], char]
        pos = at + 2
    return "".join(out) + raw[pos:end]


def find_damage(raw: str) -> list[Damage]:
    """Every damaged stretch of ``raw``, in order, as :class:`~shanxi_poverty.document.Damage`.

    Kinds: ``"mojibake"`` (GBK read out of step), ``"broken-markup"`` (``?!?/p>``: a
    closing tag whose ``<`` and punctuation were lost) and ``"replacement-character"``
    (U+FFFD): no repair is offered, the lost bytes make none certain; and
    ``"gbk-as-latin1"`` (GBK read as Latin-1, ``136¸ö``), repaired with certainty
    (:func:`~shanxi_poverty.normalize.gbk_read_as_latin1`).
    """
    found = [
        Damage(
            span=Span(start, end),
            kind="gbk-as-latin1",
            repair=_repaired(raw, start, end, pieces),
            confident=True,
        )
        for start, end, pieces in gbk_read_as_latin1(raw)
    ]
    for kind, pattern in (
        ("broken-markup", _BROKEN_TAG),
        ("mojibake", _RUN),
        ("replacement-character", _REPLACEMENT),
    ):
        for m in pattern.finditer(raw):
            span = Span(m.start(), m.end())
            if any(d.span.overlaps(span) for d in found):
                continue
            found.append(Damage(span=span, kind=kind))
    return sorted(found, key=lambda d: d.span)

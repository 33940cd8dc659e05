"""Accounting: every numeral of a document is either measured or excluded with a reason.

:func:`audit` finds every *numeral run* of the normalised text (:data:`NUMERAL_RUN`: ASCII
and full-width digits joined by ``.``/``,``, and the Chinese numerals the scanner reads,
simplified and traditional: 〇零一二两兩三四五六七八九廿卅十百千万萬亿億) and reports those
with a character that lies in no :class:`~shanxi_poverty.extract.Mention` and no
:class:`~shanxi_poverty.extract.Exclusion` of :func:`~shanxi_poverty.extract.scan`.  An
empty list means nothing was silently lost.

Financial numerals (壹贰叁, 陆, 伍) are not runs: in running text 陆 and 伍 are far more often
"land" (平陆县) and "ranks" (队伍) than numbers, and the scanner leaves them out for that reason.

>>> from shanxi_poverty.document import Document
>>> audit(Document.from_text("全市20104户脱贫，形成“一村一品”格局，第3名。"))
[]

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import bisect
from typing import TYPE_CHECKING, Final, Literal

import attrs
import regex

from shanxi_poverty.extract._rules import CN_NUMERALS, DIGITS
from shanxi_poverty.model import Span

if TYPE_CHECKING:
    from shanxi_poverty.document import Document
    from shanxi_poverty.extract import ScanResult

__all__ = ["NUMERAL_RUN", "UnaccountedRun", "audit", "format_run", "numeral_runs"]


def __dir__() -> list[str]:
    return __all__


#: A run of numeral characters; ``.``/``,``/``．`` join digits (2.3, 1,000) but never start
#: or end a run.  Possessive, so linear on any input.
NUMERAL_RUN: Final = regex.compile(
    rf"[{DIGITS}{CN_NUMERALS}]++(?:[.,．][{DIGITS}]++(?:[{CN_NUMERALS}]++)?+)*+"
)
_NUMERAL_CHARS: Final = regex.compile(rf"[{DIGITS}{CN_NUMERALS}]")
_NEWLINE: Final = regex.compile(r"\n")
_CONTEXT: Final = 10


@attrs.frozen
class UnaccountedRun:
    """A numeral run that is neither part of a measurement nor excluded.

    Args:
        doc: the document name.
        start: start in the normalised text.
        end: end in the normalised text.
        text: the run in the normalised text.
        span: the raw span of the run.
        line: the 1-based line of the run's start in the raw text.
        column: the 1-based column (in characters) of the run's start in the raw text.
        context: up to 10 normalised characters either side, line breaks shown as ``⏎``.
    """

    doc: str
    start: int
    end: int
    text: str
    span: Span
    line: int
    column: int
    context: str


def numeral_runs(text: str) -> list[tuple[int, int]]:
    """The ``(start, end)`` of every numeral run of ``text``, in order.

    >>> numeral_runs("投入2.3亿元，建成十三个村，1,000 户")
    [(2, 6), (10, 12), (15, 20)]
    """
    return [m.span() for m in NUMERAL_RUN.finditer(text)]


def audit(
    doc: Document,
    *,
    result: ScanResult | None = None,
    errors: Literal["mark", "drop"] = "mark",
) -> list[UnaccountedRun]:
    """The numeral runs of ``doc.text`` that no mention and no exclusion covers.

    Args:
        doc: the parsed document.
        result: the scan to check; :func:`~shanxi_poverty.extract.scan` of ``doc`` when
            ``None``.
        errors: passed to :func:`~shanxi_poverty.extract.scan`.

    Returns:
        The unaccounted runs in text order (empty when everything is accounted for).
    """
    from shanxi_poverty.extract import scan  # noqa: PLC0415 - loads the vocabulary

    if result is None:
        result = scan(doc, errors=errors)
    text = doc.text
    covered = bytearray(len(text) + 1)
    for start, end in [
        *((m.start, m.end) for m in result.mentions),
        *((e.start, e.end) for e in result.exclusions),
    ]:
        lo, hi = max(start, 0), min(end, len(text))
        if hi > lo:
            covered[lo:hi] = b"\x01" * (hi - lo)
    out: list[UnaccountedRun] = []
    line_starts: list[int] = []
    for start, end in numeral_runs(text):
        if all(covered[m.start()] for m in _NUMERAL_CHARS.finditer(text, start, end)):
            continue
        lo, hi = max(0, start - _CONTEXT), min(len(text), end + _CONTEXT)
        span = doc.raw_span(start, end)
        if not line_starts:
            line_starts = [0, *(m.end() for m in _NEWLINE.finditer(doc.raw))]
        line = bisect.bisect_right(line_starts, span.start)
        out.append(
            UnaccountedRun(
                doc=doc.name,
                start=start,
                end=end,
                text=text[start:end],
                span=span,
                line=line,
                column=span.start - line_starts[line - 1] + 1,
                context=text[lo:hi].replace("\r", "").replace("\n", "⏎"),
            )
        )
    return out


def format_run(run: UnaccountedRun) -> str:
    """One report line: ``doc:line:column: unaccounted numeral 'text' in context``.

    >>> from shanxi_poverty.document import Document
    >>> format_run(UnaccountedRun("a.txt", 5, 6, "5", Span(5, 6), 2, 3, "共有5个"))
    "a.txt:2:3: unaccounted numeral '5' in 共有5个"
    """
    return f"{run.doc}:{run.line}:{run.column}: unaccounted numeral {run.text!r} in {run.context}"

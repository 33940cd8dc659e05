"""Documents: raw text, normalised text, and the map between their positions.

A :class:`Document` keeps the raw text exactly as read (UTF-8, no newline translation) and
a normalised simplified text that every later stage reads.  :class:`OffsetMap` maps any
range of the normalised text back to the raw characters it came from, so a figure found in
``text`` always points at ``raw[start:end]``.

>>> b = TextBuilder("績(jì)效")
>>> b.keep(0, 1)
>>> b.drop(1, 5)
>>> b.replace("效", 5, 6)
>>> text, offsets = b.build()
>>> text, offsets.to_raw(0, 2)
('績效', (0, 6))
"""

from __future__ import annotations

import bisect
import datetime as dt
import enum
from typing import TYPE_CHECKING

import attrs

if TYPE_CHECKING:
    from collections.abc import Iterable

from shanxi_poverty.model import Span

__all__ = [
    "Article",
    "Damage",
    "Document",
    "DocumentMeta",
    "Duplicate",
    "OffsetMap",
    "Script",
    "Segment",
    "TextBuilder",
]


def __dir__() -> list[str]:
    return __all__


class Script(enum.StrEnum):
    """The script a document was written in."""

    SIMPLIFIED = "simplified"
    TRADITIONAL = "traditional"


@attrs.frozen
class Segment:
    """One piece of an :class:`OffsetMap`: normalised ``[start, end)`` came from raw
    ``[raw_start, raw_end)``.

    When both have the same length the piece is *aligned*: character ``i`` came from raw
    character ``raw_start + i - start``.  Otherwise every character of the piece maps to
    the whole raw range (an entity ``&ldquo;`` → ``“``, a rejoined line break).
    """

    start: int
    end: int
    raw_start: int
    raw_end: int

    @property
    def aligned(self) -> bool:
        """Whether characters map one to one."""
        return self.end - self.start == self.raw_end - self.raw_start


def _segments(items: Iterable[Segment]) -> tuple[Segment, ...]:
    return tuple(items)


@attrs.frozen
class OffsetMap:
    """Maps positions in a normalised text back to the raw text.

    Segments are contiguous and cover the normalised text from 0 to its length.
    """

    segments: tuple[Segment, ...] = attrs.field(converter=_segments)
    _starts: tuple[int, ...] = attrs.field(init=False, repr=False, eq=False)
    # True when the segments came out of _merge, so merging them again would change nothing
    # (the maps the normalisers build; a map given segments by hand may not be merged).
    _merged: bool = attrs.field(init=False, default=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_starts", tuple(s.start for s in self.segments))

    @classmethod
    def identity(cls, length: int) -> OffsetMap:
        """The map of a text that was not changed."""
        return cls((Segment(0, length, 0, length),))

    def _is_identity(self) -> bool:
        if len(self.segments) != 1:
            return False
        seg = self.segments[0]
        return seg.start == seg.raw_start == 0 and seg.end == seg.raw_end

    @property
    def length(self) -> int:
        """Length of the normalised text."""
        return self.segments[-1].end if self.segments else 0

    def to_raw(self, start: int, end: int) -> tuple[int, int]:
        """Raw ``(start, end)`` of the normalised range ``[start, end)``.

        Raises:
            IndexError: if the range is outside the normalised text.
        """
        segments = self.segments
        length = segments[-1].end if segments else 0
        if not 0 <= start <= end <= length:
            msg = f"range [{start}, {end}) is outside the normalised text of length {length}"
            raise IndexError(msg)
        if not segments:
            return 0, 0
        if start == end == length:
            return segments[-1].raw_end, segments[-1].raw_end
        # Written out (one call per figure of every document): the piece holding the first
        # character maps it to its raw start, the piece holding the last to its raw end; an
        # aligned piece maps character by character, another to its whole raw range.
        first = segments[max(bisect.bisect_right(self._starts, start) - 1, 0)]
        lo = first.raw_start
        if first.end - first.start == first.raw_end - first.raw_start:
            lo += start - first.start
        if start == end:
            return lo, lo
        last = segments[max(bisect.bisect_right(self._starts, end - 1) - 1, 0)]
        if last.end - last.start == last.raw_end - last.raw_start:
            return lo, last.raw_start + (end - last.start)
        return lo, last.raw_end

    def to_raw_position(self, pos: int) -> int:
        """Raw position of normalised position ``pos``."""
        return self.to_raw(pos, pos)[0]

    def then(self, inner: OffsetMap) -> OffsetMap:
        """Compose: ``self`` maps text C → text B and ``inner`` maps B → raw; the result maps
        C → raw."""
        # Most steps change nothing in most texts: composing with an identity map keeps
        # the other map (merged, as the general case would give it).
        raw_length = self.segments[-1].raw_end if self.segments else 0
        if inner._is_identity() and inner.length == raw_length:
            return self if self._merged else _merged_map(list(self.segments))
        if self._is_identity() and self.length == inner.length:
            return inner if inner._merged else _merged_map(list(inner.segments))
        return self._compose(inner)

    def _compose(self, inner: OffsetMap) -> OffsetMap:
        """:meth:`then` without its shortcuts."""
        out: list[Segment] = []
        inner_segments = inner.segments
        for seg in self.segments:
            if seg.start == seg.end or seg.raw_start == seg.raw_end or not seg.aligned:
                lo, hi = inner.to_raw(seg.raw_start, seg.raw_end)
                out.append(Segment(seg.start, seg.end, lo, hi))
                continue
            # An aligned piece may cross several pieces of the inner map: split it there,
            # walking the inner pieces from the one holding its start.
            pos = seg.raw_start
            j = max(bisect.bisect_right(inner._starts, pos) - 1, 0)
            while pos < seg.raw_end:
                while j + 1 < len(inner_segments) and inner_segments[j + 1].start <= pos:
                    j += 1
                inner_seg = inner_segments[j]
                stop = min(seg.raw_end, inner_seg.end)
                if inner_seg.aligned:
                    base = inner_seg.raw_start + (pos - inner_seg.start)
                    lo, hi = base, base + (stop - pos)
                else:
                    lo, hi = inner_seg.raw_start, inner_seg.raw_end
                start = seg.start + (pos - seg.raw_start)
                out.append(Segment(start, start + (stop - pos), lo, hi))
                pos = stop
        return _merged_map(out)


def _merged_map(segments: list[Segment]) -> OffsetMap:
    """The map of ``segments`` after :func:`_merge`, marked as merged."""
    out = OffsetMap(_merge(segments))
    object.__setattr__(out, "_merged", True)
    return out


def _merge(segments: list[Segment]) -> list[Segment]:
    """Join consecutive aligned pieces that continue each other (keeps maps small)."""
    merged: list[Segment] = []
    for seg in segments:
        if seg.start == seg.end:
            continue
        if merged:
            last = merged[-1]
            if (
                last.end == seg.start
                and last.raw_end == seg.raw_start
                # both aligned (Segment.aligned, written out: the property call is the cost)
                and last.end - last.start == last.raw_end - last.raw_start
                and seg.end - seg.start == seg.raw_end - seg.raw_start
            ):
                merged[-1] = Segment(last.start, seg.end, last.raw_start, seg.raw_end)
                continue
        merged.append(seg)
    return merged


class TextBuilder:
    """Builds a normalised text and its :class:`OffsetMap` from a source text, left to right.

    Each call consumes a range of the source; ranges must be given in order.  ``keep`` copies
    source characters, ``replace`` writes other text in place of a source range, ``drop``
    removes a range, ``insert`` adds text that has no source.
    """

    def __init__(self, source: str) -> None:
        self.source = source
        self._parts: list[str] = []
        self._segments: list[Segment] = []
        self._length = 0
        self._consumed = 0

    def _check(self, start: int, end: int) -> None:
        if not self._consumed <= start <= end <= len(self.source):
            msg = f"range [{start}, {end}) is out of order (consumed up to {self._consumed})"
            raise ValueError(msg)

    def keep(self, start: int, end: int) -> None:
        """Copy ``source[start:end]``."""
        self.replace(self.source[start:end], start, end)

    def replace(self, text: str, start: int, end: int) -> None:
        """Write ``text`` in place of ``source[start:end]``."""
        # checked inline: normalisers call this once or twice per match of their pattern
        if not self._consumed <= start <= end <= len(self.source):
            self._check(start, end)
        if text:
            self._parts.append(text)
            self._segments.append(Segment(self._length, self._length + len(text), start, end))
            self._length += len(text)
        self._consumed = end

    def drop(self, start: int, end: int) -> None:
        """Remove ``source[start:end]``."""
        self._check(start, end)
        self._consumed = end

    def insert(self, text: str) -> None:
        """Write ``text`` that stands for nothing in the source (maps to an empty range)."""
        if text:
            pos = self._consumed
            self._parts.append(text)
            self._segments.append(Segment(self._length, self._length + len(text), pos, pos))
            self._length += len(text)

    def build(self) -> tuple[str, OffsetMap]:
        """The text and its map to the source; the rest of the source is dropped."""
        text = "".join(self._parts)
        return text, _merged_map(self._segments)


@attrs.frozen
class Damage:
    """A damaged stretch of the raw text (e.g. GBK text decoded one byte out of step).

    Args:
        span: raw character range.
        kind: what kind of damage (``"mojibake"``, ``"replacement-character"`` …).
        repair: the text it most likely stood for, when that is certain.
        confident: whether ``repair`` is certain.
    """

    span: Span
    kind: str
    repair: str | None = None
    confident: bool = False


def _strings(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(items)


@attrs.frozen
class DocumentMeta:
    """Metadata of a document or of one article of a page (field names of the gold schema).

    ``published`` is ISO 8601: a date, or a datetime with ``+08:00`` when the text gives a time.
    """

    title: str | None = None
    subtitle: str | None = None
    published: str | None = None
    publisher: str | None = None
    authors: tuple[str, ...] = attrs.field(default=(), converter=_strings)
    photo_credits: tuple[str, ...] = attrs.field(default=(), converter=_strings)
    editor: str | None = None
    url: str | None = None
    home_region: str | None = None
    sections: tuple[str, ...] = attrs.field(default=(), converter=_strings)
    format: str | None = None
    script: Script | None = attrs.field(default=None, converter=attrs.converters.optional(Script))
    noise: tuple[str, ...] = attrs.field(default=(), converter=_strings)

    @property
    def published_date(self) -> dt.date | None:
        """The publication date, if known."""
        if not self.published:
            return None
        return dt.date.fromisoformat(self.published[:10])


@attrs.frozen
class Article:
    """One article of a multi-article page.

    Args:
        span: range of the article in the **normalised** text.
        meta: its own metadata (title, byline authors …).
    """

    span: Span
    meta: DocumentMeta


@attrs.frozen
class Duplicate:
    """A passage repeated by the layout; its figures must not be counted twice.

    Args:
        span: the copy, in the normalised text.
        original: the first occurrence, in the normalised text.
    """

    span: Span
    original: Span


def _damage(items: Iterable[Damage]) -> tuple[Damage, ...]:
    return tuple(items)


def _articles(items: Iterable[Article]) -> tuple[Article, ...]:
    return tuple(items)


def _duplicates(items: Iterable[Duplicate]) -> tuple[Duplicate, ...]:
    return tuple(items)


@attrs.frozen
class Document:
    """A parsed document.

    Args:
        name: document name (usually the file name).
        raw: the text as read: UTF-8, no newline translation.
        text: the normalised simplified text every later stage reads.
        offsets: map from ``text`` positions to ``raw`` positions.
        meta: document metadata.
        damage: damaged raw stretches.
        articles: the articles of a multi-article page (empty for a single article).
        duplicates: passages repeated by the layout.
    """

    name: str
    raw: str = attrs.field(repr=False)
    text: str = attrs.field(repr=False)
    offsets: OffsetMap = attrs.field(repr=False)
    meta: DocumentMeta = attrs.field(factory=DocumentMeta)
    damage: tuple[Damage, ...] = attrs.field(default=(), converter=_damage)
    articles: tuple[Article, ...] = attrs.field(default=(), converter=_articles)
    duplicates: tuple[Duplicate, ...] = attrs.field(default=(), converter=_duplicates)

    @classmethod
    def from_text(
        cls, text: str, *, name: str = "<text>", meta: DocumentMeta | None = None
    ) -> Document:
        """A document whose normalised text is its raw text (no parsing)."""
        return cls(name, text, text, OffsetMap.identity(len(text)), meta or DocumentMeta())

    def raw_span(self, start: int, end: int) -> Span:
        """The raw :class:`~shanxi_poverty.model.Span` of normalised range ``[start, end)``."""
        lo, hi = self.offsets.to_raw(start, end)
        return Span(lo, hi)

    def is_damaged(self, raw: Span) -> bool:
        """Whether a raw range overlaps or touches a damaged stretch."""
        return any(d.span.start <= raw.end and raw.start <= d.span.end for d in self.damage)

    def article_at(self, pos: int) -> int | None:
        """Index of the article holding normalised position ``pos``, if the page has articles."""
        for i, article in enumerate(self.articles):
            if article.span.start <= pos < article.span.end:
                return i
        return None

    def is_duplicate(self, pos: int) -> bool:
        """Whether normalised position ``pos`` lies in a layout copy of an earlier passage."""
        return any(d.span.start <= pos < d.span.end for d in self.duplicates)

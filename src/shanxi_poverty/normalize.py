"""Pure normalisation steps: each takes a text and returns ``(text, OffsetMap)``.

Every step is built with :class:`~shanxi_poverty.document.TextBuilder`, so its map sends each
range of its output back to the input characters it came from.  :func:`compose` runs steps
in order and composes their maps with :meth:`OffsetMap.then
<shanxi_poverty.document.OffsetMap.then>`, so the final map points into the raw text.

>>> text, offsets = compose("329萬(wàn)貧困人口", normalize_pinyin, normalize_script)
>>> text
'329万贫困人口'
>>> offsets.to_raw(0, 4)
(0, 4)
>>> text, offsets = compose("成績(jì)單", normalize_pinyin, normalize_script)
>>> text, offsets.to_raw(0, 3)
('成绩单', (0, 7))

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import bisect
import functools
import html
import re
import tomllib
from collections import Counter
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Final, TypeAlias

import attrs
import regex

from shanxi_poverty import _resources
from shanxi_poverty.document import OffsetMap, TextBuilder

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from shanxi_poverty._opencc import TextConverter
    from shanxi_poverty.model import Span

__all__ = [
    "NoiseRule",
    "Step",
    "compose",
    "find_noise",
    "gbk_read_as_latin1",
    "is_traditional",
    "iter_tags",
    "load_noise_rules",
    "normalize_damage",
    "normalize_entities",
    "normalize_gbk_latin1",
    "normalize_layout",
    "normalize_markup",
    "normalize_newlines",
    "normalize_noise",
    "normalize_pinyin",
    "normalize_script",
    "normalize_width",
]


def __dir__() -> list[str]:
    return __all__


#: A normalisation step: text in, normalised text and its map to the input out.
Step: TypeAlias = Callable[[str], tuple[str, OffsetMap]]

#: CJK ideographs (BMP blocks, compatibility ideographs and the supplementary planes).
CJK: Final = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"

#: Lower-case pinyin letters, with the tone-marked vowels and ü.
PINYIN_LETTERS: Final = "a-zāáǎàēéěèêīíǐìōóǒòūúǔùüǖǘǚǜńňǹḿ"
_TONE_MARKS: Final = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"

# A pinyin annotation leaked from ruby markup: 績(jì), 會(huì ).  One syllable of at most 6
# letters with a tone mark, stray spaces allowed; bounded quantifiers keep it linear.
# Repeated annotations (績(jì)(jì)) go at once, so the step is idempotent; each repeat
# starts with "(", so the outer repeat cannot backtrack into the inner one.  The pattern
# opens on the literal "(" (the CJK character before it is checked by a lookbehind after
# it), so that the engine skips to each "(" instead of trying every position.
_PINYIN_GROUP: Final = rf"\s?(?=[a-zü]{{0,6}}[{_TONE_MARKS}])[{PINYIN_LETTERS}]{{1,7}}\s?\)"
_PINYIN: Final = re.compile(rf"\((?<=[{CJK}]\(){_PINYIN_GROUP}(?:\({_PINYIN_GROUP})*")
# A pinyin tail left inside mojibake, without its "(": ?shù), ?lián).
_PINYIN_TAIL: Final = re.compile(
    rf"(?<![{PINYIN_LETTERS}(])(?=[a-zü]{{0,6}}[{_TONE_MARKS}])[{PINYIN_LETTERS}]{{1,7}}\s?\)"
)
# What is left of an HTML entity whose "&" was eaten by mojibake: ?ldquo;
_ENTITY_TAIL: Final = re.compile(r"(?<![&A-Za-z])(?:[lr][ds]quo|[lr]aquo|quot|nbsp|amp|mdash);")
_ENTITY: Final = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,9});")
_OPEN_TAG: Final = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)(?=[\s/>])[^<>]*>|<![A-Za-z][^<>]*>")
_RAW_TEXT_ELEMENTS: Final = frozenset({"script", "style"})
_BLOCK_TAGS: Final = frozenset(
    [
        "p",
        "div",
        "br",
        "li",
        "ul",
        "ol",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "tr",
        "table",
        "section",
        "article",
        "header",
        "footer",
        "nav",
        "blockquote",
        "title",
        "hr",
        "dd",
        "dt",
        "figure",
        "figcaption",
        "pre",
    ]
)
#: Table cells: each after a row's first starts after a tab, so that the numbers of
#: neighbouring cells do not run together (<td>65432</td><td>1230</td>) and columns line up.
_CELL_TAGS: Final = frozenset(["td", "th"])
#: Block tags that break a row even inside a cell.
_ROW_TAGS: Final = frozenset(["tr", "table"])
_TAG_NAME: Final = re.compile(r"</?([A-Za-z][A-Za-z0-9-]*)")
_COLSPAN: Final = re.compile(r"""colspan\s*=\s*["']?\s*([2-9]|1[0-9])\b""", re.IGNORECASE)
_NEWLINE: Final = re.compile(r"\r\n?")
_LINE: Final = re.compile(r"[^\n]*")
_CJK_RUN: Final = re.compile(rf"[{CJK}]+")
_CJK_CHAR: Final = re.compile(rf"[{CJK}]")

# Full-width characters that matter for numbers, mapped one to one.
_WIDTH: Final = str.maketrans(
    {
        **{chr(0xFF10 + i): str(i) for i in range(10)},
        **{chr(0xFF21 + i): chr(0x41 + i) for i in range(26)},
        **{chr(0xFF41 + i): chr(0x61 + i) for i in range(26)},
        "．": ".",
        "％": "%",
        "＋": "+",
        "－": "-",
        "／": "/",
        "\u3000": " ",
    }
)
_DIGIT_COMMA: Final = re.compile(r"，(?<=[0-9０-９]，)(?=[0-9０-９]{3})")
#: Runs of the characters that :func:`normalize_width` rewrites.
_WIDE: Final = re.compile("[" + "".join(re.escape(chr(c)) for c in _WIDTH) + "]+")


def _narrow(run: re.Match[str]) -> str:
    return run.group().translate(_WIDTH)


# Layout: a line that ends a sentence (or a block) does not continue on the next line.
_TERMINAL: Final = frozenset("。！？!?”」』）)…；;:：\"'》>】")
_SENTENCE_PUNCT: Final = re.compile(r"[,，、;；:：。！？!?]")
_CLAUSE_PUNCT: Final = re.compile(r"[,，、;；。]")
_BYLINE_START: Final = re.compile(r"(?:本报讯|本报记者|记者|通讯员|（记者|\(记者)")
_JOINABLE_LENGTH: Final = 30
#: Cells of a table row printed as text: a tab, or a run of spaces between two characters.
_TABLE_GAP: Final = re.compile(r"\S[ \u3000]{2,}+\S")
_LABEL_LINE: Final = re.compile(r"[\u4e00-\u9fff]{2,6}[:：]")
#: A line that is only a date, with a weekday or the weather after it: the heading of an
#: entry of a diary, a blog or a timeline (2018年3月26日　阴，有风).  Layout never joins it
#: to the paragraph below; extraction dates the entry's figures by it.
_DATED_LINE: Final = re.compile(
    r"^[ \t\u3000]*+(?P<year>(?:19|20)[0-9]{2})年(?:1[0-2]|0?[1-9])月(?:[12][0-9]|3[01]|0?[1-9])日"
    r"[^\n。；！？]{0,15}$",
    re.MULTILINE,
)
#: A page number on a line of its own: 3, — 186 —, ·187·.
_PAGE_NUMBER: Final = re.compile(r"[—\-－·\s]{0,4}[0-9]{1,4}[—\-－·\s]{0,4}")
#: A one-character name padded to the width of three in a table (兴  县, 临　县), or a
#: total's label padded to its column's width (合    计).
_PADDED_NAME: Final = re.compile(
    r"(?<![\u4e00-\u9fff])"
    r"(?:[\u4e00-\u9fff](?=[ \u3000]{1,4}+[县区市旗])|[合总小](?=[ \u3000]{1,8}+计))"
    r"([ \u3000]++)[县区市旗计](?![\u4e00-\u9fff])"
)


def compose(text: str, *steps: Step) -> tuple[str, OffsetMap]:
    """Run ``steps`` in order; the map sends the final text back to ``text``."""
    offsets = OffsetMap.identity(len(text))
    for step in steps:
        text, inner = step(text)
        offsets = inner.then(offsets)
    return text, offsets


def _substitute(
    text: str, pattern: re.Pattern[str], repl: Callable[[re.Match[str]], str | None]
) -> tuple[str, OffsetMap]:
    """Replace each match by ``repl(match)``; ``None`` keeps the match unchanged."""
    b = TextBuilder(text)
    pos = 0
    for m in pattern.finditer(text):
        new = repl(m)
        if new is None:
            continue
        b.keep(pos, m.start())
        b.replace(new, m.start(), m.end())
        pos = m.end()
    b.keep(pos, len(text))
    return b.build()


def normalize_newlines(text: str) -> tuple[str, OffsetMap]:
    r"""``\r\n`` and lone ``\r`` become ``\n``."""
    return _substitute(text, _NEWLINE, lambda _m: "\n")


def normalize_pinyin(text: str) -> tuple[str, OffsetMap]:
    """Remove pinyin annotations leaked after characters: ``績(jì)效`` → ``績效``.

    >>> normalize_pinyin("會(huì )議")[0]
    '會議'
    """
    return _substitute(text, _PINYIN, lambda _m: "")


def _entity(m: re.Match[str]) -> str | None:
    new = html.unescape(m.group())
    if new == m.group():
        return None
    return " " if new == "\xa0" else new


def normalize_entities(text: str) -> tuple[str, OffsetMap]:
    """Decode HTML entities: ``&ldquo;我要振兴&rdquo;`` → ``“我要振兴”``; unknown ones stay.

    >>> normalize_entities("&ldquo;好&rdquo;&bogus;")[0]
    '“好”&bogus;'
    """
    return _substitute(text, _ENTITY, _entity)


def iter_tags(text: str) -> Iterator[tuple[int, int, str]]:
    """``(start, end, name)`` of every tag, comment (``!--``) and script/style element.

    Scans left to right in linear time: an unclosed comment or ``<script>`` is remembered,
    so a text full of ``<!--`` is not searched to its end again and again.  ``name`` is the
    lower-case tag name (``""`` for ``<!DOCTYPE …>``); a script or style element is one item,
    with its content.

    >>> list(iter_tags("<p>甲</p><!--注--><http://x.cn>"))
    [(0, 3, 'p'), (4, 8, 'p'), (8, 16, '!--')]
    """
    pos = 0
    unclosed: set[str] = set()
    while (lt := text.find("<", pos)) >= 0:
        if text.startswith("<!--", lt):
            end = -1 if "!--" in unclosed else text.find("-->", lt + 4)
            if end < 0:
                unclosed.add("!--")
                pos = lt + 1
                continue
            yield lt, end + 3, "!--"
            pos = end + 3
            continue
        m = _OPEN_TAG.match(text, lt)
        if m is None:
            pos = lt + 1
            continue
        name = (m.group(2) or "").lower()
        if name in _RAW_TEXT_ELEMENTS and not m.group(1) and name not in unclosed:
            close = re.compile(rf"</{name}\s*>", re.IGNORECASE).search(text, m.end())
            if close is not None:
                yield lt, close.end(), name
                pos = close.end()
                continue
            unclosed.add(name)
        yield lt, m.end(), name
        pos = m.end()


def normalize_markup(text: str) -> tuple[str, OffsetMap]:
    """Remove HTML tags, comments, scripts and styles.

    A run of tags (with the white space between them) becomes one line break when it holds
    a block tag (``p``, ``div``, ``br``, ``tr``, ``h1`` …), else nothing (a space if the run
    ends in white space).  In a table, each cell after a row's first starts after a tab, an
    empty cell included, so that the cells of a column line up; a block tag inside a cell
    (``<td><p>``) does not break its row.

    >>> normalize_markup("<p>脱贫<strong>攻坚</strong></p>\\n<p>振兴</p>")[0]
    '\\n脱贫攻坚\\n振兴\\n'
    >>> normalize_markup("<tr><td>夏县</td><td></td><td><p>65432</p></td></tr>")[0]
    '\\n夏县\\t\\t65432\\n'
    >>> normalize_markup('<tr><td>县</td><td colspan="2">2021年</td><td>2022年</td></tr>')[0]
    '\\n县\\t2021年\\t\\t2022年\\n'
    """
    b = TextBuilder(text)
    pos = 0
    run_start = run_end = -1
    block = spaced = False
    cells = 0  # cells opened in the run
    spanned = 0  # columns the last cell opened spans beyond its own (colspan="3": 2)
    in_cell = False

    def flush() -> None:
        if run_start >= 0:
            b.keep(pos, run_start)
            if block:
                between = "\n" + "\t" * max(cells - 1, 0)
            else:
                between = "\t" * cells or (" " if spaced else "")
            b.replace(between, run_start, run_end)

    for start, end, name in iter_tags(text):
        closing = text.startswith("</", start)
        if name in _CELL_TAGS:
            in_cell = not closing
        # a block inside a cell (<td><p>) is no row break
        is_block = name in _BLOCK_TAGS and not (in_cell and name not in _ROW_TAGS)
        opens_cell = name in _CELL_TAGS and not closing
        # a cell spanning columns is followed by a tab for each column it spans beyond its
        # own, so that the cells after it stay in their columns (a header's 2021年 over two)
        width = 0
        if opens_cell:
            span = _COLSPAN.search(text, start, end)
            width, spanned = spanned + 1, (int(span[1]) - 1 if span else 0)
        elif name in _ROW_TAGS:
            spanned = 0
        gap = text[run_end:start] if run_start >= 0 else "x"
        if not gap.strip():
            block = block or is_block
            cells += width
            run_end, spaced = end, spaced or bool(gap)
            continue
        flush()
        if run_start >= 0:
            pos = run_end
        run_start, run_end, block, spaced = start, end, is_block, False
        cells = width
    flush()
    if run_start >= 0:
        pos = run_end
    b.keep(pos, len(text))
    return b.build()


def normalize_width(text: str) -> tuple[str, OffsetMap]:
    """Full-width digits, letters and number signs to ASCII, one character for one.

    >>> normalize_width("２０２１年增长１２．５％，共１，２００户")[0]
    '2021年增长12.5%，共1,200户'
    """
    # Only the runs of wide characters are translated: str.translate would look every
    # character of the text up in a dict.
    converted = _WIDE.sub(_narrow, _DIGIT_COMMA.sub(",", text))
    if converted == text:
        return text, OffsetMap.identity(len(text))
    b = TextBuilder(text)
    b.replace(converted, 0, len(text))
    return b.build()


def _converter(converter: TextConverter | None) -> TextConverter:
    if converter is not None:
        return converter
    from shanxi_poverty._opencc import default_converter  # noqa: PLC0415 - slow to load

    return default_converter()


class _CharMemo:
    """What one converter does to single characters, remembered per process."""

    __slots__ = ("changing", "converter", "last", "maybe_changing", "new_since_compile", "seen")

    def __init__(self, converter: TextConverter) -> None:
        self.converter = converter  # kept so that its id cannot be reused
        self.seen: set[str] = set()
        self.changing: set[str] = set()
        self.last: tuple[str, frozenset[str]] | None = None  # the last text asked about
        #: Matches any character not known to stay unchanged (see :meth:`compile`).
        self.maybe_changing: re.Pattern[str] | None = None
        self.new_since_compile = 0

    def learn(self, chars: set[str], *, unchanged: bool) -> None:
        """Remember ``chars`` (of a text with no changing character if ``unchanged``) as
        seen, and recompile :attr:`maybe_changing` when it is worth it: after many new
        characters, or at once when an unchanged text took the slow path only because it
        holds characters seen since the last compile (so that text is fast next time)."""
        new = len(chars - self.seen)
        self.seen |= chars
        self.new_since_compile += new
        stale = unchanged and new == 0 and self.new_since_compile > 0
        if self.maybe_changing is None or stale or self.new_since_compile >= _RECOMPILE_AFTER:
            self.compile()

    def compile(self) -> None:
        """One negated class of the seen characters that do not change.  Astral characters
        are left out of it (they would keep ``re`` from using a bitmap for the class), so
        text holding one takes the slow path."""
        stable = sorted(c for c in self.seen - self.changing if c <= "\uffff")
        if stable:  # "[^]" is not a pattern; with nothing known, there is nothing to skip
            self.maybe_changing = re.compile("[^" + "".join(map(re.escape, stable)) + "]")
            self.new_since_compile = 0


#: Per converter (by identity): every character seen so far, and the CJK ones it changes.
_CHAR_MEMOS: dict[int, _CharMemo] = {}
#: New characters seen before the memo's pattern is compiled again (compiling a class of a
#: few thousand characters costs about as much as the slow path on a dozen articles).
_RECOMPILE_AFTER: Final = 64


def _changing_chars(text: str, conv: TextConverter) -> frozenset[str]:
    """The distinct CJK characters of ``text`` that the converter changes (one at a time).

    Characters are converted once per process and remembered, so deciding the script of a
    document costs set operations on its distinct characters instead of a conversion; a
    text made only of characters known to stay unchanged (most simplified text, once a few
    articles have been read) is recognised by one regex search.
    """
    memo = _CHAR_MEMOS.setdefault(id(conv), _CharMemo(conv))
    if memo.last is not None and memo.last[0] == text:
        return memo.last[1]  # each format sniffer asks about the same text
    if memo.maybe_changing is not None and memo.maybe_changing.search(text) is None:
        memo.last = (text, frozenset())
        return memo.last[1]
    chars = set(text)
    unknown = [c for c in chars - memo.seen if _CJK_CHAR.fullmatch(c)]
    if unknown:
        # One call for all new characters; the line breaks keep OpenCC from joining them
        # into phrases.
        converted = conv.convert("\n".join(unknown)).split("\n")
        if len(converted) != len(unknown):  # pragma: no cover - a converter that rewrote \n
            converted = [conv.convert(c) for c in unknown]
        memo.changing.update(c for c, new in zip(unknown, converted, strict=True) if c != new)
    found = frozenset(chars & memo.changing)
    memo.learn(chars, unchanged=not found)
    memo.last = (text, found)
    return found


def is_traditional(text: str, converter: TextConverter | None = None) -> bool:
    """Whether at least 2 % of the CJK characters of ``text`` change under t2s conversion."""
    changing = _changing_chars(text, _converter(converter))
    if not changing:
        return False
    counts = Counter(text)
    cjk = sum(n for c, n in counts.items() if _CJK_CHAR.fullmatch(c))
    changed = sum(counts[c] for c in changing)
    return changed >= max(1, cjk // 50)


def normalize_script(text: str, converter: TextConverter | None = None) -> tuple[str, OffsetMap]:
    """Traditional → simplified, keeping the map exact.

    Each run of CJK characters is converted as a whole (OpenCC converts phrases); when the
    conversion changes the run's length, that run is converted character by character.
    Text that is already simplified is returned unchanged (fast path).

    >>> normalize_script("鄉村振興")[0]
    '乡村振兴'
    """
    conv = _converter(converter)
    # Fast path: no character of the text changes, so OpenCC is not run at all (and does not
    # rewrite simplified phrases such as 覆上 that its phrase table lists).
    if not _changing_chars(text, conv):
        return text, OffsetMap.identity(len(text))
    whole = conv.convert(text)
    if whole == text:
        return text, OffsetMap.identity(len(text))
    b = TextBuilder(text)
    if len(whole) == len(text):
        b.replace(whole, 0, len(text))
        return b.build()
    pos = 0
    for m in _CJK_RUN.finditer(text):
        b.keep(pos, m.start())
        run = m.group()
        new = conv.convert(run)
        if len(new) == len(run):
            b.replace(new, m.start(), m.end())
        else:
            for i, char in enumerate(run):
                b.replace(conv.convert(char), m.start() + i, m.start() + i + 1)
        pos = m.end()
    b.keep(pos, len(text))
    return b.build()


def normalize_damage(text: str, spans: Iterable[Span]) -> tuple[str, OffsetMap]:
    """Inside damaged ranges, drop pinyin tails, annotations and entity remnants.

    The ``?`` marks and stray characters stay, so a figure next to the damage is still seen
    as touching it; but ``?lián)?6萬元`` no longer shows ``lián)`` before the number.

    >>> from shanxi_poverty.model import Span
    >>> normalize_damage("下?lián)?6萬元", [Span(1, 8)])[0]
    '下??6萬元'
    """
    b = TextBuilder(text)
    pos = 0
    for span in sorted(spans):
        end = min(span.end, len(text))
        for m in _DAMAGE_TAIL.finditer(text, max(span.start, pos), end):
            b.keep(pos, m.start())
            b.drop(m.start(), m.end())
            pos = m.end()
    b.keep(pos, len(text))
    return b.build()


_DAMAGE_TAIL: Final = re.compile(
    rf"\(\s?[{PINYIN_LETTERS}]{{1,7}}\s?\)|{_PINYIN_TAIL.pattern}|{_ENTITY_TAIL.pattern}"
)


#: Where GBK text read as Latin-1 may start: four Chinese characters' worth of Latin-1
#: letters in a row (ÏØ¹ûÒµ¾Ö for 县果业局); pinyin (lián), × or ² never make that many.
#: ``regex`` finds it 12x faster than ``re`` in text that has none (a class, no literal).
_LATIN1_START: Final = regex.compile("[\u0081-\u00fe]{8}")
_GBK_LEAD: Final = range(0x81, 0xFF)
_GBK_TRAIL: Final = range(0x40, 0xFF)
_ASCII_KEPT: Final = range(0x20, 0x7F)


def gbk_read_as_latin1(text: str) -> list[tuple[int, int, list[tuple[int, str]]]]:
    """Stretches of GBK text read as Latin-1 (``136¸ö`` for 136个, ``3100Óà»§`` for 3100余户):
    ``(start, end, pieces)``, each piece a position in ``text`` and the character its byte
    pair (two characters from there) stands for; ASCII between pairs stays as it is.

    A stretch opens on eight or more Latin-1 letters and goes on over byte pairs that GBK
    decodes and over ASCII, to the first character that is neither; it counts only if its
    pairs decode to Chinese characters mostly.  The bytes are all there, so the repair is
    certain.

    >>> [(s, e, "".join(c for _, c in p)) for s, e, p in gbk_read_as_latin1("Ä¿Ç°¹²ÓÐ136¸ö。")]
    [(0, 13, '目前共有个')]
    """
    found: list[tuple[int, int, list[tuple[int, str]]]] = []
    pos = 0
    while (m := _LATIN1_START.search(text, pos)) is not None:
        i, pieces = m.start(), []
        while i < len(text):
            lead = ord(text[i])
            if lead in _GBK_LEAD and i + 1 < len(text) and ord(text[i + 1]) in _GBK_TRAIL:
                try:
                    char = bytes((lead, ord(text[i + 1]))).decode("gbk")
                except UnicodeDecodeError:
                    break
                pieces.append((i, char))
                i += 2
            elif lead in _ASCII_KEPT:
                i += 1
            else:
                break
        chinese = sum(
            1 for _, c in pieces if "\u3000" <= c <= "\u9fff" or "\uff00" <= c <= "\uffef"
        )
        if pieces and chinese * 3 >= len(pieces) * 2:
            found.append((m.start(), i, pieces))
        pos = max(i, m.end())
    return found


def normalize_gbk_latin1(text: str) -> tuple[str, OffsetMap]:
    """Decode the stretches of :func:`gbk_read_as_latin1`, each character in place of its
    byte pair, so that a figure's offsets still lead back to the raw text.

    >>> normalize_gbk_latin1("Ä¿Ç°È«ÏØ¹²ÓÐ136¸ö")[0]
    '目前全县共有136个'
    """
    b = TextBuilder(text)
    pos = 0
    for _, _, pieces in gbk_read_as_latin1(text):
        for at, char in pieces:
            b.keep(pos, at)
            b.replace(char, at, at + 2)
            pos = at + 2
    b.keep(pos, len(text))
    return b.build()


def _lines(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of every line, without the newline."""
    out: list[tuple[int, int]] = []
    start = 0
    while (nl := text.find("\n", start)) >= 0:
        out.append((start, nl))
        start = nl + 1
    out.append((start, len(text)))
    return out


def _joinable(prev: str, nxt: str) -> bool:
    """Whether paragraph ``nxt`` continues ``prev`` (a sentence cut by a column break)."""
    if not prev or not nxt or prev[-1] in _TERMINAL or prev.startswith("——"):
        return False
    if prev.startswith("【") and not _CLAUSE_PUNCT.search(prev):  # a 【kicker】, not a 【条目】…，
        return False
    if _BYLINE_START.match(nxt) or prev[-1] == "摄" or not _SENTENCE_PUNCT.search(nxt):
        return False
    if _is_table_row(prev) or _is_table_row(nxt):  # rows of a table printed as text
        return False
    if _LABEL_LINE.match(nxt):  # an infobox's key：value line (面积：1808平方公里)
        return False
    if _DATED_LINE.match(prev):  # the date heading a diary's entry
        return False
    return len(prev) >= _JOINABLE_LENGTH or bool(_CLAUSE_PUNCT.search(prev))


def normalize_layout(text: str, *, rejoin: bool = True) -> tuple[str, OffsetMap]:
    r"""One paragraph per line: trim lines, drop blank lines, rejoin cut sentences.

    A paragraph that stops mid-sentence (no closing punctuation) and is followed after at
    most one blank line by another is joined to it: ``为期7\n\n天`` → ``为期7天``.  A gap of
    two or more blank lines (a break between articles or sections) is kept as two blank
    lines and never joined across.  With ``rejoin=False`` (HTML, where paragraphs are
    explicit) no lines are joined.

    >>> normalize_layout("  5月14日,培训班开班。此批培训为期7\n\n天,共计3个班级。\n\n\n\n标题")[0]
    '5月14日,培训班开班。此批培训为期7天,共计3个班级。\n\n\n标题'
    """
    paragraphs: list[tuple[int, int]] = []
    gaps: list[int] = []  # blank lines before each paragraph
    blanks = 0
    for start, end in _lines(text):
        line = text[start:end]
        stripped = line.strip()
        if not stripped:
            blanks += 1
            continue
        lead = len(line) - len(line.lstrip())
        paragraphs.append((start + lead, start + lead + len(stripped)))
        gaps.append(blanks)
        blanks = 0
    if rejoin:
        paragraphs, gaps = _without_page_numbers(text, paragraphs, gaps)
    b = TextBuilder(text)
    for i, (start, end) in enumerate(paragraphs):
        if i:
            prev_start, prev_end = paragraphs[i - 1]
            big = gaps[i] >= 2  # noqa: PLR2004 - two blank lines separate blocks
            if rejoin and not big and _joinable(text[prev_start:prev_end], text[start:end]):
                b.drop(prev_end, start)
            else:
                b.replace("\n\n\n" if big else "\n", prev_end, start)
        else:
            b.drop(0, start)
        _keep_row(b, text, start, end)
    return b.build()


def _without_page_numbers(
    text: str, paragraphs: list[tuple[int, int]], gaps: list[int]
) -> tuple[list[tuple[int, int]], list[int]]:
    """``paragraphs`` without the page numbers printed in a sentence cut by a page or
    column break (…户均年 ¶ 3 ¶ 增收4000余元): a line of only a number, or a number between
    dashes or dots (— 186 —, ·187·), between two paragraphs that :func:`_joinable` would
    join, whatever blank lines the page break left around it."""
    kept: list[tuple[int, int]] = []
    kept_gaps: list[int] = []
    i = 0
    while i < len(paragraphs):
        start, end = paragraphs[i]
        if (
            kept
            and i + 1 < len(paragraphs)
            and _PAGE_NUMBER.fullmatch(text, start, end)
            and _joinable(text[kept[-1][0] : kept[-1][1]], text[slice(*paragraphs[i + 1])])
        ):
            kept.append(paragraphs[i + 1])
            kept_gaps.append(min(max(gaps[i], gaps[i + 1]), 1))  # a page break, no block break
            i += 2
            continue
        kept.append((start, end))
        kept_gaps.append(gaps[i])
        i += 1
    return kept, kept_gaps


def _is_table_row(line: str) -> bool:
    """Whether ``line`` has cells: a tab, or a run of spaces between two characters (found
    with substring tests first: the pattern would be tried at every character)."""
    if "\t" in line:
        return True
    return ("  " in line or "\u3000" in line) and _TABLE_GAP.search(line) is not None


def _keep_row(b: TextBuilder, text: str, start: int, end: int) -> None:
    """Keep a paragraph; in a table row, without the spaces that pad a one-character name
    to its column's width (兴  县 → 兴县)."""
    if not _is_table_row(text[start:end]):
        b.keep(start, end)
        return
    for padded in _PADDED_NAME.finditer(text, start, end):
        b.keep(start, padded.start(1))
        b.drop(padded.start(1), padded.end(1))
        start = padded.end(1)
    b.keep(start, end)


@attrs.frozen
class NoiseRule:
    """A named line pattern of boilerplate, spam or page furniture (``data/noise.toml``).

    Args:
        name: short identifier.
        description: what it is, for :attr:`DocumentMeta.noise
            <shanxi_poverty.document.DocumentMeta.noise>`.
        pattern: regular expression matched against whole lines of the simplified text.
        action: ``"drop"`` removes the line; ``"keep"`` only reports it.
        max_length: the longest (stripped) line the rule can match, if it is bounded;
            longer lines, such as body paragraphs, are not searched.
        followed_by: lines of the same block, if the rule heads a block: the lines right
            after a matching line (blank lines aside) that match this pattern go with it
            (the related headlines under 相关新闻).
    """

    name: str
    description: str
    pattern: re.Pattern[str]
    action: str = "drop"
    max_length: int | None = None
    followed_by: re.Pattern[str] | None = None


@functools.cache
def load_noise_rules() -> tuple[NoiseRule, ...]:
    """The rules of ``data/noise.toml`` (cached)."""
    data = tomllib.loads(_resources.read_text("noise.toml"))
    return tuple(
        NoiseRule(
            name=str(entry["name"]),
            description=str(entry["description"]),
            pattern=re.compile(str(entry["pattern"])),
            action=str(entry.get("action", "drop")),
            max_length=int(entry["max_length"]) if "max_length" in entry else None,
            followed_by=re.compile(str(entry["followed_by"])) if "followed_by" in entry else None,
        )
        for entry in data.get("line", [])
    )


@functools.lru_cache(maxsize=8)
def _rules_by_line_size(
    rules: tuple[NoiseRule, ...],
) -> tuple[list[int], tuple[tuple[tuple[NoiseRule, re.Pattern[str]], ...], ...]]:
    """The rules that can match a line of each size, in rule order: for a line of up to
    ``bounds[i]`` characters those of ``by_size[i]``; for a longer one, the last entry (the
    rules without ``max_length``)."""
    bounds = sorted({r.max_length for r in rules if r.max_length is not None})
    by_size = tuple(
        tuple((r, r.pattern) for r in rules if r.max_length is None or r.max_length >= bound)
        for bound in bounds
    )
    unbounded = tuple((r, r.pattern) for r in rules if r.max_length is None)
    return bounds, (*by_size, unbounded)


@functools.lru_cache(maxsize=2)
def _noise_lines(text: str, rules: tuple[NoiseRule, ...]) -> tuple[tuple[int, int, NoiseRule], ...]:
    """``(start, end, rule)`` of every line of ``text`` that some rule matches (the first
    rule in rule order).  Cached: a parser drops the noise lines of the text it reports the
    noise of."""
    found = []
    bounds, by_size = _rules_by_line_size(rules)
    block: NoiseRule | None = None  # the rule whose block the lines still continue
    for start, end in _lines(text):
        line = text[start:end].strip()
        if block is not None and block.followed_by is not None:
            if not line:
                continue
            if block.followed_by.search(line):
                found.append((start, end, block))
                continue
            block = None
        # Rule by rule: one pattern joining them all was 1.5-6x slower per line, as the
        # engine then loses each rule's anchor and literal prefix.
        for rule, pattern in by_size[bisect.bisect_left(bounds, len(line))]:
            if pattern.search(line):
                found.append((start, end, rule))
                block = rule
                break
    return tuple(found)


def find_noise(text: str, rules: Sequence[NoiseRule] | None = None) -> list[str]:
    """Descriptions of the noise rules that match some line of ``text``, in rule order."""
    rules = load_noise_rules() if rules is None else rules
    found = {rule.name for _, _, rule in _noise_lines(text, tuple(rules))}
    return [r.description for r in rules if r.name in found]


def normalize_noise(text: str, rules: Sequence[NoiseRule] | None = None) -> tuple[str, OffsetMap]:
    """Drop whole lines that match a ``drop`` rule of ``data/noise.toml`` (with their newline).

    >>> normalize_noise("正文。\\n责任编辑: 吉政\\n")[0]
    '正文。\\n'
    """
    rules = load_noise_rules() if rules is None else rules
    b = TextBuilder(text)
    pos = 0
    for start, end, rule in _noise_lines(text, tuple(rules)):
        if rule.action != "drop":
            continue
        stop = min(end + 1, len(text))
        b.keep(pos, start)
        b.drop(start, stop)
        pos = stop
    b.keep(pos, len(text))
    return b.build()

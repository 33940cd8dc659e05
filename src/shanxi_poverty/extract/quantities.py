"""The quantity scanner: every figure of a document as a :class:`Mention`, every other
numeral as an :class:`Exclusion`.

The scanner reads only :attr:`Document.text` (normalised, simplified) and maps each span
back to the raw text with :meth:`Document.raw_span`.  It walks the *numeral runs* of the
text (digits and Chinese numerals, :data:`~shanxi_poverty.extract._rules.RUN`) left to right
and gives each run exactly one fate:

1. inside a date, time, URL, phone number, ordinal, name, slogan, plan period or adverb
   (the fixed rules and the vocabulary of ``data/quantity_words.toml``): an
   :class:`Exclusion` with its :class:`ExclusionReason`;
2. a bare number that is a whole table cell, in a column whose header names a unit in
   brackets or under a caption that declares it (65432 under 脱贫人口（人）): a mention
   with ``implied_unit``, the header's words as its subject and the year of its column,
   row or caption (:func:`_table_cells`);
3. ``number 余/多/几/来? multiplier* 余/多? unit`` (:meth:`_Scanner.read_quantity`): a
   mention;
4. ``number connector number unit`` (2至3个): two mentions linked by ``range_id``;
5. ``百分之 number`` / ``number 分之 number``: a percentage;
6. a bare 万/亿 number before a noun that implies its unit (329万贫困人口): a mention
   with ``implied_unit``;
7. anything else: an :class:`Exclusion` with reason ``other`` (or ``damaged``).
"""

from __future__ import annotations

import bisect
import enum
import itertools
import re
import unicodedata
from collections import deque
from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Final, Literal, NamedTuple

import attrs
import regex

from shanxi_poverty.errors import NumeralError, UnknownUnitError
from shanxi_poverty.extract._rules import (
    CN_MULTIPLIERS,
    DIGITS,
    FIXED_RULES,
    FRACTION,
    LAYOUT_GAP,
    MULTIPLIERS,
    RUN,
    Rule,
    rules,
)
from shanxi_poverty.model import (
    _NO_TIME,
    Measurement,
    Numeral,
    Provenance,
    Qualifier,
    TimeReference,
)
from shanxi_poverty.numerals import parse_numeral, tidy_decimal
from shanxi_poverty.units import split_unit

if TYPE_CHECKING:
    from collections.abc import Iterator

    from shanxi_poverty.document import Document
    from shanxi_poverty.extract._rules import Rules
    from shanxi_poverty.model import Span

__all__ = ["Exclusion", "ExclusionReason", "Mention", "ScanResult", "extract_mentions", "scan"]


def __dir__() -> list[str]:
    return __all__


class ExclusionReason(enum.StrEnum):
    """Why a numeral of the text is not a quantity (gold schema, "Exclude")."""

    DATE = "date"  #: 5月20日, 2021-01-20, 五年前
    YEAR = "year"  #: 2013年 as a year
    TIME = "time"  #: 10:34:19, 9时
    ORDINAL = "ordinal"  #: 第6, 第一书记, 一是, 名列第6
    NAME_OR_SLOGAN = "name_or_slogan"  #: 两不愁三保障, 四个不摘, 十八大, “五有”, 八大工程
    PLAN_PERIOD = "plan_period"  #: 十三五, 十四五
    ADVERB = "adverb"  #: 十分, 一些, 统一; also 一 as an indefinite article (一个农业县)
    URL_OR_ID = "url_or_id"  #: URLs, article ids, codes
    PHONE = "phone"  #: telephone numbers
    PAGE = "page"  #: page and edition numbers (第3版)
    DAMAGED = "damaged"  #: a numeral inside damaged (mojibake) text that reads as nothing
    OTHER = "other"  #: a numeral with no unit (五治并举, 年 without a duration cue)


def _exclusion_reason(value: ExclusionReason | str) -> ExclusionReason:
    return value if type(value) is ExclusionReason else ExclusionReason(value)


@attrs.frozen
class Exclusion:
    """A numeral of the normalised text that is not a quantity.

    Args:
        start: start in the normalised text.
        end: end in the normalised text.
        text: the normalised text of the span.
        reason: why it is excluded.
    """

    start: int
    end: int
    text: str
    reason: ExclusionReason = attrs.field(converter=_exclusion_reason)


@attrs.frozen
class Mention:
    """A figure found in a document.

    Args:
        measurement: the figure (value, unit, qualifier, numeral, provenance with the raw
            span; region, time and indicator are left for context resolution).
        start: start of the span in the normalised text.
        end: end of the span in the normalised text.
        unit_written: the unit as written, multiplier included (``万元``); for an implied
            unit, the implied label.
        implied_unit: whether the unit was implied by the following noun or by the other
            end of a range rather than written.
        list_id: the enumeration this mention belongs to (``2829户、7241人``), if any.
        list_index: its 0-based place in that enumeration.
        duplicate: whether it lies in a layout copy of an earlier passage.
    """

    measurement: Measurement
    start: int
    end: int
    unit_written: str
    implied_unit: bool = False
    list_id: int | None = None
    list_index: int | None = None
    duplicate: bool = False

    @property
    def text(self) -> str:
        """The raw surface text of the mention."""
        assert self.measurement.provenance is not None  # noqa: S101 - always set by scan()
        return self.measurement.provenance.text


@attrs.frozen
class ScanResult:
    """Everything the scanner found: the mentions and the excluded numerals, in text order."""

    mentions: tuple[Mention, ...]
    exclusions: tuple[Exclusion, ...]


@attrs.define
class _Candidate:
    """A mention under construction (mutable, never leaves this module)."""

    start: int
    end: int
    number: str
    unit_word: str
    multiplier: str
    qualifier: Qualifier
    implied: bool = False
    range_id: int | None = None
    unit_label: str = ""
    value: Decimal | None = None
    numeral: Numeral = Numeral.ARABIC
    #: end of the span plus a following qualifier word (for list detection)
    tail: int = 0
    #: what a table column counts (脱贫人口 of a 脱贫人口（人） header), for context
    subject: str | None = None
    #: the year of a table cell, from its column, row or caption
    time: TimeReference | None = None


_PERCENT_SCALE: Final = {"百": Decimal(1), "千": Decimal("0.1")}
_IMPLIED_WINDOW: Final = 12
_CLAUSE_STOP: Final = frozenset("，。；：,;:！？!?\n")
_LABEL_COLON: Final = frozenset("：:")
#: List separators that also end a clause: a list goes on across one only in its unit.
_CLAUSE_SEPARATORS: Final = frozenset("，,")
_IMPLIED_STOP: Final = frozenset('，。、；：,;:！？!?“”"（）()《》\n\r\t 　')
_LOOKBACK: Final = 6
#: A numeral run longer than this is not one number (and big-number arithmetic is costly).
_MAX_NUMBER: Final = 40
#: Spaces allowed between a number and its unit on one line (some sites print "966 平方公里").
_MAX_SPACES: Final = 2
_ARTICLE: Final = "一"
#: Units after which 一 is a figure, not an article (增长近一倍).
_RATIO_UNITS: Final = frozenset({"倍", "成", "个百分点", "百分点", "%"})
_BARE_LIST_SEPARATOR: Final = regex.compile(r"、|和|或")
# Searches in C rather than any() over the characters (several per figure).  Within a
# numeral run the only characters with str.isdigit() are these.
_has_arabic_digit: Final = re.compile(f"[{DIGITS}]").search
_has_multiplier: Final = re.compile(f"[{CN_MULTIPLIERS}]").search


class _NotQuantityError(Exception):
    """A run that reads like a figure but is excluded (年 with no duration cue, 一个)."""

    def __init__(self, reason: ExclusionReason) -> None:
        super().__init__(reason.value)
        self.reason = reason


#: A table header cell ending in its unit in brackets: 脱贫人口（人）, 资金(万元), 增长（%）,
#: 投入（单位：万元）.
_HEADER_UNIT: Final = re.compile(
    r"^\s*+(.{0,20}?)\s*+[（(]\s*+(?:单位\s*+[:：]\s*+)?([^（()）\s]{1,5})\s*+[）)]\s*+$"
)
#: A unit declared for a whole table, ending its caption or on a line of its own above the
#: header: 单位：万元, （单位：元）; or one unit per column, 单位：元、%.
_TABLE_UNIT: Final = re.compile(
    r"单位\s*+[:：]\s*+([^（()）\s：:、,，]{1,5}+(?:[、,，][^（()）\s：:、,，]{1,5}+)*+)\s*+[）)]?\s*+$"
)
_UNIT_LIST: Final = re.compile(r"[、,，]")
#: Header words of a rank or serial-number column, which no declared unit is for.
_RANK_COLUMN: Final = re.compile(r"排[名序]|位次|名次|序号|编号")
#: Header words of a column the table's unit does not apply to: rates, shares, ranks,
#: serial numbers and years.
_NOT_IN_TABLE_UNIT: Final = re.compile(r"增|率|比|占|排|位次|名次|序|编号|代码|年份|年度|时间|日期")
#: Cells of a line printed as a table: separated by a tab (HTML tables normalise to those,
#: with empty cells kept) or by | (Markdown), or aligned by runs of spaces (plain-text and
#: PDF tables).
_ALIGNED_GAP: Final = re.compile(r"[ \u3000]{2,}+")
_MIN_CELLS: Final = 2


def _is_aligned(line: str) -> bool:
    """Whether a table line's cells are aligned by spaces (not tabs or Markdown pipes)."""
    return "\t" not in line and not line.startswith("|")


def _line_cells(line: str) -> list[tuple[int, str]] | None:
    """The cells of a table line with their offsets in it, or ``None`` if it has none."""
    if not _is_aligned(line):  # tabs, or a Markdown table row (| 兴县 | 80712 |)
        separator = "\t" if "\t" in line else "|"
        cells, at = [], 0
        for cell in line.split(separator):
            cells.append((at, cell))
            at += len(cell) + 1
        if separator == "|":
            cells = cells[1:-1] if line.rstrip().endswith("|") else cells[1:]
        return cells if len(cells) >= _MIN_CELLS else None
    if "  " not in line and "\u3000" not in line:
        return None
    cells, at = [], len(line) - len(line.lstrip())
    for gap in _ALIGNED_GAP.finditer(line, at):
        if gap.start() > at:
            cells.append((at, line[at : gap.start()]))
        at = gap.end()
    if at < len(line):
        cells.append((at, line[at:]))
    return cells if len(cells) >= _MIN_CELLS else None


def _display_spans(line: str, cells: list[tuple[int, str]]) -> list[tuple[int, int]]:
    """The display columns each cell of an aligned line spans: a wide character (汉字, full
    width) takes two, as the writer of a plain-text table counted them."""
    width = [0]
    for char in line:
        width.append(width[-1] + (2 if unicodedata.east_asian_width(char) in "WF" else 1))
    return [(width[at], width[at + len(cell)]) for at, cell in cells]


def _place_by_columns(
    line: str, row: list[tuple[int, str]], header_spans: list[tuple[int, int]]
) -> list[tuple[int, str]]:
    """The cells of an aligned row with empty cells left out (合计 under 序号, then its
    sums), each put in the header column it lies under: the one it overlaps most, else the
    nearest; the other columns get empty cells."""
    placed: list[tuple[int, str]] = [(0, "")] * len(header_spans)
    for (at, cell), span in zip(row, _display_spans(line, row), strict=True):
        column = max(range(len(header_spans)), key=lambda i: _fit(span, header_spans[i]))
        if not placed[column][1]:
            placed[column] = (at, cell)
    return placed


def _fit(cell: tuple[int, int], column: tuple[int, int]) -> tuple[int, int]:
    """How well a cell's display columns fit a header's: their overlap, then nearness."""
    overlap = min(cell[1], column[1]) - max(cell[0], column[0])
    return overlap, -min(abs(cell[0] - column[0]), abs(cell[1] - column[1]))


def _place_figures_in_unit_columns(
    row: list[tuple[int, str]], header: list[_Column | None]
) -> list[tuple[int, str]]:
    """The cells of a row with fewer cells than its header (合计 3790 2130 under 序号, 县,
    分配金额, 其中：产业发展, 备注): its figures at its end go in the columns that name a unit,
    in order, after the cells before them; the other columns get empty cells."""
    figures = len(row)
    while figures > 0 and _is_figure_cell(row[figures - 1][1]):
        figures -= 1
    lead, tail = row[:figures], row[figures:]
    placed: list[tuple[int, str]] = [*lead, *((0, "") for _ in range(len(header) - len(lead)))]
    units = [i for i in range(len(lead), len(header)) if header[i] is not None]
    for i, cell in zip(units, tail, strict=False):
        placed[i] = cell
    return placed


_FIGURE_CELL: Final = re.compile(r"[-+]?[0-9][0-9,.]*%?")


def _is_figure_cell(cell: str) -> bool:
    return _FIGURE_CELL.fullmatch(cell.strip()) is not None


class _TableCell(NamedTuple):
    """A cell of a table column that names its unit."""

    end: int
    unit: str
    #: the words of the column's header (脱贫人口 of 脱贫人口（人）), after the topic of the
    #: table's caption unless they are part of it
    subject: str
    #: the year the cell is of: its column's header, else its row's year cell, else the
    #: table's caption (表2 2020年各县…), when it names exactly one
    time: TimeReference | None


#: A year in a caption or header (2020年, 2020年度), or a row's year cell (2020, 2020年).
_TABLE_YEAR: Final = re.compile(r"(?<![0-9])((?:19|20)[0-9]{2})年")
_ROW_YEAR: Final = re.compile(r"((?:19|20)[0-9]{2})(?:年度?)?")
_HEADER_BRACKETS: Final = re.compile(r"[^\s0-9.,%（(][）)]")
_TABLE_NO: Final = r"^\s*+表\s*+[0-9０-９一二三四五六七八九十-]{1,4}+"  # 表2
_TABLE_NUMBER: Final = re.compile(_TABLE_NO + r"(?:[（(]续[）)])?")
_CAPTION_MAX: Final = 40
#: A sentence that introduces the table below it (…情况汇总如下。见下表：).
_TABLE_INTRO: Final = re.compile(r"如下|下表|[:：]\s*+$")
_CAPTION_END: Final = re.compile(r"(?:表|情况|统计|汇总|一览)\s*+$")
_CONTINUED: Final = re.compile(_TABLE_NO + r"[（(]续[）)]")
#: Lines above a header searched for its caption.
_CAPTION_LINES: Final = 2


def _one_year(words: str) -> TimeReference | None:
    """The year ``words`` name, if exactly one."""
    years = {m[1] for m in _TABLE_YEAR.finditer(words)}
    return TimeReference(year=int(years.pop()), expression=words) if len(years) == 1 else None


def _caption(lines: deque[str]) -> tuple[TimeReference | None, str]:
    """The year and the topic of a table's caption: of the lines above its header, the
    nearest that is no unit declaration, if it is no sentence of the text (has no 。) or one
    that introduces the table (…汇总如下。); its topic is its words without its number and
    years, if it is a short caption (表2  2020年各县农村居民人均可支配收入 → 2020,
    各县农村居民人均可支配收入)."""
    for line in reversed(lines):
        if "。" in line and not _TABLE_INTRO.search(line):
            break
        if _TABLE_UNIT.search(line) is None:
            # a title or a sentence above the table (下面这张表…，口径是2021年末：) gives only
            # its year; a caption (表2 …, …情况表) its words too
            titled = _TABLE_NUMBER.match(line) or _CAPTION_END.search(line)
            topic = ""
            if titled and len(line) <= _CAPTION_MAX:
                topic = _TABLE_YEAR.sub("", _TABLE_NUMBER.sub("", line)).strip()
            return _one_year(line.strip()), topic
    return None, ""


_Column = tuple[str, str, TimeReference | None]  # unit, header words, the header's year


def _table_cells(text: str, implied_units: Mapping[str, str]) -> dict[int, _TableCell]:
    """The cells of the tables of ``text`` that lie in a column whose header names a unit,
    by cell start (its first non-blank character).

    A table is a run of lines of cells (:func:`_line_cells`); its header is the first of
    them with a column that names its unit in brackets (脱贫人口（人）), or, under a caption
    or line that declares the table's units (单位：元、%), the first of them at all.  The
    line above, its caption, gives the cells its year and topic (:func:`_caption`); a row
    of cells right above the header that spans its columns (2021年 over 收入（元） and 增速
    （%）) gives its columns their years; a table continued on the next page (表2（续）)
    keeps the units, year and topic it had.  In a header found so, a column without a unit
    whose words end in a noun of ``implied_units`` counts in that noun's unit (人口 → 人).
    """
    reader = _TableReader(implied_units)
    lines = text.split("\n")
    starts = list(itertools.accumulate((len(line) + 1 for line in lines), initial=0))
    i = 0
    while i < len(lines):
        header, i_next = _wrapped_header(lines, i)
        reader.feed(header, starts[i])
        i = i_next
    return reader.cells


#: The longest line taken for a cell of a row pasted one cell per line.
_STACKED_CELL_MAX: Final = 12
#: How many lines a header cell may wrap over (比上年 / 增长).
_HEADER_WRAP_MAX: Final = 3


def _wrapped_header(lines: list[str], i: int) -> tuple[str, int]:
    """Line ``i``, and the index of the next line to read: a tab-separated header whose
    cells wrap onto the lines below it (an HTML cell with a line break, 比上年<br>增长) is
    joined with them when that gives it as many cells as the row under them has."""
    line = lines[i]
    if "\t" not in line or _has_arabic_digit(line):
        return line, i + 1
    joined = line
    for j in range(i + 1, min(i + 1 + _HEADER_WRAP_MAX, len(lines))):
        below = lines[j]
        if not below.strip():
            break
        if _has_arabic_digit(below):
            wanted = below.count("\t")
            if j > i + 1 and joined.count("\t") == wanted > line.count("\t"):
                return joined, j
            break
        joined += below
    return line, i + 1


@attrs.define
class _TableReader:
    """The state of :func:`_table_cells` between lines."""

    implied_units: Mapping[str, str]
    cells: dict[int, _TableCell] = attrs.Factory(dict)
    header: list[_Column | None] | None = None
    #: the display columns of the header's cells, when they are aligned by spaces
    header_spans: list[tuple[int, int]] | None = None
    #: the years of the columns, from a row above the header whose cells span them
    spanning: list[TimeReference | None] = attrs.Factory(list)
    table_units: list[str] = attrs.Factory(list)
    last_units: list[str] = attrs.Factory(list)  # of the last table, for its continuation
    continued: bool = False
    above: deque[str] = attrs.Factory(lambda: deque(maxlen=_CAPTION_LINES))
    above_row: list[str] = attrs.Factory(list)  # the last row of cells that is no header
    caption: TimeReference | None = None
    topic: str = ""
    #: the cells of a row pasted one per line (6 / 大宁县 / 470 / 265), by start in the text
    stacked: list[tuple[int, str]] = attrs.Factory(list)

    def feed(self, line: str, line_start: int) -> None:
        declared = _TABLE_UNIT.search(line)
        row = None if declared is not None else _line_cells(line)
        if (
            row is None
            and self.header is not None
            and declared is None
            and self._stack(line, line_start)
        ):
            return
        if self.header is not None and self.stacked:
            # a row pasted one cell per line ends where the table goes on, or ends
            if len(self.stacked) >= _MIN_CELLS and (
                row is not None or len(self.stacked) >= len(self.header) - 1
            ):
                self._row("", 0, self.stacked, self.header)
            self.stacked = []
        if row is None:  # a caption, or a line without cells, which ends the table
            self.header = None
            self.above_row = []
            # 表2（续） takes up the units, year and topic of 表2
            self.continued = declared is None and _CONTINUED.search(line) is not None
            if declared is not None:
                self.table_units = _UNIT_LIST.split(declared[1])
            else:
                self.table_units = self.last_units if self.continued else []
            self.above.append(line)
        elif self.header is None or _HEADER_BRACKETS.search(line):
            # a header, or a row naming units in brackets: the header of the next table
            columns = _header_columns([cell for _, cell in row], self.table_units)
            if any(columns):
                columns = [
                    column or _implied_column(cell, self.implied_units)
                    for column, (_, cell) in zip(columns, row, strict=True)
                ]
                self.header, self.last_units = columns, self.table_units
                self.header_spans = _display_spans(line, row) if _is_aligned(line) else None
                self.spanning = _spanning_years(self.above_row)
                if not self.continued:
                    self.caption, self.topic = _caption(self.above)
                self.above.clear()
            else:
                self.above.append(line)  # a caption with a gap (表2  2020年…)
                self.above_row = [cell for _, cell in row]
        else:
            self._row(line, line_start, row, self.header)

    def _stack(self, line: str, line_start: int) -> bool:
        """Take ``line`` as one cell of a row pasted one cell per line, if it is short
        enough to be one; read the row once it has a cell for every column."""
        value = line.strip()
        if not value or len(value) > _STACKED_CELL_MAX or self.header is None:
            return False
        self.stacked.append((line_start + line.index(value), value))
        if len(self.stacked) == len(self.header):
            self._row("", 0, self.stacked, self.header)
            self.stacked = []
        return True

    def _row(
        self, line: str, line_start: int, row: list[tuple[int, str]], header: list[_Column | None]
    ) -> None:
        """Read the cells of ``row`` (offsets in ``line``, which starts at ``line_start``;
        a row of stacked cells has an empty ``line`` and offsets in the text)."""
        extra = len(row) - len(header)
        if extra < 0 and self.header_spans is not None and line and _is_aligned(line):
            row = _place_by_columns(line, row, self.header_spans)  # cells left empty
        elif extra < 0:
            row = _place_figures_in_unit_columns(row, header)
        elif extra > 0:
            named = next((i for i, (_, c) in enumerate(row) if _has_arabic_digit(c)), len(row))
            if named > extra:  # a name padded to its column's width (兴  县): one cell
                (first_at, _), (last_at, last) = row[0], row[extra]
                row = [(first_at, line[first_at : last_at + len(last)]), *row[extra + 1 :]]
            else:  # a header under a cell spanning rows (县（区）, rowspan="2")
                header = [*(None for _ in range(extra)), *header]
        # the spanning row starts in the row's first column; its last cell spans to the end
        spanning = self.spanning[: len(row)] or [None]
        spanning += [spanning[-1]] * (len(row) - len(spanning))
        row_year = next(
            (
                TimeReference(year=int(m[1]), expression=m[0])
                for (_, cell), column in zip(row, header, strict=False)
                if column is None and (m := _ROW_YEAR.fullmatch(cell.strip())) is not None
            ),
            None,
        )
        for (at, cell), column, spanned in zip(row, header, spanning, strict=False):
            value = cell.strip()
            if column is not None and value:
                start = line_start + at + cell.index(value)
                unit, words, time = column
                subject = self.topic if words in self.topic else self.topic + words
                self.cells[start] = _TableCell(
                    start + len(value), unit, subject, time or spanned or row_year or self.caption
                )


def _spanning_years(cells: list[str]) -> list[TimeReference | None]:
    """The year of each column under a row of cells that span them: a cell's year holds
    for the empty cells after it (2021年, '', 2022年, '' over four columns)."""
    years: list[TimeReference | None] = []
    current: TimeReference | None = None
    for cell in cells:
        if cell.strip():
            current = _one_year(cell.strip())
        years.append(current)
    return years


def _header_columns(cells: list[str], table_units: list[str]) -> list[_Column | None]:
    """The unit, words and year of each column of a header: its own unit in brackets, else
    the table's unit (one for all columns, or one each for the last columns, in order)."""
    if len(table_units) <= 1:
        unit = table_units[0] if table_units else None
        return [_column_unit(cell, unit) for cell in cells]
    # the units go to the last columns, a rank or serial column (增速位次) passed over
    units: list[str | None] = [None] * len(cells)
    remaining = list(table_units)
    for i in reversed(range(len(cells))):
        if not remaining:
            break
        if not _RANK_COLUMN.search(cells[i]):
            units[i] = remaining.pop()
    return [
        _column_unit(cell, unit, own_words=True) if unit is not None else None
        for cell, unit in zip(cells, units, strict=True)
    ]


def _implied_column(cell: str, implied_units: Mapping[str, str]) -> _Column | None:
    """The unit of a header cell without one whose words end in a noun that implies it
    (人口 → 人, 补助资金 → 元), unless they name a rate, a rank or a year."""
    words = cell.strip()
    if not words or _NOT_IN_TABLE_UNIT.search(words):
        return None
    noun = max((n for n in implied_units if words.endswith(n)), key=len, default=None)
    return None if noun is None else (implied_units[noun], words, _one_year(words))


def _column_unit(
    cell: str, table_unit: str | None = None, *, own_words: bool = False
) -> _Column | None:
    """The unit word, the words and the year of a header cell that ends in a known unit in
    brackets, or that takes the table's unit (``own_words``: whatever its words say; the
    unit was declared for this very column)."""
    m = _HEADER_UNIT.match(cell)
    if m is not None:
        unit, words = m[2], m[1]
    elif (
        table_unit is not None
        and cell.strip()
        and (own_words or not _NOT_IN_TABLE_UNIT.search(cell))
    ):
        unit, words = table_unit, cell.strip()
    else:
        return None
    try:
        split_unit(unit)
    except UnknownUnitError:
        return None
    return unit, words, _one_year(words)


class _Scanner:
    """One pass over one document."""

    def __init__(self, doc: Document, vocabulary: Rules) -> None:
        self.doc = doc
        self.text = doc.text
        self.rules = vocabulary
        self.runs = list(RUN.finditer(self.text))
        self.blocks = self._blocks()
        self.run_blocks = self._run_blocks()
        self.range_ids = itertools.count(1)
        self.bare_list_failed_until = 0
        tabular = "\t" in self.text or "  " in self.text or "\n|" in self.text
        self.table_cells = _table_cells(self.text, vocabulary.implied_units) if tabular else {}

    # -- exclusions by pattern -------------------------------------------------------------

    def _blocks(self) -> list[tuple[list[int], list[tuple[int, int, ExclusionReason]]]]:
        """Per exclusion rule, in rule order: the starts and spans of its matches (a rule's
        matches never overlap each other, so each list is sorted)."""
        out: list[tuple[list[int], list[tuple[int, int, ExclusionReason]]]] = []
        joint = self.rules.joint.spans(self.text)
        rule: Rule
        for rule in (*FIXED_RULES, *self.rules.vocabulary):
            reason = ExclusionReason(rule.reason)
            if rule.name in joint:
                spans = [(lo, hi, reason) for lo, hi in joint[rule.name] if hi > lo]
            else:
                spans = [
                    (m.start(), m.end(), reason)
                    for m in rule.pattern.finditer(self.text)
                    if m.end() > m.start()
                ]
            if spans:
                out.append(([lo for lo, _, _ in spans], spans))
        return out

    def _run_blocks(self) -> dict[int, tuple[int, int, ExclusionReason] | None]:
        """:meth:`block_at` of every numeral run's start, found in one sweep per rule."""
        starts = [run.start() for run in self.runs]
        out: dict[int, tuple[int, int, ExclusionReason] | None] = dict.fromkeys(starts)
        for _, spans in reversed(self.blocks):  # so that the first rule's span is left
            for span in spans:
                i = bisect.bisect_left(starts, span[0])
                while i < len(starts) and starts[i] < span[1]:
                    out[starts[i]] = span
                    i += 1
        return out

    def block_at(self, start: int) -> tuple[int, int, ExclusionReason] | None:
        """The exclusion span holding position ``start`` of the first rule that has one."""
        if start in self.run_blocks:
            return self.run_blocks[start]
        for starts, spans in self.blocks:
            i = bisect.bisect_right(starts, start) - 1
            if i >= 0 and spans[i][1] > start:
                return spans[i]
        return None

    # -- grammar ---------------------------------------------------------------------------

    def qualifier_before(self, start: int) -> Qualifier | None:
        """A qualifier word ending right before ``start`` (约 近 超过 不足 …), or before a
        currency name there (约人民币5万元)."""
        lo = max(0, start - _LOOKBACK)
        match = self.rules.qualifier_before.search(self.text, lo, start)
        if match is None:
            return None
        word = match["word"]
        # 最近, 附近, 节约: a one-character word (近 约 超) can end another word; a longer one
        # (补贴不低于) is a word of its own whatever comes before it.
        if (
            len(word) == 1
            and match.start() > 0
            and self.text[match.start() - 1] in self.rules.qualifier_not_after
        ):
            return None
        return Qualifier(self.rules.qualifier_words[word])

    def qualifier_after(self, end: int) -> tuple[Qualifier | None, int]:
        """A qualifier word right after ``end`` (以上 左右 以内 …) and where it ends."""
        match = self.rules.qualifier_after.match(self.text, end)
        if match is None:
            return None, end
        return Qualifier(self.rules.qualifier_words[match.group()]), match.end()

    def _unit_at(self, pos: int) -> regex.Match[str] | None:
        match = self.rules.unit.match(self.text, pos)
        if match is None:
            return None
        for follower in self.rules.unit_not_followed_by.get(match.group(), ()):
            if self.text.startswith(follower, match.end()):
                return None
        return match

    def read_quantity(self, start: int, run_end: int) -> _Candidate | None:
        """Grammar: ``run 余/多? multiplier* 余/多? layout-gap? unit``.

        A unit word that begins with a multiplier character (千米, 百分点) is found by
        backing off the run's last multipliers.

        Raises:
            _NotQuantityError: a figure-like run that the rules exclude.
        """
        text = self.text
        run = text[start:run_end]
        number_end = run_end
        pos = run_end
        if _has_arabic_digit(run):
            # a space or a layout line break between number and unit (966 平方公里, 7\n\n天)
            gap = LAYOUT_GAP.match(text, pos)
            if gap is not None and ("\n" in gap.group() or len(gap.group()) <= _MAX_SPACES):
                after = gap.end()
                if after < len(text) and (
                    text[after] in CN_MULTIPLIERS
                    or self.rules.inside_qualifier.match(text, after) is not None
                    or self._unit_at(after) is not None
                ):
                    pos = after
        inside: str | None = None  # 余 多 几 来 between number, multiplier and unit
        extra = ""
        more = self.rules.inside_qualifier.match(text, pos)
        if more is not None:
            inside = more.group()
            pos = more.end()
        mult = MULTIPLIERS.match(text, pos)
        if mult is not None:
            extra = mult.group()
            pos = mult.end()
            more = self.rules.inside_qualifier.match(text, pos)
            if more is not None and inside is None:
                inside = more.group()
                pos = more.end()
        unit = self._unit_at(pos)
        if pos == run_end:
            # back off trailing multipliers when a unit word starts with them (千米, 百分点)
            k = 0
            while k < len(run) - 1 and run[-1 - k] in CN_MULTIPLIERS:
                k += 1
                alt = self._unit_at(run_end - k)
                if alt is not None and alt.end() >= (unit.end() if unit else run_end + 1):
                    unit = alt
                    number_end = run_end - k
        if unit is None:
            return None
        number = text[start:number_end] + extra
        unit_word = unit.group()
        is_chinese = _has_arabic_digit(number) is None
        if is_chinese and number == _ARTICLE and not inside and unit_word not in _RATIO_UNITS:
            raise _NotQuantityError(ExclusionReason.ADVERB)
        if is_chinese and unit_word in self.rules.arabic_only and not inside:
            return None  # 一片林 is no figure, but 三千余对 (余/多: a count) is
        lo = max(0, start - _LOOKBACK)
        if is_chinese and number[0] in CN_MULTIPLIERS and self._vague_before(start):
            raise _NotQuantityError(ExclusionReason.OTHER)
        if unit_word in self.rules.cue_required and not self._has_duration_cue(start, unit.end()):
            raise _NotQuantityError(ExclusionReason.OTHER)
        multiplier = ""
        if not is_chinese:
            multiplier = number[len(number.rstrip(CN_MULTIPLIERS)) :]
        qualifier = self._inside(inside) if inside else self.qualifier_before(start)
        if (
            qualifier is None
            and not number.strip(CN_MULTIPLIERS)
            and self.rules.at_least_before.search(text, lo, start) is not None
        ):
            qualifier = Qualifier.AT_LEAST
        post, tail = self.qualifier_after(unit.end())
        return _Candidate(
            start=start,
            end=unit.end(),
            number=number,
            unit_word=unit_word,
            multiplier=multiplier,
            qualifier=qualifier or post or Qualifier.EXACT,
            tail=tail,
        )

    def _inside(self, word: str) -> Qualifier:
        """The qualifier of a character inside a span (余 → more than, 来 → about)."""
        return Qualifier(self.rules.qualifier_words[word])

    def _vague_before(self, start: int) -> bool:
        """数/几/若干 right before a numeral that starts with a multiplier (数十个, 几万元)."""
        match = self.rules.vague_before.search(self.text, max(0, start - _LOOKBACK), start)
        if match is None:
            return False
        before = self.text[match.start() - 1] if match.start() > 0 else ""
        return before not in self.rules.vague_not_after

    def _has_duration_cue(self, start: int, unit_end: int) -> bool:
        lo = max(0, start - _LOOKBACK)
        if self.rules.cue_before.search(self.text, lo, start) is not None:
            return True
        return self.rules.cue_after.match(self.text, unit_end) is not None

    def read_range(self, start: int, run_end: int) -> list[_Candidate] | None:
        """Grammar: ``run connector quantity`` (2至3个, 2-3个)."""
        conn = self.rules.range_connector.match(self.text, run_end)
        if conn is None:
            return None
        second = RUN.match(self.text, conn.end())
        if second is None or self.block_at(second.start()) is not None:
            return None
        try:
            high = self.read_quantity(second.start(), second.end())
        except _NotQuantityError:
            return None
        if high is None:
            return None
        low_number = self.text[start:run_end]
        if _has_multiplier(low_number) is None and high.multiplier:
            low_number += high.multiplier
        range_id = next(self.range_ids)
        low = _Candidate(
            start=start,
            end=run_end,
            number=low_number,
            unit_word=high.unit_word,
            multiplier=high.multiplier,
            qualifier=Qualifier.AT_LEAST,
            implied=True,
            range_id=range_id,
            tail=run_end,
        )
        high.qualifier = Qualifier.AT_MOST
        high.range_id = range_id
        return [low, high]

    def read_bare_list(self, start: int, run_end: int) -> list[_Candidate] | None:
        """Grammar: ``run (、 run)* (、|和|或) quantity`` (分别为3、5、7个): every bare number
        takes the unit (and multiplier) of the last one."""
        if start < self.bare_list_failed_until:
            return None  # a later start of a chain already known to fail: stay linear
        spans = [(start, run_end)]
        pos = run_end
        final: _Candidate | None = None
        while final is None:
            sep = _BARE_LIST_SEPARATOR.match(self.text, pos)
            nxt = None if sep is None else RUN.match(self.text, sep.end())
            if nxt is None or self.block_at(nxt.start()) is not None:
                self.bare_list_failed_until = pos
                return None
            try:
                final = self.read_quantity(nxt.start(), nxt.end())
            except _NotQuantityError:
                self.bare_list_failed_until = pos
                return None
            if final is None:
                spans.append(nxt.span())
                pos = nxt.end()
        out: list[_Candidate] = []
        for lo, hi in spans:
            number = self.text[lo:hi]
            if _has_multiplier(number) is None and final.multiplier:
                number += final.multiplier
            out.append(
                _Candidate(
                    start=lo,
                    end=hi,
                    number=number,
                    unit_word=final.unit_word,
                    multiplier=final.multiplier,
                    qualifier=self.qualifier_before(lo) or Qualifier.EXACT,
                    implied=True,
                    tail=hi,
                )
            )
        return [*out, final]

    def read_fraction(self, start: int, run_end: int) -> _Candidate | None:
        """Grammar: ``百分之 number`` (a percentage) or ``number 分之 number`` (a fraction,
        reported as a percentage)."""
        frac = FRACTION.match(self.text, run_end)
        if frac is None:
            return None
        second = RUN.match(self.text, frac.end())
        if second is None:
            return None
        whole = self.text[start : second.end()]
        try:
            parsed = parse_numeral(whole)
        except NumeralError:
            return None
        value = parsed.value
        if parsed.unit == "‰":
            value = value / 10
        elif parsed.unit is None:
            value = value * 100
        post, tail = self.qualifier_after(second.end())
        cand = _Candidate(
            start=start,
            end=second.end(),
            number=whole,
            unit_word="%",
            multiplier="",
            qualifier=self.qualifier_before(start) or post or Qualifier.EXACT,
            tail=tail,
        )
        cand.value = tidy_decimal(value)
        cand.numeral = parsed.numeral
        return cand

    def read_implied(self, start: int, run_end: int) -> _Candidate | None:
        """Grammar: ``万/亿-number 余/多? noun-phrase`` where the phrase holds a noun of
        ``[implied_units]`` (329万贫困人口 → 人); the span is the number only."""
        text = self.text
        pos = run_end
        inside: str | None = None
        more = self.rules.inside_qualifier.match(text, pos)
        if more is not None:
            inside = more.group()
            pos = more.end()
        number = text[start:run_end]
        if "万" not in number and "亿" not in number:
            return None
        post, after_post = self.qualifier_after(pos)
        window_end = after_post
        limit = min(len(text), after_post + _IMPLIED_WINDOW)
        while window_end < limit and text[window_end] not in _IMPLIED_STOP:
            window_end += 1
        noun = self.rules.implied_noun.search(text, after_post, window_end)
        if noun is None:
            return None
        # the head of a noun compound is its last noun (农户人口 → 人口)
        while (nxt := self.rules.implied_noun.match(text, noun.end(), window_end)) is not None:
            noun = nxt
        unit = self.rules.implied_units[noun.group()]
        return self._implied_candidate(
            start, pos, number, unit, inside=inside, post=post, tail=after_post
        )

    # -- the pass --------------------------------------------------------------------------

    def finish(self, cand: _Candidate) -> _Candidate | None:
        """Compute value, label and numeral; ``None`` if the number does not parse."""
        try:
            factor, label = split_unit(cand.unit_word)
        except UnknownUnitError:
            return None
        cand.unit_label = label
        if cand.value is None:
            try:
                parsed = parse_numeral(cand.number)
            except NumeralError:
                return None
            cand.value = tidy_decimal(parsed.value * factor)
            cand.numeral = parsed.numeral
        return cand

    def candidates(self, exclusions: list[Exclusion]) -> Iterator[_Candidate]:
        """Every mention candidate in text order; excluded runs go to ``exclusions``."""
        skip_until = 0
        skip_reason = ExclusionReason.OTHER  # why the text up to skip_until was taken
        for run in self.runs:
            start, end = run.span()
            if start < skip_until:
                if end > skip_until:
                    # a run reaching past what took its start (0@2.3亿: the e-mail-like id
                    # ends at 2.3) is excluded whole, for the same reason
                    exclusions.append(Exclusion(start, end, self.text[start:end], skip_reason))
                    skip_until = end
                continue
            if end - start > _MAX_NUMBER:
                exclusions.append(
                    Exclusion(start, end, self.text[start:end], ExclusionReason.OTHER)
                )
                continue
            block = self.block_at(start)
            if block is not None:
                lo, hi = min(block[0], start), max(block[1], end)
                exclusions.append(Exclusion(lo, hi, self.text[lo:hi], block[2]))
                skip_until, skip_reason = hi, block[2]
                continue
            if end - start == 1 and self.text[start] in CN_MULTIPLIERS and self._unit_at(start):
                # a unit word that opens on a multiplier, with no number (每千瓦, 千米)
                exclusions.append(
                    Exclusion(start, end, self.text[start:end], ExclusionReason.OTHER)
                )
                continue
            try:
                found = self._read_any(start, end)
            except _NotQuantityError as exc:
                exclusions.append(Exclusion(start, end, self.text[start:end], exc.reason))
                continue
            if not found:
                raw = self.doc.raw_span(start, end)
                reason = (
                    ExclusionReason.DAMAGED if self.doc.is_damaged(raw) else ExclusionReason.OTHER
                )
                exclusions.append(Exclusion(start, end, self.text[start:end], reason))
                continue
            skip_until, skip_reason = max(c.end for c in found), ExclusionReason.OTHER
            yield from found

    def _read_any(self, start: int, end: int) -> list[_Candidate]:
        # a whole cell is read by its column before a unit on the next line can take it
        cell = self._read_table_cell(start, end) if self.table_cells else None
        if cell is not None:
            return [c for c in map(self.finish, cell) if c is not None]
        fraction = self.read_fraction(start, end)
        if fraction is not None:
            done_fraction = self.finish(fraction)
            return [done_fraction] if done_fraction is not None else []
        quantity = self.read_quantity(start, end)
        if quantity is not None:
            done = self.finish(quantity)
            return [done] if done is not None else []
        for reader in (self.read_range, self.read_bare_list, self._read_implied_list):
            found = reader(start, end)
            if found:
                done_all = [self.finish(c) for c in found]
                if all(d is not None for d in done_all):
                    return [d for d in done_all if d is not None]
        return []

    def _read_table_cell(self, start: int, end: int) -> list[_Candidate] | None:
        """A bare number that is a whole table cell, in a column whose header gives the unit
        (65432 under 脱贫人口（人）); the header's words are its subject."""
        cell = self.table_cells.get(start)
        if cell is None or cell.end != end:
            return None
        found = self._implied_candidate(
            start, end, self.text[start:end], cell.unit, inside=None, post=None, tail=end
        )
        found.subject = cell.subject
        found.time = cell.time
        return [found]

    def _read_implied_list(self, start: int, end: int) -> list[_Candidate] | None:
        implied = self.read_implied(start, end) or self.read_implied_before(start, end)
        return [implied] if implied is not None else None

    def read_implied_before(self, start: int, run_end: int) -> _Candidate | None:
        """Grammar: ``noun … 万/亿-number`` ending the phrase (贫困人口从329万减少到25.5万):
        the nearest implied-unit noun before the number, in the same clause, gives the unit."""
        number = self.text[start:run_end]
        if "万" not in number and "亿" not in number:
            return None
        pos = run_end
        more = self.rules.inside_qualifier.match(self.text, pos)
        if more is not None:
            pos = more.end()
        post, tail = self.qualifier_after(pos)
        if tail < len(self.text) and self.rules.implied_noun.match(self.text, tail) is not None:
            return None
        lo = start
        if lo > 0 and self.text[lo - 1] in _LABEL_COLON:
            lo -= 1  # the value of a label (观看人次：52.3万)
        limit = max(0, start - _IMPLIED_WINDOW - 4)
        while lo > limit and self.text[lo - 1] not in _CLAUSE_STOP:
            lo -= 1
        nouns = list(self.rules.implied_noun.finditer(self.text, lo, start, overlapped=False))
        if not nouns:
            return None
        unit = self.rules.implied_units[nouns[-1].group()]
        return self._implied_candidate(
            start,
            pos,
            number,
            unit,
            inside=None if more is None else more.group(),
            post=post,
            tail=tail,
        )

    def _implied_candidate(
        self,
        start: int,
        end: int,
        number: str,
        unit: str,
        *,
        inside: str | None,
        post: Qualifier | None,
        tail: int,
    ) -> _Candidate:
        """A figure whose unit comes from a noun near it (余/多 inside the span wins)."""
        if inside:
            qualifier = self._inside(inside)
        else:
            qualifier = self.qualifier_before(start) or post or Qualifier.EXACT
        return _Candidate(
            start=start,
            end=end,
            number=number,
            unit_word=unit,
            multiplier="",
            qualifier=qualifier,
            implied=True,
            tail=tail,
        )


def _damaged_value(doc: Document, raw: Span, value: Decimal | None) -> tuple[bool, Decimal | None]:
    """Whether the raw span of a figure touches damage, and the value kept.

    The value is certain when every touching stretch was repaired with certainty, or only
    begins where the span ends (number and unit were read whole: ``20多萬元?/p>``); damage
    before or inside the span may have eaten digits (``?6萬元``), so the value is dropped.
    """
    hits = [d for d in doc.damage if d.span.start <= raw.end and raw.start <= d.span.end]
    if not hits:
        return False, value
    if all((d.confident and d.repair is not None) or d.span.start >= raw.end for d in hits):
        return True, value
    return True, None


def _lists(
    cands: list[_Candidate], text: str, separators: frozenset[str]
) -> dict[int, tuple[int, int]]:
    """Group mentions of one enumeration: index in ``cands`` → (list id, place in list)."""
    out: dict[int, tuple[int, int]] = {}
    list_id = 0
    group: list[int] = []

    def close() -> None:
        nonlocal list_id
        if len(group) > 1:
            list_id += 1
            for place, idx in enumerate(group):
                out[idx] = (list_id, place)

    for i, cand in enumerate(cands):
        if group:
            prev = cands[group[-1]]
            between = text[prev.tail : cand.start]
            same_range = prev.range_id is not None and prev.range_id == cand.range_id
            joined = between in separators or not between
            if joined and between in _CLAUSE_SEPARATORS and cand.unit_label != prev.unit_label:
                joined = False  # …1.85万千瓦，两县…: a comma ends a list of one unit
            if not same_range and joined:
                group.append(i)
                continue
            close()
        group = [i]
    if group:
        close()
    return out


def scan(doc: Document, *, errors: Literal["mark", "drop"] = "mark") -> ScanResult:
    """Find every quantity mention of a document, and account for every other numeral.

    Args:
        doc: the parsed document; only ``doc.text`` is read.
        errors: ``"mark"`` keeps figures in damaged text (``corrupted=True``, value ``None``
            unless the damage was repaired with certainty); ``"drop"`` leaves them out.

    Returns:
        The mentions and the exclusions, each in text order.

    .. versionadded:: 0.1.0
    """
    scanner = _Scanner(doc, rules())
    exclusions: list[Exclusion] = []
    cands = list(scanner.candidates(exclusions))
    lists = _lists(cands, doc.text, scanner.rules.list_separators)
    mentions: list[Mention] = []
    for i, cand in enumerate(cands):
        raw = doc.raw_span(cand.start, cand.end)
        corrupted, value = _damaged_value(doc, raw, cand.value)
        if corrupted and errors == "drop":
            exclusions.append(
                Exclusion(
                    cand.start, cand.end, doc.text[cand.start : cand.end], ExclusionReason.DAMAGED
                )
            )
            continue
        provenance = Provenance(
            doc=doc.name,
            span=raw,
            text=doc.raw[raw.start : raw.end],
            article=doc.article_at(cand.start),
        )
        measurement = Measurement(
            value=value,
            unit=cand.unit_label,
            qualifier=cand.qualifier,
            numeral=cand.numeral,
            provenance=provenance,
            corrupted=corrupted,
            range_id=cand.range_id,
            subject=cand.subject,
            time=_NO_TIME if cand.time is None else cand.time,
        )
        list_id, list_index = lists.get(i, (None, None))
        written = cand.unit_label if cand.implied else cand.multiplier + cand.unit_word
        mentions.append(
            Mention(
                measurement=measurement,
                start=cand.start,
                end=cand.end,
                unit_written=written,
                implied_unit=cand.implied,
                list_id=list_id,
                list_index=list_index,
                duplicate=doc.is_duplicate(cand.start),
            )
        )
    exclusions.sort(key=lambda e: (e.start, e.end))
    return ScanResult(tuple(mentions), tuple(exclusions))


def extract_mentions(doc: Document, *, errors: Literal["mark", "drop"] = "mark") -> list[Mention]:
    """The quantity mentions of a document, layout duplicates included (flagged).

    .. versionadded:: 0.1.0
    """
    return list(scan(doc, errors=errors).mentions)

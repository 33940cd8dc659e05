"""Programmes and indicators of the campaign, and matchers from Chinese phrases to them.

The vocabulary is loaded lazily, once, from the package's ``data/programmes.toml`` and
``data/indicators.toml``.

>>> get_programme("易地搬迁").id
'relocation'
>>> match_indicator("易地扶贫搬迁户数", unit="户").id
'relocated_households'
>>> match_indicator("贫困人口脱贫", unit="户").id
'households_lifted_out'
>>> match_indicator("贫困地区农民人均可支配收入", unit="元").additive
False
>>> match_indicator("脱贫攻坚历时", unit="年") is None
True

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import functools
import re
import tomllib
from typing import TYPE_CHECKING, Final

from shanxi_poverty._resources import read_text
from shanxi_poverty._wordlist import longest_words, prefix_table, trie_pattern
from shanxi_poverty.errors import UnknownUnitError, VocabularyError
from shanxi_poverty.model import Dimension, Indicator, Programme
from shanxi_poverty.units import dimension_of  # pint itself loads only for unknown units

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

__all__ = [
    "Vocabulary",
    "default_indicator",
    "find_programmes",
    "get_indicator",
    "get_programme",
    "indicators",
    "load_vocabulary",
    "match_indicator",
    "match_programme",
    "programmes",
]


def __dir__() -> list[str]:
    return __all__


#: Characters ignored when matching (quotation marks around names such as “全面改薄”).
_IGNORED: Final = re.compile("[“”‘’\"'「」『』《》 　]+")


def _clean(text: str) -> str:
    return _IGNORED.sub("", text)  # str.translate would look up every character


def _compatible(indicator: Indicator, dimension: Dimension | None) -> bool:
    """Whether a figure in ``dimension`` can measure ``indicator``.

    A rate may also change by percentage points (贫困发生率下降3.5个百分点).
    """
    if dimension is None or indicator.dimension is dimension:
        return True
    return indicator.dimension is Dimension.RATIO and dimension is Dimension.PERCENTAGE_POINTS


def _unit_dimension(unit: str | None) -> Dimension | None:
    if not unit:
        return None
    try:
        return dimension_of(unit)
    except UnknownUnitError:
        return None


class Vocabulary:
    """The programmes and indicators, indexed by id and by every alias."""

    __slots__ = (
        "_alias_prefixes",
        "_counterparts",
        "_fitting_aliases",
        "_indicator_finder",
        "_indicator_index",
        "_indicators",
        "_programme_finder",
        "_programme_index",
        "_programmes",
    )

    def __init__(
        self,
        programmes: Iterable[Programme],
        indicators: Iterable[Indicator],
        *,
        counterparts: Mapping[str, str] | None = None,
    ) -> None:
        self._programmes = {p.id: p for p in programmes}
        self._indicators = {i.id: i for i in indicators}
        self._counterparts: dict[str, str] = {}
        for left, right in (counterparts or {}).items():
            self._counterparts[left] = right
            self._counterparts[right] = left
        self._programme_index: dict[str, Programme] = {}
        for prog in self._programmes.values():
            for name in (prog.name_zh, *prog.aliases):
                self._programme_index.setdefault(_clean(name), prog)
        self._programme_finder = re.compile(trie_pattern(self._programme_index))
        self._indicator_index: dict[str, Indicator] = {}
        for ind in self._indicators.values():
            for name in (ind.name_zh, *ind.aliases):
                self._indicator_index.setdefault(_clean(name), ind)
        self._indicator_finder = re.compile(trie_pattern(self._indicator_index))
        # The finder reports the longest alias at a position; the shorter ones starting
        # there are its prefixes.
        self._alias_prefixes = prefix_table(self._indicator_index)
        # per unit dimension, memo of _fitting_alias: longest word found → (length, indicator)
        self._fitting_aliases: dict[Dimension | None, dict[str, tuple[int, Indicator] | None]] = {}

    @classmethod
    def from_toml(cls, programmes_text: str, indicators_text: str) -> Vocabulary:
        """Build a vocabulary from the texts of ``programmes.toml`` and ``indicators.toml``.

        Raises:
            ValueError: if an entry is malformed (unknown dimension, missing field).
            tomllib.TOMLDecodeError: if a text is not TOML.
        """
        progs = tomllib.loads(programmes_text)["programme"]
        data = tomllib.loads(indicators_text)
        return cls(
            (
                Programme(
                    id=p["id"], name_zh=p["name_zh"], name_en=p["name_en"], aliases=p["aliases"]
                )
                for p in progs
            ),
            (
                Indicator(
                    id=i["id"],
                    name_zh=i["name_zh"],
                    name_en=i["name_en"],
                    dimension=Dimension(i["dimension"]),
                    additive=bool(i["additive"]),
                    programme=i.get("programme"),
                    aliases=i["aliases"],
                )
                for i in data["indicator"]
            ),
            counterparts=data.get("counterparts", {}),
        )

    def programmes(self) -> tuple[Programme, ...]:
        """Every programme, in file order."""
        return tuple(self._programmes.values())

    def indicators(self) -> tuple[Indicator, ...]:
        """Every indicator, in file order."""
        return tuple(self._indicators.values())

    @staticmethod
    def _key_variants(key: str) -> tuple[str, ...]:
        from shanxi_poverty._opencc import default_converter  # noqa: PLC0415 - slow to load

        cleaned = _clean(key.strip())
        return (cleaned, default_converter().convert(cleaned))

    def get_programme(self, id_or_alias: str) -> Programme:
        """The programme with this id, Chinese name or alias (traditional script accepted).

        Raises:
            VocabularyError: if none matches.
        """
        if id_or_alias in self._programmes:
            return self._programmes[id_or_alias]
        for key in self._key_variants(id_or_alias):
            if key in self._programme_index:
                return self._programme_index[key]
        raise VocabularyError("programme", id_or_alias)

    def get_indicator(self, id_or_alias: str) -> Indicator:
        """The indicator with this id, Chinese name or alias (traditional script accepted).

        Raises:
            VocabularyError: if none matches.
        """
        if id_or_alias in self._indicators:
            return self._indicators[id_or_alias]
        for key in self._key_variants(id_or_alias):
            if key in self._indicator_index:
                return self._indicator_index[key]
        raise VocabularyError("indicator", id_or_alias)

    def match_indicator(self, phrase: str, *, unit: str | None = None) -> Indicator | None:
        """The indicator a subject phrase or clause names, or ``None``.

        Every indicator name or alias contained in the phrase is a candidate.  Candidates
        whose dimension does not fit the unit (户 → households, 名 → persons, % → ratio) are
        replaced by their person/household counterpart or dropped; of the rest the longest
        alias wins, then the one nearest the end of the phrase (the head of a Chinese noun
        phrase is at its end).  In ``X的Y`` the head ``Y`` is tried first
        (选派驻村工作队的脱贫村 counts villages, not teams).

        Args:
            phrase: simplified text: a subject (贫困人口脱贫) or the clause around a figure.
            unit: the figure's unit label; unknown units impose no constraint.
        """
        text = _clean(phrase)
        dimension = _unit_dimension(unit)
        # The words of the head are those of the whole text that start in it (the head runs
        # to the end of the text), so the text is scanned once.
        words = longest_words(self._indicator_finder, text)
        head_start = text.rfind("的") + 1
        if 0 < head_start < len(text):
            found = self._best_indicator(words, head_start, dimension)
            if found is not None:
                return found
        return self._best_indicator(words, 0, dimension)

    def _best_indicator(
        self, words: list[tuple[int, str]], start_from: int, dimension: Dimension | None
    ) -> Indicator | None:
        """The best indicator among the alias words starting at ``start_from`` or later:
        the longest alias whose indicator (or its counterpart) fits ``dimension``, then the
        one ending last.  At one position only the longest fitting alias can win, so each
        position contributes that one (:meth:`_fitting_alias`)."""
        best_length = 0
        best_end = -1
        best: Indicator | None = None
        fitting = self._fitting_aliases.get(dimension)
        if fitting is None:
            fitting = self._fitting_aliases[dimension] = {}
        for start, longest in words:
            if start < start_from:
                continue
            if longest in fitting:
                hit = fitting[longest]
            else:
                hit = fitting[longest] = self._fitting_alias(longest, dimension)
            if hit is not None:
                length, chosen = hit
                # an equal length and end would be the same alias, found twice
                if length > best_length or (length == best_length and start + length > best_end):
                    best_length, best_end, best = length, start + length, chosen
        return best

    def _fitting_alias(
        self, longest: str, dimension: Dimension | None
    ) -> tuple[int, Indicator] | None:
        """The length and indicator of the longest alias starting a word ``longest`` whose
        indicator fits ``dimension``, itself or as its person/household counterpart."""
        for alias in self._alias_prefixes[longest]:
            ind = self._indicator_index[alias]
            if _compatible(ind, dimension):
                return len(alias), ind
            twin = self._indicators.get(self._counterparts.get(ind.id, ""))
            if twin is not None and _compatible(twin, dimension):
                return len(alias), twin
        return None

    def default_indicator(self, programme: str, *, unit: str | None) -> Indicator | None:
        """The programme's main indicator for figures in ``unit``: the first indicator of the
        programme, in vocabulary order, measured in exactly the unit's dimension.

        Used when a clause names a programme (易地扶贫搬迁 … 2829户) but no indicator alias.
        Rates and amounts without a unit get none: they are too varied to guess.
        """
        dimension = _unit_dimension(unit)
        if dimension is None or dimension in {Dimension.RATIO, Dimension.PERCENTAGE_POINTS}:
            return None
        return next(
            (
                ind
                for ind in self._indicators.values()
                if ind.programme == programme and ind.dimension is dimension
            ),
            None,
        )

    def match_programme(self, phrase: str) -> Programme | None:
        """The programme a phrase names (longest name or alias contained in it), or ``None``."""
        best: re.Match[str] | None = None  # longest, then leftmost (asked once per figure)
        for m in self._programme_finder.finditer(phrase):
            if best is None or len(m[0]) > len(best[0]):
                best = m
        return None if best is None else self._programme_index[best[0]]

    def find_programmes(self, text: str) -> list[tuple[int, int, Programme]]:
        """Programme names in a simplified text, leftmost-longest, as ``(start, end, programme)``.

        Offsets refer to ``text`` as given (quotation marks are not skipped here).
        """
        index = self._programme_index
        return [
            (m.start(), m.end(), index[m.group()]) for m in self._programme_finder.finditer(text)
        ]


@functools.cache
def load_vocabulary() -> Vocabulary:
    """The packaged vocabulary (parsed on first use, then cached)."""
    return Vocabulary.from_toml(read_text("programmes.toml"), read_text("indicators.toml"))


def programmes() -> tuple[Programme, ...]:
    """Every programme of the packaged vocabulary."""
    return load_vocabulary().programmes()


def indicators() -> tuple[Indicator, ...]:
    """Every indicator of the packaged vocabulary."""
    return load_vocabulary().indicators()


def get_programme(id_or_alias: str) -> Programme:
    """See :meth:`Vocabulary.get_programme`."""
    return load_vocabulary().get_programme(id_or_alias)


def get_indicator(id_or_alias: str) -> Indicator:
    """See :meth:`Vocabulary.get_indicator`."""
    return load_vocabulary().get_indicator(id_or_alias)


def match_indicator(phrase: str, *, unit: str | None = None) -> Indicator | None:
    """See :meth:`Vocabulary.match_indicator`."""
    return load_vocabulary().match_indicator(phrase, unit=unit)


def default_indicator(programme: str, *, unit: str | None) -> Indicator | None:
    """The programme's main indicator for a unit.  See :meth:`Vocabulary.default_indicator`."""
    return load_vocabulary().default_indicator(programme, unit=unit)


def match_programme(phrase: str) -> Programme | None:
    """See :meth:`Vocabulary.match_programme`.

    >>> match_programme("实施光伏扶贫村级电站").id
    'photovoltaic'
    """
    return load_vocabulary().match_programme(phrase)


def find_programmes(text: str) -> list[tuple[int, int, Programme]]:
    """See :meth:`Vocabulary.find_programmes`.

    >>> [(s, e, p.id) for s, e, p in find_programmes("推进易地扶贫搬迁和健康扶贫")]
    [(2, 8, 'relocation'), (9, 13, 'health')]
    """
    return load_vocabulary().find_programmes(text)

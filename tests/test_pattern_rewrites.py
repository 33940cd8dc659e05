"""Patterns rewritten to open on a literal (so that ``re`` skips ahead to it) find exactly
what the patterns they replaced found: the old ones are kept here as references."""

from __future__ import annotations

import importlib
import re

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from shanxi_poverty.extract._rules import CN_NUMERALS, DIGITS, rules
from shanxi_poverty.normalize import _DIGIT_COMMA, _PINYIN, _TONE_MARKS, CJK, PINYIN_LETTERS
from shanxi_poverty.sources._common import PINYIN_ANNOTATION
from shanxi_poverty.sources._mojibake import _REPLACEMENT
from shanxi_poverty.sources.plain import _PINYIN as _PLAIN_PINYIN

from .conftest import read_seed

_context = importlib.import_module("shanxi_poverty.extract.context")
_RANK = next(r for r in rules().vocabulary if r.name == "rank")
_RANK_CUES = _RANK.source.split(")(?:全")[0].removeprefix("(?:")

_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùüǖǘǚǜ"
_Pattern = re.Pattern[str] | regex.Pattern[str]
#: (rewritten pattern, the pattern it replaced, characters that exercise both)
CASES: dict[str, tuple[_Pattern, _Pattern, str]] = {
    "pinyin": (
        _PINYIN,
        re.compile(
            rf"(?<=[{CJK}])(?:\(\s?(?=[a-zü]{{0,6}}[{_TONE_MARKS}])[{PINYIN_LETTERS}]{{1,7}}\s?\))+"
        ),
        "績会(( ))jìàlianshùx \U00020000",
    ),
    "pinyin count": (
        PINYIN_ANNOTATION,
        re.compile(rf"(?<=[{CJK}])\(\s?[a-z{_TONED}]{{1,7}}\s?\)"),
        "績会(( ))jìàlianshù \U00020000",
    ),
    "pinyin count (plain sniffer)": (
        _PLAIN_PINYIN,
        re.compile(rf"[{CJK}]\([a-zāáǎàēéěèīíǐìōóǒòūúǔù]{{1,7}}\s?\)"),
        "績会(( ))jìàlianshùü \U00020000",
    ),
    "replacement characters": (
        _REPLACEMENT,
        re.compile("\ufffd{1,1000}"),
        "\ufffd\ufffd\ufffd?a",
    ),
    "paragraph end": (
        _context._PARAGRAPH_END,
        re.compile(r"\n++"),
        "\n\n\r a",
    ),
    "rank": (
        _RANK.pattern,
        regex.compile(rf"(?<=(?:{_RANK_CUES})(?:全[省市县国])?)[{DIGITS}{CN_NUMERALS}]++"),
        "位列名排在居为评荣获全省市国县1２三十万第",
    ),
    "digit comma": (
        _DIGIT_COMMA,
        re.compile(r"(?<=[0-9０-９])，(?=[0-9０-９]{3})"),
        "，,1２3４5６元",
    ),
    "company": (
        _context._COMPANY,
        regex.compile(r"(?:该|这家|此)(?:公司|企业)|(?<![家个属营])公司"),
        "该这家此公司企业属营个家的",
    ),
    "year": (
        _context._YEAR,
        regex.compile(r"(?<![0-9])(?P<year>(?:19|20)[0-9]{2})年"),
        "1920年以来0958",
    ),
    "day": (
        _context._DAY,
        regex.compile(r"(?<![0-9年])(?P<month>1[0-2]|[1-9])月(?P<day>[1-9]|[12][0-9]|3[01])日"),
        "0123年月日号9",
    ),
}


#: Rewrites whose matches start later than the old ones' by this many characters: the old
#: pattern consumed the character it now checks behind it (the sniffer only counts matches).
SHIFTED: dict[str, int] = {"pinyin count (plain sniffer)": 1}


def _found(pattern: _Pattern, text: str, shift: int = 0) -> list[object]:
    return [((m.start() + shift, m.end()), m.groupdict()) for m in pattern.finditer(text)]


@pytest.mark.parametrize("name", sorted(CASES))
def test_rewritten_pattern_on_the_seeds(name: str, seed_names: list[str]) -> None:
    """On every seed, the rewritten pattern finds the same matches as the one it replaced."""
    new, old, _ = CASES[name]
    for seed in seed_names:
        text = read_seed(seed)
        assert _found(new, text) == _found(old, text, SHIFTED.get(name, 0))


@pytest.mark.parametrize("name", sorted(CASES))
@settings(max_examples=300)
@given(data=st.data())
def test_rewritten_pattern_on_soup(name: str, data: st.DataObject) -> None:
    """On strings of the characters each pattern cares about, the same matches."""
    new, old, alphabet = CASES[name]
    text = data.draw(st.text(alphabet=alphabet, max_size=40))
    assert _found(new, text) == _found(old, text, SHIFTED.get(name, 0))


def test_rank_cues_hold_no_numerals() -> None:
    """What makes ``\\K`` equal to the lookbehind it replaced: a cue never overlaps the
    numerals of the match before it."""
    cues = _RANK_CUES.split("|")
    assert "排名" in cues
    assert not any(c in CN_NUMERALS or c.isdigit() for cue in cues for c in cue)


def _other_engine(pattern: _Pattern) -> _Pattern:
    """The same source compiled by the other module."""
    if isinstance(pattern, re.Pattern):
        return regex.compile(pattern.pattern, pattern.flags & ~re.UNICODE)
    return re.compile(pattern.pattern, pattern.flags & (re.IGNORECASE | re.MULTILINE | re.VERBOSE))


#: Whole-text patterns compiled by the engine that runs them faster (pattern, characters
#: that exercise it): the other engine finds the same matches.
ENGINE_CHOICES: dict[str, tuple[_Pattern, str]] = {
    "deixis": (_context._DEIXIS, "我全本该此各省市县区委长的"),
    "company": (_context._COMPANY, "该这家此公司企业属营个家的"),
    "quote": (_context._QUOTE, "“”\n一二三四五六七八九十百千万"),
    "year": (_context._YEAR, "1920年以来0958"),
    "day": (_context._DAY, "0123年月日号9"),
    "relative": (_context._RELATIVE, "今去前明上当本一近过年内来的"),
    "phrase after a figure": (_context._PHRASE, "县（市、区）(,)，。；\n摘帽12"),
    "settlement deixis": (_context._SETTLEMENT_DEIXIS, "我全本该此村镇乡里县"),
    "now": (_context._NOW, "目当前今"),
}


@pytest.mark.parametrize("name", sorted(ENGINE_CHOICES))
def test_engine_choice_keeps_matches_on_the_seeds(name: str, seed_names: list[str]) -> None:
    pattern, _ = ENGINE_CHOICES[name]
    for seed in seed_names:
        text = read_seed(seed)
        assert _found(pattern, text) == _found(_other_engine(pattern), text)


@pytest.mark.parametrize("name", sorted(ENGINE_CHOICES))
@settings(max_examples=300)
@given(data=st.data())
def test_engine_choice_keeps_matches_on_soup(name: str, data: st.DataObject) -> None:
    pattern, alphabet = ENGINE_CHOICES[name]
    text = data.draw(st.text(alphabet=alphabet, max_size=40))
    assert _found(pattern, text) == _found(_other_engine(pattern), text)

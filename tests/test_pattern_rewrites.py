"""Patterns rewritten to open on a literal (so that ``re`` skips ahead to it) find exactly
what the patterns they replaced found: the old ones are kept here as references."""

from __future__ import annotations

import importlib
import re

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from shanxi_poverty.normalize import _DIGIT_COMMA, _PINYIN, _TONE_MARKS, CJK, PINYIN_LETTERS
from shanxi_poverty.sources._common import _PINYIN_COUNT

from .conftest import read_seed

_context = importlib.import_module("shanxi_poverty.extract.context")

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
        _PINYIN_COUNT,
        re.compile(rf"(?<=[{CJK}])\(\s?[a-z{_TONED}]{{1,7}}\s?\)"),
        "績会(( ))jìàlianshù \U00020000",
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


def _found(pattern: _Pattern, text: str) -> list[object]:
    return [(m.span(), m.groupdict()) for m in pattern.finditer(text)]


@pytest.mark.parametrize("name", sorted(CASES))
def test_rewritten_pattern_on_the_seeds(name: str, seed_names: list[str]) -> None:
    """On every seed, the rewritten pattern finds the same matches as the one it replaced."""
    new, old, _ = CASES[name]
    for seed in seed_names:
        text = read_seed(seed)
        assert _found(new, text) == _found(old, text)


@pytest.mark.parametrize("name", sorted(CASES))
@settings(max_examples=300)
@given(data=st.data())
def test_rewritten_pattern_on_soup(name: str, data: st.DataObject) -> None:
    """On strings of the characters each pattern cares about, the same matches."""
    new, old, alphabet = CASES[name]
    text = data.draw(st.text(alphabet=alphabet, max_size=40))
    assert _found(new, text) == _found(old, text)

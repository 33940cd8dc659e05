"""The exclusion rules' start-character guards and engines change speed, never matches."""

from __future__ import annotations

from typing import TYPE_CHECKING

import regex
from hypothesis import given
from hypothesis import strategies as st

from shanxi_poverty import parse_document
from shanxi_poverty.extract._rules import FIXED_RULES, Rule, rules
from tests.conftest import read_seed

if TYPE_CHECKING:
    import re

#: Rules compiled other than as written with ``regex``: with a guard, or with ``re``.
GUARDED = [
    r
    for r in (*FIXED_RULES, *rules().vocabulary)
    if r.starts_with is not None or r.engine != "regex"
]

#: Characters the rules are about: digits, numerals, date and page words, separators.
ALPHABET = (
    "0123456789０１２３４５６７８９〇零一二两三四五六七八九十百千万亿兩廿卅"
    "第版页年月日号份时点分天前后之以个代把手是其全省市县位列居排名"
    "Pp/:：.．-—－~～至到从自在于截（）()、，。；！？ \nabcxyz_@〔〕"
)


def _spans(pattern: regex.Pattern[str] | re.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [m.span() for m in pattern.finditer(text)]


def _agree(rule: Rule, text: str) -> None:
    assert _spans(rule.pattern, text) == _spans(regex.compile(rule.source), text), rule.name


def test_some_rules_are_guarded() -> None:
    assert {r.name for r in GUARDED if r.starts_with} >= {"month_day", "page", "code", "hour"}
    assert {r.name for r in GUARDED if r.engine == "re"} >= {"phone", "month_day", "hour"}


def test_guard_keeps_matches_on_the_seeds(seed_names: list[str]) -> None:
    for name in seed_names:
        text = parse_document(read_seed(name), name=name).text
        for rule in GUARDED:
            _agree(rule, text)


@given(st.text(alphabet=ALPHABET, max_size=80))
def test_guard_keeps_matches_on_numeral_soup(text: str) -> None:
    for rule in GUARDED:
        _agree(rule, text)

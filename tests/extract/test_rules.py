"""The exclusion rules' start guards, engines and joint scan change speed, never matches."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
import regex
from hypothesis import given
from hypothesis import strategies as st

from shanxi_poverty import parse_document
from shanxi_poverty.extract._rules import (
    FIXED_RULES,
    JOINT_MAX_WIDTH,
    JointScan,
    Rule,
    _short_matches,
    rules,
)
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


# -- the joint scan -------------------------------------------------------------------------

JOINT = rules().joint

#: ALPHABET plus the first characters of the adverb and slogan words (不一, 之一, 同一 ...).
JOINT_ALPHABET = ALPHABET + "不之同唯统进双成接独一起致般"


def _joint_agrees(scan: JointScan, text: str) -> None:
    spans = scan.spans(text)
    assert set(spans) == {r.name for r in scan.members}
    for rule in scan.members:
        assert spans[rule.name] == _spans(rule.pattern, text), rule.name


def test_joint_scan_holds_the_guarded_re_rules_with_short_matches() -> None:
    names = {r.name for r in JOINT.members}
    assert names >= {"phone", "month_day", "year", "hour", "name_or_slogan", "adverb"}
    assert names <= {r.name for r in GUARDED if r.engine == "re" and r.starts_with is not None}
    # a page number or code can run on without bound: tried at every start character
    # (inside its own earlier match too) it would make the scan quadratic
    assert names.isdisjoint({"page", "code"})


@pytest.mark.parametrize(
    ("source", "short"),
    [
        ("[0-9]{3}", True),
        ("(?<![0-9])[0-9]{1,2}[时点](?=[^0-9])", True),
        (f"[0-9]{{{JOINT_MAX_WIDTH}}}", True),
        (f"[0-9]{{{JOINT_MAX_WIDTH + 1}}}", False),
        ("[0-9]++", False),
        ("a(?=[0-9]*x)", False),  # a short match, but its look-ahead may read on
        ("(?:ab|c[0-9]+)", False),
        ("[0-9", False),  # not a pattern: no
    ],
)
def test_short_matches_bounds_the_match_and_its_look_arounds(source: str, short: bool) -> None:
    assert _short_matches(source) is short


def test_joint_scan_equals_each_rules_finditer_on_the_seeds(seed_names: list[str]) -> None:
    for name in seed_names:
        _joint_agrees(JOINT, parse_document(read_seed(name), name=name).text)


@given(st.text(alphabet=JOINT_ALPHABET, max_size=80))
def test_joint_scan_equals_each_rules_finditer_on_numeral_soup(text: str) -> None:
    _joint_agrees(JOINT, text)


@given(st.text(alphabet="0123456789 a", max_size=20))
def test_joint_scan_searches_a_rule_alone_where_it_matches_empty(text: str) -> None:
    # An empty match makes finditer try the same position again for a longer one (12 →
    # (0, 0) then (0, 2)), which captures taken once per position cannot give.
    scan = JointScan.of(
        [
            Rule("maybe_pair", r"|[0-9]{2}", "other", starts_with="0-9", engine="re"),
            Rule("triple", r"[0-9]{3}", "other", starts_with="0-9", engine="re"),
        ]
    )
    _joint_agrees(scan, text)


def test_an_empty_joint_scan_finds_nothing() -> None:
    assert JointScan.of([r for r in FIXED_RULES if r.engine == "regex"]).spans("2020年3月") == {}


def test_joint_scan_rules_need_distinct_names() -> None:
    twice = Rule("hour", r"[0-9]{2}点", "time", starts_with="0-9", engine="re")
    with pytest.raises(ValueError, match="distinct names"):
        JointScan.of([twice, twice])

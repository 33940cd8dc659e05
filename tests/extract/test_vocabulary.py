"""The extractor's vocabulary file is consistent with the unit registry and compiles."""

from __future__ import annotations

import tomllib
from decimal import Decimal

import pytest

from shanxi_poverty._resources import read_text
from shanxi_poverty.extract._rules import FIXED_RULES, rules
from shanxi_poverty.units import split_unit

_DATA = tomllib.loads(read_text("quantity_words.toml"))


@pytest.mark.parametrize("word", _DATA["units"]["words"])
def test_unit_words_resolve(word: str) -> None:
    """Every unit word the scanner reads is a unit of data/units.txt."""
    factor, label = split_unit(word)
    assert factor > 0
    assert label


@pytest.mark.parametrize(("noun", "unit"), sorted(_DATA["implied_units"].items()))
def test_implied_units_resolve(noun: str, unit: str) -> None:
    """Every implied unit is a canonical label of the registry."""
    assert noun
    assert split_unit(unit) == (Decimal(1), unit)


def test_qualifier_words_are_known_values() -> None:
    """Qualifier tables use the schema's qualifier names only."""
    known = {"approx", "more_than", "at_least", "at_most", "less_than"}
    tables = _DATA["qualifiers"]
    for place in ("before", "after", "inside"):
        assert set(tables[place]) <= known


def test_rules_compile_and_have_reasons() -> None:
    """Every named rule compiles and names a valid exclusion reason."""
    from shanxi_poverty.extract import ExclusionReason  # noqa: PLC0415

    for rule in (*FIXED_RULES, *rules().vocabulary):
        assert ExclusionReason(rule.reason)
        assert rule.pattern.pattern

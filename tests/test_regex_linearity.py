"""Every regex of the package is linear on adversarial input (no catastrophic backtracking).

Times are compared as ratios, never against a wall clock: a pattern's ``finditer`` over
100 KB of worst-case input against a linear reference scan of the same input, and the time
on 100 KB against the time on 25 KB (linear is 4, quadratic 16).
"""

from __future__ import annotations

import importlib
import pkgutil
import re
import time
from typing import TYPE_CHECKING

import attrs
import pytest
import regex

import shanxi_poverty
from shanxi_poverty import normalize, regions, vocabulary
from shanxi_poverty.extract import extract
from shanxi_poverty.extract._rules import rules
from shanxi_poverty.sources import parse_document

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

Pattern = re.Pattern[str] | regex.Pattern[str]

SIZE = 100_000
#: finditer may cost this many linear reference scans of the same input.
MAX_RATIO = 200
#: time(4n) / time(n): 4 when linear, 16 when quadratic.
MAX_SCALING = 8
#: below this many seconds a scaling ratio is timer noise, not a measurement.
NOISE_FLOOR = 0.002

#: Repeated units of worst-case input: each is tiled up to the size wanted.
ADVERSARIAL = {
    "digits": "1",
    "fullwidth-digits": "１",
    "wan": "万",
    "cn-numerals": "一二三四五六七八九十百千",
    "paren": "(",
    "fullwidth-paren": "（",
    "cjk": "脱贫攻坚",
    "dot-comma": ".,",
    "dotted-digits": "1.1.",
    "comma-digits": "1,00",
    "di": "第",
    "lt": "<",
    "amp": "&",
    "entity-start": "&#",
    "pinyin": "a(",
    "pinyin-tone": "jì(",
    "dashes": "2021-",
    "colons": "1:",
    "slash": "//",
    "letters-digits": "a1",
    "spaces": " \u3000",
    "newlines": "\r\n",
    "year-like": "2021年",
    "quote": "“一",
    "html-tag": "<div ",
    "front-matter": "---\n",
    "mojibake": "锟斤拷",
    "percent": "百分之",
}


def _tile(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


def _patterns_in(value: object, seen: set[int]) -> Iterator[Pattern]:
    if id(value) in seen:
        return
    seen.add(id(value))
    if isinstance(value, (re.Pattern, regex.Pattern)):
        if isinstance(value.pattern, str):
            yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _patterns_in(item, seen)
    elif isinstance(value, (list, tuple, frozenset, set)):
        for item in value:
            yield from _patterns_in(item, seen)
    elif attrs.has(type(value)):
        for field in getattr(type(value), "__attrs_attrs__", ()):
            yield from _patterns_in(getattr(value, field.name), seen)


def _all_patterns() -> dict[str, Pattern]:
    """Every compiled pattern held by a module global of the package (in lists, dicts and
    attrs objects too) and by the scanner's compiled vocabulary."""
    found: dict[str, Pattern] = {}
    seen: set[int] = set()
    modules = [shanxi_poverty.__name__] + [
        info.name
        for info in pkgutil.walk_packages(shanxi_poverty.__path__, prefix="shanxi_poverty.")
    ]
    for name in modules:
        module = importlib.import_module(name)
        for attr, value in sorted(vars(module).items()):
            for i, pattern in enumerate(_patterns_in(value, seen)):
                found[f"{name}.{attr}[{i}]"] = pattern
    for i, pattern in enumerate(_patterns_in(rules(), seen)):
        found[f"rules()[{i}]"] = pattern
    for i, pattern in enumerate(_patterns_in(_compiled_on_first_use(), seen)):
        found[f"compiled on first use[{i}]"] = pattern
    return found


def _compiled_on_first_use() -> list[object]:
    """Patterns built from the data files on first use and cached: word-list tries of the
    gazetteer and vocabulary, the settlement rules, the noise rules."""
    words = regions._place_words()
    vocab = vocabulary.load_vocabulary()
    return [
        regions._words_pattern(regions.load_gazetteer().names()),
        regions._words_pattern(words.blocked),
        regions._settlement_rules(words),
        regions._clause_end_pattern(),
        vocab._programme_finder,
        vocab._indicator_finder,
        normalize.load_noise_rules(),
    ]


PATTERNS = _all_patterns()
_REFERENCE = re.compile(".", re.DOTALL)


def _best_time(func: Callable[[], object], repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        best = min(best, time.perf_counter() - start)
    return best


def _scan(pattern: Pattern, text: str) -> Callable[[], object]:
    return lambda: sum(1 for _ in pattern.finditer(text))


def test_patterns_found() -> None:
    """The collector sees the package's pattern tables and the ones compiled on first use."""
    assert len(PATTERNS) > 20
    assert any("RUN" in key for key in PATTERNS)
    assert sum(key.startswith("compiled on first use") for key in PATTERNS) >= 7


@pytest.mark.parametrize("kind", sorted(ADVERSARIAL))
def test_every_pattern_linear(kind: str) -> None:
    """finditer over 100 KB costs at most MAX_RATIO linear scans, and scales linearly."""
    big = _tile(ADVERSARIAL[kind], SIZE)
    small = _tile(ADVERSARIAL[kind], SIZE // 4)
    reference = _best_time(lambda: len(_REFERENCE.findall(big)))
    slow = {}
    for key, pattern in PATTERNS.items():
        t_big = _best_time(_scan(pattern, big), repeat=1)
        if t_big > MAX_RATIO * reference / 4:  # worth a careful look
            t_big = _best_time(_scan(pattern, big))
            t_small = _best_time(_scan(pattern, small))
            ratio = t_big / reference
            scaling = t_big / max(t_small, 1e-9)
            if ratio > MAX_RATIO or (t_big > NOISE_FLOOR and scaling > MAX_SCALING):
                slow[key] = (round(ratio, 1), round(scaling, 1), pattern.pattern[:80])
    assert slow == {}


@pytest.mark.parametrize(
    "kind",
    ["digits", "wan", "paren", "cjk", "dotted-digits", "di", "lt", "amp", "pinyin", "html-tag"],
)
def test_parse_and_extract_linear(kind: str) -> None:
    """parse_document + extract on 100 KB of worst-case input scale linearly."""
    big = _tile(ADVERSARIAL[kind], SIZE)
    small = _tile(ADVERSARIAL[kind], SIZE // 4)

    def run(text: str) -> Callable[[], object]:
        return lambda: extract(parse_document(text, name="x.txt"))

    reference = _best_time(lambda: len(_REFERENCE.findall(big)))
    t_big = _best_time(run(big), repeat=2)
    t_small = _best_time(run(small), repeat=2)
    ratio = t_big / reference
    # the whole pipeline does far more per character than one pattern: a wider bound
    assert ratio < 50 * MAX_RATIO, (ratio, t_big, reference)
    assert t_big / t_small < MAX_SCALING, (t_big, t_small)

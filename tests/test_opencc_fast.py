"""The fast converter gives exactly what ``opencc-python-reimplemented`` gives.

:class:`shanxi_poverty._opencc._GroupConverter` runs the reimplementation's t2s algorithm
(longest key anywhere first, then leftmost, in separator-delimited pieces; characters last)
on the dictionaries the reimplementation loaded.  Compared here with the reimplementation's
own ``convert`` on the seeds, on synthetic articles turned traditional, and on strings
built from the keys themselves so that keys overlap, nest and meet separators.  Skipped when
the compiled ``opencc`` is the one installed (the ``[fast]`` extra replaces the package).
"""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from shanxi_poverty import _opencc

from .conftest import load_benchmark, read_seed

opencc: Any = pytest.importorskip("opencc")
if _opencc._is_compiled(opencc):
    pytest.skip(
        "the compiled opencc is installed, not the reimplementation", allow_module_level=True
    )

REFERENCE: Any = opencc.OpenCC("t2s")
FAST = _opencc._fast_reimplemented(REFERENCE)
assert FAST is not None
_GROUP = REFERENCE._dict_chain_data[0]
PHRASES = sorted(_GROUP[0][2])
CHARACTERS = sorted(_GROUP[1][2])
SEPARATORS = ["，", "。", " ", "\n", "-", "、", "“", "”", "（", "）", "——", "…"]


def _agree(text: str) -> None:
    assert FAST is not None
    assert FAST.convert(text) == REFERENCE.convert(text), text[:200]


def test_default_converter_is_the_fast_one() -> None:
    conv = _opencc.default_converter()
    assert _opencc.backend() == "reimplemented"
    assert isinstance(conv, _opencc._OpenCCConverter)
    assert isinstance(conv._impl, _opencc._GroupConverter)


def test_seeds(seed_names: list[str]) -> None:
    for name in seed_names:
        _agree(read_seed(name))


def test_synthetic_articles_in_traditional_script() -> None:
    to_traditional = opencc.OpenCC("s2t")
    texts = [text for _, text in load_benchmark("synthetic").iter_corpus(0.3, seed=3)]
    assert len(texts) > 50
    for text in texts:
        _agree(to_traditional.convert(text))


def test_known_phrases_and_overlaps() -> None:
    """Every key alone, and every key run into the next (overlaps and longer matches)."""
    for key in PHRASES:
        _agree(key)
    for first, second in itertools.pairwise(PHRASES):
        _agree(first + second)
        _agree(first[:-1] + second)
        _agree(first + "，" + second[1:])


_PIECES = st.sampled_from(PHRASES) | st.sampled_from(CHARACTERS) | st.sampled_from(SEPARATORS)
_PIECES |= st.sampled_from(PHRASES).map(lambda k: k[1:]) | st.sampled_from(PHRASES).map(
    lambda k: k[:-1]
)


@given(st.lists(_PIECES | st.text(max_size=3), max_size=40).map("".join))
def test_strings_of_keys(text: str) -> None:
    _agree(text)


def test_reimplementation_of_another_shape_is_not_accelerated() -> None:
    """A configuration that is not one group of dictionaries keeps the package's own code."""
    assert _opencc._fast_reimplemented(opencc.OpenCC("s2twp")) is None
    assert _opencc._fast_reimplemented(object()) is None


def test_file_reader_untouched() -> None:
    """The package's dictionaries are the ones in use (no copy of ours to drift)."""
    assert Path(REFERENCE._dict_chain[0][0]).name == "TSPhrases.txt"

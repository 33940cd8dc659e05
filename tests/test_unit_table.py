"""The precomputed unit table (data/unit_table.json) that keeps pint out of extraction."""

from __future__ import annotations

import subprocess
import sys
from decimal import Decimal
from typing import TYPE_CHECKING

import pytest

from shanxi_poverty._resources import read_text
from shanxi_poverty.errors import UnknownUnitError
from shanxi_poverty.model import Dimension
from shanxi_poverty.units import (
    _pint_dimension_of,
    _pint_split_unit,
    _unit_table,
    dimension_of,
    split_unit,
)

from .conftest import SEEDS, load_task

if TYPE_CHECKING:
    from types import ModuleType


@pytest.fixture(scope="module")
def build_unit_table() -> ModuleType:
    """The generator script as a module."""
    return load_task("build_unit_table")


def test_committed_table_is_up_to_date(build_unit_table: ModuleType) -> None:
    """Regenerating the table from quantity_words.toml and pint gives the committed file."""
    assert build_unit_table.build() == read_text("unit_table.json")


def test_every_entry_is_what_pint_says() -> None:
    for word, (factor, label, dimension) in _unit_table().items():
        assert (factor, label) == _pint_split_unit(word), word
        if dimension is None:
            with pytest.raises(UnknownUnitError):
                _pint_dimension_of(word)
        else:
            assert dimension is _pint_dimension_of(word), word


def test_words_outside_the_table_still_resolve_through_pint() -> None:
    assert "萬畝" not in _unit_table()
    assert split_unit("萬畝") == (Decimal(10000), "亩")
    assert dimension_of("萬畝") is Dimension.AREA
    assert dimension_of("兆瓦") is Dimension.POWER
    with pytest.raises(UnknownUnitError):
        dimension_of("kelvin")  # a pint unit outside the library's dimensions
    with pytest.raises(UnknownUnitError):
        split_unit("斤两钱")


def test_extraction_does_not_import_pint() -> None:
    """Parsing and extracting a seed never loads pint (it is most of a cold start)."""
    code = (
        "import sys\n"
        "from shanxi_poverty import extract, parse_document\n"
        f"path = {str(SEEDS / '000_6a0511461683ecc0.txt')!r}\n"
        "found = extract(parse_document(open(path, encoding='utf-8').read(), name='000'))\n"
        "assert len(found) > 50, len(found)\n"
        "print('pint' in sys.modules)\n"
    )
    out = subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "False"

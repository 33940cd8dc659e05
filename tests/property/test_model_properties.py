"""Every model survives the cattrs round trip unchanged; models convert their enum fields."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import TYPE_CHECKING

import pytest
from hypothesis import given
from hypothesis import strategies as st

from shanxi_poverty.model import Measurement, Numeral, Qualifier
from shanxi_poverty.serialize import converter

from .strategies import indicators, measurements, programmes, regions

if TYPE_CHECKING:
    from shanxi_poverty.model import Indicator, Programme, Region

pytestmark = pytest.mark.property


@given(st.one_of(regions, programmes, indicators, measurements))
def test_cattrs_round_trip_is_identity(obj: Region | Programme | Indicator | Measurement) -> None:
    """unstructure → JSON → structure gives back an equal object."""
    conv = converter()
    data = json.loads(json.dumps(conv.unstructure(obj), ensure_ascii=False))
    assert conv.structure(data, type(obj)) == obj


@given(qualifier=st.sampled_from(Qualifier), numeral=st.sampled_from(Numeral))
def test_measurement_reads_enum_values_and_members(qualifier: Qualifier, numeral: Numeral) -> None:
    """Qualifier and numeral may be given as members or as their string values."""
    by_value = Measurement(Decimal(1), "元", qualifier=qualifier.value, numeral=numeral.value)
    by_member = Measurement(Decimal(1), "元", qualifier=qualifier, numeral=numeral)
    assert by_value == by_member
    assert by_value.qualifier is qualifier
    assert by_value.numeral is numeral


def test_measurement_rejects_unknown_qualifier() -> None:
    """A string that is no qualifier value is a ValueError, as the enum raises it."""
    with pytest.raises(ValueError, match="roughly"):
        Measurement(Decimal(1), "元", qualifier="roughly")

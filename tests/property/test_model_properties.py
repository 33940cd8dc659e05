"""Every model survives the cattrs round trip unchanged."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import pytest
from hypothesis import given
from hypothesis import strategies as st

from shanxi_poverty.serialize import converter

from .strategies import indicators, measurements, programmes, regions

if TYPE_CHECKING:
    from shanxi_poverty.model import Indicator, Measurement, Programme, Region

pytestmark = pytest.mark.property


@given(st.one_of(regions, programmes, indicators, measurements))
def test_cattrs_round_trip_is_identity(obj: Region | Programme | Indicator | Measurement) -> None:
    """unstructure → JSON → structure gives back an equal object."""
    conv = converter()
    data = json.loads(json.dumps(conv.unstructure(obj), ensure_ascii=False))
    assert conv.structure(data, type(obj)) == obj

"""Shared hypothesis strategies for the property tests."""

from __future__ import annotations

from hypothesis import strategies as st

from shanxi_poverty.model import (
    Dimension,
    FormerName,
    Indicator,
    Measurement,
    Numeral,
    Programme,
    Provenance,
    Qualifier,
    Region,
    RegionLevel,
    Span,
    TimeReference,
)

text = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=12)
opt_text = st.none() | text
years = st.none() | st.integers(1949, 2100)
codes = st.none() | st.from_regex(r"\A14[0-9]{4}\Z")
decimals = st.decimals(
    allow_nan=False, allow_infinity=False, places=4, min_value=-(10**12), max_value=10**12
)


@st.composite
def spans(draw: st.DrawFn) -> Span:
    start = draw(st.integers(0, 10_000))
    return Span(start, start + draw(st.integers(0, 50)))


regions = st.builds(
    Region,
    name=text,
    level=st.sampled_from(RegionLevel),
    code=codes,
    short_name=opt_text,
    parent_code=codes,
    parent_name=opt_text,
    former_names=st.lists(st.builds(FormerName, name=text, code=codes, valid_to=years), max_size=2),
    valid_from=years,
    valid_to=years,
    aliases=st.lists(text, max_size=3),
)
programmes = st.builds(
    Programme, id=text, name_zh=text, name_en=text, aliases=st.lists(text, max_size=3)
)
indicators = st.builds(
    Indicator,
    id=text,
    name_zh=text,
    name_en=text,
    dimension=st.sampled_from(Dimension),
    additive=st.booleans(),
    programme=opt_text,
    aliases=st.lists(text, max_size=3),
)
times = st.builds(
    TimeReference,
    year=years,
    start_year=years,
    end_year=years,
    as_of=st.none() | st.dates(),
    expression=opt_text,
)
provenances = st.builds(
    Provenance, doc=text, span=spans(), text=text, article=st.none() | st.integers(0, 5)
)
measurements = st.builds(
    Measurement,
    value=st.none() | decimals,
    unit=st.sampled_from(["人", "户", "元", "%", "个", "亩", "人次", "个百分点"]),
    qualifier=st.sampled_from(Qualifier),
    numeral=st.sampled_from(Numeral),
    indicator=st.none() | indicators,
    programme=st.none() | programmes,
    regions=st.lists(regions, max_size=2),
    time=times,
    subject=opt_text,
    provenance=st.none() | provenances,
    corrupted=st.booleans(),
    range_id=st.none() | st.integers(0, 100),
)

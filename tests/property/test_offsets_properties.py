"""Offset maps built from random edits always point at the right raw characters."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from shanxi_poverty.document import OffsetMap, Segment, TextBuilder

pytestmark = pytest.mark.property

_ops = st.lists(
    st.tuples(st.sampled_from(["keep", "drop", "upper", "insert"]), st.integers(0, 6)), max_size=30
)


def _apply(
    source: str, ops: list[tuple[str, int]]
) -> tuple[TextBuilder, list[tuple[int, int, str]]]:
    """Apply random edits; return the builder and, per output char, its expected raw range."""
    b = TextBuilder(source)
    expected: list[tuple[int, int, str]] = []
    pos = 0
    for op, n in ops:
        end = min(len(source), pos + n)
        if op == "keep":
            b.keep(pos, end)
            expected += [(i, i + 1, "keep") for i in range(pos, end)]
        elif op == "drop":
            b.drop(pos, end)
        elif op == "upper" and end > pos:
            b.replace("X", pos, end)
            expected.append((pos, end, "replace"))
        elif op == "insert":
            b.insert("+")
            expected.append((pos, pos, "insert"))
            continue
        pos = end
    return b, expected


@given(st.text(max_size=40), _ops, _ops)
def test_composed_maps_point_at_source(
    source: str, ops1: list[tuple[str, int]], ops2: list[tuple[str, int]]
) -> None:
    """Kept characters map to themselves through two composed steps; maps are monotone."""
    b1, exp1 = _apply(source, ops1)
    text1, map1 = b1.build()
    b2, exp2 = _apply(text1, ops2)
    text2, map2 = b2.build()
    composed = map2.then(map1)
    assert composed.length == len(text2)
    previous = 0
    for i, (lo2, hi2, kind2) in enumerate(exp2):
        lo, hi = composed.to_raw(i, i + 1)
        assert 0 <= lo <= hi <= len(source)
        assert lo >= previous or kind2 == "insert"
        previous = max(previous, lo)
        if kind2 == "keep":
            lo1, hi1, kind1 = exp1[lo2]
            if kind1 == "keep":
                assert (lo, hi) == (lo1, hi1)
                assert source[lo] == text2[i]
        del hi2
    # whole-text spans stay in bounds
    lo, hi = composed.to_raw(0, len(text2))
    assert 0 <= lo <= hi <= len(source)


@given(st.text(max_size=40), _ops, st.booleans())
def test_composing_with_identity_is_the_general_composition(
    source: str, ops: list[tuple[str, int]], identity_inside: bool
) -> None:
    """The identity shortcut of ``then`` gives the map the general composition gives."""
    text, changed = _apply(source, ops)[0].build()
    if identity_inside:
        outer, inner = changed, OffsetMap.identity(len(source))
    else:
        outer, inner = OffsetMap.identity(len(text)), changed
    assert outer.then(inner) == outer._compose(inner)


@given(st.text(max_size=40), _ops, st.booleans())
def test_a_map_given_unmerged_pieces_is_merged_when_composed(
    source: str, ops: list[tuple[str, int]], identity_inside: bool
) -> None:
    """A map built by hand from pieces that could be joined (a caller may give one) comes
    out of ``then`` merged, as the general composition gives it, and so does a built one."""
    text, built = _apply(source, ops)[0].build()
    pieces: list[Segment] = []
    for seg in built.segments:
        width = seg.end - seg.start
        if seg.aligned and width > 1:
            pieces += [
                Segment(seg.start + i, seg.start + i + 1, seg.raw_start + i, seg.raw_start + i + 1)
                for i in range(width)
            ]
        else:
            pieces.append(seg)
    by_hand = OffsetMap(pieces)
    if identity_inside:
        outer, inner = by_hand, OffsetMap.identity(len(source))
    else:
        outer, inner = OffsetMap.identity(len(text)), by_hand
    composed = outer.then(inner)
    assert composed == outer._compose(inner)
    assert composed == built
    assert built.then(OffsetMap.identity(len(source))) == built
    assert OffsetMap.identity(len(text)).then(built) == built

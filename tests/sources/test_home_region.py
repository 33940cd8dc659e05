"""The home-region guess scans the whole text for places only when the answer needs it; it
gives what the guess that always scanned gave (kept here as the reference)."""

from __future__ import annotations

from collections import Counter

from hypothesis import given
from hypothesis import strategies as st
from tests.conftest import read_seed

from shanxi_poverty import parse_document
from shanxi_poverty.document import DocumentMeta
from shanxi_poverty.regions import load_gazetteer
from shanxi_poverty.sources._common import _LEVEL_RANK, _find_places, guess_home_region

_DEICTICS = (
    ("province", "我省 全省 本省"),
    ("prefecture", "我市 全市 本市"),
    ("county", "我县 全县 本县"),
)


def _reference_guess(doc_text: str, meta: DocumentMeta) -> str | None:
    """guess_home_region as it was before it learnt to skip the scan (with the rule for a
    title naming several places of the level added since)."""
    heading = " ".join(t for t in (meta.title, meta.subtitle) if t)
    named = _find_places(meta.publisher or "") + _find_places(heading)
    places = _find_places(doc_text)
    in_text = [p.name for p in places]
    counts = {level: sum(doc_text.count(w) for w in words.split()) for level, words in _DEICTICS}
    top = max(counts, key=lambda k: counts[k])
    level = top if counts[top] else None
    if level == "province":
        return "山西省"
    if level is not None:
        by_name = {p.name: p for p in places}
        several = sorted({p.name for p in _find_places(heading) if p.level == level})
        by_publisher = [p for p in _find_places(meta.publisher or "") if p.level == level]
        if len(several) > 1 and not by_publisher:
            gazetteer = load_gazetteer()
            chains = [gazetteer.ancestors(gazetteer.get(n)) for n in several]
            shared = [
                a
                for a in chains[0]
                if a.level.value in _LEVEL_RANK and all(a in c for c in chains[1:])
            ]
            if shared:
                return shared[0].name
        for place in named:
            if place.level == level:
                return place.name
        ranked = Counter(n for n in in_text if by_name[n].level == level).most_common()
        titled = _find_places(heading)
        wider = [p for p in titled if _LEVEL_RANK.get(p.level, -1) < _LEVEL_RANK[level]]
        if wider and len(ranked) > 1:
            return max(wider, key=lambda p: _LEVEL_RANK.get(p.level, -1)).name
        if ranked:
            return ranked[0][0]
    if named:
        return max(named, key=lambda p: _LEVEL_RANK.get(p.level, -1)).name
    ranked = Counter(in_text).most_common(1)
    return ranked[0][0] if ranked else None


def test_home_region_of_the_seeds_is_the_reference_guess(seed_names: list[str]) -> None:
    for name in seed_names:
        doc = parse_document(read_seed(name), name=name)
        meta = doc.meta
        assert guess_home_region(doc.text, meta) == _reference_guess(doc.text, meta), name


_WORDS = [
    "我省", "全省", "本省", "我市", "全市", "本市", "我县", "全县", "本县", "我", "全", "省",
    "山西", "太原", "运城", "运城市", "大同", "大同县", "云州区", "吕梁", "临县", "岚县",
    "静乐县", "右玉", "城区", "山西日报", "，", "的",
]  # fmt: skip
_TEXTS = st.lists(st.sampled_from(_WORDS), max_size=12).map("".join)


@given(text=_TEXTS, title=_TEXTS, publisher=_TEXTS)
def test_home_region_is_the_reference_guess(text: str, title: str, publisher: str) -> None:
    meta = DocumentMeta(title=title or None, publisher=publisher or None)
    assert guess_home_region(text, meta) == _reference_guess(text, meta)


def test_title_naming_several_counties_gives_their_city() -> None:
    """A feature titled after two counties of one city (再访兴县、临县) is at home in the
    city, though it says 全县 of each; a publisher of the level still wins."""
    text = "全县脱贫1200户。全县新增就业300人。全市投入资金2亿元。"
    meta = DocumentMeta(title="吕梁山里的新账本：再访兴县、临县")
    assert guess_home_region(text, meta) == "吕梁市"
    with_publisher = DocumentMeta(title=meta.title, publisher="兴县融媒体中心")
    assert guess_home_region(text, with_publisher) == "兴县"

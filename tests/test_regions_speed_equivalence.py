"""The fast place-name scanner finds exactly what the plain one finds.

It is also run for divisions only (``settlements=False``), which skips the township and
village pass where no short name waits for one to confirm it: the divisions must be the same.

:class:`_ReferenceScanner` is the scanner as first written: it tries every position of the
text, rebuilds its sets for every suffix and walks back over every division for every
township and village (it shares only the per-position rules of ``_admin_at``).  The real
scanner jumps between the positions where a name or a suffix may start and looks things up
by bisection; both must return the same matches, parents included.
"""

from __future__ import annotations

import random

import pytest

from shanxi_poverty import parse_document
from shanxi_poverty.model import Region, RegionLevel
from shanxi_poverty.regions import (
    _CLAUSE_END,
    RegionMatch,
    _Candidate,
    _place_words,
    _Scanner,
    _township_end,
    load_gazetteer,
)

from .conftest import SEEDS

GAZ = load_gazetteer()
WORDS = _place_words()
WITHIN = (None, "太原市", "运城市", "阳泉市", "娄烦县", "沁县")


class _ReferenceScanner(_Scanner):
    """Every position tried, nothing indexed (quadratic, but obviously the rules)."""

    def _blocked_positions(self) -> set[int]:
        out: set[int] = set()
        for phrase in self.words.blocked:
            start = self.text.find(phrase)
            while start >= 0:
                out.update(range(start, start + len(phrase)))
                start = self.text.find(phrase, start + 1)
        return out

    def _admin_candidates(self) -> list[_Candidate]:
        out: list[_Candidate] = []
        longest = max(len(n) for n in self.names)
        i, previous = 0, None
        while i < len(self.text):
            names = tuple(
                self.text[i : i + n]
                for n in range(longest, 0, -1)
                if i + n <= len(self.text) and self.text[i : i + n] in self.names
            )
            hit = self._admin_at(i, names, previous)
            if hit is None:
                i += 1
                continue
            out.append(hit)
            previous = hit
            i = hit.end
        return out

    def _ref_stem_start(self, suffix_at: int, region_ends: set[int]) -> tuple[int, bool] | None:
        words, text = self.words, self.text
        for k in range(1, words.max_stem + 1):
            start = suffix_at - k
            if start < 0:
                return None
            char = text[start]
            if not ("\u4e00" <= char <= "\u9fff" or "\u3400" <= char <= "\u4dbf"):
                return None
            if char in words.boundary_chars:
                return None
            if start in region_ends:
                return start, True
            if k < words.min_stem:
                continue
            before = text[start - 1] if start else ""
            if (
                start == 0
                or not ("\u4e00" <= before <= "\u9fff" or "\u3400" <= before <= "\u4dbf")
                or before in words.boundary_chars
                or any(text.startswith(w, start - len(w)) for w in words.boundary_words)
            ):
                return start, False
        return None

    def _settlements(self, admin: list[_Candidate]) -> list[RegionMatch]:
        words, text = self.words, self.text
        covered = {p for c in admin for p in range(c.start, c.end)}
        suffixes = [
            *((s, RegionLevel.TOWNSHIP, False) for s in words.township),
            *((s, RegionLevel.VILLAGE, False) for s in words.village),
            *(
                (s, RegionLevel.TOWNSHIP if s == "街道" else RegionLevel.VILLAGE, True)
                for s in words.after_region_only
            ),
        ]
        found: list[tuple[int, int, RegionLevel]] = []
        for i in range(len(text)):
            if i in covered:
                continue
            for suffix, level, needs_region in suffixes:
                end = i + len(suffix)
                if not text.startswith(suffix, i) or text.startswith(
                    words.bad_follow_of(suffix), end
                ):
                    continue
                townships = {e for _s, e, lvl in found if lvl is RegionLevel.TOWNSHIP}
                located = self._ref_stem_start(i, {c.end for c in admin} | townships)
                if located is None or (needs_region and not located[1]):
                    continue
                start = located[0]
                stem = text[start:i]
                if stem[0] in words.stem_bad_start or (
                    stem.endswith(words.stem_bad_end) and not stem.endswith(words.stem_good_end)
                ):
                    continue
                lead = text[:start]
                while lead.endswith(("“", "‘", "「", "『", '"')):
                    lead = lead[:-1]
                if not located[1] and any(lead.endswith(w) for w in words.nickname_after):
                    continue
                if (
                    not located[1]
                    and text[start - 1 : start] in ("“", "‘", "「", "『", '"')
                    and text[end : end + 1] in ("”", "’", "」", "』", '"')
                ):
                    continue
                if level is RegionLevel.VILLAGE and stem.endswith(words.village_stem_bad_end):
                    continue
                if (
                    level is RegionLevel.TOWNSHIP
                    and stem.endswith(words.township_stem_bad_end)
                    and not (len(stem) == 2 and stem[0] not in words.township_short_stem_bad_start)
                ):
                    continue
                if any(
                    p in covered or any(s <= p < e for s, e, _ in found) for p in range(start, i)
                ):
                    continue
                if level is RegionLevel.VILLAGE and (at := _township_end(stem, words)):
                    found.append((start, start + at, RegionLevel.TOWNSHIP))
                    start += at
                found.append((start, end, level))
                break
        return [self._ref_match(s, e, lvl, admin, found) for s, e, lvl in found]

    def _ref_match(
        self,
        start: int,
        end: int,
        level: RegionLevel,
        admin: list[_Candidate],
        found: list[tuple[int, int, RegionLevel]],
    ) -> RegionMatch:
        clause_start = start
        while clause_start > 0 and self.text[clause_start - 1] not in _CLAUSE_END:
            clause_start -= 1
        township = next((t for t in found if t[1] == start and t[2] is RegionLevel.TOWNSHIP), None)
        anchor = township[0] if township else start
        county = self.within
        for cand in admin:  # the last one wins
            inside = clause_start <= cand.start and cand.end <= anchor
            if inside and (cand.confirmed or cand.end == anchor):
                county = cand.region
        parent_name = county.name if county else None
        if level is RegionLevel.VILLAGE and township is not None:
            parent_name = self.text[township[0] : township[1]]
        name = self.text[start:end]
        region = Region(
            name=name,
            level=level,
            parent_code=county.code if county else None,
            parent_name=parent_name,
        )
        return RegionMatch(start, end, region, name)


def _rng(seed: int) -> random.Random:
    return random.Random(seed)  # noqa: S311 - reproducible test data, not cryptographic


def _assert_same(text: str, within: str | None = None, year: int | None = None) -> int:
    region = GAZ.get(within) if within else None
    fast = _Scanner(GAZ, WORDS, text, within=region, year=year).run()
    slow = _ReferenceScanner(GAZ, WORDS, text, within=region, year=year).run()
    assert fast == slow, (within, year, text[:200])
    divisions = _Scanner(GAZ, WORDS, text, within=region, year=year).run(settlements=False)
    assert divisions == [m for m in slow if m.region.code is not None]  # settlements have none
    return len(fast)


def _seed_texts() -> list[str]:
    return [
        parse_document(p.read_text(encoding="utf-8"), name=p.name).text
        for p in sorted(SEEDS.glob("*.txt"))
    ]


@pytest.mark.parametrize("within", WITHIN)
@pytest.mark.parametrize("year", [None, 2016])
def test_seeds(within: str | None, year: int | None) -> None:
    assert sum(_assert_same(t, within, year) for t in _seed_texts()) > 0


def _random_texts(count: int, seed: int) -> list[str]:
    """Strings of place names, stems, suffixes and the scanner's own words, to hit edges."""
    rng = _rng(seed)
    names = sorted(GAZ.names())
    lefts = [
        *names,
        *WORDS.boundary_words,
        *sorted(WORDS.boundary_chars),
        *WORDS.stem_bad_end,
        *WORDS.nickname_after,
        "被称为“",
        "李家",
        "寨子",
    ]
    lefts += WORDS.blocked
    stems = list("东西南北大小张王李赵沟河峪坪家堡寨上下前后新石马杨个各村乡镇")
    suffixes = ["镇", "乡", "村", "街道", "社区", "村", "镇", "街", "社"]
    follows = ["", "", "", "", "。", "\n", "2", "”", *WORDS.bad_follow_of("乡"), *names[::20]]
    follows += [*WORDS.closers, *WORDS.separators]

    def phrase() -> str:
        stem = "".join(rng.choice(stems) for _ in range(rng.randrange(6)))
        return rng.choice(lefts) + stem + rng.choice(suffixes) + rng.choice(follows)

    return ["".join(phrase() for _ in range(rng.randrange(1, 60))) for _ in range(count)]


def test_random_texts() -> None:
    rng = _rng(1)
    total = 0
    for text in _random_texts(600, seed=0):
        total += _assert_same(text, rng.choice(WITHIN), rng.choice([None, 2016]))
    assert total > 1000


def test_substrings_of_seeds() -> None:
    rng = _rng(2)
    texts = _seed_texts()
    for _ in range(600):
        text = rng.choice(texts)
        a = rng.randrange(len(text))
        _assert_same(text[a : a + rng.choice([2, 5, 20, 100, 500])], rng.choice(WITHIN))

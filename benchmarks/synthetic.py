"""Deterministic generator of realistic synthetic poverty-alleviation news articles.

Articles are assembled from the package's own data: the programmes and indicators of
:mod:`shanxi_poverty.vocabulary`, the places of the gazetteer
(:func:`shanxi_poverty.regions.load_gazetteer`) and a unit for each indicator's dimension,
with numbers written the ways the seeds write them (Arabic, decimal with 万/亿, grouped with
commas, full-width, Chinese numerals) and qualifiers (超过, 近, 余, 以上 …).  Every article
carries its serial number, so a corpus grows to any size (100 MB and more) without repeating
one text.  Article ``i`` depends only on ``(seed, i)``: corpora are reproducible and any slice
can be generated on its own.

Run it to print a sample::

    python benchmarks/synthetic.py --count 1 --seed 0
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import random
from typing import TYPE_CHECKING, Final

from shanxi_poverty.model import Dimension, RegionLevel
from shanxi_poverty.numerals import format_chinese
from shanxi_poverty.regions import load_gazetteer
from shanxi_poverty.vocabulary import indicators, programmes

if TYPE_CHECKING:
    from collections.abc import Iterator

    from shanxi_poverty.model import Indicator

__all__ = ["article", "iter_articles", "iter_corpus"]

#: Units written after a figure, per dimension (the simplified names of ``data/units.txt``).
UNITS: Final[dict[Dimension, tuple[str, ...]]] = {
    Dimension.PERSONS: ("人", "名", "万人"),
    Dimension.HOUSEHOLDS: ("户", "万户"),
    Dimension.PERSON_TIMES: ("人次", "万人次"),
    Dimension.MONEY: ("元", "万元", "亿元"),
    Dimension.AREA: ("亩", "万亩", "公顷"),
    Dimension.LENGTH: ("公里", "米"),
    Dimension.MASS: ("吨", "万吨"),
    Dimension.VOLUME: ("立方米", "万立方米"),
    Dimension.RATIO: ("%",),
    Dimension.PERCENTAGE_POINTS: ("个百分点",),
    Dimension.ITEMS: ("个", "所", "座", "家"),
    Dimension.DURATION: ("天", "个月"),
    Dimension.EVENTS: ("次", "场", "期"),
    Dimension.POWER: ("千瓦", "万千瓦"),
    Dimension.ENERGY: ("千瓦时", "万千瓦时"),
}

QUALIFIERS_BEFORE: Final = ("", "", "", "超过", "近", "约", "达到", "累计")
QUALIFIERS_AFTER: Final = ("", "", "", "以上", "余", "多")
PUBLISHERS: Final = ("山西日报", "山西新闻网", "黄河新闻网", "太原日报", "中国农网", "人民网")
VERBS: Final = ("完成", "实现", "新增", "累计", "共计", "全年", "当年")
FILLER: Final = (
    "坚持以脱贫攻坚统揽经济社会发展全局，压实各级责任，确保各项政策落地见效。",
    "各级干部深入一线，把群众的小事当作自己的大事，推动工作取得新进展。",
    "着力巩固拓展脱贫攻坚成果，同乡村振兴有效衔接，守住不发生规模性返贫的底线。",
    "聚焦产业就业两个关键，发展壮大特色产业，拓宽群众增收渠道。",
    "持续改善农村人居环境，建设宜居宜业和美乡村，群众获得感明显增强。",
    "坚持志智双扶，激发内生动力，引导群众用自己的双手创造美好生活。",
    "健全防止返贫动态监测和帮扶机制，做到早发现、早干预、早帮扶。",
    "记者在采访中看到，一排排新房整齐划一，道路干净整洁，村民脸上洋溢着笑容。",
)
TITLES: Final = (
    "{region}：{programme}结硕果",
    "{region}扎实推进{programme}",
    "决战决胜脱贫攻坚 {region}交出亮丽答卷",
    "{region}{programme}工作综述",
    "奋进新征程 {region}乡村振兴开新局",
)


@functools.cache
def _vocabulary() -> tuple[tuple[Indicator, ...], tuple[str, ...], tuple[str, ...]]:
    """Indicators, programme names and place names (loaded once)."""
    places = tuple(
        name
        for region in load_gazetteer().all()
        if region.level is not RegionLevel.COUNTRY
        for name in (region.name, region.short_name)
        if name
    )
    programme_names = tuple(p.name_zh for p in programmes()) + tuple(
        alias for p in programmes() for alias in p.aliases
    )
    return indicators(), programme_names, places


def _number(rng: random.Random, unit: str) -> str:
    """A figure written as the seeds write them."""
    if unit in {"%", "个百分点"}:
        return (
            f"{rng.randint(1, 99)}.{rng.randint(0, 9)}"
            if rng.random() < 0.5  # noqa: PLR2004 - half with a decimal
            else str(rng.randint(1, 100))
        )
    style = rng.random()
    if style < 0.45:  # noqa: PLR2004 - style mix
        return str(rng.randint(2, 99999))
    if style < 0.65:  # noqa: PLR2004
        return f"{rng.randint(1, 999)}.{rng.randint(1, 99)}"
    if style < 0.78:  # noqa: PLR2004
        return f"{rng.randint(1, 999)},{rng.randint(0, 999):03d}"
    if style < 0.88:  # noqa: PLR2004
        return str(rng.randint(10, 9999)).translate(_FULL_WIDTH)
    return format_chinese(rng.randint(2, 9999))


_FULL_WIDTH: Final = str.maketrans("0123456789", "０１２３４５６７８９")


def _figure(rng: random.Random, indicator: Indicator) -> str:
    unit = rng.choice(UNITS[indicator.dimension])
    before = rng.choice(QUALIFIERS_BEFORE)
    after = rng.choice(QUALIFIERS_AFTER) if not before and unit not in {"%", "个百分点"} else ""
    number = _number(rng, unit)
    if after == "余" and unit[0] in "万亿":
        return f"{before}{number}{unit[0]}余{unit[1:]}"
    return f"{before}{number}{unit}{after if after != '余' else ''}"


def _sentence(rng: random.Random, region: str, year: int) -> str:
    inds, progs, places = _vocabulary()
    kind = rng.random()
    if kind < 0.85:  # noqa: PLR2004 - about one figure per 200 characters, as in the seeds
        first, second = rng.sample(FILLER, 2)
        return f"{first[:-1]}，{second}" if rng.random() < 0.5 else first  # noqa: PLR2004
    kind = 0.4 + (kind - 0.85) / 0.15 * 0.6
    indicator = rng.choice(inds)
    name = rng.choice((indicator.name_zh, *indicator.aliases))
    if kind < 0.6:  # noqa: PLR2004
        return f"{year}年，{region}{rng.choice(VERBS)}{name}{_figure(rng, indicator)}。"
    if kind < 0.75:  # noqa: PLR2004
        other = rng.choice(places)
        return (
            f"其中，{other}{name}{_figure(rng, indicator)}，"
            f"比上年增长{rng.randint(1, 40)}.{rng.randint(0, 9)}%。"
        )
    if kind < 0.9:  # noqa: PLR2004
        return (
            f"截至{year}年底，全市累计投入{rng.choice(progs)}资金"
            f"{rng.randint(1, 99)}.{rng.randint(1, 9)}亿元，{name}{_figure(rng, indicator)}。"
        )
    first, second = rng.sample(places, 2)
    return (
        f"{first}、{second}两地{name}分别为{_figure(rng, indicator)}、{_figure(rng, indicator)}。"
    )


def article(index: int, *, seed: int = 0) -> tuple[str, str]:
    """Article ``index`` of the corpus of ``seed`` as ``(name, text)``."""
    rng = random.Random(f"{seed}:{index}")  # noqa: S311 - not cryptographic
    _, progs, places = _vocabulary()
    region = rng.choice(places)
    year = rng.randint(2014, 2023)
    published = dt.datetime(year + 1, 1, 1, 8, 0) + dt.timedelta(  # noqa: DTZ001 - a news date
        days=rng.randint(0, 300), minutes=rng.randint(0, 600)
    )
    title = rng.choice(TITLES).format(region=region, programme=rng.choice(progs))
    lines = [
        f"{title}（第{index + 1}期）",
        "",
        f"{published:%Y-%m-%d %H:%M:%S} 来源：{rng.choice(PUBLISHERS)}",
        "",
    ]
    for _ in range(rng.randint(4, 12)):
        paragraph = "".join(_sentence(rng, region, year) for _ in range(rng.randint(2, 6)))
        lines += [f"　　{paragraph}", ""]
    return f"synthetic-{seed}-{index:07d}", "\n".join(lines)


def iter_articles(*, seed: int = 0, start: int = 0) -> Iterator[tuple[str, str]]:
    """An endless, lazy stream of articles ``start, start + 1, …``."""
    index = start
    while True:
        yield article(index, seed=seed)
        index += 1


def iter_corpus(mb: float, *, seed: int = 0) -> Iterator[tuple[str, str]]:
    """Articles until their UTF-8 size reaches ``mb`` megabytes (at least one article)."""
    limit = mb * 1_000_000
    size = 0
    for name, text in iter_articles(seed=seed):
        yield name, text
        size += len(text.encode())
        if size >= limit:
            return


def main(argv: list[str] | None = None) -> None:
    """Print sample articles."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--count", type=int, default=1)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    for index in range(args.count):
        name, text = article(index, seed=args.seed)
        print(f"# {name}\n{text}")


if __name__ == "__main__":
    main()

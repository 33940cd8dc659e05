"""Measure a proposed exact fast path for OpenCC on text that is already simplified.

``opencc-python-reimplemented`` converts each piece of a text between separators on its own,
and a piece changes only if it holds a *trigger* character: a character that some dictionary
entry rewrites (a changed position of an entry whose conversion differs from its key, or any
character of an entry whose conversion changes length).  So converting only the pieces that
hold a trigger character gives exactly the same text, and simplified text, which holds almost
none, is not converted at all.

This script builds the trigger set from the installed dictionaries, checks the identity on
the seeds, on synthetic articles and on those articles turned traditional (``s2t``), and
times the pipeline on the simplified seeds with and without the fast path::

    python benchmarks/opencc_prefilter.py

It patches nothing in the package: the fast path belongs in ``shanxi_poverty._opencc``.

Finding (2026-11-22): the identity holds, but the gain on the seeds is small (about 1.1x):
``normalize.is_traditional`` converts all CJK runs of a text joined into one piece, and the
simplified seeds hold a trigger character (覆, from entries such as 覆上 → 复上), so that piece
is still converted.  The larger win is converting once per document instead of four times
(two format sniffs, ``is_traditional`` and ``normalize_script``); see docs/performance.md.
"""

from __future__ import annotations

import importlib
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Final

import shanxi_poverty as sp
from shanxi_poverty import _opencc

if TYPE_CHECKING:
    import re

HERE: Final = Path(__file__).resolve().parent
SEEDS: Final = HERE.parent / "seeds"


def trigger_chars(dictionary_dir: Path) -> frozenset[str]:
    """The characters that some t2s dictionary entry rewrites."""
    out: set[str] = set()
    for name in ("TSPhrases.txt", "TSCharacters.txt"):
        for line in (dictionary_dir / name).read_text(encoding="utf-8").splitlines():
            key, _, values = line.partition("\t")
            for value in values.split():
                if value == key:
                    continue
                if len(value) == len(key):
                    out.update(a for a, b in zip(key, value, strict=True) if a != b)
                else:
                    out.update(key)
    return frozenset(out)


class PrefilteredConverter:
    """Converts only the pieces of a text that hold a trigger character."""

    def __init__(self, impl: object, triggers: frozenset[str], split: re.Pattern[str]) -> None:
        self._impl = impl
        self._triggers = triggers
        self._split = split

    def convert(self, text: str, /) -> str:
        """The converted text (identical to the wrapped converter's)."""
        if self._triggers.isdisjoint(text):
            return text
        pieces = self._split.split(text)
        return "".join(
            str(self._impl.convert(p))  # type: ignore[attr-defined]
            if i % 2 == 0 and not self._triggers.isdisjoint(p)
            else p
            for i, p in enumerate(pieces)
        )


def _run(docs: list[tuple[str, str]]) -> tuple[float, list[list[dict[str, object]]]]:
    start = time.perf_counter()
    out = [
        [sp.serialize.to_record(m) for m in sp.extract(sp.parse_document(text, name=name))]
        for name, text in docs
    ]
    return time.perf_counter() - start, out


def main() -> int:
    """Check the identity and print the speed-up."""
    opencc = importlib.import_module("opencc")
    if _opencc.backend() != "reimplemented":
        print("the compiled OpenCC is installed: nothing to measure")
        return 0
    sys.path.insert(0, str(HERE))
    synthetic = importlib.import_module("synthetic")
    base = _opencc.default_converter()
    impl = base._impl  # type: ignore[attr-defined]  # noqa: SLF001 - measurement only
    triggers = trigger_chars(Path(str(opencc.__file__)).parent / "dictionary")
    fast = PrefilteredConverter(impl, triggers, impl.split_chars_re)
    s2t = opencc.OpenCC("s2t")
    seeds = [(p.name, p.read_text(encoding="utf-8")) for p in sorted(SEEDS.glob("*.txt"))]
    articles = list(synthetic.iter_corpus(0.3, seed=5))
    traditional = [(n, s2t.convert(t)) for n, t in synthetic.iter_corpus(0.2, seed=6)]
    texts = [t for _, t in seeds + articles + traditional]
    mismatches = sum(base.convert(t) != fast.convert(t) for t in texts)
    print(f"trigger characters: {len(triggers)}")
    print(f"conversion mismatches: {mismatches} of {len(texts)} texts")
    simplified = [d for d in seeds if not d[0].startswith(("001_", "002_"))] * 3
    _run(seeds)
    slow_s, slow = _run(simplified)
    _opencc.default_converter = lambda: fast  # type: ignore[assignment]
    fast_s, quick = _run(simplified)
    chars = sum(len(t) for _, t in simplified)
    print(f"records identical: {slow == quick}")
    print(
        f"pipeline on simplified seeds: {chars / slow_s / 1e3:.1f} K chars/s now, "
        f"{chars / fast_s / 1e3:.1f} K chars/s with the fast path ({slow_s / fast_s:.2f}x)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

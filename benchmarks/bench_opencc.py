"""Traditional → simplified conversion speed of the installed OpenCC, alone.

Run from the repository root::

    python benchmarks/bench_opencc.py --mb 1

Converts synthetic articles turned traditional (``s2t``) and the traditional seeds, both
repeated to ``--mb`` megabytes, and prints characters per second, the median of
``--repeat`` passes.  With ``opencc-python-reimplemented`` installed it times the
package's own ``convert`` and the converter the library uses
(:class:`shanxi_poverty._opencc._GroupConverter`, the same algorithm and dictionaries) in
the same run, checks that their outputs are identical and prints the ratio; with the
compiled ``opencc`` (the ``[fast]`` extra) it times that one.  Nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import importlib
import statistics
import sys
import time
from pathlib import Path
from typing import Any, Final

HERE: Final = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import bench_pipeline  # noqa: E402 - sibling scripts, not a package
import synthetic  # noqa: E402

from shanxi_poverty import _opencc  # noqa: E402


def _rate(convert: Any, texts: list[str], repeat: int) -> float:
    chars = sum(len(t) for t in texts)
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        for text in texts:
            convert(text)
        times.append(time.perf_counter() - start)
    return chars / statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mb", type=float, default=1.0, help="corpus size (default 1)")
    parser.add_argument("--repeat", type=int, default=3, help="passes to take the median of")
    args = parser.parse_args(argv)
    opencc: Any = importlib.import_module("opencc")
    library = _opencc.default_converter()
    if _opencc.backend() == "reimplemented":
        package = opencc.OpenCC("t2s").convert
        s2t = opencc.OpenCC("s2t").convert
        rows = {
            "opencc-python-reimplemented": package,
            "shanxi_poverty (same algorithm)": library.convert,
        }
    else:
        s2t = None
        rows = {"compiled opencc": library.convert}
    traditional = bench_pipeline.seed_corpora(args.mb)["seeds-traditional"]
    corpora = {"traditional seeds": [t for _, t in traditional]}
    if s2t is not None:  # the compiled package's s2t needs another config name; seeds suffice
        corpora["synthetic, s2t"] = [s2t(t) for _, t in synthetic.iter_corpus(args.mb, seed=7)]
    print("| corpus | chars | " + " | ".join(f"{r} chars/s" for r in rows) + " | ratio |")
    print("|---|---|" + "---|" * len(rows) + "---|")
    for label, texts in corpora.items():
        rates = [_rate(convert, texts, args.repeat) for convert in rows.values()]
        if len(rows) == 2:  # noqa: PLR2004 - the package and ours
            same = all(package(t) == library.convert(t) for t in texts)
            ratio = f"{rates[1] / rates[0]:.1f}x" + ("" if same else " (OUTPUT DIFFERS)")
        else:
            ratio = "n/a"
        cells = " | ".join(f"{r / 1e6:.2f} M" for r in rates)
        print(f"| {label} | {sum(len(t) for t in texts):,} | {cells} | {ratio} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Wall-clock A/B of two copies of the package, run in turns on the same host.

Run from the repository root::

    python benchmarks/compare_trees.py BASE_SRC NEW_SRC --rounds 5

``BASE_SRC`` and ``NEW_SRC`` are folders holding a ``shanxi_poverty`` package: ``src`` of
this checkout, of a ``git worktree`` of another commit, or a compiled copy
(``benchmarks/compile_mypyc.py``).  Each round runs :mod:`bench_stages` once per tree, in a
fresh interpreter with ``PYTHONPATH`` set to the tree, alternating which goes first.  The
load of a shared host changes from minute to minute; a pair of runs taken back to back
sees about the same load, so the figure to read is the median over the rounds of each
round's ratio (base seconds / new seconds; above 1 means the new tree is faster).
Nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path
from typing import Final

HERE: Final = Path(__file__).resolve().parent


def stage_seconds(tree: Path, mb: float, repeat: int) -> dict[str, dict[str, float]]:
    """:mod:`bench_stages`' medians per corpus, for the package in ``tree``."""
    env = {**os.environ, "PYTHONPATH": str(tree)}
    command = [sys.executable, str(HERE / "bench_stages.py"), "--mb", str(mb)]
    command += ["--repeat", str(repeat), "--json"]
    done = subprocess.run(command, capture_output=True, text=True, check=True, env=env)
    result: dict[str, dict[str, float]] = json.loads(done.stdout.splitlines()[-1])
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("base", type=Path, help="folder holding the base shanxi_poverty")
    parser.add_argument("new", type=Path, help="folder holding the new shanxi_poverty")
    parser.add_argument("--rounds", type=int, default=5, help="pairs of runs (default 5)")
    parser.add_argument("--mb", type=float, default=0.5, help="corpus size (default 0.5)")
    parser.add_argument("--repeat", type=int, default=3, help="passes per run (default 3)")
    args = parser.parse_args(argv)
    trees = {"base": args.base.resolve(), "new": args.new.resolve()}
    for tree in trees.values():
        if not (tree / "shanxi_poverty" / "__init__.py").is_file():
            parser.error(f"{tree} holds no shanxi_poverty package")
    runs: dict[str, list[dict[str, dict[str, float]]]] = {"base": [], "new": []}
    for round_ in range(args.rounds):
        order = ("base", "new") if round_ % 2 == 0 else ("new", "base")
        for which in order:
            runs[which].append(stage_seconds(trees[which], args.mb, args.repeat))
    print(f"base: {trees['base']}\nnew:  {trees['new']}\n")
    print("| corpus | stage | base s (median) | new s (median) | base / new (median of rounds) |")
    print("|---|---|---|---|---|")
    for label in runs["base"][0]:
        for stage in ("parse", "quantities", "context", "total"):
            base = [r[label][stage] for r in runs["base"]]
            new = [r[label][stage] for r in runs["new"]]
            ratio = statistics.median(b / n for b, n in zip(base, new, strict=True))
            print(
                f"| {label} | {stage} | {statistics.median(base):.3f} "
                f"| {statistics.median(new):.3f} | {ratio:.2f} |"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())

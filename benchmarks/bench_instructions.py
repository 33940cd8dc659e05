"""Instructions per character of the whole pipeline, counted by valgrind (not timed).

Run from the repository root (needs ``valgrind`` on the PATH; a few minutes)::

    python benchmarks/bench_instructions.py

Wall-clock rates on a shared machine swing by 2x from one run to the next; the number of
instructions a pass executes does not depend on the machine's load.  For each corpus (the
simplified and the traditional seeds repeated), the pipeline (parse + extract + context)
runs under ``valgrind --tool=callgrind`` on two corpus sizes in a fresh interpreter; the
difference of the two totals, divided by the difference in characters, is the cost of one
more character with start-up, imports and data loading taken out.  Both runs first read
every seed once, so that what a process learns as it reads (compiled patterns, the script
check's memo of characters) is learnt before the part that differs.

To compare two versions, run it twice with ``PYTHONPATH`` pointing at each version's
``src`` (the script itself only needs :mod:`bench_pipeline`).  Nothing here asserts a count.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Final

HERE: Final = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import bench_pipeline  # noqa: E402 - a sibling script, not a package

CORPORA: Final = ("seeds-simplified", "seeds-traditional")
_COLLECTED: Final = re.compile(r"Collected\s*:\s*([0-9]+)")


def run_pass(label: str, mb: float) -> int:
    """One pipeline pass over the corpus; returns its number of characters."""
    from shanxi_poverty import parse_document  # noqa: PLC0415 - timed with the pass
    from shanxi_poverty.extract.context import resolve_context  # noqa: PLC0415
    from shanxi_poverty.extract.quantities import extract_mentions  # noqa: PLC0415

    docs = bench_pipeline.seed_corpora(mb)[label]
    # Every seed once first, in both runs: what the process learns as it goes (compiled
    # patterns, the script check's character memo) is then learnt before the counted
    # difference, which measures the steady state.
    warm_up = [(name, text) for name, text in docs if name.endswith("#0")]
    for name, text in warm_up + docs:
        doc = parse_document(text, name=name)
        resolve_context(doc, extract_mentions(doc))
    return sum(len(text) for _, text in docs)


def count(label: str, mb: float) -> tuple[int, int]:
    """Instructions of a fresh interpreter running one pass, and the pass's characters."""
    command = [
        "valgrind",
        "--tool=callgrind",
        "--callgrind-out-file=/dev/null",
        sys.executable,
        __file__,
        "--pass",
        label,
        str(mb),
    ]
    env = {**os.environ, "PYTHONHASHSEED": "0"}  # the same set orders, the same count
    done = subprocess.run(command, capture_output=True, text=True, check=True, env=env)
    found = _COLLECTED.search(done.stderr)
    if found is None:
        msg = f"valgrind printed no instruction count:\n{done.stderr[-2000:]}"
        raise RuntimeError(msg)
    return int(found[1]), int(done.stdout.split()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--small", type=float, default=0.03, help="smaller corpus, MB")
    parser.add_argument("--large", type=float, default=0.1, help="larger corpus, MB")
    parser.add_argument("--corpus", choices=CORPORA, action="append", help="default: both")
    parser.add_argument("--pass", nargs=2, dest="one_pass", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one_pass:
        print(run_pass(args.one_pass[0], float(args.one_pass[1])))
        return 0
    if shutil.which("valgrind") is None:
        print("valgrind is not installed", file=sys.stderr)
        return 2
    print("| corpus | chars (large - small) | instructions (large - small) | instructions/char |")
    print("|---|---|---|---|")
    for label in args.corpus or CORPORA:
        small_instr, small_chars = count(label, args.small)
        large_instr, large_chars = count(label, args.large)
        chars, instr = large_chars - small_chars, large_instr - small_instr
        print(f"| {label} | {chars:,} | {instr:,} | {instr / chars:,.0f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())

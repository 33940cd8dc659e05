"""Where the pipeline's time goes: parse, quantity scan and context, per corpus.

Run from the repository root::

    python benchmarks/bench_stages.py --mb 0.5

For the simplified and the traditional seeds repeated to ``--mb`` megabytes, prints the
seconds spent in :func:`~shanxi_poverty.parse_document` (decoding, normalisation, metadata,
home region), :func:`~shanxi_poverty.extract.quantities.extract_mentions` (the quantity
scanner) and :func:`~shanxi_poverty.extract.context.resolve_context` (regions, times,
indicators, programmes), each the median of ``--repeat`` passes after a warm-up pass.
Nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path
from typing import Final

HERE: Final = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import bench_pipeline  # noqa: E402 - a sibling script, not a package

from shanxi_poverty import parse_document  # noqa: E402
from shanxi_poverty.extract.context import resolve_context  # noqa: E402
from shanxi_poverty.extract.quantities import extract_mentions  # noqa: E402

STAGES: Final = ("parse", "quantities", "context")


def stage_times(docs: list[tuple[str, str]]) -> dict[str, float]:
    """Seconds per stage for one pass over ``docs``."""
    spent = dict.fromkeys(STAGES, 0.0)
    for name, text in docs:
        t0 = time.perf_counter()
        doc = parse_document(text, name=name)
        t1 = time.perf_counter()
        mentions = extract_mentions(doc)
        t2 = time.perf_counter()
        resolve_context(doc, mentions)
        t3 = time.perf_counter()
        spent["parse"] += t1 - t0
        spent["quantities"] += t2 - t1
        spent["context"] += t3 - t2
    return spent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mb", type=float, default=0.5, help="corpus size (default 0.5)")
    parser.add_argument("--repeat", type=int, default=3, help="passes to take the median of")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead")
    args = parser.parse_args(argv)
    results: dict[str, dict[str, float]] = {}
    if not args.json:
        print("| corpus | chars | parse s | quantities s | context s | total s | chars/s |")
        print("|---|---|---|---|---|---|---|")
    for label, docs in bench_pipeline.seed_corpora(args.mb).items():
        chars = sum(len(text) for _, text in docs)
        # warm-up on the first copy of each seed: data files, compiled patterns
        stage_times([d for d in docs if d[0].endswith("#0")])
        runs = [stage_times(docs) for _ in range(args.repeat)]
        median = {s: statistics.median(r[s] for r in runs) for s in STAGES}
        total = sum(median.values())
        results[label] = {**median, "total": total, "chars": chars}
        if args.json:
            continue
        cells = " | ".join(f"{median[s]:.3f}" for s in STAGES)
        print(f"| {label} | {chars:,} | {cells} | {total:.3f} | {chars / total / 1e3:.0f} K |")
    if args.json:
        print(json.dumps(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Where the CPU of a multi-process run goes: the parent process against the workers.

Run from the repository root::

    python benchmarks/bench_jobs.py --jobs 2 --mb 2
    python benchmarks/bench_jobs.py --src /tmp/wt-base/src    # another copy of the package

For each corpus (the simplified seeds repeated to ``--mb`` megabytes, and synthetic
articles), prints the CPU seconds of one pass through
:func:`shanxi_poverty.pipeline.iter_measurements` in this process alone (``jobs=1``), and
of one pass with ``--jobs`` workers, split into the parent (handing out documents and
unpickling the records) and the workers (parsing, extraction, pickling the records).  CPU
seconds, unlike wall time, are not stretched much when other load takes the CPUs.  Nothing
here asserts a time.
"""

from __future__ import annotations

import argparse
import resource
import sys
from pathlib import Path
from typing import Final

HERE: Final = Path(__file__).resolve().parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--jobs", type=int, default=2, help="worker processes (default 2)")
    parser.add_argument("--mb", type=float, default=2.0, help="corpus size (default 2)")
    parser.add_argument("--src", type=Path, help="import shanxi_poverty from this folder")
    args = parser.parse_args(argv)
    if args.src is not None:
        sys.path.insert(0, str(args.src.resolve()))
    sys.path.insert(0, str(HERE))
    import bench_pipeline  # noqa: PLC0415 - a sibling script, after --src is on the path

    import shanxi_poverty  # noqa: PLC0415
    from shanxi_poverty.pipeline import RawText, iter_measurements  # noqa: PLC0415

    print(f"shanxi_poverty from {Path(shanxi_poverty.__file__).parent}; jobs={args.jobs}")
    corpora = bench_pipeline.corpora(args.mb)
    for docs in corpora.values():  # data loaded before the fork, as a long-lived process has
        bench_pipeline.run_pipeline(docs[:1])
    print("| corpus | 1 process s | parent s | workers s | all processes / 1 process |")
    print("|---|---|---|---|---|")
    parent_cpu, workers_cpu = resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN
    for name in ("seeds-simplified", "synthetic"):
        sources = [RawText(doc, text) for doc, text in corpora[name]]
        before = bench_pipeline.cpu_seconds(parent_cpu)
        single = sum(1 for _ in iter_measurements(sources))
        alone = bench_pipeline.cpu_seconds(parent_cpu) - before
        before, before_workers = (bench_pipeline.cpu_seconds(w) for w in (parent_cpu, workers_cpu))
        several = sum(1 for _ in iter_measurements(sources, jobs=args.jobs))
        parent = bench_pipeline.cpu_seconds(parent_cpu) - before
        workers = bench_pipeline.cpu_seconds(workers_cpu) - before_workers
        if several != single:
            msg = f"{name}: {several} records with {args.jobs} jobs, {single} with one"
            raise SystemExit(msg)
        ratio = (parent + workers) / alone
        print(f"| {name} | {alone:.2f} | {parent:.2f} | {workers:.2f} | {ratio:.2f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Benchmark of the whole pipeline against reference extractors, in one run.

Measures, single process:

* ``import shanxi_poverty`` time (fresh interpreter, median of ``--import-runs``);
* first-call latency: ``parse_document`` + ``extract`` on one seed in a fresh interpreter
  (loading the gazetteer, vocabulary, unit registry and OpenCC dictionaries included);
* throughput of the whole pipeline (parse + normalise + extract + context), in characters
  and documents per second, median of ``--repeat`` runs, on three corpora of ``--mb``
  megabytes (UTF-8) each: the simplified seeds repeated, the traditional seeds (001, 002)
  repeated, and synthetic articles (``benchmarks/synthetic.py``, no text repeated);
* the same corpora through a plain regex scan (``re.findall(r"[0-9]+", text)``) and, when
  it is installed, jionlp's money extractor (``jionlp.ner.extract_money``), and the ratios.
  Each timed round runs the pipeline, the regex scan and jionlp one after the other on the
  corpus; rates are medians over rounds, and each ratio is the median of the rounds' own
  ratios, so that a slow spell of a shared host cancels out of it;
* with ``--jobs N`` (default: the number of CPUs), the same corpora through
  :func:`shanxi_poverty.pipeline.iter_measurements` with ``N`` worker processes (pool
  start-up and the transfer of the records to the parent included), in the same rounds,
  with its ratio to the single-process pipeline and to jionlp (which runs in one process),
  and the CPU seconds it took in all processes over those of one process (the cost of
  passing documents and records between processes, which the host's load does not
  stretch as it does wall time);
* peak memory (the peak resident set, ``VmHWM`` on Linux, of a fresh interpreter streaming
  synthetic articles through the pipeline) at two corpus sizes, to show it does not grow
  with the corpus.

Run from the repository root::

    python benchmarks/bench_pipeline.py --mb 2

Benchmarks are not tests: nothing here asserts a time.  The targets of issue 8 are printed
as "met" or "NOT met".
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import functools
import importlib
import importlib.util
import io
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Mapping

HERE: Final = Path(__file__).resolve().parent
SEEDS: Final = HERE.parent / "seeds"
#: Seeds in traditional script (web dumps with pinyin annotations and mojibake).
TRADITIONAL: Final = ("001_", "002_")
#: The seed timed for first-call latency (simplified, plain newspaper text).
FIRST_CALL_SEED: Final = "000_"
_DIGITS: Final = re.compile(r"[0-9]+")

#: Targets of issue 8.
TARGET_CHARS_PER_S: Final = 1_000_000
TARGET_IMPORT_S: Final = 0.3
TARGET_FIRST_CALL_S: Final = 0.5
#: Peak memory counts as flat when the larger corpus costs at most this much more.
FLAT_TOLERANCE_MB: Final = 16.0

Docs = list[tuple[str, str]]


# -- corpora ---------------------------------------------------------------------------------


def _seed_docs() -> Docs:
    return [(p.name, p.read_text(encoding="utf-8")) for p in sorted(SEEDS.glob("*.txt"))]


def _repeat(docs: Docs, mb: float) -> Docs:
    """``docs`` cycled until their UTF-8 size reaches ``mb`` megabytes."""
    out: Docs = []
    size, limit, k = 0, mb * 1_000_000, 0
    while size < limit or not out:
        name, text = docs[k % len(docs)]
        out.append((f"{name}#{k // len(docs)}", text))
        size += len(text.encode())
        k += 1
    return out


def seed_corpora(mb: float) -> dict[str, Docs]:
    """The simplified and the traditional seeds, each repeated to about ``mb`` megabytes."""
    docs = _seed_docs()
    simplified = [d for d in docs if not d[0].startswith(TRADITIONAL)]
    traditional = [d for d in docs if d[0].startswith(TRADITIONAL)]
    return {
        "seeds-simplified": _repeat(simplified, mb),
        "seeds-traditional": _repeat(traditional, mb),
    }


def corpora(mb: float, *, seed: int = 0) -> dict[str, Docs]:
    """The three benchmark corpora, each about ``mb`` megabytes."""
    sys.path.insert(0, str(HERE))
    import synthetic  # noqa: PLC0415 - a sibling script, not a package

    return {**seed_corpora(mb), "synthetic": list(synthetic.iter_corpus(mb, seed=seed))}


# -- the measured functions --------------------------------------------------------------------


def run_pipeline(docs: Iterable[tuple[str, str]]) -> int:
    """The whole pipeline over ``docs``; the number of measurements."""
    from shanxi_poverty import extract, parse_document  # noqa: PLC0415

    return sum(len(extract(parse_document(text, name=name))) for name, text in docs)


def run_pipeline_jobs(docs: Iterable[tuple[str, str]], jobs: int) -> int:
    """The whole pipeline over ``docs`` with ``jobs`` worker processes, records sent back to
    this process; the number of measurements."""
    from shanxi_poverty.pipeline import RawText, iter_measurements  # noqa: PLC0415

    sources = (RawText(name, text) for name, text in docs)
    return sum(1 for _ in iter_measurements(sources, jobs=jobs))


def run_regex(docs: Iterable[tuple[str, str]]) -> int:
    """A bare regex scan for digit runs; the number of matches."""
    return sum(len(_DIGITS.findall(text)) for _, text in docs)


def _jionlp_money() -> Callable[[str], object] | None:
    """jionlp's money extractor, or ``None`` when jionlp is not installed."""
    if importlib.util.find_spec("jionlp") is None:
        return None
    with contextlib.redirect_stdout(io.StringIO()):  # jionlp prints a banner on import
        jionlp = importlib.import_module("jionlp")  # optional reference, untyped

    extract_money: Callable[[str], object] = jionlp.ner.extract_money
    return extract_money


def run_jionlp(docs: Iterable[tuple[str, str]]) -> int:
    """jionlp ``extract_money`` over ``docs``; the number of amounts found."""
    extract_money = _jionlp_money()
    assert extract_money is not None  # noqa: S101 - only called when installed
    total = 0
    for _, text in docs:
        found = extract_money(text)
        total += len(found) if isinstance(found, list) else 0
    return total


def _timed_rounds(
    funcs: Mapping[str, Callable[[Docs], int]], docs: Docs, repeat: int
) -> list[dict[str, float]]:
    """Wall times of ``repeat`` rounds, each running every function of ``funcs`` once over
    ``docs``, one after the other (after a warm-up document each).  A slow spell of a
    shared host then slows the functions of a round alike, and the ratios of one round's
    times cancel it."""
    for func in funcs.values():
        func(docs[:1])
    rounds = []
    for _ in range(repeat):
        times = {}
        for name, func in funcs.items():
            cpu = cpu_seconds()
            start = time.perf_counter()
            func(docs)
            times[name] = time.perf_counter() - start
            times[name + CPU] = cpu_seconds() - cpu
        rounds.append(times)
    return rounds


#: Suffix of a round's entries that hold CPU seconds instead of wall seconds.
CPU: Final = ":cpu"


def cpu_seconds(*who: int) -> float:
    """CPU seconds of ``resource.getrusage`` targets (default: this process and its ended
    children; pool workers are counted once the pool has shut down): unlike wall time, not
    stretched by other load."""
    import resource  # noqa: PLC0415 - POSIX only

    targets = who or (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
    return sum(usage.ru_utime + usage.ru_stime for usage in map(resource.getrusage, targets))


def _median_ratio(
    rounds: list[dict[str, float]], reference: str, *, against: str = "pipeline"
) -> float:
    """Median over rounds of the rate of ``against`` over the reference's (same-round
    times)."""
    return statistics.median(r[reference] / r[against] for r in rounds)


# -- fresh-interpreter measurements ------------------------------------------------------------


def _python(*args: str) -> str:
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    result = subprocess.run(  # noqa: PLW1510 - checked below
        [sys.executable, *args], capture_output=True, text=True, env=env, cwd=HERE.parent
    )
    if result.returncode != 0:
        msg = f"benchmark child failed: {args}\n{result.stderr}"
        raise RuntimeError(msg)
    return result.stdout.strip().splitlines()[-1]


def import_time(runs: int) -> float:
    """Median seconds of ``import shanxi_poverty`` in a fresh interpreter."""
    code = (
        "import time; t = time.perf_counter(); import shanxi_poverty; "
        "print(time.perf_counter() - t)"
    )
    return statistics.median(float(_python("-c", code)) for _ in range(runs))


def first_call(seed_prefix: str, runs: int) -> float:
    """Median seconds of the first ``parse_document`` + ``extract`` in a fresh interpreter."""
    return statistics.median(
        float(_python(__file__, "--child", "first-call", seed_prefix)) for _ in range(runs)
    )


def peak_memory(mb: float, seed: int) -> tuple[float, float]:
    """Peak RSS (MB) of a fresh interpreter after warm-up and after streaming ``mb`` MB."""
    warm, peak = _python(__file__, "--child", "memory", str(mb), str(seed)).split()
    return float(warm), float(peak)


def _max_rss_mb() -> float:
    """Peak resident memory of this process so far, in MB.

    On Linux this is ``VmHWM`` of ``/proc/self/status``: ``ru_maxrss`` is carried across
    ``exec``, so in a child started by this (larger) benchmark process it would report the
    parent's size instead of the child's, and hide any growth below it.
    """
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text(encoding="ascii").splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024  # kB
    import resource  # noqa: PLC0415 - POSIX only

    maxrss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return maxrss / 2**20 if sys.platform == "darwin" else maxrss / 1024  # bytes / KiB


def _child(kind: str, args: list[str]) -> None:
    if kind == "first-call":
        (path,) = (p for p in SEEDS.glob("*.txt") if p.name.startswith(args[0]))
        text = path.read_text(encoding="utf-8")
        from shanxi_poverty import extract, parse_document  # noqa: PLC0415 - timed apart

        start = time.perf_counter()
        extract(parse_document(text, name=path.name))
        print(time.perf_counter() - start)
    elif kind == "memory":
        sys.path.insert(0, str(HERE))
        import synthetic  # noqa: PLC0415

        mb, seed = float(args[0]), int(args[1])
        run_pipeline([synthetic.article(10**9, seed=seed)])  # warm-up: data loaded
        warm = _max_rss_mb()
        run_pipeline(synthetic.iter_corpus(mb, seed=seed))  # streamed, nothing kept
        print(f"{warm:.1f} {_max_rss_mb():.1f}")


# -- report ----------------------------------------------------------------------------------


def _rate(x: float) -> str:
    if x >= 1e6:  # noqa: PLR2004
        return f"{x / 1e6:.2f} M"
    if x >= 1e3:  # noqa: PLR2004
        return f"{x / 1e3:.1f} K"
    return f"{x:.1f}"


def _met(ok: bool) -> str:
    return "met" if ok else "NOT met"


def _table(header: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]

    def line(cells: list[str]) -> str:
        return "| " + " | ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)) + " |"

    sep = "|" + "|".join("-" * (w + 2) for w in widths) + "|"
    return "\n".join([line(header), sep, *(line(r) for r in rows)])


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print the tables."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--mb", type=float, default=2.0, help="size of each corpus (MB)")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs per measurement")
    parser.add_argument(
        "--import-runs", type=int, default=5, help="fresh interpreters timed for start-up"
    )
    parser.add_argument(
        "--memory-mb",
        type=float,
        nargs=2,
        metavar=("SMALL", "LARGE"),
        help="synthetic corpus sizes for peak memory (default: MB/4 and MB)",
    )
    parser.add_argument(
        "--jobs",
        type=int,
        default=os.cpu_count() or 1,
        help="worker processes for the multi-process rows (default: CPUs; 1 leaves them out)",
    )
    parser.add_argument("--seed", type=int, default=0, help="seed of the synthetic corpus")
    parser.add_argument("--json", type=Path, help="also write the results to this file")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        _child(args.child[0], args.child[1:])
        return 0

    from shanxi_poverty._opencc import backend  # noqa: PLC0415

    results: dict[str, object] = {
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": f"{platform.system()} {platform.machine()}, {os.cpu_count()} CPUs",
        "python": platform.python_version(),
        "opencc": backend(),
        "mb": args.mb,
    }
    print(
        f"shanxi_poverty pipeline benchmark: {results['date']}; {results['machine']}; "
        f"Python {results['python']}; OpenCC {results['opencc']}; "
        f"corpora of {args.mb:g} MB; median of {args.repeat}"
    )

    imp = import_time(args.import_runs)
    first_simplified = first_call(FIRST_CALL_SEED, args.import_runs)
    first_traditional = first_call(TRADITIONAL[0], args.import_runs)
    print("\nStartup (fresh interpreter)\n")
    print(
        _table(
            ["measurement", "seconds", "target", "status"],
            [
                [
                    f"import shanxi_poverty (median of {args.import_runs})",
                    f"{imp:.3f}",
                    f"< {TARGET_IMPORT_S}",
                    _met(imp < TARGET_IMPORT_S),
                ],
                [
                    f"first call, simplified seed {FIRST_CALL_SEED} (median of {args.import_runs})",
                    f"{first_simplified:.3f}",
                    f"< {TARGET_FIRST_CALL_S}",
                    _met(first_simplified < TARGET_FIRST_CALL_S),
                ],
                [
                    f"first call, traditional seed {TRADITIONAL[0]} (median of {args.import_runs})",
                    f"{first_traditional:.3f}",
                    f"< {TARGET_FIRST_CALL_S}",
                    _met(first_traditional < TARGET_FIRST_CALL_S),
                ],
            ],
        )
    )
    results |= {
        "import_s": imp,
        "first_call_simplified_s": first_simplified,
        "first_call_traditional_s": first_traditional,
    }

    jionlp_installed = _jionlp_money() is not None
    # Warm up on every seed, so that each lazily loaded table (per format) is loaded.
    run_pipeline(_seed_docs())
    throughput: dict[str, dict[str, float]] = {}
    rows = []
    for name, docs in corpora(args.mb, seed=args.seed).items():
        chars = sum(len(text) for _, text in docs)
        funcs = {"pipeline": run_pipeline, "regex": run_regex}
        if jionlp_installed:
            funcs["jionlp"] = run_jionlp
        if args.jobs > 1:
            funcs["pipeline_jobs"] = functools.partial(run_pipeline_jobs, jobs=args.jobs)
        rounds = _timed_rounds(funcs, docs, args.repeat)
        pipe = statistics.median(r["pipeline"] for r in rounds)
        regex = statistics.median(r["regex"] for r in rounds)
        jio = statistics.median(r["jionlp"] for r in rounds) if jionlp_installed else None
        entry = {
            "docs": len(docs),
            "chars": chars,
            "pipeline_chars_per_s": chars / pipe,
            "pipeline_docs_per_s": len(docs) / pipe,
            "regex_chars_per_s": chars / regex,
            "pipeline_over_regex": _median_ratio(rounds, "regex"),
        }
        if jio is not None:
            entry["jionlp_chars_per_s"] = chars / jio
            entry["pipeline_over_jionlp"] = _median_ratio(rounds, "jionlp")
        if args.jobs > 1:
            entry["jobs"] = args.jobs
            entry["pipeline_jobs_chars_per_s"] = chars / statistics.median(
                r["pipeline_jobs"] for r in rounds
            )
            entry["pipeline_jobs_over_pipeline"] = _median_ratio(
                rounds, "pipeline", against="pipeline_jobs"
            )
            entry["pipeline_jobs_cpu_over_pipeline_cpu"] = _median_ratio(
                rounds, "pipeline_jobs" + CPU, against="pipeline" + CPU
            )
            if jio is not None:
                entry["pipeline_jobs_over_jionlp"] = _median_ratio(
                    rounds, "jionlp", against="pipeline_jobs"
                )
        throughput[name] = entry
        rows.append(
            [
                name,
                str(len(docs)),
                f"{chars:,}",
                _rate(chars / pipe),
                f"{len(docs) / pipe:.1f}",
                _rate(chars / regex),
                _rate(chars / jio) if jio else "not installed",
                f"{entry['pipeline_over_regex']:.4f}",
                f"{entry['pipeline_over_jionlp']:.3f}" if jio else "n/a",
            ]
        )
    print("\nThroughput (single process; chars/s and docs/s)\n")
    print(
        _table(
            [
                "corpus",
                "docs",
                "chars",
                "pipeline chars/s",
                "pipeline docs/s",
                "regex scan chars/s",
                "jionlp extract_money chars/s",
                "pipeline / regex",
                "pipeline / jionlp",
            ],
            rows,
        )
    )
    results["throughput"] = throughput
    if args.jobs > 1:
        print(f"\nThroughput with {args.jobs} worker processes (iter_measurements(jobs=...))\n")
        print(
            _table(
                [
                    "corpus",
                    f"{args.jobs} processes chars/s",
                    f"{args.jobs} processes / 1 process",
                    f"{args.jobs} processes / jionlp (1 process)",
                    "CPU seconds, all processes / 1 process",
                ],
                [
                    [
                        name,
                        _rate(entry["pipeline_jobs_chars_per_s"]),
                        f"{entry['pipeline_jobs_over_pipeline']:.2f}",
                        f"{entry['pipeline_jobs_over_jionlp']:.3f}" if jionlp_installed else "n/a",
                        f"{entry['pipeline_jobs_cpu_over_pipeline_cpu']:.2f}",
                    ]
                    for name, entry in throughput.items()
                ],
            )
        )

    small_mb, large_mb = args.memory_mb or (args.mb / 4, args.mb)
    warm_small, peak_small = peak_memory(small_mb, args.seed)
    warm_large, peak_large = peak_memory(large_mb, args.seed)
    print("\nPeak memory (fresh interpreter, synthetic articles streamed)\n")
    print(
        _table(
            ["corpus", "peak RSS after warm-up (MB)", "peak RSS after corpus (MB)"],
            [
                [f"synthetic {small_mb:g} MB", f"{warm_small:.1f}", f"{peak_small:.1f}"],
                [f"synthetic {large_mb:g} MB", f"{warm_large:.1f}", f"{peak_large:.1f}"],
            ],
        )
    )
    results["memory_mb"] = {
        str(small_mb): [warm_small, peak_small],
        str(large_mb): [warm_large, peak_large],
    }

    simp = throughput["seeds-simplified"]
    trad = throughput["seeds-traditional"]
    target_rows = [
        [
            "pipeline >= 1 M chars/s (simplified seeds)",
            _rate(simp["pipeline_chars_per_s"]),
            _met(simp["pipeline_chars_per_s"] >= TARGET_CHARS_PER_S),
        ],
        [
            "pipeline >= jionlp extract_money (simplified seeds)",
            f"{simp['pipeline_over_jionlp']:.3f} x" if jionlp_installed else "jionlp not installed",
            _met(simp["pipeline_over_jionlp"] >= 1) if jionlp_installed else "n/a",
        ],
        [
            "traditional >= 0.5 M chars/s (half the target)",
            _rate(trad["pipeline_chars_per_s"]),
            _met(trad["pipeline_chars_per_s"] >= TARGET_CHARS_PER_S / 2),
        ],
        ["import < 0.3 s", f"{imp:.3f} s", _met(imp < TARGET_IMPORT_S)],
        [
            "first call < 0.5 s (both seeds)",
            f"{max(first_simplified, first_traditional):.3f} s",
            _met(max(first_simplified, first_traditional) < TARGET_FIRST_CALL_S),
        ],
        [
            f"memory flat ({large_mb / small_mb:g}x corpus costs < {FLAT_TOLERANCE_MB:g} MB more)",
            f"{peak_large - peak_small:+.1f} MB",
            _met(peak_large - peak_small < FLAT_TOLERANCE_MB),
        ],
    ]
    print("\nTargets (issue 8)\n")
    print(_table(["target", "measured", "status"], target_rows))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

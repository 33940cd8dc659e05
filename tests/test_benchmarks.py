"""The benchmark script runs end to end on a tiny corpus and prints every row (no timing)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import load_benchmark

BENCH = Path(__file__).resolve().parents[1] / "benchmarks" / "bench_pipeline.py"
STAGES = (sys.executable, str(BENCH.parent / "bench_stages.py"))
COMPARE = (sys.executable, str(BENCH.parent / "compare_trees.py"))
COMPILE = (sys.executable, str(BENCH.parent / "compile_mypyc.py"))


@pytest.fixture(scope="module")
def output() -> str:
    """The report of one tiny benchmark run."""
    result = subprocess.run(  # noqa: S603 - our own script
        [sys.executable, str(BENCH), "--mb", "0.05", "--repeat", "1", "--import-runs", "1"],
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )
    return result.stdout


@pytest.mark.parametrize(
    "row",
    [
        "import shanxi_poverty",
        "first call, simplified seed",
        "first call, traditional seed",
        "| seeds-simplified",
        "| seeds-traditional",
        "| synthetic ",
        "regex scan chars/s",
        "jionlp extract_money chars/s",
        "pipeline / regex",
        "pipeline / jionlp",
        "Peak memory",
        "peak RSS after corpus (MB)",
        "CPU seconds, all processes / 1 process",
        "pipeline >= 1 M chars/s (simplified seeds)",
        "memory flat",
    ],
)
def test_report_has_row(output: str, row: str) -> None:
    """Each measurement and each target of the report is printed."""
    assert row in output


def test_every_target_has_a_status(output: str) -> None:
    """Each target row ends in met, NOT met or n/a."""
    targets = output.split("Targets (issue 8)", 1)[1].strip().splitlines()[2:]
    assert len(targets) == 6
    assert all(line.rstrip(" |").endswith(("met", "n/a")) for line in targets)


def test_multi_process_rows(output: str) -> None:
    """With two CPUs or more, the report has a row per corpus for the worker processes."""
    if (os.cpu_count() or 1) < 2:
        pytest.skip("one CPU: the multi-process rows are left out")
    table = output.split("worker processes", 1)[1].split("Peak memory", 1)[0]
    rows = [line for line in table.splitlines() if line.startswith("| ")][1:]
    assert [row.split(" | ")[0].strip("| ") for row in rows] == [
        "seeds-simplified",
        "seeds-traditional",
        "synthetic",
    ]


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="Linux /proc only")
def test_peak_memory_is_the_fresh_interpreters_own() -> None:
    """A memory child reports its own peak, not that of the larger process that started it
    (``ru_maxrss`` survives ``exec`` on Linux and would report the parent's)."""
    ballast = b"\x01" * (256 * 2**20)  # written, so resident in this process
    child = (
        f"import sys; sys.path.insert(0, {str(BENCH.parent)!r}); import bench_pipeline; "
        "print(bench_pipeline._max_rss_mb())"
    )
    result = subprocess.run(  # noqa: S603 - our own script
        [sys.executable, "-c", child], capture_output=True, text=True, check=True, timeout=60
    )
    assert len(ballast) == 256 * 2**20
    assert float(result.stdout) < 128


def test_jobs_cpu_split_runs() -> None:
    """The CPU split of a multi-process run prints a row per corpus; the script itself
    fails when the worker processes give another number of records than one process."""
    result = subprocess.run(  # noqa: S603 - our own script
        [sys.executable, str(BENCH.parent / "bench_jobs.py"), "--mb", "0.05"],
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )
    rows = [line.split(" | ") for line in result.stdout.splitlines() if line.startswith("| ")]
    assert [row[0] for row in rows[1:]] == ["| seeds-simplified", "| synthetic"]
    assert all(float(row[1]) > 0 and float(row[3]) > 0 for row in rows[1:])


def test_synthetic_articles_are_deterministic_and_distinct() -> None:
    """The generator gives the same article for the same seed and never repeats a text."""
    synthetic = load_benchmark("synthetic")
    first = [text for _, text in synthetic.iter_corpus(0.02, seed=1)]
    again = [text for _, text in synthetic.iter_corpus(0.02, seed=1)]
    assert first == again
    assert len(set(first)) == len(first) > 1
    assert synthetic.article(0, seed=2) != synthetic.article(0, seed=1)


def test_stage_breakdown_runs() -> None:
    """The stage breakdown prints one row per corpus (no timing asserted)."""
    script = BENCH.parent / "bench_stages.py"
    result = subprocess.run(  # noqa: S603 - our own script
        [sys.executable, str(script), "--mb", "0.02", "--repeat", "1"],
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )
    rows = [line for line in result.stdout.splitlines() if line.startswith("| seeds-")]
    assert [row.split(" | ")[0] for row in rows] == ["| seeds-simplified", "| seeds-traditional"]


def test_record_dump_runs(tmp_path: Path) -> None:
    """The record dump writes a header per document and records after it."""
    out = tmp_path / "records.jsonl"
    subprocess.run(  # noqa: S603 - our own script
        [sys.executable, str(BENCH.parent / "dump_records.py"), str(out), "--mb", "0.01"],
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    headers = [line for line in lines if "text_sha256" in line]
    assert len(headers) >= 6  # the five seeds and at least one synthetic article
    assert len(lines) - len(headers) > 200  # the seeds alone hold 279 records


def test_instruction_count_pass_runs() -> None:
    """The pass that the instruction counter runs under valgrind processes the corpus it is
    given (valgrind itself is too slow for the test suite)."""
    script = BENCH.parent / "bench_instructions.py"
    counts = []
    for mb in ("0.01", "0.03"):
        result = subprocess.run(  # noqa: S603 - our own script
            [sys.executable, str(script), "--pass", "seeds-traditional", mb],
            capture_output=True,
            text=True,
            check=True,
            timeout=300,
        )
        counts.append(int(result.stdout.split()[-1]))
    assert 0 < counts[0] < counts[1]


def test_opencc_benchmark_runs() -> None:
    """The conversion benchmark prints a row per corpus and finds the outputs identical."""
    result = subprocess.run(  # noqa: S603 - our own script
        [sys.executable, str(BENCH.parent / "bench_opencc.py"), "--mb", "0.02", "--repeat", "1"],
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )
    assert "| traditional seeds |" in result.stdout
    assert "DIFFERS" not in result.stdout


def test_stage_breakdown_prints_json() -> None:
    """With --json the stage breakdown prints one object: seconds per stage per corpus."""
    result = subprocess.run(  # noqa: S603 - our own script
        [*STAGES, "--mb", "0.02", "--repeat", "1", "--json"],
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )
    stages = json.loads(result.stdout)
    assert set(stages) == {"seeds-simplified", "seeds-traditional"}
    for row in stages.values():
        assert set(row) == {"parse", "quantities", "context", "total", "chars"}
        assert row["total"] == pytest.approx(row["parse"] + row["quantities"] + row["context"])


def test_tree_comparison_runs_both_trees() -> None:
    """The A/B script prints a ratio per corpus and stage (here a tree against itself)."""
    src = BENCH.parents[1] / "src"
    result = subprocess.run(  # noqa: S603 - our own script
        [*COMPARE, str(src), str(src), "--rounds", "1", "--mb", "0.02", "--repeat", "1"],
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )
    rows = [line.split(" | ") for line in result.stdout.splitlines() if line.startswith("| seeds")]
    assert [(r[0], r[1]) for r in rows[:4]] == [
        ("| seeds-simplified", stage) for stage in ("parse", "quantities", "context", "total")
    ]
    assert len(rows) == 8
    assert all(float(r[4].rstrip(" |")) > 0 for r in rows)


def test_tree_comparison_rejects_a_folder_without_the_package(tmp_path: Path) -> None:
    result = subprocess.run(  # noqa: S603 - our own script
        [*COMPARE, str(tmp_path), str(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert result.returncode == 2
    assert "holds no shanxi_poverty package" in result.stderr


@pytest.mark.skipif(shutil.which("cc") is None, reason="mypyc needs a C compiler")
def test_mypyc_copy_gives_the_same_records(tmp_path: Path) -> None:
    """The compiled-core experiment builds a copy whose compiled module gives the records of
    the pure-Python package (one small module here, to keep the suite fast)."""
    out = tmp_path / "compiled"
    subprocess.run(  # noqa: S603 - our own script
        [*COMPILE, str(out), "--module", "shanxi_poverty/numerals.py"],
        capture_output=True,
        text=True,
        check=True,
        timeout=600,
    )
    assert list((out / "shanxi_poverty").glob("numerals.*.so"))
    check = (
        "import json, sys, shanxi_poverty.numerals as n\n"
        "from shanxi_poverty import extract, parse_document\n"
        "from shanxi_poverty.serialize import to_record\n"
        "from pathlib import Path\n"
        "print(n.__file__)\n"
        "for p in sorted(Path(sys.argv[1]).glob('*.txt')):\n"
        "    doc = parse_document(p.read_text(encoding='utf-8'), name=p.name)\n"
        "    for m in extract(doc):\n"
        "        print(json.dumps(to_record(m), sort_keys=True, ensure_ascii=False))\n"
    )
    seeds = str(BENCH.parents[1] / "seeds")
    outputs = []
    for tree in (out, BENCH.parents[1] / "src"):
        done = subprocess.run(  # noqa: S603 - our own interpreter
            [sys.executable, "-c", check, seeds],
            capture_output=True,
            text=True,
            check=True,
            timeout=300,
            env={**os.environ, "PYTHONPATH": str(tree)},
        )
        outputs.append(done.stdout.splitlines())
    compiled, pure = outputs
    assert compiled[0].endswith(".so")
    assert pure[0].endswith(".py")
    assert compiled[1:] == pure[1:]
    assert len(pure) > 200

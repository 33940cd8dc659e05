"""The benchmark script runs end to end on a tiny corpus and prints every row (no timing)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import load_benchmark

BENCH = Path(__file__).resolve().parents[1] / "benchmarks" / "bench_pipeline.py"


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

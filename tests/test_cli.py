"""Tests of the command line: batches with bad files, atomic output, jobs, audit."""

from __future__ import annotations

import io
import subprocess
import sys
from typing import TYPE_CHECKING

import pytest

from shanxi_poverty.cli import Progress, atomic_output, main
from tests.conftest import SEEDS

if TYPE_CHECKING:
    from pathlib import Path


def _run(*args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(  # noqa: S603 - our own command
        [sys.executable, "-m", "shanxi_poverty.cli", *args],
        capture_output=True,
        check=False,
    )


@pytest.mark.parametrize(
    "command",
    [["extract"], ["extract", "--format", "csv"], ["report"], ["report", "--format", "json"]],
)
def test_jobs_output_byte_identical(command: list[str], tmp_path: Path) -> None:
    """--jobs 1 and --jobs 2 write byte-identical output, and so do two runs."""
    outputs: list[bytes] = []
    for jobs in ("1", "2", "1"):
        out = tmp_path / f"out{len(outputs)}"
        assert main([*command, "--jobs", jobs, "--output", str(out), str(SEEDS)]) == 0
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1] == outputs[2]
    assert outputs[0]


def test_bad_file_skipped_and_reported(tmp_path: Path) -> None:
    """A bad file is named on stderr and skipped; the rest is written; exit status 1."""
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xe8\x84\xb1\xff")
    seed = min(SEEDS.glob("*.txt"))
    result = _run("extract", str(bad), str(seed), str(tmp_path / "missing.txt"))
    assert result.returncode == 1
    stderr = result.stderr.decode()
    assert f"shanxi-poverty: {bad}: bad.txt:3: invalid UTF-8 byte 0xff" in stderr
    assert "missing.txt: No such file or directory" in stderr
    good = _run("extract", str(seed))
    assert result.stdout == good.stdout
    assert good.returncode == 0


def test_output_is_atomic_on_failure(tmp_path: Path) -> None:
    """An exception inside the block leaves the old file untouched and no temporary file."""
    target = tmp_path / "out.jsonl"
    target.write_text("old\n", encoding="utf-8")

    def fail() -> None:
        with atomic_output(target) as out:
            out.write("half")
            raise RuntimeError

    with pytest.raises(RuntimeError):
        fail()
    assert target.read_text(encoding="utf-8") == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.jsonl"]
    with atomic_output(target) as out:
        out.write("新\n")
    assert target.read_bytes() == "新\n".encode()
    assert [p.name for p in tmp_path.iterdir()] == ["out.jsonl"]


def test_unwritable_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An output in a missing folder is reported with status 2."""
    target = tmp_path / "no" / "out.jsonl"
    assert main(["extract", "--output", str(target), str(SEEDS)]) == 2
    assert "cannot write" in capsys.readouterr().err


def test_audit_seeds_lists_nothing(tmp_path: Path) -> None:
    """shanxi-poverty audit on the seeds lists nothing and exits 0."""
    out = tmp_path / "audit.txt"
    assert main(["audit", "--output", str(out), str(SEEDS)]) == 0
    assert out.read_bytes() == b""


def test_parse_and_score_still_work(tmp_path: Path) -> None:
    """parse writes one JSON object per document; score runs on the bundled gold."""
    out = tmp_path / "docs.jsonl"
    assert main(["parse", "-o", str(out), str(SEEDS)]) == 0
    assert len(out.read_text(encoding="utf-8").splitlines()) == 5


def test_progress_bar_only_when_asked() -> None:
    """--progress draws on stderr; without a terminal there is no bar by default."""
    seed = str(min(SEEDS.glob("*.txt")))
    quiet = _run("extract", seed)
    assert quiet.stderr == b""
    loud = _run("extract", "--progress", seed)
    assert b"] 1/1 " in loud.stderr
    assert loud.stdout == quiet.stdout


def test_progress_disabled_writes_nothing() -> None:
    """A disabled bar writes nothing."""
    out = io.StringIO()
    bar = Progress(3, stream=out, enabled=False)
    bar.advance("a")
    bar.close()
    assert out.getvalue() == ""


@pytest.mark.parametrize("jobs", ["0", "x"])
def test_bad_jobs_is_a_usage_error(jobs: str) -> None:
    """--jobs must be a positive whole number."""
    with pytest.raises(SystemExit) as exc:
        main(["extract", "--jobs", jobs, str(SEEDS)])
    assert exc.value.code == 2

"""Runs the atheris harness for a bounded number of inputs (skipped without atheris)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("atheris")

HARNESS = Path(__file__).with_name("fuzz_pipeline.py")


@pytest.mark.property
def test_atheris_harness_runs(tmp_path: Path) -> None:
    """A short coverage-guided run finds no crash (CI runs it longer, see docs)."""
    result = subprocess.run(  # noqa: S603 - our own harness
        [sys.executable, str(HARNESS), "-runs=300", "-max_len=4096", "-rss_limit_mb=2048"],
        capture_output=True,
        check=False,
        cwd=tmp_path,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr.decode(errors="replace")[-3000:]
    assert list(tmp_path.glob("crash-*")) == []

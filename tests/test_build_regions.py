"""Tests of the gazetteer generator (tasks/build_regions.py)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import pytest

from shanxi_poverty._resources import read_text

if TYPE_CHECKING:
    from pathlib import Path
    from types import ModuleType

from .conftest import ROOT, load_task


@pytest.fixture(scope="module")
def build_regions() -> ModuleType:
    """The generator script as a module."""
    return load_task("build_regions")


def test_committed_file_is_up_to_date(build_regions: ModuleType) -> None:
    """Regenerating regions.json in memory from tasks/data gives the committed file."""
    assert build_regions.build() == read_text("regions.json")


def test_inputs_are_bundled() -> None:
    """The generator's inputs live in the repository."""
    assert (ROOT / "tasks" / "data" / "shanxi_divisions.csv").is_file()
    assert (ROOT / "tasks" / "data" / "shanxi_poverty_counties.csv").is_file()


def test_output_is_deterministic_and_sorted(build_regions: ModuleType) -> None:
    """Two builds are identical; entries are sorted by code and not ASCII-escaped."""
    text = build_regions.build()
    assert text == build_regions.build()
    assert "\\u" not in text
    assert text.endswith("\n")
    codes = [e["code"] for e in json.loads(text)["regions"]]
    assert codes == sorted(codes)
    assert len(codes) == len(set(codes)) == 141


def test_check_mode(build_regions: ModuleType, tmp_path: Path) -> None:
    """--check exits 0 on a fresh file and 1 on a stale one, without writing."""
    out = tmp_path / "regions.json"
    assert build_regions.main(["--output", str(out)]) == 0
    assert build_regions.main(["--check", "--output", str(out)]) == 0
    out.write_text("{}\n", encoding="utf-8")
    assert build_regions.main(["--check", "--output", str(out)]) == 1
    assert out.read_text(encoding="utf-8") == "{}\n"


def test_successors(build_regions: ModuleType) -> None:
    """Every abolished unit has a current successor; 南郊区's is 云冈区."""
    entries = {e["code"]: e for e in json.loads(build_regions.build())["regions"]}
    abolished = [e for e in entries.values() if e["valid_to"] is not None]
    assert len(abolished) == 11
    assert all(entries[e["successor"]]["valid_to"] is None for e in abolished)
    assert entries["140211"]["successor"] == "140214"
    assert entries["140227"]["successor"] == "140215"

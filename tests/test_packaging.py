"""The package metadata and the built wheel ship what users need."""

from __future__ import annotations

import importlib.metadata
import subprocess
import sys
import zipfile
from typing import TYPE_CHECKING

import pytest

import shanxi_poverty

from .conftest import ROOT

if TYPE_CHECKING:
    from pathlib import Path

DATA = ROOT / "src" / "shanxi_poverty" / "data"


def test_version_matches_metadata() -> None:
    """__version__ is the installed distribution's version."""
    assert shanxi_poverty.__version__ == importlib.metadata.version("shanxi-poverty")


def test_public_names_are_exported() -> None:
    """The top-level package exports the domain classes and nothing private."""
    for name in (
        "Region",
        "Programme",
        "Indicator",
        "Measurement",
        "Document",
        "ShanxiPovertyError",
    ):
        assert name in shanxi_poverty.__all__
    assert all(not name.startswith("_") or name == "__version__" for name in shanxi_poverty.__all__)
    assert sorted(shanxi_poverty.__all__) == shanxi_poverty.__all__


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A wheel built from the working tree (no network: the build backend is installed)."""
    pytest.importorskip("hatchling")
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(  # noqa: S603 - fixed arguments
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(out),
            str(ROOT),
        ],
        check=True,
    )
    (found,) = out.glob("shanxi_poverty-*.whl")
    return found


def test_wheel_ships_data_files_and_py_typed(wheel: Path) -> None:
    """The wheel carries py.typed and every data file."""
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "shanxi_poverty/py.typed" in names
    for data_file in DATA.iterdir():
        if data_file.is_file():
            assert f"shanxi_poverty/data/{data_file.name}" in names

"""Shared test set-up: hypothesis profiles and paths to the bundled seeds and gold data."""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from hypothesis import HealthCheck, settings

if TYPE_CHECKING:
    from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
GOLD = Path(__file__).resolve().parent / "gold" / "data"

settings.register_profile(
    "ci", max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile("dev", max_examples=50, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


def read_seed(name: str) -> str:
    """A seed file as raw text (UTF-8, no newline translation)."""
    with (SEEDS / name).open(encoding="utf-8", newline="") as fh:
        return fh.read()


def load_task(name: str) -> ModuleType:
    """A script of ``tasks/`` (``build_regions``) loaded as a module."""
    return _load_script(ROOT / "tasks", name)


def load_benchmark(name: str) -> ModuleType:
    """A script of ``benchmarks/`` (``synthetic``) loaded as a module."""
    return _load_script(ROOT / "benchmarks", name)


def _load_script(folder: Path, name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, folder / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def read_fixture(name: str) -> str:
    """A file of tests/fixtures as raw text (UTF-8, no newline translation)."""
    with (ROOT / "tests" / "fixtures" / name).open(encoding="utf-8", newline="") as fh:
        return fh.read()


@pytest.fixture(scope="session")
def seed_names() -> list[str]:
    """File names of the bundled seeds."""
    return sorted(p.name for p in SEEDS.glob("*.txt"))

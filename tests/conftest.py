"""Shared test set-up: hypothesis profiles and paths to the bundled seeds and gold data."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

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


def read_fixture(name: str) -> str:
    """A file of tests/fixtures as raw text (UTF-8, no newline translation)."""
    with (ROOT / "tests" / "fixtures" / name).open(encoding="utf-8", newline="") as fh:
        return fh.read()


@pytest.fixture(scope="session")
def seed_names() -> list[str]:
    """File names of the bundled seeds."""
    return sorted(p.name for p in SEEDS.glob("*.txt"))

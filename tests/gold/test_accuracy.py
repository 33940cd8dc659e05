"""Extraction accuracy on the bundled seeds against their gold annotations, with floors."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from shanxi_poverty.evaluation import FIELDS, Report, format_report, score_folder

pytestmark = pytest.mark.gold

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent


@pytest.fixture(scope="module")
def report() -> Report:
    """The library's own scores on the seeds."""
    return score_folder(HERE / "data", ROOT / "seeds")


def _floors() -> dict[str, float]:
    with (HERE / "thresholds.toml").open("rb") as fh:
        floors: dict[str, float] = tomllib.load(fh)["floors"]
    return floors


def _measured(report: Report) -> dict[str, float]:
    measured = {field: report.accuracy(field) for field in FIELDS}
    measured["detection_f1"] = report.f1("detection")[2]
    measured["quantity_f1"] = report.f1("quantity")[2]
    measured["strict_f1"] = report.f1("strict")[2]
    measured["indicator_coverage"] = report.indicator_coverage()
    return measured


def test_every_gold_record_is_located(report: Report) -> None:
    """Every non-optional gold record's text is found in its seed (the gold copy is intact)."""
    assert sum(d.gold for d in report.documents) == 250


def test_accuracy_floors(report: Report) -> None:
    """Every metric is at or above its floor in thresholds.toml."""
    measured = _measured(report)
    below = {
        k: (round(measured[k], 4), floor) for k, floor in _floors().items() if measured[k] < floor
    }
    assert not below, f"below floor (measured, floor): {below}\n{format_report(report)}"


def test_strict_f1_is_the_last_line(report: Report) -> None:
    """The text report ends with the strict F1 line, as the reference scorer does."""
    assert format_report(report).rstrip().splitlines()[-1].startswith("strict ")

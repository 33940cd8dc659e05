"""The corpus report on the seeds: reconciliation cases and growth claims."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import TYPE_CHECKING

import pytest

from shanxi_poverty import Discrepancy, extract, parse_document
from shanxi_poverty.cli import main
from shanxi_poverty.report import (
    CorpusReport,
    build_report,
    format_csv,
    format_table,
    report_record,
)

from .conftest import SEEDS, read_seed

if TYPE_CHECKING:
    from pathlib import Path

    from shanxi_poverty.model import Measurement


@pytest.fixture(scope="module")
def seed_measurements() -> list[Measurement]:
    """Every measurement of the five seeds."""
    return [
        m
        for p in sorted(SEEDS.glob("*.txt"))
        for m in extract(parse_document(read_seed(p.name), name=p.name))
    ]


@pytest.fixture(scope="module")
def report(seed_measurements: list[Measurement]) -> CorpusReport:
    """The corpus report of the seeds."""
    return build_report(seed_measurements)


def _kind_of(report: CorpusReport, *texts: str) -> Discrepancy:
    for r in report.reconciliations:
        found = {p.text for p in r.provenances}
        if set(texts) <= found:
            return r.kind
    msg = f"no reconciliation holds {texts}"
    raise AssertionError(msg)


def test_water_figures_conflict(report: CorpusReport) -> None:
    """190万 (001) and 181.5万 (004) people given safe water are a real conflict."""
    assert _kind_of(report, "190萬", "181.5万") is Discrepancy.CONFLICT


def test_housing_figures_differ_by_rounding(report: CorpusReport) -> None:
    """33.3万户 (001) is 33.37万户 (004) cut to the precision it is written with."""
    assert _kind_of(report, "33.3萬(wàn)戶", "33.37万户") is Discrepancy.ROUNDING


def test_clinic_figures_differ_by_unit_wording(report: CorpusReport) -> None:
    """13045个 and 13045所 村卫生室 differ only in the classifier."""
    assert _kind_of(report, "13045個", "13045所") is Discrepancy.UNIT_WORDING


def test_close_different_figures_are_not_reconciled(report: CorpusReport) -> None:
    """省级龙头企业8家 and 市级龙头企业9家 in one sentence are two statistics, not a conflict."""
    for r in report.reconciliations:
        assert not {"8家", "9家"} <= {p.text for p in r.provenances}


def test_growth_claims_are_checked(report: CorpusReport) -> None:
    """The three stated growth rates of 001 and 004 are found and consistent within rounding."""
    checked = {
        (c.check.stated, c.start.value, c.end.value): c.check.consistent
        for c in report.growth_claims
    }
    assert checked[(Decimal("11.4"), Decimal(4875), Decimal(10352))] is True
    assert checked[(Decimal("23.9"), Decimal(2166), Decimal(9729))] is True
    assert checked[(Decimal("11.5"), Decimal(4875), Decimal(9379))] is True


def test_joint_claim_is_checked_per_region(report: CorpusReport) -> None:
    """000's '年均增幅达到30%以上' for 娄烦 and 阳曲 is checked per county, and fails: ~22.5%."""
    joint = [c for c in report.growth_claims if c.check.stated == 30]
    assert sorted(c.end.regions[0].name for c in joint) == ["娄烦县", "阳曲县"]
    assert not any(c.check.consistent for c in joint)


def test_report_formats(report: CorpusReport) -> None:
    """Table, JSON record and CSV all render the report."""
    assert "GROWTH CLAIMS (5)" in format_table(report)
    record = report_record(report)
    assert len(record["figures"]) == len(report.figures)  # type: ignore[arg-type]
    assert format_csv(report).splitlines()[0].endswith("reconciliation,growth_claim")


def test_report_cli_json(capsys: pytest.CaptureFixture[str]) -> None:
    """`report --format json seeds/` lists the water conflict and the checked claims."""
    assert main(["report", "--format", "json", str(SEEDS)]) == 0
    data = json.loads(capsys.readouterr().out)
    conflicts = [r for r in data["reconciliations"] if r["kind"] == "conflict"]
    values = [{v["value"] for v in r["variants"]} for r in conflicts]
    assert {"1900000", "1815000"} in values
    stated = {(c["stated"], c["consistent"]) for c in data["growth_claims"]}
    assert {("11.4", True), ("23.9", True)} <= stated


def test_report_reads_folders_and_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A folder and a file given together are both read."""
    (tmp_path / "a.txt").write_text("全市累计20104户脱贫。", encoding="utf-8")
    assert (
        main(["report", "--format", "csv", str(tmp_path), str(SEEDS / "000_6a0511461683ecc0.txt")])
        == 0
    )
    out = capsys.readouterr().out
    assert "a.txt" in out
    assert "000_6a0511461683ecc0.txt" in out

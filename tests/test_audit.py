"""Tests of the accounting audit: every numeral is measured or excluded."""

from __future__ import annotations

import pytest

from shanxi_poverty.audit import audit, format_run, numeral_runs
from shanxi_poverty.document import Document
from shanxi_poverty.extract import Exclusion, ExclusionReason, ScanResult, scan
from shanxi_poverty.pipeline import parse_source
from tests.conftest import SEEDS

SEED_PATHS = sorted(SEEDS.glob("*.txt"))


@pytest.mark.parametrize("path", SEED_PATHS, ids=lambda p: p.name)
def test_seeds_fully_accounted(path: object) -> None:
    """On every seed, every numeral run is a mention or an exclusion."""
    doc = parse_source(path)  # type: ignore[arg-type]
    assert [format_run(r) for r in audit(doc)] == []


@pytest.mark.parametrize(
    ("text", "runs"),
    [
        ("投入2.3亿元", ["2.3亿"]),
        ("1,000户和２０人", ["1,000", "２０"]),
        ("一些", ["一"]),
        ("萬億兩", ["萬億兩"]),
        ("平陆县的队伍", []),
        ("3.", ["3"]),
    ],
)
def test_numeral_runs(text: str, runs: list[str]) -> None:
    """Runs are digits joined by . or , and Chinese numerals; financial forms are not."""
    assert [text[s:e] for s, e in numeral_runs(text)] == runs


def test_unaccounted_run_reported() -> None:
    """A run no mention or exclusion covers is listed with line and column."""
    doc = Document.from_text("标题\n共有5个和20户")
    empty = ScanResult((), ())
    runs = audit(doc, result=empty)
    assert [(r.text, r.line, r.column) for r in runs] == [("5", 2, 3), ("20", 2, 6)]
    assert format_run(runs[0]) == "<text>:2:3: unaccounted numeral '5' in 标题⏎共有5个和20户"


def test_partial_cover_is_unaccounted() -> None:
    """A run only partly covered by an exclusion is still listed."""
    doc = Document.from_text("共123户")
    assert audit(doc, result=scan(doc)) == []
    partial = ScanResult((), (Exclusion(1, 3, "12", ExclusionReason.OTHER),))
    assert [r.text for r in audit(doc, result=partial)] == ["123"]


def test_adverbs_are_excluded() -> None:
    """一 in common words is an adverb exclusion, so the audit is clean."""
    assert audit(Document.from_text("统一安排一些项目，一起干。")) == []


def test_dotted_code_is_accounted_for() -> None:
    """A code with a dotted tail (found by the fuzzer: p42x2x2X2x2x26.2X) is one excluded id."""
    from shanxi_poverty import parse_document  # noqa: PLC0415

    assert audit(parse_document("p42x2x2X2x2x26.2X", name="fuzz.txt")) == []


def test_run_reaching_past_an_excluded_id_is_excluded_whole() -> None:
    """An id-like match that ends inside a numeral run (found by hypothesis: 0@2.3亿元, the
    e-mail rule takes 0@2.3) leaves no digits of the run unaccounted."""
    from shanxi_poverty import parse_document  # noqa: PLC0415

    doc = parse_document("0@2.3亿元", name="fuzz.txt")
    assert audit(doc) == []
    reasons = {(e.text, e.reason) for e in scan(doc).exclusions}
    assert ("2.3亿", ExclusionReason.URL_OR_ID) in reasons

"""Tests of the streaming API: order, errors per file, jobs, pickling."""

from __future__ import annotations

import pickle
from typing import TYPE_CHECKING

import pytest

from shanxi_poverty.errors import BinaryInputError, EmptyDocumentError, ShanxiPovertyError
from shanxi_poverty.pipeline import (
    Outcome,
    RawText,
    audit_source,
    extract_path,
    extract_source,
    iter_documents,
    iter_measurements,
    iter_sources,
    map_documents,
    parse_source,
    source_name,
)
from tests.conftest import SEEDS

if TYPE_CHECKING:
    from pathlib import Path


def _roundtrip(obj: object) -> object:
    return pickle.loads(pickle.dumps(obj))  # noqa: S301 - our own data


def test_iter_sources_expands_folders_sorted() -> None:
    """A folder stands for its document files, sorted."""
    found = list(iter_sources([SEEDS]))
    assert found == sorted(SEEDS.glob("*.txt"))


def test_map_documents_keeps_order_and_collects_errors(tmp_path: Path) -> None:
    """A bad file becomes an outcome with its error; the others are processed in order."""
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01")
    missing = tmp_path / "missing.txt"
    seed = min(SEEDS.glob("*.txt"))
    outcomes = list(map_documents(extract_source, [seed, bad, missing, RawText("t", "全市5户")]))
    assert [o.name for o in outcomes] == [seed.name, "bad.txt", "missing.txt", "t"]
    assert [o.ok for o in outcomes] == [True, False, False, True]
    assert isinstance(outcomes[1].error, BinaryInputError)
    assert isinstance(outcomes[2].error, FileNotFoundError)
    assert outcomes[0].value


def test_jobs_give_identical_results() -> None:
    """Two worker processes give the same measurements, in the same order, as one."""
    one = list(iter_measurements([SEEDS], jobs=1))
    two = list(iter_measurements([SEEDS], jobs=2))
    assert one == two
    assert len(one) > 200


def test_bad_jobs() -> None:
    """jobs must be positive."""
    with pytest.raises(ValueError, match="at least 1"):
        list(map_documents(parse_source, [], jobs=0))


def test_iter_documents_raises_without_handler() -> None:
    """Without on_error the typed error propagates."""
    with pytest.raises(EmptyDocumentError):
        list(iter_documents([RawText("e.txt", "  \n")]))


def test_iter_documents_on_error() -> None:
    """With on_error the bad document is reported and skipped."""
    seen: list[tuple[str, type[Exception]]] = []
    docs = list(
        iter_documents(
            [RawText("e.txt", ""), RawText("a.txt", "全市5户")],
            on_error=lambda source, e: seen.append((source, type(e))),
        )
    )
    assert [d.name for d in docs] == ["a.txt"]
    assert seen == [("e.txt", EmptyDocumentError)]


def test_workers_and_results_pickle() -> None:
    """Workers, documents, measurements, outcomes and errors survive pickling."""
    for func in (parse_source, extract_source, extract_path, audit_source, source_name):
        assert _roundtrip(func) is func
    for path in sorted(SEEDS.glob("*.txt")):
        doc = parse_source(path)
        assert _roundtrip(doc) == doc
        measurements = extract_path(path)
        assert _roundtrip(measurements) == measurements
    outcome = next(map_documents(parse_source, [RawText("e", "")]))
    back = _roundtrip(outcome)
    assert isinstance(back, Outcome)
    assert isinstance(back.error, ShanxiPovertyError)
    assert str(back.error) == str(outcome.error)


def test_extract_is_deterministic() -> None:
    """The same input gives equal measurements twice."""
    assert list(iter_measurements([SEEDS])) == list(iter_measurements([SEEDS]))

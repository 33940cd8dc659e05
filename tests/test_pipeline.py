"""Tests of the streaming API: order, errors per file, jobs, pickling."""

from __future__ import annotations

import pickle
from typing import TYPE_CHECKING

import pytest
from hypothesis import given
from hypothesis import strategies as st

from shanxi_poverty import pipeline
from shanxi_poverty.errors import BinaryInputError, EmptyDocumentError, ShanxiPovertyError
from shanxi_poverty.pipeline import (
    Outcome,
    RawText,
    Source,
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


def test_jobs_over_many_small_documents_keep_order_and_errors(tmp_path: Path) -> None:
    """Documents go to the workers in batches; outcomes still come back one per source, in
    input order, with each bad document's own error, as with one process."""
    missing = tmp_path / "missing.txt"
    seeds = sorted(SEEDS.glob("*.txt"))
    sources: list[Source] = []
    for i in range(3 * pipeline._BATCH_DOCUMENTS):
        sources.append(RawText(f"t{i}.txt", f"全市{i}户脱贫。" if i % 7 else "  "))
        if i % 20 == 0:
            sources.extend([missing, seeds[i % len(seeds)]])

    def seen(jobs: int) -> list[tuple[str, object, str]]:
        return [
            (o.name, o.value, type(o.error).__name__)
            for o in map_documents(extract_source, sources, jobs=jobs)
        ]

    one = seen(1)
    assert len(one) == len(sources)
    assert seen(2) == one
    assert {error for _, _, error in one} == {"NoneType", "EmptyDocumentError", "FileNotFoundError"}


@given(st.lists(st.integers(0, 3 * pipeline._BATCH_SIZE // 2), max_size=100))
def test_batches_keep_order_within_bounds(sizes: list[int]) -> None:
    """Batches hold the sources in order; a batch closes at the document or size bound."""
    sources = [RawText(str(i), "字" * n) for i, n in enumerate(sizes)]
    batches = list(pipeline._batches(sources))
    assert [s for batch in batches for s in batch] == sources
    size_of = {s.name: len(s.raw) for s in sources}
    for batch in batches:
        assert 1 <= len(batch) <= pipeline._BATCH_DOCUMENTS
        assert sum(size_of[pipeline.source_name(s)] for s in batch[:-1]) < pipeline._BATCH_SIZE
    for batch in batches[:-1]:
        full = len(batch) == pipeline._BATCH_DOCUMENTS
        size = sum(size_of[pipeline.source_name(s)] for s in batch)
        assert full or size >= pipeline._BATCH_SIZE


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

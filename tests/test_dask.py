"""The Dask integration on a two-worker ``LocalCluster`` equals the single-process pipeline."""

from __future__ import annotations

import pickle
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

pytest.importorskip("dask.distributed")

from distributed import Client, LocalCluster

import shanxi_poverty as sp
from shanxi_poverty.integrations.dask import (
    FRAME_DTYPES,
    frame_meta,
    measurement_bag,
    measurement_frame,
)
from shanxi_poverty.serialize import RECORD_FIELDS, to_record

if TYPE_CHECKING:
    from collections.abc import Iterator

    from dask.bag import Bag


SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def _compute(client: Client, collection: object) -> Any:
    """The result of ``collection`` computed on the cluster."""
    return client.compute(collection).result()  # type: ignore[no-untyped-call, unused-ignore]


def _sync(bag: Bag) -> list[dict[str, object]]:
    """The records of ``bag`` computed in this thread."""
    return list(bag.compute(scheduler="sync"))  # type: ignore[no-untyped-call, unused-ignore]


def _key(record: dict[str, object]) -> tuple[str, int]:
    return str(record["doc"]), int(str(record["start"]))


@pytest.fixture(scope="module")
def client() -> Iterator[Client]:
    """A two-worker local cluster of separate processes, shut down at the end."""
    with (
        LocalCluster(  # type: ignore[no-untyped-call, unused-ignore]
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        Client(cluster) as dask_client,  # type: ignore[no-untyped-call, unused-ignore]
    ):
        yield dask_client


@pytest.fixture(scope="module")
def expected() -> list[dict[str, object]]:
    """The records of the seeds computed in this process."""
    records: list[dict[str, object]] = []
    for path in sorted(SEEDS.glob("*.txt")):
        raw = sp.decode_raw(path.read_bytes(), name=path.name)
        doc = sp.parse_document(raw, name=path.name)
        records.extend(to_record(m) for m in sp.extract(doc))
    return sorted(records, key=_key)


def test_bag_equals_single_process(client: Client, expected: list[dict[str, object]]) -> None:
    """The bag's records, computed on two worker processes, equal the in-process ones."""
    paths = sorted(SEEDS.glob("*.txt"))
    bag = measurement_bag(paths, files_per_partition=2)
    assert bag.npartitions == 3
    records = _compute(client, bag)
    assert len(records) == len(expected)
    assert sorted(records, key=_key) == expected


def test_bag_from_glob(client: Client, expected: list[dict[str, object]]) -> None:
    """A glob pattern names the same files as the list of paths."""
    records = _compute(client, measurement_bag(str(SEEDS / "*.txt"), npartitions=2))
    assert sorted(records, key=_key) == expected


def test_frame_columns_and_values(client: Client, expected: list[dict[str, object]]) -> None:
    """The frame has one typed column per record field and one row per record."""
    frame = measurement_frame(str(SEEDS / "*.txt"), npartitions=2)
    assert list(frame.columns) == list(RECORD_FIELDS)
    assert {k: str(v) for k, v in frame.dtypes.items()} == dict(FRAME_DTYPES)
    df = _compute(client, frame)
    assert len(df) == len(expected)
    rows = sorted(zip(df["doc"].tolist(), df["start"].tolist(), df["unit"].tolist(), strict=True))
    assert rows == [(r["doc"], r["start"], r["unit"]) for r in expected]


def test_skip_unreadable_file(tmp_path: Path) -> None:
    """``on_error="skip"`` drops a file that is not UTF-8; ``"raise"`` stops."""
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xe8\x84\xb1\xff\xfe")
    good = tmp_path / "good.txt"
    good.write_text("2020年，全省贫困人口减少12万人。", encoding="utf-8")
    records = _sync(measurement_bag([bad, good], on_error="skip"))
    assert [r["doc"] for r in records] == ["good.txt"]
    with pytest.raises(sp.UndecodableInputError):
        _sync(measurement_bag([bad], on_error="raise"))


def test_frame_meta_is_empty() -> None:
    """The meta frame is empty and typed."""
    meta = frame_meta()
    assert meta.empty
    assert list(meta.columns) == list(RECORD_FIELDS)


def test_models_pickle() -> None:
    """Documents and measurements cross process boundaries unchanged."""
    path = next(iter(sorted(SEEDS.glob("*.txt"))))
    doc = sp.parse_document(path.read_text(encoding="utf-8"), name=path.name)
    measurements = sp.extract(doc)
    assert pickle.loads(pickle.dumps(doc)) == doc  # noqa: S301 - our own data
    assert pickle.loads(pickle.dumps(measurements)) == measurements  # noqa: S301


def test_missing_dask_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without Dask, the error says which extra to install."""
    monkeypatch.setitem(sys.modules, "dask.bag", None)
    with pytest.raises(ImportError, match=r"pip install 'shanxi-poverty\[dask\]'"):
        measurement_bag(str(SEEDS / "*.txt"))

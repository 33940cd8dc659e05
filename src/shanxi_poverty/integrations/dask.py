"""Many files → a Dask bag or DataFrame of flat measurement records.

Each file is read, decoded (:func:`~shanxi_poverty.sources.decode_raw`), parsed
(:func:`~shanxi_poverty.sources.parse_document`) and extracted
(:func:`~shanxi_poverty.extract.extract`) on a Dask worker; the records are those of
:func:`shanxi_poverty.serialize.to_record`, so they equal what one process produces.  The
pipeline is pure and its packaged data is loaded once per worker process, on first use.

Dask is an optional dependency: ``pip install 'shanxi-poverty[dask]'``.  This module imports
it on the first call, not at import time.

>>> import shanxi_poverty.integrations.dask as sd
>>> sd.FRAME_DTYPES["value"], sd.FRAME_DTYPES["year"]
('float64', 'Int64')

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import posixpath
from typing import IO, TYPE_CHECKING, Final, Literal, Protocol, cast

from shanxi_poverty.errors import ShanxiPovertyError
from shanxi_poverty.serialize import to_record

if TYPE_CHECKING:
    import os
    from collections.abc import Mapping, Sequence

    import dask.bag
    import dask.dataframe
    import pandas as pd

__all__ = [
    "FRAME_DTYPES",
    "OpenFileLike",
    "frame_meta",
    "measurement_bag",
    "measurement_frame",
    "records_of_file",
]


def __dir__() -> list[str]:
    return __all__


#: The pandas dtype of each column of :func:`measurement_frame`, in record order.  Values
#: are JSON numbers in the records, ``float64`` here (``NaN`` for corrupted figures); years
#: are nullable integers.
FRAME_DTYPES: Final[Mapping[str, str]] = {
    "doc": "string",
    "text": "string",
    "start": "int64",
    "end": "int64",
    "value": "float64",
    "unit": "string",
    "qualifier": "string",
    "region": "string",
    "region_code": "string",
    "year": "Int64",
    "indicator": "string",
    "programme": "string",
    "subject": "string",
    "corrupted": "bool",
}

_EXTRA: Final = "pip install 'shanxi-poverty[dask]'"


class OpenFileLike(Protocol):
    """A file not yet opened, such as ``fsspec.core.OpenFile``: a path, and a context
    manager that yields a binary stream."""

    @property
    def path(self) -> str:
        """The file's path (a URL's path part for remote files)."""
        ...

    def __enter__(self) -> IO[bytes]: ...

    def __exit__(self, *exc_info: object) -> object: ...


def _missing(exc: ImportError) -> ImportError:
    return ImportError(
        f"shanxi_poverty.integrations.dask needs Dask ({exc.name} is missing): {_EXTRA}",
        name=exc.name,
    )


def records_of_file(
    file: OpenFileLike,
    *,
    errors: Literal["mark", "drop"] = "mark",
    on_error: Literal["raise", "skip"] = "raise",
) -> list[dict[str, object]]:
    """The flat measurement records of one file (the task each Dask worker runs).

    The document is named after the file's base name, as the command line names it.

    Args:
        file: an ``fsspec`` open file (local or remote) in binary mode, opened here.
        errors: passed to :func:`~shanxi_poverty.extract.extract`.
        on_error: ``"skip"`` returns no record for a file the library cannot read
            (binary, not UTF-8, empty); ``"raise"`` lets the error stop the computation.

    Raises:
        ShanxiPovertyError: a document error, unless ``on_error="skip"``.
    """
    from shanxi_poverty.extract import extract  # noqa: PLC0415 - keep the import light
    from shanxi_poverty.sources import decode_raw, parse_document  # noqa: PLC0415

    name = posixpath.basename(file.path)
    with file as stream:
        data = stream.read()
    try:
        doc = parse_document(decode_raw(data, name=name), name=name)
    except ShanxiPovertyError:
        if on_error == "skip":
            return []
        raise
    return [to_record(m) for m in extract(doc, errors=errors)]


def _open_files(
    paths: str | os.PathLike[str] | Sequence[str | os.PathLike[str]],
    storage_options: Mapping[str, object] | None,
) -> list[OpenFileLike]:
    try:
        import fsspec  # noqa: PLC0415 - optional dependency, installed with Dask
    except ImportError as exc:
        raise _missing(exc) from exc
    if isinstance(paths, str) or not hasattr(paths, "__iter__"):
        urlpaths: str | list[str] = str(paths)
    else:
        urlpaths = [str(p) for p in paths]
    return list(fsspec.open_files(urlpaths, mode="rb", **(storage_options or {})))


def measurement_bag(
    paths: str | os.PathLike[str] | Sequence[str | os.PathLike[str]],
    *,
    npartitions: int | None = None,
    files_per_partition: int | None = None,
    errors: Literal["mark", "drop"] = "mark",
    on_error: Literal["raise", "skip"] = "raise",
    storage_options: Mapping[str, object] | None = None,
) -> dask.bag.Bag:
    """A Dask bag of the flat measurement records of many files.

    Nothing is read until the bag is computed; then each partition (a group of files) is one
    task.  Records keep file order within a partition and partitions keep path order.

    Args:
        paths: a path or URL, a glob pattern (``"corpus/*.txt"``, ``"s3://bucket/*.txt"``),
            or a sequence of them; read with ``fsspec``, so every worker must reach them.
        npartitions: the number of partitions (tasks); default: Dask's (about 100).
        files_per_partition: files per partition instead of ``npartitions``.
        errors: passed to :func:`~shanxi_poverty.extract.extract`.
        on_error: what to do with a file that cannot be read (see :func:`records_of_file`).
        storage_options: passed to ``fsspec`` (credentials of remote storage).

    Returns:
        A bag of records with the keys of :data:`~shanxi_poverty.serialize.RECORD_FIELDS`.

    Raises:
        ImportError: if Dask is not installed (``pip install 'shanxi-poverty[dask]'``).
    """
    try:
        import dask.bag as db  # noqa: PLC0415 - optional dependency
    except ImportError as exc:
        raise _missing(exc) from exc
    files = _open_files(paths, storage_options)
    bag = db.from_sequence(  # type: ignore[no-untyped-call, unused-ignore]
        files, npartitions=npartitions, partition_size=files_per_partition
    )
    return cast(
        "dask.bag.Bag", bag.map(records_of_file, errors=errors, on_error=on_error).flatten()
    )


def frame_meta() -> pd.DataFrame:
    """An empty pandas frame with the columns and dtypes of :func:`measurement_frame`."""
    try:
        import pandas as pd  # noqa: PLC0415 - optional dependency
    except ImportError as exc:
        raise _missing(exc) from exc
    return pd.DataFrame({k: pd.Series(dtype=v) for k, v in FRAME_DTYPES.items()})


def measurement_frame(
    paths: str | os.PathLike[str] | Sequence[str | os.PathLike[str]],
    *,
    npartitions: int | None = None,
    files_per_partition: int | None = None,
    errors: Literal["mark", "drop"] = "mark",
    on_error: Literal["raise", "skip"] = "raise",
    storage_options: Mapping[str, object] | None = None,
) -> dask.dataframe.DataFrame:
    """A Dask DataFrame of the flat measurement records of many files.

    One row per measurement, one column per key of
    :data:`~shanxi_poverty.serialize.RECORD_FIELDS`, typed as in :data:`FRAME_DTYPES` (the
    frame's ``meta`` is explicit, so Dask computes nothing to infer it).  The arguments are
    those of :func:`measurement_bag`.

    Raises:
        ImportError: if Dask is not installed (``pip install 'shanxi-poverty[dask]'``).
    """
    bag = measurement_bag(
        paths,
        npartitions=npartitions,
        files_per_partition=files_per_partition,
        errors=errors,
        on_error=on_error,
        storage_options=storage_options,
    )
    frame = bag.to_dataframe(meta=frame_meta())  # type: ignore[no-untyped-call, unused-ignore]
    return cast("dask.dataframe.DataFrame", frame)

"""Streaming over many documents: read, parse and extract one file at a time, in order.

Besides :mod:`shanxi_poverty.cli`, this is the only module that opens files.  Nothing here
holds the corpus: documents are read, parsed and extracted lazily, and with ``jobs > 1``
they go to the worker processes in small batches (up to 32 documents or about 64,000
characters each), at most four batches per worker in flight at any time.  Results come
back in input order whatever ``jobs`` is, so the output of a run does not depend on the
number of processes.

A *source* is a path (``str`` or :class:`os.PathLike`) or a :class:`RawText` (a name and
text already in memory).  A folder given as a path stands for its ``*.txt``, ``*.md``,
``*.html`` and ``*.htm`` files, recursively, sorted by path.

>>> docs = [RawText("a.txt", "全市20104户脱贫。"), RawText("b.txt", "   ")]
>>> for outcome in map_documents(extract_source, docs):
...     print(outcome.name, outcome.error is None)
a.txt True
b.txt False
>>> [m.provenance.text for m in iter_measurements(docs, on_error=lambda source, e: None)]
['20104户']

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import collections
import concurrent.futures
import os
from pathlib import Path
from typing import TYPE_CHECKING, Final, Generic, TypeAlias, TypeVar

import attrs

from shanxi_poverty.errors import ShanxiPovertyError

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator

    from shanxi_poverty.audit import UnaccountedRun
    from shanxi_poverty.document import Document
    from shanxi_poverty.model import Measurement

__all__ = [
    "DOCUMENT_SUFFIXES",
    "Outcome",
    "RawText",
    "Source",
    "audit_source",
    "extract_path",
    "extract_source",
    "iter_documents",
    "iter_measurements",
    "iter_sources",
    "map_documents",
    "parse_source",
    "read_path",
    "source_name",
]


def __dir__() -> list[str]:
    return __all__


T = TypeVar("T")

#: File suffixes read from a folder.
DOCUMENT_SUFFIXES: Final = frozenset({".txt", ".md", ".html", ".htm"})
#: Batches in flight per worker process (bounds memory with ``jobs > 1``).
_IN_FLIGHT_PER_JOB: Final = 4
#: A batch sent to a worker process closes at this many documents or at this much text
#: (characters of a text, bytes of a file): one task per small document would spend more
#: on passing messages between processes than on the document.
_BATCH_DOCUMENTS: Final = 32
_BATCH_SIZE: Final = 64_000


@attrs.frozen
class RawText:
    """A document already in memory.

    Args:
        name: the document name (as a file name would be: ``a.txt``).
        raw: the raw text.
    """

    name: str
    raw: str


#: What the streaming functions read: a path to a file or folder, or a text in memory.
Source: TypeAlias = "str | os.PathLike[str] | RawText"

#: The errors collected per document instead of raised.
ReadError: TypeAlias = "ShanxiPovertyError | OSError"


@attrs.frozen
class Outcome(Generic[T]):
    """What happened to one document: a value, or the error that stopped it.

    Args:
        source: the path as given (``str``), or the :class:`RawText` name.
        value: the result, or ``None`` when ``error`` is set.
        error: a :class:`~shanxi_poverty.errors.ShanxiPovertyError` or :class:`OSError`.
    """

    source: str
    value: T | None = None
    error: ShanxiPovertyError | OSError | None = None

    @property
    def name(self) -> str:
        """The document name (the file name of a path)."""
        return source_name(self.source)

    @property
    def ok(self) -> bool:
        """Whether the document was processed."""
        return self.error is None


def source_name(source: Source) -> str:
    """The document name of a source: the file name of a path, the name of a text.

    >>> source_name("corpus/2021/a.txt"), source_name(RawText("b", ""))
    ('a.txt', 'b')
    """
    if isinstance(source, RawText):
        return source.name
    return Path(source).name


def _label(source: Source) -> str:
    return source.name if isinstance(source, RawText) else os.fspath(source)


def iter_sources(sources: Iterable[Source]) -> Iterator[Source]:
    """The sources with every folder replaced by its document files (sorted, recursive).

    Lazy: a folder is listed only when the iteration reaches it.  A path that does not
    exist is passed through (reading it fails later, with the path in the error).
    """
    for source in sources:
        if not isinstance(source, RawText) and Path(source).is_dir():
            yield from sorted(
                p for p in Path(source).rglob("*") if p.is_file() and p.suffix in DOCUMENT_SUFFIXES
            )
        else:
            yield source


def read_path(path: str | os.PathLike[str]) -> str:
    """Read a file as raw text: strict UTF-8, no newline translation.

    Raises:
        OSError: if the file cannot be read (missing, a folder, no permission).
        EmptyDocumentError: if the file holds only white space.
        BinaryInputError: if the bytes look binary (NUL bytes, control characters).
        UndecodableInputError: if the bytes are not UTF-8 (with the byte position).
    """
    from shanxi_poverty.sources import decode_raw  # noqa: PLC0415 - keep import light

    path = Path(path)
    return decode_raw(path.read_bytes(), name=path.name)


def parse_source(source: Source) -> Document:
    """Read (if a path) and parse one source.  Picklable: usable as a pool worker.

    Raises:
        OSError: if a path cannot be read.
        DocumentError: if the text is empty, binary, not UTF-8, or breaks its format
            (:class:`~shanxi_poverty.errors.EmptyDocumentError`,
            :class:`~shanxi_poverty.errors.BinaryInputError`,
            :class:`~shanxi_poverty.errors.UndecodableInputError`,
            :class:`~shanxi_poverty.errors.FormatError`).
    """
    from shanxi_poverty.sources import parse_document  # noqa: PLC0415

    if isinstance(source, RawText):
        return parse_document(source.raw, name=source.name)
    return parse_document(read_path(source), name=source_name(source))


def extract_source(source: Source) -> list[Measurement]:
    """The measurements of one source (:func:`~shanxi_poverty.extract.extract`).
    Picklable: usable as a pool worker.

    Raises:
        OSError: see :func:`parse_source`.
        DocumentError: see :func:`parse_source`.
    """
    from shanxi_poverty.extract import extract  # noqa: PLC0415

    return extract(parse_source(source))


def extract_path(path: str | os.PathLike[str]) -> list[Measurement]:
    """The measurements of one file.  Picklable: usable as a pool worker.

    Raises:
        OSError: see :func:`parse_source`.
        DocumentError: see :func:`parse_source`.
    """
    return extract_source(path)


def audit_source(source: Source) -> list[UnaccountedRun]:
    """The numeral runs of one source that are neither measured nor excluded
    (:func:`shanxi_poverty.audit.audit`).  Picklable: usable as a pool worker.

    Raises:
        OSError: see :func:`parse_source`.
        DocumentError: see :func:`parse_source`.
    """
    from shanxi_poverty.audit import audit  # noqa: PLC0415

    return audit(parse_source(source))


def _run(func: Callable[[Source], T], source: Source) -> Outcome[T]:
    """Apply ``func``; documented errors become the outcome's ``error``."""
    label = _label(source)
    try:
        return Outcome(label, func(source))
    except (ShanxiPovertyError, OSError) as exc:
        return Outcome(label, error=exc)


def _run_batch(func: Callable[[Source], T], batch: list[Source]) -> list[Outcome[T]]:
    return [_run(func, source) for source in batch]


def _size(source: Source) -> int:
    """About how much text a source holds, without reading it (0 when unknown)."""
    if isinstance(source, RawText):
        return len(source.raw)
    try:
        return Path(source).stat().st_size
    except OSError:  # reported by the worker that reads it
        return 0


def _batches(sources: Iterable[Source]) -> Iterator[list[Source]]:
    """The sources in order, grouped into batches of ``_BATCH_DOCUMENTS`` documents or
    ``_BATCH_SIZE`` of text, whichever comes first."""
    batch: list[Source] = []
    size = 0
    for source in sources:
        batch.append(source)
        size += _size(source)
        if len(batch) >= _BATCH_DOCUMENTS or size >= _BATCH_SIZE:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


def map_documents(
    func: Callable[[Source], T], sources: Iterable[Source], *, jobs: int = 1
) -> Iterator[Outcome[T]]:
    """Apply ``func`` to every source (folders expanded), lazily, results in input order.

    Errors of one document (:class:`~shanxi_poverty.errors.ShanxiPovertyError`,
    :class:`OSError`) are returned in its :class:`Outcome`, never raised, so one bad file
    does not stop a batch.  Any other exception is a bug and propagates.

    Args:
        func: a picklable (top-level) function of one source, such as
            :func:`extract_source`, :func:`parse_source` or :func:`audit_source`.
        sources: paths and texts.
        jobs: worker processes; ``1`` runs in this process.  The results are the same
            for every value.

    Raises:
        ValueError: if ``jobs`` is less than 1.
    """
    if jobs < 1:
        raise ValueError(f"jobs must be at least 1, got {jobs}")
    expanded = iter_sources(sources)
    if jobs == 1:
        for source in expanded:
            yield _run(func, source)
        return
    window = jobs * _IN_FLIGHT_PER_JOB
    with concurrent.futures.ProcessPoolExecutor(max_workers=jobs) as pool:
        pending: collections.deque[concurrent.futures.Future[list[Outcome[T]]]]
        pending = collections.deque()
        for batch in _batches(expanded):
            pending.append(pool.submit(_run_batch, func, batch))
            if len(pending) >= window:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()


def _raise(_source: str, error: ReadError) -> None:
    raise error


def iter_documents(
    sources: Iterable[Source],
    *,
    on_error: Callable[[str, ShanxiPovertyError | OSError], object] | None = None,
) -> Iterator[Document]:
    """Parse the sources one by one (folders expanded), lazily.

    Args:
        sources: paths and texts.
        on_error: called with the source and the error of a document that cannot be read
            or parsed, which is then skipped; when ``None`` the error is raised.

    Raises:
        OSError: see :func:`parse_source` (only when ``on_error`` is ``None``).
        DocumentError: see :func:`parse_source` (only when ``on_error`` is ``None``).
    """
    handle = on_error or _raise
    for outcome in map_documents(parse_source, sources):
        if outcome.error is not None:
            handle(outcome.source, outcome.error)
        elif outcome.value is not None:
            yield outcome.value


def iter_measurements(
    sources: Iterable[Source],
    *,
    jobs: int = 1,
    on_error: Callable[[str, ShanxiPovertyError | OSError], object] | None = None,
) -> Iterator[Measurement]:
    """The measurements of every source, document after document in input order.

    Args:
        sources: paths and texts.
        jobs: worker processes (see :func:`map_documents`).
        on_error: called with the source and the error of a document that fails, which is
            then skipped; when ``None`` the error is raised.

    Raises:
        OSError: see :func:`parse_source` (only when ``on_error`` is ``None``).
        DocumentError: see :func:`parse_source` (only when ``on_error`` is ``None``).
        ValueError: if ``jobs`` is less than 1.
    """
    handle = on_error or _raise
    for outcome in map_documents(extract_source, sources, jobs=jobs):
        if outcome.error is not None:
            handle(outcome.source, outcome.error)
        elif outcome.value is not None:
            yield from outcome.value

"""The ``shanxi-poverty`` command: with :mod:`shanxi_poverty.pipeline`, the only place that
reads files or writes to the terminal.

Subcommands:

- ``parse --format json FILE...``: one JSON object per document (metadata, normalised text,
  damage, articles).
- ``extract --format jsonl|csv FILE...``: one record per measurement.
- ``report --format table|json|csv PATH...``: the corpus report (files or folders).
- ``audit FILE...``: the numerals that are neither measured nor excluded (none, normally).
- ``score --gold DIR --docs DIR``: accuracy against gold annotations.

Options shared by ``parse``, ``extract``, ``report`` and ``audit``:

- ``--jobs N``: parse and extract in ``N`` worker processes; the output is byte-identical
  to ``--jobs 1``.
- ``--output FILE``: write there instead of standard output, atomically (a temporary file in
  the same folder, then renamed), so a reader never sees half a file.
- ``--progress``: a progress bar on standard error (on by default when it is a terminal).

Folders stand for their ``*.txt``/``*.md``/``*.html``/``*.htm`` files, sorted.  A bad file in
a batch is reported on stderr with its name and the reason, and skipped; the rest are
processed and the exit status is 1 at the end.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import io
import json
import os
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Final, TextIO, TypeVar

from shanxi_poverty import __version__

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator, Sequence

    from shanxi_poverty.errors import ShanxiPovertyError
    from shanxi_poverty.pipeline import Source

__all__ = ["Progress", "atomic_output", "build_parser", "main"]

T = TypeVar("T")

_BAR_WIDTH: Final = 24


def __dir__() -> list[str]:
    return __all__


class Progress:
    """A one-line progress bar on a text stream: ``[#####     ] 3/10 a.txt``.

    Redrawn in place with a carriage return; :meth:`close` ends the line.  With
    ``enabled=False`` it does nothing.

    >>> out = io.StringIO()
    >>> bar = Progress(2, stream=out, enabled=True)
    >>> bar.advance("a.txt"); bar.advance("b.txt"); bar.close()
    >>> out.getvalue().split("\\r")[-1]
    '[########################] 2/2 b.txt\\n'
    """

    def __init__(self, total: int, *, stream: TextIO, enabled: bool) -> None:
        self.total = total
        self.done = 0
        self.stream = stream
        self.enabled = enabled
        self._width = 0

    def advance(self, name: str) -> None:
        """Count one more document and redraw."""
        self.done += 1
        if not self.enabled:
            return
        filled = _BAR_WIDTH * self.done // max(self.total, 1)
        line = f"[{'#' * filled}{' ' * (_BAR_WIDTH - filled)}] {self.done}/{self.total} {name}"
        pad = max(self._width - len(line), 0)
        self._width = len(line)
        self.stream.write("\r" + line + " " * pad)
        self.stream.flush()

    def close(self) -> None:
        """End the bar's line."""
        if self.enabled and self.done:
            self.stream.write("\n")
            self.stream.flush()


@contextlib.contextmanager
def atomic_output(path: str | os.PathLike[str] | None) -> Iterator[TextIO]:
    """A UTF-8 text stream (``\\n`` line ends) for the command's output.

    With a path, the text goes to a temporary file in the same folder, which replaces
    ``path`` (:func:`os.replace`) only when the block ends without an exception; otherwise
    the temporary file is removed and ``path`` is left as it was.  With ``None``, standard
    output.

    Raises:
        OSError: if the temporary file cannot be created, written or renamed.
    """
    if path is None:
        out = io.TextIOWrapper(
            sys.stdout.buffer, encoding="utf-8", newline="\n", write_through=True
        )
        try:
            yield out
        finally:
            out.detach()
        return
    target = Path(path)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with open(fd, "w", encoding="utf-8", newline="\n") as fh:  # noqa: PTH123 - an fd
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        Path(tmp).replace(target)
    except BaseException:
        with contextlib.suppress(OSError):
            Path(tmp).unlink()
        raise


class _Batch:
    """Runs one worker over the command's sources: progress, failures on stderr."""

    def __init__(self, args: argparse.Namespace) -> None:
        from shanxi_poverty.pipeline import iter_sources  # noqa: PLC0415

        self.sources: list[Source] = list(iter_sources(args.files))
        self.jobs: int = args.jobs
        enabled = bool(args.progress) or (args.progress is None and sys.stderr.isatty())
        self.progress = Progress(len(self.sources), stream=sys.stderr, enabled=enabled)
        self.failures: list[str] = []

    def run(self, func: Callable[[Source], T]) -> Iterator[T]:
        """The results of ``func`` on every source that does not fail, in input order."""
        from shanxi_poverty.pipeline import map_documents  # noqa: PLC0415

        try:
            for outcome in map_documents(func, self.sources, jobs=self.jobs):
                self.progress.advance(outcome.name)
                if outcome.error is not None:
                    self._fail(outcome.source, outcome.error)
                elif outcome.value is not None:
                    yield outcome.value
        finally:
            self.progress.close()

    def _fail(self, source: str, error: ShanxiPovertyError | OSError) -> None:
        self.failures.append(source)
        reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
        if self.progress.enabled:
            sys.stderr.write("\n")
        print(f"shanxi-poverty: {source}: {reason}", file=sys.stderr)

    @property
    def status(self) -> int:
        return 1 if self.failures else 0


def _cmd_parse(args: argparse.Namespace, out: TextIO) -> int:
    from shanxi_poverty.pipeline import parse_source  # noqa: PLC0415
    from shanxi_poverty.serialize import document_record  # noqa: PLC0415

    batch = _Batch(args)
    out.writelines(
        json.dumps(document_record(doc), ensure_ascii=False) + "\n"
        for doc in batch.run(parse_source)
    )
    return batch.status


def _cmd_extract(args: argparse.Namespace, out: TextIO) -> int:
    from shanxi_poverty.pipeline import extract_source  # noqa: PLC0415
    from shanxi_poverty.serialize import RECORD_FIELDS, to_record  # noqa: PLC0415

    batch = _Batch(args)
    writer = (
        csv.DictWriter(out, fieldnames=RECORD_FIELDS, lineterminator="\n")
        if args.format == "csv"
        else None
    )
    if writer is not None:
        writer.writeheader()
    for measurements in batch.run(extract_source):
        for measurement in measurements:
            record = to_record(measurement)
            if writer is not None:
                writer.writerow(record)
            else:
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return batch.status


def _cmd_report(args: argparse.Namespace, out: TextIO) -> int:
    from shanxi_poverty.pipeline import extract_source  # noqa: PLC0415
    from shanxi_poverty.report import (  # noqa: PLC0415
        build_report,
        format_csv,
        format_table,
        report_record,
    )

    batch = _Batch(args)
    # The report aggregates, so it needs every measurement; documents are still read,
    # parsed and extracted one at a time (only the measurements are kept).
    report = build_report(m for measurements in batch.run(extract_source) for m in measurements)
    if args.format == "json":
        out.write(json.dumps(report_record(report), ensure_ascii=False, indent=1) + "\n")
    elif args.format == "csv":
        out.write(format_csv(report))
    else:
        out.write(format_table(report))
    return batch.status


def _cmd_audit(args: argparse.Namespace, out: TextIO) -> int:
    from shanxi_poverty.audit import format_run  # noqa: PLC0415
    from shanxi_poverty.pipeline import audit_source  # noqa: PLC0415

    batch = _Batch(args)
    found = 0
    for runs in batch.run(audit_source):
        found += len(runs)
        for run in runs:
            if args.format == "jsonl":
                record = {
                    "doc": run.doc,
                    "text": run.text,
                    "start": run.span.start,
                    "end": run.span.end,
                    "line": run.line,
                    "column": run.column,
                    "context": run.context,
                }
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
            else:
                out.write(format_run(run) + "\n")
    return 1 if found else batch.status


def _cmd_score(args: argparse.Namespace, out: TextIO) -> int:
    from shanxi_poverty.evaluation import format_report, score_folder  # noqa: PLC0415

    report = score_folder(Path(args.gold), Path(args.docs))
    if args.json:
        out.write(json.dumps(report.summary(), ensure_ascii=False) + "\n")
    else:
        out.write(format_report(report, errors=args.errors))
    return 0


def _jobs(value: str) -> int:
    try:
        jobs = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {value!r}") from None
    if jobs < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {jobs}")
    return jobs


def _batch_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--jobs", type=_jobs, default=1, metavar="N", help="worker processes (default 1)"
    )
    parser.add_argument(
        "--output", "-o", metavar="FILE", help="write here (atomically) instead of stdout"
    )
    progress = parser.add_mutually_exclusive_group()
    progress.add_argument(
        "--progress",
        action="store_true",
        default=None,
        help="progress bar on stderr (default: when stderr is a terminal)",
    )
    progress.add_argument(
        "--no-progress", dest="progress", action="store_false", help="no progress bar"
    )


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand."""
    parser = argparse.ArgumentParser(
        prog="shanxi-poverty",
        description="Structured statistics from Chinese poverty-alleviation news about Shanxi.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p_parse = sub.add_parser("parse", help="parse documents: metadata and normalised text")
    p_parse.add_argument("--format", choices=["json"], default="json")
    _batch_options(p_parse)
    p_parse.add_argument("files", nargs="+", metavar="FILE", help="files or folders")
    p_parse.set_defaults(run=_cmd_parse)

    p_extract = sub.add_parser("extract", help="extract every figure as a measurement record")
    p_extract.add_argument("--format", choices=["jsonl", "csv"], default="jsonl")
    _batch_options(p_extract)
    p_extract.add_argument("files", nargs="+", metavar="FILE", help="files or folders")
    p_extract.set_defaults(run=_cmd_extract)

    p_report = sub.add_parser(
        "report", help="figures per indicator and region, reconciled, growth claims checked"
    )
    p_report.add_argument("--format", choices=["table", "json", "csv"], default="table")
    _batch_options(p_report)
    p_report.add_argument("files", nargs="+", metavar="PATH", help="files or folders")
    p_report.set_defaults(run=_cmd_report)

    p_audit = sub.add_parser(
        "audit", help="list numerals that are neither measured nor excluded with a reason"
    )
    p_audit.add_argument("--format", choices=["text", "jsonl"], default="text")
    _batch_options(p_audit)
    p_audit.add_argument("files", nargs="+", metavar="FILE", help="files or folders")
    p_audit.set_defaults(run=_cmd_audit)

    p_score = sub.add_parser("score", help="accuracy against gold annotations (gold schema)")
    p_score.add_argument("--gold", required=True, help="folder of <doc-stem>.jsonl gold files")
    p_score.add_argument("--docs", required=True, help="folder of the raw documents")
    p_score.add_argument("--errors", type=int, default=0, metavar="N")
    p_score.add_argument("--json", action="store_true", help="print the summary as JSON")
    p_score.add_argument(
        "--output", "-o", metavar="FILE", help="write here (atomically) instead of stdout"
    )
    p_score.set_defaults(run=_cmd_score)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status.

    0: every file processed (and, for ``audit``, nothing unaccounted); 1: some file failed
    (reported on stderr) or ``audit`` found unaccounted numerals; 2: bad arguments, or the
    output file could not be written.
    """
    parser = build_parser()
    args = parser.parse_args(argv)
    run: Callable[[argparse.Namespace, TextIO], int] = args.run
    try:
        with atomic_output(args.output) as out:
            return run(args, out)
    except BrokenPipeError:
        if args.output is not None:
            raise
        # The reader went away (`... | head`): stop quietly, as other Unix tools do.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except OSError as exc:
        print(f"shanxi-poverty: cannot write {args.output}: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())

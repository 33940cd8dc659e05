"""The ``shanxi-poverty`` command: the only place that reads files or writes to the terminal.

Subcommands:

- ``parse --format json FILE...``: one JSON object per document (metadata, normalised text,
  damage, articles).
- ``extract --format jsonl|csv FILE...``: one record per measurement.
- ``report --format table|json|csv PATH...``: the corpus report (files or folders).
- ``score --gold DIR --docs DIR``: accuracy against gold annotations.

A bad file in a batch is reported on stderr with its name and skipped; the rest are processed
and the exit status is 1 at the end.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from shanxi_poverty import __version__
from shanxi_poverty.errors import ShanxiPovertyError

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator, Sequence

    from shanxi_poverty.document import Document

__all__ = ["main"]


def read_raw(path: Path) -> str:
    """Read a file as raw text: UTF-8, no newline translation (offsets count str characters).

    Raises:
        UndecodableInputError: if the bytes are not UTF-8 (with the byte position).
    """
    from shanxi_poverty.sources import decode_raw  # noqa: PLC0415 - keep start-up fast

    return decode_raw(path.read_bytes(), name=path.name)


def _iter_paths(paths: Sequence[str]) -> Iterator[Path]:
    """Files as given, and the ``*.txt``/``*.html``/``*.md`` files of folders, sorted."""
    for given in paths:
        path = Path(given)
        if path.is_dir():
            yield from sorted(
                p
                for p in path.rglob("*")
                if p.is_file() and p.suffix in {".txt", ".html", ".htm", ".md"}
            )
        else:
            yield path


def _iter_documents(paths: Sequence[str], failures: list[str]) -> Iterator[Document]:
    """Parse every file; a file that fails is reported on stderr and skipped."""
    from shanxi_poverty.sources import parse_document  # noqa: PLC0415

    for path in _iter_paths(paths):
        try:
            raw = read_raw(path)
            yield parse_document(raw, name=path.name)
        except (OSError, ShanxiPovertyError) as exc:
            failures.append(str(path))
            print(f"shanxi-poverty: {path}: {exc}", file=sys.stderr)


def _cmd_parse(args: argparse.Namespace, out: io.TextIOBase) -> int:
    from shanxi_poverty.serialize import document_record  # noqa: PLC0415

    failures: list[str] = []
    out.writelines(
        json.dumps(document_record(doc), ensure_ascii=False) + "\n"
        for doc in _iter_documents(args.files, failures)
    )
    return 1 if failures else 0


def _cmd_extract(args: argparse.Namespace, out: io.TextIOBase) -> int:
    from shanxi_poverty.extract import extract  # noqa: PLC0415
    from shanxi_poverty.serialize import RECORD_FIELDS, to_record  # noqa: PLC0415

    failures: list[str] = []
    writer = csv.DictWriter(out, fieldnames=RECORD_FIELDS) if args.format == "csv" else None
    if writer is not None:
        writer.writeheader()
    for doc in _iter_documents(args.files, failures):
        for measurement in extract(doc):
            record = to_record(measurement)
            if writer is not None:
                writer.writerow(record)
            else:
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return 1 if failures else 0


def _cmd_report(args: argparse.Namespace, out: io.TextIOBase) -> int:
    from shanxi_poverty.extract import extract  # noqa: PLC0415
    from shanxi_poverty.report import (  # noqa: PLC0415
        build_report,
        format_csv,
        format_table,
        report_record,
    )

    failures: list[str] = []
    measurements = [m for doc in _iter_documents(args.paths, failures) for m in extract(doc)]
    report = build_report(measurements)
    if args.format == "json":
        out.write(json.dumps(report_record(report), ensure_ascii=False, indent=1) + "\n")
    elif args.format == "csv":
        out.write(format_csv(report))
    else:
        out.write(format_table(report))
    return 1 if failures else 0


def _cmd_score(args: argparse.Namespace, out: io.TextIOBase) -> int:
    from shanxi_poverty.evaluation import format_report, score_folder  # noqa: PLC0415

    report = score_folder(Path(args.gold), Path(args.docs))
    if args.json:
        out.write(json.dumps(report.summary(), ensure_ascii=False) + "\n")
    else:
        out.write(format_report(report, errors=args.errors))
    return 0


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
    p_parse.add_argument("files", nargs="+", metavar="FILE")
    p_parse.set_defaults(run=_cmd_parse)

    p_extract = sub.add_parser("extract", help="extract every figure as a measurement record")
    p_extract.add_argument("--format", choices=["jsonl", "csv"], default="jsonl")
    p_extract.add_argument("files", nargs="+", metavar="FILE")
    p_extract.set_defaults(run=_cmd_extract)

    p_report = sub.add_parser(
        "report", help="figures per indicator and region, reconciled, growth claims checked"
    )
    p_report.add_argument("--format", choices=["table", "json", "csv"], default="table")
    p_report.add_argument("paths", nargs="+", metavar="PATH", help="files or folders")
    p_report.set_defaults(run=_cmd_report)

    p_score = sub.add_parser("score", help="accuracy against gold annotations (gold schema)")
    p_score.add_argument("--gold", required=True, help="folder of <doc-stem>.jsonl gold files")
    p_score.add_argument("--docs", required=True, help="folder of the raw documents")
    p_score.add_argument("--errors", type=int, default=0, metavar="N")
    p_score.add_argument("--json", action="store_true", help="print the summary as JSON")
    p_score.set_defaults(run=_cmd_score)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    run: Callable[[argparse.Namespace, io.TextIOBase], int] = args.run
    # UTF-8 whatever the locale: records hold Chinese text.
    out = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", newline="\n", write_through=True)
    try:
        return run(args, out)
    finally:
        out.detach()


if __name__ == "__main__":
    sys.exit(main())

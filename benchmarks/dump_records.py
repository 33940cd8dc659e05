"""Write every record of the seeds and a synthetic corpus as JSON lines, to check that a
change (a speed-up) leaves the output alone.

Run from the repository root, once per version, and compare::

    python benchmarks/dump_records.py before.jsonl --mb 3      # on the old checkout
    python benchmarks/dump_records.py after.jsonl --mb 3
    cmp before.jsonl after.jsonl

Each document gives a line with its name, home region and a digest of its normalised
text, then one line per measurement (:func:`shanxi_poverty.serialize.to_record`, keys sorted).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path
from typing import Final

HERE: Final = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import bench_pipeline  # noqa: E402 - sibling scripts, not a package
import synthetic  # noqa: E402

from shanxi_poverty import extract, parse_document  # noqa: E402
from shanxi_poverty.serialize import to_record  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("output", type=Path, help="the JSON-lines file to write")
    parser.add_argument("--mb", type=float, default=3.0, help="synthetic megabytes (default 3)")
    parser.add_argument("--seed", type=int, default=7, help="synthetic corpus seed (default 7)")
    args = parser.parse_args(argv)
    docs = bench_pipeline._seed_docs() + list(synthetic.iter_corpus(args.mb, seed=args.seed))  # noqa: SLF001
    lines = 0
    with args.output.open("w", encoding="utf-8") as out:
        for name, text in docs:
            doc = parse_document(text, name=name)
            digest = hashlib.sha256(doc.text.encode()).hexdigest()
            head = {"doc": name, "home": doc.meta.home_region, "text_sha256": digest}
            out.write(json.dumps(head, ensure_ascii=False) + "\n")
            for m in extract(doc):
                record = to_record(m)
                out.write(
                    json.dumps(record, ensure_ascii=False, default=str, sort_keys=True) + "\n"
                )
                lines += 1
    print(f"{len(docs)} documents, {lines} records -> {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Coverage-guided fuzzing of decoding, parsing, extraction and the audit (atheris).

Not collected by pytest (the file name does not start with ``test_``).  Run for a bounded
time::

    python tests/fuzz/fuzz_pipeline.py -max_total_time=60 -rss_limit_mb=2048

Any exception other than a documented :class:`~shanxi_poverty.errors.DocumentError`, or a
measurement whose provenance is not its raw text, or an unaccounted numeral, is a crash
and atheris saves the input as ``crash-*``.
"""

from __future__ import annotations

import contextlib
import sys

import atheris  # type: ignore[import-untyped,import-not-found,unused-ignore]

with atheris.instrument_imports():
    from shanxi_poverty.audit import audit
    from shanxi_poverty.errors import DocumentError
    from shanxi_poverty.extract import extract
    from shanxi_poverty.sources import decode_raw, parse_document

SEED_PIECES = ("全市20104户", "2.3亿元", "<p>", "---\ntitle: x\n---\n", "績(jì)效", "\r\n")


def test_one_input(data: bytes) -> None:
    """One fuzz input: strict decoding, then replacement decoding, parse and extract."""
    fdp = atheris.FuzzedDataProvider(data)
    choice = fdp.ConsumeIntInRange(0, 2)
    payload = fdp.ConsumeBytes(fdp.remaining_bytes())
    with contextlib.suppress(DocumentError):
        decode_raw(payload, name="fuzz.txt")
    raw = payload.decode("utf-8", errors="replace")
    if choice == 1:
        raw = "".join(SEED_PIECES) + raw
    elif choice == 2:
        raw = raw.replace("\n", "\r\n")
    try:
        doc = parse_document(raw, name="fuzz.txt")
    except DocumentError:
        return
    for m in extract(doc):
        assert m.provenance is not None
        assert m.provenance.text == raw[m.provenance.span.start : m.provenance.span.end]
    assert audit(doc) == []


def main() -> None:
    """Run atheris with the command-line options (``-max_total_time``, ``-runs``, …)."""
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()

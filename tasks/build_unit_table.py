"""Generate ``src/shanxi_poverty/data/unit_table.json``: the unit words extraction reads,
resolved once with pint.

Usage::

    python tasks/build_unit_table.py            # rewrite the data file
    python tasks/build_unit_table.py --check    # exit 1 if the committed file is stale

Extraction needs, for each unit word it can read (``[units] words`` and the units of
``[implied_units]`` in ``data/quantity_words.toml``, and their canonical labels), only the
multiplier, the canonical label and the dimension (``null`` for units outside
:class:`~shanxi_poverty.model.Dimension`, such as 兆瓦).  Importing pint and building the registry
costs most of the first call's half second, so :func:`shanxi_poverty.units.split_unit` and
:func:`~shanxi_poverty.units.dimension_of` answer these words from this table and build the
registry only for other words and for arithmetic.  The table is pint's own answers:
``tests/test_units.py`` checks that it is up to date and that every entry equals pint's.
"""

from __future__ import annotations

import argparse
import json
import sys
import tomllib
from pathlib import Path
from typing import Final

from shanxi_poverty.errors import UnknownUnitError
from shanxi_poverty.units import _pint_dimension_of, _pint_split_unit

ROOT: Final = Path(__file__).resolve().parent.parent
WORDS: Final = ROOT / "src" / "shanxi_poverty" / "data" / "quantity_words.toml"
OUTPUT: Final = ROOT / "src" / "shanxi_poverty" / "data" / "unit_table.json"


def unit_words() -> list[str]:
    """Every unit word extraction can produce, with their canonical labels, sorted."""
    data = tomllib.loads(WORDS.read_text(encoding="utf-8"))
    words = set(data["units"]["words"]) | set(data["implied_units"].values())
    words |= {_pint_split_unit(w)[1] for w in words}
    return sorted(words)


def build() -> str:
    """The file's text: one entry per word, keys sorted, UTF-8, final newline."""
    table: dict[str, dict[str, str | None]] = {}
    for word in unit_words():
        factor, label = _pint_split_unit(word)
        try:
            dimension: str | None = _pint_dimension_of(word).value
        except UnknownUnitError:  # a unit outside the library's dimensions (兆瓦: power)
            dimension = None
        table[word] = {"factor": str(factor), "label": label, "dimension": dimension}
    return json.dumps(table, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="fail if the file is stale")
    args = parser.parse_args(argv)
    text = build()
    if args.check:
        if OUTPUT.read_text(encoding="utf-8") != text:
            print(f"{OUTPUT} is stale: run python tasks/build_unit_table.py", file=sys.stderr)
            return 1
        return 0
    OUTPUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUTPUT} ({text.count(chr(10)) - 1} lines)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

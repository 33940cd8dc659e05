"""Generate ``src/shanxi_poverty/data/regions.json`` from the divisions table.

Usage::

    python tasks/build_regions.py            # rewrite the data file
    python tasks/build_regions.py --check    # exit 1 if the committed file is stale
    python tasks/build_regions.py --csv ../shared/reference/shanxi_divisions.csv

Inputs are the copies in ``tasks/data/`` (``shanxi_divisions.csv``,
``shanxi_poverty_counties.csv``) of the shared reference tables, so a fresh clone regenerates
the file with nothing beside it.  The output is deterministic: entries sorted by code, keys
sorted, UTF-8 with ``ensure_ascii=False`` and a final newline.

Decisions taken here (documented in ``docs/regions.md``):

* The country is entry ``100000`` 中国 (level ``country``; 全国 is an alias).  GB/T 2260 has
  no code for the whole country; ``100000`` is the code the AMap/DataV ``adcode`` tables use.
* Traditional spellings are generated with OpenCC ``s2t`` and stored as aliases.
* Every abolished unit (``valid_to`` set) gets a ``successor``: the current unit that lists it
  among its ``former_names``; where several do (the 2018 Datong split), the principal
  successor is fixed in :data:`PRINCIPAL_SUCCESSOR`.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from pathlib import Path
from typing import Final

import opencc

ROOT: Final = Path(__file__).resolve().parent.parent
DIVISIONS_CSV: Final = ROOT / "tasks" / "data" / "shanxi_divisions.csv"
POVERTY_CSV: Final = ROOT / "tasks" / "data" / "shanxi_poverty_counties.csv"
OUTPUT: Final = ROOT / "src" / "shanxi_poverty" / "data" / "regions.json"

#: The country entry (not in the CSV).
COUNTRY: Final = {
    "code": "100000",
    "name": "中国",
    "short_name": "中国",
    "level": "country",
    "parent_code": None,
}

#: Abolished units split between several successors: the one that took their seat and most
#: of their territory.  南郊区's government and six townships went to 云冈区.
PRINCIPAL_SUCCESSOR: Final = {"140211": "140214"}

#: Spellings seen in sources that are not the standard name (README of the reference data:
#: jionlp's change table writes 云岗区 for 云冈区).
EXTRA_ALIASES: Final = {"140214": ["云岗区"]}


def _int_or_none(text: str) -> int | None:
    return int(text) if text.strip() else None


def _former_names(cell: str, abolished: dict[str, dict[str, str]]) -> list[dict[str, object]]:
    """Parse ``城区(140202);南郊区(140211)`` into former-name records."""
    out: list[dict[str, object]] = []
    for raw_item in cell.split(";"):
        item = raw_item.strip()
        if not item:
            continue
        name, _, rest = item.partition("(")
        code = rest.rstrip(")") or None
        valid_to = _int_or_none(abolished[code]["valid_to"]) if code in abolished else None
        out.append({"code": code, "name": name, "valid_to": valid_to})
    return out


def _poverty(path: Path) -> dict[str, dict[str, object]]:
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    out: dict[str, dict[str, object]] = {}
    for row in rows:
        if not row["code"]:
            continue  # the unidentified 22nd provincial county (README, known gap 1)
        out[row["code"]] = {
            "category": row["category"],
            "deep_poverty": row["deep_poverty"] == "yes",
            "exit_year": _int_or_none(row["exit_year"]),
            "national": row["national_or_provincial"] == "国定",
        }
    return out


def _aliases(converter: opencc.OpenCC, *names: str | None) -> list[str]:
    seen = {n for n in names if n}
    out = set()
    for name in seen:
        trad = str(converter.convert(name))
        if trad not in seen:
            out.add(trad)
    return sorted(out)


def build(divisions_csv: Path = DIVISIONS_CSV, poverty_csv: Path = POVERTY_CSV) -> str:
    """The text of ``regions.json`` built from the two tables."""
    converter = opencc.OpenCC("s2t")
    with divisions_csv.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    abolished = {r["code"]: r for r in rows if r["valid_to"].strip()}
    poverty = _poverty(poverty_csv)
    successors: dict[str, list[str]] = {}
    entries: list[dict[str, object]] = []
    for row in rows:
        former = _former_names(row["former_names"], abolished)
        for item in former:
            if item["code"]:
                successors.setdefault(str(item["code"]), []).append(row["code"])
        short = row["short_name"] or None
        aliases = _aliases(converter, row["name"], short) + EXTRA_ALIASES.get(row["code"], [])
        entries.append(
            {
                "aliases": sorted(set(aliases)),
                "code": row["code"],
                "county_type": row["notes"].split(";")[0].split(" (")[0].strip() or None
                if row["level"] == "county"
                else None,
                "former_names": former,
                "level": row["level"],
                "name": row["name"],
                "parent_code": row["parent_code"] or COUNTRY["code"],
                "poverty_county": poverty.get(row["code"]),
                "short_name": short,
                "successor": None,
                "valid_from": _int_or_none(row["valid_from"]),
                "valid_to": _int_or_none(row["valid_to"]),
            }
        )
    for entry in entries:
        code = str(entry["code"])
        if entry["valid_to"] is not None:
            candidates = successors.get(code, [])
            entry["successor"] = PRINCIPAL_SUCCESSOR.get(code) or (
                candidates[0] if candidates else None
            )
    country_aliases = ["全国", "中华人民共和国"]
    country: dict[str, object] = {
        "aliases": sorted({*country_aliases, *_aliases(converter, "中国", *country_aliases)}),
        "code": COUNTRY["code"],
        "county_type": None,
        "former_names": [],
        "level": COUNTRY["level"],
        "name": COUNTRY["name"],
        "parent_code": None,
        "poverty_county": None,
        "short_name": COUNTRY["short_name"],
        "successor": None,
        "valid_from": None,
        "valid_to": None,
    }
    entries.append(country)
    entries.sort(key=lambda e: str(e["code"]))
    document = {
        "comment": "Generated by tasks/build_regions.py from tasks/data/*.csv; do not edit.",
        "regions": entries,
    }
    buffer = io.StringIO()
    json.dump(document, buffer, ensure_ascii=False, indent=1, sort_keys=True)
    buffer.write("\n")
    return buffer.getvalue()


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0] if __doc__ else None)
    parser.add_argument("--csv", type=Path, default=DIVISIONS_CSV, help="divisions table")
    parser.add_argument("--poverty-csv", type=Path, default=POVERTY_CSV, help="poverty counties")
    parser.add_argument("--output", type=Path, default=OUTPUT, help="file to write or check")
    parser.add_argument("--check", action="store_true", help="only check; exit 1 if stale")
    args = parser.parse_args(argv)
    text = build(args.csv, args.poverty_csv)
    output: Path = args.output
    if args.check:
        current = output.read_text(encoding="utf-8") if output.exists() else ""
        if current != text:
            print(f"{output} is out of date; run python tasks/build_regions.py", file=sys.stderr)
            return 1
        return 0
    output.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

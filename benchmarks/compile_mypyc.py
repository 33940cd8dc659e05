"""Compile the pipeline's hot modules with mypyc into a copy of the package (an experiment).

Run from the repository root (needs mypy, which the ``typing`` extra installs, and a C
compiler; about half a minute)::

    python benchmarks/compile_mypyc.py build/mypyc
    python benchmarks/compare_trees.py src build/mypyc          # wall clock, A/B
    PYTHONPATH=build/mypyc python benchmarks/bench_instructions.py

The copy in the output folder is the package's source with the modules below compiled in
place, so ``PYTHONPATH=build/mypyc`` runs it in any environment that has the package's
dependencies.  Nothing here is shipped: the wheel stays pure Python.  It measures what the
"compiled core" option of issue 8 would give for this code as it is written.

Modules that mypyc cannot compile as written are left out: those whose attrs classes set a
field's default by decorator or converter on a typed class attribute (``document``,
``model``, ``extract._rules``), a ``runtime_checkable`` protocol (``_opencc``), and one that
trips an internal mypyc error (``sources.jekyll``).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Final

ROOT: Final = Path(__file__).resolve().parent.parent

#: The modules on the per-character and per-figure path (see docs/performance.md).
HOT_MODULES: Final = (
    "shanxi_poverty/_wordlist.py",
    "shanxi_poverty/numerals.py",
    "shanxi_poverty/normalize.py",
    "shanxi_poverty/regions.py",
    "shanxi_poverty/vocabulary.py",
    "shanxi_poverty/sources/_common.py",
    "shanxi_poverty/sources/plain.py",
    "shanxi_poverty/extract/quantities.py",
    "shanxi_poverty/extract/context.py",
)

# mypyc type-checks before compiling; these libraries ship no type information.
_MYPY_CONFIG: Final = """\
[mypy]
[mypy-opencc,pint,pint.*]
ignore_missing_imports = True
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="folder to write the compiled copy to")
    parser.add_argument(
        "--module",
        action="append",
        help="a module path under src/ to compile (repeatable; default: the hot modules)",
    )
    args = parser.parse_args(argv)
    out: Path = args.out.resolve()
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(
        ROOT / "src" / "shanxi_poverty",
        out / "shanxi_poverty",
        ignore=shutil.ignore_patterns("__pycache__", "*.so"),
    )
    (out / "mypy.ini").write_text(_MYPY_CONFIG, encoding="utf-8")
    modules = args.module or list(HOT_MODULES)
    done = subprocess.run(
        [sys.executable, "-m", "mypyc", *modules],
        cwd=out,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        print(done.stdout[-4000:], done.stderr[-4000:], sep="\n", file=sys.stderr)
        return done.returncode
    built = sorted(p.relative_to(out) for p in out.rglob("*.so"))
    print(f"compiled {len(modules)} modules into {out} ({len(built)} extension files)")
    print(f"run it with: PYTHONPATH={out} python ...")
    return 0


if __name__ == "__main__":
    sys.exit(main())

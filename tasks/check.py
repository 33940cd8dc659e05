"""Run every check of the project; exit non-zero if any fails.

This is the README's test command and what ``.ci/run`` calls:

    python tasks/check.py            # all gates
    python tasks/check.py pytest     # only the named gates

Gates: pytest (tests, doctests, property and gold-accuracy tests), mypy --strict, ruff check,
ruff format --check, Sphinx HTML with warnings as errors, and the Sphinx doctest builder.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _gates(build: Path) -> dict[str, list[str]]:
    py = sys.executable
    sphinx = [py, "-m", "sphinx", "-W", "--keep-going", "-q", "-b"]
    return {
        "pytest": [py, "-m", "pytest"],
        "mypy": [py, "-m", "mypy", "--strict"],
        "ruff": [py, "-m", "ruff", "check", "."],
        "ruff-format": [py, "-m", "ruff", "format", "--check", "."],
        "docs": [*sphinx, "html", "docs", str(build / "html")],
        "doctest": [*sphinx, "doctest", "docs", str(build / "doctest")],
    }


def main(argv: list[str]) -> int:
    with tempfile.TemporaryDirectory(prefix="shanxi-poverty-docs-") as tmp:
        gates = _gates(Path(tmp))
        unknown = [name for name in argv if name not in gates]
        if unknown:
            print(f"unknown gate(s): {', '.join(unknown)}; known: {', '.join(gates)}")
            return 2
        failed: list[str] = []
        for name in argv or list(gates):
            print(f"==> {name}: {' '.join(gates[name][2:])}", flush=True)
            began = time.monotonic()
            code = subprocess.call(gates[name], cwd=ROOT)
            print(
                f"<== {name}: {'ok' if code == 0 else f'FAILED ({code})'} "
                f"in {time.monotonic() - began:.1f}s",
                flush=True,
            )
            if code != 0:
                failed.append(name)
    if failed:
        print(f"FAILED gates: {', '.join(failed)}")
        return 1
    print("all gates passed")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

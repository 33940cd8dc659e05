"""Sphinx configuration of the shanxi_poverty documentation."""

from __future__ import annotations

import importlib.metadata
from pathlib import Path

project = "shanxi_poverty"
author = "shanxi_poverty developers"
copyright = "2026, shanxi_poverty developers"
release = importlib.metadata.version("shanxi-poverty")
version = ".".join(release.split(".")[:2])

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinx.ext.doctest",
    "sphinx.ext.intersphinx",
    "sphinx.ext.viewcode",
]
source_suffix = {".md": "markdown", ".rst": "restructuredtext"}
exclude_patterns = ["_build"]
language = "zh_CN"
html_theme = "furo"
html_title = f"shanxi_poverty {release}"

autodoc_typehints = "description"
autodoc_member_order = "bysource"
autodoc_default_options = {"members": True, "show-inheritance": True}
napoleon_google_docstring = True
napoleon_numpy_docstring = False
myst_enable_extensions = ["colon_fence"]
myst_heading_anchors = 3
# The intersphinx inventories are not reachable offline; keep references local.
intersphinx_mapping: dict[str, tuple[str, str | None]] = {}
nitpicky = False
SEEDS = Path(__file__).resolve().parent.parent / "seeds"
doctest_global_setup = f"""
from decimal import Decimal
from pathlib import Path
import shanxi_poverty as sp
SEEDS = Path({str(SEEDS)!r})
def read_seed(name):
    with open(SEEDS / name, encoding="utf-8", newline="") as fh:
        return fh.read()
"""

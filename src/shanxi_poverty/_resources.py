"""The one place that reads the package's data files (``shanxi_poverty/data``)."""

from __future__ import annotations

import functools
import importlib.resources

__all__ = ["read_text"]


@functools.cache
def read_text(name: str) -> str:
    """Text of the packaged data file ``data/<name>`` (cached)."""
    return importlib.resources.files("shanxi_poverty").joinpath("data", name).read_text("utf-8")

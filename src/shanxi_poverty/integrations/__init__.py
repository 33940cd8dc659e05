"""Integrations with other libraries, each behind an optional extra.

* :mod:`shanxi_poverty.integrations.dask`: many files → a Dask bag or DataFrame of flat
  measurement records, on one machine or a Dask distributed cluster
  (``pip install 'shanxi-poverty[dask]'``).

Importing an integration module never imports the library it integrates; that happens on the
first call, with an :class:`ImportError` naming the extra to install when it is missing.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

__all__: list[str] = []


def __dir__() -> list[str]:
    return __all__

"""Typed adapter around the untyped ``opencc`` package (traditional → simplified).

Two distributions install the import name ``opencc``: the pure-Python
``opencc-python-reimplemented`` (a runtime dependency) and the compiled ``opencc`` wheels
(the ``fast`` extra).  Their constructors differ: the reimplementation takes ``"t2s"``, the
compiled one a configuration file name ``"t2s.json"``.  :func:`default_converter` hides that
difference behind the :class:`TextConverter` Protocol, so ``Any`` never leaks out.

>>> default_converter().convert("鄉村振興")
'乡村振兴'
"""

from __future__ import annotations

import functools
from typing import Protocol, runtime_checkable

__all__ = ["TextConverter", "backend", "default_converter"]


def __dir__() -> list[str]:
    return __all__


@runtime_checkable
class TextConverter(Protocol):
    """Anything that converts a text to another script."""

    def convert(self, text: str, /) -> str:
        """The converted text."""
        ...


class _OpenCCConverter:
    """Wraps an ``opencc.OpenCC`` object of either distribution."""

    def __init__(self, impl: object, name: str) -> None:
        self._impl = impl
        self.backend = name

    def convert(self, text: str, /) -> str:
        result = self._impl.convert(text)  # type: ignore[attr-defined]
        return str(result)


def _is_compiled(module: object) -> bool:
    """Whether the imported ``opencc`` is the compiled distribution.

    The compiled package ships a native extension (``opencc_clib``) and configuration files
    named ``*.json``; the reimplementation has neither.
    """
    return hasattr(module, "_opencc") or hasattr(module, "CONFIGS")


#: A conversion every working installation gets right.
_PROBE = ("鄉村振興與脫貧攻堅", "乡村振兴与脱贫攻坚")
_BROKEN = (
    "the installed 'opencc' package cannot convert traditional to simplified Chinese: the "
    "compiled 'opencc' and 'opencc-python-reimplemented' install the same import name and "
    "one may have overwritten or half-removed the other; repair it with "
    "'pip install --force-reinstall opencc-python-reimplemented' (pure Python) or "
    "'pip install --force-reinstall opencc' (compiled, the [fast] extra)"
)


@functools.cache
def default_converter() -> TextConverter:
    """The traditional → simplified converter of the installed ``opencc`` (cached).

    Uses the compiled OpenCC when it is installed, else ``opencc-python-reimplemented``.  The
    two share the import name ``opencc``, so the module is probed: each API is tried and the
    first that converts a known phrase correctly is used.

    Raises:
        ImportError: if neither API works (a broken or half-removed installation), with the
            command that repairs it.
    """
    try:
        import opencc  # noqa: PLC0415 - loading the dictionaries is slow; load on first use
    except ImportError as exc:
        raise ImportError(_BROKEN) from exc

    attempts = [("t2s.json", "compiled"), ("t2s", "reimplemented")]
    if not _is_compiled(opencc):
        attempts.reverse()
    for config, name in attempts:
        try:
            converter = _OpenCCConverter(opencc.OpenCC(config), name)
            if converter.convert(_PROBE[0]) == _PROBE[1]:
                return converter
        except Exception:  # noqa: BLE001, S112 - any failure means: try the other API
            continue
    raise ImportError(_BROKEN)


def backend() -> str:
    """``"compiled"`` or ``"reimplemented"``: which ``opencc`` :func:`default_converter` uses."""
    conv = default_converter()
    return conv.backend if isinstance(conv, _OpenCCConverter) else "custom"

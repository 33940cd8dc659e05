"""Typed adapter around the untyped ``opencc`` package (traditional → simplified).

Two distributions install the import name ``opencc``: the pure-Python
``opencc-python-reimplemented`` (a runtime dependency) and the compiled ``opencc`` wheels
(the ``fast`` extra).  Their constructors differ: the reimplementation takes ``"t2s"``, the
compiled one a configuration file name ``"t2s.json"``.  :func:`default_converter` hides that
difference behind the :class:`TextConverter` Protocol, so ``Any`` never leaks out.

With the reimplementation, the text is converted by :class:`_GroupConverter`: the same
algorithm on the same loaded dictionaries, in a few passes of compiled code instead of one
Python dictionary look-up per substring tried (about 20x faster on the traditional seeds,
``benchmarks/bench_opencc.py``; the same output).

>>> default_converter().convert("鄉村振興")
'乡村振兴'
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from shanxi_poverty._wordlist import longest_words, prefix_table, trie_pattern

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

#: A dictionary of multi-character keys: the longest key at a position (a trie pattern),
#: key → value, and for each key the keys that are its prefixes, longest first.
_KeyStep = tuple[re.Pattern[str], dict[str, str], dict[str, tuple[str, ...]]]

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


class _GroupConverter:
    """``opencc-python-reimplemented``'s conversion by one group of dictionaries, faster.

    The reimplementation splits the text at separator characters; in each piece it replaces
    the longest dictionary key found anywhere (the leftmost of that length) and goes on in
    the parts left and right of it, then does the same with the group's next dictionary in
    the parts no key of the earlier ones matched (a key mapped to several values takes the
    first).  Keys never hold separators, so the pieces are independent, and choosing in
    each piece the longest then leftmost key that does not overlap an earlier choice is
    choosing, over the whole text, every key occurrence in that order that overlaps no
    earlier one.  This class does exactly that: one pattern finds every occurrence of a
    multi-character key, and a dictionary of single characters is a ``str.translate``
    table.  ``tests/test_opencc_fast.py`` checks the output against the reimplementation.
    """

    def __init__(
        self,
        separators: re.Pattern[str],
        keys: Sequence[Mapping[str, str]],
        characters: Mapping[str, str] | None,
    ) -> None:
        """``keys``: the group's dictionaries of multi-character keys, in order;
        ``characters``: its last dictionary when all its keys are single characters."""
        self._steps: list[_KeyStep] = []
        for mapping in keys:
            words = {key: value.split(" ")[0] for key, value in mapping.items() if key}
            self._steps.append((re.compile(trie_pattern(words)), words, prefix_table(words)))
        # Separators are not part of any piece, so they are never converted.
        self._table = {
            ord(key): value.split(" ")[0]
            for key, value in (characters or {}).items()
            if not separators.fullmatch(key)
        }

    def convert(self, text: str, /) -> str:
        gaps = [(0, len(text))]  # the ranges no key has replaced yet
        done: dict[int, tuple[int, str]] = {}  # start -> (end, replacement)
        for step in self._steps:
            gaps = _replace_keys(text, gaps, step, done)
        for lo, hi in gaps:
            done[lo] = (hi, text[lo:hi].translate(self._table))
        return "".join(done[start][1] for start in sorted(done))


def _replace_keys(
    text: str, gaps: list[tuple[int, int]], step: _KeyStep, done: dict[int, tuple[int, str]]
) -> list[tuple[int, int]]:
    """Replace the key occurrences inside ``gaps``, longest then leftmost first, none
    overlapping an earlier one, into ``done``; returns the ranges left."""
    finder, words, prefixes = step
    found: list[tuple[int, int]] = []  # (-length, start)
    for lo, hi in gaps:
        # every key starting at a position is a prefix of the longest one there
        for i, longest in longest_words(finder, text, lo, hi):
            found.extend((-len(key), i) for key in prefixes[longest])
    if not found:
        return gaps
    found.sort()
    taken = bytearray(len(text))
    for neg, i in found:
        end = i - neg
        if taken.find(1, i, end) < 0:
            taken[i:end] = b"\x01" * (end - i)
            done[i] = (end, words[text[i:end]])
    left: list[tuple[int, int]] = []
    for lo, hi in gaps:
        pos = lo
        while pos < hi:
            if taken[pos]:
                pos = done[pos][0]
                continue
            nxt = taken.find(1, pos, hi)
            stop = hi if nxt < 0 else nxt
            left.append((pos, stop))
            pos = stop
    return left


def _fast_reimplemented(impl: object) -> _GroupConverter | None:
    """A :class:`_GroupConverter` for a reimplementation object whose configuration is one
    group of dictionaries (as ``t2s`` is), else ``None``."""
    separators = getattr(impl, "split_chars_re", None)
    chain = getattr(impl, "_dict_chain_data", None)
    if not isinstance(separators, re.Pattern) or not isinstance(chain, list) or len(chain) != 1:
        return None
    group = chain[0]
    if not isinstance(group, list) or not group:
        return None
    dictionaries: list[dict[str, str]] = []
    for entry in group:
        if not (isinstance(entry, tuple) and len(entry) == 3 and isinstance(entry[2], dict)):  # noqa: PLR2004
            return None
        dictionaries.append(entry[2])
    if any(separators.search(key) for mapping in dictionaries for key in mapping):
        return None  # a key holding a separator would join two pieces
    characters = None
    if all(len(key) == 1 for key in dictionaries[-1]):
        characters = dictionaries.pop()
    if any(len(key) == 1 for mapping in dictionaries for key in mapping):
        return None  # single characters mixed with longer keys: not this algorithm's shape
    return _GroupConverter(separators, dictionaries, characters)


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
            impl = opencc.OpenCC(config)
            works = _OpenCCConverter(impl, name).convert(_PROBE[0]) == _PROBE[1]
        except Exception:  # noqa: BLE001, S112 - any failure means: try the other API
            continue
        if not works:
            continue
        fast = _fast_reimplemented(impl) if name == "reimplemented" else None
        if fast is not None and fast.convert(_PROBE[0]) == _PROBE[1]:
            return _OpenCCConverter(fast, name)
        return _OpenCCConverter(impl, name)
    raise ImportError(_BROKEN)


def backend() -> str:
    """``"compiled"`` or ``"reimplemented"``: which ``opencc`` :func:`default_converter` uses."""
    conv = default_converter()
    return conv.backend if isinstance(conv, _OpenCCConverter) else "custom"

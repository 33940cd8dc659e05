"""Regular expressions that find any word of a large word list in one pass.

A plain alternation of hundreds of literal words makes the engine try each word in turn at
every candidate position; the same words arranged as a character trie (a nested alternation
sharing prefixes) are tried one character at a time.  Greedy optional groups make a match the
longest word starting at its position, as a longest-first alternation would.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = ["longest_words", "prefix_table", "trie_pattern"]

#: A character trie: each key a character, ``_END`` marking that a word ends at the node.
_Trie = dict[str, "_Trie"]
_END = ""


def trie_pattern(words: Iterable[str]) -> str:
    """A regex source matching any of ``words`` (non-empty), longest first at a position;
    with no words, a pattern that matches nothing.

    >>> trie_pattern(["扶贫", "扶贫搬迁", "扶持"])
    '扶(?:持|贫(?:搬迁)?)'
    """
    trie: _Trie = {}
    for word in words:
        if not word:
            continue
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[_END] = {}
    return _node_pattern(trie) if trie else "(?!)"


def _node_pattern(node: _Trie) -> str:
    branches = [
        re.escape(char) + _node_pattern(child) for char, child in sorted(node.items()) if char
    ]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if _END not in node:
        return body
    # a word ends here: try the longer words first, then stop here
    if len(branches) == 1 and len(body) > 1:
        body = f"(?:{body})"
    return body + "?"


def longest_words(
    pattern: re.Pattern[str], text: str, pos: int = 0, endpos: int | None = None
) -> list[tuple[int, str]]:
    """For every position of ``text[pos:endpos]`` where a word of ``pattern`` (compiled from
    :func:`trie_pattern`) starts, that position and the longest word there ending by
    ``endpos``; the words may overlap.

    ``search`` skips in C the positions where no word starts (a lookahead pattern run with
    ``finditer`` would be tried at every position).  A list, not a generator: it is called
    for every phrase matched, and resuming a generator per word costs more than the list.

    >>> longest_words(re.compile(trie_pattern(["扶贫", "贫困", "贫困户"])), "扶贫困户")
    [(0, '扶贫'), (1, '贫困户')]
    """
    found = []
    search = pattern.search
    if endpos is None:
        endpos = len(text)
    while (match := search(text, pos, endpos)) is not None:
        start = match.start()
        found.append((start, match.group()))
        pos = start + 1
    return found


def prefix_table(words: Iterable[str]) -> dict[str, tuple[str, ...]]:
    """For each word (non-empty), the words of ``words`` that are its prefixes, longest
    first, itself included: the shorter words that start where :func:`longest_words`
    reports the longest one.

    >>> prefix_table(["扶贫", "扶贫搬迁", "扶持"])["扶贫搬迁"]
    ('扶贫搬迁', '扶贫')
    """
    known = {word for word in words if word}
    return {
        word: tuple(word[:k] for k in range(len(word), 0, -1) if word[:k] in known)
        for word in known
    }

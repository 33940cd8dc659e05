"""Word-list patterns (shanxi_poverty._wordlist) against a brute-force reference."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from shanxi_poverty._wordlist import longest_words, prefix_table, trie_pattern

# A small alphabet with a regex metacharacter, so words share prefixes and need escaping.
WORDS = st.lists(st.text(alphabet="扶贫搬迁a.+", min_size=1, max_size=4), min_size=1, max_size=12)
TEXT = st.text(alphabet="扶贫搬迁a.+x", max_size=30)


def _longest_at(words: list[str], text: str, i: int) -> str | None:
    found = [w for w in words if text.startswith(w, i)]
    return max(found, key=len) if found else None


@given(WORDS, TEXT)
def test_longest_words_at_each_position(words: list[str], text: str) -> None:
    got = list(longest_words(re.compile(trie_pattern(words)), text))
    expected = [(i, w) for i in range(len(text)) if (w := _longest_at(words, text, i)) is not None]
    assert got == expected


@given(WORDS, TEXT, st.integers(0, 30), st.integers(0, 30))
def test_longest_words_within_bounds(words: list[str], text: str, pos: int, endpos: int) -> None:
    """With ``pos``/``endpos``, the words of that slice, at their positions in the text."""
    got = longest_words(re.compile(trie_pattern(words)), text, pos, endpos)
    window = text[:endpos]
    expected = [
        (i, w) for i in range(pos, len(window)) if (w := _longest_at(words, window, i)) is not None
    ]
    assert got == expected


@given(WORDS, TEXT)
def test_trie_pattern_scans_leftmost_longest(words: list[str], text: str) -> None:
    expected, i = [], 0
    while i < len(text):
        word = _longest_at(words, text, i)
        if word is None:
            i += 1
            continue
        expected.append((i, word))
        i += len(word)
    got = [(m.start(), m.group()) for m in re.finditer(trie_pattern(words), text)]
    assert got == expected


@given(WORDS, TEXT)
def test_prefix_table_gives_every_word_starting_with_the_longest(
    words: list[str], text: str
) -> None:
    """The longest word at a position and its prefix table entry are every word that starts
    there, longest first."""
    table = prefix_table(words)
    for i, longest in longest_words(re.compile(trie_pattern(words)), text):
        starting = sorted({w for w in words if text.startswith(w, i)}, key=len, reverse=True)
        assert list(table[longest]) == starting

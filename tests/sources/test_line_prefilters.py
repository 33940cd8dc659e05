"""Metadata finders skip lines without a literal every match of their pattern holds (摄,
编, 源); they find what a search of every line finds."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from tests.conftest import read_seed

from shanxi_poverty.sources._common import (
    _EDITOR,
    _PHOTO,
    _PUBLISHER,
    _names,
    find_editor,
    find_photo_credits,
    find_publisher,
)


def _every_line_photo(lines: list[str]) -> list[str]:
    return list(
        dict.fromkeys(n for line in lines for m in _PHOTO.finditer(line) for n in _names(m[1]))
    )


def _every_line_first(pattern: object, lines: list[str]) -> str | None:
    for line in lines:
        if m := pattern.search(line):  # type: ignore[attr-defined]
            return str(m.group(1))
    return None


def _check(lines: list[str]) -> None:
    assert find_photo_credits(lines) == _every_line_photo(lines)
    assert find_editor(lines) == _every_line_first(_EDITOR, lines)
    assert find_publisher(lines) == _every_line_first(_PUBLISHER, lines)


def test_line_finders_on_the_seeds(seed_names: list[str]) -> None:
    for name in seed_names:
        _check(read_seed(name).splitlines())


_WORDS = ["记者", "摄影", "通讯员", "韩双喜", "张勇", " ", "摄", "责任编辑", "责编", "】", "：",
          ":", "吉政", "文章来源", "来源", "稿源", "山西日报", "，", "编", "源"]  # fmt: skip


@settings(max_examples=500)
@given(st.lists(st.lists(st.sampled_from(_WORDS), max_size=6).map("".join), max_size=3))
def test_line_finders_on_soup(lines: list[str]) -> None:
    _check(lines)

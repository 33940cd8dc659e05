"""Every error class is a ShanxiPovertyError and pickles with its fields."""

from __future__ import annotations

import pickle

import pytest

from shanxi_poverty import errors

SAMPLES: list[errors.ShanxiPovertyError] = [
    errors.UnknownUnitError("斤两"),
    errors.DimensionMismatchError("人", "户"),
    errors.NumeralError("二十x", 2, "unexpected character 'x'"),
    errors.DocumentError("bad front matter", doc="a.txt", position=12),
    errors.EmptyDocumentError("empty input", doc="b.txt", position=0),
    errors.UnknownFormatError("pdf", ("plain", "jekyll")),
    errors.RegionNotFoundError("城区"),
    errors.VocabularyError("indicator", "x"),
    errors.NotAdditiveError("poverty_incidence"),
]


@pytest.mark.parametrize("error", SAMPLES, ids=lambda e: type(e).__name__)
def test_error_pickles_with_fields(error: errors.ShanxiPovertyError) -> None:
    """An error crosses a process boundary unchanged (message and attributes)."""
    copy = pickle.loads(pickle.dumps(error))  # noqa: S301 - our own bytes
    assert type(copy) is type(error)
    assert str(copy) == str(error)
    assert copy.__dict__ == error.__dict__


def test_every_error_derives_from_the_base() -> None:
    """All public error classes derive from ShanxiPovertyError."""
    for name in errors.__all__:
        assert issubclass(getattr(errors, name), errors.ShanxiPovertyError)


def test_document_error_names_document_and_position() -> None:
    """A document error's message starts with 'name:position:'."""
    error = errors.DocumentError("bad front matter", doc="a.txt", position=12)
    assert str(error) == "a.txt:12: bad front matter"
    assert (error.doc, error.position, error.reason) == ("a.txt", 12, "bad front matter")


def test_numeral_error_shows_a_caret() -> None:
    """A numeral error points at the failing character."""
    error = errors.NumeralError("二十x", 2, "unexpected character 'x'")
    assert str(error) == "unexpected character 'x'\n    二十x\n      ^"

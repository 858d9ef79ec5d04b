"""The native form carries every field: read(write(r)) == r for any record."""

from __future__ import annotations

import pytest
from hypothesis import given
from strategies import publications

import pubmeta
from pubmeta import Publication
from pubmeta.formats import native


@given(publications())
def test_json_round_trip(record: Publication) -> None:
    assert pubmeta.read(pubmeta.write(record), format="pubmeta") == [record]


@given(publications())
def test_yaml_round_trip(record: Publication) -> None:
    text = native.write_yaml([record])
    assert next(iter(native.read(text, ".yaml"))).document is not None
    assert pubmeta.read(text, format="pubmeta") == [record]


@given(publications(max_contributors=3), publications(max_contributors=3))
def test_json_lines_round_trip(first: Publication, second: Publication) -> None:
    text = native.write([first, second], layout="jsonl")
    assert text.count("\n") == 2 and len(text.splitlines()) == 2  # no other line breaks
    assert next(iter(native.read(text, ".jsonl"))).raw is not None
    assert pubmeta.read(text.encode(), format="pubmeta") == [first, second]


@given(publications())
def test_writing_is_stable(record: Publication) -> None:
    text = pubmeta.write(record)
    assert pubmeta.write(pubmeta.read(text, format="pubmeta")) == text


def test_an_array_of_records_is_written_as_an_array() -> None:
    records = [Publication(title="A"), Publication(title="B")]
    assert pubmeta.write(records).lstrip().startswith("[")
    assert pubmeta.read(pubmeta.write(records)) == records


def test_writing_nothing_is_an_error() -> None:
    with pytest.raises(pubmeta.PubmetaError):
        pubmeta.write([])


@pytest.mark.parametrize("layout", ["yaml", "jsonl", "json"])
@pytest.mark.parametrize("mark", ["\x85", "\u2028", "\u2029"])
def test_unicode_line_breaks_inside_values_survive_every_layout(layout: str, mark: str) -> None:
    record = Publication.model_validate(
        {"type": "article", "funding": [{"funder": f"Fund{mark}A"}], "title": f"T{mark}x"}
    )
    text = native.write([record], layout=layout)
    assert pubmeta.read(text, format="pubmeta") == [record]

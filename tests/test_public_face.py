"""The public face (issue 26): every model class on ``pubmeta``, typed findings on errors, and
``pubmeta.iter_records`` streaming records from a path, a file object or lines."""

from __future__ import annotations

import io
import itertools
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import REPO, SHARED, need
from pydantic import BaseModel

import pubmeta
from pubmeta import model

SEED = REPO / "seeds" / "000_d4b476da1a4995c2.yaml"


def test_the_model_classes_the_issue_names_are_on_the_public_face() -> None:
    named = ["Publication", "Contributor", "Pages", "EventDates", "License", "Funding",
             "Series", "Affiliation", "Container", "Event", "Identifiers"]  # fmt: skip
    assert all(getattr(pubmeta, name) is getattr(model, name) for name in named)


def test_every_public_class_of_the_model_is_on_the_public_face() -> None:
    classes = [
        name
        for name, value in vars(model).items()
        if isinstance(value, type)
        and issubclass(value, BaseModel)
        and value.__module__ == model.__name__
        and not name.startswith("_")
    ]
    assert len(classes) > 15
    assert [name for name in classes if name not in pubmeta.__all__] == []


def test_invalid_record_error_issues_are_issues() -> None:
    with pytest.raises(pubmeta.InvalidRecordError) as caught:
        pubmeta.read(b'{"type": "article", "title": 5}', format="pubmeta")
    assert [type(issue) for issue in caught.value.issues] == [pubmeta.Issue]


# -- iter_records ---------------------------------------------------------------------------


def _line(index: int) -> str:
    return json.dumps({"type": "article", "title": f"Record {index}"}) + "\n"


def _endless_lines() -> Iterator[str]:
    for index in itertools.count():
        yield _line(index)


def test_records_stream_from_lines_that_never_end() -> None:
    first = itertools.islice(pubmeta.iter_records(_endless_lines()), 3)
    assert [record.title for record in first] == ["Record 0", "Record 1", "Record 2"]


def test_records_stream_from_a_binary_file_that_never_ends() -> None:
    class Endless(io.RawIOBase):
        """A file of ever more JSON lines (a pipe that does not close)."""

        def __init__(self) -> None:
            self.lines = _endless_lines()
            self.pending = b""

        def readable(self) -> bool:
            return True

        def readinto(self, buffer: bytearray) -> int:  # type: ignore[override]
            while len(self.pending) < len(buffer):
                self.pending += next(self.lines).encode("utf-8")
            size = len(buffer)
            buffer[:size], self.pending = self.pending[:size], self.pending[size:]
            return size

    first = itertools.islice(pubmeta.iter_records(io.BufferedReader(Endless())), 2)
    assert [record.title for record in first] == ["Record 0", "Record 1"]


def test_a_text_file_object_gives_the_records_of_its_lines() -> None:
    text = io.StringIO(_line(0) + "\n" + _line(1))
    assert [r.title for r in pubmeta.iter_records(text)] == ["Record 0", "Record 1"]


def test_a_path_gives_the_records_read_gives(tmp_path: Path) -> None:
    path = tmp_path / "records.jsonl"
    path.write_text(_line(0) + _line(1), "utf-8")
    assert list(pubmeta.iter_records(path)) == pubmeta.read(path)


def test_a_document_format_is_read_whole_from_its_lines() -> None:
    seed_lines = SEED.read_text("utf-8").splitlines(keepends=True)
    assert list(pubmeta.iter_records(seed_lines)) == pubmeta.read(SEED)


def test_crossref_responses_one_a_line_stream_as_crossref_works() -> None:
    corpus = need(SHARED / "corpus" / "crossref", "the Crossref corpus")
    response = json.loads(
        (corpus / "commonmeta-py_works_10.1371-journal.ppat.1008184.json").read_text("utf-8")
    )
    lines = [json.dumps(response).encode("utf-8") + b"\n"] * 2
    records = list(pubmeta.iter_records(iter(lines)))
    assert [r.identifiers.doi for r in records] == ["10.1371/journal.ppat.1008184"] * 2
    assert records[0].contributors[0].family == "Twittenhoff"


def test_an_invalid_record_stops_the_stream_where_it_stands() -> None:
    lines = [_line(0), '{"type": "article", "title": 5}\n', _line(2)]
    stream = pubmeta.iter_records(lines)
    assert next(stream).title == "Record 0"
    with pytest.raises(pubmeta.InvalidRecordError) as caught:
        next(stream)
    assert [(i.rule, i.line) for i in caught.value.issues] == [("type", 2)]


def test_a_line_that_is_not_text_or_bytes_is_an_argument_error() -> None:
    with pytest.raises(pubmeta.ArgumentTypeError):
        list(pubmeta.iter_records([_line(0), 7]))

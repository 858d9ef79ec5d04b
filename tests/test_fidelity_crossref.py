"""Crossref JSON shapes that people save (issue 27): a list response saved as its ``message``
alone, an object mapping DOIs to works, and a clear refusal of a shape no reader takes. The
lists are real: pieces of the Crossref public data file, whose members are ``{"items": [...]}``,
the shape of ``r.json()["message"]`` of a list response."""

from __future__ import annotations

import gzip
import json
from typing import Any

import pytest
from conftest import SHARED

import pubmeta

SNAPSHOT = SHARED / "corpus" / "snapshots" / "crossref" / "2024-04_pdf_excerpt2_1.json.gz"


@pytest.fixture(scope="module")
def saved_message() -> str:
    if not SNAPSHOT.exists():
        pytest.skip(f"{SNAPSHOT} is missing (the shared corpus)")
    return gzip.decompress(SNAPSHOT.read_bytes()).decode("utf-8")


def _facts(works: list[dict[str, Any]]) -> list[tuple[str, str]]:
    return [(w["DOI"].lower(), " ".join(w["title"][0].split())) for w in works]


def _read(text: str, **kwargs: Any) -> list[tuple[str | None, str | None]]:
    return [(r.identifiers.doi, r.title) for r in pubmeta.read(text, **kwargs)]


@pytest.mark.corpus
def test_a_list_saved_as_its_message_alone_is_read(saved_message: str) -> None:
    works = json.loads(saved_message)["items"]
    assert len(works) == 2
    assert _read(saved_message, format="crossref") == _facts(works)
    assert _read(saved_message) == _facts(works)  # told from its marks without a format


@pytest.mark.corpus
def test_an_object_mapping_dois_to_works_is_read(saved_message: str) -> None:
    works = json.loads(saved_message)["items"]
    by_doi = {works[0]["DOI"]: [works[0]], works[1]["DOI"]: works[1]}
    assert _read(json.dumps(by_doi), format="crossref") == _facts(works)


@pytest.mark.corpus
def test_a_place_in_a_doi_map_names_its_key(saved_message: str) -> None:
    works = json.loads(saved_message)["items"]
    broken = {works[0]["DOI"]: [{"no": "work"}]}
    _, issues = pubmeta.inspect(json.dumps(broken), format="crossref")
    (issue,) = [i for i in issues if i.is_error]
    assert issue.pointer == "/" + works[0]["DOI"].replace("/", "~1") + "/0"


def test_a_shape_no_crossref_reader_takes_is_refused_naming_the_shapes_taken() -> None:
    with pytest.raises(pubmeta.PubmetaError) as caught:
        pubmeta.read('{"results": {"works": []}}', format="crossref")
    message = str(caught.value)
    for shape in ('{"message": work}', '{"items": [work, ...]}', "a list of works",
                  "an object mapping DOIs to works"):  # fmt: skip
        assert shape in message, message

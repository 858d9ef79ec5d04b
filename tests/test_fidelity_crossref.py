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


SICI = "10.1002/(SICI)1097-0258(19980815/30)17:15/16<1661::AID-SIM968>3.0.CO;2-2"


@pytest.mark.standards
@pytest.mark.parametrize(
    ("doi", "resource"),
    [
        # '<' and '>' percent-encoded (%3C, %3E); '(' ')' ':' ';' '/' kept, as URLs hold them
        (SICI, "https://doi.org/10.1002/(sici)1097-0258(19980815/30)17:15/16"
               "%3C1661::aid-sim968%3E3.0.co;2-2"),
        # an Ecology article's DOI (as OpenAlex serves it): '[' and ']' as %5B and %5D
        ("10.1890/0012-9658(2006)87[2832:tiopma]2.0.co;2",
         "https://doi.org/10.1890/0012-9658(2006)87%5B2832:tiopma%5D2.0.co;2"),
    ],
)  # fmt: skip
def test_a_doi_with_sici_characters_gives_a_valid_deposit(doi: str, resource: str) -> None:
    from deposit_support import options
    from lxml import etree
    from standards import assert_valid_crossref

    record = pubmeta.Publication.model_validate(
        {"type": "article", "title": "Sample size", "identifiers": {"doi": doi},
         "container": {"title": "Statistics in Medicine", "issn_print": "0277-6715"},
         "dates": {"published": "1998-08"}}
    )  # fmt: skip
    deposit = pubmeta.write(record, "crossref", **options("crossref"))
    assert_valid_crossref(deposit)
    root = etree.fromstring(deposit.encode("utf-8"))
    (written,) = root.xpath("//*[local-name()='doi_data']/*[local-name()='resource']/text()")
    assert written == resource
    (back,) = pubmeta.read(deposit, format="crossref")
    assert back.identifiers.doi == doi.lower() and back.identifiers.urls == []


@pytest.mark.parametrize(
    ("fmt", "shapes"),
    [
        ("openalex", ['{"results": [work, ...]}', "a list of works"]),
        ("datacite", ['{"data": {"attributes": {...}}}', "kernel-4 XML <resource>"]),
    ],
)
def test_other_registries_refuse_a_shape_naming_the_shapes_they_take(
    fmt: str, shapes: list[str]
) -> None:
    with pytest.raises(pubmeta.PubmetaError) as caught:
        pubmeta.read('{"works": {"10.1000/x": 1}}', format=fmt)
    assert all(shape in str(caught.value) for shape in shapes), str(caught.value)

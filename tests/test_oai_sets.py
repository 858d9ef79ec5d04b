"""Sets from a configured field of the record: every value of the field (language, keywords,
container.title) is a set whose setSpec the OAI-PMH schema accepts and whose setName is the
value as it is; ``set=`` gives exactly the records holding that value, to sickle too. The
expected sets and counts are read from the store's files with pubmeta.read, not from the
provider."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from conftest import need_module
from hypothesis import given
from hypothesis import strategies as st
from oai_provider_support import assert_valid_response
from oai_servers import running_asgi

import pubmeta
from pubmeta.oai.provider import Provider
from pubmeta.oai.sets import set_spec

OAI = "{http://www.openarchives.org/OAI/2.0/}"
BASE = "http://127.0.0.1/oai"
#: setSpecType of OAI-PMH.xsd, written out from the schema
SPEC = re.compile(r"([A-Za-z0-9\-_\.!~\*'\(\)])+(:[A-Za-z0-9\-_\.!~\*'\(\)]+)*")


@pytest.fixture(scope="module")
def records(folder: Path) -> list[pubmeta.Publication]:
    return [r for path in sorted(folder.iterdir()) for r in pubmeta.read(path)]


def _values(records: list[pubmeta.Publication], field: str) -> Counter[str]:
    """How many records hold each value of ``field`` (written for the three fields tested)."""
    counts: Counter[str] = Counter()
    for record in records:
        if field == "language":
            values = [record.language] if record.language else []
        elif field == "keywords":
            values = list(dict.fromkeys(record.keywords))
        else:
            title = record.container.title if record.container else None
            values = [title] if title else []
        counts.update(values)
    return counts


def _walk(provider: Provider, **arguments: str) -> list[str]:
    found: list[str] = []
    pairs = [("verb", "ListIdentifiers"), *arguments.items()]
    while True:
        root = assert_valid_response(provider.respond(pairs, BASE), "oai_dc")
        error = root.find(f"{OAI}error")
        if error is not None:
            assert error.get("code") == "noRecordsMatch"
            return found
        found += [e.text or "" for e in root.iter(f"{OAI}identifier")]
        token = root.findtext(f".//{OAI}resumptionToken")
        if not token:
            return found
        pairs = [("verb", "ListIdentifiers"), ("resumptionToken", token)]


def _all_sets(provider: Provider, pages: list[int] | None = None) -> list[tuple[str, str]]:
    """(setSpec, setName) of every set, ListSets walked by its tokens, each page valid."""
    found: list[tuple[str, str]] = []
    pairs = [("verb", "ListSets")]
    while True:
        root = assert_valid_response(provider.respond(pairs, BASE), None)
        page = [(e.findtext(f"{OAI}setSpec") or "", e.findtext(f"{OAI}setName") or "")
                for e in root.iter(f"{OAI}set")]  # fmt: skip
        found += page
        if pages is not None:
            pages.append(len(page))
        token = root.findtext(f".//{OAI}resumptionToken")
        if not token:
            return found
        pairs = [("verb", "ListSets"), ("resumptionToken", token)]


@pytest.mark.parametrize("field", ["language", "keywords", "container.title"])
def test_each_value_of_the_field_is_a_set_with_its_records(
    folder: Path, records: list[pubmeta.Publication], field: str
) -> None:
    provider = pubmeta.oai.app([folder], page_size=5, set_field=field)
    sets = dict(_all_sets(provider))
    expected = _values(records, field)
    assert len(expected) > 1
    listed = {name: spec for spec, name in sets.items() if spec and spec.startswith(f"{field}:")}
    assert set(listed) == set(expected)  # setName: the value as it is
    for value, count in expected.items():
        spec = listed[value]
        assert SPEC.fullmatch(spec or ""), spec
        assert len(_walk(provider, metadataPrefix="oai_dc", set=spec or "")) == count, value
    holding = sum(1 for r in records if _values([r], field))
    assert len(_walk(provider, metadataPrefix="oai_dc", set=field)) == holding
    assert len(_walk(provider, metadataPrefix="oai_dc", set="type")) == len(records)


def test_a_header_names_the_records_sets(folder: Path) -> None:
    provider = pubmeta.oai.app([folder], set_field="language")
    english = _walk(provider, metadataPrefix="oai_dc", set="language:en")
    root = assert_valid_response(
        provider.respond([("verb", "GetRecord"), ("identifier", english[0]),
                          ("metadataPrefix", "oai_dc")], BASE), "oai_dc")  # fmt: skip
    specs = [e.text or "" for e in root.iter(f"{OAI}setSpec")]
    assert "language:en" in specs and any(s.startswith("type:") for s in specs)


def test_set_specs_of_values_hand_written() -> None:
    assert set_spec("en-US") == "en-US"
    assert set_spec("Journal of Hope") == "Journal~20of~20Hope"
    assert set_spec("a~b:c") == "a~7Eb~3Ac"
    assert set_spec("Zürich") == "Z~C3~BCrich"


@given(st.lists(st.text(min_size=1, max_size=8), min_size=2, max_size=6, unique=True))
def test_set_specs_are_valid_and_tell_values_apart(values: list[str]) -> None:
    specs = [set_spec(v) for v in values]
    assert all(SPEC.fullmatch(f"keywords:{s}") for s in specs)
    assert len(set(specs)) == len(values)


@pytest.mark.parametrize(
    ("field", "said"),
    [
        ("colour", "Publication has no field 'colour'"),
        ("container.colour", "Container has no field 'colour'"),
        ("container", "holds records, not values"),
        ("language.code", "'language' has no fields"),
        ("type", "the record types are sets already"),
    ],
)
def test_a_field_that_gives_no_values_is_refused(folder: Path, field: str, said: str) -> None:
    with pytest.raises(pubmeta.PubmetaError, match=re.escape(said)):
        pubmeta.oai.app([folder], set_field=field)


def test_sickle_harvests_a_set_of_the_field(
    folder: Path, records: list[pubmeta.Publication]
) -> None:
    sickle = need_module("sickle")
    need_module("uvicorn")
    provider = pubmeta.oai.app([folder], page_size=5, set_field="language")
    with running_asgi(provider) as url:
        client = sickle.Sickle(url)
        listed = {s.setSpec: s.setName for s in client.ListSets()}
        harvested = list(client.ListRecords(metadataPrefix="oai_dc", set="language:en"))
    assert listed["language:en"] == "en"
    assert len(harvested) == _values(records, "language")["en"]
    assert all("language:en" in r.header.setSpecs for r in harvested)


def test_without_a_set_field_the_sets_are_the_types(folder: Path) -> None:
    provider = pubmeta.oai.app([folder])
    specs = [spec for spec, _ in _all_sets(provider)]
    assert specs[0] == "type" and all(s.startswith("type:") for s in specs[1:])


def test_list_sets_comes_a_page_at_a_time(folder: Path, records: list[pubmeta.Publication]) -> None:
    """Keywords give many sets: ListSets pages them with resumption tokens, every set once;
    a ListSets token is refused by ListRecords (it is not that list's)."""
    provider = pubmeta.oai.app([folder], page_size=5, set_field="keywords")
    pages: list[int] = []
    names = [name for _, name in _all_sets(provider, pages)]
    keywords = set(_values(records, "keywords"))
    types = {r.type.value for r in records}
    assert sorted(names) == sorted([*keywords, *types, "Record types", "Records by keywords"])
    assert pages == [5] * (len(names) // 5) + ([len(names) % 5] if len(names) % 5 else [])
    first = provider.respond([("verb", "ListSets")], BASE)
    token = assert_valid_response(first, None).findtext(f".//{OAI}resumptionToken") or ""
    wrong = provider.respond([("verb", "ListRecords"), ("resumptionToken", token)], BASE)
    error = assert_valid_response(wrong, None).find(f"{OAI}error")
    assert error is not None and error.get("code") == "badResumptionToken"

"""Deleted records: a provider given a deletions list (withdrawn identifiers and DOIs with
their dates) declares ``persistent`` and answers every deleted record with a header of
status "deleted" and no metadata, in GetRecord, ListIdentifiers and ListRecords, schema-valid;
sickle and pyoai's client see them as deleted, and pubmeta's harvester writes them to
deletions.jsonl. Expected identifiers come from the same store served without the list."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import need_module
from lxml import etree
from oai_provider_support import assert_valid_response
from oai_servers import running_asgi

import pubmeta
from pubmeta.oai import Policy
from pubmeta.oai.provider import Provider

OAI = "{http://www.openarchives.org/OAI/2.0/}"
BASE = "http://127.0.0.1/oai"
DOI = "10.5438/4K3M-NYVG"  # two records of the corpus carry it (lower-case)
GONE = "oai:elsewhere:withdrawn-7"  # a record the files no longer hold: a tombstone
FAST = Policy(rate=0, timeout=10.0, attempts=3, backoff=0.05)


@pytest.fixture(scope="module")
def plain(folder: Path) -> Provider:
    return pubmeta.oai.app([folder], page_size=7)


@pytest.fixture(scope="module")
def expected(plain: Provider) -> dict[str, str]:
    """identifier -> datestamp of every deleted record, found without the deletions list."""
    store = plain.store
    identifiers = [store.identifier(i) for i in range(len(store))]
    with_doi = [
        identifiers[i]
        for i in range(len(store))
        if (store.record(i).identifiers.doi or "") == DOI.lower()
    ]
    assert len(with_doi) == 2
    return {
        identifiers[3]: "2001-01-02T03:04:05Z",
        **dict.fromkeys(with_doi, "2001-02-03T00:00:00Z"),
        GONE: "2001-03-04T00:00:00Z",
    }


@pytest.fixture(scope="module")
def deletions(folder: Path, plain: Provider) -> Path:
    path = folder.parent / "deletions.jsonl"
    third = plain.store.identifier(3)
    lines = [
        {"identifier": third, "datestamp": "2001-01-02T03:04:05Z"},
        {"doi": f"https://doi.org/{DOI}", "datestamp": "2001-02-03"},
        {"identifier": GONE, "datestamp": "2001-03-04"},
    ]
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def provider(folder: Path, deletions: Path) -> Provider:
    return pubmeta.oai.app([folder], page_size=7, deletions=deletions)


def _ask(provider: Provider, **arguments: str) -> etree._Element:
    text = provider.respond(list(arguments.items()), BASE)
    return assert_valid_response(text, arguments.get("metadataPrefix"))


def _walk(provider: Provider, verb: str, **arguments: str) -> list[etree._Element]:
    """Every record (ListRecords) or header (ListIdentifiers) of a list, by its tokens."""
    found: list[etree._Element] = []
    root = _ask(provider, verb=verb, **arguments)
    while True:
        assert root.find(f"{OAI}error") is None, etree.tostring(root)
        found += root.iter(f"{OAI}record" if verb == "ListRecords" else f"{OAI}header")
        token = root.findtext(f".//{OAI}resumptionToken")
        if not token:
            return found
        text = provider.respond([("verb", verb), ("resumptionToken", token)], BASE)
        root = assert_valid_response(text, arguments.get("metadataPrefix"))


def test_identify_declares_persistent_with_a_deletions_list(provider: Provider) -> None:
    root = _ask(provider, verb="Identify")
    assert root.findtext(f".//{OAI}deletedRecord") == "persistent"
    assert root.findtext(f".//{OAI}earliestDatestamp") == "2001-01-02T03:04:05Z"


@pytest.mark.parametrize("prefix", ["oai_dc", "oai_openaire", "jats"])
def test_list_records_gives_deleted_records_as_headers_only(
    provider: Provider, plain: Provider, expected: dict[str, str], prefix: str
) -> None:
    records = _walk(provider, "ListRecords", metadataPrefix=prefix)
    deleted = {}
    for record in records:
        header = record.find(f"{OAI}header")
        assert header is not None
        has_metadata = record.find(f"{OAI}metadata") is not None
        if header.get("status") == "deleted":
            assert not has_metadata
            deleted[header.findtext(f"{OAI}identifier")] = header.findtext(f"{OAI}datestamp")
        else:
            assert has_metadata
    assert deleted == expected
    assert len(records) == len(plain.store) + 1  # and the tombstone


def test_list_identifiers_and_get_record_say_deleted(
    provider: Provider, expected: dict[str, str]
) -> None:
    headers = _walk(provider, "ListIdentifiers", metadataPrefix="oai_dc")
    said = {h.findtext(f"{OAI}identifier") for h in headers if h.get("status") == "deleted"}
    assert said == set(expected)
    for identifier in expected:
        root = _ask(provider, verb="GetRecord", identifier=identifier, metadataPrefix="oai_dc")
        (record,) = root.iter(f"{OAI}record")
        header = record.find(f"{OAI}header")
        assert header is not None and header.get("status") == "deleted"
        assert record.find(f"{OAI}metadata") is None


def test_a_deleted_records_datestamp_is_its_deletions(
    provider: Provider, expected: dict[str, str]
) -> None:
    headers = _walk(provider, "ListIdentifiers", metadataPrefix="oai_dc", until="2001-12-31")
    assert {h.findtext(f"{OAI}identifier") for h in headers} == set(expected)


def test_sickle_and_pyoai_see_the_deleted_records(
    provider: Provider, expected: dict[str, str], pyoai: object
) -> None:
    sickle = need_module("sickle")
    need_module("uvicorn")
    from oaipmh.client import Client
    from oaipmh.metadata import MetadataRegistry, oai_dc_reader

    registry = MetadataRegistry()
    registry.registerReader("oai_dc", oai_dc_reader)
    with running_asgi(provider) as url:
        records = list(
            sickle.Sickle(url).ListRecords(metadataPrefix="oai_dc", ignore_deleted=False)
        )
        listed = list(Client(url, registry).listRecords(metadataPrefix="oai_dc"))
    assert {r.header.identifier for r in records if r.deleted} == set(expected)
    assert {h.identifier() for h, _, _ in listed if h.isDeleted()} == set(expected)
    assert len(records) == len(listed) == len(provider.store) + 1


def test_the_harvester_writes_them_to_its_deletions_list(
    provider: Provider, expected: dict[str, str], tmp_path: Path
) -> None:
    need_module("uvicorn")
    with running_asgi(provider) as url:
        summary = pubmeta.harvest(url, "oai_dc", tmp_path / "out", policy=FAST)
    lines = (tmp_path / "out" / "deletions.jsonl").read_text("utf-8").splitlines()
    written = {entry["identifier"]: entry["datestamp"] for entry in map(json.loads, lines)}
    assert written == expected
    assert summary.deleted == len(expected)
    assert summary.written == len(provider.store) - (len(expected) - 1)


def test_a_harvests_deletions_list_can_be_served_on(
    provider: Provider, folder: Path, tmp_path: Path
) -> None:
    """An aggregator serves a harvest's deletions.jsonl as it is: the same shape."""
    need_module("uvicorn")
    with running_asgi(provider) as url:
        pubmeta.harvest(url, "oai_dc", tmp_path / "out", policy=FAST)
    again = pubmeta.oai.app([folder], deletions=tmp_path / "out" / "deletions.jsonl")
    assert len(again.store.deleted_at) + len(again.store.tombstones) == 4


@pytest.mark.parametrize(
    ("line", "said"),
    [
        ("not json", "line 1: not a JSON object"),
        ('{"identifier": "oai:x:1"}', "line 1: 'datestamp' must be a UTC date"),
        ('{"identifier": "oai:x:1", "datestamp": "2020-02-30"}', "'datestamp' must be"),
        ('{"datestamp": "2020-01-01"}', "line 1: give either an 'identifier' or a 'doi'"),
        ('{"identifier": "a", "doi": "10.1/x", "datestamp": "2020-01-01"}', "give either"),
        ('{"identifier": "a b", "datestamp": "2020-01-01"}', "an identifier has no spaces"),
    ],
)
def test_a_bad_deletions_list_is_refused_with_its_line_and_rule(
    folder: Path, tmp_path: Path, line: str, said: str
) -> None:
    path = tmp_path / "deletions.jsonl"
    path.write_text(line + "\n", encoding="utf-8")
    with pytest.raises(pubmeta.PubmetaError, match=said) as refused:
        pubmeta.oai.app([folder], deletions=path)
    assert str(path) in str(refused.value)

"""The OAI-PMH data provider: every response, to requests hypothesis draws over the whole
surface (every verb, good and bad arguments, real and tampered tokens), is valid against the
OAI-PMH schema and its payload's schema; each error condition of the specification with its
code; lists walked by their tokens give every record once."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree
from oai_provider_support import assert_valid_response, make_store

import pubmeta
from pubmeta.oai.provider import Provider
from pubmeta.oai.tokens import State, issue

OAI = "{http://www.openarchives.org/OAI/2.0/}"
BASE = "http://127.0.0.1/oai"
KEY = b"k" * 32


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> tuple[Provider, int]:
    folder = tmp_path_factory.mktemp("store")
    count = make_store(folder)
    return pubmeta.oai.app([folder], page_size=7, key=KEY), count


def _ask(provider: Provider, **arguments: str) -> etree._Element:
    text = provider.respond(list(arguments.items()), BASE)
    return assert_valid_response(text, arguments.get("metadataPrefix"))


def _code(root: etree._Element) -> str | None:
    error = root.find(f"{OAI}error")
    return None if error is None else error.get("code")


def _walk(provider: Provider, verb: str, **arguments: str) -> list[str]:
    """Every identifier of a list, following its tokens."""
    found: list[str] = []
    prefix = arguments.get("metadataPrefix")
    root = _ask(provider, verb=verb, **arguments)
    while True:
        assert _code(root) is None
        found += [e.text or "" for e in root.iter(f"{OAI}identifier")]
        token = root.find(f".//{OAI}resumptionToken")
        if token is None or not token.text:
            return found
        text = provider.respond([("verb", verb), ("resumptionToken", token.text)], BASE)
        root = assert_valid_response(text, prefix)


@pytest.mark.parametrize("prefix", ["oai_dc", "oai_openaire", "jats", "datacite"])
def test_a_list_walked_by_its_tokens_gives_every_record_once(
    served: tuple[Provider, int], prefix: str
) -> None:
    provider, count = served
    identifiers = _walk(provider, "ListRecords", metadataPrefix=prefix)
    assert len(identifiers) == len(set(identifiers))
    if prefix == "datacite":  # only records with a DOI and a year
        assert 0 < len(identifiers) < count
    else:
        assert len(identifiers) == count


def test_list_identifiers_and_list_records_agree(served: tuple[Provider, int]) -> None:
    provider, _ = served
    assert _walk(provider, "ListIdentifiers", metadataPrefix="oai_dc") == _walk(
        provider, "ListRecords", metadataPrefix="oai_dc"
    )


def test_the_token_says_list_size_cursor_and_expiry(served: tuple[Provider, int]) -> None:
    provider, count = served
    root = _ask(provider, verb="ListIdentifiers", metadataPrefix="oai_dc")
    token = root.find(f".//{OAI}resumptionToken")
    assert token is not None
    assert (token.get("completeListSize"), token.get("cursor")) == (str(count), "0")
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", token.get("expirationDate") or "")


def test_sets_are_the_record_types(served: tuple[Provider, int]) -> None:
    provider, _ = served
    specs = [e.text for e in _ask(provider, verb="ListSets").iter(f"{OAI}setSpec")]
    assert "type:article" in specs
    in_set = _walk(provider, "ListIdentifiers", metadataPrefix="oai_dc", set="type:article")
    everything = _walk(provider, "ListIdentifiers", metadataPrefix="oai_dc")
    assert 0 < len(in_set) < len(everything)


@pytest.mark.parametrize(
    ("arguments", "code"),
    [
        ({}, "badVerb"),
        ({"verb": "Harvest"}, "badVerb"),
        ({"verb": "Identify", "metadataPrefix": "oai_dc"}, "badArgument"),
        ({"verb": "ListRecords"}, "badArgument"),
        ({"verb": "GetRecord", "metadataPrefix": "oai_dc"}, "badArgument"),
        ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2020-13-45"}, "badArgument"),
        ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2020-01-01",
          "until": "2021-01-01T00:00:00Z"}, "badArgument"),
        ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2021-01-01",
          "until": "2020-01-01"}, "badArgument"),
        ({"verb": "ListRecords", "resumptionToken": "x", "metadataPrefix": "oai_dc"},
         "badArgument"),
        ({"verb": "ListRecords", "resumptionToken": "abc.def"}, "badResumptionToken"),
        ({"verb": "ListSets", "resumptionToken": "abc"}, "badResumptionToken"),
        ({"verb": "ListRecords", "metadataPrefix": "marc21"}, "cannotDisseminateFormat"),
        ({"verb": "ListRecords", "metadataPrefix": "mods", "from": "2020-02-30"}, "badArgument"),
        ({"verb": "GetRecord", "metadataPrefix": "oai_dc", "identifier": "oai:x:1"},
         "idDoesNotExist"),
        ({"verb": "ListMetadataFormats", "identifier": "oai:pubmeta:99-0"}, "idDoesNotExist"),
        ({"verb": "GetRecord", "metadataPrefix": "oai_dc", "identifier": "oai:pubmeta:00-0"},
         "idDoesNotExist"),
        ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "set": "type:nothing"},
         "noRecordsMatch"),
        ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "until": "1900-01-01"},
         "noRecordsMatch"),
    ],
)  # fmt: skip
def test_each_error_condition_has_its_code(
    served: tuple[Provider, int], arguments: dict[str, str], code: str
) -> None:
    assert _code(_ask(served[0], **arguments)) == code


def test_a_repeated_argument_is_a_bad_argument(served: tuple[Provider, int]) -> None:
    pairs = [("verb", "ListRecords"), ("metadataPrefix", "oai_dc"), ("metadataPrefix", "oai_dc")]
    root = assert_valid_response(served[0].respond(pairs, BASE), None)
    assert _code(root) == "badArgument"
    request = root.find(f"{OAI}request")
    assert request is not None and not request.attrib  # the spec: no arguments echoed


def test_a_tampered_or_expired_token_is_refused(served: tuple[Provider, int]) -> None:
    provider, count = served
    fresh = State("oai_dc", None, None, None, 7, 7, count, int(time.time()) + 60)
    good = issue(fresh, KEY)
    assert _code(_ask(provider, verb="ListIdentifiers", resumptionToken=good)) is None
    tampered = issue(State("oai_dc", None, None, None, 0, 0, count, fresh.expires), b"x" * 32)
    assert _code(_ask(provider, verb="ListIdentifiers", resumptionToken=tampered)) == (
        "badResumptionToken"
    )
    expired = issue(State("oai_dc", None, None, None, 7, 7, count, 1), KEY)
    assert _code(_ask(provider, verb="ListIdentifiers", resumptionToken=expired)) == (
        "badResumptionToken"
    )


def test_identify_declares_what_the_provider_does(served: tuple[Provider, int]) -> None:
    root = _ask(served[0], verb="Identify")
    assert root.findtext(f".//{OAI}deletedRecord") == "no"
    assert root.findtext(f".//{OAI}granularity") == "YYYY-MM-DDThh:mm:ssZ"
    assert root.findtext(f".//{OAI}baseURL") == BASE


def test_get_record_serves_every_prefix_of_a_record(served: tuple[Provider, int]) -> None:
    provider, _ = served
    identifier = _walk(provider, "ListIdentifiers", metadataPrefix="datacite")[0]
    formats = _ask(provider, verb="ListMetadataFormats", identifier=identifier)
    prefixes = [e.text or "" for e in formats.iter(f"{OAI}metadataPrefix")]
    assert sorted(prefixes) == ["datacite", "jats", "oai_dc", "oai_openaire"]
    for prefix in prefixes:
        root = _ask(provider, verb="GetRecord", identifier=identifier, metadataPrefix=prefix)
        assert _code(root) is None


_DATES = st.sampled_from(["2000-01-01", "2100-12-31", "2020-02-30", "2020-01-01T00:00:00Z",
                          "2020-01-01T25:00:00Z", "yesterday", ""])  # fmt: skip
_VALUES = {
    "metadataPrefix": st.sampled_from(["oai_dc", "oai_openaire", "jats", "datacite", "mods", ""]),
    "identifier": st.sampled_from(
        ["oai:pubmeta:0-0", "oai:pubmeta:1-0", "oai:pubmeta:2-0", "oai:other:1", "oai:gone:1", "x"]
    ),
    "from": _DATES,
    "until": _DATES,
    "set": st.sampled_from(
        [
            "type:article",
            "type:book",
            "type:none",
            "type",
            "language",
            "language:en",
            "language:x~20y",
            "",
        ]
    ),
    "resumptionToken": st.sampled_from(["", "abc", "a.b", "eyJ9.x"]),
    "junk": st.text(max_size=5),
}


@st.composite
def requests(draw: st.DrawFn) -> list[tuple[str, str]]:
    verb = draw(st.sampled_from(["Identify", "ListMetadataFormats", "ListSets", "GetRecord",
                                 "ListIdentifiers", "ListRecords", "Bogus", ""]))  # fmt: skip
    names = draw(st.lists(st.sampled_from(sorted(_VALUES)), max_size=4))
    pairs = [("verb", verb)] if draw(st.booleans()) or verb else []
    pairs += [(name, draw(_VALUES[name])) for name in names]
    return pairs


@pytest.fixture(scope="module")
def served_with_all(
    served: tuple[Provider, int], tmp_path_factory: pytest.TempPathFactory
) -> Provider:
    """The same records with deletions (a record and a tombstone) and language sets."""
    folder = tmp_path_factory.mktemp("deletions")
    (folder / "deletions.jsonl").write_text(
        '{"identifier": "oai:pubmeta:1-0", "datestamp": "2001-01-01"}\n'
        '{"identifier": "oai:gone:1", "datestamp": "2002-01-01T00:00:00Z"}\n',
        encoding="utf-8",
    )
    paths = sorted({served[0].store.files[n] for n in served[0].store.file_of})
    return pubmeta.oai.app(paths, page_size=7, key=KEY, set_field="language",
                           deletions=folder / "deletions.jsonl")  # fmt: skip


@settings(max_examples=120, deadline=None, suppress_health_check=list(HealthCheck))
@given(pairs=requests())
def test_every_response_to_any_request_is_valid(
    served: tuple[Provider, int], pairs: list[tuple[str, str]]
) -> None:
    _check_any_request(served[0], pairs)


@settings(max_examples=80, deadline=None, suppress_health_check=list(HealthCheck))
@given(pairs=requests())
def test_every_response_is_valid_with_deletions_and_field_sets(
    served_with_all: Provider, pairs: list[tuple[str, str]]
) -> None:
    _check_any_request(served_with_all, pairs)


def _check_any_request(provider: Provider, pairs: list[tuple[str, str]]) -> None:
    text = provider.respond(pairs, BASE)
    prefixes = [v for k, v in pairs if k == "metadataPrefix"]
    prefix = prefixes[0] if len(prefixes) == 1 else None
    root = assert_valid_response(text, prefix)
    token = root.find(f".//{OAI}resumptionToken")
    if token is not None and token.text:  # and the list's next page too
        verb = root.find(f"{OAI}request").get("verb")  # type: ignore[union-attr]
        following = provider.respond([("verb", verb or ""), ("resumptionToken", token.text)], BASE)
        assert assert_valid_response(following, prefix).find(f"{OAI}error") is None


def test_the_store_reads_folders_of_record_files_and_json_lines(tmp_path: Path) -> None:
    count = make_store(tmp_path / "store")
    provider = pubmeta.oai.app([tmp_path / "store"])
    assert len(provider.store) == count and provider.store.refused == 0


def test_an_empty_or_illegal_argument_value_is_a_bad_argument(
    served: tuple[Provider, int],
) -> None:
    for pairs in (
        [("verb", "ListRecords"), ("metadataPrefix", "")],
        [("verb", "ListRecords"), ("metadataPrefix", "oai dc")],
        [("verb", "ListRecords"), ("metadataPrefix", "oai_dc"), ("set", "a::b")],
    ):
        root = assert_valid_response(served[0].respond(pairs, BASE), None)
        assert _code(root) == "badArgument", pairs


def test_the_records_of_a_many_record_file_are_served_as_read(shared: Path, tmp_path: Path) -> None:
    """A BibTeX file of many entries: its n-th record is ``oai:pubmeta:0-n`` (the file's
    records are spooled at start; each page reads them back, not the file again)."""
    source = shared / "corpus" / "bibtex" / "bbt_import_zotero-bbt-biblatex-1436_first12.bib"
    records = pubmeta.read(source)
    assert len(records) > 7  # more than a page
    copy = tmp_path / "entries.bib"
    copy.write_bytes(source.read_bytes())
    provider = pubmeta.oai.app([copy], page_size=7, key=KEY)
    served = _walk(provider, "ListRecords", metadataPrefix="oai_dc")
    assert served == [f"oai:pubmeta:0-{n}" for n in range(len(records))]
    for n in (0, len(records) - 1):
        root = _ask(provider, verb="GetRecord", identifier=f"oai:pubmeta:0-{n}",
                    metadataPrefix="oai_dc")  # fmt: skip
        dc = root.find(f".//{OAI}metadata")[0]  # type: ignore[index]
        expected = etree.fromstring(pubmeta.write(records[n], "dc").encode("utf-8"))
        assert [(e.tag, e.text, dict(e.attrib)) for e in dc.iter()] == [
            (e.tag, e.text, dict(e.attrib)) for e in expected.iter()
        ]
    beyond = _ask(provider, verb="GetRecord", identifier=f"oai:pubmeta:0-{len(records)}",
                  metadataPrefix="oai_dc")  # fmt: skip
    assert _code(beyond) == "idDoesNotExist"

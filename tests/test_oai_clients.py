"""Real OAI-PMH parts face each other on 127.0.0.1: sickle, oaipmh-scythe and pyoai's client
harvest pubmeta's provider (its ASGI application on uvicorn, its WSGI application on
waitress); pubmeta's harvester harvests pubmeta's provider and
pyoai's server implementation. Record counts and identifiers equal the store's: nothing lost,
nothing twice."""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path

import pytest
from conftest import need_module
from oai_provider_support import assert_valid_response, make_store
from oai_servers import Reply, running_asgi, running_wsgi, scripted

import pubmeta
from pubmeta.oai import Policy
from pubmeta.oai.provider import Provider

OAI = "{http://www.openarchives.org/OAI/2.0/}"
FAST = Policy(rate=0, timeout=10.0, attempts=3, backoff=0.05)


@pytest.fixture(scope="module")
def provider(folder: Path) -> Provider:
    return pubmeta.oai.app([folder], page_size=9)


@pytest.fixture(scope="module", params=["uvicorn", "waitress"])
def url(request: pytest.FixtureRequest, provider: Provider, folder: Path) -> Iterator[str]:
    """The provider over HTTP: the ASGI application on uvicorn, and the WSGI application
    (``pubmeta.oai.wsgi_app`` over the same records) on waitress."""
    if request.param == "uvicorn":
        need_module("uvicorn")
        with running_asgi(provider) as url:
            yield url
    else:
        need_module("waitress")
        with running_wsgi(pubmeta.oai.wsgi_app([folder], page_size=9)) as url:
            yield url


def _store_identifiers(provider: Provider) -> list[str]:
    return [provider.store.identifier(i) for i in range(len(provider.store))]


def test_sickle_harvests_every_record(provider: Provider, url: str) -> None:
    sickle = need_module("sickle")
    records = list(sickle.Sickle(url, max_retries=1).ListRecords(metadataPrefix="oai_dc"))
    assert [r.header.identifier for r in records] == _store_identifiers(provider)


def test_oaipmh_scythe_harvests_every_record(provider: Provider, url: str) -> None:
    scythe = need_module("oaipmh_scythe")
    with scythe.Scythe(url) as client:
        records = list(client.list_records(metadata_prefix="oai_openaire"))
    assert [r.header.identifier for r in records] == _store_identifiers(provider)


def test_pyoai_client_harvests_every_record(provider: Provider, url: str, pyoai: object) -> None:
    from oaipmh.client import Client
    from oaipmh.metadata import MetadataRegistry, oai_dc_reader

    registry = MetadataRegistry()
    registry.registerReader("oai_dc", oai_dc_reader)
    client = Client(url, registry)
    records = list(client.listRecords(metadataPrefix="oai_dc"))
    assert [header.identifier() for header, _, _ in records] == _store_identifiers(provider)
    identifiers = [h.identifier() for h in client.listIdentifiers(metadataPrefix="oai_dc")]
    assert identifiers == _store_identifiers(provider)


def _fetch(url: str, pairs: list[tuple[str, str]], post: bool) -> str:
    import urllib.parse
    import urllib.request

    query = urllib.parse.urlencode(pairs)
    request = (
        urllib.request.Request(url, data=query.encode("ascii"), method="POST")
        if post
        else urllib.request.Request(f"{url}?{query}")
    )
    with urllib.request.urlopen(request, timeout=20) as answer:
        assert answer.headers["Content-Type"] == "text/xml; charset=utf-8"
        text: str = answer.read().decode("utf-8")
    return text


@pytest.mark.parametrize("post", [False, True], ids=["GET", "POST"])
def test_every_response_over_http_is_valid_and_lists_the_store(
    provider: Provider, url: str, post: bool
) -> None:
    identify = assert_valid_response(_fetch(url, [("verb", "Identify")], post), None)
    assert identify.findtext(f".//{OAI}baseURL") == url
    for prefix in ("oai_dc", "oai_openaire", "jats"):
        pairs = [("verb", "ListRecords"), ("metadataPrefix", prefix)]
        found: list[str] = []
        while True:
            root = assert_valid_response(_fetch(url, pairs, post), prefix)
            found += [e.text or "" for e in root.iter(f"{OAI}identifier")]
            token = root.findtext(f".//{OAI}resumptionToken")
            if not token:
                break
            pairs = [("verb", "ListRecords"), ("resumptionToken", token)]
        assert found == _store_identifiers(provider), prefix


def test_a_method_other_than_get_and_post_is_refused(url: str) -> None:
    import urllib.error
    import urllib.request

    request = urllib.request.Request(f"{url}?verb=Identify", method="PUT")
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=20)
    assert refused.value.code == 405


def test_the_harvester_harvests_the_provider_whole(
    provider: Provider, url: str, tmp_path: Path
) -> None:
    summary = pubmeta.harvest(url, "oai_openaire", tmp_path / "out", to="pubmeta",
                              policy=FAST)  # fmt: skip
    log = (tmp_path / "out" / "harvested.tsv").read_text("utf-8").splitlines()
    assert [line.split("\t")[0] for line in log] == _store_identifiers(provider)
    assert summary.records == len(provider.store) and summary.pages == -(-len(log) // 9)


def _pyoai_server(count: int, deleted: set[int]):  # type: ignore[no-untyped-def]
    """pyoai's own server implementation over ``count`` Dublin Core records."""
    from oaipmh import common, server

    stamp = datetime(2024, 5, 1, tzinfo=timezone.utc).replace(tzinfo=None)

    class Repository:
        def identify(self) -> common.Identify:
            return common.Identify("pyoai test", "http://127.0.0.1/oai", "2.0",
                                   ["a@example.org"], stamp, "persistent",
                                   "YYYY-MM-DDThh:mm:ssZ", ["identity"])  # fmt: skip

        def listMetadataFormats(self, identifier: str | None = None) -> list[tuple[str, str, str]]:
            return [("oai_dc", "http://www.openarchives.org/OAI/2.0/oai_dc.xsd",
                     "http://www.openarchives.org/OAI/2.0/oai_dc/")]  # fmt: skip

        def listRecords(self, metadataPrefix: str, set: str | None = None,
                        from_: object = None, until: object = None) -> list[object]:  # fmt: skip
            records = []
            for n in range(count):
                header = common.Header(None, f"oai:pyoai:{n}", stamp, [], n in deleted)
                metadata = None if n in deleted else common.Metadata(None, {
                    "title": [f"Record {n}"], "creator": ["Lee, Ann"], "date": ["2020"],
                    "type": ["info:eu-repo/semantics/article"],
                })  # fmt: skip
                records.append((header, metadata, None))
            return records

    registry = server.metadata.MetadataRegistry()
    registry.registerWriter("oai_dc", server.oai_dc_writer)
    return server.Server(Repository(), registry, resumption_batch_size=7)


def test_the_harvester_harvests_pyoais_server_whole(tmp_path: Path, pyoai: object) -> None:
    pyoai = _pyoai_server(40, deleted={3, 17})

    def script(params: dict[str, str], _n: int) -> Reply:
        return Reply(pyoai.handleRequest(params))

    with scripted(script) as endpoint:
        summary = pubmeta.harvest(endpoint.url, "oai_dc", tmp_path / "out", policy=FAST)
        tokens = [p for p in endpoint.requests if "resumptionToken" in p]
    assert len(tokens) == 5  # 40 records, 7 a page
    log = [line.split("\t") for line in
           (tmp_path / "out" / "harvested.tsv").read_text("utf-8").splitlines()]  # fmt: skip
    assert sorted(entry[0] for entry in log) == sorted(f"oai:pyoai:{n}" for n in range(40))
    assert (summary.written, summary.deleted) == (38, 2)


@pytest.mark.parametrize("server", ["uvicorn", "waitress"])
def test_pubmeta_serve_answers_on_the_port_it_is_given(tmp_path: Path, server: str) -> None:
    import subprocess
    import sys
    import urllib.request

    need_module(server)
    make_store(tmp_path / "store")
    (tmp_path / "deletions.jsonl").write_text(
        '{"identifier": "oai:gone:1", "datestamp": "2001-01-01"}\n', encoding="utf-8"
    )
    with socket.socket() as probe:  # a free port
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen(
        [sys.executable, "-m", "pubmeta", "serve", str(tmp_path / "store"), "--port", str(port),
         "--host", "127.0.0.1", "--name", "Test repository", "--server", server,
         "--deletions", str(tmp_path / "deletions.jsonl"), "--set-field", "language"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/?verb=Identify") as answer:
                    body = answer.read().decode("utf-8")
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/?verb=ListSets") as answer:
                    sets = answer.read().decode("utf-8")
                break
            except OSError:
                assert process.poll() is None and time.monotonic() < deadline, process.stderr.read()
                time.sleep(0.1)
    finally:
        process.terminate()
        _, said = process.communicate(timeout=10)
    assert "<repositoryName>Test repository</repositoryName>" in body
    assert "<deletedRecord>persistent</deletedRecord>" in body
    assert "<setSpec>language:en</setSpec>" in sets
    assert f"with {server}" in said and "1 deleted" in said

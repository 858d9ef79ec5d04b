"""OAI-PMH speed: the provider's ListRecords against pyoai's server on the same records, and
the harvester against sickle on the same local provider; memory of a large store.

    python benchmarks/oai.py [N]              (default 3000 records; uvicorn on 127.0.0.1)
    python benchmarks/oai.py --memory N       (index N records, serve 20 pages: peak RSS)
    python benchmarks/oai.py --harvest-memory N   (serve and harvest N records: peak RSS)

The records are N native records (the seed record, numbered) in one JSON Lines file. The
provider is timed on whole lists walked by their tokens (100 records a page), in-process
(``Provider.respond``, no HTTP) and over HTTP; pyoai's ``Server.handleRequest`` gets the same
records' Dublin Core (title, creators, date, identifier, ...) as its own metadata maps.
The harvester writes pubmeta JSON Lines; sickle only parses the records (it writes nothing).
"""

from __future__ import annotations

import json
import resource
import socket
import sys
import tempfile
import threading
import time
import types
import urllib.parse
from pathlib import Path

import pubmeta

SEED = Path(__file__).resolve().parents[1] / "seeds" / "000_d4b476da1a4995c2.yaml"


def make_store(folder: Path, count: int) -> Path:
    (seed,) = pubmeta.read(SEED)
    data = seed.model_dump(mode="json", exclude_defaults=True)
    path = folder / "records.jsonl"
    with path.open("w", encoding="utf-8") as handle:
        for number in range(count):
            data["title"] = f"{seed.title} ({number})"
            handle.write(json.dumps(data) + "\n")
    return path


def walk(provider: object, prefix: str) -> int:
    from lxml import etree

    pairs = [("verb", "ListRecords"), ("metadataPrefix", prefix)]
    count = 0
    while True:
        root = etree.fromstring(provider.respond(pairs, "http://x/oai").encode())  # type: ignore[attr-defined]
        count += len(root.findall(".//{http://www.openarchives.org/OAI/2.0/}record"))
        token = root.findtext(".//{http://www.openarchives.org/OAI/2.0/}resumptionToken")
        if not token:
            return count
        pairs = [("verb", "ListRecords"), ("resumptionToken", token)]


def pyoai_server(records: list[pubmeta.Publication], batch: int):  # type: ignore[no-untyped-def]
    from datetime import datetime

    from oaipmh import common, server

    # pyoai 2.5.0 calls cgi.parse_qs, gone since Python 3.8 (as in tests/test_oai_clients.py)
    server.cgi = types.SimpleNamespace(parse_qs=urllib.parse.parse_qs)
    stamp = datetime(2024, 1, 1)
    items = []
    for n, r in enumerate(records):
        header = common.Header(None, f"oai:pyoai:{n}", stamp, [], False)
        metadata = common.Metadata(None, {
            "title": [r.title or ""], "creator": [c.display_name() for c in r.contributors],
            "date": [str(r.dates.published or "")], "identifier": [r.identifiers.doi or ""],
            "description": [r.abstract or ""], "publisher": [r.publisher or ""],
            "language": [r.language or ""], "subject": list(r.keywords),
        })  # fmt: skip
        items.append((header, metadata, None))

    class Repository:
        def identify(self) -> object:
            return common.Identify("pyoai", "http://x/oai", "2.0", ["a@example.org"], stamp,
                                   "no", "YYYY-MM-DDThh:mm:ssZ", ["identity"])  # fmt: skip

        def listRecords(self, **_kw: object) -> list[object]:
            return items

    registry = server.metadata.MetadataRegistry()
    registry.registerWriter("oai_dc", server.oai_dc_writer)
    return server.Server(Repository(), registry, resumption_batch_size=batch)


def walk_pyoai(pyoai: object) -> int:
    from lxml import etree

    kw = {"verb": "ListRecords", "metadataPrefix": "oai_dc"}
    count = 0
    while True:
        root = etree.fromstring(pyoai.handleRequest(kw))  # type: ignore[attr-defined]
        count += len(root.findall(".//{http://www.openarchives.org/OAI/2.0/}record"))
        token = root.findtext(".//{http://www.openarchives.org/OAI/2.0/}resumptionToken")
        if not token:
            return count
        kw = {"verb": "ListRecords", "resumptionToken": token}


def serve(provider: object) -> tuple[str, object]:
    import uvicorn

    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn.Config(provider, log_level="warning"))
    threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True).start()
    while not server.started:
        time.sleep(0.02)
    return f"http://127.0.0.1:{sock.getsockname()[1]}/oai", server


def timed(what: str, count_of: object) -> None:
    started = time.perf_counter()
    count = count_of()  # type: ignore[operator]
    seconds = time.perf_counter() - started
    print(f"{what:58s} {count:7d} records {seconds:7.2f} s {count / seconds:9.0f} records/s")


def speed(count: int) -> None:
    from sickle import Sickle

    from pubmeta.oai import Policy

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        path = make_store(folder, count)
        provider = pubmeta.oai.app([path], page_size=100)
        for prefix in ("oai_dc", "oai_openaire"):
            timed(f"provider ListRecords {prefix} (in-process)", lambda p=prefix: walk(provider, p))
        records = [pubmeta.read(SEED)[0]] * count
        pyoai = pyoai_server(records, 100)
        timed("pyoai server ListRecords oai_dc (in-process)", lambda: walk_pyoai(pyoai))
        url, server = serve(provider)
        try:
            policy = Policy(rate=0)
            for n, prefix in enumerate(("oai_dc", "oai_openaire")):
                timed(f"pubmeta harvest {prefix} -> pubmeta JSON Lines (HTTP)",
                      lambda p=prefix, n=n: pubmeta.harvest(url, p, folder / f"h{n}",
                                                            policy=policy).written)  # fmt: skip
                timed(f"sickle ListRecords {prefix}, parsed only (HTTP)",
                      lambda p=prefix: sum(1 for _ in Sickle(url).ListRecords(
                          metadataPrefix=p)))  # fmt: skip
        finally:
            server.should_exit = True  # type: ignore[attr-defined]


def memory(count: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = make_store(Path(tmp), count)
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        started = time.perf_counter()
        provider = pubmeta.oai.app([path], page_size=100)
        indexed = time.perf_counter() - started
        after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        pairs = [("verb", "ListRecords"), ("metadataPrefix", "oai_dc")]
        from lxml import etree

        for _ in range(20):
            root = etree.fromstring(provider.respond(pairs, "http://x/oai").encode())
            token = root.findtext(".//{http://www.openarchives.org/OAI/2.0/}resumptionToken")
            pairs = [("verb", "ListRecords"), ("resumptionToken", token or "")]
        served = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"{count} records: indexed in {indexed:.1f} s; peak RSS {before:.0f} MiB before, "
              f"{after:.0f} MiB indexed, {served:.0f} MiB after 20 pages")  # fmt: skip


def harvest_memory(count: int) -> None:
    from pubmeta.oai import Policy

    with tempfile.TemporaryDirectory() as tmp:
        path = make_store(Path(tmp), count)
        url, server = serve(pubmeta.oai.app([path], page_size=100))
        try:
            summary = pubmeta.harvest(url, "oai_dc", Path(tmp) / "out", policy=Policy(rate=0))
        finally:
            server.should_exit = True  # type: ignore[attr-defined]
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"{count} records served and harvested ({summary.written} written, "
              f"{summary.pages} pages): peak RSS of the process {peak:.0f} MiB")  # fmt: skip


if __name__ == "__main__":
    if sys.argv[1:2] == ["--harvest-memory"]:
        harvest_memory(int(sys.argv[2]) if len(sys.argv) > 2 else 20_000)
    elif sys.argv[1:2] == ["--memory"]:
        memory(int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000)
    else:
        speed(int(sys.argv[1]) if len(sys.argv) > 1 else 3000)

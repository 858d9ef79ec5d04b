"""OAI-PMH speed: the provider's ListRecords against pyoai's server on the same records, and
the harvester against sickle on the same pages; memory of a large store and of a large harvest.

    python benchmarks/oai.py [N] [--harvest-only]  (default 3000 records)
    python benchmarks/oai.py --memory N       (index N records, serve 20 pages: peak RSS)
    python benchmarks/oai.py --harvest-memory N   (serve and harvest N records: harvester RSS)

The records are N native records (the seed record, numbered) in one JSON Lines file. The
provider is timed on whole lists walked by their tokens (100 records a page), in-process
(``Provider.respond``, no HTTP) and over HTTP (uvicorn on 127.0.0.1); pyoai's
``Server.handleRequest`` gets the same records' Dublin Core (title, creators, date,
identifier, ...) as its own metadata maps.

The harvest comparison measures the clients, not the server: the provider's pages are
rendered once, in-process, and a trivial HTTP server in another process (``http.server`` on
127.0.0.1, HTTP/1.1) answers each request with its pre-rendered page from memory: the same
pages and the same resumption tokens for both clients. sickle does what its users do: it
iterates ``ListRecords`` and builds each ``Record`` (header and metadata parsed into a dict,
eagerly); it writes nothing. pubmeta does the real harvest: each record read, validated and
written to pubmeta JSON Lines, the harvest log, checkpoints after every page. Each line gives
the wall time and the client process's CPU time, in total and per record (best of 3 runs:
the machine may be shared). Then the cost of each step per record, in-process, beside sickle's
own steps on the same page: what a harvest into validated records cannot go below.
"""

from __future__ import annotations

import contextlib
import io
import itertools
import json
import resource
import shutil
import socket
import sys
import tempfile
import threading
import time
import types
import urllib.parse
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

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


def rendered(provider: object, prefix: str) -> dict[str, bytes]:
    """The whole list's pages as the provider renders them, by their request's query."""
    from lxml import etree

    pairs = [("verb", "ListRecords"), ("metadataPrefix", prefix)]
    pages: dict[str, bytes] = {}
    while True:
        body = provider.respond(pairs, "http://127.0.0.1/oai").encode()  # type: ignore[attr-defined]
        pages[query_key(urllib.parse.urlencode(pairs))] = body
        token = etree.fromstring(body).findtext(
            ".//{http://www.openarchives.org/OAI/2.0/}resumptionToken")  # fmt: skip
        if not token:
            return pages
        pairs = [("verb", "ListRecords"), ("resumptionToken", token)]


def query_key(query: str) -> str:
    return "&".join(f"{k}={v}" for k, v in sorted(urllib.parse.parse_qsl(query)))


def _static_server(pages_file: str, port: Any) -> None:  # in its own process
    import http.server
    import pickle

    pages: dict[str, bytes] = pickle.loads(Path(pages_file).read_bytes())

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            body = pages.get(query_key(urllib.parse.urlsplit(self.path).query))
            self.send_response(200 if body is not None else 404)
            self.send_header("Content-Type", "text/xml; charset=utf-8")
            self.send_header("Content-Length", str(len(body or b"")))
            self.end_headers()
            self.wfile.write(body or b"")

        def log_message(self, *_args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    port.value = server.server_address[1]
    server.serve_forever()


@contextlib.contextmanager
def static_pages(pages: dict[str, bytes], folder: Path) -> Iterator[str]:
    """The pages served from memory by another process: its URL."""
    import multiprocessing
    import pickle

    pages_file = folder / "pages.pickle"
    pages_file.write_bytes(pickle.dumps(pages))
    context = multiprocessing.get_context("spawn")
    port = context.Value("i", 0)
    process = context.Process(target=_static_server, args=(str(pages_file), port), daemon=True)
    process.start()
    try:
        while not port.value:
            time.sleep(0.02)
        yield f"http://127.0.0.1:{port.value}/oai"
    finally:
        process.terminate()
        process.join()


def timed(what: str, count_of: Callable[[], int], repeat: int = 1) -> float:
    """Prints the wall and CPU time (this process, all threads), each the best of ``repeat``
    runs, in total and per record; returns the CPU time per record."""
    walls, cpus = [], []
    for _ in range(repeat):
        started, cpu = time.perf_counter(), time.process_time()
        count = count_of()
        walls.append(time.perf_counter() - started)
        cpus.append(time.process_time() - cpu)
    seconds, cpu = min(walls), min(cpus)
    line = f"{what:52s} {count:7d} records {seconds:6.2f} s {count / seconds:7.0f} records/s"
    if count:
        line += f" {1e6 * seconds / count:5.0f} us wall, {1e6 * cpu / count:5.0f} us CPU a record"
    print(line)
    return cpu / count if count else 0.0


def sickle_count(url: str, prefix: str) -> int:
    from sickle import Sickle

    return sum(1 for _ in Sickle(url).ListRecords(metadataPrefix=prefix))


def provider_speed(folder: Path, provider: object, count: int) -> None:
    for prefix in ("oai_dc", "oai_openaire"):
        timed(f"provider ListRecords {prefix} (in-process)", lambda p=prefix: walk(provider, p))
    pyoai = pyoai_server([pubmeta.read(SEED)[0]] * count, 100)
    timed("pyoai server ListRecords oai_dc (in-process)", lambda: walk_pyoai(pyoai))
    url, server = serve(provider)
    try:
        timed("provider oai_dc over HTTP, walked by sickle", lambda: sickle_count(url, "oai_dc"))
    finally:
        server.should_exit = True  # type: ignore[attr-defined]


def harvest_speed(folder: Path, provider: object, repeat: int = 3) -> None:
    from pubmeta.oai import Policy

    policy = Policy(rate=0)
    runs = itertools.count()
    for prefix in ("oai_dc", "oai_openaire"):
        with static_pages(rendered(provider, prefix), folder) as url:

            def ours(p: str = prefix) -> int:
                out = folder / f"harvest{next(runs)}"
                written = pubmeta.harvest(url, p, out, policy=policy).written
                shutil.rmtree(out)
                return written

            what = f"pubmeta harvest {prefix} -> JSON Lines (static pages)"
            mine = timed(what, ours, repeat)
            theirs = timed(f"sickle ListRecords {prefix}, parsed only (static pages)",
                           lambda p=prefix: sickle_count(url, p), repeat)  # fmt: skip
        print(f"  client CPU a record: pubmeta {mine / theirs:.2f}x sickle's (best of {repeat})")


def _each(what: str, step: Callable[[], object], per: int = 1) -> None:
    import timeit

    best = min(timeit.repeat(step, number=20, repeat=5)) / 20 / per
    print(f"  {what:52s} {1e6 * best:7.1f} us a record")


def stages(provider: object) -> None:
    """Per record, what each step of the harvest costs (one page of 100 records, in-process,
    best of 5), beside what sickle does with the same page: where the floor is."""
    from pubmeta.formats.dublincore.read import read_tree as dc_tree
    from pubmeta.formats.openaire.read import read_tree as openaire_tree

    for prefix, read_tree in (("oai_dc", dc_tree), ("oai_openaire", openaire_tree)):
        body = provider.respond([("verb", "ListRecords"), ("metadataPrefix", prefix)],  # type: ignore[attr-defined]
                                "http://127.0.0.1/oai").encode()  # fmt: skip
        _stages_of(prefix, body, read_tree)


def _stages_of(prefix: str, body: bytes, read_tree: Callable[[Any], Any]) -> None:
    from lxml import etree
    from sickle.models import Record
    from sickle.response import XMLParser

    from pubmeta.formats.native import write_line
    from pubmeta.oai.pages import read_page
    from pubmeta.reading import check

    page = read_page(body, 1)
    records, element = len(page.records), page.records[0].element
    record = check(read_tree(element)[0]).record
    print(f"{prefix}, a page of {records} records ({len(body)} bytes):")
    _each("pubmeta: the page parsed, its records cut out", lambda: read_page(body, 1), records)
    _each("pubmeta: a record read (the format's reader)", lambda: read_tree(element))
    _each("pubmeta: ... and built and checked (model, rules)", lambda: check(read_tree(element)[0]))
    _each("pubmeta: a record written as a JSON line", lambda: write_line(record))
    _each("sickle: the page parsed", lambda: etree.XML(body, parser=XMLParser), records)
    found = etree.XML(body, parser=XMLParser).findall(
        ".//{http://www.openarchives.org/OAI/2.0/}record"
    )
    _each("sickle: its records built (Record, metadata dict)",
          lambda: [Record(r) for r in found], records)  # fmt: skip


def speed(count: int, harvest_only: bool) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        provider = pubmeta.oai.app([make_store(folder, count)], page_size=100)
        if not harvest_only:
            provider_speed(folder, provider, count)
        harvest_speed(folder, provider)
        stages(provider)


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


class _RSSPerPage(io.StringIO):
    """The harvest's progress stream: the process's resident memory at each page."""

    def __init__(self) -> None:
        super().__init__()
        self.samples: list[tuple[int, float]] = []

    def write(self, text: str) -> int:
        if text.startswith("pubmeta harvest: page "):
            status = Path("/proc/self/status").read_text()
            rss = int(status.split("VmRSS:")[1].split()[0]) / 1024
            self.samples.append((int(text.split()[3].rstrip(":")), rss))
        return len(text)


def harvest_memory(count: int) -> None:
    """``pubmeta serve`` in a process of its own; this process harvests (its RSS alone)."""
    import subprocess

    from pubmeta.oai import Policy

    with tempfile.TemporaryDirectory() as tmp:
        path = make_store(Path(tmp), count)
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        command = [sys.executable, "-m", "pubmeta", "serve", str(path), "--port", str(port)]
        server = subprocess.Popen(command, stderr=subprocess.DEVNULL)
        try:
            url = f"http://127.0.0.1:{port}/oai"
            for _ in range(600):
                try:
                    socket.create_connection(("127.0.0.1", port)).close()
                    break
                except OSError:
                    time.sleep(0.5)
            rss = _RSSPerPage()
            summary = pubmeta.harvest(url, "oai_dc", Path(tmp) / "out", policy=Policy(rate=0),
                                      progress=rss)  # fmt: skip
        finally:
            server.terminate()
            server.wait()
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"{count} records served (pubmeta serve, another process) and harvested: "
              f"{summary.written} written, {summary.pages} pages in {summary.seconds:.0f} s "
              f"({summary.written / summary.seconds:.0f} records/s)")  # fmt: skip
        pages = rss.samples
        marks = sorted({0, len(pages) // 10, len(pages) // 2, len(pages) - 1})
        at = ", ".join(f"{pages[i][0]}: {pages[i][1]:.0f} MiB" for i in marks)
        print(f"harvester RSS at page {at}; peak {peak:.0f} MiB")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--harvest-memory"]:
        harvest_memory(int(sys.argv[2]) if len(sys.argv) > 2 else 20_000)
    elif sys.argv[1:2] == ["--memory"]:
        memory(int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000)
    else:
        harvest_only = "--harvest-only" in sys.argv
        numbers = [a for a in sys.argv[1:] if a != "--harvest-only"]
        speed(int(numbers[0]) if numbers else 3000, harvest_only)

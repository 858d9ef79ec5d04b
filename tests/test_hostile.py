"""Hostile input: whatever bytes arrive, a reader returns records or raises pubmeta's own error
with a message; it never raises anything else, never touches the network, never blows up."""

from __future__ import annotations

import http.server
import resource
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import SHARED, need
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import pubmeta
from pubmeta import reading as api
from pubmeta.xml import parse as xmlio

READERS = ["pubmeta", "pure", "jats", "csl", "dc"]
SEED = Path(__file__).resolve().parents[1] / "seeds" / "000_d4b476da1a4995c2.txt"


def _read_or_refuse(content: bytes | str, fmt: str | None) -> None:
    try:
        pubmeta.read(content, format=fmt)
    except pubmeta.PubmetaError as error:
        assert str(error), "a refusal says why"


def _validate_never_raises(content: bytes, fmt: str | None) -> None:
    issues = pubmeta.validate(content, format=fmt)
    assert all(issue.rule and issue.message for issue in issues)


@pytest.mark.parametrize("fmt", [*READERS, None])
@given(content=st.binary(max_size=3000))
def test_random_bytes(fmt: str | None, content: bytes) -> None:
    _read_or_refuse(content, fmt)
    _validate_never_raises(content, fmt)


@pytest.mark.parametrize("fmt", [*READERS, None])
@given(content=st.text(max_size=3000))
def test_random_text(fmt: str | None, content: str) -> None:
    _read_or_refuse(content, fmt)


def _corpus_files() -> list[Path]:
    files = sorted(
        p
        for p in (SHARED / "corpus").rglob("*")
        if p.is_file() and p.suffix in (".xml", ".json", ".txt")
    )
    return files or [SEED]


@pytest.mark.corpus
@settings(suppress_health_check=[HealthCheck.too_slow])
@given(path=st.sampled_from(_corpus_files()), cut=st.floats(0, 1), data=st.data())
def test_truncated_and_mutated_real_documents(path: Path, cut: float, data: st.DataObject) -> None:
    content = bytearray(path.read_bytes())
    content = content[: int(len(content) * cut)]
    for _ in range(data.draw(st.integers(0, 5))):
        if not content:
            break
        where = data.draw(st.integers(0, len(content) - 1))
        content[where] = data.draw(st.integers(0, 255))
    _read_or_refuse(bytes(content), None)
    _validate_never_raises(bytes(content), None)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-32", "latin-1", "cp1252"])
def test_wrong_encodings_are_reported(encoding: str) -> None:
    text = "type: article\ntitle: Café Ørsted and “quoted” words\n"
    content = text.encode(encoding, errors="replace")
    issues = pubmeta.validate(content)
    assert [i.rule for i in issues] == ["encoding"]
    with pytest.raises(pubmeta.FormatError, match="UTF-8"):
        pubmeta.read(content)


@pytest.mark.parametrize(
    ("content", "fmt"),
    [
        ("[" * 100_000, "pubmeta"),
        ('{"a":' * 100_000, "pubmeta"),
        ("[" * 100_000, "csl"),
        ("- " * 50_000 + "x", "pubmeta"),
        ("<a>" * 100_000, "jats"),
        ("<a>" * 100_000, "dc"),
    ],
    ids=["json-array", "json-object", "csl", "yaml", "xml-jats", "xml-dc"],
)
def test_deeply_nested_input_is_refused(content: str, fmt: str) -> None:
    with pytest.raises(pubmeta.PubmetaError):
        pubmeta.read(content, format=fmt)
    assert pubmeta.validate(content.encode(), format=fmt)


def test_input_over_the_size_limit_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(api, "MAX_INPUT_BYTES", 1000)
    monkeypatch.setattr(xmlio, "MAX_XML_BYTES", 1000)
    with pytest.raises(pubmeta.FormatError, match="limit"):
        pubmeta.read(b"{" + b" " * 2000 + b"}")
    with pytest.raises(pubmeta.FormatError, match="limit"):
        pubmeta.read("<article>" + " " * 2000 + "</article>", format="jats")


def _article(prolog: str, title: str) -> str:
    return (
        f'<?xml version="1.0"?>\n{prolog}\n<article><front><journal-meta/><article-meta>'
        f"<title-group><article-title>{title}</article-title></title-group>"
        "</article-meta></front></article>"
    )


def test_external_entities_are_not_read(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET", "utf-8")
    document = _article(
        f'<!DOCTYPE article [<!ENTITY xxe SYSTEM "file://{secret}">]>', "before &xxe; after"
    )
    for fmt in ("jats",):
        try:
            records = pubmeta.read(document, format=fmt)
        except pubmeta.PubmetaError:
            continue
        assert all("TOP-SECRET" not in (r.title or "") for r in records)


def test_entity_expansion_bombs_are_not_expanded() -> None:
    entities = '<!ENTITY lol "lollollollollollollollollollol">' + "".join(
        f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10 if i > 1 else "&lol;" * 10}">'
        for i in range(1, 10)
    )
    document = _article(f"<!DOCTYPE article [{entities}]>", "&lol9;")
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    try:
        (record,) = pubmeta.read(document, format="jats")
        assert len(record.title or "") < 1000
    except pubmeta.PubmetaError:
        pass
    assert time.perf_counter() - started < 5
    grown_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
    assert grown_kib < 200_000


@pytest.fixture
def counting_server() -> Iterator[tuple[str, list[str]]]:
    """A web server on loopback that records every request made to it."""
    requests: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            requests.append(self.path)
            self.send_response(200)
            self.end_headers()
            self.wfile.write(b'<!ENTITY title "FETCHED">')

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}", requests
    finally:
        server.shutdown()


@pytest.mark.parametrize("fmt", ["jats", "dc", None])
def test_doctypes_pointing_at_the_network_are_never_fetched(
    counting_server: tuple[str, list[str]], fmt: str | None
) -> None:
    base, requests = counting_server
    prolog = (
        f'<!DOCTYPE article SYSTEM "{base}/evil.dtd" [<!ENTITY % remote SYSTEM '
        f'"{base}/remote.ent"> %remote;]>'
    )
    document = _article(prolog, "t &title;")
    _read_or_refuse(document, fmt)
    _read_or_refuse(document.replace("<article>", '<article xmlns:x="' + base + '/ns">'), fmt)
    assert requests == []


@pytest.mark.standards
def test_the_standards_catalog_is_never_needed_to_read(shared: Path) -> None:
    need(shared / "standards", "the standards folder")
    (record,) = pubmeta.read(
        '<!DOCTYPE article PUBLIC "-//NLM//DTD JATS (Z39.96) Journal Publishing DTD v1.3 '
        '20210610//EN" "https://jats.nlm.nih.gov/publishing/1.3/JATS-journalpublishing1-3.dtd">'
        "<article><front><journal-meta/><article-meta><title-group><article-title>T"
        "</article-title></title-group></article-meta></front></article>",
        format="jats",
    )
    assert record.title == "T"

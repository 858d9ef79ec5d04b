"""Small HTTP servers on 127.0.0.1 for the OAI-PMH tests: a scripted endpoint that replays
recorded responses and injects faults (503 with Retry-After, slow answers, bodies cut mid-way,
gzip), and an ASGI application run on uvicorn or a WSGI one on waitress, in a thread."""

from __future__ import annotations

import gzip
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlsplit


@dataclass
class Reply:
    body: bytes
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    cut_after: int | None = None  # send this many bytes of the body, then close
    delay: float = 0.0
    gzip: bool = False


Script = Callable[[dict[str, str], int], Reply]


@dataclass
class Endpoint:
    url: str
    requests: list[dict[str, str]]


@contextmanager
def scripted(script: Script) -> Iterator[Endpoint]:
    """An endpoint answering each request with ``script(params, n)`` (n counts from 1)."""
    seen: list[dict[str, str]] = []
    lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *_args: object) -> None:
            pass

        def do_GET(self) -> None:
            params = dict(parse_qsl(urlsplit(self.path).query, keep_blank_values=True))
            with lock:
                seen.append(params)
                number = len(seen)
            reply = script(params, number)
            if reply.delay:
                time.sleep(reply.delay)
            body = gzip.compress(reply.body) if reply.gzip else reply.body
            self.send_response(reply.status)
            self.send_header("Content-Type", "text/xml; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            if reply.gzip:
                self.send_header("Content-Encoding", "gzip")
            for name, value in reply.headers.items():
                self.send_header(name, value)
            if reply.cut_after is not None:
                self.send_header("Connection", "close")
            self.end_headers()
            if reply.cut_after is not None:
                self.wfile.write(body[: reply.cut_after])
                self.wfile.flush()
                self.close_connection = True
                return
            self.wfile.write(body)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield Endpoint(f"http://127.0.0.1:{server.server_address[1]}/oai", seen)
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


@contextmanager
def running_wsgi(application: Callable[..., object]) -> Iterator[str]:
    """``application`` on waitress (a production WSGI server) at 127.0.0.1, a free port, in a
    thread; yields the base URL ``http://127.0.0.1:PORT/oai``."""
    from waitress.server import create_server

    server = create_server(application, host="127.0.0.1", port=0, threads=2)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.effective_port}/oai"
    finally:
        while (
            server._map
        ):  # every channel closed (clients may keep theirs open), then the loop ends
            for channel in list(server._map.values()):
                channel.handle_close()
        server.task_dispatcher.shutdown()
        thread.join(5)


@contextmanager
def running_asgi(application: Callable[..., object]) -> Iterator[str]:
    """``application`` on uvicorn at 127.0.0.1, a free port, in a thread; yields the base URL
    ``http://127.0.0.1:PORT/oai``."""
    import socket

    import uvicorn

    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn.Config(application, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{sock.getsockname()[1]}/oai"
    finally:
        server.should_exit = True
        thread.join(10)
        sock.close()

"""The provider's two faces to a web server: ASGI (uvicorn, hypercorn, Starlette's or FastAPI's
``mount``) and WSGI (waitress, gunicorn, Flask through werkzeug's ``DispatcherMiddleware``).
Both take the request's arguments (the query string of a GET, the form body of a POST) and the
base URL the request came to, and hand them to one ``respond`` function: the verbs have one
implementation, in :mod:`.provider`."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable, Sequence
from typing import Any
from urllib.parse import parse_qsl, quote

Respond = Callable[[Sequence[tuple[str, str]], str], str]
Scope = dict[str, Any]
Receive = Callable[[], Awaitable[dict[str, Any]]]
Send = Callable[[dict[str, Any]], Awaitable[None]]
StartResponse = Callable[..., Any]

XML = "text/xml; charset=utf-8"
NOT_ALLOWED = b"OAI-PMH takes GET and POST"
#: a POST body larger than this is no OAI-PMH request (the longest is a few hundred bytes)
MAX_BODY = 64 * 1024


async def asgi(respond: Respond, scope: Scope, receive: Receive, send: Send) -> None:
    """Answer one ASGI connection (http requests; lifespan events are acknowledged)."""
    if scope["type"] == "lifespan":
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                await send({"type": "lifespan.shutdown.complete"})
                return
    if scope["type"] != "http":
        return
    query = scope.get("query_string", b"").decode("latin-1")
    if scope["method"] == "POST":
        body = b""
        while True:
            message = await receive()
            if len(body) < MAX_BODY:  # the rest is read and dropped, not held
                body += message.get("body", b"")
            if not message.get("more_body"):
                break
        query = body[:MAX_BODY].decode("latin-1")
    elif scope["method"] not in ("GET", "HEAD"):
        await _asgi_reply(send, 405, NOT_ALLOWED, "text/plain")
        return
    pairs = parse_qsl(query, keep_blank_values=True)
    text = respond(pairs, asgi_base_url(scope))
    await _asgi_reply(send, 200, text.encode("utf-8"), XML)


def asgi_base_url(scope: Scope) -> str:
    """The URL the request came to, without its query. ASGI servers and frameworks differ on
    whether ``path`` holds ``root_path`` (Starlette's ``mount`` and uvicorn today: it does)."""
    headers = dict(scope.get("headers") or [])
    host = headers.get(b"host", b"").decode("latin-1")
    if not host and scope.get("server"):
        host = f"{scope['server'][0]}:{scope['server'][1]}"
    root, path = scope.get("root_path", ""), scope.get("path", "")
    if not path.startswith(root):
        path = root + path
    return f"{scope.get('scheme', 'http')}://{host}{path}"


async def _asgi_reply(send: Send, status: int, body: bytes, kind: str) -> None:
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", kind.encode()),
                            (b"content-length", str(len(body)).encode())]})  # fmt: skip
    await send({"type": "http.response.body", "body": body})


def wsgi(
    respond: Respond, environ: dict[str, Any], start_response: StartResponse
) -> Iterable[bytes]:
    """Answer one WSGI request (PEP 3333)."""
    method = environ.get("REQUEST_METHOD", "GET")
    if method == "POST":
        try:
            length = min(int(environ.get("CONTENT_LENGTH") or 0), MAX_BODY)
        except ValueError:
            length = 0
        query = environ["wsgi.input"].read(length).decode("latin-1") if length > 0 else ""
    elif method in ("GET", "HEAD"):
        query = environ.get("QUERY_STRING", "")
    else:
        headers = [("Content-Type", "text/plain"), ("Content-Length", str(len(NOT_ALLOWED)))]
        start_response("405 Method Not Allowed", headers)
        return [NOT_ALLOWED]
    pairs = parse_qsl(query, keep_blank_values=True)
    body = respond(pairs, wsgi_base_url(environ)).encode("utf-8")
    start_response("200 OK", [("Content-Type", XML), ("Content-Length", str(len(body)))])
    return [body]


def wsgi_base_url(environ: dict[str, Any]) -> str:
    """The URL the request came to (PEP 3333's URL reconstruction), without its query."""
    scheme = environ.get("wsgi.url_scheme", "http")
    host = environ.get("HTTP_HOST")
    if not host:
        host = environ.get("SERVER_NAME", "")
        port = environ.get("SERVER_PORT", "")
        if port and port != ("443" if scheme == "https" else "80"):
            host += f":{port}"
    # PEP 3333: the path's bytes, each taken as a latin-1 character
    path = "".join(quote(environ.get(k, "").encode("latin-1", "replace"))
                   for k in ("SCRIPT_NAME", "PATH_INFO"))  # fmt: skip
    return f"{scheme}://{host}{path}"

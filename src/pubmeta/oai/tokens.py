"""Stateless, tamper-evident resumption tokens: the list's arguments and the position to go on
from, signed (HMAC-SHA256) with the provider's key, and their expiry."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class State:
    prefix: str
    set: str | None
    start: str | None
    until: str | None
    position: int  # the store index to go on from
    cursor: int  # records already sent in this list
    total: int  # completeListSize
    expires: int  # epoch seconds


class BadToken(ValueError):
    pass


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def issue(state: State, key: bytes) -> str:
    body = _b64(json.dumps(asdict(state), separators=(",", ":")).encode("utf-8"))
    signature = _b64(hmac.new(key, body.encode("ascii"), hashlib.sha256).digest())
    return f"{body}.{signature}"


def check(token: str, key: bytes, now: float | None = None) -> State:
    """The token's state; BadToken when it was not issued with this key, or has expired."""
    body, _, signature = token.partition(".")
    try:
        expected = _b64(hmac.new(key, body.encode("ascii"), hashlib.sha256).digest())
    except UnicodeEncodeError:
        raise BadToken("not a resumption token of this repository") from None
    if not signature or not hmac.compare_digest(expected, signature):
        raise BadToken("not a resumption token of this repository")
    try:
        state = State(**json.loads(_unb64(body)))
    except (ValueError, TypeError):
        raise BadToken("not a resumption token of this repository") from None
    if state.expires < (time.time() if now is None else now):
        raise BadToken("the resumption token has expired")
    return state

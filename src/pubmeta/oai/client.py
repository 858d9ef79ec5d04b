"""The harvester's HTTP side (httpx): one GET per page, with a politeness limit, and retries
of what passes (503/429 with Retry-After, other 5xx, timeouts, dropped connections) with
bounded backoff. Gzip and deflate bodies are decoded by httpx."""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from typing import Any

from .pages import HarvestError

_RETRIED_STATUS = frozenset({429, 500, 502, 503, 504})


@dataclass(frozen=True)
class Policy:
    """How patient the harvester is: ``rate`` requests per second at most (0: no limit);
    ``timeout`` seconds per request; ``attempts`` tries per page; waits between tries grow from
    ``backoff`` seconds, doubling, to ``max_wait`` (a Retry-After longer than that is cut)."""

    rate: float = 2.0
    timeout: float = 60.0
    attempts: int = 6
    backoff: float = 1.0
    max_wait: float = 120.0


@dataclass(frozen=True)
class Response:
    status: int
    content: bytes


class Client:
    def __init__(
        self,
        base_url: str,
        policy: Policy,
        *,
        notice: Callable[[str], None] | None = None,
        transport: Any = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        try:
            import httpx
        except ImportError:
            raise HarvestError(
                "harvesting needs the httpx package: pip install 'pubmeta[oai]'"
            ) from None

        from .. import __version__

        self.base_url = base_url
        self.policy = policy
        self.notice = notice or (lambda _text: None)
        self.sleep = sleep
        self.last = 0.0
        self._httpx = httpx
        self.http = httpx.Client(
            timeout=httpx.Timeout(policy.timeout),
            follow_redirects=True,
            headers={
                "User-Agent": f"pubmeta/{__version__} (OAI-PMH harvester)",
                "Accept-Encoding": "gzip, deflate",
            },
            transport=transport,
        )

    def close(self) -> None:
        self.http.close()

    def __enter__(self) -> Client:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def _polite(self) -> None:
        if self.policy.rate > 0:
            wait = self.last + 1.0 / self.policy.rate - time.monotonic()
            if wait > 0:
                self.sleep(wait)
        self.last = time.monotonic()

    def get(self, params: Mapping[str, str], page: int) -> Response:
        """The page's response (any status: an OAI error may come with 4xx); HarvestError
        once every attempt has failed."""
        httpx = self._httpx
        problem = ""
        for attempt in range(1, self.policy.attempts + 1):
            self._polite()
            retry_after: float | None = None
            try:
                response = self.http.get(self.base_url, params=dict(params))
                content = response.content  # read whole: a cut body raises here
            except httpx.TimeoutException:
                problem = f"no answer within {self.policy.timeout:g} s"
            except httpx.TransportError as error:
                problem = f"connection failed ({type(error).__name__}: {str(error)[:120]})"
            else:
                if response.status_code not in _RETRIED_STATUS:
                    return Response(response.status_code, content)
                problem = f"HTTP status {response.status_code}"
                retry_after = _retry_after(response.headers.get("Retry-After"))
            if attempt == self.policy.attempts:
                break
            wait = self.policy.backoff * 2 ** (attempt - 1)
            if retry_after is not None:
                wait = retry_after
            wait = min(wait, self.policy.max_wait)
            self.notice(
                f"page {page}: {problem}; trying again in {wait:g} s "
                f"(attempt {attempt + 1} of {self.policy.attempts})"
            )
            self.sleep(wait)
        raise HarvestError(
            f"page {page}: giving up after {self.policy.attempts} attempts: {problem} "
            f"({self.base_url})"
        )


def _retry_after(value: str | None) -> float | None:
    """Retry-After as seconds (a number or an HTTP date), None when absent or unreadable."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    from datetime import datetime, timezone

    return max(0.0, (when - datetime.now(timezone.utc)).total_seconds())

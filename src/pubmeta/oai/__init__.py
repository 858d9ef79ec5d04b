"""OAI-PMH 2.0 both ways: the harvester (:func:`harvest`) and the data provider (:func:`app`,
an ASGI application a repository can mount, :func:`wsgi_app` the same as a WSGI application,
or run with ``pubmeta serve``).

Imported lazily: ``import pubmeta.oai`` loads neither httpx nor the provider's store.
"""

from __future__ import annotations

import importlib
from typing import Any

_PUBLIC = {
    "harvest": "harvester",
    "HarvestSummary": "harvester",
    "HarvestError": "pages",
    "OAIError": "pages",
    "Policy": "client",
    "app": "provider",
    "Provider": "provider",
    "wsgi_app": "provider",
    "WSGIProvider": "provider",
}
__all__ = sorted(_PUBLIC)


def __getattr__(name: str) -> Any:
    module = _PUBLIC.get(name)
    if module is None:
        raise AttributeError(f"module 'pubmeta.oai' has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{module}"), name)


def __dir__() -> list[str]:
    return __all__

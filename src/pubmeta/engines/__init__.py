"""Engines run chunks of work and hand the results back in order: ``local`` (in this process,
or a pool of local processes) and ``dask`` (a Dask cluster), chosen by name and imported only
when chosen."""

from __future__ import annotations

import importlib
from typing import Any

from ..errors import IngestError
from .base import Engine

#: engine name -> "module:factory"
ENGINES = {"local": "pubmeta.engines.local:make", "dask": "pubmeta.engines.dask:make"}


def engine(name: str, **settings: Any) -> Engine:
    """The engine called ``name``, made with ``settings`` (workers, scheduler, ...)."""
    target = ENGINES.get(name)
    if target is None:
        raise IngestError(f"unknown engine {name!r} (one of: {', '.join(ENGINES)})")
    module_name, factory = target.split(":")
    made: Engine = getattr(importlib.import_module(module_name), factory)(**settings)
    return made

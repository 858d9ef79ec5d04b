"""Streaming batch ingest: many inputs in, every record written in each target format or
rejected with its reasons, exactly once, in input order, with bounded memory.

- :mod:`.sources`: the record files of given paths (folders walked, portal pages told from
  READMEs); :mod:`.units`: inputs cut into units of work; :mod:`.work`: what a worker does
  with them;
- :mod:`.output`: the output folder (checks, lock, staging, swap) and its files;
- :mod:`.progress`: the progress line and the summary; :mod:`.run`: the run itself.

Engines (:mod:`pubmeta.engines`) run the work; this package does not import them until a run
starts, so the work can be shipped to workers without the engines.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .run import IngestError, ingest

__all__ = ["IngestError", "ingest"]


def __getattr__(name: str) -> Any:
    if name == "ingest":
        from .run import ingest

        return ingest
    if name == "IngestError":
        from ..errors import IngestError

        return IngestError
    if name in ("KILL_SWITCH_ENV", "FAIL_SWITCH_ENV"):
        from . import work

        return getattr(work, name)
    raise AttributeError(f"module 'pubmeta.pipeline' has no attribute {name!r}")

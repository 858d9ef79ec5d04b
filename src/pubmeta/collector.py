"""Bulk work without pauses of the cyclic garbage collector.

Reading a document builds tens of thousands of small containers (dicts, lists, models) and
keeps them all. CPython's collector walks the young ones every few hundred allocations and,
ever more often as the kept heap grows, the whole heap, looking for reference cycles these
objects do not form: reading 2,000 CSL items ran 1.9x faster with it paused (benchmarks/
shared_peers.py). It is paused only for the duration of one call and only if it was running
(a caller's own ``gc.disable()`` is left alone); a cycle made meanwhile is freed by the next
collection, as usual. Reference counting frees everything else at once either way.
"""

from __future__ import annotations

import gc
from types import TracebackType


class _Paused:
    """The context of :func:`collector_paused` (a class: a generator-based context manager
    costs a few microseconds per call, which writing one small record pays each time)."""

    __slots__ = ("_paused_here",)

    def __enter__(self) -> None:
        self._paused_here = gc.isenabled()
        if self._paused_here:
            gc.disable()

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if self._paused_here:
            gc.enable()


def collector_paused() -> _Paused:
    """The block runs with the cyclic collector off, then it is on again as before.

    With threads: whoever turned it off turns it on; a thread entering meanwhile finds it
    off and leaves it to the first, so it is never left off after the last block ends."""
    return _Paused()

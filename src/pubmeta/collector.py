"""Bulk work without pauses of the cyclic garbage collector.

Reading a document builds tens of thousands of small containers (dicts, lists, models) and
keeps them all. CPython's collector walks the young ones every few hundred allocations and,
ever more often as the kept heap grows, the whole heap, looking for reference cycles these
objects do not form: reading 2,000 CSL items ran 1.9x faster with it paused (benchmarks/
shared_peers.py). It is paused only for the duration of one call and only if it was running
(a caller's own ``gc.disable()`` is left alone). Reference counting frees everything else at
once either way.

When the pause ends, what was made during it is moved to the oldest generation at once
(``gc.freeze()`` then ``gc.unfreeze()``), as the collector would move it after walking it
object by object: that walk came at the first allocation after the pause, and cost 47 ms
after reading 2,000 CSL items, an eighth of reading and writing them. A cycle made during a
pause is then found by a full collection. CPython starts one when the old generation has grown
by a quarter through its own collections, which a process spending its time in pubmeta's
pauses rarely makes; so pubmeta starts one itself once the objects it has moved since its last
one outnumber four times what that collection left alive: cyclic garbage waits a bounded
while, never forever, and the walk costs a fraction of an object per object moved.
"""

from __future__ import annotations

import gc
import threading
from types import TracebackType

#: A full collection is due once the objects moved since the last one outnumber this many
#: times the objects that collection left (and at least the floor, for small processes).
FULL_COLLECTION_RATIO = 4
FULL_COLLECTION_FLOOR = 1_000_000


class _Promotions:
    """Objects moved to the oldest generation since pubmeta's last full collection."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.moved = 0
        self.due_at = FULL_COLLECTION_FLOOR

    def promote(self) -> None:
        """Move the young generations to the oldest; collect fully when that is due."""
        with self.lock:
            if gc.get_freeze_count():
                # the program froze objects of its own (before forking, say): unfreezing
                # would thaw them too, so its collector does the walk as usual
                return
            self.moved += gc.get_count()[0]  # (net) objects made since the last collection
            gc.freeze()
            gc.unfreeze()
            if self.moved < self.due_at:
                return
            gc.collect()
            alive = len(gc.get_objects())
            self.moved = 0
            self.due_at = max(FULL_COLLECTION_FLOOR, FULL_COLLECTION_RATIO * alive)


_PROMOTIONS = _Promotions()


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
            _PROMOTIONS.promote()
            gc.enable()


def collector_paused() -> _Paused:
    """The block runs with the cyclic collector off, then it is on again as before.

    With threads: whoever turned it off turns it on; a thread entering meanwhile finds it
    off and leaves it to the first, so it is never left off after the last block ends."""
    return _Paused()

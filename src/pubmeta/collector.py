"""Opt-in bulk mode: pauses of the cyclic garbage collector around pubmeta's own calls.

A plain library call leaves the collector alone: pubmeta runs inside web services, notebooks
and CI runners it does not own, and the collector is the whole process's (turning it off in one
thread turns it off for all). Bulk speed is opted into:

- by a caller, for the calls made inside ``with pubmeta.bulk(): ...`` (in that thread or task:
  the mode is a context variable, so a request served beside it by another thread is untouched
  unless it overlaps a paused call: the collector itself has no per-thread switch);
- by code that owns its process, once (:func:`own_process`: the command line, ingest workers).

What bulk mode buys. Reading a document builds tens of thousands of small containers (dicts,
lists, models) and keeps them all. CPython's collector walks the young ones every few hundred
allocations and, ever more often as the kept heap grows, the whole heap, looking for reference
cycles these objects do not form: reading 2,000 CSL items ran 1.9x faster with it paused
(benchmarks/shared_peers.py). A call in bulk mode pauses it for its own duration, and only if it
was running (a caller's own ``gc.disable()`` is left alone). Reference counting frees everything
else at once either way.

**Kept results.** What a pause made is still young when it ends, and the collector walks all
of it at the first allocation after: 57 ms after reading 2,000 CSL items (the walk visits
every value of every model's ``__dict__``); the collector's walks took 14.5% of a loop reading
and writing them (timed through ``gc.callbacks``), 2.8% with what follows. A pause
whose block keeps what it makes (``collector_paused(keep=True)``: reading records) moves it to
the oldest generation at once instead (``gc.freeze()`` then ``gc.unfreeze()``), as the
collector would after walking it. That is safe only when the block made no reference cycles,
whose garbage would then wait for a full collection, so it is done only when

- the block made enough objects for the walk to matter (``KEPT_FLOOR``): a small read leaves
  the collector its usual work, and the young objects of the program that move along with a
  big read's are few beside them;
- no code that ran in it said it makes cycles (:func:`cycles_made`, said by the reading layer
  for a format whose ``makes_cycles`` says so: BibTeX's LaTeX converter, pubmeta's YAML
  loader; tests/test_collector.py reads every format's corpus and holds each format to having
  said so if its reading makes cyclic garbage);
- the program froze no objects of its own (unfreezing would thaw them too).

And as a bound on what a mistake could cost, pubmeta starts a full collection itself, as a
kept pause begins, once the objects it has moved since its last one outnumber four times what
that one left alive (a million at least): CPython's own trigger for one counts only objects its
collections moved.
"""

from __future__ import annotations

import contextvars
import gc
import threading
from types import TracebackType

#: A kept block's objects are moved on when it made at least this many (net, tracked ones).
KEPT_FLOOR = 20_000
#: A full collection is due once the objects moved since the last one outnumber this many
#: times the objects that collection left (and at least the floor, for small processes).
FULL_COLLECTION_RATIO = 4
FULL_COLLECTION_FLOOR = 1_000_000


class _Promotions:
    """Objects moved to the oldest generation since pubmeta's last full collection, and
    whether code running in a pause has said it makes reference cycles."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.moved = 0
        self.due_at = FULL_COLLECTION_FLOOR
        self.cycles = False

    def settle(self, keep: bool) -> None:
        """At the end of the outermost pause: move its objects on if that is safe (and forget
        what was said about cycles: the word holds for one pause)."""
        with self.lock:
            cycles, self.cycles = self.cycles, False
            made = gc.get_count()[0]  # net tracked objects made since the last collection
            if not keep or cycles or made < KEPT_FLOOR or gc.get_freeze_count():
                return
            self.moved += made
            gc.freeze()
            gc.unfreeze()

    def collect_if_due(self) -> None:
        """A full collection, when due, as a kept pause begins: the results of earlier reads
        are often dropped by then, and the new one's not made yet, so it walks the least."""
        if self.moved < self.due_at:
            return
        with self.lock:
            if self.moved < self.due_at:
                return
            gc.collect()
            self.moved = 0
            self.due_at = max(FULL_COLLECTION_FLOOR, FULL_COLLECTION_RATIO * len(gc.get_objects()))


_PROMOTIONS = _Promotions()


def cycles_made() -> None:
    """Said by code that makes garbage in reference cycles (a third-party parser's node
    graphs, recursive closures): the pause it runs in leaves its objects young, for the
    collector to walk and free as usual. Cheap: call it each time, not once."""
    if _PAUSES.depth:  # outside a pause there is nothing to leave young
        _PROMOTIONS.cycles = True


class _Pauses:
    """The pauses in progress in the whole process (the collector is one for all threads):
    the first to begin turns the collector off if it was on, the last to end turns it on
    again, so a pause in one thread never ends another's early."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.depth = 0
        self.ours = False  # the collector was on when the first pause began

    def begin(self, keep: bool) -> None:
        with self.lock:
            if self.depth == 0:
                self.ours = gc.isenabled()
                if self.ours:
                    if keep:
                        _PROMOTIONS.collect_if_due()
                    gc.disable()
            self.depth += 1

    def end(self, keep: bool) -> None:
        with self.lock:
            self.depth -= 1
            if self.depth == 0 and self.ours:
                _PROMOTIONS.settle(keep)
                gc.enable()


_PAUSES = _Pauses()


class _Paused:
    """The context of :func:`collector_paused` in bulk mode (a class: a generator-based context
    manager costs a few microseconds per call, which writing one small record pays each time)."""

    __slots__ = ("_keep",)

    def __init__(self, keep: bool) -> None:
        self._keep = keep

    def __enter__(self) -> None:
        _PAUSES.begin(self._keep)

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        _PAUSES.end(self._keep and kind is None)


class _NotPaused:
    """Outside bulk mode: the collector is left as it is."""

    __slots__ = ()

    def __enter__(self) -> None:
        return None

    def __exit__(self, *_exc: object) -> None:
        return None


_NOT_PAUSED = _NotPaused()
_PAUSED = _Paused(False)
_PAUSED_KEEP = _Paused(True)

#: Bulk mode asked for by ``with pubmeta.bulk()`` in this thread or task.
_BULK: contextvars.ContextVar[bool] = contextvars.ContextVar("pubmeta_bulk", default=False)
#: Bulk mode for the whole process, said once by code that owns it (see :func:`own_process`).
_OWNED = False


def own_process() -> None:
    """Said by code that owns its process (the command line, an ingest worker): every call
    from then on runs in bulk mode. Never called by a library function."""
    global _OWNED
    _OWNED = True


def in_bulk_mode() -> bool:
    return _OWNED or _BULK.get()


class bulk:
    """``with pubmeta.bulk(): ...``: pubmeta's calls inside the block pause the process's
    cyclic garbage collector while they run, and move what a read keeps to the oldest
    generation (see the module's text): 1.3-1.9x faster reading and writing of many records.

    The collector is the whole process's: while such a call runs, other threads run without
    it too, and a ``gc.disable()`` made by another thread meanwhile is undone when the last
    pause ends. Outside the block (and in other threads and tasks) calls leave it alone."""

    __slots__ = ("_token",)

    def __enter__(self) -> bulk:
        self._token = _BULK.set(True)
        return self

    def __exit__(self, *_exc: object) -> None:
        _BULK.reset(self._token)


def collector_paused(keep: bool = False) -> _Paused | _NotPaused:
    """In bulk mode, the block runs with the cyclic collector off, then it is on again as
    before; otherwise the block runs as it is.

    ``keep=True``: the block's result holds most of what it made (records read), which is then
    moved on without the collector's walk when that is safe (see the module's text)."""
    if not (_OWNED or _BULK.get()):
        return _NOT_PAUSED
    return _PAUSED_KEEP if keep else _PAUSED

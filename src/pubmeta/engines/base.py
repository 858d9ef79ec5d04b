"""What every engine does: chunks in, results out in submission order, worker deaths survived.

Chunks go out through a bounded window (a bounded number in flight: flat memory; results in
submission order: output independent of who finishes first). When a worker dies (or a chunk
outlives its time limit), the engine stops submitting, drains the window (chunks that finish
are kept; the others are suspects), and then finds the culprit by bisection, with nothing else
in flight: each suspect chunk is run alone; if it fails it is split in halves, each run alone,
down to the single record, which is rejected. An innocent record is never blamed, and one
poison record among n costs about log2(n) failed runs, not n.
"""

from __future__ import annotations

import os
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from typing import Generic, TypeVar

from ..collector import own_process
from ..pipeline.units import Unit
from ..pipeline.work import ChunkResult, Work, unit_failed

Handle = TypeVar("Handle")

#: Suspect chunks this small are run a record at a time instead of being halved further.
ONE_BY_ONE = 4
#: Every wait has a limit: this much for a chunk, plus the per-record allowance.
CHUNK_SECONDS = 120.0
RECORD_SECONDS = 2.0


class WorkerLost(Exception):
    """The worker running a chunk died (or the chunk outlived its time limit)."""

    def __init__(self, rule: str = "worker-died", message: str = "") -> None:
        super().__init__(message)
        self.rule = rule
        self.message = message or (
            "processing this record killed the worker process; it was run alone and killed it again"
        )


class Engine:
    """Runs chunks and yields their results in submission order."""

    def run(self, batches: Iterable[list[Unit]], work: Work) -> Iterator[ChunkResult]:
        raise NotImplementedError

    def close(self) -> None:
        """Release the workers (idempotent)."""

    def abort(self) -> None:
        """Stop at once (the run is interrupted): workers are stopped, nothing is awaited."""
        self.close()


class IsolatingEngine(Engine, Generic[Handle]):
    """An engine over workers that may die: the window and the bisection, for any backend
    that can submit a chunk, wait for it with a time limit, and start afresh after a loss."""

    def __init__(self, window: int, record_seconds: float = RECORD_SECONDS) -> None:
        self.window = max(window, 1)
        self.record_seconds = record_seconds

    # -- what a backend provides -----------------------------------------------------------
    def submit(self, batch: list[Unit], work: Work) -> Handle:
        raise NotImplementedError

    def wait(self, handle: Handle, timeout: float) -> ChunkResult:
        """The chunk's result; WorkerLost when its worker died or the time ran out."""
        raise NotImplementedError

    def reset(self) -> None:
        """After a loss: give up what is in flight and make the workers usable again."""

    # -- the algorithm ---------------------------------------------------------------------
    def timeout(self, batch: list[Unit]) -> float:
        return CHUNK_SECONDS + self.record_seconds * len(batch)

    def run(self, batches: Iterable[list[Unit]], work: Work) -> Iterator[ChunkResult]:
        source = iter(batches)
        pending: deque[tuple[list[Unit], Handle]] = deque()
        exhausted = False
        while True:
            while not exhausted and len(pending) < self.window:
                batch = next(source, None)
                if batch is None:
                    exhausted = True
                    break
                pending.append((batch, self.submit(batch, work)))
            if not pending:
                return
            batch, handle = pending.popleft()
            try:
                yield self.wait(handle, self.timeout(batch))
                continue
            except WorkerLost:
                drained = self._drain(pending)
            self.reset()
            yield self.isolate(batch, work)
            for other, result in drained:
                yield result if result is not None else self.isolate(other, work)

    def _drain(
        self, pending: deque[tuple[list[Unit], Handle]]
    ) -> list[tuple[list[Unit], ChunkResult | None]]:
        """Wait for what is in flight: finished chunks are kept, the others are suspects."""
        drained: list[tuple[list[Unit], ChunkResult | None]] = []
        while pending:
            batch, handle = pending.popleft()
            try:
                drained.append((batch, self.wait(handle, self.timeout(batch))))
            except WorkerLost:
                drained.append((batch, None))
        return drained

    def isolate(self, batch: list[Unit], work: Work) -> ChunkResult:
        """Run a suspect chunk with nothing else in flight; bisect it if it fails."""
        try:
            return self.wait(self.submit(batch, work), self.timeout(batch))
        except WorkerLost as lost:
            self.reset()
            if len(batch) == 1:
                return unit_failed(batch, lost.rule, lost.message)
        if len(batch) <= ONE_BY_ONE:
            # a few records: one at a time costs one failure (the culprit's), halving more
            result = ChunkResult()
            for unit in batch:
                result.extend(self.isolate([unit], work))
            return result
        middle = len(batch) // 2
        result = self.isolate(batch[:middle], work)
        result.extend(self.isolate(batch[middle:], work))
        return result


def start_worker(driver: int) -> None:
    """The initialiser of a local worker process: it runs nothing but pubmeta's chunks, so it
    works in bulk mode (see :mod:`pubmeta.collector`), and ends with its driver."""
    own_process()
    watch_parent(driver)


def watch_parent(driver: int | None = None, interval: float = 1.0) -> None:
    """In a worker: exit when the driver that started it is gone, so no worker outlives a
    killed run. The driver's own process is watched (a pidfd, readable once it has ended,
    even as a zombie its parent has not reaped yet; a check every ``interval`` seconds where
    there is none), besides the kernel's parent-death signal, which Linux ties to the thread
    that started the worker rather than to the driver. Ctrl-C is the driver's to
    handle: it stops the workers itself; a worker stopped by its pool must just end, silently."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    watched = os.getppid() if driver is None else driver
    try:
        import ctypes

        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass
    try:
        handle = os.pidfd_open(watched)
    except (AttributeError, OSError):
        handle = None

    def watch() -> None:
        if handle is not None:
            import select

            select.select([handle], [], [])
            os._exit(1)
        while True:
            time.sleep(interval)
            try:
                os.kill(watched, 0)
            except ProcessLookupError:
                os._exit(1)
            except PermissionError:
                pass

    threading.Thread(target=watch, name="pubmeta-parent-watch", daemon=True).start()

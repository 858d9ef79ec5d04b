"""The local engine: in this process (one worker), or a pool of local worker processes."""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import time
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from ..pipeline.units import Unit
from ..pipeline.work import ChunkResult, Work, process_chunk
from .base import RECORD_SECONDS, Engine, IsolatingEngine, WorkerLost, start_worker


def _safe_context() -> Any:
    """Workers started afresh (``spawn``: fork and exec at once, no Python run between), never
    forked from this process: the caller may be a threaded host (a web service, a notebook),
    and a fork copies its other threads' locks in whatever state they are in. Not
    ``forkserver``: its one server per process dies when a request reaches it half-sent,
    which CPython's executor does when a worker's death races a submit (its manager thread
    closes the pipes being passed), and every later start then fails with EOFError; a failed
    spawn is an OSError of that one start, which ``submit`` already answers with a fresh
    pool."""
    return multiprocessing.get_context("spawn")


class InProcessEngine(Engine):
    """One worker: the chunks run here, in order (there is no worker process to lose)."""

    def run(self, batches: Iterable[list[Unit]], work: Work) -> Iterator[ChunkResult]:
        for batch in batches:
            yield process_chunk(batch, work)


class ProcessPoolEngine(IsolatingEngine["Future[ChunkResult]"]):
    """A pool of local processes behind a bounded window; a dying or hanging worker costs only
    its record (found by bisection, see :mod:`.base`)."""

    def __init__(self, workers: int, record_seconds: float = RECORD_SECONDS) -> None:
        super().__init__(window=2 * workers, record_seconds=record_seconds)
        self.workers = workers
        self._pool: ProcessPoolExecutor | None = None

    def _fresh(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            max_workers=self.workers,
            mp_context=_safe_context(),
            initializer=start_worker,
            initargs=(os.getpid(),),
        )

    def submit(self, batch: list[Unit], work: Work) -> Future[ChunkResult]:
        if self._pool is None:
            self._pool = self._fresh()
        try:
            return self._pool.submit(process_chunk, batch, work)
        except (BrokenProcessPool, RuntimeError, OSError):
            # a pool broken by a dying worker refuses work as BrokenProcessPool, RuntimeError
            # (shut down) or OSError "handle is closed" (its manager thread already closed the
            # wake-up pipe): let it finish dying, then start afresh
            self._abandon()
            self._pool = self._fresh()
            return self._pool.submit(process_chunk, batch, work)

    def wait(self, handle: Future[ChunkResult], timeout: float) -> ChunkResult:
        try:
            return handle.result(timeout=timeout)
        except BrokenProcessPool:
            self._abandon()
            raise WorkerLost() from None
        except FutureTimeout:
            self._abandon()
            raise WorkerLost(
                "timeout",
                f"processing this record took longer than the limit ({timeout:.0f} s for its "
                "chunk), alone as well; its worker was stopped",
            ) from None

    def _abandon(self, manager_seconds: float | None = None) -> None:
        """Stop the pool and wait until its manager thread has finished with it.

        CPython's executor cleans up a broken pool in its own manager thread; touching the
        pool meanwhile (a submit that spawns a worker, a shutdown) races with that clean-up
        ("handle is closed", "dictionary changed size during iteration"). So the workers are
        killed, the manager thread is left to fail every pending future and end, and only
        then is the pool shut down and dropped; the next submit starts a fresh pool."""
        pool, self._pool = self._pool, None
        if pool is None:
            return
        _kill(_processes_of(pool))
        manager = getattr(pool, "_executor_manager_thread", None)
        if manager is not None:
            # a worker forked just now enters the pool's table only after it has started: one
            # missed by the first pass would keep the manager thread waiting for its chunk, so
            # the table is read again until the thread ends
            wait = MANAGER_SECONDS if manager_seconds is None else manager_seconds
            deadline = time.monotonic() + wait
            while manager.is_alive() and time.monotonic() < deadline:
                manager.join(timeout=0.1)
                _kill(_processes_of(pool))
        with contextlib.suppress(OSError, RuntimeError):
            pool.shutdown(wait=False, cancel_futures=True)

    def reset(self) -> None:
        self._abandon()

    def close(self) -> None:
        if self._pool is not None:
            with contextlib.suppress(OSError):
                self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def abort(self) -> None:
        # interrupted: the workers are killed and the manager thread gets a moment, not a
        # minute (a thread left blocked is the command's to leave behind, see cli.ingest)
        self._abandon(ABORT_SECONDS)


#: How long a broken pool's manager thread gets to fail its futures and end.
MANAGER_SECONDS = 60.0
#: ... and when the run is interrupted.
ABORT_SECONDS = 5.0


def _kill(processes: list[Any]) -> None:
    for process in processes:
        with contextlib.suppress(OSError, ValueError, AttributeError):  # already gone
            process.kill()


def _processes_of(pool: ProcessPoolExecutor) -> list[Any]:
    processes: dict[Any, Any] = getattr(pool, "_processes", None) or {}
    for _ in range(10):  # the manager thread may change the table while it is copied
        try:
            return list(processes.values())
        except RuntimeError:
            continue
    return []


def make(workers: int = 1, record_seconds: float = RECORD_SECONDS, **_ignored: Any) -> Engine:
    if workers <= 1:
        return InProcessEngine()
    return ProcessPoolEngine(workers, record_seconds)

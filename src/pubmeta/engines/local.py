"""The local engine: in this process (one worker), or a pool of local worker processes."""

from __future__ import annotations

import contextlib
import multiprocessing
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from ..pipeline.units import Unit
from ..pipeline.work import ChunkResult, Work, process_chunk
from .base import RECORD_SECONDS, Engine, IsolatingEngine, WorkerLost, watch_parent


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
            mp_context=multiprocessing.get_context(),
            initializer=watch_parent,
        )

    def submit(self, batch: list[Unit], work: Work) -> Future[ChunkResult]:
        if self._pool is None:
            self._pool = self._fresh()
        try:
            return self._pool.submit(process_chunk, batch, work)
        except (BrokenProcessPool, RuntimeError):
            self.reset()
            self._pool = self._fresh()
            return self._pool.submit(process_chunk, batch, work)

    def wait(self, handle: Future[ChunkResult], timeout: float) -> ChunkResult:
        try:
            return handle.result(timeout=timeout)
        except BrokenProcessPool:
            raise WorkerLost() from None
        except FutureTimeout:
            self._kill()
            raise WorkerLost(
                "timeout",
                f"processing this record took longer than the limit ({timeout:.0f} s for its "
                "chunk), alone as well; its worker was stopped",
            ) from None

    def _kill(self) -> None:
        pool = self._pool
        if pool is None:
            return
        processes: dict[Any, Any] = getattr(pool, "_processes", None) or {}
        for process in list(processes.values()):
            with contextlib.suppress(OSError, ValueError):  # already gone
                process.kill()
        # a pool whose manager thread has ended can fail to wake it ("handle is closed")
        with contextlib.suppress(OSError):
            pool.shutdown(wait=False, cancel_futures=True)

    def reset(self) -> None:
        self._kill()
        self._pool = None

    def close(self) -> None:
        if self._pool is not None:
            with contextlib.suppress(OSError):
                self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def abort(self) -> None:
        self.reset()


def make(workers: int = 1, record_seconds: float = RECORD_SECONDS, **_ignored: Any) -> Engine:
    if workers <= 1:
        return InProcessEngine()
    return ProcessPoolEngine(workers, record_seconds)

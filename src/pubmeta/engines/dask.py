"""The ingest pipeline on a Dask distributed cluster (``pip install 'pubmeta[dask]'``).

The driver reads inputs into the same chunks as the local engine and submits them to the
cluster through the same bounded window, taking results back in submission order: the output
is the same files, byte for byte, as a local run. Tasks are submitted without retries, and a
cluster pubmeta starts itself lets no task survive a worker's death (Dask would otherwise count
every task that was on a dying worker as suspicious, and blame innocent records). On a death
the engine drains the window and bisects with nothing else in flight (:mod:`.base`). Every
wait has a time limit, and a cluster with no workers left is an error, not a hang.
"""

from __future__ import annotations

import contextlib
import logging
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

from ..collector import bulk
from ..errors import IngestError
from ..pipeline.units import Unit
from ..pipeline.work import ChunkResult, Work, process_chunk
from .base import RECORD_SECONDS, IsolatingEngine, WorkerLost

#: How long a cluster may have no worker at all before the run gives up.
NO_WORKERS_GRACE = 30.0
#: How long to wait for a dead worker's replacement before going on with those that are left.
RESTART_SECONDS = 5.0
#: How long to wait for a finished chunk's result to arrive from its worker.
GATHER_SECONDS = 30.0
#: How long to wait for a scheduler that does not answer.
CONNECT_SECONDS = 15.0


def _distributed() -> Any:
    try:
        import distributed
    except ImportError:
        raise IngestError(
            "the Dask engine needs dask.distributed: pip install 'pubmeta[dask]'"
        ) from None
    return distributed


class DaskEngine(IsolatingEngine[Any]):
    def __init__(
        self,
        scheduler: str | None = None,
        workers: int = 2,
        client: Any | None = None,
        record_seconds: float = RECORD_SECONDS,
        scheduler_allowed_failures: int | None = None,
    ) -> None:
        distributed = _distributed()

        self._owned: list[Any] = []
        self._patience: Any = None
        self._killed = distributed.KilledWorker
        self._cancelled = getattr(distributed, "CancelledError", None)
        if client is not None:
            self.client = client
        elif scheduler:
            try:
                self.client = distributed.Client(scheduler, timeout=CONNECT_SECONDS)
            except (OSError, TimeoutError) as error:
                raise IngestError(
                    f"cannot reach the Dask scheduler at {scheduler}: {str(error)[:160]}"
                ) from None
            self._owned.append(self.client)
        else:
            self._start_local_cluster(distributed, workers)
        workers_now = len(self.client.scheduler_info().get("workers", {})) or workers
        self.expected_workers = max(workers_now, 1)
        # A shared scheduler's settings are its tenants' too: changed only when asked for
        # (a cluster started here is made with no retries, see _start_local_cluster).
        self._failures_before = self._allow_failures(scheduler_allowed_failures)
        super().__init__(window=2 * self.expected_workers, record_seconds=record_seconds)

    def _start_local_cluster(self, distributed: Any, workers: int) -> None:
        """A LocalCluster of this run's own, with no task retries on its scheduler (a task
        that was on a dying worker fails at once instead of moving on, and killing, again).

        Its deploy code closes the nanny of a worker that has not come back within
        ``lost-worker-timeout``; poison records kill workers in quick succession, and a closed
        nanny never restarts its worker. Dask reads that setting from its global config while
        the cluster runs, so it is set for the run only: undone at close, or at once when
        the cluster cannot be started."""
        import dask

        self._patience = dask.config.set({"distributed.deploy.lost-worker-timeout": "1h"})
        try:
            with dask.config.set({"distributed.scheduler.allowed-failures": 0}):
                cluster = distributed.LocalCluster(
                    n_workers=max(workers, 1),
                    threads_per_worker=1,
                    processes=True,
                    # its HTTP server on a free port: ':8787' may be taken by another cluster
                    dashboard_address=":0",
                    # a poison record makes the scheduler log each worker death as an ERROR;
                    # the run reports them itself (worker-died rejects), once, plainly
                    silence_logs=logging.CRITICAL,
                    # each worker process runs dask_setup below when it starts
                    preload=[__name__],
                )
                self._owned.append(cluster)
                self.client = distributed.Client(cluster)
                self._owned.insert(0, self.client)
        except BaseException:
            self.close()
            raise

    def _allow_failures(self, count: int | None) -> int | None:
        """Set how many worker deaths a task may survive on the scheduler (0: none, so a task
        that was on a dying worker fails at once instead of moving on, and killing, again);
        returns the previous setting. Sent by value: the scheduler needs no pubmeta."""
        if count is None:
            return None

        def allow(dask_scheduler: Any, value: int = count) -> int:
            previous = int(dask_scheduler.allowed_failures)
            dask_scheduler.allowed_failures = value
            return previous

        try:
            previous: int = self.client.run_on_scheduler(allow)
        except Exception:  # a scheduler that refuses: its own retries stay (slower, still right)
            return None
        return previous

    def reset(self) -> None:
        """After a death: wait until the cluster has a worker again (an IngestError when it has
        none for NO_WORKERS_GRACE seconds)."""
        started = time.monotonic()
        asked = False
        while time.monotonic() - started < NO_WORKERS_GRACE:
            present = self._workers()
            waited = time.monotonic() - started
            # a worker to run the next suspect alone is all it takes (the dead one comes back
            # when its nanny has restarted it)
            if present:
                return
            if not asked and waited > RESTART_SECONDS:
                asked = self._ask_for_workers()
            time.sleep(0.1)
        if self._workers() == 0:
            raise IngestError(
                f"the Dask cluster has had no workers for {NO_WORKERS_GRACE:.0f} s "
                "(they died and were not replaced); the run cannot go on"
            )

    def submit(self, batch: list[Unit], work: Work) -> Any:
        # a cluster of this run's own runs its chunks in bulk mode; a shared one's workers
        # run other tenants' tasks beside ours, so their collector is left alone
        task = process_chunk_in_bulk if self._patience is not None else process_chunk
        return self.client.submit(task, batch, work, pure=False, retries=0)

    def _workers(self) -> int:
        """Workers the scheduler knows now (asked with a time limit: a scheduler that does
        not answer has no workers for us)."""
        try:
            info = self.client.sync(self.client.scheduler.identity, callback_timeout=10)
            return len(info.get("workers", {}))
        except Exception:
            return 0

    def _ask_for_workers(self) -> bool:
        """A cluster object in this process (a LocalCluster) can be asked for replacements
        when its nannies gave up on their workers; a remote scheduler cannot."""
        cluster = getattr(self.client, "cluster", None)
        scale = getattr(cluster, "scale", None)
        if scale is None:
            return False
        with contextlib.suppress(Exception):
            scale(self.expected_workers)
        return True

    def wait(self, handle: Any, timeout: float) -> ChunkResult:
        distributed = _distributed()
        deadline = time.monotonic() + timeout
        alone_since: float | None = None
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                handle.cancel()
                raise WorkerLost(
                    "timeout",
                    f"processing this record took longer than the limit ({timeout:.0f} s for "
                    "its chunk), alone as well",
                )
            try:
                distributed.wait([handle], timeout=min(1.0, left))
            except distributed.TimeoutError:
                pass
            except TimeoutError:
                pass
            if handle.done():
                break
            if self._workers() == 0:
                alone_since = alone_since or time.monotonic()
                if time.monotonic() - alone_since > NO_WORKERS_GRACE:
                    raise IngestError(
                        f"the Dask cluster has had no workers for {NO_WORKERS_GRACE:.0f} s "
                        "(they died and were not replaced); the run cannot go on"
                    )
            else:
                alone_since = None
        try:
            result: ChunkResult = handle.result(timeout=GATHER_SECONDS)
            return result
        except self._killed:
            raise WorkerLost() from None
        except (TimeoutError, distributed.TimeoutError):
            # finished, but its result was on a worker that died before it was gathered
            raise WorkerLost() from None
        except Exception as error:
            if self._cancelled is not None and isinstance(error, self._cancelled):
                raise WorkerLost() from None
            raise

    def close(self) -> None:
        if getattr(self, "_failures_before", None) is not None:
            self._allow_failures(self._failures_before)
            self._failures_before = None
        if self._patience is not None:
            self._patience.__exit__(None, None, None)
            self._patience = None
        for owned in self._owned:
            with contextlib.suppress(Exception):  # a cluster that lost its workers may complain
                owned.close()
        self._owned = []


def dask_setup(worker: Any) -> None:
    """Run by each worker process of a cluster the run started itself (its ``preload``), in
    the worker's main thread. Ctrl-C at a terminal reaches the whole process group, these
    workers too; the driver ends the run and closes the cluster, so a worker ignores the
    interrupt rather than print a KeyboardInterrupt traceback each (the process is pubmeta's
    own: a remote cluster's workers are never touched)."""
    import signal
    import threading

    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGINT, signal.SIG_IGN)


def process_chunk_in_bulk(units: Sequence[Unit], work: Work) -> ChunkResult:
    """:func:`~pubmeta.pipeline.work.process_chunk` in bulk mode (see
    :mod:`pubmeta.collector`), for the workers of a cluster the run started itself, which run
    nothing but its chunks."""
    with bulk():
        return process_chunk(units, work)


def make(
    workers: int = 2,
    scheduler: str | None = None,
    client: Any | None = None,
    record_seconds: float = RECORD_SECONDS,
    scheduler_allowed_failures: int | None = None,
    **_ignored: Any,
) -> DaskEngine:
    return DaskEngine(
        scheduler=scheduler,
        workers=workers,
        client=client,
        record_seconds=record_seconds,
        scheduler_allowed_failures=scheduler_allowed_failures,
    )


def ingest(
    paths: Sequence[str | Path],
    to: str | Sequence[str],
    out: str | Path,
    *,
    client: Any | None = None,
    scheduler: str | None = None,
    workers: int = 2,
    rejects: str | Path | None = None,
    chunk_size: int = 500,
    overwrite: bool = False,
    progress: TextIO | None = None,
    options: dict[str, dict[str, Any]] | None = None,
    scheduler_allowed_failures: int | None = None,
) -> Any:
    """:func:`pubmeta.pipeline.ingest` on a Dask cluster: an existing ``client``, a scheduler
    address, or a new LocalCluster of ``workers`` processes.

    ``scheduler_allowed_failures``: how many worker deaths a task may survive on an existing
    cluster's scheduler during the run (0: a record that kills its worker fails at once,
    instead of killing a worker again on each retry; set back when the run ends). A shared
    scheduler's settings are its other users' too, so they are left alone unless this is
    given; a cluster the run starts itself always has 0."""
    from ..pipeline import ingest as local_ingest

    return local_ingest(
        paths,
        to,
        out,
        rejects=rejects,
        chunk_size=chunk_size,
        overwrite=overwrite,
        progress=progress,
        options=options,
        engine_factory=lambda: DaskEngine(
            scheduler=scheduler,
            workers=workers,
            client=client,
            scheduler_allowed_failures=scheduler_allowed_failures,
        ),
    )

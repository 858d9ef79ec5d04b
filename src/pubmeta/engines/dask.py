"""The ingest pipeline on a Dask distributed cluster (``pip install 'pubmeta[dask]'``).

The driver reads inputs into the same chunks as the local engine and submits them to the
cluster through a bounded window, taking results back in submission order: the output is the
same files, byte for byte, as a local run. A chunk whose worker keeps dying (Dask reports
KilledWorker after its retries) is redone one record per task, and a record that still kills
its worker is rejected as ``worker-died``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, TextIO

from ..errors import PubmetaError
from ..pipeline import ChunkResult, Engine, Summary, Unit, Window, process_chunk, worker_died
from ..pipeline import ingest as _ingest


def _distributed() -> Any:
    try:
        import distributed
    except ImportError:
        raise PubmetaError(
            "the Dask engine needs dask.distributed: pip install 'pubmeta[dask]'"
        ) from None
    return distributed


class DaskEngine(Engine):
    def __init__(
        self, scheduler: str | None = None, workers: int = 2, client: Any | None = None
    ) -> None:
        distributed = _distributed()
        self._owned: list[Any] = []
        if client is not None:
            self.client = client
        elif scheduler:
            self.client = distributed.Client(scheduler)
            self._owned.append(self.client)
        else:
            cluster = distributed.LocalCluster(
                n_workers=max(workers, 1),
                threads_per_worker=1,
                processes=True,
                dashboard_address=None,
            )
            self.client = distributed.Client(cluster)
            self._owned += [self.client, cluster]
        self._killed = distributed.KilledWorker
        workers_now = len(self.client.scheduler_info().get("workers", {})) or workers
        self.window = 2 * max(workers_now, 1)

    def run(self, batches: Iterable[list[Unit]], targets: Sequence[str]) -> Iterator[ChunkResult]:
        def submit(batch: list[Unit]) -> Any:
            return self.client.submit(process_chunk, batch, list(targets), pure=False)

        for batch, future in Window(batches, self.window, submit):
            try:
                yield future.result()
            except self._killed:
                yield self._one_by_one(batch, targets)

    def _one_by_one(self, batch: list[Unit], targets: Sequence[str]) -> ChunkResult:
        results = ChunkResult()
        for unit in batch:
            future = self.client.submit(process_chunk, [unit], list(targets), pure=False)
            try:
                results.extend(future.result())
            except self._killed:
                results.extend(worker_died([unit]))
        return results

    def close(self) -> None:
        for owned in self._owned:
            owned.close()


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
) -> Summary:
    """:func:`pubmeta.pipeline.ingest` on a Dask cluster: an existing ``client``, a scheduler
    address, or a new LocalCluster of ``workers`` processes."""
    return _ingest(
        paths,
        to,
        out,
        rejects=rejects,
        chunk_size=chunk_size,
        overwrite=overwrite,
        progress=progress,
        engine_factory=lambda: DaskEngine(scheduler=scheduler, workers=workers, client=client),
    )

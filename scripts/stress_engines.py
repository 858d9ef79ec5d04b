"""Local engine and Dask cluster, with workers killed by poison records, N runs in a row:
every run must give byte-identical output on both, and end (each run has a time limit).

    python scripts/stress_engines.py [RUNS] [RECORDS]        (default 30 runs, 400 records)

Each run builds JSON Lines with faults at known lines (malformed JSON, invalid records, bad
bytes, and records that kill the worker process reading them), ingests them with the local
process pool and with a Dask LocalCluster of two worker processes (chunk size 20), compares
the two output folders file by file, and checks that every killer, and nothing else, was
rejected as worker-died.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from multiprocessing import get_context
from pathlib import Path

KILL = "KILL-ME"
LIMIT_SECONDS = 600


def _input(folder: Path, count: int) -> tuple[Path, list[str]]:
    lines: list[bytes] = []
    killers: list[str] = []
    for index in range(count):
        if index % 17 == 5:
            lines.append(b'{"type": "article", "title": "broken",')
        elif index % 17 == 9:
            lines.append(json.dumps({"title": f"Record {index}", "page_count": 0}).encode())
        elif index % 17 == 12:
            lines.append(b'{"title": "caf\xe9"}')
        elif index % 17 == 14:
            lines.append(json.dumps({"title": f"{KILL} {index}"}).encode())
            killers.append(str(index + 1))
        else:
            record = {"type": "article", "title": f"Record {index}", "dates": {"published": "2020"}}
            lines.append(json.dumps(record).encode())
    path = folder / "input.jsonl"
    path.write_bytes(b"\n".join(lines) + b"\n")
    return path, killers


def _snapshot(out: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(out)): p.read_bytes()
        for p in sorted(out.rglob("*"))
        if p.is_file() and p.name != "summary.json"
    }


def _one_run(count: int, result: dict[str, object]) -> None:
    os.environ["PUBMETA_INGEST_KILL_ON"] = KILL
    import distributed

    from pubmeta.engines.dask import ingest as dask_ingest
    from pubmeta.pipeline import ingest

    folder = Path(tempfile.mkdtemp(prefix="pubmeta-stress-"))
    source, killers = _input(folder, count)
    started = time.perf_counter()
    ingest([source], "pubmeta,jats,csl", folder / "local", workers=2, chunk_size=20)
    local_seconds = time.perf_counter() - started
    started = time.perf_counter()
    with (
        distributed.LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            silence_logs=50,
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        dask_ingest([source], "pubmeta,jats,csl", folder / "dask", client=client, chunk_size=20)
    dask_seconds = time.perf_counter() - started
    died = [
        json.loads(line)["position"]
        for line in (folder / "dask" / "rejects.jsonl").read_text().splitlines()
        if "worker-died" in line
    ]
    result.update(
        identical=_snapshot(folder / "local") == _snapshot(folder / "dask"),
        blamed_right=died == killers,
        local=local_seconds,
        dask=dask_seconds,
    )


def _run_with_limit(count: int) -> dict[str, object]:
    context = get_context("spawn")
    with context.Manager() as manager:
        shared = manager.dict()
        process = context.Process(target=_worker, args=(count, shared))
        process.start()
        process.join(LIMIT_SECONDS)
        if process.is_alive():
            process.kill()
            return {"hung": True}
        return dict(shared)


def _worker(count: int, shared: dict[str, object]) -> None:
    result: dict[str, object] = {}
    try:
        _one_run(count, result)
    except BaseException as error:  # the run's own failure is the finding: report it
        import traceback

        frames = traceback.format_exception(error)[-6:]
        result["error"] = f"{type(error).__name__}: {error}\n" + "".join(frames)
    shared.update(result)


def main() -> int:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 30
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 400
    failures = 0
    for number in range(1, runs + 1):
        result = _run_with_limit(count)
        ok = bool(result.get("identical")) and bool(result.get("blamed_right"))
        failures += not ok
        if result.get("hung"):
            shown = "HUNG"
        elif result.get("error"):
            shown = f"FAILED {result['error']}"
        else:
            shown = (
                f"identical={result.get('identical')} killers-only={result.get('blamed_right')} "
                f"local {result.get('local', 0):.1f} s, dask {result.get('dask', 0):.1f} s"
            )
        print(f"run {number:2}: {shown}", flush=True)
    print(f"{runs - failures} of {runs} runs byte-identical with only the killers rejected")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

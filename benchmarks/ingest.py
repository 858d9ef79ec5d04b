"""End-to-end ingest throughput and memory: N records of JSON Lines through `pubmeta ingest`.

    python benchmarks/ingest.py [N ...]            (default: 100000 1000000)

For each N it writes N native records (about 1.9 KB each: the seed with six authors) to a
temporary JSON Lines file, then ingests it to pubmeta JSON Lines and CSL-JSON Lines with 1 and
with 2 workers, printing records/s and the peak resident memory of the driver and of the
largest worker. Peak memory should not grow with N: the input is streamed line by line and
only a bounded window of chunks is in flight. (XML targets write one file per record; they are
measured by benchmarks/convert_formats.py instead, to keep a million files off the disk here.)
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pubmeta

SEED = Path(__file__).resolve().parents[1] / "seeds" / "000_d4b476da1a4995c2.yaml"

RUNNER = """
import json, resource, sys, time
from pubmeta.pipeline import ingest
source, out, workers = sys.argv[1], sys.argv[2], int(sys.argv[3])
started = time.perf_counter()
summary = ingest([source], "pubmeta,csl", out, workers=workers, chunk_size=500)
elapsed = time.perf_counter() - started
print(json.dumps({
    "written": summary.written, "rejected": summary.rejected, "seconds": elapsed,
    "driver_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    "worker_mib": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
}))
"""


def make_input(count: int, folder: Path) -> Path:
    (seed,) = pubmeta.read(SEED)
    base = seed.model_dump(mode="json", exclude_defaults=True)
    base["contributors"] = base["contributors"][:6]
    base["abstract"] = base["abstract"][:900]
    path = folder / f"input-{count}.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for index in range(count):
            base["title"] = f"Record {index}: {seed.title}"
            base["identifiers"] = {"doi": f"10.3390/ijms{index:08d}"}
            out.write(json.dumps(base, ensure_ascii=False) + "\n")
    return path


def main() -> int:
    sizes = [int(a) for a in sys.argv[1:]] or [100_000, 1_000_000]
    print(f"{'records':>10} {'workers':>7} {'records/s':>10} {'driver MiB':>11} {'worker MiB':>11}")
    with tempfile.TemporaryDirectory() as folder:
        for count in sizes:
            source = make_input(count, Path(folder))
            for workers in (1, 2):
                out = Path(folder) / f"out-{count}-{workers}"
                started = time.perf_counter()
                result = subprocess.run(
                    [sys.executable, "-c", RUNNER, str(source), str(out), str(workers)],
                    capture_output=True,
                    text=True,
                    check=True,
                )
                figures = json.loads(result.stdout)
                assert figures["written"] == count, figures
                rate = count / figures["seconds"]
                print(
                    f"{count:>10,} {workers:>7} {rate:>10,.0f} {figures['driver_mib']:>11,.0f} "
                    f"{figures['worker_mib']:>11,.0f}   ({time.perf_counter() - started:.0f} s)"
                )
                subprocess.run(["rm", "-rf", str(out)], check=True)
            source.unlink()
    return 0


if __name__ == "__main__":
    sys.exit(main())

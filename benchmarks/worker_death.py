"""The cost of one worker-killing record: `pubmeta ingest` of 2,000 records with and without it.

    python benchmarks/worker_death.py [N [ROUNDS [WORKERS]]]   (default 2000 records, 5, 2)

Two JSON Lines inputs of N native records: one clean, one where the middle record kills the
worker process that reads it (the project's ``PUBMETA_INGEST_KILL_ON`` switch, as a crashing
parser would). Each is ingested to pubmeta JSON Lines with WORKERS workers, the two runs
alternating, ROUNDS times; printed: the median seconds of each, the extra cost of the death
(the pool is rebuilt and the chunk retried record by record to find the culprit), and a check
that N-1 records were written and the one rejected as ``worker-died``.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

KILL = "KILL-ME"


def make_input(path: Path, count: int, with_killer: bool) -> None:
    with path.open("w", encoding="utf-8") as out:
        for index in range(count):
            if with_killer and index == count // 2:
                out.write(json.dumps({"title": f"{KILL} {index}"}) + "\n")
                continue
            record = {
                "type": "article",
                "title": f"Record {index}",
                "contributors": [{"family": "Smith", "given": "Ann"}],
                "identifiers": {"doi": f"10.1234/bench.{index}"},
                "dates": {"published": f"{1990 + index % 30}-{1 + index % 12:02d}"},
                "abstract": "Text of the abstract. " * 40,
            }
            out.write(json.dumps(record) + "\n")


def run(source: Path, out: Path, workers: int) -> tuple[float, str, str]:
    env = {**os.environ, "PUBMETA_INGEST_KILL_ON": KILL}
    command = [sys.executable, "-m", "pubmeta", "ingest", str(source), "-t", "pubmeta",
               "--out", str(out), "--workers", str(workers), "--quiet", "--overwrite",
               "--rejects", str(out) + ".rejects.jsonl"]  # fmt: skip
    started = time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - started
    if done.returncode not in (0, 1):
        raise SystemExit(f"ingest failed ({done.returncode}): {done.stderr[-800:]}")
    rejects = Path(str(out) + ".rejects.jsonl")
    return elapsed, rejects.read_text("utf-8") if rejects.exists() else "", str(out)


def main() -> int:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    workers = int(sys.argv[3]) if len(sys.argv) > 3 else 2
    with tempfile.TemporaryDirectory() as folder:
        clean, killing = Path(folder) / "clean.jsonl", Path(folder) / "killing.jsonl"
        make_input(clean, count, with_killer=False)
        make_input(killing, count, with_killer=True)
        plain: list[float] = []
        dying: list[float] = []
        rejected = ""
        for round_ in range(rounds + 1):  # the first round warms the disk cache, not counted
            seconds, _, _ = run(clean, Path(folder) / "out-clean", workers)
            if round_:
                plain.append(seconds)
            seconds, rejected, _ = run(killing, Path(folder) / "out-killing", workers)
            if round_:
                dying.append(seconds)
        records = (Path(folder) / "out-killing" / "records.jsonl").read_text("utf-8")
        written = len(records.splitlines())
    rules = [i["rule"] for line in rejected.splitlines() for i in json.loads(line)["issues"]]
    a, b = statistics.median(plain), statistics.median(dying)
    print(f"ingest of {count:,} records, {workers} workers, {rounds} alternating rounds, medians")
    print(f"  clean input                  {a:6.2f} s")
    print(f"  one worker-killing record    {b:6.2f} s   (+{b - a:.2f} s for the death)")
    print(f"  written {written:,} of {count:,}; rejected: {rules}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Soak: push N records (default 1,000,000) with injected faults through `pubmeta ingest`,
kill the first run with SIGKILL part-way, let the second run recover and finish, and check
that nothing is lost, duplicated or clobbered. Not part of CI (it runs for many minutes).

    python benchmarks/soak.py [N [WORKERS]]

Faults every 1,000 lines: malformed JSON, a record the schema refuses, undecodable bytes, a
number of 5,000 digits, and one record in 50,000 that kills the worker process reading it
(the project's PUBMETA_INGEST_KILL_ON switch). Checks, after the second run: exit 1 (some
rejected); written + rejected == N; every fault line rejected with its rule and nothing else;
records.jsonl has exactly the written lines, in input order; no staging folder left; peak
memory of the driver printed beside the input size.
"""

from __future__ import annotations

import json
import os
import resource
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

KILL = "KILL-ME"


def make_input(path: Path, count: int) -> dict[int, str]:
    """Write the input; return {line number: expected rule} for every faulty line."""
    faults: dict[int, str] = {}
    with path.open("wb") as out:
        for index in range(count):
            line_number = index + 1
            slot = index % 1000
            if slot == 101:
                out.write(b'{"type": "article", "title": "broken",\n')
                faults[line_number] = "json-syntax"
            elif slot == 303:
                out.write(json.dumps({"title": f"R{index}", "page_count": 0}).encode() + b"\n")
                faults[line_number] = "minimum"
            elif slot == 505:
                out.write(b'{"title": "caf\xe9"}\n')
                faults[line_number] = "encoding"
            elif slot == 707:
                out.write(b'{"title": "T", "page_count": ' + b"9" * 5000 + b"}\n")
                faults[line_number] = "number-too-long"
            elif index % 50_000 == 909:
                out.write(json.dumps({"title": f"{KILL} {index}"}).encode() + b"\n")
                faults[line_number] = "worker-died"
            else:
                record = {
                    "type": "article",
                    "title": f"Record {index}",
                    "identifiers": {"doi": f"10.1234/soak.{index}"},
                    "dates": {"published": f"{1990 + index % 30}-{1 + index % 12:02d}"},
                }
                out.write(json.dumps(record).encode() + b"\n")
    return faults


def ingest(source: Path, out: Path, workers: int) -> subprocess.Popen[str]:
    env = {**os.environ, "PUBMETA_INGEST_KILL_ON": KILL}
    command = [sys.executable, "-m", "pubmeta", "ingest", str(source), "-t", "pubmeta"]
    command += ["--out", str(out), "--workers", str(workers), "--quiet", "--overwrite"]
    return subprocess.Popen(
        command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def main() -> int:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    workers = int(sys.argv[2]) if len(sys.argv) > 2 else 2
    problems: list[str] = []
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        source = folder / "input.jsonl"
        faults = make_input(source, count)
        out = folder / "out"
        print(f"{count} records, {len(faults)} faults, {source.stat().st_size / 1e6:.0f} MB")

        first = ingest(source, out, workers)
        time.sleep(max(2.0, count / 40_000))  # part-way through
        first.send_signal(signal.SIGKILL)  # the driver dies mid-run, workers with it
        first.wait()
        time.sleep(1)
        print(f"first run killed: exit {first.returncode}; out exists: {out.exists()}")

        started = time.perf_counter()
        second = ingest(source, out, workers)
        _, err = second.communicate()
        seconds = time.perf_counter() - started
        rate = count / seconds
        print(f"second run: exit {second.returncode} in {seconds:.0f} s ({rate:,.0f} records/s)")
        if err.strip():
            print("  stderr: " + err.strip().replace("\n", "\n  "))
        if second.returncode != 1:
            problems.append(f"second run exited {second.returncode}, expected 1")

        rejected: dict[int, str] = {}
        with (out / "rejects.jsonl").open(encoding="utf-8") as lines:
            for line in lines:
                reject = json.loads(line)
                rules = {issue["rule"] for issue in reject["issues"]}
                rejected[int(reject["position"])] = sorted(rules)[0]
        written = 0
        expected_index = 0
        ordered = True
        with (out / "records.jsonl").open(encoding="utf-8") as lines:
            for line in lines:
                written += 1
                index = int(json.loads(line)["title"].split()[-1])
                while expected_index + 1 in faults:
                    expected_index += 1
                ordered &= index == expected_index
                expected_index += 1
        if written + len(rejected) != count:
            problems.append(f"written {written} + rejected {len(rejected)} != {count}")
        if set(rejected) != set(faults):
            problems.append(
                f"rejected lines differ from fault lines: {len(set(rejected) ^ set(faults))}"
            )
        wrong = [n for n, rule in rejected.items() if faults.get(n) not in (rule, None)]
        if wrong:
            problems.append(f"{len(wrong)} rejects with another rule, e.g. line {wrong[0]}")
        if not ordered:
            problems.append("records.jsonl is not in input order")
        leftovers = [p.name for p in folder.iterdir() if p.name.startswith(".out")]
        if leftovers:
            problems.append(f"staging left behind: {leftovers}")
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(f"written {written}, rejected {len(rejected)}; peak RSS of a child {peak:.0f} MB")
    for problem in problems:
        print("PROBLEM:", problem)
    print("soak: OK" if not problems else "soak: FAILED")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())

"""The error path beside the valid path: `pubmeta validate` of N JSON Lines records, once all
valid and once with one finding on every line, run alternately; medians and the ratio.

    python benchmarks/error_path.py [N [ROUNDS]]     (default 100000 records, 3 rounds)

The invalid lines rotate through the kinds of finding users meet (an unknown property, a wrong
ISSN check character, a malformed DOI, an impossible date), each placed by line and column,
so the figure covers locating findings as well as finding them (issue 11 asks for the error
path within 5x of the valid one). Findings go to /dev/null, as a pipeline would send them to a
file; the command is the real one, in its own process.
"""

from __future__ import annotations

import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from validate_native import make_input

#: One finding per line, by kind: (field path, bad value) set on a valid record.
FAULTS = (
    (("titel",), "A misspelt key"),
    (("container", "issn_print"), "0378-5956"),
    (("identifiers", "doi"), "doi:10.1000/x"),
    (("dates", "published"), "2023-02-30"),
)


def make_invalid(valid: Path, folder: Path) -> Path:
    path = folder / "invalid.jsonl"
    with valid.open(encoding="utf-8") as lines, path.open("w", encoding="utf-8") as out:
        for index, line in enumerate(lines):
            record = json.loads(line)
            keys, value = FAULTS[index % len(FAULTS)]
            place = record
            for key in keys[:-1]:
                place = place.setdefault(key, {})
            place[keys[-1]] = value
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def run_validate(path: Path) -> tuple[float, int, str]:
    started = time.perf_counter()
    with open("/dev/null", "w") as sink:
        result = subprocess.run(
            [sys.executable, "-m", "pubmeta", "validate", str(path)],
            stdout=sink,
            stderr=subprocess.PIPE,
            text=True,
        )
    return time.perf_counter() - started, result.returncode, result.stderr[-300:]


def main() -> int:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        valid = make_input(count, folder, authors=6, abstract_chars=900)
        invalid = make_invalid(valid, folder)
        times: dict[str, list[float]] = {"valid": [], "invalid": []}
        for _ in range(rounds):
            for label, path, expected in (("valid", valid, 0), ("invalid", invalid, 1)):
                seconds, code, err = run_validate(path)
                if code != expected:
                    print(f"{label}: exit {code}, expected {expected}: {err}")
                    return 1
                times[label].append(seconds)
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        size = invalid.stat().st_size / 1e6
    medians = {label: statistics.median(values) for label, values in times.items()}
    print(f"{count} records ({size:.0f} MB), {rounds} alternating rounds, medians:")
    for label in ("valid", "invalid"):
        seconds = medians[label]
        print(f"  {label:8s} {seconds:7.2f} s  {count / seconds:9,.0f} records/s")
    ratio = medians["invalid"] / medians["valid"]
    print(f"  error path / valid path: {ratio:.2f}x (goal <= 5x); peak RSS {peak:.0f} MB")
    return 0 if ratio <= 5 else 1


if __name__ == "__main__":
    sys.exit(main())

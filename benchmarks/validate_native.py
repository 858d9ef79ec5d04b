"""Validate N native records from JSON Lines on one core; print records/s and peak memory.

    python benchmarks/validate_native.py [N [ROUNDS]]     (default 100000 records, 3 rounds)

The records are the seed (about 2 KB each) with varied titles, DOIs and dates, written to a
temporary JSON Lines file; the timing covers reading that file, the model's checks (made
without building instances, see pubmeta.checker) and every semantic rule: what
`pubmeta validate big.jsonl` does, except printing.
"""

from __future__ import annotations

import json
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

import pubmeta
from pubmeta import Publication
from pubmeta.reading import iter_source

SEED = Path(__file__).resolve().parents[1] / "seeds" / "000_d4b476da1a4995c2.yaml"


def make_input(count: int, folder: Path, authors: int = 13, abstract_chars: int = 10_000) -> Path:
    (seed,) = pubmeta.read(SEED)
    base = seed.model_dump(mode="json", exclude_defaults=True)
    base["contributors"] = base["contributors"][:authors]
    base["abstract"] = base["abstract"][:abstract_chars]
    path = folder / f"records-{authors}.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for index in range(count):
            base["title"] = f"Record {index}: {seed.title}"
            base["identifiers"] = {"doi": f"10.3390/ijms{index:08d}"}
            base["dates"] = {"published": f"{1990 + index % 35}-{1 + index % 12:02d}"}
            out.write(json.dumps(base, ensure_ascii=False) + "\n")
    return path


#: (label, authors, abstract characters): the seed as it is, and a record of the ~1.7 KB size
#: the issue's pydantic figure was measured on.
SHAPES = (("seed-shaped", 13, 10_000), ("1.7 KB", 6, 900))


def main() -> int:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    status = 0
    for label, authors, abstract_chars in SHAPES:
        status |= measure(label, count, authors, abstract_chars, rounds)
    return status


def validate_file(path: Path) -> tuple[int, int, float]:
    """(records, invalid, seconds) for what `pubmeta validate FILE` does, printing aside."""
    started = time.perf_counter()
    _label, checked = iter_source(path, build=False)  # as `pubmeta validate` does
    total = invalid = 0
    for item in checked:
        total += 1
        invalid += not item.ok
    return total, invalid, time.perf_counter() - started


def model_alone(path: Path) -> float:
    """Seconds for the floor the issue names: pydantic's model alone on the same lines."""
    started = time.perf_counter()
    with path.open("rb") as lines:
        for line in lines:
            Publication.model_validate_json(line)
    return time.perf_counter() - started


def measure(label: str, count: int, authors: int, abstract_chars: int, rounds: int) -> int:
    # This VM's speed drifts by a quarter from minute to minute, so each figure is taken in
    # several rounds (ours and the model's interleaved) and the median and best are printed.
    with tempfile.TemporaryDirectory() as folder:
        path = make_input(count, Path(folder), authors, abstract_chars)
        size = path.stat().st_size
        ours: list[float] = []
        floor: list[float] = []
        invalid = 0
        for _round in range(rounds):
            total, invalid_this_round, seconds = validate_file(path)
            invalid = max(invalid, invalid_this_round)
            ours.append(total / seconds)
            floor.append(total / model_alone(path))
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"{label}: {count:,} records ({size / count:,.0f} bytes each), {rounds} rounds: "
        f"pubmeta validate {statistics.median(ours):,.0f} records/s median, "
        f"{max(ours):,.0f} best (pydantic model alone: {statistics.median(floor):,.0f} median, "
        f"{max(floor):,.0f} best); invalid: {invalid}; peak RSS {peak_mib:,.0f} MiB"
    )
    return 0 if invalid == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
